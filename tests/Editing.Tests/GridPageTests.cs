using Bunit;
using Collab.Editing.Components.Grid;
using Collab.Editing.Components.Pages;
using Collab.Editing.Core;
using Collab.Permissions.Contracts;
using Collab.Workbooks.Engine;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Collab.Editing.Tests;

public class GridPageTests : GridTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public void Values_and_errors_render_with_their_kind_and_errors_explain_themselves()
    {
        Seed(w =>
        {
            w.SetCellInput("Sheet1", CellAddress.Parse("A1"), "5");
            w.SetCellInput("Sheet1", CellAddress.Parse("A2"), "=1/0");
            w.SetCellInput("Sheet1", CellAddress.Parse("A3"), "hello");
            w.SetCellInput("Sheet1", CellAddress.Parse("B1"), "=A1*2");
            w.SetCellInput("Sheet1", CellAddress.Parse("B2"), "=NOSUCH(1)");
            w.SetFormat("Sheet1", RangeAddress.Parse("A3"), bold: true);
        });

        var page = RenderPage();

        Assert.Equal("5", CellOf(page, "A1").TextContent);
        Assert.Contains("cg-number", CellOf(page, "A1").ClassList);
        Assert.Equal("10", CellOf(page, "B1").TextContent);
        Assert.Equal("hello", CellOf(page, "A3").TextContent);
        Assert.Contains("cg-bold", CellOf(page, "A3").ClassList);
        var error = CellOf(page, "A2");
        Assert.Equal("#DIV/0!", error.TextContent);
        Assert.Contains("cg-error", error.ClassList);
        Assert.Contains("divides by zero", error.GetAttribute("title"), StringComparison.Ordinal);
        Assert.Contains("does not exist", CellOf(page, "B2").GetAttribute("title"), StringComparison.Ordinal);
        Assert.Null(CellOf(page, "A1").GetAttribute("data-pending"));
    }

    [Fact]
    public async Task A_typed_value_shows_at_once_marked_pending_until_acknowledged()
    {
        Seed(w => w.SetCellInput("Sheet1", CellAddress.Parse("C3"), "1"));
        var page = RenderPage();
        Authorization.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await page.InvokeAsync(() =>
        {
            ControllerOf(page).State.Select(CellAddress.Parse("C3"), extend: false);
            ControllerOf(page).Commit("op-1", "77", "down");
        });

        var cell = CellOf(page, "C3");
        Assert.Equal("77", cell.TextContent);
        Assert.Equal("true", cell.GetAttribute("data-pending"));
        Assert.Contains("cg-pending", cell.ClassList);
        Assert.Equal("C4", page.Find("[data-testid=selection]").GetAttribute("data-active"));

        Authorization.Gate.SetResult();
        page.WaitForAssertion(() => Assert.Null(CellOf(page, "C3").GetAttribute("data-pending")), Wait);
        Assert.Equal("77", CellOf(page, "C3").TextContent);
    }

    [Fact]
    public async Task A_refused_edit_rolls_back_and_a_snackbar_gives_the_reason()
    {
        Seed(w => w.SetCellInput("Sheet1", CellAddress.Parse("A1"), "old"));
        var page = RenderPage();
        // The server has just made Alice a viewer; her page does not know yet.
        Authorization.ByUser["alice"] = ModelRole.Viewer;

        await page.InvokeAsync(() => ControllerOf(page).Commit("op-2", "new", "none"));

        page.WaitForAssertion(() => Assert.Equal("old", CellOf(page, "A1").TextContent), Wait);
        Assert.Null(CellOf(page, "A1").GetAttribute("data-pending"));
        var snackbar = Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Contains("viewers cannot edit", snackbar.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_move_extend_and_jump_to_data_edges_and_the_name_box_goes_to_addresses()
    {
        Seed(w =>
        {
            for (var r = 1; r <= 5; r++)
            {
                w.SetCellInput("Sheet1", new CellAddress(r, 1), r.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            w.SetCellInput("Sheet1", CellAddress.Parse("A9"), "after the gap");
            w.DefineName("Growth", "=Sheet1!$D$7");
        });
        var page = RenderPage();
        var controller = ControllerOf(page);
        string Active() => page.Find("[data-testid=selection]").GetAttribute("data-active")!;
        string Range() => page.Find("[data-testid=selection]").GetAttribute("data-range")!;

        await page.InvokeAsync(() => controller.Key("ArrowDown", shift: false, ctrl: false));
        Assert.Equal("A2", Active());
        await page.InvokeAsync(() => controller.Key("ArrowRight", shift: true, ctrl: false));
        await page.InvokeAsync(() => controller.Key("ArrowDown", shift: true, ctrl: false));
        Assert.Equal("A2", Active());
        Assert.Equal("A2:B3", Range());
        await page.InvokeAsync(() => controller.Key("ArrowDown", shift: false, ctrl: true));
        Assert.Equal("A5", Active());
        await page.InvokeAsync(() => controller.Key("ArrowDown", shift: false, ctrl: true));
        Assert.Equal("A9", Active());
        await page.InvokeAsync(() => controller.Key("Tab", shift: false, ctrl: false));
        Assert.Equal("B9", Active());
        await page.InvokeAsync(() => controller.Key("Enter", shift: true, ctrl: false));
        Assert.Equal("B8", Active());
        await page.InvokeAsync(() => controller.Key("Home", shift: false, ctrl: true));
        Assert.Equal("A1", Active());
        Assert.Equal("1", page.Find("[data-testid=formula-bar]").GetAttribute("value"));

        await page.InvokeAsync(() => controller.GoTo("C12"));
        Assert.Equal("C12", Active());
        await page.InvokeAsync(() => controller.GoTo("growth"));
        Assert.Equal("D7", Active());
        Assert.Equal("D7", page.Find("[data-testid=name-box]").GetAttribute("value"));
    }

    [Fact]
    public async Task Ctrl_arrows_jump_to_data_edges_across_the_whole_sheet_as_Excel_and_ctrl_shift_extends()
    {
        Seed(w =>
        {
            for (var r = 1; r <= 5; r++)
            {
                w.SetCellInput("Sheet1", new CellAddress(r, 1), "1");
            }

            w.SetCellInput("Sheet1", CellAddress.Parse("A9"), "x");
            w.SetCellInput("Sheet1", CellAddress.Parse("D3"), "d");
            w.SetCellInput("Sheet1", CellAddress.Parse("E3"), "e");
        });
        var page = RenderPage();
        var controller = ControllerOf(page);
        string Active() => page.Find("[data-testid=selection]").GetAttribute("data-active")!;
        string Range() => page.Find("[data-testid=selection]").GetAttribute("data-range")!;
        Task Key(string key, bool shift = false) => page.InvokeAsync(() => controller.Key(key, shift, ctrl: true));

        // Someone writes far below what this page has laid out: the jump still finds it.
        await BobSubmitsAsync(new SetCellOperation("Sheet1", "A5000", "far"));
        page.WaitForAssertion(() => Assert.Equal("far", controller.Session.Read((w, _) => w.GetCell("Sheet1", CellAddress.Parse("A5000")).Input)), Wait);

        await Key("ArrowDown");
        Assert.Equal("A5", Active()); // filled with a filled neighbour: the end of the block
        await Key("ArrowDown");
        Assert.Equal("A9", Active()); // filled with an empty neighbour: the next filled cell
        await Key("ArrowDown");
        Assert.Equal("A5000", Active());
        var edge = controller.State.RowCount;
        await Key("ArrowDown");
        Assert.Equal($"A{edge}", Active()); // nothing further: the last row of the grid
        await Key("ArrowUp");
        Assert.Equal("A5000", Active());
        await Key("ArrowUp");
        Assert.Equal("A9", Active());
        await Key("ArrowUp");
        Assert.Equal("A5", Active());
        await Key("ArrowUp");
        Assert.Equal("A1", Active());
        await Key("ArrowUp");
        Assert.Equal("A1", Active()); // at the edge already

        // Along a row: from a filled cell with an empty neighbour to the next filled one, through the block, to the edge.
        await page.InvokeAsync(() => controller.State.Select(CellAddress.Parse("A3"), extend: false));
        await Key("ArrowRight");
        Assert.Equal("D3", Active());
        await Key("ArrowRight");
        Assert.Equal("E3", Active());
        var lastColumn = controller.State.ColumnCount;
        await Key("ArrowRight");
        Assert.Equal(new CellAddress(3, lastColumn).ToString(), Active());
        await Key("ArrowLeft");
        Assert.Equal("E3", Active());

        // From an empty cell in an empty column: to the edge; from an empty cell: to the next filled one.
        await page.InvokeAsync(() => controller.State.Select(CellAddress.Parse("B2"), extend: false));
        var lastRow = controller.State.RowCount;
        await Key("ArrowDown");
        Assert.Equal($"B{lastRow}", Active());
        await page.InvokeAsync(() => controller.State.Select(CellAddress.Parse("A7"), extend: false));
        await Key("ArrowDown");
        Assert.Equal("A9", Active());

        // Ctrl+Shift extends the selection the same way, the active cell staying.
        await page.InvokeAsync(() => controller.State.Select(CellAddress.Parse("A1"), extend: false));
        await Key("ArrowDown", shift: true);
        Assert.Equal(("A1", "A1:A5"), (Active(), Range()));
        await Key("ArrowDown", shift: true);
        Assert.Equal(("A1", "A1:A9"), (Active(), Range()));
        var columns = controller.State.ColumnCount;
        await Key("ArrowRight", shift: true);
        Assert.Equal(("A1", new RangeAddress(new CellAddress(1, 1), new CellAddress(9, columns)).ToString()), (Active(), Range()));
    }

    [Fact]
    public async Task Headers_select_whole_columns_and_rows_the_corner_everything_and_delete_and_copy_stay_within_the_used_range()
    {
        Seed(w =>
        {
            w.SetCellInput("Sheet1", CellAddress.Parse("A1"), "1");
            w.SetCellInput("Sheet1", CellAddress.Parse("A3"), "3");
            w.SetCellInput("Sheet1", CellAddress.Parse("B2"), "b");
            w.SetCellInput("Sheet1", CellAddress.Parse("D4"), "d");
        });
        var page = RenderPage();
        var controller = ControllerOf(page);
        var rowsBefore = controller.State.RowCount;
        string Range() => page.Find("[data-testid=selection]").GetAttribute("data-range")!;
        string Active() => page.Find("[data-testid=selection]").GetAttribute("data-active")!;

        await page.InvokeAsync(() => controller.Header("column", 1, shift: false));
        Assert.Equal(("A:A", "A1"), (Range(), Active()));
        Assert.Equal(rowsBefore, controller.State.RowCount); // the grid does not grow to the sheet's last row
        Assert.Equal("1\r\n\r\n3\r\n\r\n", await page.InvokeAsync(() => controller.Copy(cut: false)));
        await page.InvokeAsync(() => controller.Header("column", 2, shift: true));
        Assert.Equal(("A:B", "A1"), (Range(), Active()));
        Assert.Equal("1\t\r\n\tb\r\n3\t\r\n\t\r\n", await page.InvokeAsync(() => controller.Copy(cut: false)));

        await page.InvokeAsync(() => controller.Header("row", 2, shift: false));
        Assert.Equal(("2:2", "A2"), (Range(), Active()));
        await page.InvokeAsync(() => controller.Header("row", 4, shift: true));
        Assert.Equal("2:4", Range());
        Assert.Equal("\tb\t\t\r\n3\t\t\t\r\n\t\t\td\r\n", await page.InvokeAsync(() => controller.Copy(cut: false)));

        // Delete on whole columns: one clearRange, bounded by the used range.
        var session = await SessionAsync();
        var start = session.Revision;
        await page.InvokeAsync(() => controller.Header("column", 1, shift: false));
        await page.InvokeAsync(() => controller.Key("Delete", shift: false, ctrl: false));
        page.WaitForAssertion(() => Assert.Equal(start + 1, session.Revision), Wait);
        Assert.Equal(string.Empty, CellOf(page, "A1").TextContent);
        Assert.Equal("b", CellOf(page, "B2").TextContent);

        // The corner: the whole sheet; Delete clears everything in one op.
        await page.InvokeAsync(() => controller.Header("corner", 0, shift: false));
        Assert.Equal(new RangeAddress(1, 1, CellAddress.MaxRows, CellAddress.MaxColumns).ToString(), Range());
        await page.InvokeAsync(() => controller.Key("Delete", shift: false, ctrl: false));
        page.WaitForAssertion(() => Assert.Equal(start + 2, session.Revision), Wait);
        Assert.Null(session.Read((w, _) => w.UsedRange("Sheet1")));

        // An arrow goes back to a cell selection.
        await page.InvokeAsync(() => controller.Key("ArrowDown", shift: false, ctrl: false));
        Assert.Equal(Active(), Range());
    }

    [Fact]
    public async Task Deleting_a_whole_selection_larger_than_the_op_limit_is_refused_with_a_message_and_sends_nothing()
    {
        Seed(w =>
        {
            w.SetCellInput("Sheet1", CellAddress.Parse("A1"), "1");
            w.SetCellInput("Sheet1", new CellAddress(2000, 60), "far"); // 120,000 cells in the used range
        });
        var page = RenderPage();
        var controller = ControllerOf(page);
        var session = await SessionAsync();
        var start = session.Revision;

        await page.InvokeAsync(() => controller.Header("corner", 0, shift: false));
        await page.InvokeAsync(() => controller.Key("Delete", shift: false, ctrl: false));

        var snackbar = Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Contains("at most 100,000", snackbar.Message, StringComparison.Ordinal);
        Assert.Equal(start, session.Revision);
        Assert.Empty(controller.Session.Client!.Pending);
    }

    [Fact]
    public async Task Cut_marks_the_cells_and_a_paste_moves_them_with_formulas_as_they_are_in_one_undoable_op()
    {
        Seed(w =>
        {
            w.SetCellInput("Sheet1", CellAddress.Parse("A1"), "1");
            w.SetCellInput("Sheet1", CellAddress.Parse("A2"), "2");
            w.SetCellInput("Sheet1", CellAddress.Parse("B1"), "=A1+A2");
            w.SetCellInput("Sheet1", CellAddress.Parse("B2"), "=A1*10");
        });
        var page = RenderPage();
        var controller = ControllerOf(page);
        var session = await SessionAsync();
        var start = session.Revision;
        string? Input(string cell) => session.Read((w, _) => w.GetCell("Sheet1", CellAddress.Parse(cell)).Input);
        await page.InvokeAsync(() => controller.State.SelectRange(CellAddress.Parse("A1"), CellAddress.Parse("B2")));

        // Ctrl+X: the text goes to the clipboard, the cells are marked, nothing changes yet; Escape unmarks.
        var text = await page.InvokeAsync(() => controller.Copy(cut: true));
        Assert.Equal("1\t3\r\n2\t10\r\n", text);
        Assert.Equal("A1:B2", page.Find("[data-testid=cut-mark]").GetAttribute("data-range"));
        Assert.Equal(start, session.Revision);
        await page.InvokeAsync(() => controller.Key("Escape", shift: false, ctrl: false));
        Assert.Empty(page.FindAll("[data-testid=cut-mark]"));

        // Cut again and paste one cell down and right (overlapping): the cells move.
        text = await page.InvokeAsync(() => controller.Copy(cut: true));
        await page.InvokeAsync(() => controller.State.Select(CellAddress.Parse("B2"), extend: false));
        await page.InvokeAsync(() => controller.Paste(text));

        page.WaitForAssertion(() => Assert.Equal(start + 1, session.Revision), Wait); // one op
        page.WaitForAssertion(() => Assert.Empty(controller.Session.Client!.Pending), Wait);
        Assert.Empty(page.FindAll("[data-testid=cut-mark]"));
        Assert.Equal(("1", "=A1+A2", "2", "=A1*10"), (Input("B2"), Input("C2"), Input("B3"), Input("C3"))); // formulas as they were
        Assert.Equal((null, null, null), (Input("A1"), Input("A2"), Input("B1"))); // the rest of the source is cleared
        Assert.Equal("B2:C3", page.Find("[data-testid=selection]").GetAttribute("data-range"));

        // One Ctrl+Z undoes the whole move.
        await page.InvokeAsync(() => controller.Key("z", shift: false, ctrl: true));
        page.WaitForAssertion(() => Assert.Equal(("1", "2", "=A1+A2", "=A1*10"), (Input("A1"), Input("A2"), Input("B1"), Input("B2"))), Wait);
        Assert.Equal((null, null, null), (Input("C2"), Input("B3"), Input("C3")));
        page.WaitForAssertion(() => Assert.Equal("3", CellOf(page, "B1").TextContent), Wait);

        // A paste that is not the cut's text (or after the mark is gone) is a plain paste: nothing is cleared.
        await page.InvokeAsync(() => controller.State.SelectRange(CellAddress.Parse("A1"), CellAddress.Parse("A2")));
        text = await page.InvokeAsync(() => controller.Copy(cut: true));
        await page.InvokeAsync(() => controller.State.Select(CellAddress.Parse("D1"), extend: false));
        await page.InvokeAsync(() => controller.Paste("7\r\n"));
        page.WaitForAssertion(() => Assert.Equal("7", Input("D1")), Wait);
        Assert.Equal(("1", "2"), (Input("A1"), Input("A2")));
        Assert.Empty(page.FindAll("[data-testid=cut-mark]"));
    }

    [Fact]
    public async Task Edits_of_every_kind_made_while_the_session_connection_is_down_queue_and_arrive_once_after_rejoin()
    {
        Seed(w => w.SetCellInput("Sheet1", CellAddress.Parse("A1"), "gone soon"));
        var page = RenderPage();
        var controller = ControllerOf(page);
        var session = await SessionAsync();
        var start = session.Revision;

        // The connection to the session drops; rejoining waits (the role check is held), so edits pile up meanwhile.
        Authorization.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.InvokeAsync(() => controller.Session.Dropped("test"));
        await page.InvokeAsync(() =>
        {
            controller.State.Select(CellAddress.Parse("B2"), extend: false);
            controller.Commit("typed-offline", "typed", "none");                  // typed
            controller.State.Select(CellAddress.Parse("C1"), extend: false);
            controller.Paste("p1\tp2\r\n");                                        // paste (setRange)
            controller.State.Select(CellAddress.Parse("A1"), extend: false);
            controller.ClearSelection();                                           // clear
            controller.State.Select(CellAddress.Parse("B2"), extend: false);
            controller.ToggleBold();                                               // format
            controller.State.Select(CellAddress.Parse("A1"), extend: false);
            controller.InsertRows();                                               // structure: B2 moves to B3
            controller.AddSheet();                                                 // sheets
        });
        Assert.False(controller.Session.Client!.IsConnected);
        Assert.Equal(6, controller.Session.Client.Pending.Count);
        Assert.Equal(start, session.Revision); // nothing sent while down

        Authorization.Gate.SetResult();
        page.WaitForAssertion(() => Assert.Empty(controller.Session.Client.Pending), Wait);
        Assert.Equal(start + 6, session.Revision); // each once
        session.Read((w, _) =>
        {
            Assert.Null(w.GetCell("Sheet1", CellAddress.Parse("A1")).Input);
            Assert.Equal("typed", w.GetCell("Sheet1", CellAddress.Parse("B3")).Input);
            Assert.True(w.GetCell("Sheet1", CellAddress.Parse("B3")).Format.Bold);
            Assert.Equal(("p1", "p2"), (w.GetCell("Sheet1", CellAddress.Parse("C2")).Input, w.GetCell("Sheet1", CellAddress.Parse("D2")).Input));
            Assert.Equal(["Sheet1", "Sheet2"], w.SheetNames);
            return 0;
        });
    }

    [Fact]
    public async Task Every_edit_not_typed_is_kept_in_the_browser_and_ops_of_every_kind_resubmitted_from_it_apply_once()
    {
        Seed(w => w.SetCellInput("Sheet1", CellAddress.Parse("A1"), "x"));
        var page = RenderPage();
        var controller = ControllerOf(page);
        var session = await SessionAsync();

        // Not typed (made on the server side for the page): sent to the browser to keep until settled.
        await page.InvokeAsync(() => controller.InsertColumns());
        page.WaitForAssertion(() => Assert.Single(JSInterop.Invocations, i => i.Identifier == "keep"), Wait);
        var keep = JSInterop.Invocations.Single(i => i.Identifier == "keep");
        var kept = Assert.IsType<StoredOperation>(keep.Arguments[0]);
        Assert.Equal("insertColumns", kept.Op.GetProperty("type").GetString());
        // Settled (taken out of the browser's outbox) once acknowledged; no render follows, so this polls.
        var deadline = DateTime.UtcNow + Wait;
        bool Settled() => JSInterop.Invocations.ToList().Any(i => i.Identifier == "settled" && ((IReadOnlyList<string>)i.Arguments[0]!).Contains(kept.OpId));
        while (!Settled() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Xunit.TestContext.Current.CancellationToken);
        }

        Assert.True(Settled());

        // What a browser kept (typed offline, made offline, or kept before its circuit went) goes to a new page.
        var before = session.Revision;
        StoredOperation Stored(string id, string json) => new(id, before, System.Text.Json.JsonDocument.Parse(json).RootElement.Clone());
        var stored = new[]
        {
            Stored("k-set", """{"type":"setCell","sheet":"Sheet1","cell":"C1","input":"typed"}"""),
            Stored("k-range", """{"type":"setRange","sheet":"Sheet1","range":"C2:D2","inputs":[["1","2"]]}"""),
            Stored("k-clear", """{"type":"clearRange","sheet":"Sheet1","range":"B:B"}"""),
            Stored("k-bold", """{"type":"setFormat","sheet":"Sheet1","range":"C1","format":{"bold":true}}"""),
            Stored("k-rows", """{"type":"insertRows","sheet":"Sheet1","at":1,"count":1}"""),
            Stored("k-sheet", """{"type":"addSheet","name":"Offline"}"""),
        };
        var settled = await page.InvokeAsync(() => controller.Resubmit(stored));
        Assert.All(settled, s => Assert.Null(s.Error));
        Assert.Equal(before + 6, session.Revision);
        var again = await page.InvokeAsync(() => controller.Resubmit(stored));
        Assert.All(again, s => Assert.Null(s.Error));
        Assert.Equal(before + 6, session.Revision); // resubmitting the same op ids applies nothing twice
        session.Read((w, _) =>
        {
            Assert.Equal("typed", w.GetCell("Sheet1", CellAddress.Parse("C2")).Input);
            Assert.True(w.GetCell("Sheet1", CellAddress.Parse("C2")).Format.Bold);
            Assert.Equal("2", w.GetCell("Sheet1", CellAddress.Parse("D3")).Input);
            Assert.Null(w.GetCell("Sheet1", CellAddress.Parse("B2")).Input); // the x (moved to B1 by the inserted column) was cleared with B:B
            Assert.Contains("Offline", w.SheetNames);
            return 0;
        });
    }

    [Fact]
    public async Task A_cell_someone_else_clears_shows_blank_and_the_formula_bar_follows()
    {
        Seed(w =>
        {
            w.SetCellInput("Sheet1", CellAddress.Parse("A1"), "keep");
            w.SetCellInput("Sheet1", CellAddress.Parse("B2"), "gone");
        });
        var page = RenderPage();
        await page.InvokeAsync(() => ControllerOf(page).State.Select(CellAddress.Parse("B2"), extend: false));
        Assert.Equal("gone", page.Find("[data-testid=formula-bar]").GetAttribute("value"));

        await BobSubmitsAsync(new ClearRangeOperation("Sheet1", "B1:B3"));

        page.WaitForAssertion(() => Assert.Equal(string.Empty, CellOf(page, "B2").TextContent), Wait);
        page.WaitForAssertion(() => Assert.Equal(string.Empty, page.Find("[data-testid=formula-bar]").GetAttribute("value") ?? string.Empty), Wait);
        Assert.Equal("keep", CellOf(page, "A1").TextContent);
    }

    [Fact]
    public async Task The_conflict_card_shows_both_values_and_who_keep_mine_writes_mine_again_and_keep_theirs_closes()
    {
        Seed(_ => { });
        var page = RenderPage();
        var controller = ControllerOf(page);
        var start = (await SessionAsync()).Revision;

        await page.InvokeAsync(() =>
        {
            controller.State.Select(CellAddress.Parse("B2"), extend: false);
            controller.Commit("mine-1", "100", "none");
        });
        page.WaitForAssertion(() => Assert.Null(CellOf(page, "B2").GetAttribute("data-pending")), Wait);
        // Bob had not seen Alice's write: his is ordered later and wins.
        await BobSubmitsAsync(new SetCellOperation("Sheet1", "B2", "200"), start);

        var card = page.WaitForElement("[data-testid=conflict-card]", Wait);
        Assert.Equal("100", card.QuerySelector("[data-testid=conflict-yours]")!.TextContent);
        Assert.Equal("200", card.QuerySelector("[data-testid=conflict-theirs]")!.TextContent);
        Assert.Equal("Bob Brown", card.QuerySelector("[data-testid=conflict-by]")!.TextContent);
        page.WaitForAssertion(() => Assert.Equal("200", CellOf(page, "B2").TextContent), Wait);

        page.Find("[data-testid=keep-mine]").Click();
        page.WaitForAssertion(() => Assert.Equal("100", CellOf(page, "B2").TextContent), Wait);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=conflict-card]")), Wait);
        page.WaitForAssertion(() => Assert.Null(CellOf(page, "B2").GetAttribute("data-pending")), Wait);
        Assert.Equal("100", (await SessionAsync()).Read((w, _) => w.GetCell("Sheet1", CellAddress.Parse("B2")).Input));

        // A second conflict, dismissed: their value stays.
        var now = (await SessionAsync()).Revision;
        await page.InvokeAsync(() => controller.Commit("mine-2", "300", "none"));
        page.WaitForAssertion(() => Assert.Null(CellOf(page, "B2").GetAttribute("data-pending")), Wait);
        await BobSubmitsAsync(new SetCellOperation("Sheet1", "B2", "400"), now);
        page.WaitForElement("[data-testid=keep-theirs]", Wait).Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=conflict-card]")), Wait);
        Assert.Equal("400", CellOf(page, "B2").TextContent);
    }

    [Fact]
    public async Task A_remote_set_cell_re_renders_exactly_the_row_that_holds_the_cell()
    {
        Seed(w =>
        {
            w.SetCellInput("Sheet1", CellAddress.Parse("A1"), "=B1+1");
            w.SetCellInput("Sheet1", CellAddress.Parse("C12"), "=B1*2");
        });
        var page = RenderPage();
        var rows = page.FindComponents<GridRow>();
        Assert.True(rows.Count > 20, $"only {rows.Count} rows rendered");
        Assert.True(page.FindAll(".cg-cell").Count > 100, "too few cells rendered");
        var renders = rows.ToDictionary(r => r.Instance.Row, r => r.RenderCount);
        var markup = rows.ToDictionary(r => r.Instance.Row, r => r.Markup);
        var cells = CellMarkup(page);

        await BobSubmitsAsync(new SetCellOperation("Sheet1", "D7", "42"));

        page.WaitForAssertion(() => Assert.Equal("42", CellOf(page, "D7").TextContent), Wait);
        var changed = page.FindComponents<GridRow>().Where(r => r.RenderCount != renders[r.Instance.Row]).ToList();
        var only = Assert.Single(changed);
        Assert.Equal(7, only.Instance.Row);
        Assert.Equal(renders[7] + 1, only.RenderCount);
        // Every other row's markup, and every other cell of row 7, is what it was: the diff has nothing to do there.
        Assert.All(page.FindComponents<GridRow>().Where(r => r.Instance.Row != 7), r => Assert.Equal(markup[r.Instance.Row], r.Markup));
        Assert.Equal(["D7"], ChangedCells(cells, CellMarkup(page)));

        // A change with dependents re-renders the row of each (row 1 once for B1 and A1, and row 12), nothing else.
        cells = CellMarkup(page);
        await BobSubmitsAsync(new SetCellOperation("Sheet1", "B1", "9"));
        page.WaitForAssertion(() => Assert.Equal(("10", "9", "18"), (CellOf(page, "A1").TextContent, CellOf(page, "B1").TextContent, CellOf(page, "C12").TextContent)), Wait);
        var afterSecond = page.FindComponents<GridRow>().ToDictionary(r => r.Instance.Row, r => r.RenderCount - renders[r.Instance.Row]);
        Assert.Equal(new Dictionary<int, int> { [1] = 1, [7] = 1, [12] = 1 }, afterSecond.Where(p => p.Value != 0).ToDictionary());
        Assert.All(page.FindComponents<GridRow>().Where(r => r.Instance.Row is not (1 or 7 or 12)), r => Assert.Equal(markup[r.Instance.Row], r.Markup));
        Assert.Equal(["A1", "B1", "C12"], ChangedCells(cells, CellMarkup(page)));
    }

    private static Dictionary<string, string> CellMarkup(IRenderedComponent<ModelPage> page) =>
        page.FindAll(".cg-cell").ToDictionary(e => e.GetAttribute("data-cell")!, e => e.OuterHtml);

    private static List<string> ChangedCells(Dictionary<string, string> before, Dictionary<string, string> after)
    {
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        return [.. after.Where(p => before[p.Key] != p.Value).Select(p => p.Key).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task Scrolling_a_10000_row_sheet_renders_only_the_visible_rows_and_cells_and_a_small_overscan()
    {
        Seed(w =>
        {
            for (var r = 1; r <= 10_000; r++)
            {
                w.SetCellInput("Sheet1", new CellAddress(r, 1), "row " + r.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            w.SetCellInput("Sheet1", new CellAddress(10_000, 100), "corner");
        });
        var page = RenderPage();
        var state = ControllerOf(page).State;
        Assert.True(state.RowCount >= 10_000 && state.ColumnCount >= 100);

        // The browser reports a 1200 x 700 viewport scrolled to row 5,001 and column 40.
        var top = 5_000 * GridState.RowHeight;
        var left = state.ColumnLeft(40);
        await page.InvokeAsync(() => ControllerOf(page).Viewport(top, left, 1200, 700));

        var rendered = page.FindAll(".cg-cell").Select(e => CellAddress.Parse(e.GetAttribute("data-cell")!)).Select(a => (a.Row, a.Column)).ToList();
        var visibleRows = (700 - GridState.HeaderHeight) / GridState.RowHeight + 1;
        var visibleColumns = (1200 - GridState.RowHeaderWidth) / GridState.DefaultColumnWidth + 1;
        Assert.All(rendered, c => Assert.InRange(c.Row, 5_001 - GridState.OverscanRows, 5_001 + visibleRows + GridState.OverscanRows));
        Assert.All(rendered, c => Assert.InRange(c.Column, 40 - GridState.OverscanColumns, 40 + visibleColumns + GridState.OverscanColumns));
        Assert.True(rendered.Count <= (visibleRows + 2 * GridState.OverscanRows + 1) * (visibleColumns + 2 * GridState.OverscanColumns + 1), $"{rendered.Count} cells rendered");
        Assert.Empty(page.FindAll(".cg-cell[data-cell='A1']"));

        // One row component per rendered row, each holding exactly the window's cells of its row and no other cell.
        var window = state.Window;
        var rows = page.FindComponents<GridRow>();
        Assert.Equal(Enumerable.Range(window.FirstRow, window.LastRow - window.FirstRow + 1), rows.Select(r => r.Instance.Row).Order());
        Assert.Equal(rendered.Count, rendered.Distinct().Count());
        Assert.Equal(window.CellCount, rendered.Count);
        foreach (var row in rows)
        {
            var names = row.FindAll(".cg-cell").Select(e => e.GetAttribute("data-cell")!).ToList();
            var expected = Enumerable.Range(window.FirstColumn, window.LastColumn - window.FirstColumn + 1).Select(c => new CellAddress(row.Instance.Row, c).ToString()).ToList();
            Assert.Equal(expected, names);
        }

        Assert.Equal(FormattableString.Invariant($"top:{GridState.RowTop(5001)}px;left:{state.ColumnLeft(40)}px;width:{GridState.DefaultColumnWidth}px"), CellOf(page, "AN5001").GetAttribute("style"));
    }

    [Fact]
    public async Task Scrolling_across_and_resizing_a_column_re_render_the_rows_with_the_new_cells_and_positions()
    {
        Seed(w => w.SetCellInput("Sheet1", CellAddress.Parse("C5"), "7"));
        var page = RenderPage();
        var controller = ControllerOf(page);
        var state = controller.State;
        await page.InvokeAsync(() => controller.Viewport(0, 0, 1200, 700));
        var rowsBefore = page.FindComponents<GridRow>().Select(r => r.Instance).ToList();

        // Scrolling down a little: the rows still in the window keep their components (keyed by row) and do not render.
        var renders = page.FindComponents<GridRow>().ToDictionary(r => r.Instance.Row, r => r.RenderCount);
        await page.InvokeAsync(() => controller.Viewport(5 * GridState.RowHeight, 0, 1200, 700));
        var window = state.Window;
        Assert.Equal(4, window.FirstRow);
        foreach (var row in page.FindComponents<GridRow>())
        {
            if (renders.TryGetValue(row.Instance.Row, out var count))
            {
                Assert.Equal(count, row.RenderCount);
                Assert.Contains(row.Instance, rowsBefore);
            }
        }

        Assert.Empty(page.FindAll(".cg-cell[data-cell='A1']"));
        Assert.Single(page.FindAll($".cg-cell[data-cell='A{window.LastRow}']"));

        // Scrolling across: every row shows the new columns.
        await page.InvokeAsync(() => controller.Viewport(5 * GridState.RowHeight, state.ColumnLeft(4), 1200, 700));
        window = state.Window;
        Assert.Equal(3, window.FirstColumn);
        Assert.Empty(page.FindAll(".cg-cell[data-cell='B5']"));
        Assert.Equal(window.CellCount, page.FindAll(".cg-cell").Count);
        Assert.Equal(("7", "cg-cell cg-number"), (CellOf(page, "C5").TextContent, CellOf(page, "C5").GetAttribute("class")));

        // Widening column C moves the cells of the columns after it, in every row.
        await page.InvokeAsync(() => controller.ResizeColumn(3, 250));
        Assert.Equal(FormattableString.Invariant($"top:{GridState.RowTop(4)}px;left:{state.ColumnLeft(3)}px;width:250px"), CellOf(page, "C4").GetAttribute("style"));
        Assert.Equal(FormattableString.Invariant($"top:{GridState.RowTop(6)}px;left:{state.ColumnLeft(3) + 250}px;width:{GridState.DefaultColumnWidth}px"), CellOf(page, "D6").GetAttribute("style"));
    }

    [Fact]
    public async Task Rows_inserted_by_someone_else_move_the_selection_with_its_cell()
    {
        Seed(_ => { });
        var page = RenderPage();
        var controller = ControllerOf(page);
        await page.InvokeAsync(() => controller.State.Select(CellAddress.Parse("B10"), extend: false));

        await BobSubmitsAsync(new InsertRowsOperation("Sheet1", 2, 3));

        page.WaitForAssertion(() => Assert.Equal("B13", page.Find("[data-testid=selection]").GetAttribute("data-active")), Wait);
        await page.InvokeAsync(() => controller.Commit("typed", "meant", "none"));
        page.WaitForAssertion(() => Assert.Equal("meant", CellOf(page, "B13").TextContent), Wait);
        Assert.Equal("meant", (await SessionAsync()).Read((w, _) => w.GetCell("Sheet1", CellAddress.Parse("B13")).Input));
    }

    [Fact]
    public async Task Pasted_tab_separated_text_becomes_one_set_range_and_copy_gives_it_back()
    {
        Seed(_ => { });
        var page = RenderPage();
        var controller = ControllerOf(page);
        var start = (await SessionAsync()).Revision;
        await page.InvokeAsync(() => controller.State.Select(CellAddress.Parse("B2"), extend: false));

        await page.InvokeAsync(() => controller.Paste("1\t2\r\n\"a\tb\"\t=B2+C2\r\n"));

        page.WaitForAssertion(() => Assert.Equal("3", CellOf(page, "C3").TextContent), Wait);
        Assert.Equal("a\tb", CellOf(page, "B3").TextContent);
        Assert.Equal(start + 1, (await SessionAsync()).Revision);
        Assert.Equal("B2:C3", page.Find("[data-testid=selection]").GetAttribute("data-range"));
        var copied = await page.InvokeAsync(() => controller.Copy(cut: false));
        Assert.Equal("1\t2\r\n\"a\tb\"\t3\r\n", copied);
    }

    [Fact]
    public async Task A_live_downgrade_turns_the_page_read_only_and_removal_says_so()
    {
        Seed(_ => { });
        var page = RenderPage();
        Assert.Empty(page.FindAll("[data-testid=read-only-banner]"));

        Authorization.ByUser["alice"] = ModelRole.Commenter;
        (await SessionAsync()).RoleChanged("alice", ModelRole.Commenter);
        page.WaitForElement("[data-testid=read-only-banner]", Wait);
        Assert.Equal("commenter", page.Find("[data-testid=model-page]").GetAttribute("data-role"));

        Authorization.ByUser["alice"] = ModelRole.None;
        (await SessionAsync()).RoleChanged("alice", ModelRole.None);
        page.WaitForElement("[data-testid=access-removed]", Wait);
    }
}
