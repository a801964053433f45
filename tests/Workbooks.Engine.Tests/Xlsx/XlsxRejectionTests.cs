using System.IO.Compression;
using Collab.Workbooks.Engine;
using Collab.Workbooks.Engine.Xlsx;

namespace Workbooks.Engine.Tests.Xlsx;

public class XlsxRejectionTests
{
    private static byte[] ValidFile(int sheets = 1, int rows = 3)
    {
        var workbook = new Workbook();
        for (int s = 1; s <= sheets; s++)
        {
            string name = "S" + s;
            workbook.AddSheet(name);
            for (int r = 1; r <= rows; r++)
            {
                workbook.SetCellInput(name, new CellAddress(r, 1), r.ToString(System.Globalization.CultureInfo.InvariantCulture));
                workbook.SetCellInput(name, new CellAddress(r, 2), $"=A{r}*2");
            }
        }

        using var stream = new MemoryStream();
        XlsxExporter.Export(workbook, stream);
        return stream.ToArray();
    }

    private static XlsxImportException Rejected(byte[] file, XlsxLimits? limits = null) =>
        Assert.Throws<XlsxImportException>(() => XlsxImporter.Import(new MemoryStream(file), limits));

    [Fact]
    public void Random_bytes_are_not_a_workbook()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        var e = Rejected(bytes);
        Assert.Equal(XlsxImportProblem.NotAnXlsxWorkbook, e.Problem);
        Assert.StartsWith("The file is not a valid .xlsx workbook", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_not_a_workbook()
    {
        Assert.Equal(XlsxImportProblem.NotAnXlsxWorkbook, Rejected([]).Problem);
    }

    [Fact]
    public void A_zip_without_a_workbook_part_is_not_a_workbook()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("readme.txt").Open());
            writer.Write("not a spreadsheet");
        }

        var e = Rejected(stream.ToArray());
        Assert.Equal(XlsxImportProblem.NotAnXlsxWorkbook, e.Problem);
        Assert.StartsWith("The file is not a valid .xlsx workbook", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_package_whose_workbook_part_was_removed_is_not_a_workbook()
    {
        var file = ValidFile();
        using var stream = new MemoryStream();
        stream.Write(file);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry("xl/workbook.xml")!.Delete();
        }

        Assert.Equal(XlsxImportProblem.NotAnXlsxWorkbook, Rejected(stream.ToArray()).Problem);
    }

    [Fact]
    public void A_truncated_file_is_not_a_workbook()
    {
        var file = ValidFile(rows: 200);
        var e = Rejected(file[..(file.Length / 2)]);
        Assert.Equal(XlsxImportProblem.NotAnXlsxWorkbook, e.Problem);
    }

    [Fact]
    public void A_worksheet_that_is_not_xml_is_a_damaged_workbook()
    {
        var file = ValidFile();
        using var stream = new MemoryStream();
        stream.Write(file);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.Entries.First(e => e.FullName.Contains("sheet", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal) && !e.FullName.Contains("_rels", StringComparison.Ordinal));
            string name = entry.FullName;
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write("<worksheet><sheetData><row><c>");
        }

        Assert.Equal(XlsxImportProblem.NotAnXlsxWorkbook, Rejected(stream.ToArray()).Problem);
    }

    [Fact]
    public void A_file_over_the_byte_limit_is_refused_before_reading()
    {
        var file = ValidFile();
        var e = Rejected(file, new XlsxLimits { MaxFileBytes = 1000 });
        Assert.Equal(XlsxImportProblem.FileTooLarge, e.Problem);
        Assert.Matches(@"^The file is [\d.]+ KB; the limit is 1000 bytes\.$", e.Message);
    }

    [Fact]
    public void A_stream_that_cannot_seek_is_read_up_to_the_byte_limit()
    {
        var file = ValidFile();
        var e = Assert.Throws<XlsxImportException>(() => XlsxImporter.Import(new ForwardOnly(file), new XlsxLimits { MaxFileBytes = 1000 }));
        Assert.Equal(XlsxImportProblem.FileTooLarge, e.Problem);
        Assert.Equal("The file is larger than 1000 bytes, the limit.", e.Message);
        Assert.Equal(3, XlsxImporter.Import(new ForwardOnly(file)).Report.Sheets[0].CellCount / 2);
    }

    [Fact]
    public void A_workbook_over_the_cell_limit_is_refused_with_its_cell_count()
    {
        var e = Rejected(ValidFile(sheets: 2, rows: 6), new XlsxLimits { MaxCells = 10 });
        Assert.Equal(XlsxImportProblem.TooManyCells, e.Problem);
        Assert.Equal("The workbook has 24 cells; the limit is 10.", e.Message);
    }

    [Fact]
    public void Counting_stops_at_ten_times_the_cell_limit()
    {
        var e = Rejected(ValidFile(rows: 40), new XlsxLimits { MaxCells = 5 });
        Assert.Equal("The workbook has more than 50 cells; the limit is 5.", e.Message);
    }

    [Fact]
    public void A_workbook_at_the_cell_limit_is_accepted()
    {
        var (_, report) = XlsxImporter.Import(new MemoryStream(ValidFile(sheets: 2, rows: 6)), new XlsxLimits { MaxCells = 24 });
        Assert.Equal(24, report.CellCount);
        Assert.Equal(12, report.FormulaCount);
    }

    [Fact]
    public void A_workbook_over_the_sheet_limit_is_refused()
    {
        var e = Rejected(ValidFile(sheets: 4), new XlsxLimits { MaxSheets = 3 });
        Assert.Equal(XlsxImportProblem.TooManySheets, e.Problem);
        Assert.Equal("The workbook has 4 sheets; the limit is 3.", e.Message);
    }

    [Fact]
    public void A_part_that_expands_beyond_the_limit_is_refused()
    {
        var e = Rejected(ValidFile(rows: 500), new XlsxLimits { MaxPartCharacters = 5000 });
        Assert.Equal(XlsxImportProblem.PartTooLarge, e.Problem);
    }

    [Fact]
    public void A_chart_sheet_is_skipped_and_reported()
    {
        using var file = XlsxPackage.Build([("Data", "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData>")]);
        using var stream = new MemoryStream();
        file.CopyTo(stream);
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, true))
        {
            var workbookPart = document.WorkbookPart!;
            var chart = workbookPart.AddNewPart<DocumentFormat.OpenXml.Packaging.ChartsheetPart>("rIdChart");
            chart.Chartsheet = new DocumentFormat.OpenXml.Spreadsheet.Chartsheet(new DocumentFormat.OpenXml.Spreadsheet.Drawing { Id = "rIdNone" });
            workbookPart.Workbook.Sheets!.Append(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Name = "Chart1", SheetId = 2, Id = "rIdChart" });
        }

        var (workbook, report) = XlsxImporter.Import(new MemoryStream(stream.ToArray()));
        Assert.Equal(["Data"], workbook.SheetNames);
        Assert.Contains(report.Skipped, n => n.Location == "sheet Chart1" && n.Reason == "Chart sheets are not imported.");
    }

    private sealed class ForwardOnly(byte[] data) : Stream
    {
        private readonly MemoryStream _inner = new(data);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
