using Collab.Workbooks.Engine;
using static Workbooks.Engine.Tests.TestBook;

namespace Workbooks.Engine.Tests;

public class WorkbookTests
{
    [Theory]
    [InlineData("1234.5", "1234.5", CellValueKind.Number)]
    [InlineData("-3", "-3", CellValueKind.Number)]
    [InlineData("1e3", "1000", CellValueKind.Number)]
    [InlineData("50%", "0.5", CellValueKind.Number)]
    [InlineData("true", "TRUE", CellValueKind.Boolean)]
    [InlineData("FALSE", "FALSE", CellValueKind.Boolean)]
    [InlineData("'123", "\"123\"", CellValueKind.Text)]
    [InlineData("'=A1", "\"=A1\"", CellValueKind.Text)]
    [InlineData("hello", "\"hello\"", CellValueKind.Text)]
    [InlineData("#N/A", "#N/A", CellValueKind.Error)]
    [InlineData("=1+1", "2", CellValueKind.Number)]
    public void Inputs_are_classified_like_typing(string input, string shown, CellValueKind kind)
    {
        var workbook = With(("B2", input));
        var cell = workbook.GetCell(Main, CellAddress.Parse("B2"));
        Assert.Equal(shown, Show(cell.Value));
        Assert.Equal(kind, cell.Value.Kind);
        Assert.Equal(input, cell.Input);
    }

    [Fact]
    public void Formula_input_is_normalised_and_empty_input_clears()
    {
        var workbook = With(("A1", "=sum( b1:b2 )"));
        Assert.Equal("=SUM(B1:B2)", workbook.Input("A1"));
        Assert.True(workbook.GetCell(Main, CellAddress.Parse("A1")).IsFormula);
        workbook.Set("A1", "");
        Assert.True(workbook.GetCell(Main, CellAddress.Parse("A1")).IsEmpty);
        Assert.Empty(workbook.EnumerateCells(Main));
        workbook.Set("A1", "5");
        workbook.Set("A1", null);
        Assert.Null(workbook.UsedRange(Main));
    }

    [Fact]
    public void Invalid_formula_throws_and_changes_nothing()
    {
        var workbook = With(("A1", "5"));
        Assert.Throws<FormulaParseException>(() => workbook.Set("A1", "=SUM(1,"));
        Assert.Equal("5", workbook.Value("A1"));
        Assert.Equal("5", workbook.Input("A1"));
    }

    [Fact]
    public void Set_cell_returns_exactly_the_cells_whose_value_changed()
    {
        var workbook = With(("A1", "1"), ("A2", "=A1*0"), ("A3", "=A1+1"), ("B1", "=A3*2"), ("C1", "=Z9"));
        var changed = workbook.Set("A1", "2");
        Assert.Equal(["Sheet1!A1", "Sheet1!A3", "Sheet1!B1"], changed.Select(c => c.ToString()).Order().ToArray());
        Assert.Empty(workbook.Set("A1", "2"));
        var cleared = workbook.Set("A3", null);
        Assert.Equal(["Sheet1!A3", "Sheet1!B1"], cleared.Select(c => c.ToString()).Order().ToArray());
        Assert.Equal("0", workbook.Value("B1"));
        var fromEmpty = workbook.Set("Z9", "7");
        Assert.Equal(["Sheet1!C1", "Sheet1!Z9"], fromEmpty.Select(c => c.ToString()).Order().ToArray());
    }

    [Fact]
    public void Set_range_and_clear_range_recalculate_once()
    {
        var workbook = With(("D1", "=SUM(A1:C2)"));
        var changed = workbook.SetRange(Main, RangeAddress.Parse("A1:C2"), [["1", "2", "3"], ["4", "5", "=A1+B2"]]);
        Assert.Equal("21", workbook.Value("D1"));
        Assert.Equal(7, changed.Count);
        Assert.Throws<ArgumentException>(() => workbook.SetRange(Main, RangeAddress.Parse("A1:B1"), [["1"]]));
        workbook.ClearRange(Main, RangeAddress.Parse("A1:B2"));
        Assert.Equal("3", workbook.Value("D1"));
        Assert.Equal("=A1+B2", workbook.Input("C2"));
        workbook.ClearRange(Main, RangeAddress.Parse("C:C"));
        Assert.Equal("0", workbook.Value("D1"));
        Assert.Single(workbook.EnumerateCells(Main));
    }

    [Fact]
    public void Enumerate_cells_and_used_range()
    {
        var workbook = With(("C3", "1"), ("A5", "x"), ("B1", "=1"));
        Assert.Equal(["B1", "C3", "A5"], workbook.EnumerateCells(Main).Select(c => c.Address.ToString()).ToArray());
        Assert.Equal("A1:C5", workbook.UsedRange(Main).ToString());
        workbook.SetFormat(Main, RangeAddress.Parse("E7"), bold: true);
        Assert.Equal("A1:E7", workbook.UsedRange(Main).ToString());
    }

    [Fact]
    public void Formats_are_set_per_range_and_merge_with_existing()
    {
        var workbook = With(("A1", "1"));
        workbook.SetFormat(Main, RangeAddress.Parse("A1:B2"), "#,##0.00");
        workbook.SetFormat(Main, RangeAddress.Parse("B2:C3"), bold: true);
        Assert.Equal(new CellFormat("#,##0.00", false), workbook.GetCell(Main, CellAddress.Parse("A1")).Format);
        Assert.Equal(new CellFormat("#,##0.00", true), workbook.GetCell(Main, CellAddress.Parse("B2")).Format);
        Assert.Equal(new CellFormat(null, true), workbook.GetCell(Main, CellAddress.Parse("C3")).Format);
        workbook.SetFormat(Main, RangeAddress.Parse("A1:C3"), "General", false);
        Assert.All(workbook.EnumerateCells(Main), c => Assert.True(c.Format.IsDefault));
        Assert.Equal("A1:A1", workbook.UsedRange(Main) is { } r ? r.Start + ":" + r.End : "none");
        workbook.SetFormat(Main, RangeAddress.Parse("A:A"), bold: true);
        Assert.True(workbook.GetCell(Main, CellAddress.Parse("A1")).Format.Bold);
        Assert.Throws<ArgumentException>(() => workbook.SetFormat(Main, RangeAddress.Parse("A1:Z100000"), bold: true));
    }

    [Fact]
    public void Column_widths_are_kept_per_sheet()
    {
        var workbook = With();
        workbook.SetColumnWidth(Main, 2, 18.5);
        Assert.Equal(18.5, workbook.GetColumnWidth(Main, 2));
        Assert.Null(workbook.GetColumnWidth(Main, 3));
        workbook.SetColumnWidth(Main, 2, null);
        Assert.Null(workbook.GetColumnWidth(Main, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => workbook.SetColumnWidth(Main, 2, -1));
    }

    [Fact]
    public void Sheets_are_ordered_unique_and_validated()
    {
        var workbook = new Workbook();
        workbook.AddSheet("Model");
        workbook.AddSheet("Inputs", 0);
        workbook.AddSheet("Output");
        Assert.Equal(["Inputs", "Model", "Output"], workbook.SheetNames);
        Assert.Throws<ArgumentException>(() => workbook.AddSheet("model"));
        Assert.Throws<ArgumentException>(() => workbook.AddSheet("bad:name"));
        Assert.Throws<ArgumentOutOfRangeException>(() => workbook.AddSheet("Far", 9));
        Assert.Equal("Model", workbook.GetSheetName("MODEL"));
        workbook.RenameSheet("model", "MODEL");
        Assert.Equal(["Inputs", "MODEL", "Output"], workbook.SheetNames);
        Assert.Throws<ArgumentException>(() => workbook.RenameSheet("Inputs", "output"));
        workbook.DeleteSheet("Inputs");
        workbook.DeleteSheet("Output");
        Assert.Throws<InvalidOperationException>(() => workbook.DeleteSheet("MODEL"));
        Assert.Throws<ArgumentException>(() => workbook.SetCellInput("Nope", CellAddress.Parse("A1"), "1"));
    }

    [Fact]
    public void Cross_sheet_references_compute_and_follow_edits()
    {
        var workbook = With(("A1", "=Inputs!B2*2"));
        Assert.Equal("#REF!", workbook.Value("A1"));
        workbook.AddSheet("Inputs");
        Assert.Equal("0", workbook.Value("A1"));
        workbook.Set("B2", "21", "Inputs");
        Assert.Equal("42", workbook.Value("A1"));
        workbook.AddSheet("Cash Flow");
        workbook.Set("B4", "=SUM(Inputs!B:B)+1", "Cash Flow");
        workbook.Set("A2", "='cash flow'!B4");
        Assert.Equal("='Cash Flow'!B4", workbook.Input("A2"));
        Assert.Equal("22", workbook.Value("A2"));
        AssertConsistent(workbook);
    }

    [Fact]
    public void Names_validate_and_list()
    {
        var workbook = With();
        Assert.Throws<ArgumentException>(() => workbook.DefineName("A1", "=1"));
        Assert.Throws<ArgumentException>(() => workbook.DefineName("1abc", "=1"));
        Assert.Throws<ArgumentException>(() => workbook.DefineName("has space", "=1"));
        Assert.Throws<FormulaParseException>(() => workbook.DefineName("Ok", "=1+"));
        Assert.Throws<ArgumentException>(() => workbook.DeleteName("Missing"));
        workbook.DefineName("Tax_Rate", "=0.2");
        workbook.DefineName("tax_rate", "=0.25");
        Assert.Equal([new NameDefinition("Tax_Rate", "=0.25")], workbook.Names);
    }
}

public class RecalculationTests
{
    [Fact]
    public void Chain_of_100000_cells_computes_and_recalculates_without_recursion()
    {
        var workbook = new Workbook();
        workbook.AddSheet(Main);
        var inputs = new List<IReadOnlyList<string?>>(100_000) { new[] { "1" } };
        for (int row = 2; row <= 100_000; row++)
        {
            inputs.Add(["=A" + (row - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "+1"]);
        }

        workbook.SetRange(Main, RangeAddress.Parse("A1:A100000"), inputs);
        Assert.Equal("100000", workbook.Value("A100000"));
        var changed = workbook.Set("A1", "5");
        Assert.Equal(100_000, changed.Count);
        Assert.Equal("100004", workbook.Value("A100000"));
        workbook.RecalculateAll();
        Assert.Equal("100004", workbook.Value("A100000"));

        // The chain typed from its end: every new head recalculates what hangs below it.
        var reversed = new Workbook();
        reversed.AddSheet(Main);
        for (int row = 2_000; row >= 2; row--)
        {
            reversed.Set("B" + row.ToString(System.Globalization.CultureInfo.InvariantCulture), "=B" + (row - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + "+1");
        }

        reversed.Set("B1", "1");
        Assert.Equal("2000", reversed.Value("B2000"));
    }

    [Fact]
    public void Only_dependents_are_recalculated()
    {
        var workbook = With(("A1", "1"), ("B1", "=A1+1"), ("C1", "=RAND()"), ("D1", "=C1*0+5"));
        var unrelated = workbook.Set("E1", "1");
        Assert.DoesNotContain(unrelated, c => c.Address.ToString() == "B1");
        Assert.Contains(unrelated, c => c.Address.ToString() == "C1");
        Assert.DoesNotContain(unrelated, c => c.Address.ToString() == "D1");
    }

    [Fact]
    public void Range_dependencies_are_indexed_not_expanded()
    {
        var workbook = With(("Z10", "=SUM(A1:A100000)"), ("Z11", "=SUM(A:A)"), ("Z12", "=SUM(3:3)"), ("Z13", "=SUM(A1:Y1048576)"));
        workbook.Set("A50000", "7");
        workbook.Set("C3", "2");
        Assert.Equal("7", workbook.Value("Z10"));
        Assert.Equal("7", workbook.Value("Z11"));
        Assert.Equal("2", workbook.Value("Z12"));
        Assert.Equal("9", workbook.Value("Z13"));
        var changed = workbook.Set("A3", "1");
        Assert.Equal(["Sheet1!A3", "Sheet1!Z10", "Sheet1!Z11", "Sheet1!Z12", "Sheet1!Z13"], changed.Select(c => c.ToString()).Order().ToArray());
        Assert.Equal("10", workbook.Value("Z13"));
        Assert.Equal(["Sheet1!AA5"], workbook.Set("AA5", "5").Select(c => c.ToString()).ToArray());
    }

    [Fact]
    public void Formulas_naming_the_same_range_share_one_index_entry()
    {
        var workbook = With();
        var rows = new List<IReadOnlyList<string?>>();
        for (int r = 1; r <= 2000; r++)
        {
            rows.Add([$"=INDEX($A$1:$A$100,{(r % 100) + 1})*2", $"=SUM(A{r}:A{r + 1})"]);
        }

        workbook.SetRange(Main, new RangeAddress(1, 3, 2000, 4), rows);
        var index = workbook.Sheets[0].RangeDependents;
        Assert.Equal(1 + 2000, index.Count);
        workbook.Set("A7", "3");
        Assert.Equal("6", workbook.Value("C6"));
        Assert.Equal("3", workbook.Value("D6"));
        Assert.Equal("3", workbook.Value("D7"));
        workbook.ClearRange(Main, new RangeAddress(1, 3, 1999, 3));
        Assert.Equal(1 + 2000, index.Count);
        workbook.Set("A1", "4");
        Assert.Equal("8", workbook.Value("C2000"));
        workbook.Set("C2000", null);
        Assert.Equal(2000, index.Count);
        Assert.DoesNotContain(workbook.Set("A50", "5"), c => c.Address.Column == 3);
        AssertConsistent(workbook);
    }

    [Fact]
    public void Fan_in_and_diamonds_compute_each_cell_once_in_order()
    {
        var workbook = With(("A1", "1"), ("B1", "=A1*2"), ("B2", "=A1*3"), ("C1", "=B1+B2"), ("D1", "=SUM(B1:C1)+C1"));
        Assert.Equal("12", workbook.Value("D1"));
        workbook.Set("A1", "2");
        Assert.Equal("24", workbook.Value("D1"));
        AssertConsistent(workbook);
    }

    [Fact]
    public void Cycles_get_the_circular_error_and_recover_when_broken()
    {
        var workbook = With(("A1", "=B1+1"), ("B1", "=A1+1"), ("C1", "=A1*2"), ("D1", "=D1"));
        Assert.Equal("#CIRC!", workbook.Value("A1"));
        Assert.Equal("#CIRC!", workbook.Value("B1"));
        Assert.Equal("#CIRC!", workbook.Value("C1"));
        Assert.Equal("#CIRC!", workbook.Value("D1"));
        workbook.Set("B1", "10");
        Assert.Equal("11", workbook.Value("A1"));
        Assert.Equal("22", workbook.Value("C1"));
        workbook.Set("E1", "=IFERROR(D1,\"broken\")");
        Assert.Equal("\"broken\"", workbook.Value("E1"));
        workbook.Set("F1", "=SUM(F2:F3)");
        workbook.Set("F3", "=F1");
        Assert.Equal("#CIRC!", workbook.Value("F1"));
        AssertConsistent(workbook);
    }

    [Fact]
    public void A_cycle_with_many_dependents_marks_them_all()
    {
        var workbook = new Workbook();
        workbook.AddSheet(Main);
        var inputs = new List<IReadOnlyList<string?>>();
        for (int row = 1; row <= 20_000; row++)
        {
            inputs.Add(["=$A$1+1"]);
        }

        workbook.SetRange(Main, RangeAddress.Parse("A1:A20000"), inputs);
        Assert.Equal("#CIRC!", workbook.Value("A1"));
        Assert.Equal("#CIRC!", workbook.Value("A20000"));
        workbook.Set("A1", "1");
        Assert.Equal("2", workbook.Value("A20000"));
    }

    [Fact]
    public void Volatile_functions_recalculate_on_every_pass()
    {
        var clock = new FixedClock(new DateTimeOffset(2024, 1, 31, 12, 0, 0, TimeSpan.Zero));
        var workbook = new Workbook(clock);
        workbook.AddSheet(Main);
        workbook.Set("A1", "1");
        workbook.Set("B1", "=OFFSET(A1,0,0)*2");
        workbook.Set("C1", "=INDIRECT(\"A\"&D1)");
        workbook.Set("D1", "1");
        Assert.Equal("2", workbook.Value("B1"));
        Assert.Equal("1", workbook.Value("C1"));
        workbook.Set("A1", "4");
        Assert.Equal("8", workbook.Value("B1"));
        workbook.Set("A2", "=A1*10");
        workbook.Set("D1", "2");
        Assert.Equal("40", workbook.Value("C1"));
        workbook.Set("A1", "5");
        Assert.Equal("50", workbook.Value("C1"));
        AssertConsistent(workbook);
    }

    [Fact]
    public void Dynamic_references_to_pending_cells_wait_for_them()
    {
        var workbook = With(("A1", "1"));
        workbook.Set("B1", "=INDIRECT(\"C1\")+1");
        workbook.Set("C1", "=A1*100");
        workbook.Set("D1", "=B1+1");
        workbook.Set("A1", "2");
        Assert.Equal("200", workbook.Value("C1"));
        Assert.Equal("201", workbook.Value("B1"));
        Assert.Equal("202", workbook.Value("D1"));
        workbook.RecalculateAll();
        Assert.Equal("202", workbook.Value("D1"));
    }

    [Fact]
    public void A_dynamic_reference_depends_on_its_whole_area_whatever_is_read()
    {
        // SUM stops at B4's error before reading B5; the cycle B1 -> B5 -> B1 must be found all the same,
        // whether B1 is computed in a full recalculation or after an edit.
        var workbook = With(("B4", "#REF!"), ("B1", "=SUM(OFFSET(A1,3,1,2,1))"));
        workbook.Set("B5", "=IFERROR(B1/A6,0)");
        Assert.Equal("#CIRC!", workbook.Value("B1"));
        Assert.Equal("#CIRC!", workbook.Value("B5"));
        AssertConsistent(workbook);
    }

    [Fact]
    public void Reference_only_arguments_add_no_dependency()
    {
        var workbook = With(("A1", "=ROW(A1)"), ("A3", "=ROWS(A1:A5)+COLUMNS(A1:C1)"), ("B1", "=OFFSET(B1,1,0)"), ("B2", "7"), ("C1", "=OFFSET(A1,0,2)"));
        Assert.Equal("1", workbook.Value("A1"));
        Assert.Equal("8", workbook.Value("A3"));
        Assert.Equal("7", workbook.Value("B1"));
        Assert.Equal("#CIRC!", workbook.Value("C1"));
        workbook.Set("B2", "8");
        Assert.Equal("8", workbook.Value("B1"));
        AssertConsistent(workbook);
    }

    [Fact]
    public void Dynamic_cycles_are_detected()
    {
        var workbook = With(("A1", "=INDIRECT(\"B1\")"), ("B1", "=INDIRECT(\"A1\")"), ("C1", "=INDIRECT(\"C1\")"));
        Assert.Equal("#CIRC!", workbook.Value("A1"));
        Assert.Equal("#CIRC!", workbook.Value("B1"));
        Assert.Equal("#CIRC!", workbook.Value("C1"));
        workbook.Set("B1", "3");
        Assert.Equal("3", workbook.Value("A1"));
    }

    [Fact]
    public void A_cycle_is_the_same_whether_or_not_a_cycle_upstream_is_recomputed()
    {
        // D1 reads E1 (INDIRECT), E1 reads F1 (INDIRECT), F1 uses D1: D1 is in the cycle. In a full recalculation D1
        // also waits behind the static cycle A1 <-> B1 (through C1); the cycle E1 <-> F1 used to get #CIRC! before D1
        // was computed, and D1 then caught that error (5); after an unrelated edit D1 was computed first (#CIRC!).
        var workbook = With(("A1", "=B1+1"), ("B1", "=A1+1"), ("C1", "=A1+1"), ("D1", "=IFERROR(C1,0)+IFERROR(INDIRECT(\"E1\"),5)"),
            ("E1", "=INDIRECT(\"F1\")"), ("F1", "=E1+D1"));
        workbook.Set("G1", "1");
        Assert.Equal("#CIRC!", workbook.Value("D1"));
        Assert.Equal("#CIRC!", workbook.Value("E1"));
        Assert.Equal("#CIRC!", workbook.Value("F1"));
        AssertConsistent(workbook);
        workbook.RecalculateAll();
        Assert.Equal("#CIRC!", workbook.Value("D1"));
        workbook.Set("F1", "=E1");
        Assert.Equal("5", workbook.Value("D1"));
        AssertConsistent(workbook);
    }

    [Fact]
    public void A_stale_value_read_through_INDIRECT_does_not_make_a_cycle()
    {
        // E1 = INDIRECT(A1's text): while A1 is pending its old text "B1" must not count as a dependency, or the
        // old cycle E1 <-> B1 is reported after A1 has moved on to "D1" (depending on which of E1 and A1 runs first).
        var workbook = With(("C1", "B1"), ("D1", "5"));
        workbook.Set("E1", "=INDIRECT(INDIRECT(\"A1\"))");
        workbook.Set("A1", "=INDIRECT(\"C1\")");
        workbook.Set("B1", "=E1+1");
        Assert.Equal("#CIRC!", workbook.Value("E1"));
        Assert.Equal("#CIRC!", workbook.Value("B1"));
        workbook.Set("C1", "D1");
        Assert.Equal("5", workbook.Value("E1"));
        Assert.Equal("6", workbook.Value("B1"));
        AssertConsistent(workbook);
        workbook.Set("C1", "B1");
        Assert.Equal("#CIRC!", workbook.Value("E1"));
        AssertConsistent(workbook);
    }

    [Fact]
    public void A_cell_that_a_cycle_reads_through_INDIRECT_joins_it()
    {
        // A1 and B1 form a static cycle; A1 also reads C1 through INDIRECT and C1 uses B1, so C1 is in the cycle too.
        var workbook = With(("A1", "=B1+IFERROR(INDIRECT(\"C1\"),0)"), ("B1", "=A1+1"), ("C1", "=IFERROR(B1,7)"));
        Assert.Equal("#CIRC!", workbook.Value("C1"));
        AssertConsistent(workbook);
        workbook.Set("A1", "=B1");
        Assert.Equal("7", workbook.Value("C1"));
    }

    [Fact]
    public void Long_chains_of_cycles_are_resolved_in_one_pass()
    {
        var workbook = new Workbook();
        workbook.AddSheet(Main);
        var inputs = new List<IReadOnlyList<string?>>();
        inputs.Add(["=A1"]);
        for (int row = 2; row <= 5_000; row++)
        {
            inputs.Add(["=IFERROR(A" + (row - 1) + ",0)+A" + row]);
        }

        workbook.SetRange(Main, RangeAddress.Parse("A1:A5000"), inputs);
        Assert.Equal("#CIRC!", workbook.Value("A5000"));
        workbook.RecalculateAll();
        Assert.Equal("#CIRC!", workbook.Value("A2500"));
    }

    [Fact]
    public void Recalculate_all_reports_nothing_when_values_are_current()
    {
        var workbook = With(("A1", "1"), ("A2", "=A1+1"), ("A3", "=SUM(A1:A2)"));
        Assert.Empty(workbook.RecalculateAll());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
