namespace Collab.Host.Identity;

/// <summary>Sign-in rules from <c>Identity</c> in appsettings.json.</summary>
public sealed class IdentitySettings
{
    public LockoutSettings Lockout { get; set; } = new();

    public PasswordSettings Password { get; set; } = new();

    public sealed class LockoutSettings
    {
        /// <summary>Failed sign-ins within the window that lock the account.</summary>
        public int MaxFailedAttempts { get; set; } = 5;

        /// <summary>Length of the counting window and of the lock, in minutes.</summary>
        public int Minutes { get; set; } = 15;
    }

    public sealed class PasswordSettings
    {
        public int RequiredLength { get; set; } = 10;

        /// <summary>PBKDF2 iterations of the password hash (ASP.NET Core's default).</summary>
        public int HashIterations { get; set; } = 100_000;
    }
}
