using Microsoft.AspNetCore.Identity;

namespace Collab.Host.Identity;

/// <summary>A person who signs in to Collab.</summary>
public sealed class CollabUser : IdentityUser
{
    /// <summary>Name shown to other people.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>Presence color (CSS hex), used for cursors and avatars.</summary>
    public string Color { get; set; } = "#1e88e5";

    /// <summary>Disabled users cannot sign in or use tokens.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>When the current run of failed sign-ins began; failures older than the lockout window are forgotten.</summary>
    public DateTimeOffset? FirstFailedSignInAt { get; set; }

    /// <summary>When the account was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
}
