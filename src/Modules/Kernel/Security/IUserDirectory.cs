namespace Collab.Kernel.Security;

/// <summary>A person as other people see them.</summary>
/// <param name="Id">User id.</param>
/// <param name="Email">Sign-in email.</param>
/// <param name="DisplayName">Name shown to others.</param>
/// <param name="Color">Presence color (CSS).</param>
public sealed record UserSummary(string Id, string Email, string DisplayName, string Color);

/// <summary>Finds people; implemented by the Host over ASP.NET Core Identity.</summary>
public interface IUserDirectory
{
    /// <summary>The user with this id, or null (also null for disabled users).</summary>
    Task<UserSummary?> FindAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Users by id; unknown ids are left out.</summary>
    Task<IReadOnlyDictionary<string, UserSummary>> FindManyAsync(IEnumerable<string> userIds, CancellationToken cancellationToken = default);

    /// <summary>Enabled users whose email or display name contains the text (case-insensitive), at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<UserSummary>> SearchAsync(string text, int limit = 20, CancellationToken cancellationToken = default);
}
