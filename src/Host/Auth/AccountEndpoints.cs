using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Collab.Host.Auth;

/// <summary>Sign-out by form post (with antiforgery), from any page's user menu.</summary>
internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            return Results.LocalRedirect("~/account/login?signedOut=true");
        });

        // Renews the sign-in cookie after the profile changed (name, color, password), then goes back.
        endpoints.MapGet("/account/refresh", async (string? returnUrl, SignInManager<Identity.CollabUser> signIn, HttpContext context) =>
        {
            var user = await signIn.UserManager.GetUserAsync(context.User);
            if (user is not null)
            {
                await signIn.RefreshSignInAsync(user);
            }

            return Results.LocalRedirect(Components.Pages.Account.Login.SafeReturnUrl(returnUrl));
        }).RequireAuthorization();
    }
}
