using System.Text;
using DocumentFormat.OpenXml.Packaging;

namespace Workbooks.Engine.Tests.Xlsx;

/// <summary>Writes .xlsx packages from raw part XML, so tests control exactly what a file holds.</summary>
internal static class XlsxPackage
{
    public const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    public const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>A package with the given sheets (name and sheetData/cols XML inside &lt;worksheet&gt;), names, strings and styles.</summary>
    public static MemoryStream Build(
        IReadOnlyList<(string Name, string Body)> sheets,
        string definedNames = "",
        string? sharedStrings = null,
        string? styles = null)
    {
        var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            var sheetList = new StringBuilder();
            for (int i = 0; i < sheets.Count; i++)
            {
                string id = "rIdSheet" + (i + 1);
                var part = workbookPart.AddNewPart<WorksheetPart>(id);
                Feed(part, $"<worksheet xmlns=\"{Main}\" xmlns:r=\"{Relationships}\">{sheets[i].Body}</worksheet>");
                sheetList.Append($"<sheet name=\"{System.Security.SecurityElement.Escape(sheets[i].Name)}\" sheetId=\"{i + 1}\" r:id=\"{id}\"/>");
            }

            string names = definedNames.Length > 0 ? $"<definedNames>{definedNames}</definedNames>" : string.Empty;
            Feed(workbookPart, $"<workbook xmlns=\"{Main}\" xmlns:r=\"{Relationships}\"><sheets>{sheetList}</sheets>{names}</workbook>");
            if (sharedStrings is not null)
            {
                Feed(workbookPart.AddNewPart<SharedStringTablePart>(), $"<sst xmlns=\"{Main}\">{sharedStrings}</sst>");
            }

            if (styles is not null)
            {
                Feed(workbookPart.AddNewPart<WorkbookStylesPart>(), $"<styleSheet xmlns=\"{Main}\">{styles}</styleSheet>");
            }
        }

        stream.Position = 0;
        return stream;
    }

    private static void Feed(OpenXmlPart part, string xml)
    {
        using var data = new MemoryStream(Encoding.UTF8.GetBytes(xml));
        part.FeedData(data);
    }

    /// <summary>The XML of a part of an .xlsx file, found by a path ending such as "workbook.xml" or "sheet1.xml".</summary>
    public static string PartXml(byte[] file, string pathEnding)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(file));
        var entry = zip.Entries.First(e => e.FullName.EndsWith(pathEnding, StringComparison.Ordinal));
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}
