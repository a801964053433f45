using System.Globalization;
using System.Text;
using System.Xml;
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
    private const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

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

    // Sheet data is written as plain XML: one element object per cell would cost several times as much.
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
        using var stream = part.GetStream(FileMode.Create, FileAccess.Write);
        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        xml.WriteStartDocument(true);
        xml.WriteStartElement("worksheet", MainNamespace);
        WriteColumns(xml, sheet);
        xml.WriteStartElement("sheetData", MainNamespace);
        int openRow = 0;
        foreach (var cell in cells)
        {
            if (cell.Row != openRow)
            {
                if (openRow != 0)
                {
                    xml.WriteEndElement();
                }

                openRow = cell.Row;
                xml.WriteStartElement("row", MainNamespace);
                xml.WriteAttributeString("r", openRow.ToString(CultureInfo.InvariantCulture));
            }

            WriteCell(xml, cell, styles, strings);
        }

        if (openRow != 0)
        {
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteColumns(XmlWriter xml, Sheet sheet)
    {
        if (sheet.ColumnWidths.Count == 0)
        {
            return;
        }

        var widths = new List<KeyValuePair<int, double>>(sheet.ColumnWidths);
        widths.Sort(static (a, b) => a.Key.CompareTo(b.Key));
        xml.WriteStartElement("cols", MainNamespace);
        int i = 0;
        while (i < widths.Count)
        {
            // Neighbouring columns of the same width share one <col> element, as Excel writes them.
            int j = i;
            while (j + 1 < widths.Count && widths[j + 1].Key == widths[j].Key + 1 && widths[j + 1].Value.Equals(widths[i].Value))
            {
                j++;
            }

            xml.WriteStartElement("col", MainNamespace);
            xml.WriteAttributeString("min", widths[i].Key.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("max", widths[j].Key.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("width", NumberText(widths[i].Value));
            xml.WriteAttributeString("customWidth", "1");
            xml.WriteEndElement();
            i = j + 1;
        }

        xml.WriteEndElement();
    }

    private static void WriteCell(XmlWriter xml, Cell cell, StyleTable styles, SharedStrings strings)
    {
        xml.WriteStartElement("c", MainNamespace);
        xml.WriteAttributeString("r", CellAddress.ColumnName(cell.Column) + cell.Row.ToString(CultureInfo.InvariantCulture));
        if (cell.Format is { } format)
        {
            xml.WriteAttributeString("s", styles.IndexOf(format).ToString(CultureInfo.InvariantCulture));
        }

        if (cell.Formula is { } formula)
        {
            if (VerbatimFormula.TryUnwrap(formula.Root, out var fileText, out var arrayRange))
            {
                // Kept from an imported file as written; the engine computed no value for it, so none is cached.
                xml.WriteStartElement("f", MainNamespace);
                if (arrayRange is not null)
                {
                    xml.WriteAttributeString("t", "array");
                    xml.WriteAttributeString("ref", arrayRange);
                }

                xml.WriteString(fileText);
                xml.WriteEndElement();
            }
            else
            {
                var (type, cached) = CachedValue(cell.Value);
                if (type is not null)
                {
                    xml.WriteAttributeString("t", type);
                }

                xml.WriteElementString("f", MainNamespace, FormulaFileText.ToFile(cell.Input!));
                if (cached is not null)
                {
                    xml.WriteElementString("v", MainNamespace, cached);
                }
            }
        }
        else if (cell.HasInput)
        {
            var value = cell.Value;
            var (type, text) = value.Kind switch
            {
                CellValueKind.Number => (null, NumberText(value.Number)),
                CellValueKind.Boolean => ("b", value.Boolean ? "1" : "0"),
                CellValueKind.Error when value.Error != ErrorValue.Circular => ("e", value.Error.ToText()),

                // Text, and the engine-only #CIRC! typed as a constant, which Excel would not accept as an error.
                _ => ("s", strings.IndexOf(value.ToDisplayText()).ToString(CultureInfo.InvariantCulture)),
            };
            if (type is not null)
            {
                xml.WriteAttributeString("t", type);
            }

            xml.WriteElementString("v", MainNamespace, text);
        }

        xml.WriteEndElement();
    }

    // A formula's cached value: its cell type ("str", "b", "e" or none for numbers) and text; none for #CIRC!, which Excel lacks.
    private static (string? Type, string? Text) CachedValue(CellValue value) => value.Kind switch
    {
        CellValueKind.Number => (null, NumberText(value.Number)),
        CellValueKind.Text => ("str", EscapedText.Encode(value.Text)),
        CellValueKind.Boolean => ("b", value.Boolean ? "1" : "0"),
        CellValueKind.Error when value.Error != ErrorValue.Circular => ("e", value.Error.ToText()),
        _ => (null, null),
    };

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
