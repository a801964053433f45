using Microsoft.Playwright;

namespace Collab.E2E;

public class FoundationTests(BrowserFixture browser)
{
    [Fact]
    public async Task Alice_signs_in_creates_a_model_sees_it_listed_and_signs_out()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("alice@demo.local");
        await Assertions.Expect(page.GetByTestId("user-menu-button")).ToContainTextAsync("Alice Anders");

        var name = "E2E model " + Guid.NewGuid().ToString("N")[..6];
        await page.GetByTestId("new-model").ClickAsync();
        await page.GetByTestId("model-name-input").FillAsync(name);
        await page.GetByTestId("model-name-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("models-table").GetByText(name)).ToBeVisibleAsync();

        // The list survives a reload: the model is stored, not only shown.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("models-table").GetByText(name)).ToBeVisibleAsync();

        await page.WaitUntilInteractiveAsync();
        await page.GetByTestId("user-menu-button").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await page.WaitForURLAsync("**/account/login**");
        await Assertions.Expect(page.GetByText("You are signed out.")).ToBeVisibleAsync();

        await page.GotoAsync("/models");
        await page.WaitForURLAsync("**/account/login**");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_shows_a_clear_error()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByTestId("login-email").FillAsync("bob@demo.local");
        await page.GetByTestId("login-password").FillAsync("wrong password");
        await page.GetByTestId("login-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("login-error")).ToHaveTextAsync("The email or password is wrong.");
        await page.Context.CloseAsync();
    }
}
