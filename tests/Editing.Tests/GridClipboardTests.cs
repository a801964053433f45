using Bunit;
using Collab.Editing.Components.Pages;
using Collab.Editing.Core;
using Collab.Permissions.Contracts;
using Collab.Workbooks.Engine;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Collab.Editing.Tests;

/// <summary>Copy, cut and paste in the grid, as Excel: what the page's own copy pastes, and what other text pastes.</summary>
public class GridClipboardTests : GridTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static string? Input(Application.Sessions.ModelSession session, string cell) =>
        session.Read((w, _) => w.GetCell("Sheet1", CellAddress.Parse(cell)).Input);

    private static CellFormat Format(Application.Sessions.ModelSession session, string cell) =>
        session.Read((w, _) => w.GetCell("Sheet1", CellAddress.Parse(cell)).Format);

    [Fact]
    public async Task A_copy_pastes_its_formulas_shifted_and_its_formats_as_they_were_when_copied_in_one_undoable_op()
    {
        Seed(w =>
        {
            w.SetCellInput("Sheet1", CellAddress.Parse("A1"), "1");
            w.SetCellInput("Sheet1", CellAddress.Parse("B1"), "2");
            w.SetCellInput("Sheet1", CellAddress.Parse("C1"), "=A1+$B$1");
            w.SetCellInput("Sheet1", CellAddress.Parse("C2"), "=SUM($A$1:A2)");
            w.SetCellInput("Sheet1", CellAddress.Parse("D1"), "see A1");
            w.SetFormat("Sheet1", RangeAddress.Parse("C1"), numberFormat: "0.00", bold: true);
            w.SetFormat("Sheet1", RangeAddress.Parse("F4:F5"), numberFormat: "0%", bold: true);
        });
        var page = RenderPage();
        var controller = ControllerOf(page);
        var session = await SessionAsync();

        await page.InvokeAsync(() => controller.State.SelectRange(CellAddress.Parse("C1"), CellAddress.Parse("D2")));
        var text = await page.InvokeAsync(() => controller.Copy(cut: false));
        Assert.Equal("3.00\tsee A1\r\n1\t\r\n", text); // the clipboard gets the values as shown
        // Edits of the source after the copy do not change what is pasted.
        await BobSubmitsAsync(new SetCellOperation("Sheet1", "C1", "=999"));
        await BobSubmitsAsync(new SetFormatOperation("Sheet1", "C2", new FormatPatch(Bold: true)));
        var start = session.Revision;

        // Pasted at E4: 3 rows down and 2 columns right of C1.
        await page.InvokeAsync(() => controller.State.Select(CellAddress.Parse("E4"), extend: false));
        await page.InvokeAsync(() => controller.Paste(text));

        page.WaitForAssertion(() => Assert.Empty(controller.Session.Client!.Pending), Wait);
        Assert.Equal(start + 1, session.Revision); // one op
        Assert.Equal(("=C4+$B$1", "see A1", "=SUM($A$1:C5)", null), (Input(session, "E4"), Input(session, "F4"), Input(session, "E5"), Input(session, "F5")));
        Assert.Equal(new CellFormat("0.00", true), Format(session, "E4"));
        Assert.Equal(CellFormat.Default, Format(session, "E5")); // not bold: it was not when copied
        Assert.Equal(CellFormat.Default, Format(session, "F4")); // a cell copied without a format clears the target's
        Assert.Equal(CellFormat.Default, Format(session, "F5"));
        Assert.Equal("E4:F5", page.Find("[data-testid=selection]").GetAttribute("data-range"));
        page.WaitForAssertion(() => Assert.Equal("2.00", CellOf(page, "E4").TextContent), Wait); // C4 is empty, B1 is 2
    }

    [Fact]
    public async Task One_undo_takes_back_the_whole_paste_inputs_and_formats()
    {
        Seed(w =>
        {
            w.SetCellInput("Sheet1", CellAddress.Parse("A1"), "=B1*2");
            w.SetCellInput("Sheet1", CellAddress.Parse("A2"), "plain");
            w.SetFormat("Sheet1", RangeAddress.Parse("A1"), numberFormat: "#,##0", bold: true);
            w.SetCellInput("Sheet1", CellAddress.Parse("D2"), "old");
            w.SetFormat("Sheet1", RangeAddress.Parse("D2"), numberFormat: "0%", bold: false);
        });
        var page = RenderPage();
        var controller = ControllerOf(page);
        var session = await SessionAsync();
        await page.InvokeAsync(() => controller.State.SelectRange(CellAddress.Parse("A1"), CellAddress.Parse("A2")));
        var text = await page.InvokeAsync(() => controller.Copy(cut: false));
        await page.InvokeAsync(() => controller.State.Select(CellAddress.Parse("D1"), extend: false));
        await page.InvokeAsync(() => controller.Paste(text));
        page.WaitForAssertion(() => Assert.Equal(("=E1*2", "plain"), (Input(session, "D1"), Input(session, "D2"))), Wait);
        Assert.Equal((new CellFormat("#,##0", true), CellFormat.Default), (Format(session, "D1"), Format(session, "D2")));

        await page.InvokeAsync(() => controller.Key("z", shift: false, ctrl: true));

        page.WaitForAssertion(() => Assert.Equal((null, "old"), (Input(session, "D1"), Input(session, "D2"))), Wait);
        Assert.Equal((CellFormat.Default, new CellFormat("0%", false)), (Format(session, "D1"), Format(session, "D2")));
        page.WaitForAssertion(() => Assert.Empty(controller.Session.Client!.Pending), Wait);
    }

    [Fact]
    public async Task A_selection_that_is_a_multiple_of_the_copied_block_is_filled_with_copies_each_shifted_for_its_place()
    {
        Seed(w =>
        {
            w.SetCellInput("Sheet1", CellAddress.Parse("B1"), "=A1*2");
            w.SetCellInput("Sheet1", CellAddress.Parse("D1"), "=$A1+C1");
            w.SetCellInput("Sheet1", CellAddress.Parse("E1"), "x");
            w.SetFormat("Sheet1", RangeAddress.Parse("E1"), bold: true);
        });
        var page = RenderPage();
        var controller = ControllerOf(page);
        var session = await SessionAsync();
        var start = session.Revision;

        // One cell down a column, as a fill.
        await page.InvokeAsync(() => controller.State.Select(CellAddress.Parse("B1"), extend: false));
        var one = await page.InvokeAsync(() => controller.Copy(cut: false));
        await page.InvokeAsync(() => controller.State.SelectRange(CellAddress.Parse("B2"), CellAddress.Parse("B4")));
        await page.InvokeAsync(() => controller.Paste(one));
        page.WaitForAssertion(() => Assert.Equal(("=A2*2", "=A3*2", "=A4*2"), (Input(session, "B2"), Input(session, "B3"), Input(session, "B4"))), Wait);
        Assert.Equal("B2:B4", page.Find("[data-testid=selection]").GetAttribute("data-range"));

        // A 1 x 2 block over 2 x 4: four copies, in both directions.
        await page.InvokeAsync(() => controller.State.SelectRange(CellAddress.Parse("D1"), CellAddress.Parse("E1")));
        var pair = await page.InvokeAsync(() => controller.Copy(cut: false));
        await page.InvokeAsync(() => controller.State.SelectRange(CellAddress.Parse("D6"), CellAddress.Parse("G7")));
        await page.InvokeAsync(() => controller.Paste(pair));
        page.WaitForAssertion(() => Assert.Equal("x", Input(session, "G7")), Wait);
        Assert.Equal(("=$A6+C6", "x", "=$A6+E6", "x"), (Input(session, "D6"), Input(session, "E6"), Input(session, "F6"), Input(session, "G6")));
        Assert.Equal(("=$A7+C7", "x", "=$A7+E7", "x"), (Input(session, "D7"), Input(session, "E7"), Input(session, "F7"), Input(session, "G7")));
        Assert.Equal((false, true, false, true), (Format(session, "D7").Bold, Format(session, "E7").Bold, Format(session, "F7").Bold, Format(session, "G7").Bold));
        page.WaitForAssertion(() => Assert.Empty(controller.Session.Client!.Pending), Wait);
        Assert.Equal(start + 2, session.Revision); // each paste one op

        // A selection that is not a multiple (3 columns for a block of 2) gets one copy at its start.
        await page.InvokeAsync(() => controller.State.SelectRange(CellAddress.Parse("D9"), CellAddress.Parse("F9")));
        await page.InvokeAsync(() => controller.Paste(pair));
        page.WaitForAssertion(() => Assert.Equal(("=$A9+C9", "x"), (Input(session, "D9"), Input(session, "E9"))), Wait);
        Assert.Null(Input(session, "F9"));
        Assert.Equal("D9:E9", page.Find("[data-testid=selection]").GetAttribute("data-range"));

        // Whole columns are not filled to the last row: one copy at their start.
        await page.InvokeAsync(() => controller.State.Select(CellAddress.Parse("B1"), extend: false));
        one = await page.InvokeAsync(() => controller.Copy(cut: false));
        await page.InvokeAsync(() => controller.Header("column", 8, shift: false));
        await page.InvokeAsync(() => controller.Paste(one));
        page.WaitForAssertion(() => Assert.Equal("=G1*2", Input(session, "H1")), Wait);
        Assert.Null(Input(session, "H2"));
    }

    [Fact]
    public async Task A_paste_larger_than_the_set_range_limit_is_refused_with_the_reason_and_sends_nothing()
    {
        Seed(w => w.SetCellInput("Sheet1", CellAddress.Parse("A1"), "=B1"));
        var page = RenderPage();
        var controller = ControllerOf(page);
        var session = await SessionAsync();
        var start = session.Revision;
        var text = await page.InvokeAsync(() => controller.Copy(cut: false));

        await page.InvokeAsync(() => controller.State.SelectRange(CellAddress.Parse("C1"), CellAddress.Parse("D6000")));
        await page.InvokeAsync(() => controller.Paste(text));

        var snackbar = Assert.Single(Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal("That pastes 12,000 cells; at most 10,000 can be pasted at once.", snackbar.Message);
        Assert.Equal(start, session.Revision);
        Assert.Empty(controller.Session.Client!.Pending);
    }

    [Fact]
    public async Task Text_from_elsewhere_pastes_as_values_and_leaves_formats_alone()
    {
        Seed(w =>
        {
            w.SetCellInput("Sheet1", CellAddress.Parse("A1"), "=B1+1");
            w.SetFormat("Sheet1", RangeAddress.Parse("C3"), bold: true);
        });
        var page = RenderPage();
        var controller = ControllerOf(page);
        var session = await SessionAsync();
        var start = session.Revision;
        Assert.Equal("1\r\n", await page.InvokeAsync(() => controller.Copy(cut: false)));

        // The clipboard now holds something another program put there.
        await page.InvokeAsync(() => controller.State.Select(CellAddress.Parse("C3"), extend: false));
        await page.InvokeAsync(() => controller.Paste("2\t=A1*3\r\n"));

        page.WaitForAssertion(() => Assert.Equal(("2", "=A1*3"), (Input(session, "C3"), Input(session, "D3"))), Wait); // as written, nothing moved
        Assert.True(Format(session, "C3").Bold);
        Assert.Equal(start + 1, session.Revision);
    }

    [Fact]
    public async Task A_cut_moves_the_formats_with_the_cells_and_the_cells_left_behind_lose_theirs()
    {
        Seed(w =>
        {
            w.SetCellInput("Sheet1", CellAddress.Parse("A1"), "5");
            w.SetCellInput("Sheet1", CellAddress.Parse("A2"), "=A1*2");
            w.SetFormat("Sheet1", RangeAddress.Parse("A1"), numberFormat: "0.00", bold: true);
            w.SetFormat("Sheet1", RangeAddress.Parse("A2"), numberFormat: "0%");
            w.SetFormat("Sheet1", RangeAddress.Parse("A3"), bold: true);
        });
        var page = RenderPage();
        var controller = ControllerOf(page);
        var session = await SessionAsync();
        var start = session.Revision;

        // A1:A2 moved one row down (overlapping its own place): A2 is overwritten, A1 is left behind.
        await page.InvokeAsync(() => controller.State.SelectRange(CellAddress.Parse("A1"), CellAddress.Parse("A2")));
        var text = await page.InvokeAsync(() => controller.Copy(cut: true));
        await page.InvokeAsync(() => controller.State.Select(CellAddress.Parse("A2"), extend: false));
        await page.InvokeAsync(() => controller.Paste(text));

        page.WaitForAssertion(() => Assert.Empty(controller.Session.Client!.Pending), Wait);
        Assert.Equal(start + 1, session.Revision);
        Assert.Equal((null, "5", "=A1*2"), (Input(session, "A1"), Input(session, "A2"), Input(session, "A3"))); // the formula as it was (Excel)
        Assert.Equal((CellFormat.Default, new CellFormat("0.00", true), new CellFormat("0%", false)), (Format(session, "A1"), Format(session, "A2"), Format(session, "A3")));

        // One undo puts inputs and formats back.
        await page.InvokeAsync(() => controller.Undo());
        page.WaitForAssertion(() => Assert.Equal(("5", "=A1*2", null), (Input(session, "A1"), Input(session, "A2"), Input(session, "A3"))), Wait);
        Assert.Equal((new CellFormat("0.00", true), new CellFormat("0%", false), new CellFormat(null, true)), (Format(session, "A1"), Format(session, "A2"), Format(session, "A3")));
    }

    [Fact]
    public async Task A_viewer_may_copy_but_a_paste_is_refused_with_the_read_only_notice()
    {
        Seed(w => w.SetCellInput("Sheet1", CellAddress.Parse("A1"), "=1+1"));
        Authorization.ByUser["alice"] = ModelRole.Viewer;
        var page = RenderPage();
        var controller = ControllerOf(page);
        var session = await SessionAsync();
        var start = session.Revision;

        var text = await page.InvokeAsync(() => controller.Copy(cut: false));
        Assert.Equal("2\r\n", text);
        Assert.Empty(Services.GetRequiredService<ISnackbar>().ShownSnackbars);

        var snackbars = Services.GetRequiredService<ISnackbar>();
        await page.InvokeAsync(() => controller.State.Select(CellAddress.Parse("B2"), extend: false));
        foreach (var pasted in new[] { text, "from elsewhere" })
        {
            await page.InvokeAsync(() => controller.Paste(pasted));
            var notice = Assert.Single(snackbars.ShownSnackbars);
            Assert.Equal("You are a viewer of this model: you can look but not edit.", notice.Message);
            snackbars.Clear();
        }

        Assert.Equal(start, session.Revision);
        Assert.Empty(controller.Session.Client!.Pending);
        Assert.Null(Input(session, "B2"));
    }
}
