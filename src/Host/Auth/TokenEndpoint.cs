using System.Security.Claims;
using Collab.Host.Identity;
using Collab.Kernel.Security;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Collab.Host.Auth;

/// <summary><c>POST /connect/token</c>: the password flow for people, client credentials for service integrations.</summary>
internal static class TokenEndpoint
{
    public static void MapTokenEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/connect/token", ExchangeAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(Security.RateLimits.TokenPolicy);

    private static async Task<IResult> ExchangeAsync(HttpContext context, SignInGuard guard, UserManager<CollabUser> users, IOptions<AuthSettings> settings)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");

        if (request.IsPasswordGrantType())
        {
            var (outcome, user) = await guard.CheckAsync(request.Username, request.Password);
            if (outcome != SignInOutcome.Succeeded || user is null)
            {
                return Reject(Errors.InvalidGrant, outcome switch
                {
                    SignInOutcome.LockedOut => "The account is locked after repeated failed sign-ins; try again later.",
                    SignInOutcome.Disabled => "The account is disabled.",
                    _ => "The email or password is wrong.",
                });
            }

            var identity = NewIdentity();
            identity.SetClaim(Claims.Subject, user.Id)
                .SetClaim(Claims.Email, user.Email)
                .SetClaim(Claims.Name, user.DisplayName)
                .SetClaim(CollabClaims.DisplayName, user.DisplayName)
                .SetClaim(CollabClaims.Color, user.Color)
                .SetClaims(Claims.Role, [.. await users.GetRolesAsync(user)]);
            return SignIn(identity);
        }

        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has already authenticated the client id and secret.
            var client = settings.Value.Clients.FirstOrDefault(c => c.ClientId == request.ClientId);
            if (client is null)
            {
                return Reject(Errors.InvalidClient, "The client is not configured.");
            }

            var identity = NewIdentity();
            var name = string.IsNullOrWhiteSpace(client.DisplayName) ? client.ClientId : client.DisplayName;
            identity.SetClaim(Claims.Subject, "client:" + client.ClientId)
                .SetClaim(Claims.Name, name)
                .SetClaim(CollabClaims.DisplayName, name)
                .SetClaims(Claims.Role, client.SystemAdmin ? [CollabClaims.SystemAdminRole] : []);
            return SignIn(identity);
        }

        return Reject(Errors.UnsupportedGrantType, "Only the password and client_credentials grants are supported.");
    }

    private static ClaimsIdentity NewIdentity() => new(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);

    private static IResult SignIn(ClaimsIdentity identity)
    {
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Reject(string error, string description) =>
        Results.Forbid(
            new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
            }),
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
