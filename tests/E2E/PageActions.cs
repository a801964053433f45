using Microsoft.Playwright;

namespace Collab.E2E;

/// <summary>What a person does on every page: sign in, wait until the page is live.</summary>
public static class PageActions
{
    public const string DemoPassword = "Collab!2026";

    /// <summary>Signs in with the form and waits until the models page is interactive.</summary>
    public static async Task SignInAsync(this IPage page, string email, string password = DemoPassword)
    {
        await page.GotoAsync("/account/login");
        await page.GetByTestId("login-email").FillAsync(email);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();

        // The first sign-in of a run hashes the password and renders the first pages cold while the other test
        // projects run beside it on two cores: it gets longer than the 15 s given to each step after it. The redirect
        // is enough (not the page's load event, which waits for every asset); the interactive marker comes next.
        await page.WaitForURLAsync("**/models", new PageWaitForURLOptions { Timeout = 60_000, WaitUntil = WaitUntilState.Commit });
        await page.WaitUntilInteractiveAsync(60_000);
    }

    /// <summary>Waits for the marker the layout renders once the circuit is live (clicks before that are lost).</summary>
    public static Task WaitUntilInteractiveAsync(this IPage page, float? timeout = null) =>
        page.GetByTestId("interactive").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = timeout });
}
