using System.Security.Claims;

namespace Collab.Kernel.Security;

/// <summary>Who is asking: a signed-in person or a service client.</summary>
/// <param name="UserId">The user's id (for a service client, its client id).</param>
/// <param name="IsSystemAdmin">System administrators administer every model.</param>
public sealed record Actor(string UserId, bool IsSystemAdmin);

/// <summary>Names of the claims and roles Collab relies on.</summary>
public static class CollabClaims
{
    /// <summary>The role of system administrators.</summary>
    public const string SystemAdminRole = "SystemAdmin";

    /// <summary>The user's display name.</summary>
    public const string DisplayName = "collab:display_name";

    /// <summary>The user's presence color (CSS color).</summary>
    public const string Color = "collab:color";

    /// <summary>The subject claim of OpenIddict tokens.</summary>
    public const string Subject = "sub";

    /// <summary>The role claim type used in tokens.</summary>
    public const string Role = "role";

    /// <summary>Reads the user id from a cookie or a token principal; null when anonymous.</summary>
    public static string? GetUserId(this ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true
            ? principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.FindFirstValue(Subject)
            : null;

    /// <summary>True when the principal is a system administrator (cookie or token).</summary>
    public static bool IsSystemAdmin(this ClaimsPrincipal principal) =>
        principal.IsInRole(SystemAdminRole) || principal.HasClaim(Role, SystemAdminRole) || principal.HasClaim(ClaimTypes.Role, SystemAdminRole);

    /// <summary>The actor for an authenticated principal.</summary>
    /// <exception cref="InvalidOperationException">The principal is anonymous.</exception>
    public static Actor ToActor(this ClaimsPrincipal principal) =>
        new(principal.GetUserId() ?? throw new InvalidOperationException("The principal is not signed in."), principal.IsSystemAdmin());

    /// <summary>The display name, falling back to the user name.</summary>
    public static string GetDisplayName(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(DisplayName) ?? principal.Identity?.Name ?? principal.GetUserId() ?? "Anonymous";
}
