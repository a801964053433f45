using System.Net.Http.Json;
using System.Text.Json;
using Collab.Tests.Support;
using Microsoft.Playwright;

namespace Collab.E2E;

/// <summary>What people do on the model page, and the REST calls that set a model up.</summary>
public static class GridActions
{
    /// <summary>A new model of Alice's, shared with the given people (email, role).</summary>
    public static async Task<string> NewModelAsync(this BrowserFixture browser, string name, params (string Email, string Role)[] shares)
    {
        using var alice = await browser.App.CreateClientForAsync("alice@demo.local");
        var id = await CollabAppFactory.CreateModelAsync(alice, name);
        foreach (var (email, role) in shares)
        {
            await browser.ShareAsync(id, email, role);
        }

        return id;
    }

    /// <summary>Alice (the model's admin) gives someone a role.</summary>
    public static async Task ShareAsync(this BrowserFixture browser, string modelId, string email, string role)
    {
        using var alice = await browser.App.CreateClientForAsync("alice@demo.local");
        var found = await alice.GetFromJsonAsync<JsonElement[]>($"/api/users?search={Uri.EscapeDataString(email)}");
        var userId = found!.Single(u => u.GetProperty("email").GetString() == email).GetProperty("id").GetString()!;
        using var response = await alice.PutAsJsonAsync($"/api/models/{modelId}/permissions/{userId}", new { role });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The model's revision and its non-empty cells, over REST (the server's truth).</summary>
    public static async Task<(long Revision, Dictionary<string, string> Inputs)> ServerCellsAsync(this BrowserFixture browser, string modelId)
    {
        using var alice = await browser.App.CreateClientForAsync("alice@demo.local");
        var body = await alice.GetFromJsonAsync<JsonElement>($"/api/models/{modelId}/cells");
        return (body.GetProperty("revision").GetInt64(),
            body.GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("cell").GetString()!, c => c.GetProperty("input").GetString()!));
    }

    /// <summary>A signed-in page with the model open and live.</summary>
    public static async Task<IPage> OpenModelAsync(this BrowserFixture browser, string email, string modelId)
    {
        var page = await browser.NewPageAsync();
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.SignInAsync(email);
        await page.GotoAsync($"/models/{modelId}");
        await page.WaitUntilInteractiveAsync();
        await page.GetByTestId("model-page").WaitForAsync();
        await page.Cell("A1").WaitForAsync();
        await Assertions.Expect(page.GetByTestId("connection-state")).ToHaveAttributeAsync("data-state", "connected");
        return page;
    }

    /// <summary>A cell of the sheet on screen.</summary>
    public static ILocator Cell(this IPage page, string cell) => page.Locator($"[data-testid=grid] .cg-cell[data-cell='{cell}']");

    /// <summary>Clicks a cell (selects it).</summary>
    public static async Task SelectCellAsync(this IPage page, string cell)
    {
        await page.Cell(cell).ClickAsync();
        await Assertions.Expect(page.GetByTestId("selection")).ToHaveAttributeAsync("data-active", cell);
    }

    /// <summary>Selects a cell, types into it (replacing its content) and presses Enter.</summary>
    public static async Task TypeIntoAsync(this IPage page, string cell, string text)
    {
        await page.SelectCellAsync(cell);
        await page.Keyboard.TypeAsync(text);
        await page.Keyboard.PressAsync("Enter");
    }
}
