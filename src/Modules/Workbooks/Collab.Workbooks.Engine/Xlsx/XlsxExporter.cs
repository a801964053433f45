using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Collab.Workbooks.Engine.Xlsx;

/// <summary>
/// Writes a <see cref="Workbook"/> as an .xlsx file that Excel and LibreOffice open: every sheet, inputs as values
/// or formulas with the engine's computed values cached (so viewers that do not recalculate show them), shared
/// strings, number formats, bold, column widths and defined names. The file asks to be fully recalculated on load.
/// </summary>
public static class XlsxExporter
{
    private const uint BoldFontId = 1;

    /// <summary>Writes the workbook to the stream (from its current position; the stream stays open).</summary>
    /// <exception cref="ArgumentException">The workbook has no sheets (an .xlsx file needs at least one).</exception>
    public static void Export(Workbook workbook, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        ArgumentNullException.ThrowIfNull(stream);
        if (workbook.Sheets.Count == 0)
        {
            throw new ArgumentException("A workbook without sheets cannot be saved as .xlsx.", nameof(workbook));
        }

        // The packaging layer needs a readable, seekable stream; write elsewhere first when the target is not.
        if (stream.CanSeek && stream.CanRead)
        {
            Write(workbook, stream);
            return;
        }

        using var buffer = new MemoryStream();
        Write(workbook, buffer);
        buffer.Position = 0;
        buffer.CopyTo(stream);
    }

    private static void Write(Workbook workbook, Stream stream)
    {
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var styles = new StyleTable();
        var strings = new SharedStrings();
        var sheets = new S.Sheets();
        uint sheetId = 1;
        foreach (var sheet in workbook.Sheets)
        {
            var part = workbookPart.AddNewPart<WorksheetPart>();
            WriteSheet(part, sheet, styles, strings);
            sheets.Append(new S.Sheet { Name = sheet.Name, SheetId = sheetId++, Id = workbookPart.GetIdOfPart(part) });
        }

        var root = new S.Workbook();
        root.Append(sheets);
        var names = new S.DefinedNames();
        foreach (var definition in workbook.Names)
        {
            names.Append(new S.DefinedName(FileFormula(definition.RefersTo, out _)) { Name = definition.Name });
        }

        if (names.HasChildren)
        {
            root.Append(names);
        }

        // Viewers that recalculate (Excel, LibreOffice) then compute everything themselves instead of trusting the cache.
        root.Append(new S.CalculationProperties { CalculationId = 191029, FullCalculationOnLoad = true });
        workbookPart.Workbook = root;

        var stylesPart = workbookPart.AddNewPart<WorkbookStylesPart>();
        stylesPart.Stylesheet = styles.ToStylesheet();
        if (strings.Count > 0)
        {
            var stringsPart = workbookPart.AddNewPart<SharedStringTablePart>();
            stringsPart.SharedStringTable = strings.ToTable();
        }
    }

    private static void WriteSheet(WorksheetPart part, Sheet sheet, StyleTable styles, SharedStrings strings)
    {
        var cells = new List<Cell>(sheet.CellCount);
        foreach (var cell in sheet.AllCells())
        {
            if (cell.HasInput || cell.Format is not null)
            {
                cells.Add(cell);
            }
        }

        cells.Sort(static (a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : a.Column.CompareTo(b.Column));
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new S.Worksheet());
        var columns = ColumnsOf(sheet);
        if (columns is not null)
        {
            writer.WriteElement(columns);
        }

        writer.WriteStartElement(new S.SheetData());
        int openRow = 0;
        foreach (var cell in cells)
        {
            if (cell.Row != openRow)
            {
                if (openRow != 0)
                {
                    writer.WriteEndElement();
                }

                openRow = cell.Row;
                writer.WriteStartElement(new S.Row(), [new OpenXmlAttribute("r", string.Empty, openRow.ToString(CultureInfo.InvariantCulture))]);
            }

            writer.WriteElement(ToXml(cell, styles, strings));
        }

        if (openRow != 0)
        {
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static S.Columns? ColumnsOf(Sheet sheet)
    {
        if (sheet.ColumnWidths.Count == 0)
        {
            return null;
        }

        var widths = new List<KeyValuePair<int, double>>(sheet.ColumnWidths);
        widths.Sort(static (a, b) => a.Key.CompareTo(b.Key));
        var columns = new S.Columns();
        int i = 0;
        while (i < widths.Count)
        {
            // Neighbouring columns of the same width share one <col> element, as Excel writes them.
            int j = i;
            while (j + 1 < widths.Count && widths[j + 1].Key == widths[j].Key + 1 && widths[j + 1].Value.Equals(widths[i].Value))
            {
                j++;
            }

            columns.Append(new S.Column { Min = (uint)widths[i].Key, Max = (uint)widths[j].Key, Width = widths[i].Value, CustomWidth = true });
            i = j + 1;
        }

        return columns;
    }

    private static S.Cell ToXml(Cell cell, StyleTable styles, SharedStrings strings)
    {
        var xml = new S.Cell { CellReference = CellAddress.ColumnName(cell.Column) + cell.Row.ToString(CultureInfo.InvariantCulture) };
        if (cell.Format is { } format)
        {
            xml.StyleIndex = styles.IndexOf(format);
        }

        if (cell.Formula is { } formula)
        {
            if (VerbatimFormula.TryUnwrap(formula.Root, out var fileText, out var arrayRange))
            {
                // Kept from an imported file as written; the engine computed no value for it, so none is cached.
                xml.CellFormula = arrayRange is null
                    ? new S.CellFormula(fileText)
                    : new S.CellFormula(fileText) { FormulaType = S.CellFormulaValues.Array, Reference = arrayRange };
                return xml;
            }

            xml.CellFormula = new S.CellFormula(FormulaFileText.ToFile(cell.Input!));
            SetCachedValue(xml, cell.Value);
            return xml;
        }

        if (!cell.HasInput)
        {
            return xml;
        }

        var value = cell.Value;
        switch (value.Kind)
        {
            case CellValueKind.Number:
                xml.CellValue = new S.CellValue(NumberText(value.Number));
                break;
            case CellValueKind.Boolean:
                xml.DataType = S.CellValues.Boolean;
                xml.CellValue = new S.CellValue(value.Boolean ? "1" : "0");
                break;
            case CellValueKind.Error when value.Error != ErrorValue.Circular:
                xml.DataType = S.CellValues.Error;
                xml.CellValue = new S.CellValue(value.Error.ToText());
                break;
            default:
                // Text, and the engine-only #CIRC! typed as a constant, which Excel would not accept as an error.
                xml.DataType = S.CellValues.SharedString;
                xml.CellValue = new S.CellValue(strings.IndexOf(value.ToDisplayText()).ToString(CultureInfo.InvariantCulture));
                break;
        }

        return xml;
    }

    private static void SetCachedValue(S.Cell xml, CellValue value)
    {
        switch (value.Kind)
        {
            case CellValueKind.Number:
                xml.CellValue = new S.CellValue(NumberText(value.Number));
                break;
            case CellValueKind.Text:
                xml.DataType = S.CellValues.String;
                xml.CellValue = new S.CellValue(EscapedText.Encode(value.Text));
                break;
            case CellValueKind.Boolean:
                xml.DataType = S.CellValues.Boolean;
                xml.CellValue = new S.CellValue(value.Boolean ? "1" : "0");
                break;
            case CellValueKind.Error when value.Error != ErrorValue.Circular:
                xml.DataType = S.CellValues.Error;
                xml.CellValue = new S.CellValue(value.Error.ToText());
                break;
        }
    }

    // Formula text for the file: the original text of a verbatim formula, else the engine's text with newer functions prefixed.
    internal static string FileFormula(string engineText, out string? arrayRange)
    {
        arrayRange = null;
        if (engineText.StartsWith("=" + VerbatimFormula.FunctionName + "(", StringComparison.OrdinalIgnoreCase)
            && Formula.TryParse(engineText, out var parsed, out _)
            && VerbatimFormula.TryUnwrap(parsed.Root, out var fileText, out arrayRange))
        {
            return fileText;
        }

        return FormulaFileText.ToFile(engineText);
    }

    private static string NumberText(double number) => number.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The distinct strings of the workbook's text constants, in first-use order.</summary>
    private sealed class SharedStrings
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<string> _strings = [];

        public int Count => _strings.Count;

        public int IndexOf(string text)
        {
            if (!_index.TryGetValue(text, out int index))
            {
                index = _strings.Count;
                _index[text] = index;
                _strings.Add(text);
            }

            return index;
        }

        public S.SharedStringTable ToTable()
        {
            var table = new S.SharedStringTable { Count = (uint)_strings.Count, UniqueCount = (uint)_strings.Count };
            foreach (var text in _strings)
            {
                var t = new S.Text(EscapedText.Encode(text));
                if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
                {
                    t.Space = SpaceProcessingModeValues.Preserve;
                }

                table.Append(new S.SharedStringItem(t));
            }

            return table;
        }
    }

    /// <summary>One cell style per distinct format: its number format as a custom numFmt and the bold font.</summary>
    private sealed class StyleTable
    {
        private readonly Dictionary<CellFormat, uint> _xfs = [];
        private readonly Dictionary<string, uint> _numberFormats = new(StringComparer.Ordinal);
        private readonly List<CellFormat> _order = [];

        public uint IndexOf(CellFormat format)
        {
            if (format.IsDefault)
            {
                return 0;
            }

            if (!_xfs.TryGetValue(format, out uint index))
            {
                index = (uint)_order.Count + 1;
                _xfs[format] = index;
                _order.Add(format);
                if (format.NumberFormat is { } code && !_numberFormats.ContainsKey(code))
                {
                    _numberFormats[code] = (uint)(BuiltInNumberFormats.FirstCustomId + _numberFormats.Count);
                }
            }

            return index;
        }

        public S.Stylesheet ToStylesheet()
        {
            var numberFormats = new S.NumberingFormats { Count = (uint)_numberFormats.Count };
            foreach (var (code, id) in _numberFormats)
            {
                numberFormats.Append(new S.NumberingFormat { NumberFormatId = id, FormatCode = code });
            }

            var fonts = new S.Fonts(
                new S.Font(new S.FontSize { Val = 11 }, new S.FontName { Val = "Calibri" }),
                new S.Font(new S.Bold(), new S.FontSize { Val = 11 }, new S.FontName { Val = "Calibri" }))
            { Count = 2 };
            var fills = new S.Fills(
                new S.Fill(new S.PatternFill { PatternType = S.PatternValues.None }),
                new S.Fill(new S.PatternFill { PatternType = S.PatternValues.Gray125 }))
            { Count = 2 };
            var borders = new S.Borders(new S.Border(new S.LeftBorder(), new S.RightBorder(), new S.TopBorder(), new S.BottomBorder(), new S.DiagonalBorder())) { Count = 1 };
            var styleFormats = new S.CellStyleFormats(new S.CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 };
            var cellFormats = new S.CellFormats(new S.CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 });
            foreach (var format in _order)
            {
                uint numberFormat = format.NumberFormat is { } code ? _numberFormats[code] : 0;
                cellFormats.Append(new S.CellFormat
                {
                    NumberFormatId = numberFormat,
                    FontId = format.Bold ? BoldFontId : 0,
                    FillId = 0,
                    BorderId = 0,
                    FormatId = 0,
                    ApplyNumberFormat = numberFormat != 0 ? true : null,
                    ApplyFont = format.Bold ? true : null,
                });
            }

            cellFormats.Count = (uint)(_order.Count + 1);
            var cellStyles = new S.CellStyles(new S.CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 };
            var stylesheet = new S.Stylesheet();
            if (_numberFormats.Count > 0)
            {
                stylesheet.Append(numberFormats);
            }

            stylesheet.Append(fonts, fills, borders, styleFormats, cellFormats, cellStyles);
            return stylesheet;
        }
    }
}
