using Collab.Workbooks.Engine;
using Collab.Workbooks.Engine.Xlsx;

namespace Workbooks.Engine.Tests.Xlsx;

public class XlsxImportTests
{
    private const string Styles = """
        <numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.000"/></numFmts>
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
        <fills count="1"><fill><patternFill patternType="none"/></fill></fills>
        <borders count="1"><border/></borders>
        <cellXfs count="6">
          <xf numFmtId="0" fontId="0"/>
          <xf numFmtId="10" fontId="1" applyNumberFormat="1" applyFont="1"/>
          <xf numFmtId="14" fontId="0" applyNumberFormat="1"/>
          <xf numFmtId="164" fontId="0" applyNumberFormat="1"/>
          <xf numFmtId="30" fontId="0" applyNumberFormat="1"/>
          <xf numFmtId="44" fontId="1" applyNumberFormat="1"/>
        </cellXfs>
        """;

    private const string Strings = """
        <si><t>world</t></si>
        <si><t>123</t></si>
        <si><r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>
        <si><t>line_x000D_break</t></si>
        """;

    // Cached values are deliberately wrong (999): the import must recompute every formula.
    private const string DataSheet = """
        <cols><col min="1" max="1" width="20.5" customWidth="1"/><col min="3" max="4" width="12" customWidth="1"/></cols>
        <sheetData>
          <row r="1">
            <c r="A1"><v>1</v></c>
            <c r="B1"><f t="shared" ref="B1:B5" si="0">A1*2+$A$1</f><v>999</v></c>
            <c r="C1" t="inlineStr"><is><t>hello</t></is></c>
            <c r="D1" s="1"><v>0.25</v></c>
            <c r="E1" t="e"><f>_xlfn.WEBSERVICE("http://example.invalid")</f><v>#VALUE!</v></c>
            <c r="F1"><f t="shared" ref="F1:F2" si="1">A1+Table1[Col]</f><v>999</v></c>
            <c r="G1"><f t="array" ref="G1">SUM(A1:A5*2)</f><v>999</v></c>
            <c r="H1"><f t="array" ref="H1:H2">$A$1*3</f><v>999</v></c>
          </row>
          <row r="2">
            <c r="A2"><v>2</v></c>
            <c r="B2"><f t="shared" si="0"/><v>999</v></c>
            <c r="C2" t="s"><v>0</v></c>
            <c r="D2" s="2"><v>45000</v></c>
            <c r="E2"><f>SUM(Table1[Sales])</f><v>999</v></c>
            <c r="F2"><f t="shared" si="1"/><v>999</v></c>
            <c r="H2"><v>999</v></c>
          </row>
          <row r="3">
            <c r="A3"><v>3</v></c>
            <c r="B3"><f t="shared" si="0"/><v>999</v></c>
            <c r="C3" t="s"><v>1</v></c>
            <c r="D3" s="3"><v>1234.5</v></c>
            <c r="E3" t="b"><v>1</v></c>
            <c r="F3" t="e"><v>#DIV/0!</v></c>
          </row>
          <row r="4">
            <c r="A4"><v>4</v></c>
            <c r="B4"><f t="shared" si="0"/><v>999</v></c>
            <c r="C4" t="s"><v>2</v></c>
            <c r="D4" s="4"><v>7</v></c>
            <c r="E4"><f>Rate*10</f><v>999</v></c>
            <c r="F4" t="str"><f>"n="&amp;A4</f><v>stale</v></c>
          </row>
          <row r="5">
            <c r="A5"><v>5</v></c>
            <c r="B5"><f t="shared" si="0"/><v>999</v></c>
            <c r="C5" t="s"><v>3</v></c>
            <c r="D5" s="5"/>
            <c r="E5"><f>Local+1</f><v>999</v></c>
          </row>
        </sheetData>
        """;

    private const string OtherSheet = """
        <sheetData>
          <row r="1"><c r="A1"><f>Data!A5*2</f><v>0</v></c><c r="B1"><f>'Other Sheet'!A1+1</f></c></row>
        </sheetData>
        """;

    private const string Names = """
        <definedName name="Rate">Data!$A$2</definedName>
        <definedName name="Local" localSheetId="0">Data!$A$3</definedName>
        <definedName name="_xlnm.Print_Area" localSheetId="0">Data!$A$1:$D$5</definedName>
        <definedName name="_xlnm._FilterDatabase" hidden="1">Data!$A$1:$A$5</definedName>
        """;

    private static XlsxImportResult ImportHandWritten()
    {
        using var file = XlsxPackage.Build([("Data", DataSheet), ("Other Sheet", OtherSheet)], Names, Strings, Styles);
        return XlsxImporter.Import(file);
    }

    private static string Value(Workbook workbook, string cell, string sheet = "Data") => TestBook.Show(workbook.GetValue(sheet, CellAddress.Parse(cell)));

    private static string? Input(Workbook workbook, string cell, string sheet = "Data") => workbook.GetCell(sheet, CellAddress.Parse(cell)).Input;

    [Fact]
    public void Sheets_keep_their_order_and_names()
    {
        var (workbook, report) = ImportHandWritten();
        Assert.Equal(["Data", "Other Sheet"], workbook.SheetNames);
        Assert.Equal(["Data", "Other Sheet"], report.Sheets.Select(s => s.Name));
    }

    [Fact]
    public void Shared_formulas_are_expanded_with_relative_references_shifted_and_recomputed()
    {
        var (workbook, _) = ImportHandWritten();
        Assert.Equal("=A1*2+$A$1", Input(workbook, "B1"));
        Assert.Equal("=A3*2+$A$1", Input(workbook, "B3"));
        Assert.Equal("=A5*2+$A$1", Input(workbook, "B5"));
        Assert.Equal(["3", "5", "7", "9", "11"], new[] { "B1", "B2", "B3", "B4", "B5" }.Select(c => Value(workbook, c)));
    }

    [Fact]
    public void Cached_values_are_not_trusted()
    {
        var (workbook, _) = ImportHandWritten();
        Assert.Equal("\"n=4\"", Value(workbook, "F4"));
        Assert.Equal("10", Value(workbook, "A1", "Other Sheet"));
        Assert.Equal("11", Value(workbook, "B1", "Other Sheet"));
    }

    [Fact]
    public void Constants_of_every_kind_are_read()
    {
        var (workbook, _) = ImportHandWritten();
        Assert.Equal("\"hello\"", Value(workbook, "C1"));
        Assert.Equal("\"world\"", Value(workbook, "C2"));
        Assert.Equal("\"123\"", Value(workbook, "C3"));
        Assert.Equal("'123", Input(workbook, "C3"));
        Assert.Equal("\"rich text\"", Value(workbook, "C4"));
        Assert.Equal("\"line\rbreak\"", Value(workbook, "C5"));
        Assert.Equal("TRUE", Value(workbook, "E3"));
        Assert.Equal("#DIV/0!", Value(workbook, "F3"));
        Assert.Equal("0.25", Value(workbook, "D1"));
        Assert.Equal("45000", Input(workbook, "D2"));
    }

    [Fact]
    public void Built_in_and_custom_number_formats_and_bold_are_read()
    {
        var (workbook, report) = ImportHandWritten();
        Assert.Equal(new CellFormat("0.00%", true), workbook.GetCell("Data", CellAddress.Parse("D1")).Format);
        Assert.Equal(new CellFormat("m/d/yyyy", false), workbook.GetCell("Data", CellAddress.Parse("D2")).Format);
        Assert.Equal(new CellFormat("#,##0.000", false), workbook.GetCell("Data", CellAddress.Parse("D3")).Format);
        Assert.Equal(CellFormat.Default, workbook.GetCell("Data", CellAddress.Parse("D4")).Format);
        Assert.Contains(report.Notes, n => n.Kind == ImportNoteKind.Converted && n.Reason.Contains("Number format 30", StringComparison.Ordinal));

        // A cell with only a style is kept with its format.
        var styledOnly = workbook.GetCell("Data", CellAddress.Parse("D5"));
        Assert.Null(styledOnly.Input);
        Assert.Equal(new CellFormat("_(\"$\"* #,##0.00_);_(\"$\"* \\(#,##0.00\\);_(\"$\"* \"-\"??_);_(@_)", true), styledOnly.Format);
    }

    [Fact]
    public void Column_widths_are_read()
    {
        var (workbook, _) = ImportHandWritten();
        Assert.Equal([new(1, 20.5), new(3, 12), new(4, 12)], workbook.GetColumnWidths("Data"));
    }

    [Fact]
    public void Workbook_scoped_names_are_imported_and_the_others_reported()
    {
        var (workbook, report) = ImportHandWritten();
        Assert.Equal([new NameDefinition("Rate", "=Data!$A$2")], workbook.Names);
        Assert.Equal("20", Value(workbook, "E4"));
        Assert.Equal("#NAME?", Value(workbook, "E5"));
        Assert.Equal(1, report.NameCount);
        var skipped = report.Skipped.Select(n => n.Location).ToList();
        Assert.Contains("name Local", skipped);
        Assert.Contains("name _xlnm.Print_Area", skipped);
        Assert.Contains("name _xlnm._FilterDatabase", skipped);
        Assert.Contains(report.Skipped, n => n.Location == "name Local" && n.Reason.Contains("'Data'", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_functions_show_name_errors_and_are_reported()
    {
        var (workbook, report) = ImportHandWritten();
        Assert.Equal("=WEBSERVICE(\"http://example.invalid\")", Input(workbook, "E1"));
        Assert.Equal("#NAME?", Value(workbook, "E1"));
        Assert.Equal(["WEBSERVICE"], report.UnsupportedFunctions);
    }

    [Fact]
    public void Formulas_the_engine_cannot_read_are_kept_verbatim_including_shared_copies()
    {
        var (workbook, report) = ImportHandWritten();
        Assert.Equal("=UNSUPPORTED.FORMULA(\"SUM(Table1[Sales])\")", Input(workbook, "E2"));
        Assert.Equal("#NAME?", Value(workbook, "E2"));
        Assert.Equal("=UNSUPPORTED.FORMULA(\"A2+Table1[Col]\")", Input(workbook, "F2"));
        Assert.Contains(report.Notes, n => n.Kind == ImportNoteKind.KeptVerbatim && n.Location == "Data!E2");
        Assert.Contains(report.Notes, n => n.Kind == ImportNoteKind.KeptVerbatim && n.Location == "Data!F2");
    }

    [Fact]
    public void Array_formulas_become_plain_formulas_only_when_that_gives_the_same_values()
    {
        var (workbook, report) = ImportHandWritten();

        // SUM(A1:A5*2) needs array evaluation: kept as written.
        Assert.Equal("=UNSUPPORTED.FORMULA(\"SUM(A1:A5*2)\",\"G1\")", Input(workbook, "G1"));

        // $A$1*3 over H1:H2 is one value broadcast to both cells: a plain formula in each, the cached 999 ignored.
        Assert.Equal("=$A$1*3", Input(workbook, "H1"));
        Assert.Equal("=$A$1*3", Input(workbook, "H2"));
        Assert.Equal("3", Value(workbook, "H2"));
        Assert.Contains(report.Notes, n => n.Kind == ImportNoteKind.Converted && n.Location == "Data!H1");
    }

    [Theory]
    [InlineData("SUM(COUNTIF(A1:A3,A1:A3))")]
    [InlineData("SUM(SUMIF(A1:A3,A1:A3))")]
    [InlineData("SUM(COUNTIFS(A1:A3,A1:A3))")]
    [InlineData("SUM(MATCH(A1:A3,A1:A3,0))")]
    [InlineData("SUM(VLOOKUP(A1:A3,A1:A3,1,FALSE))")]
    [InlineData("SUM(RANK.EQ(A1:A3,A1:A3))")]
    [InlineData("SUM(LARGE(A1:A3,A1:A3))")]
    [InlineData("SUM(PERCENTILE.INC(A1:A3,A1:A3/10))")]
    public void Array_formulas_whose_functions_lift_a_range_argument_are_kept_as_written(string formula)
    {
        // In an array formula these functions take the range item by item (Excel sums three counts); evaluated as a
        // plain formula they would take one cell of it, so the importer must not convert them.
        var sheet = $"""
            <sheetData>
              <row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="array" ref="B1">{formula}</f><v>999</v></c></row>
              <row r="2"><c r="A2"><v>2</v></c></row>
              <row r="3"><c r="A3"><v>3</v></c></row>
            </sheetData>
            """;
        using var file = XlsxPackage.Build([("Data", sheet)]);
        var (workbook, report) = XlsxImporter.Import(file);
        Assert.Equal($"=UNSUPPORTED.FORMULA(\"{formula}\",\"B1\")", Input(workbook, "B1"));
        Assert.Contains(report.Notes, n => n.Kind == ImportNoteKind.KeptVerbatim && n.Location == "Data!B1");
    }

    [Fact]
    public void The_report_counts_cells_and_formulas_per_sheet_and_in_total()
    {
        var (_, report) = ImportHandWritten();
        var data = report.Sheets[0];

        // Data: A1:A5, B1:B5, C1:C5, D1:D4, E1:E5, F1:F4, G1, H1:H2 = 5+5+5+4+5+4+1+2 (D5 has only a style).
        Assert.Equal(31, data.CellCount);
        // Formulas: B1:B5, E1 E2 E4 E5, F1 F2 F4, G1, H1:H2.
        Assert.Equal(5 + 4 + 3 + 1 + 2, data.FormulaCount);
        Assert.Equal(new ImportedSheet("Other Sheet", 2, 2), report.Sheets[1]);
        Assert.Equal(33, report.CellCount);
        Assert.Equal(17, report.FormulaCount);
    }

    [Fact]
    public void The_imported_workbook_is_consistent()
    {
        var (workbook, _) = ImportHandWritten();
        TestBook.AssertConsistent(workbook);
    }

    [Fact]
    public void Cells_without_references_follow_the_previous_cell_and_rows_without_numbers_follow_the_previous_row()
    {
        using var file = XlsxPackage.Build([("S", "<sheetData><row><c><v>1</v></c><c><v>2</v></c></row><row><c r=\"C2\"><v>3</v></c><c><f>A1+B1+C2</f></c></row></sheetData>")]);
        var (workbook, _) = XlsxImporter.Import(file);
        Assert.Equal("1", Value(workbook, "A1", "S"));
        Assert.Equal("2", Value(workbook, "B1", "S"));
        Assert.Equal("6", Value(workbook, "D2", "S"));
    }

    [Fact]
    public void A_shared_formula_moved_off_the_sheet_becomes_a_reference_error()
    {
        using var file = XlsxPackage.Build([("S", """
            <sheetData>
              <row r="2"><c r="A2"><f t="shared" ref="A2:A3" si="0">A1+1</f></c></row>
              <row r="3"><c r="A3"><f t="shared" si="0"/></c><c r="B3"><f t="shared" ref="B3:C3" si="1">A2:A3</f></c><c r="C3"><f t="shared" si="1"/></c></row>
            </sheetData>
            """)]);
        var (workbook, _) = XlsxImporter.Import(file);
        Assert.Equal("=A2+1", Input(workbook, "A3", "S"));
        Assert.Equal("=B2:B3", Input(workbook, "C3", "S"));
    }

    [Fact]
    public void Whole_sheet_column_widths_are_kept_for_the_columns_in_use()
    {
        using var file = XlsxPackage.Build([("S", "<cols><col min=\"1\" max=\"16384\" width=\"9\" customWidth=\"1\"/></cols><sheetData><row r=\"1\"><c r=\"C1\"><v>1</v></c></row></sheetData>")]);
        var (workbook, report) = XlsxImporter.Import(file);
        Assert.Equal([new(1, 9.0), new(2, 9.0), new(3, 9.0)], workbook.GetColumnWidths("S"));
        Assert.Contains(report.Notes, n => n.Kind == ImportNoteKind.Converted && n.Location == "S columns");
    }
}
