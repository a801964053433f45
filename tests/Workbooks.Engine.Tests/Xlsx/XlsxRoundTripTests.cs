using Collab.Workbooks.Engine;
using Collab.Workbooks.Engine.Xlsx;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

namespace Workbooks.Engine.Tests.Xlsx;

public class XlsxRoundTripTests
{
    private static Workbook Model()
    {
        var workbook = new Workbook(random: new Random(1));
        workbook.AddSheet("Inputs");
        workbook.AddSheet("Cash Flow");
        workbook.AddSheet("2024");
        workbook.SetRange("Inputs", RangeAddress.Parse("A1:B6"), [
            ["Growth", "0.05"],
            ["Start", "1000"],
            ["Label", "'123"],
            ["Flag", "TRUE"],
            ["Missing", "#N/A"],
            ["Quote", "it's \"quoted\""],
        ]);
        workbook.SetCellInput("Inputs", CellAddress.Parse("C1"), "tab\there, bell\u0007, cr\r, _x0041_ literal");
        workbook.SetCellInput("Inputs", CellAddress.Parse("C2"), "  padded  ");
        workbook.SetCellInput("Inputs", CellAddress.Parse("C3"), "'=not a formula");
        workbook.SetCellInput("Inputs", CellAddress.Parse("C4"), "-0.000001234");
        workbook.SetCellInput("Inputs", CellAddress.Parse("C5"), "1E+300");
        workbook.SetCellInput("Inputs", CellAddress.Parse("C6"), "0.1");
        workbook.SetCellInput("Inputs", CellAddress.Parse("C7"), "123456789.123457");
        workbook.DefineName("Growth", "=Inputs!$B$1");
        workbook.DefineName("Start", "=Inputs!$B$2");
        workbook.DefineName("Doubled", "=Inputs!$B$2*2");
        for (int year = 1; year <= 5; year++)
        {
            string column = CellAddress.ColumnName(year + 1);
            workbook.SetCellInput("Cash Flow", CellAddress.Parse(column + "1"), (2023 + year).ToString(System.Globalization.CultureInfo.InvariantCulture));
            workbook.SetCellInput("Cash Flow", CellAddress.Parse(column + "2"), year == 1 ? "=Start" : $"={CellAddress.ColumnName(year)}2*(1+Growth)");
        }

        workbook.SetCellInput("Cash Flow", CellAddress.Parse("A3"), "=SUM(B2:F2)");
        workbook.SetCellInput("Cash Flow", CellAddress.Parse("A4"), "=IFS(A3>5000,\"big\",TRUE,\"small\")");
        workbook.SetCellInput("Cash Flow", CellAddress.Parse("A5"), "=MAXIFS(B2:F2,B1:F1,\">2025\")");
        workbook.SetCellInput("Cash Flow", CellAddress.Parse("A6"), "=1/0");
        workbook.SetCellInput("Cash Flow", CellAddress.Parse("A7"), "=A3>1");
        workbook.SetCellInput("Cash Flow", CellAddress.Parse("A8"), "=A8+1");
        workbook.SetCellInput("Cash Flow", CellAddress.Parse("A9"), "=NOSUCHFUNCTION(1)");
        workbook.SetCellInput("Cash Flow", CellAddress.Parse("A10"), "='2024'!A1&\" \"&Inputs!A3");
        workbook.SetCellInput("Cash Flow", CellAddress.Parse("A11"), "=Doubled+SUMPRODUCT((B1:F1>2025)*B2:F2)");
        workbook.SetCellInput("2024", CellAddress.Parse("A1"), "spaced out");
        workbook.SetFormat("Cash Flow", RangeAddress.Parse("B2:F2"), "#,##0.00");
        workbook.SetFormat("Cash Flow", RangeAddress.Parse("B1:F1"), bold: true);
        workbook.SetFormat("Cash Flow", RangeAddress.Parse("A3"), "\"$\"#,##0", true);
        workbook.SetFormat("Cash Flow", RangeAddress.Parse("H20"), "0.0%");
        workbook.SetColumnWidth("Cash Flow", 1, 24.75);
        workbook.SetColumnWidth("Cash Flow", 2, 11);
        workbook.SetColumnWidth("Cash Flow", 3, 11);
        workbook.SetColumnWidth("Cash Flow", 5, 0);
        return workbook;
    }

    private static byte[] Export(Workbook workbook)
    {
        using var stream = new MemoryStream();
        XlsxExporter.Export(workbook, stream);
        return stream.ToArray();
    }

    private static Workbook Import(byte[] file) => XlsxImporter.Import(new MemoryStream(file)).Workbook;

    [Fact]
    public void Export_then_import_keeps_inputs_values_formats_names_and_widths()
    {
        var original = Model();
        var copy = Import(Export(original));

        Assert.Equal(original.SheetNames, copy.SheetNames);
        Assert.Equal(original.Names, copy.Names);
        foreach (var sheet in original.SheetNames)
        {
            Assert.Equal(original.EnumerateCells(sheet), copy.EnumerateCells(sheet));
            Assert.Equal(original.GetColumnWidths(sheet), copy.GetColumnWidths(sheet));
            Assert.Equal(original.UsedRange(sheet), copy.UsedRange(sheet));
        }

        Assert.Equal(new CellFormat("0.0%", false), copy.GetCell("Cash Flow", CellAddress.Parse("H20")).Format);
        Assert.Equal(original.ToSnapshot(), copy.ToSnapshot(), new SnapshotComparer());
    }

    [Fact]
    public void Special_values_survive_the_round_trip()
    {
        var copy = Import(Export(Model()));
        Assert.Equal("\"tab\there, bell\u0007, cr\r, _x0041_ literal\"", TestBook.Show(copy.GetValue("Inputs", CellAddress.Parse("C1"))));
        Assert.Equal("\"  padded  \"", TestBook.Show(copy.GetValue("Inputs", CellAddress.Parse("C2"))));
        Assert.Equal("\"=not a formula\"", TestBook.Show(copy.GetValue("Inputs", CellAddress.Parse("C3"))));
        Assert.Equal("#CIRC!", TestBook.Show(copy.GetValue("Cash Flow", CellAddress.Parse("A8"))));
        Assert.Equal("#NAME?", TestBook.Show(copy.GetValue("Cash Flow", CellAddress.Parse("A9"))));
        Assert.Equal("\"big\"", TestBook.Show(copy.GetValue("Cash Flow", CellAddress.Parse("A4"))));
    }

    [Fact]
    public void A_number_that_general_format_would_round_is_written_exactly()
    {
        var workbook = TestBook.With(("A1", "=1/3"), ("A2", "0.30000000000000004"));
        var copy = Import(Export(workbook));
        Assert.Equal("0.30000000000000004", copy.GetCell(TestBook.Main, CellAddress.Parse("A2")).Input);
        Assert.Equal(1.0 / 3, copy.GetValue(TestBook.Main, CellAddress.Parse("A1")).Number);
    }

    [Fact]
    public void An_unneeded_apostrophe_is_dropped_and_a_needed_one_kept()
    {
        var workbook = TestBook.With(("A1", "'abc"), ("A2", "'12"), ("A3", "'TRUE"), ("A4", "''quoted"), ("A5", "'#N/A"), ("A6", "'"));
        var copy = Import(Export(workbook));
        Assert.Equal(["abc", "'12", "'TRUE", "''quoted", "'#N/A", "'"], Enumerable.Range(1, 6).Select(r => copy.GetCell(TestBook.Main, new CellAddress(r, 1)).Input));
        Assert.Equal(Enumerable.Range(1, 6).Select(r => workbook.GetValue(TestBook.Main, new CellAddress(r, 1))), Enumerable.Range(1, 6).Select(r => copy.GetValue(TestBook.Main, new CellAddress(r, 1))));
    }

    [Fact]
    public void Inputs_are_normalised_numbers_after_a_round_trip()
    {
        var workbook = TestBook.With(("A1", "50%"), ("A2", "$1,000"), ("A3", "1e3"));
        var copy = Import(Export(workbook));
        Assert.Equal("0.5", copy.GetCell(TestBook.Main, CellAddress.Parse("A1")).Input);
        Assert.Equal("1000", copy.GetCell(TestBook.Main, CellAddress.Parse("A2")).Input);
        Assert.Equal("1000", copy.GetCell(TestBook.Main, CellAddress.Parse("A3")).Input);
    }

    [Fact]
    public void The_exported_file_is_valid_open_xml()
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(Export(Model())), false);
        var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(document, TestContext.Current.CancellationToken).ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Path?.XPath}: {e.Description}")));
    }

    [Fact]
    public void The_file_caches_computed_values_and_asks_for_full_recalculation()
    {
        var file = Export(Model());
        var workbookXml = XlsxPackage.PartXml(file, "workbook.xml");
        Assert.Contains("fullCalcOnLoad=\"1\"", workbookXml, StringComparison.Ordinal);
        Assert.Contains(">Inputs!$B$2*2</", workbookXml, StringComparison.Ordinal);

        using var document = SpreadsheetDocument.Open(new MemoryStream(file), false);
        var workbookPart = document.WorkbookPart!;
        var sheet = workbookPart.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single(s => s.Name == "Cash Flow");
        var part = (WorksheetPart)workbookPart.GetPartById(sheet.Id!);
        var cells = part.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>().ToDictionary(c => c.CellReference!.Value!);

        Assert.Equal("SUM(B2:F2)", cells["A3"].CellFormula!.Text);
        Assert.Equal(5525.63125, double.Parse(cells["A3"].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture), 6);
        Assert.Equal("_xlfn.IFS(A3>5000,\"big\",TRUE,\"small\")", cells["A4"].CellFormula!.Text);
        Assert.Equal("big", cells["A4"].CellValue!.Text);
        Assert.Equal(DocumentFormat.OpenXml.Spreadsheet.CellValues.String, cells["A4"].DataType!.Value);
        Assert.StartsWith("_xlfn.MAXIFS(", cells["A5"].CellFormula!.Text, StringComparison.Ordinal);
        Assert.Equal("#DIV/0!", cells["A6"].CellValue!.Text);
        Assert.Equal("1", cells["A7"].CellValue!.Text);
        Assert.Null(cells["A8"].CellValue);
        Assert.Equal("#NAME?", cells["A9"].CellValue!.Text);
    }

    [Fact]
    public void Formulas_kept_verbatim_are_exported_unchanged()
    {
        using var source = XlsxPackage.Build([("S", """
            <sheetData>
              <row r="1">
                <c r="A1"><f>SUM(Table1[Sales])</f></c>
                <c r="B1"><f t="array" ref="B1:B2">A1:A2*2</f></c>
                <c r="C1"><f>_xlfn.WEBSERVICE("x")</f></c>
                <c r="D1"><f>_xlfn._xlws.SORT(A1:A2)</f></c>
              </row>
              <row r="2"><c r="B2"><v>5</v></c></row>
            </sheetData>
            """)], "<definedName name=\"Sales\">Table1[Sales]</definedName>");
        var (workbook, _) = XlsxImporter.Import(source);
        var file = Export(workbook);
        var sheetXml = XlsxPackage.PartXml(file, "sheet1.xml");
        Assert.Contains(">SUM(Table1[Sales])</", sheetXml, StringComparison.Ordinal);
        Assert.Contains("t=\"array\" ref=\"B1:B2\">A1:A2*2</", sheetXml, StringComparison.Ordinal);
        Assert.Contains(">_xlfn.WEBSERVICE(\"x\")</", sheetXml, StringComparison.Ordinal);
        Assert.Contains(">_xlfn._xlws.SORT(A1:A2)</", sheetXml, StringComparison.Ordinal);
        Assert.DoesNotContain("r=\"B2\"", sheetXml, StringComparison.Ordinal);
        Assert.Contains(">Table1[Sales]</", XlsxPackage.PartXml(file, "workbook.xml"), StringComparison.Ordinal);

        // And importing the export gives the same workbook again.
        var again = Import(file);
        Assert.Equal(workbook.EnumerateCells("S"), again.EnumerateCells("S"));
        Assert.Equal(workbook.Names, again.Names);
    }

    [Fact]
    public void Export_writes_to_streams_that_cannot_seek()
    {
        using var target = new ForwardOnlyStream();
        XlsxExporter.Export(Model(), target);
        var copy = Import(target.Written.ToArray());
        Assert.Equal(3, copy.SheetNames.Count);
    }

    [Fact]
    public void A_workbook_without_sheets_cannot_be_exported()
    {
        Assert.Throws<ArgumentException>(() => XlsxExporter.Export(new Workbook(), new MemoryStream()));
    }

    [Fact]
    public void A_large_model_round_trips()
    {
        var workbook = new Workbook();
        workbook.AddSheet("S");
        var rows = new List<IReadOnlyList<string?>>();
        for (int r = 1; r <= 2000; r++)
        {
            rows.Add([r.ToString(System.Globalization.CultureInfo.InvariantCulture), $"=A{r}*2", r == 1 ? "=B1" : $"=C{r - 1}+B{r}", "t" + (r % 50)]);
        }

        workbook.SetRange("S", RangeAddress.Parse("A1:D2000"), rows);
        var copy = Import(Export(workbook));
        Assert.Equal(workbook.EnumerateCells("S"), copy.EnumerateCells("S"));
        Assert.Equal(4002000.0, copy.GetValue("S", CellAddress.Parse("C2000")).Number);
    }

    private sealed class SnapshotComparer : IEqualityComparer<WorkbookSnapshot>
    {
        public bool Equals(WorkbookSnapshot? x, WorkbookSnapshot? y) =>
            x is not null && y is not null
            && x.Names.SequenceEqual(y.Names)
            && x.Sheets.Count == y.Sheets.Count
            && x.Sheets.Zip(y.Sheets).All(p => p.First.Name == p.Second.Name && p.First.Cells.SequenceEqual(p.Second.Cells) && p.First.ColumnWidths.SequenceEqual(p.Second.ColumnWidths));

        public int GetHashCode(WorkbookSnapshot obj) => obj.Sheets.Count;
    }

    private sealed class ForwardOnlyStream : Stream
    {
        public MemoryStream Written { get; } = new();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Written.Write(buffer, offset, count);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Written.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
