using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Collab.Host.Identity;

/// <summary>Why a sign-in failed (or that it worked).</summary>
public enum SignInOutcome
{
    Succeeded,
    InvalidCredentials,
    LockedOut,
    Disabled,
}

/// <summary>
/// Checks an email and password for the sign-in page and the token endpoint alike, counting failures
/// within a sliding window: <c>MaxFailedAttempts</c> failures within <c>Minutes</c> lock the account for <c>Minutes</c>.
/// </summary>
public sealed class SignInGuard(UserManager<CollabUser> users, IOptions<IdentitySettings> settings, TimeProvider time)
{
    /// <summary>Checks the credentials and updates the failure count and lock.</summary>
    public async Task<(SignInOutcome Outcome, CollabUser? User)> CheckAsync(string? email, string? password)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return (SignInOutcome.InvalidCredentials, null);
        }

        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            return (SignInOutcome.InvalidCredentials, null);
        }

        if (user.IsDisabled)
        {
            return (SignInOutcome.Disabled, null);
        }

        if (await users.IsLockedOutAsync(user))
        {
            return (SignInOutcome.LockedOut, null);
        }

        if (await users.CheckPasswordAsync(user, password))
        {
            if (user.AccessFailedCount > 0 || user.FirstFailedSignInAt is not null)
            {
                user.FirstFailedSignInAt = null;
                await users.ResetAccessFailedCountAsync(user);
            }

            return (SignInOutcome.Succeeded, user);
        }

        await RecordFailureAsync(user);
        return (await users.IsLockedOutAsync(user) ? SignInOutcome.LockedOut : SignInOutcome.InvalidCredentials, null);
    }

    private async Task RecordFailureAsync(CollabUser user)
    {
        var lockout = settings.Value.Lockout;
        var now = time.GetUtcNow();
        var window = TimeSpan.FromMinutes(lockout.Minutes);
        if (user.FirstFailedSignInAt is null || now - user.FirstFailedSignInAt > window)
        {
            // Failures older than the window no longer count.
            user.FirstFailedSignInAt = now;
            user.AccessFailedCount = 0;
        }

        user.AccessFailedCount++;
        if (user.AccessFailedCount >= lockout.MaxFailedAttempts)
        {
            user.LockoutEnd = now + window;
            user.AccessFailedCount = 0;
            user.FirstFailedSignInAt = null;
        }

        await users.UpdateAsync(user);
    }
}
