using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Collab.Tests.Support;

namespace Collab.IntegrationTests;

public class ImportExportTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static MultipartFormDataContent Upload(byte[] bytes, string fileName)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(Xlsx);
        return new MultipartFormDataContent { { content, "file", fileName } };
    }

    private static async Task<Dictionary<string, JsonElement>> CellsAsync(HttpClient client, string id, string sheet)
    {
        var body = await client.GetFromJsonAsync<JsonElement>($"/api/models/{id}/cells?sheet={Uri.EscapeDataString(sheet)}", TestContext.Current.CancellationToken);
        return body.GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("cell").GetString()!, c => c);
    }

    [Fact]
    public async Task The_demo_model_exports_and_imports_back_with_the_same_formulas_and_values()
    {
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        var models = await alice.GetFromJsonAsync<JsonElement[]>("/api/models", TestContext.Current.CancellationToken);
        var demo = models!.Single(m => m.GetProperty("name").GetString()!.EndsWith("(demo)", StringComparison.Ordinal)).GetProperty("id").GetString()!;

        using var export = await alice.GetAsync($"/api/models/{demo}/export", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(Xlsx, export.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".xlsx", export.Content.Headers.ContentDisposition?.FileNameStar ?? export.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var bytes = await export.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        using var imported = await alice.PostAsync("/api/models/import", Upload(bytes, "Round trip.xlsx"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var body = await imported.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var copy = body.GetProperty("id").GetString()!;
        var report = body.GetProperty("report");
        Assert.Equal(["Assumptions", "Revenue", "P&L", "Cash Flow", "Valuation"], report.GetProperty("sheets").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToArray());
        Assert.True(report.GetProperty("formulas").GetInt32() > 100);

        foreach (var sheet in new[] { "Revenue", "P&L", "Valuation" })
        {
            var original = await CellsAsync(alice, demo, sheet);
            var roundTrip = await CellsAsync(alice, copy, sheet);
            Assert.Equal(original.Keys.Order(), roundTrip.Keys.Order());
            foreach (var (cell, value) in original)
            {
                Assert.Equal(value.GetProperty("input").GetString(), roundTrip[cell].GetProperty("input").GetString());
                Assert.Equal(value.GetProperty("value").ToString(), roundTrip[cell].GetProperty("value").ToString());
            }
        }

        var list = await alice.GetFromJsonAsync<JsonElement[]>("/api/models", TestContext.Current.CancellationToken);
        Assert.Contains(list!, m => m.GetProperty("id").GetString() == copy && m.GetProperty("name").GetString() == "Round trip" && m.GetProperty("role").GetString() == "admin");
    }

    [Theory]
    [InlineData("random.xlsx")]
    [InlineData("notes.txt")]
    public async Task A_file_that_is_not_an_xlsx_workbook_is_refused_clearly(string fileName)
    {
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        var before = (await alice.GetFromJsonAsync<JsonElement[]>("/api/models", TestContext.Current.CancellationToken))!.Length;

        using var response = await alice.PostAsync("/api/models/import", Upload([1, 2, 3, 4, 5, 6, 7, 8], fileName), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains(fileName.EndsWith(".txt", StringComparison.Ordinal) ? ".xlsx" : "not a valid", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, (await alice.GetFromJsonAsync<JsonElement[]>("/api/models", TestContext.Current.CancellationToken))!.Length);
    }

    [Fact]
    public async Task Exporting_a_model_one_may_not_see_is_404()
    {
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        var id = await CollabAppFactory.CreateModelAsync(alice, "Private export");
        using var bob = await app.CreateClientForAsync("bob@demo.local");

        using var response = await bob.GetAsync($"/api/models/{id}/export", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Importing_without_a_token_is_401()
    {
        using var anonymous = app.CreateClient();
        using var response = await anonymous.PostAsync("/api/models/import", Upload([1], "x.xlsx"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public class ImportLimitTests
{
    [Fact]
    public async Task A_workbook_over_the_configured_limits_is_413_with_a_clear_message()
    {
        await using var app = new CollabAppFactory("Development", new Dictionary<string, string?> { ["Import:MaxCells"] = "10" });
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        var models = await alice.GetFromJsonAsync<JsonElement[]>("/api/models", TestContext.Current.CancellationToken);
        var demo = models!.Single().GetProperty("id").GetString()!;
        var bytes = await alice.GetByteArrayAsync($"/api/models/{demo}/export", TestContext.Current.CancellationToken);

        var content = new ByteArrayContent(bytes);
        using var upload = new MultipartFormDataContent { { content, "file", "big.xlsx" } };
        using var response = await alice.PostAsync("/api/models/import", upload, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("too_large", problem.GetProperty("code").GetString());
        Assert.Contains("the limit is 10", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_over_the_byte_limit_is_413()
    {
        await using var app = new CollabAppFactory("Development", new Dictionary<string, string?> { ["Import:MaxFileBytes"] = "1000" });
        using var alice = await app.CreateClientForAsync("alice@demo.local");

        var content = new ByteArrayContent(new byte[5000]);
        using var upload = new MultipartFormDataContent { { content, "file", "big.xlsx" } };
        using var response = await alice.PostAsync("/api/models/import", upload, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
