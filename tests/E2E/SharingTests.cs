using System.Net.Http.Json;
using System.Text.Json;
using Collab.Tests.Support;
using Microsoft.Playwright;

namespace Collab.E2E;

/// <summary>The share dialog in the browser: find a person, give a role, change it, remove it; the server agrees.</summary>
public class SharingTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_shares_a_model_from_the_dialog_changes_the_role_and_removes_access()
    {
        var name = "Shared " + Guid.NewGuid().ToString("N")[..6];
        var id = await browser.NewModelAsync(name);
        var alice = await browser.OpenModelAsync("alice@demo.local", id);
        await Assertions.Expect(alice.GetByTestId("model-name")).ToHaveTextAsync(name);

        await alice.GetByTestId("model-share").ClickAsync();
        var dialog = alice.GetByTestId("share-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog.Locator("[data-testid=share-member][data-user='alice@demo.local']")).ToBeVisibleAsync();

        // Find Bob by part of his name and add him as the default role, editor.
        var search = dialog.GetByLabel("Add people by name or email");
        await search.ClickAsync();
        await search.PressSequentiallyAsync("bob", new LocatorPressSequentiallyOptions { Delay = 50 });

        // The suggestions re-render after each keystroke's search; a click that reaches the circuit on an item of the
        // list just replaced is dropped by Blazor (its handler is gone), so the pick is tried again until it took.
        var add = dialog.GetByTestId("share-add");
        for (var attempt = 1; ; attempt++)
        {
            await alice.Locator(".mud-popover-open").GetByText("bob@demo.local").First.ClickAsync();
            try
            {
                await Assertions.Expect(add).ToBeEnabledAsync(new() { Timeout = 5_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                await search.ClickAsync();
            }
        }

        await add.ClickAsync();
        var bobRow = dialog.Locator("[data-testid=share-member][data-user='bob@demo.local']");
        await Assertions.Expect(bobRow).ToBeVisibleAsync();
        Assert.Equal("editor", await RoleOnServerAsync(id, "bob@demo.local"));

        // Bob sees it listed now.
        var bob = await browser.NewPageAsync();
        await bob.SignInAsync("bob@demo.local");
        await bob.GotoAsync("/models");
        await Assertions.Expect(bob.GetByText(name)).ToBeVisibleAsync();

        // Downgrade Bob to viewer from his row.
        await bobRow.GetByLabel("Role of Bob", new LocatorGetByLabelOptions { Exact = false }).ClickAsync();
        await alice.Locator(".mud-popover-open .mud-list-item").GetByText("viewer", new LocatorGetByTextOptions { Exact = true }).ClickAsync();
        await WaitForRoleAsync(id, "bob@demo.local", "viewer");

        // Remove him: the row goes, the server forgets him, and his list no longer shows the model.
        await bobRow.GetByLabel("Remove Bob", new LocatorGetByLabelOptions { Exact = false }).ClickAsync();
        await Assertions.Expect(bobRow).ToHaveCountAsync(0);
        Assert.Null(await RoleOnServerAsync(id, "bob@demo.local"));
        await bob.ReloadAsync();
        await bob.WaitUntilInteractiveAsync();
        await Assertions.Expect(bob.GetByText(name)).ToHaveCountAsync(0);

        await alice.Context.CloseAsync();
        await bob.Context.CloseAsync();
    }

    private async Task WaitForRoleAsync(string modelId, string email, string role)
    {
        for (var i = 0; i < 50 && await RoleOnServerAsync(modelId, email) != role; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Equal(role, await RoleOnServerAsync(modelId, email));
    }

    private async Task<string?> RoleOnServerAsync(string modelId, string email)
    {
        using var alice = await browser.App.CreateClientForAsync("alice@demo.local");
        var members = await alice.GetFromJsonAsync<JsonElement[]>($"/api/models/{modelId}/permissions", TestContext.Current.CancellationToken);
        return members!.Where(m => m.GetProperty("email").GetString() == email).Select(m => m.GetProperty("role").GetString()).SingleOrDefault();
    }
}
