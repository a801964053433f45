using System.Security.Claims;
using Collab.Kernel.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Collab.Host.Identity;

/// <summary>Adds the display name and presence color to the sign-in cookie.</summary>
internal sealed class CollabClaimsPrincipalFactory(UserManager<CollabUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<CollabUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(CollabUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CollabClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(CollabClaims.Color, user.Color));
        return identity;
    }
}
