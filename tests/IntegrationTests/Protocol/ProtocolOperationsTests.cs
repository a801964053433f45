using System.Text.Json;
using Collab.Tests.Support;
using static Collab.IntegrationTests.Protocol.Wire;

namespace Collab.IntegrationTests.Protocol;

/// <summary>PROTOCOL.md, Operations: every op type as written there, submitted raw and read back over REST.</summary>
public class ProtocolOperationsTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    /// <summary>A new model of Alice's, joined on a fresh connection.</summary>
    private sealed class Model(DevelopmentApp app, HttpClient http, RawHub hub, string id) : IAsyncDisposable
    {
        public HttpClient Http => http;

        public RawHub Hub => hub;

        public string Id => id;

        public long Revision { get; private set; }

        public async Task<long> SubmitAsync(object op)
        {
            Revision = await hub.SubmitRevisionAsync(id, Revision, op);
            return Revision;
        }

        public Task<string> RefusedAsync(object op) => HubErrorCodeAsync(() => hub.SubmitAsync(id, Revision, op));

        public Task<Dictionary<string, JsonElement>> CellsAsync(string? sheet = "Sheet1") => Wire.CellsAsync(http, id, sheet);

        public async Task<string[]> SheetNamesAsync()
        {
            await using var reader = await RawHub.ConnectAsync(app, "alice@demo.local");
            var joined = await reader.JoinAsync(id);
            return [.. joined.GetProperty("snapshot").GetProperty("sheets").EnumerateArray().Select(s => s.GetProperty("name").GetString()!)];
        }

        public async ValueTask DisposeAsync()
        {
            await hub.DisposeAsync();
            http.Dispose();
        }
    }

    private async Task<Model> NewModelAsync(string name)
    {
        var http = await HttpAsync(app, "alice@demo.local");
        var id = await CreateModelAsync(http, name);
        var hub = await RawHub.ConnectAsync(app, "alice@demo.local");
        Assert.Equal(0, (await hub.JoinAsync(id)).GetProperty("revision").GetInt64());
        return new Model(app, http, hub, id);
    }

    private static string Input(Dictionary<string, JsonElement> cells, string cell) => cells[cell].GetProperty("input").GetString()!;

    private static JsonElement Value(Dictionary<string, JsonElement> cells, string cell) => cells[cell].GetProperty("value");

    [Fact]
    public async Task SetCell_sets_an_input_normalises_the_formula_matches_the_sheet_case_insensitively_and_empty_input_clears()
    {
        await using var model = await NewModelAsync("setCell");

        Assert.Equal(1, await model.SubmitAsync(new { type = "setCell", sheet = "Sheet1", cell = "B1", input = "5" }));
        Assert.Equal(2, await model.SubmitAsync(new { type = "setCell", sheet = "sheet1", cell = "b2", input = "=sum(b1, $b$1)" }));
        Assert.Equal(3, await model.SubmitAsync(new { type = "setCell", sheet = "SHEET1", cell = "B3", input = "text" }));

        var cells = await model.CellsAsync();
        Assert.Equal(["B1", "B2", "B3"], cells.Keys.Order().ToArray());
        Assert.Equal("=SUM(B1, $B$1)".Replace(" ", "", StringComparison.Ordinal), Input(cells, "B2").Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal(10, Value(cells, "B2").GetDouble());

        Assert.Equal(4, await model.SubmitAsync(new { type = "setCell", sheet = "Sheet1", cell = "B3", input = "" }));
        Assert.False((await model.CellsAsync()).ContainsKey("B3"));
    }

    [Fact]
    public async Task An_input_sent_as_a_json_number_or_boolean_means_what_typing_it_means()
    {
        await using var model = await NewModelAsync("json inputs");

        await model.SubmitAsync(JsonDocument.Parse("""{"type":"setCell","sheet":"Sheet1","cell":"A1","input":42.5}""").RootElement);
        await model.SubmitAsync(JsonDocument.Parse("""{"type":"setRange","sheet":"Sheet1","range":"A2:C2","inputs":[[1,true,"=A1*2"]]}""").RootElement);

        var cells = await model.CellsAsync();
        Assert.Equal(42.5, Value(cells, "A1").GetDouble());
        Assert.Equal("number", cells["A2"].GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.True, Value(cells, "B2").ValueKind);
        Assert.Equal(85, Value(cells, "C2").GetDouble());
        Assert.Equal("invalid_operation", await model.RefusedAsync(JsonDocument.Parse("""{"type":"setCell","sheet":"Sheet1","cell":"A1","input":{"x":1}}""").RootElement));
    }

    [Fact]
    public async Task SetRange_writes_row_by_row_and_an_empty_string_clears_while_clearRange_clears_the_block()
    {
        await using var model = await NewModelAsync("setRange");
        await model.SubmitAsync(new { type = "setCell", sheet = "Sheet1", cell = "B1", input = "old" });

        await model.SubmitAsync(new { type = "setRange", sheet = "Sheet1", range = "A1:C2", inputs = new[] { new[] { "1", "", "3" }, new[] { "4", "5", "=A1+B2" } } });

        var cells = await model.CellsAsync();
        Assert.Equal(["A1", "A2", "B2", "C1", "C2"], cells.Keys.Order().ToArray());
        Assert.Equal(6, Value(cells, "C2").GetDouble());
        Assert.Equal(4, Value(cells, "A2").GetDouble());

        await model.SubmitAsync(new { type = "setCell", sheet = "Sheet1", cell = "D4", input = "outside" });
        await model.SubmitAsync(new { type = "clearRange", sheet = "Sheet1", range = "A1:C2" });
        Assert.Equal(["D4"], (await model.CellsAsync()).Keys.ToArray());

        Assert.Equal("invalid_operation", await model.RefusedAsync(new { type = "setRange", sheet = "Sheet1", range = "A1:B2", inputs = new[] { new[] { "1", "2" } } }));
    }

    [Fact]
    public async Task InsertRows_at_3_count_2_makes_rows_3_and_4_new_and_formulas_follow()
    {
        await using var model = await NewModelAsync("insertRows");
        await model.SubmitAsync(new { type = "setRange", sheet = "Sheet1", range = "A1:A6", inputs = new[] { new[] { "1" }, new[] { "2" }, new[] { "3" }, new[] { "4" }, new[] { "5" }, new[] { "6" } } });
        await model.SubmitAsync(new { type = "setRange", sheet = "Sheet1", range = "B1:B4", inputs = new[] { new[] { "=A2" }, new[] { "=A3" }, new[] { "=SUM(A1:A6)" }, new[] { "=$A$5" } } });

        await model.SubmitAsync(new { type = "insertRows", sheet = "Sheet1", at = 3, count = 2 });

        var cells = await model.CellsAsync();
        Assert.False(cells.ContainsKey("A3"));
        Assert.False(cells.ContainsKey("A4"));
        Assert.Equal(3, Value(cells, "A5").GetDouble()); // old row 3 became 5
        Assert.Equal(6, Value(cells, "A8").GetDouble());
        Assert.Equal("=A2", Input(cells, "B1")); // above the insert: unchanged
        Assert.Equal("=A5", Input(cells, "B2")); // below: shifted down
        Assert.Equal("=SUM(A1:A8)", Input(cells, "B5")); // spans the insert: grows
        Assert.Equal(21, Value(cells, "B5").GetDouble());
        Assert.Equal("=$A$7", Input(cells, "B6"));
        Assert.Equal(5, Value(cells, "B6").GetDouble());
    }

    [Fact]
    public async Task DeleteRows_at_3_count_2_removes_rows_3_and_4_references_to_them_become_REF_and_ranges_shrink()
    {
        await using var model = await NewModelAsync("deleteRows");
        await model.SubmitAsync(new { type = "setRange", sheet = "Sheet1", range = "A1:A6", inputs = new[] { new[] { "1" }, new[] { "2" }, new[] { "3" }, new[] { "4" }, new[] { "5" }, new[] { "6" } } });
        await model.SubmitAsync(new { type = "setRange", sheet = "Sheet1", range = "C1:C3", inputs = new[] { new[] { "=A3" }, new[] { "=SUM(A1:A6)" }, new[] { "=A5*10" } } });
        await model.SubmitAsync(new { type = "setCell", sheet = "Sheet1", cell = "C8", input = "=A6" });

        await model.SubmitAsync(new { type = "deleteRows", sheet = "Sheet1", at = 3, count = 2 });

        var cells = await model.CellsAsync();
        Assert.Equal(5, Value(cells, "A3").GetDouble()); // old row 5
        Assert.Equal(6, Value(cells, "A4").GetDouble());
        Assert.False(cells.ContainsKey("A5"));
        Assert.Contains("#REF!", Input(cells, "C1"), StringComparison.Ordinal);
        Assert.Equal("error", cells["C1"].GetProperty("type").GetString());
        Assert.Equal("#REF!", Value(cells, "C1").GetString());
        Assert.Equal("=SUM(A1:A4)", Input(cells, "C2"));
        Assert.Equal(14, Value(cells, "C2").GetDouble());
        Assert.False(cells.ContainsKey("C3")); // row 3 itself was deleted... and its content too
        Assert.Equal("=A4", Input(cells, "C6")); // old C8 moved up with its reference
        Assert.Equal(6, Value(cells, "C6").GetDouble());
    }

    [Fact]
    public async Task InsertColumns_and_deleteColumns_work_likewise()
    {
        await using var model = await NewModelAsync("columns");
        await model.SubmitAsync(new { type = "setRange", sheet = "Sheet1", range = "A1:D1", inputs = new[] { new[] { "1", "2", "3", "4" } } });
        await model.SubmitAsync(new { type = "setRange", sheet = "Sheet1", range = "A3:C3", inputs = new[] { new[] { "=SUM(A1:D1)", "=C1", "=A1" } } });

        await model.SubmitAsync(new { type = "insertColumns", sheet = "Sheet1", at = 2, count = 1 });

        var cells = await model.CellsAsync();
        Assert.False(cells.ContainsKey("B1"));
        Assert.Equal(2, Value(cells, "C1").GetDouble()); // old B1
        Assert.Equal("=SUM(A1:E1)", Input(cells, "A3"));
        Assert.Equal("=D1", Input(cells, "C3")); // old B3 = C1
        Assert.Equal("=A1", Input(cells, "D3"));

        await model.SubmitAsync(new { type = "deleteColumns", sheet = "Sheet1", at = 3, count = 2 }); // old B and C

        cells = await model.CellsAsync();
        Assert.Equal(4, Value(cells, "C1").GetDouble()); // old D1
        Assert.Equal("=SUM(A1:C1)", Input(cells, "A3"));
        Assert.Equal(5, Value(cells, "A3").GetDouble());
        Assert.False(cells.ContainsKey("C3"));
        Assert.False(cells.ContainsKey("D3"));

        await model.SubmitAsync(new { type = "setCell", sheet = "Sheet1", cell = "E5", input = "=B1" });
        await model.SubmitAsync(new { type = "deleteColumns", sheet = "Sheet1", at = 2, count = 1 });
        cells = await model.CellsAsync();
        Assert.Equal("#REF!", Value(cells, "D5").GetString());
    }

    [Fact]
    public async Task AddSheet_index_is_0_based_and_optional_names_are_unique_case_insensitively()
    {
        await using var model = await NewModelAsync("addSheet");

        await model.SubmitAsync(new { type = "addSheet", name = "Last" });
        await model.SubmitAsync(new { type = "addSheet", name = "First", index = 0 });
        await model.SubmitAsync(new { type = "addSheet", name = "Assumptions", index = 1 });

        Assert.Equal(["First", "Assumptions", "Sheet1", "Last"], await model.SheetNamesAsync());
        Assert.Equal("invalid_operation", await model.RefusedAsync(new { type = "addSheet", name = "assumptions" }));

        // REST without sheet reads the first sheet.
        await model.SubmitAsync(new { type = "setCell", sheet = "first", cell = "A1", input = "on first" });
        Assert.Equal("on first", (await model.CellsAsync(null))["A1"].GetProperty("value").GetString());
    }

    [Fact]
    public async Task RenameSheet_keeps_formulas_pointing_at_it_and_deleteSheet_turns_them_into_REF()
    {
        await using var model = await NewModelAsync("sheets");
        await model.SubmitAsync(new { type = "addSheet", name = "Assumptions", index = 1 });
        await model.SubmitAsync(new { type = "setCell", sheet = "Assumptions", cell = "A1", input = "0.25" });
        await model.SubmitAsync(new { type = "setCell", sheet = "Sheet1", cell = "A1", input = "=Assumptions!A1*4" });

        await model.SubmitAsync(new { type = "renameSheet", sheet = "assumptions", name = "Inputs" });

        Assert.Equal(["Sheet1", "Inputs"], await model.SheetNamesAsync());
        var cells = await model.CellsAsync();
        Assert.Equal("=Inputs!A1*4", Input(cells, "A1"));
        Assert.Equal(1, Value(cells, "A1").GetDouble());
        Assert.Equal(0.25, (await model.CellsAsync("Inputs"))["A1"].GetProperty("value").GetDouble());

        await model.SubmitAsync(new { type = "deleteSheet", sheet = "INPUTS" });

        Assert.Equal(["Sheet1"], await model.SheetNamesAsync());
        cells = await model.CellsAsync();
        Assert.Equal("error", cells["A1"].GetProperty("type").GetString());
        Assert.Equal("#REF!", Value(cells, "A1").GetString());
    }

    [Fact]
    public async Task SetFormat_is_applied_and_echoed_with_its_format()
    {
        await using var model = await NewModelAsync("setFormat");
        await model.SubmitAsync(new { type = "setCell", sheet = "Sheet1", cell = "B2", input = "1234.5" });

        var revision = await model.SubmitAsync(new { type = "setFormat", sheet = "Sheet1", range = "B2:B9", format = new { numberFormat = "#,##0.00", bold = true } });

        var envelope = await model.Hub.WaitForRevisionAsync(revision);
        var op = envelope.GetProperty("op");
        Assert.Equal("setFormat", op.GetProperty("type").GetString());
        Assert.Equal("#,##0.00", op.GetProperty("format").GetProperty("numberFormat").GetString());
        Assert.True(op.GetProperty("format").GetProperty("bold").GetBoolean());
        var cells = await model.CellsAsync();
        Assert.Equal(1234.5, Value(cells, "B2").GetDouble());
        Assert.Equal("#,##0.00", cells["B2"].GetProperty("numberFormat").GetString());
    }

    [Fact]
    public async Task A_setCell_on_B5_concurrent_with_insertRows_at_2_lands_on_B6_with_its_references_shifted()
    {
        await using var model = await NewModelAsync("transform");
        await using var bob = await RawHub.ConnectAsync(app, "alice@demo.local");
        await model.SubmitAsync(new { type = "setRange", sheet = "Sheet1", range = "A1:A4", inputs = new[] { new[] { "1" }, new[] { "2" }, new[] { "3" }, new[] { "4" } } });
        await bob.JoinAsync(model.Id);

        var insert = await model.Hub.SubmitRevisionAsync(model.Id, 1, new { type = "insertRows", sheet = "Sheet1", at = 2, count = 1 });
        var set = await bob.SubmitRevisionAsync(model.Id, 1, new { type = "setCell", sheet = "Sheet1", cell = "B5", input = "=A1+A4" });

        Assert.Equal(2, insert);
        Assert.Equal(3, set);
        var applied = await model.Hub.WaitForRevisionAsync(3);
        Assert.Equal("B6", applied.GetProperty("op").GetProperty("cell").GetString());
        Assert.Equal("=A1+A5", applied.GetProperty("op").GetProperty("input").GetString());
        var cells = await model.CellsAsync();
        Assert.False(cells.ContainsKey("B5"));
        Assert.Equal("=A1+A5", Input(cells, "B6"));
        Assert.Equal(5, Value(cells, "B6").GetDouble());
    }

    [Fact]
    public async Task A_setRange_concurrent_with_a_row_insert_inside_it_keeps_every_value_on_its_row()
    {
        await using var model = await NewModelAsync("range transform");
        await using var other = await RawHub.ConnectAsync(app, "alice@demo.local");
        await other.JoinAsync(model.Id);

        await model.Hub.SubmitRevisionAsync(model.Id, 0, new { type = "insertRows", sheet = "Sheet1", at = 2, count = 1 });
        await other.SubmitRevisionAsync(model.Id, 0, new { type = "setRange", sheet = "Sheet1", range = "A1:B3", inputs = new[] { new[] { "a1", "b1" }, new[] { "a2", "b2" }, new[] { "a3", "=A3" } } });

        var cells = await model.CellsAsync();
        Assert.Equal("a1", Value(cells, "A1").GetString());
        Assert.False(cells.ContainsKey("A2"));
        Assert.Equal("a2", Value(cells, "A3").GetString());
        Assert.Equal("a3", Value(cells, "A4").GetString());
        Assert.Equal("=A4", Input(cells, "B4"));
    }

    [Fact]
    public async Task Structural_ops_out_of_bounds_or_malformed_are_invalid_operation()
    {
        await using var model = await NewModelAsync("bounds");

        Assert.Equal("invalid_operation", await model.RefusedAsync(new { type = "insertRows", sheet = "Sheet1", at = 0, count = 1 }));
        Assert.Equal("invalid_operation", await model.RefusedAsync(new { type = "deleteRows", sheet = "Sheet1", at = 1, count = 0 }));
        Assert.Equal("invalid_operation", await model.RefusedAsync(new { type = "insertColumns", sheet = "Nope", at = 1, count = 1 }));
        Assert.Equal("invalid_operation", await model.RefusedAsync(new { type = "renameSheet", sheet = "Nope", name = "X" }));
        Assert.Equal("invalid_operation", await model.RefusedAsync(new { type = "deleteSheet", sheet = "Sheet1" })); // the last sheet stays
        Assert.Equal("invalid_operation", await model.RefusedAsync(new { type = "addSheet", name = "" }));
        Assert.Equal("invalid_operation", await model.RefusedAsync(new { type = "addSheet", name = "Far", index = 5 }));
        Assert.Equal(0, (await CellsBodyAsync(model.Http, model.Id)).GetProperty("revision").GetInt64());
    }
}
