using System.Globalization;
using Collab.Workbooks.Engine;
using static Workbooks.Engine.Tests.TestBook;

namespace Workbooks.Engine.Tests;

/// <summary>
/// Structural changes rewrite, rebind and recalculate only what they affect: these are the cases where a value
/// does change (and must be recalculated) and cases where nothing needs recalculating.
/// </summary>
public class IncrementalStructureTests
{
    private static bool Reported(IReadOnlyList<CellLocation> changed, string cell, string sheet = Main) =>
        changed.Any(c => c.Sheet == sheet && c.Address == CellAddress.Parse(cell));

    [Fact]
    public void A_formula_referencing_a_deleted_cell_shows_ref_and_its_dependents_follow()
    {
        var workbook = With(("A1", "5"), ("A3", "7"), ("B5", "=A3*2"), ("C5", "=B5+1"), ("D5", "=IFERROR(C5,99)"), ("E1", "=A1+1"));
        workbook.AddSheet("Report");
        workbook.Set("A1", "=Sheet1!D5", "Report");

        var changed = workbook.DeleteRows(Main, 3);

        Assert.Equal("=#REF!*2", workbook.Input("B4"));
        Assert.Equal("#REF!", workbook.Value("B4"));
        Assert.Equal("#REF!", workbook.Value("C4"));
        Assert.Equal("99", workbook.Value("D4"));
        Assert.Equal("99", workbook.Value("A1", "Report"));
        Assert.Equal("=Sheet1!D4", workbook.Input("A1", "Report"));
        Assert.True(Reported(changed, "B4") && Reported(changed, "C4") && Reported(changed, "D4") && Reported(changed, "A1", "Report"));
        Assert.False(Reported(changed, "E1"));
        AssertConsistent(workbook);
    }

    [Fact]
    public void Deleting_and_editing_many_formulas_that_read_one_cell_keeps_its_dependents_exact()
    {
        // 300 formulas read $A$1 and the range $A$1:$A$2 (lists large enough to be indexed); rows of them go, some are
        // rewritten, more arrive: the index must still list exactly the remaining formulas.
        var workbook = With(("A1", "2"), ("A2", "3"));
        for (int row = 3; row <= 302; row++)
        {
            workbook.Set($"B{row}", $"=$A$1*{row}");
            workbook.Set($"C{row}", $"=SUM($A$1:$A$2)+{row}");
        }

        workbook.DeleteRows(Main, 10, 50);
        workbook.DeleteRows(Main, 100, 30);
        for (int row = 3; row <= 60; row += 3)
        {
            workbook.Set($"B{row}", "7");
        }

        workbook.Set("B400", "=$A$1*400");
        workbook.Set("A1", "5");

        Assert.Equal("40", workbook.Value("B8")); // row 8 stayed: 5 * 8
        Assert.Equal("7", workbook.Value("B9"));
        Assert.Equal("=$A$1*60", workbook.Input("B10")); // row 60 moved up by 50
        Assert.Equal("300", workbook.Value("B10"));
        Assert.Equal("68", workbook.Value("C10")); // (5 + 3) + 60
        Assert.Equal("=$A$1*180", workbook.Input("B100")); // rows 150 to 179 went in the second delete
        Assert.Equal("2000", workbook.Value("B400"));
        AssertConsistent(workbook);
    }

    [Fact]
    public void A_sum_over_a_range_losing_a_row_drops_that_value()
    {
        var workbook = With(("A1", "1"), ("A2", "2"), ("A3", "4"), ("A4", "8"), ("A5", "16"), ("B1", "=SUM(A1:A5)"), ("C1", "=B1*10"));
        var changed = workbook.DeleteRows(Main, 3);
        Assert.Equal("=SUM(A1:A4)", workbook.Input("B1"));
        Assert.Equal("27", workbook.Value("B1"));
        Assert.Equal("270", workbook.Value("C1"));
        Assert.True(Reported(changed, "B1") && Reported(changed, "C1"));
        AssertConsistent(workbook);
    }

    [Fact]
    public void A_range_growing_by_an_inserted_row_counts_it()
    {
        var workbook = With(("A1", "1"), ("A2", "2"), ("A3", "3"), ("B1", "=COUNTBLANK(A1:A3)"), ("B2", "=ROWS(A1:A3)"), ("B3", "=SUM(A1:A3)"), ("C1", "=INDEX(A1:A3,3)"));
        workbook.InsertRows(Main, 2);
        Assert.Equal("1", workbook.Value("B1"));
        Assert.Equal("4", workbook.Value("B3"));
        Assert.Equal("6", workbook.Value("B4"));
        Assert.Equal("2", workbook.Value("C1"));
        AssertConsistent(workbook);
    }

    [Fact]
    public void Row_below_an_inserted_row_changes_and_above_it_does_not()
    {
        var workbook = With(("A1", "=ROW()"), ("A5", "=ROW()"), ("B5", "=A5*10"), ("C1", "=ROW(A5)"), ("D1", "=COLUMN()"), ("D6", "=COLUMN(B1)+ROW()"));
        var changed = workbook.InsertRows(Main, 3, 2);
        Assert.Equal("1", workbook.Value("A1"));
        Assert.Equal("7", workbook.Value("A7"));
        Assert.Equal("70", workbook.Value("B7"));
        Assert.Equal("=ROW(A7)", workbook.Input("C1"));
        Assert.Equal("7", workbook.Value("C1"));
        Assert.Equal("10", workbook.Value("D8"));
        Assert.True(Reported(changed, "A7") && Reported(changed, "B7") && Reported(changed, "C1") && Reported(changed, "D8"));
        Assert.False(Reported(changed, "A1"));

        changed = workbook.InsertColumns(Main, 1);
        Assert.Equal("5", workbook.Value("E1"));
        Assert.Equal("=COLUMN(C1)+ROW()", workbook.Input("E8"));
        Assert.Equal("11", workbook.Value("E8"));
        Assert.True(Reported(changed, "E1") && Reported(changed, "E8"));
        AssertConsistent(workbook);
    }

    [Fact]
    public void A_reference_from_another_sheet_follows_rows_inserted_into_its_target()
    {
        var workbook = With(("A1", "1"), ("A2", "2"), ("A3", "3"), ("A4", "4"));
        workbook.AddSheet("Report");
        workbook.Set("A1", "=Sheet1!A3*10", "Report");
        workbook.Set("A2", "=SUM(Sheet1!A2:A3)", "Report");
        workbook.Set("A3", "=Sheet1!A1:A4+0", "Report");
        workbook.Set("A4", "=SUM(Sheet1!A1:A2)", "Report");

        var changed = workbook.InsertRows(Main, 2);
        Assert.Equal("=Sheet1!A4*10", workbook.Input("A1", "Report"));
        Assert.Equal("30", workbook.Value("A1", "Report"));
        Assert.Equal("=SUM(Sheet1!A3:A4)", workbook.Input("A2", "Report"));
        Assert.Equal("5", workbook.Value("A2", "Report"));

        // Implicit intersection with the formula's own row: Report!A3 now meets the old A2 in row 3 of Sheet1.
        Assert.Equal("=Sheet1!A1:A5+0", workbook.Input("A3", "Report"));
        Assert.Equal("2", workbook.Value("A3", "Report"));
        Assert.True(Reported(changed, "A3", "Report"));
        Assert.Equal("=SUM(Sheet1!A1:A3)", workbook.Input("A4", "Report"));
        Assert.Equal("3", workbook.Value("A4", "Report"));

        workbook.Set("A2", "100");
        Assert.Equal("103", workbook.Value("A4", "Report"));
        Assert.Equal("5", workbook.Value("A2", "Report"));
        AssertConsistent(workbook);
    }

    [Fact]
    public void Whole_column_and_row_ranges_keep_their_address_but_not_their_contents()
    {
        var workbook = With(("A1", "1"), ("A2", "2"), ("A3", "3"), ("C1", "=SUM(A:A)"), ("C2", "=MATCH(3,A:A,0)"));
        workbook.AddSheet("Report");
        workbook.Set("A1", "=SUM(Sheet1!A:A)*10", "Report");
        workbook.Set("B1", "=MATCH(3,Sheet1!A:A,0)", "Report");

        var changed = workbook.InsertRows(Main, 1);
        Assert.Equal("=SUM(A:A)", workbook.Input("C2"));
        Assert.Equal("6", workbook.Value("C2"));
        Assert.Equal("4", workbook.Value("C3"));
        Assert.Equal("4", workbook.Value("B1", "Report"));
        Assert.True(Reported(changed, "C3") && Reported(changed, "B1", "Report"));

        changed = workbook.DeleteRows(Main, 3);
        Assert.Equal("4", workbook.Value("C2"));
        Assert.Equal("40", workbook.Value("A1", "Report"));
        Assert.Equal("3", workbook.Value("B1", "Report"));
        Assert.True(Reported(changed, "C2") && Reported(changed, "A1", "Report") && Reported(changed, "B1", "Report"));

        // A whole row: columns move and go inside it.
        workbook.Set("E5", "=COUNT(4:4)");
        workbook.Set("B4", "1");
        workbook.Set("D4", "2");
        workbook.DeleteColumns(Main, 1);
        Assert.Equal("=COUNT(4:4)", workbook.Input("D5"));
        Assert.Equal("2", workbook.Value("D5"));
        changed = workbook.DeleteColumns(Main, 1);
        Assert.Equal("1", workbook.Value("C5"));
        Assert.True(Reported(changed, "C5"));
        AssertConsistent(workbook);
    }

    [Fact]
    public void Names_follow_their_cells_and_break_when_they_are_deleted()
    {
        var workbook = With(("A1", "1"), ("A2", "2"), ("A3", "3"), ("B1", "10"), ("D10", "=SUM(Block)"), ("D11", "=Top*2"));
        workbook.DefineName("Block", "=Sheet1!$A$1:$A$3");
        workbook.DefineName("Top", "=Sheet1!$B$1");
        workbook.AddSheet("Report");
        workbook.Set("A1", "=SUM(Block)+Top", "Report");
        Assert.Equal("6", workbook.Value("D10"));

        var changed = workbook.DeleteRows(Main, 2);
        Assert.Equal("=Sheet1!$A$1:$A$2", workbook.Names.Single(n => n.Name == "Block").RefersTo);
        Assert.Equal("4", workbook.Value("D9"));
        Assert.Equal("20", workbook.Value("D10"));
        Assert.Equal("14", workbook.Value("A1", "Report"));
        Assert.True(Reported(changed, "D9") && Reported(changed, "A1", "Report"));

        workbook.DeleteRows(Main, 1);
        Assert.Equal("=#REF!", workbook.Names.Single(n => n.Name == "Top").RefersTo);
        Assert.Equal("3", workbook.Value("D8"));
        Assert.Equal("#REF!", workbook.Value("D9"));
        Assert.Equal("#REF!", workbook.Value("A1", "Report"));

        workbook.InsertColumns(Main, 1);
        workbook.Set("B1", "9");
        Assert.Equal("9", workbook.Value("E8"));
        AssertConsistent(workbook);
    }

    [Fact]
    public void Offset_and_indirect_read_the_cells_now_at_their_addresses()
    {
        var workbook = With(("A1", "1"), ("A2", "2"), ("A3", "3"), ("B1", "=INDIRECT(\"A2\")"), ("B2", "=OFFSET(A1,2,0)"), ("B3", "=SUM(OFFSET(A1,0,0,3,1))"));
        workbook.InsertRows(Main, 2);
        Assert.Equal("0", workbook.Value("B1"));
        Assert.Equal("=OFFSET(A1,2,0)", workbook.Input("B3"));
        Assert.Equal("2", workbook.Value("B3"));
        Assert.Equal("3", workbook.Value("B4"));
        AssertConsistent(workbook);
    }

    [Fact]
    public void Inserting_a_row_recalculates_only_what_can_change()
    {
        var workbook = new Workbook(random: new Random(1));
        workbook.AddSheet(Main);
        workbook.AddSheet("Other");
        for (int r = 1; r <= 1000; r++)
        {
            workbook.SetCellInput(Main, new CellAddress(r, 1), r.ToString(CultureInfo.InvariantCulture));
            workbook.SetCellInput(Main, new CellAddress(r, 2), $"=A{r}*2");
            workbook.SetCellInput(Main, new CellAddress(r, 3), r == 1 ? "=B1" : $"=C{r - 1}+B{r}");
            workbook.SetCellInput("Other", new CellAddress(r, 1), $"=Sheet1!C{r}");
        }

        workbook.SetCellInput(Main, CellAddress.Parse("E1"), "=SUM(B1:B1000)");
        workbook.SetCellInput(Main, CellAddress.Parse("E2"), "=ROW()");

        var changed = workbook.InsertRows(Main, 500);
        Assert.Empty(changed);
        Assert.True(workbook.LastPassFormulas <= 1, workbook.LastPassFormulas.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("=C499+B501", workbook.Input("C501"));
        Assert.Equal("=Sheet1!C501", workbook.GetCell("Other", CellAddress.Parse("A500")).Input);

        // Filling the new row changes the total, not the running totals (they skip the new row).
        workbook.SetCellInput(Main, CellAddress.Parse("B500"), "1");
        Assert.Equal("1001000", workbook.Value("C1001"));
        Assert.Equal("1001001", workbook.Value("E1"));

        // Deleting a row: the total shrinks, the running totals below it break.
        workbook.DeleteRows(Main, 10);
        Assert.Equal("=SUM(B1:B1000)", workbook.Input("E1"));
        Assert.Equal("#REF!", workbook.Value("C10"));
        Assert.Equal("#REF!", workbook.GetCell("Other", CellAddress.Parse("A999")).Value.ToDisplayText());
        Assert.Equal("90", workbook.Value("C9"));
        AssertConsistent(workbook);
    }
}
