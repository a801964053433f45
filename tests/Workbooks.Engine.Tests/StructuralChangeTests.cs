using Collab.Workbooks.Engine;
using static Workbooks.Engine.Tests.TestBook;

namespace Workbooks.Engine.Tests;

public class PositionMapTests
{
    private const int Max = CellAddress.MaxRows;

    [Theory]
    [InlineData(true, 3, 2, 1, 1)]
    [InlineData(true, 3, 2, 2, 2)]
    [InlineData(true, 3, 2, 3, 5)]
    [InlineData(true, 3, 2, 10, 12)]
    [InlineData(true, 3, 2, Max, null)]
    [InlineData(true, 3, 2, Max - 2, Max)]
    [InlineData(false, 3, 2, 2, 2)]
    [InlineData(false, 3, 2, 3, null)]
    [InlineData(false, 3, 2, 4, null)]
    [InlineData(false, 3, 2, 5, 3)]
    [InlineData(false, 1, 1, 1, null)]
    public void Indexes_map_through_inserts_and_deletes(bool insert, int at, int count, int index, int? expected) =>
        Assert.Equal(expected, PositionMap.MapIndex(index, insert, at, count, Max));

    [Theory]
    [InlineData(true, 3, 1, 1, 4, 1, 5)]
    [InlineData(true, 5, 1, 1, 4, 1, 4)]
    [InlineData(true, 1, 1, 1, 4, 2, 5)]
    [InlineData(true, 4, 1, 1, 4, 1, 5)]
    [InlineData(true, 2, 3, 2, 2, 5, 5)]
    [InlineData(true, 1, 5, 1, Max, 1, Max)]
    [InlineData(true, 3, 10, 5, Max, 15, Max)]
    [InlineData(false, 4, 1, 1, 4, 1, 3)]
    [InlineData(false, 2, 2, 3, 6, 2, 4)]
    [InlineData(false, 3, 2, 1, 10, 1, 8)]
    [InlineData(false, 1, 2, 5, 8, 3, 6)]
    [InlineData(false, 9, 2, 5, 8, 5, 8)]
    [InlineData(false, 1, 1, 1, Max, 1, Max)]
    public void Intervals_grow_shrink_and_move(bool insert, int at, int count, int start, int end, int newStart, int newEnd) =>
        Assert.Equal((newStart, newEnd), PositionMap.MapInterval(start, end, insert, at, count, Max));

    [Theory]
    [InlineData(3, 2, 3, 4)]
    [InlineData(3, 2, 3, 3)]
    [InlineData(1, 10, 2, 5)]
    public void Intervals_entirely_deleted_give_null(int at, int count, int start, int end) =>
        Assert.Null(PositionMap.MapInterval(start, end, false, at, count, Max));

    [Fact]
    public void Structural_change_maps_cells_and_ranges()
    {
        var insert = StructuralChange.InsertRows("Sheet1", 3, 2);
        Assert.Equal(CellAddress.Parse("B7"), insert.MapCell(CellAddress.Parse("B5")));
        Assert.Equal(CellAddress.Parse("B2"), insert.MapCell(CellAddress.Parse("B2")));
        Assert.Equal(RangeAddress.Parse("A1:C6"), insert.MapRange(RangeAddress.Parse("A1:C4")));
        var delete = StructuralChange.DeleteColumns("Sheet1", 2);
        Assert.Null(delete.MapCell(CellAddress.Parse("B5")));
        Assert.Equal(CellAddress.Parse("B5"), delete.MapCell(CellAddress.Parse("C5")));
        Assert.Equal(RangeAddress.Parse("A1:B4"), delete.MapRange(RangeAddress.Parse("A1:C4")));
        Assert.Null(delete.MapRange(RangeAddress.Parse("B1:B4")));
        Assert.True(delete.IsOnSheet("SHEET1"));
        Assert.Throws<ArgumentOutOfRangeException>(() => StructuralChange.DeleteRows("Sheet1", Max, 2).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => StructuralChange.InsertRows("Sheet1", 1, 0).Validate());
    }
}

public class FormulaRewriterTests
{
    [Theory]
    [InlineData("=SUM(A1:A4)", "InsertRows", 3, 1, "=SUM(A1:A5)")]
    [InlineData("=SUM(A1:A4)", "InsertRows", 5, 1, "=SUM(A1:A4)")]
    [InlineData("=SUM(A1:A4)", "InsertRows", 1, 1, "=SUM(A2:A5)")]
    [InlineData("=SUM(A1:A4)", "InsertRows", 4, 2, "=SUM(A1:A6)")]
    [InlineData("=$A$5+A5+A$5+$A5", "InsertRows", 2, 1, "=$A$6+A6+A$6+$A6")]
    [InlineData("=A5*2", "DeleteRows", 5, 1, "=#REF!*2")]
    [InlineData("=A6*2", "DeleteRows", 5, 1, "=A5*2")]
    [InlineData("=SUM(A1:A4)", "DeleteRows", 4, 1, "=SUM(A1:A3)")]
    [InlineData("=SUM(A3:A6)", "DeleteRows", 2, 2, "=SUM(A2:A4)")]
    [InlineData("=SUM(A2:A3)", "DeleteRows", 2, 2, "=SUM(#REF!)")]
    [InlineData("=SUM(A:A)", "InsertRows", 1, 5, "=SUM(A:A)")]
    [InlineData("=SUM(A:A)", "DeleteRows", 1, 5, "=SUM(A:A)")]
    [InlineData("=SUM(A:C)", "DeleteColumns", 2, 1, "=SUM(A:B)")]
    [InlineData("=SUM(B:B)", "DeleteColumns", 2, 1, "=SUM(#REF!)")]
    [InlineData("=SUM($B:$D)", "InsertColumns", 1, 1, "=SUM($C:$E)")]
    [InlineData("=SUM(3:5)", "InsertRows", 4, 1, "=SUM(3:6)")]
    [InlineData("=SUM(3:5)", "InsertColumns", 1, 1, "=SUM(3:5)")]
    [InlineData("=SUM(3:5)", "DeleteRows", 3, 3, "=SUM(#REF!)")]
    [InlineData("=C1+XFD1", "InsertColumns", 2, 1, "=D1+#REF!")]
    [InlineData("=$C$1", "DeleteColumns", 3, 1, "=#REF!")]
    [InlineData("=SUM(A1:D1)", "DeleteColumns", 2, 2, "=SUM(A1:B1)")]
    [InlineData("=Sheet2!A5+A5", "InsertRows", 1, 1, "=Sheet2!A5+A6")]
    [InlineData("=A1:INDEX(B:B,A3)", "InsertRows", 2, 1, "=A1:INDEX(B:B,A4)")]
    [InlineData("=IF(A9>0,SUM(A1:A8),-A9)", "InsertRows", 9, 1, "=IF(A10>0,SUM(A1:A8),-A10)")]
    public void Formulas_follow_inserts_and_deletes_on_their_sheet(string input, string kind, int at, int count, string expected)
    {
        var change = new StructuralChange(Enum.Parse<StructuralChangeKind>(kind), "Sheet1", at, count);
        Assert.Equal(expected, FormulaRewriter.Rewrite(input, "Sheet1", change));
    }

    [Fact]
    public void Cross_sheet_references_follow_the_changed_sheet_only()
    {
        var change = StructuralChange.InsertRows("Data", 2);
        Assert.Equal("=Data!A3+A2", FormulaRewriter.Rewrite("=Data!A2+A2", "Sheet1", change));
        Assert.Equal("=Data!A3+A3", FormulaRewriter.Rewrite("=data!A2+A2", "Data", change).Replace("data!", "Data!", StringComparison.Ordinal));
        Assert.Equal("='Cash Flow'!B5", FormulaRewriter.Rewrite("='Cash Flow'!B4", "Sheet1", StructuralChange.InsertRows("cash flow", 1)));
    }

    [Fact]
    public void Non_formulas_and_broken_formulas_pass_through()
    {
        var change = StructuralChange.InsertRows("Sheet1", 1);
        Assert.Equal("hello A1", FormulaRewriter.Rewrite("hello A1", "Sheet1", change));
        Assert.Equal("42", FormulaRewriter.Rewrite("42", "Sheet1", change));
        Assert.Equal("=SUM(A1", FormulaRewriter.Rewrite("=SUM(A1", "Sheet1", change));
        Assert.Equal("=B1", FormulaRewriter.Rewrite("=B1", "Sheet1", StructuralChange.InsertRows("Other", 1)));
    }

    [Fact]
    public void Sheet_rename_and_delete_rewrite_text()
    {
        Assert.Equal("='New Sheet'!A1*2+B1", FormulaRewriter.RenameSheet("=Old!A1*2+B1", "Old", "New Sheet"));
        Assert.Equal("=SUM(Renamed!A:A)", FormulaRewriter.RenameSheet("=SUM('My Data'!A:A)", "my data", "Renamed"));
        Assert.Equal("=#REF!+1", FormulaRewriter.DeleteSheet("=Gone!A1+1", "Sheet1", "Gone"));
        Assert.Equal("=SUM(#REF!)+A1", FormulaRewriter.DeleteSheet("=SUM(Gone!A1:B2)+A1", "Sheet1", "Gone"));
        Assert.Equal("=Kept!A1", FormulaRewriter.DeleteSheet("=Kept!A1", "Sheet1", "Gone"));
    }
}

public class WorkbookStructureTests
{
    [Fact]
    public void Inserting_rows_moves_cells_formats_and_rewrites_formulas_everywhere()
    {
        var workbook = With(("A1", "1"), ("A2", "2"), ("A3", "3"), ("A4", "4"), ("B1", "=SUM(A1:A4)"), ("B2", "=$A$4*10"));
        workbook.SetFormat(Main, RangeAddress.Parse("A3"), "0.00", true);
        workbook.AddSheet("Report");
        workbook.Set("A1", "=Sheet1!A4+SUM(Sheet1!A:A)", "Report");
        workbook.DefineName("Last", "=Sheet1!$A$4");
        workbook.Set("C1", "=Last");

        workbook.InsertRows(Main, 3, 2);

        Assert.Equal("=SUM(A1:A6)", workbook.Input("B1"));
        Assert.Equal("=$A$6*10", workbook.Input("B2"));
        Assert.Equal("3", workbook.Value("A5"));
        Assert.Equal("(blank)", workbook.Value("A3"));
        Assert.True(workbook.GetCell(Main, CellAddress.Parse("A5")).Format.Bold);
        Assert.False(workbook.GetCell(Main, CellAddress.Parse("A3")).Format.Bold);
        Assert.Equal("=Sheet1!A6+SUM(Sheet1!A:A)", workbook.Input("A1", "Report"));
        Assert.Equal("=Sheet1!$A$6", workbook.Names.Single().RefersTo);
        Assert.Equal("4", workbook.Value("C1"));
        workbook.Set("A3", "100");
        Assert.Equal("110", workbook.Value("B1"));
        AssertConsistent(workbook);
    }

    [Fact]
    public void Deleting_rows_turns_references_to_deleted_cells_into_ref_errors_and_shrinks_ranges()
    {
        var workbook = With(("A1", "1"), ("A2", "2"), ("A3", "3"), ("A4", "4"), ("B1", "=SUM(A1:A4)"), ("B2", "=A3*2"), ("B5", "=A4+1"), ("A6", "=B5"));
        var changed = workbook.DeleteRows(Main, 3);
        Assert.Equal("=SUM(A1:A3)", workbook.Input("B1"));
        Assert.Equal("7", workbook.Value("B1"));
        Assert.Equal("=#REF!*2", workbook.Input("B2"));
        Assert.Equal("#REF!", workbook.Value("B2"));
        Assert.Equal("=A3+1", workbook.Input("B4"));
        Assert.Equal("=B4", workbook.Input("A5"));
        Assert.Equal("5", workbook.Value("A5"));
        Assert.Contains(changed, c => c.ToString() == "Sheet1!B1");
        Assert.Contains(changed, c => c.ToString() == "Sheet1!B2");
        AssertConsistent(workbook);
    }

    [Fact]
    public void Deleting_a_row_with_formulas_removes_them_and_updates_dependents()
    {
        var workbook = With(("A1", "5"), ("A2", "=A1*2"), ("A3", "=A2+1"));
        workbook.DeleteRows(Main, 2);
        Assert.Equal("=#REF!+1", workbook.Input("A2"));
        Assert.Equal("#REF!", workbook.Value("A2"));
        workbook.Set("A1", "6");
        Assert.Equal("#REF!", workbook.Value("A2"));
        AssertConsistent(workbook);
    }

    [Fact]
    public void Inserting_and_deleting_columns_moves_widths_and_references()
    {
        var workbook = With(("A1", "1"), ("B1", "2"), ("C1", "3"), ("D1", "=SUM(A1:C1)"), ("E1", "=C1"));
        workbook.SetColumnWidth(Main, 3, 20);
        workbook.InsertColumns(Main, 2);
        Assert.Equal("=SUM(A1:D1)", workbook.Input("E1"));
        Assert.Equal("=D1", workbook.Input("F1"));
        Assert.Equal(20, workbook.GetColumnWidth(Main, 4));
        Assert.Null(workbook.GetColumnWidth(Main, 3));
        workbook.DeleteColumns(Main, 3, 2);
        Assert.Equal("=SUM(A1:B1)", workbook.Input("C1"));
        Assert.Equal("=#REF!", workbook.Input("D1"));
        Assert.Equal("1", workbook.Value("C1"));
        Assert.Null(workbook.GetColumnWidth(Main, 4));
        AssertConsistent(workbook);
    }

    [Fact]
    public void Insert_refuses_to_push_cells_off_the_sheet()
    {
        var workbook = With(("A1048576", "1"));
        Assert.Throws<InvalidOperationException>(() => workbook.InsertRows(Main, 5));
        Assert.Equal("1", workbook.Value("A1048576"));
    }

    [Fact]
    public void Renaming_a_sheet_rewrites_references_and_names()
    {
        var workbook = With(("A1", "=Data!B2*2"), ("A2", "=SUM(Data!A:A)"));
        workbook.AddSheet("Data");
        workbook.Set("B2", "21", "Data");
        workbook.DefineName("Rate", "=Data!$B$2");
        workbook.RenameSheet("data", "Cash Flow");
        Assert.Equal("='Cash Flow'!B2*2", workbook.Input("A1"));
        Assert.Equal("=SUM('Cash Flow'!A:A)", workbook.Input("A2"));
        Assert.Equal("='Cash Flow'!$B$2", workbook.Names.Single().RefersTo);
        Assert.Equal("42", workbook.Value("A1"));
        workbook.Set("B2", "1", "Cash Flow");
        Assert.Equal("2", workbook.Value("A1"));
        AssertConsistent(workbook);
    }

    [Fact]
    public void Deleting_a_sheet_turns_references_into_ref_errors()
    {
        var workbook = With(("A1", "=Gone!A1+1"), ("A2", "=SUM(Gone!A1:B2)"), ("A3", "=A1"));
        workbook.AddSheet("Gone");
        workbook.Set("A1", "4", "Gone");
        workbook.DefineName("FromGone", "=Gone!$A$1");
        Assert.Equal("5", workbook.Value("A1"));
        var changed = workbook.DeleteSheet("Gone");
        Assert.Equal("=#REF!+1", workbook.Input("A1"));
        Assert.Equal("=SUM(#REF!)", workbook.Input("A2"));
        Assert.Equal("#REF!", workbook.Value("A3"));
        Assert.Equal("=#REF!", workbook.Names.Single().RefersTo);
        Assert.Contains(changed, c => c.ToString() == "Sheet1!A3");
        workbook.AddSheet("Gone");
        Assert.Equal("#REF!", workbook.Value("A1"));
        AssertConsistent(workbook);
    }
}
