using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Collab.Tests.Support;
using static Collab.IntegrationTests.Protocol.Wire;

namespace Collab.IntegrationTests.Protocol;

/// <summary>PROTOCOL.md, REST: every route of the table, its status codes and JSON shapes.</summary>
public class ProtocolRestTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        var hasType = problem.TryGetProperty("type", out var type) && !string.IsNullOrEmpty(type.GetString());
        var hasCode = problem.TryGetProperty("code", out var code) && !string.IsNullOrEmpty(code.GetString());
        Assert.True(hasType || hasCode, problem.GetRawText());
    }

    private async Task<(HttpClient Alice, string ModelId)> NewModelAsync(string name)
    {
        var alice = await HttpAsync(app, "alice@demo.local");
        return (alice, await CreateModelAsync(alice, name));
    }

    private async Task<long> EditAsync(string modelId, params object[] ops)
    {
        await using var hub = await RawHub.ConnectAsync(app, "alice@demo.local");
        var revision = (await hub.JoinAsync(modelId)).GetProperty("revision").GetInt64();
        foreach (var op in ops)
        {
            revision = await hub.SubmitRevisionAsync(modelId, revision, op);
        }

        return revision;
    }

    [Fact]
    public async Task Health_is_200_for_anyone()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/health", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Creating_a_model_is_201_with_its_string_id_and_lists_it_with_the_lowercase_role()
    {
        using var alice = await HttpAsync(app, "alice@demo.local");

        using var created = await alice.PostAsJsonAsync("/api/models", new { name = "Forecast 2027" }, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await JsonAsync(created);
        Assert.Equal(JsonValueKind.String, body.GetProperty("id").ValueKind);
        var id = body.GetProperty("id").GetString()!;
        var models = await alice.GetFromJsonAsync<JsonElement>("/api/models", Ct);
        Assert.Equal(JsonValueKind.Array, models.ValueKind);
        var mine = models.EnumerateArray().Single(m => m.GetProperty("id").GetString() == id);
        Assert.Equal("Forecast 2027", mine.GetProperty("name").GetString());
        Assert.Equal("admin", mine.GetProperty("role").GetString());

        // One sheet Sheet1, empty, revision 0.
        var cells = await CellsBodyAsync(alice, id, "?sheet=Sheet1");
        Assert.Equal(0, cells.GetProperty("revision").GetInt64());
        Assert.Empty(cells.GetProperty("cells").EnumerateArray());
    }

    [Fact]
    public async Task Models_list_every_role_as_a_lowercase_string_and_hides_the_models_one_may_not_see()
    {
        var (alice, id) = await NewModelAsync("Roles");
        using var _ = alice;
        var hidden = await CreateModelAsync(alice, "Hidden");
        foreach (var (email, role) in new[] { ("bob@demo.local", "viewer"), ("carol@demo.local", "commenter") })
        {
            await ShareAsync(alice, id, email, role);
            using var client = await HttpAsync(app, email);
            var models = await client.GetFromJsonAsync<JsonElement>("/api/models", Ct);
            Assert.Equal(role, models.EnumerateArray().Single(m => m.GetProperty("id").GetString() == id).GetProperty("role").GetString());
            Assert.DoesNotContain(models.EnumerateArray(), m => m.GetProperty("id").GetString() == hidden);
        }

        await ShareAsync(alice, id, "bob@demo.local", "editor");
        using var bob = await HttpAsync(app, "bob@demo.local");
        var bobs = await bob.GetFromJsonAsync<JsonElement>("/api/models", Ct);
        Assert.Equal("editor", bobs.EnumerateArray().Single(m => m.GetProperty("id").GetString() == id).GetProperty("role").GetString());
    }

    [Fact]
    public async Task A_system_admin_is_admin_of_every_model()
    {
        var (alice, id) = await NewModelAsync("Not the admin's");
        using var _ = alice;
        using var admin = await HttpAsync(app, "admin@demo.local");

        var models = await admin.GetFromJsonAsync<JsonElement>("/api/models", Ct);
        Assert.Equal("admin", models.EnumerateArray().Single(m => m.GetProperty("id").GetString() == id).GetProperty("role").GetString());
        using (var cells = await admin.GetAsync($"/api/models/{id}/cells", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, cells.StatusCode);
        }

        using (var export = await admin.GetAsync($"/api/models/{id}/export", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        }

        var bobId = await UserIdAsync(admin, "bob@demo.local");
        using (var shared = await admin.PutAsJsonAsync($"/api/models/{id}/permissions/{bobId}", new { role = "editor" }, Ct))
        {
            Assert.True(shared.IsSuccessStatusCode, $"{(int)shared.StatusCode}");
        }

        using (var removed = await admin.DeleteAsync($"/api/models/{id}/permissions/{bobId}", Ct))
        {
            Assert.True(removed.IsSuccessStatusCode, $"{(int)removed.StatusCode}");
        }

        await using var hub = await RawHub.ConnectAsync(app, "admin@demo.local");
        Assert.Equal("admin", (await hub.JoinAsync(id)).GetProperty("role").GetString());
        Assert.Equal(1, await hub.SubmitRevisionAsync(id, 0, new { type = "setCell", sheet = "Sheet1", cell = "A1", input = "by admin" }));
    }

    [Fact]
    public async Task A_model_one_may_not_see_is_404_problem_details_on_every_route_and_so_is_an_unknown_one()
    {
        var (alice, id) = await NewModelAsync("Secret");
        using var _ = alice;
        using var bob = await HttpAsync(app, "bob@demo.local");
        var carolId = await UserIdAsync(bob, "carol@demo.local");

        foreach (var model in new[] { id, "no-such-model" })
        {
            using (var cells = await bob.GetAsync($"/api/models/{model}/cells", Ct))
            {
                await AssertProblemAsync(cells, HttpStatusCode.NotFound);
            }

            using (var cells = await bob.GetAsync($"/api/models/{model}/cells?sheet=Sheet1&range=A1:D20", Ct))
            {
                await AssertProblemAsync(cells, HttpStatusCode.NotFound);
            }

            using (var export = await bob.GetAsync($"/api/models/{model}/export", Ct))
            {
                await AssertProblemAsync(export, HttpStatusCode.NotFound);
            }

            using (var put = await bob.PutAsJsonAsync($"/api/models/{model}/permissions/{carolId}", new { role = "viewer" }, Ct))
            {
                await AssertProblemAsync(put, HttpStatusCode.NotFound);
            }

            using (var delete = await bob.DeleteAsync($"/api/models/{model}/permissions/{carolId}", Ct))
            {
                await AssertProblemAsync(delete, HttpStatusCode.NotFound);
            }
        }
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("commenter")]
    [InlineData("editor")]
    public async Task Only_a_model_admin_changes_permissions_others_who_see_it_get_403(string role)
    {
        var (alice, id) = await NewModelAsync("Permissions " + role);
        using var _ = alice;
        await ShareAsync(alice, id, "bob@demo.local", role);
        using var bob = await HttpAsync(app, "bob@demo.local");
        var carolId = await UserIdAsync(bob, "carol@demo.local");
        var aliceId = await UserIdAsync(bob, "alice@demo.local");

        using (var put = await bob.PutAsJsonAsync($"/api/models/{id}/permissions/{carolId}", new { role = "viewer" }, Ct))
        {
            await AssertProblemAsync(put, HttpStatusCode.Forbidden);
        }

        using (var delete = await bob.DeleteAsync($"/api/models/{id}/permissions/{aliceId}", Ct))
        {
            await AssertProblemAsync(delete, HttpStatusCode.Forbidden);
        }

        using var carol = await HttpAsync(app, "carol@demo.local");
        var carols = await carol.GetFromJsonAsync<JsonElement>("/api/models", Ct);
        Assert.DoesNotContain(carols.EnumerateArray(), m => m.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task Put_grants_each_role_and_delete_removes_access()
    {
        var (alice, id) = await NewModelAsync("Grant");
        using var _ = alice;
        var bobId = await UserIdAsync(alice, "bob@demo.local");
        using var bob = await HttpAsync(app, "bob@demo.local");

        foreach (var role in new[] { "viewer", "commenter", "editor", "admin" })
        {
            using var put = await alice.PutAsJsonAsync($"/api/models/{id}/permissions/{bobId}", new { role }, Ct);
            Assert.True(put.IsSuccessStatusCode, $"{role}: {(int)put.StatusCode}");
            var models = await bob.GetFromJsonAsync<JsonElement>("/api/models", Ct);
            Assert.Equal(role, models.EnumerateArray().Single(m => m.GetProperty("id").GetString() == id).GetProperty("role").GetString());
        }

        using (var delete = await alice.DeleteAsync($"/api/models/{id}/permissions/{bobId}", Ct))
        {
            Assert.True(delete.IsSuccessStatusCode, $"{(int)delete.StatusCode}");
        }

        var after = await bob.GetFromJsonAsync<JsonElement>("/api/models", Ct);
        Assert.DoesNotContain(after.EnumerateArray(), m => m.GetProperty("id").GetString() == id);
        using var cells = await bob.GetAsync($"/api/models/{id}/cells", Ct);
        Assert.Equal(HttpStatusCode.NotFound, cells.StatusCode);
    }

    [Theory]
    [InlineData("owner")]
    [InlineData("")]
    [InlineData("none")]
    public async Task An_unknown_role_is_422_problem_details(string role)
    {
        var (alice, id) = await NewModelAsync("Bad role");
        using var _ = alice;
        var bobId = await UserIdAsync(alice, "bob@demo.local");

        using var put = await alice.PutAsJsonAsync($"/api/models/{id}/permissions/{bobId}", new { role }, Ct);

        await AssertProblemAsync(put, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Creating_users_is_for_the_system_admin_and_searching_is_for_anyone_signed_in()
    {
        using var admin = await HttpAsync(app, "admin@demo.local");
        using var alice = await HttpAsync(app, "alice@demo.local");
        var email = $"dora-{Guid.NewGuid():N}@demo.local";

        using (var refused = await alice.PostAsJsonAsync("/api/users", new { email, displayName = "Dora Diaz", password = "Str0ng!Passw0rd" }, Ct))
        {
            await AssertProblemAsync(refused, HttpStatusCode.Forbidden);
        }

        using var created = await admin.PostAsJsonAsync("/api/users", new { email, displayName = "Dora Diaz", password = "Str0ng!Passw0rd" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await JsonAsync(created)).GetProperty("id").GetString();
        Assert.False(string.IsNullOrEmpty(id));

        var found = await alice.GetFromJsonAsync<JsonElement>("/api/users?search=Dora", Ct);
        Assert.Equal(JsonValueKind.Array, found.ValueKind);
        var dora = Assert.Single(found.EnumerateArray());
        Assert.Equal(id, dora.GetProperty("id").GetString());
        Assert.Equal(email, dora.GetProperty("email").GetString());
        Assert.Equal("Dora Diaz", dora.GetProperty("displayName").GetString());

        // By part of the email too, case-insensitively.
        var byEmail = await alice.GetFromJsonAsync<JsonElement>("/api/users?search=" + email[..10].ToUpperInvariant(), Ct);
        Assert.Contains(byEmail.EnumerateArray(), u => u.GetProperty("id").GetString() == id);

        // The new account signs in.
        Assert.False(string.IsNullOrEmpty(await TokenAsync(app, email, "Str0ng!Passw0rd")));

        using var invalid = await admin.PostAsJsonAsync("/api/users", new { email = "not an email", displayName = "X", password = "Str0ng!Passw0rd" }, Ct);
        await AssertProblemAsync(invalid, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Cells_list_type_and_value_with_the_json_type_the_contract_names()
    {
        var (alice, id) = await NewModelAsync("Types");
        using var _ = alice;
        var revision = await EditAsync(id,
            new { type = "setCell", sheet = "Sheet1", cell = "A1", input = "42.5" },
            new { type = "setCell", sheet = "Sheet1", cell = "A2", input = "hello" },
            new { type = "setCell", sheet = "Sheet1", cell = "A3", input = "TRUE" },
            new { type = "setCell", sheet = "Sheet1", cell = "A4", input = "=1/0" },
            new { type = "setCell", sheet = "Sheet1", cell = "A5", input = "=A1*2" },
            new { type = "setCell", sheet = "Sheet1", cell = "A6", input = "=A1>40" },
            new { type = "setCell", sheet = "Sheet1", cell = "A7", input = "=\"x\"&A2" },
            new { type = "setCell", sheet = "Sheet1", cell = "A8", input = "false" },
            new { type = "setCell", sheet = "Sheet1", cell = "A9", input = "=NA()" });

        var body = await CellsBodyAsync(alice, id);
        Assert.Equal(revision, body.GetProperty("revision").GetInt64());
        var cells = body.GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("cell").GetString()!, c => c);
        Assert.Equal(9, cells.Count);
        foreach (var cell in cells.Values)
        {
            // Exactly the contract's fields (formats are additions, written only when a cell has one).
            Assert.Equal(["cell", "input", "type", "value"], cell.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());
        }

        void AssertCell(string address, string input, string type, JsonValueKind kind, object value)
        {
            var cell = cells[address];
            Assert.Equal(input, cell.GetProperty("input").GetString());
            Assert.Equal(type, cell.GetProperty("type").GetString());
            Assert.Equal(kind, cell.GetProperty("value").ValueKind);
            switch (value)
            {
                case double number:
                    Assert.Equal(number, cell.GetProperty("value").GetDouble());
                    break;
                case string text:
                    Assert.Equal(text, cell.GetProperty("value").GetString());
                    break;
            }
        }

        AssertCell("A1", "42.5", "number", JsonValueKind.Number, 42.5);
        AssertCell("A2", "hello", "text", JsonValueKind.String, "hello");
        AssertCell("A3", "TRUE", "bool", JsonValueKind.True, true);
        AssertCell("A4", "=1/0", "error", JsonValueKind.String, "#DIV/0!");
        AssertCell("A5", "=A1*2", "number", JsonValueKind.Number, 85.0);
        AssertCell("A6", "=A1>40", "bool", JsonValueKind.True, true);
        AssertCell("A7", "=\"x\"&A2", "text", JsonValueKind.String, "xhello");
        Assert.Equal("bool", cells["A8"].GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.False, cells["A8"].GetProperty("value").ValueKind);
        AssertCell("A9", "=NA()", "error", JsonValueKind.String, "#N/A");
    }

    [Fact]
    public async Task A_formula_reading_an_empty_cell_is_the_number_0_as_in_a_spreadsheet()
    {
        var (alice, id) = await NewModelAsync("Blank reference");
        using var _ = alice;
        await EditAsync(id, new { type = "setCell", sheet = "Sheet1", cell = "B2", input = "=Z99" });

        var cell = (await CellsAsync(alice, id))["B2"];

        Assert.Equal("number", cell.GetProperty("type").GetString());
        Assert.Equal(0, cell.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Cells_with_a_range_list_only_the_non_empty_cells_inside_it_and_without_one_the_whole_used_range()
    {
        var (alice, id) = await NewModelAsync("Ranges");
        using var _ = alice;
        var revision = await EditAsync(id,
            new { type = "setRange", sheet = "Sheet1", range = "A1:C2", inputs = new[] { new[] { "1", "", "3" }, new[] { "4", "5", "6" } } },
            new { type = "setCell", sheet = "Sheet1", cell = "Z100", input = "far" },
            new { type = "addSheet", name = "Other" },
            new { type = "setCell", sheet = "Other", cell = "B2", input = "elsewhere" });

        var inRange = await CellsBodyAsync(alice, id, "?sheet=Sheet1&range=A1:B2");
        Assert.Equal(revision, inRange.GetProperty("revision").GetInt64());
        Assert.Equal(["A1", "A2", "B2"], inRange.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("cell").GetString()!).Order().ToArray());

        var whole = await CellsBodyAsync(alice, id, "?sheet=Sheet1");
        Assert.Equal(["A1", "A2", "B2", "C1", "C2", "Z100"], whole.GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("cell").GetString()!).Order().ToArray());

        var noSheet = await CellsBodyAsync(alice, id);
        Assert.Equal(6, noSheet.GetProperty("cells").GetArrayLength());

        var other = await CellsBodyAsync(alice, id, "?sheet=Other&range=A1:D20");
        Assert.Equal("elsewhere", Assert.Single(other.GetProperty("cells").EnumerateArray()).GetProperty("value").GetString());

        // Sheet names are matched case-insensitively, as in Excel; a lower-case range is a range too.
        var lower = await CellsBodyAsync(alice, id, "?sheet=sheet1&range=a1:b2");
        Assert.Equal(3, lower.GetProperty("cells").GetArrayLength());

        var oneCell = await CellsBodyAsync(alice, id, "?sheet=Sheet1&range=C2");
        Assert.Equal("C2", Assert.Single(oneCell.GetProperty("cells").EnumerateArray()).GetProperty("cell").GetString());

        var empty = await CellsBodyAsync(alice, id, "?sheet=Sheet1&range=D5:F9");
        Assert.Empty(empty.GetProperty("cells").EnumerateArray());
    }

    [Fact]
    public async Task A_viewer_reads_cells_and_exports()
    {
        var (alice, id) = await NewModelAsync("Viewer reads");
        using var _ = alice;
        await EditAsync(id, new { type = "setCell", sheet = "Sheet1", cell = "A1", input = "=2+3" });
        await ShareAsync(alice, id, "carol@demo.local", "viewer");
        using var carol = await HttpAsync(app, "carol@demo.local");

        var cells = await CellsAsync(carol, id);
        Assert.Equal(5, cells["A1"].GetProperty("value").GetDouble());
        using var export = await carol.GetAsync($"/api/models/{id}/export", Ct);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        var bytes = await export.Content.ReadAsByteArrayAsync(Ct);
        Assert.True(bytes.Length > 4 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K', "an xlsx file is a zip");
    }

    [Fact]
    public async Task Import_answers_201_with_id_and_report_and_the_new_model_has_the_workbook()
    {
        var (alice, id) = await NewModelAsync("To export");
        using var _ = alice;
        await EditAsync(id,
            new { type = "setRange", sheet = "Sheet1", range = "A1:B2", inputs = new[] { new[] { "10", "20" }, new[] { "=A1+B1", "label" } } },
            new { type = "addSheet", name = "Second" },
            new { type = "setCell", sheet = "Second", cell = "C3", input = "=Sheet1!A2*2" });
        using var export = await alice.GetAsync($"/api/models/{id}/export", Ct);
        var bytes = await export.Content.ReadAsByteArrayAsync(Ct);

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "file", "Imported.xlsx");
        using var imported = await alice.PostAsync("/api/models/import", form, Ct);

        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var body = await JsonAsync(imported);
        var newId = body.GetProperty("id").GetString()!;
        Assert.NotEqual(id, newId);
        Assert.True(body.TryGetProperty("report", out var report) && report.ValueKind == JsonValueKind.Object, body.GetRawText());
        var models = await alice.GetFromJsonAsync<JsonElement>("/api/models", Ct);
        Assert.Equal("admin", models.EnumerateArray().Single(m => m.GetProperty("id").GetString() == newId).GetProperty("role").GetString());
        var sheet1 = await CellsAsync(alice, newId, "Sheet1");
        Assert.Equal("=A1+B1", sheet1["A2"].GetProperty("input").GetString());
        Assert.Equal(30, sheet1["A2"].GetProperty("value").GetDouble());
        var second = await CellsAsync(alice, newId, "Second");
        Assert.Equal(60, second["C3"].GetProperty("value").GetDouble());
        Assert.Equal(0, (await CellsBodyAsync(alice, newId)).GetProperty("revision").GetInt64());
    }

    [Fact]
    public async Task Invalid_input_is_422_problem_details()
    {
        var (alice, id) = await NewModelAsync("Invalid");
        using var _ = alice;

        using (var noName = await alice.PostAsJsonAsync("/api/models", new { name = "" }, Ct))
        {
            await AssertProblemAsync(noName, HttpStatusCode.UnprocessableEntity);
        }

        using (var badRange = await alice.GetAsync($"/api/models/{id}/cells?range=nonsense", Ct))
        {
            await AssertProblemAsync(badRange, HttpStatusCode.UnprocessableEntity);
        }

        using (var notJson = await alice.PostAsync("/api/models", new StringContent("{name:", System.Text.Encoding.UTF8, "application/json"), Ct))
        {
            Assert.Contains(notJson.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.UnprocessableEntity });
            Assert.Equal("application/problem+json", notJson.Content.Headers.ContentType?.MediaType);
            Assert.Equal("invalid_input", (await JsonAsync(notJson)).GetProperty("code").GetString());
        }

        using (var notAForm = await alice.PostAsJsonAsync("/api/models/import", new { file = "Forecast.xlsx" }, Ct))
        {
            await AssertProblemAsync(notAForm, HttpStatusCode.UnprocessableEntity);
        }

        using (var noFile = await alice.PostAsync("/api/models/import", new MultipartFormDataContent { { new StringContent("x"), "name" } }, Ct))
        {
            await AssertProblemAsync(noFile, HttpStatusCode.UnprocessableEntity);
        }

        using (var notXlsx = new MultipartFormDataContent())
        {
            notXlsx.Add(new ByteArrayContent("not a workbook"u8.ToArray()), "file", "notes.xlsx");
            using var imported = await alice.PostAsync("/api/models/import", notXlsx, Ct);
            await AssertProblemAsync(imported, HttpStatusCode.UnprocessableEntity);
        }
    }
}
