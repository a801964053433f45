using System.Net.Http.Json;
using System.Text.Json;
using Collab.Tests.Support;

namespace Collab.IntegrationTests;

public class DemoModelTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    private const string DemoName = "Acme Software: FY27-28 plan (demo)";

    private async Task<(HttpClient Client, string Id)> OpenAsAsync(string email)
    {
        var client = await app.CreateClientForAsync(email);
        var models = await client.GetFromJsonAsync<JsonElement[]>("/api/models", TestContext.Current.CancellationToken);
        return (client, models!.Single(m => m.GetProperty("name").GetString() == DemoName).GetProperty("id").GetString()!);
    }

    private static async Task<Dictionary<string, JsonElement>> CellsAsync(HttpClient client, string id, string sheet)
    {
        var body = await client.GetFromJsonAsync<JsonElement>($"/api/models/{id}/cells?sheet={Uri.EscapeDataString(sheet)}", TestContext.Current.CancellationToken);
        return body.GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("cell").GetString()!, c => c);
    }

    [Fact]
    public async Task The_demo_model_is_shared_with_the_demo_team()
    {
        var (alice, id) = await OpenAsAsync("alice@demo.local");
        using var _ = alice;
        var members = await alice.GetFromJsonAsync<JsonElement[]>($"/api/models/{id}/permissions", TestContext.Current.CancellationToken);

        var roles = members!.ToDictionary(m => m.GetProperty("email").GetString()!, m => m.GetProperty("role").GetString());
        Assert.Equal("admin", roles["alice@demo.local"]);
        Assert.Equal("editor", roles["bob@demo.local"]);
        Assert.Equal("commenter", roles["carol@demo.local"]);
    }

    [Fact]
    public async Task The_revenue_build_grows_by_the_assumed_rate_through_defined_names()
    {
        var (bob, id) = await OpenAsAsync("bob@demo.local");
        using var _ = bob;

        var revenue = await CellsAsync(bob, id, "Revenue");

        Assert.Equal("=StartRevenue*(1+GrowthRate)^(A3-1)", revenue["C3"].GetProperty("input").GetString());
        Assert.Equal(102000, revenue["C3"].GetProperty("value").GetDouble(), 6);
        Assert.Equal(100000 * Math.Pow(1.02, 23), revenue["C25"].GetProperty("value").GetDouble(), 6);
        Assert.Equal("number", revenue["C26"].GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_profit_and_loss_follows_the_revenue_sheet_across_sheets()
    {
        var (carol, id) = await OpenAsAsync("carol@demo.local");
        using var _ = carol;

        var pl = await CellsAsync(carol, id, "P&L");

        // Month 1: revenue 100,000; gross profit 62%; opex 45,000; EBIT 17,000; tax 25%; net income 12,750.
        Assert.Equal(62000, pl["D2"].GetProperty("value").GetDouble(), 6);
        Assert.Equal(17000, pl["F2"].GetProperty("value").GetDouble(), 6);
        Assert.Equal(12750, pl["H2"].GetProperty("value").GetDouble(), 6);
    }
}

public class DemoValuationTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    [Fact]
    public async Task The_valuation_computes_npv_and_irr_from_the_cash_flow_sheet()
    {
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        var models = await alice.GetFromJsonAsync<JsonElement[]>("/api/models", TestContext.Current.CancellationToken);
        var id = models!.Single(m => m.GetProperty("name").GetString()!.EndsWith("(demo)", StringComparison.Ordinal)).GetProperty("id").GetString()!;
        async Task<Dictionary<string, JsonElement>> Cells(string sheet) =>
            (await alice.GetFromJsonAsync<JsonElement>($"/api/models/{id}/cells?sheet={Uri.EscapeDataString(sheet)}", TestContext.Current.CancellationToken))
                .GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("cell").GetString()!, c => c);

        var cashFlow = await Cells("Cash Flow");
        var valuation = await Cells("Valuation");
        var flows = Enumerable.Range(2, 24).Select(r => cashFlow[$"D{r}"].GetProperty("value").GetDouble()).ToArray();
        var monthly = Math.Pow(1.1, 1.0 / 12) - 1;

        var npv = flows.Select((f, i) => f / Math.Pow(1 + monthly, i + 1)).Sum();
        Assert.Equal(npv, valuation["B3"].GetProperty("value").GetDouble(), 6);

        // IRR: the monthly rate at which the investment and the 24 flows are worth nothing today.
        var irr = valuation["B7"].GetProperty("value").GetDouble();
        var atIrr = -300000 + flows.Select((f, i) => f / Math.Pow(1 + irr, i + 1)).Sum();
        Assert.True(Math.Abs(atIrr) < 1e-4, $"NPV at the IRR {irr} is {atIrr}");
        Assert.Equal(Math.Pow(1 + irr, 12) - 1, valuation["B8"].GetProperty("value").GetDouble(), 9);
        Assert.Equal("text", valuation["B9"].GetProperty("type").GetString());
        Assert.Equal("number", valuation["B6"].GetProperty("type").GetString());
    }
}
