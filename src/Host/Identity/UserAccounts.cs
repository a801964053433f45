using Collab.Kernel.Security;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;

namespace Collab.Host.Identity;

/// <summary>Creates people: used by the admin page, <c>POST /api/users</c> and the demo seed.</summary>
public sealed class UserAccounts(UserManager<CollabUser> users, IOpenIddictTokenManager tokens, TimeProvider time)
{
    private static readonly string[] Palette = ["#e53935", "#8e24aa", "#3949ab", "#039be5", "#00897b", "#7cb342", "#fdd835", "#fb8c00", "#6d4c41", "#d81b60"];

    /// <summary>A color for a new user, stable for the same email.</summary>
    public static string ColorFor(string email)
    {
        var hash = 0u;
        foreach (var c in email.ToUpperInvariant())
        {
            hash = (hash * 31) + c;
        }

        return Palette[hash % (uint)Palette.Length];
    }

    /// <summary>Creates a user; the errors say what was wrong (duplicate email, weak password).</summary>
    public async Task<(CollabUser? User, IReadOnlyList<string> Errors)> CreateAsync(string email, string displayName, string password, bool systemAdmin = false)
    {
        var user = new CollabUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? email.Trim() : displayName.Trim(),
            Color = ColorFor(email),
            CreatedAt = time.GetUtcNow(),
            LockoutEnabled = true,
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            return (null, result.Errors.Select(e => e.Description).ToList());
        }

        if (systemAdmin)
        {
            var role = await users.AddToRoleAsync(user, CollabClaims.SystemAdminRole);
            if (!role.Succeeded)
            {
                return (null, role.Errors.Select(e => e.Description).ToList());
            }
        }

        return (user, []);
    }

    /// <summary>Disables or enables a user; disabling signs them out of every browser and revokes their tokens.</summary>
    public async Task SetDisabledAsync(string userId, bool disabled)
    {
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such user.");
        user.IsDisabled = disabled;
        await users.UpdateAsync(user);
        if (disabled)
        {
            await users.UpdateSecurityStampAsync(user);
            await tokens.RevokeBySubjectAsync(user.Id);
        }
    }
}
