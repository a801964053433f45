using Collab.Workbooks.Engine;
using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Workbooks.Oracle.Tests;

/// <summary>Reads and changes the values cached in an .xlsx file's cells (what a viewer that does not recalculate shows).</summary>
internal static class CachedValues
{
    /// <summary>Every cell's cached value on one sheet, by A1 address.</summary>
    public static Dictionary<string, CellValue> Read(string path, string sheetName)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var workbookPart = document.WorkbookPart!;
        var strings = workbookPart.SharedStringTablePart?.SharedStringTable.Elements<S.SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
        var values = new Dictionary<string, CellValue>(StringComparer.Ordinal);
        foreach (var cell in Worksheet(workbookPart, sheetName).Descendants<S.Cell>())
        {
            string text = cell.CellValue?.Text ?? string.Empty;
            var type = cell.DataType?.Value;
            CellValue value;
            if (cell.CellValue is null)
            {
                value = CellValue.Blank;
            }
            else if (type == S.CellValues.SharedString)
            {
                value = CellValue.FromText(strings[int.Parse(text, System.Globalization.CultureInfo.InvariantCulture)]);
            }
            else if (type == S.CellValues.String || type == S.CellValues.InlineString)
            {
                value = CellValue.FromText(text);
            }
            else if (type == S.CellValues.Boolean)
            {
                value = CellValue.FromBoolean(text is "1" or "true");
            }
            else if (type == S.CellValues.Error)
            {
                value = ErrorValues.TryParse(text, out var error) ? CellValue.FromError(error) : CellValue.FromText("unknown error " + text);
            }
            else
            {
                value = CellValue.FromNumber(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
            }

            values[cell.CellReference!.Value!] = value;
        }

        return values;
    }

    /// <summary>Overwrites the cached value of one numeric cell.</summary>
    public static void Overwrite(string path, string sheetName, string address, double value)
    {
        using var document = SpreadsheetDocument.Open(path, true);
        var cell = Worksheet(document.WorkbookPart!, sheetName).Descendants<S.Cell>().Single(c => c.CellReference?.Value == address);
        cell.CellValue = new S.CellValue(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static S.Worksheet Worksheet(WorkbookPart workbookPart, string sheetName)
    {
        var sheet = workbookPart.Workbook.Sheets!.Elements<S.Sheet>().Single(s => s.Name == sheetName);
        return ((WorksheetPart)workbookPart.GetPartById(sheet.Id!)).Worksheet;
    }
}
