using System.Globalization;
using Collab.Workbooks.Engine;
using static Workbooks.Engine.Tests.TestBook;

namespace Workbooks.Engine.Tests;

/// <summary>Cells whose formulas have the same R1C1 shape on one sheet share one tree, as Excel's shared formulas.</summary>
public class FormulaSharingTests
{
    private static Workbook Column(int rows, Func<int, string> formula)
    {
        var workbook = With();
        var inputs = new List<IReadOnlyList<string?>>();
        for (int r = 1; r <= rows; r++)
        {
            inputs.Add([r.ToString(CultureInfo.InvariantCulture), formula(r)]);
        }

        workbook.SetRange(Main, new RangeAddress(1, 1, rows, 2), inputs);
        return workbook;
    }

    [Fact]
    public void A_filled_down_formula_is_one_shape_and_prints_per_cell()
    {
        var workbook = Column(1000, r => $"=A{r}*2+SUM($A$1:A{r})");
        Assert.Equal(1, workbook.FormulaShapeCount);
        Assert.Equal("=A7*2+SUM($A$1:A7)", workbook.Input("B7"));
        Assert.Equal("=A1000*2+SUM($A$1:A1000)", workbook.Input("B1000"));
        Assert.Equal((7 * 2 + (7 * 8 / 2)).ToString(CultureInfo.InvariantCulture), workbook.Value("B7"));
        workbook.Set("A3", "100");
        Assert.Equal((7 * 2 + (7 * 8 / 2) - 3 + 100).ToString(CultureInfo.InvariantCulture), workbook.Value("B7"));
        AssertConsistent(workbook);
    }

    [Fact]
    public void Different_shapes_sheets_and_literals_do_not_share_and_unused_shapes_are_dropped()
    {
        var workbook = Column(100, r => r % 2 == 0 ? $"=A{r}*2" : $"=A{r}*3");
        Assert.Equal(2, workbook.FormulaShapeCount);
        workbook.Set("C1", "=A1*2");
        Assert.Equal(3, workbook.FormulaShapeCount);
        workbook.AddSheet("Other");
        workbook.Set("B2", "=A2*2", "Other");
        Assert.Equal(4, workbook.FormulaShapeCount);
        workbook.Set("C1", null);
        workbook.Set("B2", "5", "Other");
        Assert.Equal(2, workbook.FormulaShapeCount);
        workbook.ClearRange(Main, RangeAddress.Parse("B1:B100"));
        Assert.Equal(0, workbook.FormulaShapeCount);
    }

    [Fact]
    public void Structural_changes_keep_each_cell_pointing_where_it_did()
    {
        var workbook = Column(20, r => r == 1 ? "=A1" : $"=B{r - 1}+A{r}");
        workbook.Set("D1", "=SUM(B1:B20)");
        workbook.Set("D2", "=$A$5*B10");
        Assert.Equal(4, workbook.FormulaShapeCount);
        workbook.InsertRows(Main, 5, 2);
        Assert.Equal("=B3+A4", workbook.Input("B4"));
        Assert.Equal("(none)", workbook.Input("B5"));
        Assert.Equal("=B4+A7", workbook.Input("B7"));
        Assert.Equal("=B7+A8", workbook.Input("B8"));
        Assert.Equal("=SUM(B1:B22)", workbook.Input("D1"));
        Assert.Equal("=$A$7*B12", workbook.Input("D2"));
        Assert.Equal("210", workbook.Value("B22"));
        AssertConsistent(workbook);
        workbook.DeleteRows(Main, 1, 1);
        Assert.Equal("=#REF!+A1", workbook.Input("B1"));
        Assert.Equal("=B1+A2", workbook.Input("B2"));
        Assert.Equal("#REF!", workbook.Value("B21"));
        workbook.InsertColumns(Main, 1);
        Assert.Equal("=C1+B2", workbook.Input("C2"));
        AssertConsistent(workbook);
        workbook.RenameSheet(Main, "Main Sheet");
        workbook.Set("A1", "='Main Sheet'!C3*2", "Main Sheet");
        Assert.Equal("='Main Sheet'!C3*2", workbook.Input("A1", "Main Sheet"));
        AssertConsistent(workbook);
    }

    [Fact]
    public void Whole_columns_and_rows_and_names_keep_their_positions()
    {
        var workbook = Column(10, r => $"=SUM(A:A)-A{r}+SUM({r}:{r})");
        workbook.DefineName("Rate", "=$A$2");
        workbook.Set("C5", "=Rate*A5+B$1");
        Assert.Equal("=SUM(A:A)-A5+SUM(5:5)", workbook.Input("B5"));
        Assert.Equal("=Rate*A5+B$1", workbook.Input("C5"));
        Assert.Equal(2, workbook.FormulaShapeCount);
        AssertConsistent(workbook);
        var copy = Workbook.FromSnapshot(workbook.ToSnapshot());
        Assert.Equal(workbook.Value("C5"), copy.Value("C5"));
        Assert.Equal("=SUM(A:A)-A9+SUM(9:9)", copy.Input("B9"));
    }
}
