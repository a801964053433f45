using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Collab.Tests.Support;

namespace Collab.IntegrationTests;

public class ModelsApiTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    [Fact]
    public async Task Creating_a_model_without_a_token_is_401_problem_details()
    {
        using var client = app.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/models", new { name = "Anonymous" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("unauthorized", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_creator_sees_the_new_model_as_admin_and_others_do_not_see_it()
    {
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        using var created = await alice.PostAsJsonAsync("/api/models", new { name = "Forecast FY27" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
        Assert.False(string.IsNullOrEmpty(id));

        var mine = await alice.GetFromJsonAsync<JsonElement[]>("/api/models", TestContext.Current.CancellationToken);
        var listed = Assert.Single(mine!, m => m.GetProperty("id").GetString() == id);
        Assert.Equal("Forecast FY27", listed.GetProperty("name").GetString());
        Assert.Equal("admin", listed.GetProperty("role").GetString());

        using var bob = await app.CreateClientForAsync("bob@demo.local");
        var bobs = await bob.GetFromJsonAsync<JsonElement[]>("/api/models", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(bobs!, m => m.GetProperty("id").GetString() == id);

        using var unseen = await bob.GetAsync($"/api/models/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, unseen.StatusCode);
        using var renameUnseen = await bob.PutAsJsonAsync($"/api/models/{id}", new { name = "Mine now" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, renameUnseen.StatusCode);
        using var deleteUnseen = await bob.DeleteAsync($"/api/models/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, deleteUnseen.StatusCode);
    }

    [Fact]
    public async Task A_system_admin_sees_every_model_as_admin()
    {
        using var carol = await app.CreateClientForAsync("carol@demo.local");
        var id = await CollabAppFactory.CreateModelAsync(carol, "Carol's cash flow");

        using var admin = await app.CreateClientForAsync("admin@demo.local");
        var all = await admin.GetFromJsonAsync<JsonElement[]>("/api/models", TestContext.Current.CancellationToken);
        var listed = Assert.Single(all!, m => m.GetProperty("id").GetString() == id);
        Assert.Equal("admin", listed.GetProperty("role").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("tab\tinside")]
    public async Task An_invalid_name_is_422_and_creates_nothing(string name)
    {
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        var before = (await alice.GetFromJsonAsync<JsonElement[]>("/api/models", TestContext.Current.CancellationToken))!.Length;

        using var response = await alice.PostAsJsonAsync("/api/models", new { name }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("invalid_input", problem.GetProperty("code").GetString());
        Assert.Equal(before, (await alice.GetFromJsonAsync<JsonElement[]>("/api/models", TestContext.Current.CancellationToken))!.Length);
    }

    [Fact]
    public async Task A_name_over_200_characters_is_refused()
    {
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        using var response = await alice.PostAsJsonAsync("/api/models", new { name = new string('x', 201) }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_refused_with_problem_details()
    {
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        using var response = await alice.PostAsync("/api/models", new StringContent("{name:", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_admin_renames_and_deletes_a_model()
    {
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        var id = await CollabAppFactory.CreateModelAsync(alice, "Draft");

        using (var renamed = await alice.PutAsJsonAsync($"/api/models/{id}", new { name = "Final" }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.NoContent, renamed.StatusCode);
        }

        var model = await alice.GetFromJsonAsync<JsonElement>($"/api/models/{id}", TestContext.Current.CancellationToken);
        Assert.Equal("Final", model.GetProperty("name").GetString());

        using (var deleted = await alice.DeleteAsync($"/api/models/{id}", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var gone = await alice.GetAsync($"/api/models/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}

public class CellsApiTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    [Fact]
    public async Task A_new_model_has_one_empty_sheet_at_revision_0()
    {
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        var id = await CollabAppFactory.CreateModelAsync(alice, "Empty");

        var cells = await alice.GetFromJsonAsync<JsonElement>($"/api/models/{id}/cells", TestContext.Current.CancellationToken);
        Assert.Equal(0, cells.GetProperty("revision").GetInt64());
        Assert.Equal(0, cells.GetProperty("cells").GetArrayLength());

        var sheet1 = await alice.GetFromJsonAsync<JsonElement>($"/api/models/{id}/cells?sheet=Sheet1&range=A1:D20", TestContext.Current.CancellationToken);
        Assert.Equal(0, sheet1.GetProperty("cells").GetArrayLength());
    }

    [Theory]
    [InlineData("?sheet=Nope")]
    [InlineData("?range=A1:")]
    [InlineData("?range=ZZZZ1")]
    [InlineData("?range=A0")]
    public async Task A_bad_sheet_or_range_is_422(string query)
    {
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        var id = await CollabAppFactory.CreateModelAsync(alice, "Bad refs");

        using var response = await alice.GetAsync($"/api/models/{id}/cells{query}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("invalid_input", (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Cells_of_a_model_one_may_not_see_are_404()
    {
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        var id = await CollabAppFactory.CreateModelAsync(alice, "Private");
        using var bob = await app.CreateClientForAsync("bob@demo.local");

        using var response = await bob.GetAsync($"/api/models/{id}/cells", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
