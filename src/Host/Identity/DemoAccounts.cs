using Collab.Kernel.Security;
using Microsoft.AspNetCore.Identity;

namespace Collab.Host.Identity;

/// <summary>The demo accounts of PROTOCOL.md, seeded by the Development start only.</summary>
public static class DemoAccounts
{
    public const string Password = "Collab!2026";

    public static readonly (string Email, string DisplayName, bool SystemAdmin)[] All =
    [
        ("admin@demo.local", "Ada Admin", true),
        ("alice@demo.local", "Alice Anders", false),
        ("bob@demo.local", "Bob Brown", false),
        ("carol@demo.local", "Carol Chen", false),
    ];

    /// <summary>Creates the system admin role, and the demo accounts when asked to; existing ones are left alone.</summary>
    public static async Task SeedAsync(IServiceProvider services, bool seedDemoUsers)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(CollabClaims.SystemAdminRole))
        {
            await roles.CreateAsync(new IdentityRole(CollabClaims.SystemAdminRole));
        }

        if (!seedDemoUsers)
        {
            return;
        }

        var users = services.GetRequiredService<UserManager<CollabUser>>();
        var accounts = services.GetRequiredService<UserAccounts>();
        foreach (var (email, name, admin) in All)
        {
            if (await users.FindByEmailAsync(email) is null)
            {
                var (_, errors) = await accounts.CreateAsync(email, name, Password, admin);
                if (errors.Count > 0)
                {
                    throw new InvalidOperationException($"Could not seed {email}: {string.Join("; ", errors)}");
                }
            }
        }
    }
}
