using System.Text.Json;
using Collab.Workbooks.Engine;
using static Workbooks.Engine.Tests.TestBook;

namespace Workbooks.Engine.Tests;

public class SnapshotTests
{
    private static Workbook Sample()
    {
        var workbook = With(("A1", "1000"), ("A2", "=A1*(1+Growth)"), ("A3", "'0042"), ("A4", "TRUE"), ("B1", "=Inputs!B2"));
        workbook.AddSheet("Inputs", 0);
        workbook.Set("B2", "0.05", "Inputs");
        workbook.DefineName("Growth", "=Inputs!$B$2");
        workbook.SetFormat(Main, RangeAddress.Parse("A1:A2"), "#,##0.00", true);
        workbook.SetFormat(Main, RangeAddress.Parse("C9"), bold: true);
        workbook.SetColumnWidth(Main, 1, 14.5);
        return workbook;
    }

    [Fact]
    public void Snapshot_round_trips_inputs_formats_widths_names_and_values()
    {
        var original = Sample();
        var snapshot = original.ToSnapshot();
        Assert.Equal(["Inputs", "Sheet1"], snapshot.Sheets.Select(s => s.Name).ToArray());
        var loaded = Workbook.FromSnapshot(snapshot);
        Assert.Equal("1050", loaded.Value("A2"));
        Assert.Equal("0.05", loaded.Value("B1"));
        Assert.Equal("\"0042\"", loaded.Value("A3"));
        Assert.Equal(new CellFormat("#,##0.00", true), loaded.GetCell(Main, CellAddress.Parse("A2")).Format);
        Assert.True(loaded.GetCell(Main, CellAddress.Parse("C9")).Format.Bold);
        Assert.Equal(14.5, loaded.GetColumnWidth(Main, 1));
        Assert.Equal(JsonSerializer.Serialize(snapshot), JsonSerializer.Serialize(loaded.ToSnapshot()));
    }

    [Fact]
    public void Snapshot_serializes_as_camel_case_json_and_back()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var json = JsonSerializer.Serialize(Sample().ToSnapshot(), options);
        Assert.Contains("\"sheets\":[", json, StringComparison.Ordinal);
        Assert.Contains("\"cell\":\"A2\",\"input\":\"=A1*(1\\u002BGrowth)\"", json, StringComparison.Ordinal);
        Assert.Contains("\"refersTo\":\"=Inputs!$B$2\"", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize<WorkbookSnapshot>(json, options)!;
        var loaded = Workbook.FromSnapshot(back);
        Assert.Equal("1050", loaded.Value("A2"));
        Assert.Equal(json, JsonSerializer.Serialize(loaded.ToSnapshot(), options));
    }

    [Fact]
    public void Snapshot_with_bad_content_is_rejected()
    {
        var bad = new WorkbookSnapshot([new SheetSnapshot("A", [], []), new SheetSnapshot("a", [], [])], []);
        Assert.Throws<ArgumentException>(() => Workbook.FromSnapshot(bad));
        var badFormula = new WorkbookSnapshot([new SheetSnapshot("A", [new CellSnapshot("A1", "=SUM(")], [])], []);
        Assert.Throws<FormulaParseException>(() => Workbook.FromSnapshot(badFormula));
    }
}

public class ConsistencyValidatorTests
{
    [Fact]
    public void A_healthy_workbook_is_valid()
    {
        var workbook = With(("A1", "1"), ("A2", "=A1*2"), ("A3", "=SUM(A1:A2)"), ("A4", "=RAND()*A3"), ("A5", "=A4+1"));
        var report = ConsistencyValidator.Validate(workbook);
        Assert.True(report.IsValid, string.Join("; ", report.Issues.Select(i => i.Message)));
    }

    [Fact]
    public void Reports_unresolved_sheets_and_names()
    {
        var workbook = With(("A1", "=Missing!A1"), ("A2", "=NoSuchName*2"), ("A3", "=SUM(Other!A:A)"));
        workbook.DefineName("Dangling", "=Nowhere!$A$1");
        var issues = ConsistencyValidator.Validate(workbook).OfKind(ValidationIssueKind.UnresolvedReference);
        Assert.Equal(
            [
                "Sheet1!A1 refers to sheet 'Missing', which does not exist",
                "Sheet1!A2 refers to the name NoSuchName, which does not exist",
                "Sheet1!A3 refers to sheet 'Other', which does not exist",
                "The name Dangling refers to sheet 'Nowhere', which does not exist",
            ],
            issues.Select(i => i.Message).ToArray());
    }

    [Fact]
    public void Names_each_cycle_cell_by_cell()
    {
        var workbook = With(("A1", "=B1"), ("B1", "=A1"), ("D1", "=F1+1"), ("E1", "=D1+1"), ("F1", "=E1+1"), ("G1", "=G1"), ("H1", "=D1"));
        var cycles = ConsistencyValidator.Validate(workbook).OfKind(ValidationIssueKind.CircularReference);
        var messages = cycles.Select(c => c.Message).Order().ToArray();
        Assert.Equal(
            [
                "Circular reference: Sheet1!A1 -> Sheet1!B1 -> Sheet1!A1",
                "Circular reference: Sheet1!D1 -> Sheet1!F1 -> Sheet1!E1 -> Sheet1!D1",
                "Circular reference: Sheet1!G1 -> Sheet1!G1",
            ],
            messages);
        Assert.Equal("#CIRC!", workbook.Value("H1"));
    }

    [Fact]
    public void Reports_dynamic_cycles()
    {
        var workbook = With(("A1", "=INDIRECT(\"B1\")"), ("B1", "=A1+1"));
        var cycles = ConsistencyValidator.FindCycles(workbook);
        Assert.Contains(cycles, c => c.Message.Contains("Sheet1!A1", StringComparison.Ordinal));
    }

    [Fact]
    public void Detects_values_that_differ_from_a_full_recalculation()
    {
        var workbook = With(("A1", "2"), ("A2", "=A1*3"));
        workbook.RequireSheet(Main).Get(2, 1)!.Value = CellValue.FromNumber(5);
        var issues = ConsistencyValidator.Validate(workbook).OfKind(ValidationIssueKind.ValueMismatch);
        Assert.Equal(["Sheet1!A2 holds 5 but a full recalculation gives 6"], issues.Select(i => i.Message).ToArray());
    }
}
