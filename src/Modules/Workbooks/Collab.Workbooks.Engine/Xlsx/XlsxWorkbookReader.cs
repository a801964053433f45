using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using S = DocumentFormat.OpenXml.Spreadsheet;

namespace Collab.Workbooks.Engine.Xlsx;

/// <summary>
/// One import: reads the package's parts into a <see cref="WorkbookSnapshot"/> and an <see cref="ImportReport"/>.
/// Worksheets and shared strings are streamed with an XmlReader; the workbook and styles parts are small and
/// read as OpenXml elements.
/// </summary>
internal sealed class XlsxWorkbookReader
{
    private const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string StrictNamespace = "http://purl.oclc.org/ooxml/spreadsheetml/main";
    private const int MaxWidthSpan = 1024;

    private readonly SpreadsheetDocument _document;
    private readonly XlsxLimits _limits;
    private readonly XmlReaderSettings _xmlSettings;
    private readonly List<ImportNote> _notes = [];
    private readonly SortedSet<string> _unknownFunctions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _singleValueNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<uint> _reportedFormatIds = [];
    private readonly StringBuilder _value = new();
    private readonly StringBuilder _formula = new();
    private readonly StringBuilder _inline = new();
    private CellStyle[] _styles = [];
    private string[] _sharedStrings = [];
    private int _omittedNotes;
    private long _cellTotal;

    public XlsxWorkbookReader(SpreadsheetDocument document, XlsxLimits limits)
    {
        _document = document;
        _limits = limits;
        _xmlSettings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = limits.MaxPartCharacters,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };
    }

    private readonly record struct CellStyle(string? NumberFormat, bool Bold)
    {
        public bool IsDefault => NumberFormat is null && !Bold;
    }

    private sealed record SharedMaster(CellAddress Address, string FileText, Node? Root);

    private sealed record ArrayArea(RangeAddress Range, string? Input);

    public (WorkbookSnapshot Snapshot, ImportReport Report) Read()
    {
        var workbookPart = _document.WorkbookPart ?? throw NotAWorkbook("it has no workbook part.");
        var workbook = workbookPart.Workbook ?? throw NotAWorkbook("its workbook part is empty.");
        var allSheetNames = new List<string>();
        var worksheets = new List<(string Name, WorksheetPart Part)>();
        foreach (var sheet in workbook.Sheets?.Elements<S.Sheet>() ?? [])
        {
            string name = sheet.Name?.Value ?? string.Empty;
            allSheetNames.Add(name);
            string? id = sheet.Id?.Value;
            OpenXmlPart? part = null;
            if (id is not null && workbookPart.TryGetPartById(id, out var found))
            {
                part = found;
            }

            if (part is WorksheetPart worksheetPart)
            {
                worksheets.Add((name, worksheetPart));
            }
            else
            {
                Note(ImportNoteKind.Skipped, "sheet " + name, part switch
                {
                    null => "The sheet has no content in the file.",
                    ChartsheetPart => "Chart sheets are not imported.",
                    _ => "Only worksheets are imported; this sheet is a dialog or macro sheet.",
                });
            }
        }

        if (worksheets.Count == 0)
        {
            throw NotAWorkbook("it has no worksheets.");
        }

        if (worksheets.Count > _limits.MaxSheets)
        {
            throw new XlsxImportException(XlsxImportProblem.TooManySheets,
                $"The workbook has {Count(worksheets.Count)} sheets; the limit is {Count(_limits.MaxSheets)}.");
        }

        var seen = new HashSet<string>(SheetNames.Comparer);
        foreach (var (name, _) in worksheets)
        {
            var problem = SheetNames.Validate(name);
            if (problem is not null)
            {
                throw new XlsxImportException(XlsxImportProblem.UnsupportedContent, $"The sheet name '{name}' cannot be used: {problem}");
            }

            if (!seen.Add(name))
            {
                throw new XlsxImportException(XlsxImportProblem.UnsupportedContent, $"The workbook has two sheets named '{name}'.");
            }
        }

        ReadStyles(workbookPart.WorkbookStylesPart?.Stylesheet);
        ReadSharedStrings(workbookPart.SharedStringTablePart);
        var names = ReadNames(workbook.DefinedNames, allSheetNames);

        var sheets = new List<SheetSnapshot>(worksheets.Count);
        var imported = new List<ImportedSheet>(worksheets.Count);
        foreach (var (name, part) in worksheets)
        {
            var (snapshot, summary) = ReadSheet(name, part);
            sheets.Add(snapshot);
            imported.Add(summary);
        }

        if (_cellTotal > _limits.MaxCells)
        {
            string count = _cellTotal > CountingCap ? "more than " + Count(CountingCap) : Count(_cellTotal);
            throw new XlsxImportException(XlsxImportProblem.TooManyCells, $"The workbook has {count} cells; the limit is {Count(_limits.MaxCells)}.");
        }

        var report = new ImportReport(
            imported,
            imported.Sum(s => s.CellCount),
            imported.Sum(s => s.FormulaCount),
            names.Count,
            [.. _unknownFunctions],
            _notes,
            _omittedNotes);
        return (new WorkbookSnapshot(sheets, names), report);
    }

    // Past the limit, cells are only counted, up to ten times the limit, so the message can say how many there are.
    private long CountingCap => (long)_limits.MaxCells * 10;

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static XlsxImportException NotAWorkbook(string why) =>
        new(XlsxImportProblem.NotAnXlsxWorkbook, "The file is not a valid .xlsx workbook: " + why);

    private void Note(ImportNoteKind kind, string location, string reason)
    {
        if (_notes.Count < ImportReport.MaxNotes)
        {
            _notes.Add(new ImportNote(kind, location, reason));
        }
        else
        {
            _omittedNotes++;
        }
    }

    private void ReadStyles(S.Stylesheet? stylesheet)
    {
        if (stylesheet is null)
        {
            return;
        }

        var custom = new Dictionary<uint, string>();
        foreach (var format in stylesheet.NumberingFormats?.Elements<S.NumberingFormat>() ?? [])
        {
            if (format.NumberFormatId?.Value is { } id && format.FormatCode?.Value is { } code)
            {
                custom[id] = code;
            }
        }

        var bold = new List<bool>();
        foreach (var font in stylesheet.Fonts?.Elements<S.Font>() ?? [])
        {
            bold.Add(font.Bold is { } b && (b.Val is null || b.Val.Value));
        }

        var styles = new List<CellStyle>();
        foreach (var xf in stylesheet.CellFormats?.Elements<S.CellFormat>() ?? [])
        {
            uint formatId = xf.NumberFormatId?.Value ?? 0;
            uint fontId = xf.FontId?.Value ?? 0;
            string? code = custom.TryGetValue(formatId, out var c) ? c : BuiltInNumberFormats.CodeOf((int)Math.Min(formatId, int.MaxValue));
            if (code is null && _reportedFormatIds.Add(formatId))
            {
                Note(ImportNoteKind.Converted, "styles", FormattableString.Invariant(
                    $"Number format {formatId} depends on the locale of the program that wrote the file; cells using it are shown in General format."));
            }

            if (code is not null && (code.Length == 0 || code.Equals("General", StringComparison.OrdinalIgnoreCase)))
            {
                code = null;
            }

            styles.Add(new CellStyle(code, fontId < bold.Count && bold[(int)fontId]));
        }

        _styles = [.. styles];
    }

    private void ReadSharedStrings(SharedStringTablePart? part)
    {
        if (part is null)
        {
            return;
        }

        var strings = new List<string>();
        using var xml = XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), _xmlSettings);
        var text = new StringBuilder();
        bool inItem = false, inText = false, inPhonetic = false;
        while (xml.Read())
        {
            switch (xml.NodeType)
            {
                case XmlNodeType.Element:
                    switch (xml.LocalName)
                    {
                        case "si":
                            text.Clear();
                            inItem = true;
                            if (xml.IsEmptyElement)
                            {
                                strings.Add(string.Empty);
                                inItem = false;
                            }

                            break;
                        case "rPh":
                            inPhonetic = !xml.IsEmptyElement;
                            break;
                        case "t":
                            inText = inItem && !inPhonetic && !xml.IsEmptyElement;
                            break;
                    }

                    break;
                case XmlNodeType.EndElement:
                    switch (xml.LocalName)
                    {
                        case "si":
                            strings.Add(EscapedText.Decode(text.ToString()));
                            inItem = false;
                            break;
                        case "rPh":
                            inPhonetic = false;
                            break;
                        case "t":
                            inText = false;
                            break;
                    }

                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (inText)
                    {
                        text.Append(xml.Value);
                    }

                    break;
            }
        }

        _sharedStrings = [.. strings];
    }

    private List<NameSnapshot> ReadNames(S.DefinedNames? definedNames, List<string> sheetNames)
    {
        var names = new List<NameSnapshot>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var definedName in definedNames?.Elements<S.DefinedName>() ?? [])
        {
            string name = definedName.Name?.Value ?? string.Empty;
            string location = "name " + name;
            if (definedName.LocalSheetId?.Value is { } sheetIndex)
            {
                string scope = sheetIndex < sheetNames.Count ? sheetNames[(int)sheetIndex] : "?";
                Note(ImportNoteKind.Skipped, location, $"The name belongs to sheet '{scope}' only; only workbook-wide names are imported, so formulas using it show #NAME?.");
                continue;
            }

            if (name.StartsWith("_xlnm.", StringComparison.OrdinalIgnoreCase))
            {
                Note(ImportNoteKind.Skipped, location, "Built-in names (print areas, print titles, filters) are not imported.");
                continue;
            }

            var problem = DefinedName.Validate(name);
            if (problem is not null || !seen.Add(name))
            {
                Note(ImportNoteKind.Skipped, location, problem ?? "The name is defined twice; the first definition is kept.");
                continue;
            }

            var input = ConvertFormula(definedName.Text ?? string.Empty, null, location, out var root);
            if (input is null)
            {
                continue;
            }

            _singleValueNames[name] = root is not null && FormulaInspection.IsSingleValue(root);
            names.Add(new NameSnapshot(name, input));
        }

        return names;
    }

    // The engine input for a formula from the file, or null when it cannot be kept (noted). Root is null for verbatim ones.
    private string? ConvertFormula(string fileText, string? arrayRange, string location, out Node? root)
    {
        root = null;
        Node parsed;
        string engineText = FormulaFileText.FromFile(fileText);
        try
        {
            parsed = FormulaParser.Parse(engineText);
        }
        catch (FormulaParseException e)
        {
            return Verbatim(fileText, arrayRange, location, $"The engine cannot read this formula ({e.Message}); it is kept as written, shows #NAME? and is exported unchanged.");
        }

        FormulaInspection.CollectUnknownFunctions(parsed, _unknownFunctions);
        if (arrayRange is not null && FormulaInspection.NeedsArrayEvaluation(parsed, name => _singleValueNames.GetValueOrDefault(name)))
        {
            return Verbatim(fileText, arrayRange, location, $"The array formula over {arrayRange} needs array evaluation, which the engine does not do; it is kept as written, shows #NAME? and is exported unchanged.");
        }

        root = parsed;

        // The workbook normalises the text when it parses it again; printing it here would be wasted work.
        return engineText;
    }

    private string? Verbatim(string fileText, string? arrayRange, string location, string reason)
    {
        var input = VerbatimFormula.Wrap(fileText, arrayRange);
        if (input is null)
        {
            Note(ImportNoteKind.Skipped, location, "The formula cannot be read by the engine and is too long to keep as written.");
            return null;
        }

        Note(ImportNoteKind.KeptVerbatim, location, reason);
        return input;
    }

    private (SheetSnapshot Snapshot, ImportedSheet Summary) ReadSheet(string sheetName, WorksheetPart part)
    {
        var cells = new List<CellSnapshot>();
        var columnSpecs = new List<(int Min, int Max, double Width)>();
        var masters = new Dictionary<string, SharedMaster>(StringComparer.Ordinal);
        var copies = new List<(int Index, CellAddress Address, string SharedIndex)>();
        var arrays = new List<ArrayArea>();
        int valueCount = 0, formulaCount = 0, row = 0, column = 0, lastColumn = 0;

        using var xml = XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), _xmlSettings);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || (xml.NamespaceURI != MainNamespace && xml.NamespaceURI != StrictNamespace))
            {
                continue;
            }

            switch (xml.LocalName)
            {
                case "col":
                    if (TryInt(xml.GetAttribute("min"), out int min) && TryInt(xml.GetAttribute("max"), out int max)
                        && double.TryParse(xml.GetAttribute("width"), NumberStyles.Float, CultureInfo.InvariantCulture, out double width))
                    {
                        columnSpecs.Add((min, max, width));
                    }

                    break;
                case "row":
                    row = TryInt(xml.GetAttribute("r"), out int r) ? r : row + 1;
                    column = 0;
                    break;
                case "c" when _cellTotal >= _limits.MaxCells:
                    // Past the limit the import fails anyway: only count, so the message can say how many cells there are.
                    if (++_cellTotal > CountingCap)
                    {
                        return (new SheetSnapshot(sheetName, [], []), new ImportedSheet(sheetName, 0, 0));
                    }

                    break;
                case "c":
                    var cell = ReadCell(xml, sheetName, ref row, ref column, masters, copies, arrays, cells.Count);
                    if (cell is null)
                    {
                        break;
                    }

                    _cellTotal++;
                    lastColumn = Math.Max(lastColumn, column);
                    cells.Add(cell.Value.Snapshot);
                    if (cell.Value.Snapshot.Input is not null || cell.Value.IsSharedCopy)
                    {
                        valueCount++;
                    }

                    if (cell.Value.IsFormula)
                    {
                        formulaCount++;
                    }

                    break;
            }
        }

        foreach (var (index, address, sharedIndex) in copies)
        {
            if (index >= cells.Count)
            {
                continue;
            }

            string location = SheetNames.Quote(sheetName) + "!" + address;
            string? input = null;
            if (!masters.TryGetValue(sharedIndex, out var master))
            {
                Note(ImportNoteKind.Skipped, location, "The cell refers to a shared formula that the file does not define.");
            }
            else if (master.Root is not null)
            {
                var shifted = new CopyRewriter(address.Row - master.Address.Row, address.Column - master.Address.Column).Rewrite(master.Root);
                input = FormulaPrinter.Print(shifted);
            }
            else
            {
                input = Verbatim(FormulaFileText.Shift(master.FileText, address.Row - master.Address.Row, address.Column - master.Address.Column), null, location,
                    "The engine cannot read this formula (a copy of a shared formula); it is kept as written, shows #NAME? and is exported unchanged.");
            }

            if (input is null)
            {
                valueCount--;
                formulaCount--;
            }

            cells[index] = cells[index] with { Input = input };
        }

        return (new SheetSnapshot(sheetName, cells, ColumnWidths(sheetName, columnSpecs, lastColumn)), new ImportedSheet(sheetName, valueCount, formulaCount));
    }

    private List<ColumnWidthSnapshot> ColumnWidths(string sheetName, List<(int Min, int Max, double Width)> specs, int lastColumn)
    {
        var widths = new List<ColumnWidthSnapshot>();
        foreach (var (min, specMax, width) in specs)
        {
            if (min < 1 || min > CellAddress.MaxColumns || specMax < min || !(width >= 0 && width <= 255))
            {
                continue;
            }

            int max = Math.Min(specMax, CellAddress.MaxColumns);
            if (max - min + 1 > MaxWidthSpan)
            {
                // "Every column from A to XFD" is how programs widen a whole sheet; keep it to the columns in use.
                int kept = Math.Max(min, lastColumn);
                Note(ImportNoteKind.Converted, sheetName + " columns",
                    $"A width set on columns {CellAddress.ColumnName(min)} to {CellAddress.ColumnName(max)} is kept for columns {CellAddress.ColumnName(min)} to {CellAddress.ColumnName(kept)}, the last one in use.");
                max = kept;
            }

            for (int c = min; c <= max; c++)
            {
                widths.Add(new ColumnWidthSnapshot(c, width));
            }
        }

        return widths;
    }

    private readonly record struct ReadCellResult(CellSnapshot Snapshot, bool IsFormula, bool IsSharedCopy);

    private ReadCellResult? ReadCell(XmlReader xml, string sheetName, ref int row, ref int column,
        Dictionary<string, SharedMaster> masters, List<(int, CellAddress, string)> copies, List<ArrayArea> arrays, int index)
    {
        string? reference = xml.GetAttribute("r");
        string? styleText = xml.GetAttribute("s");
        string? type = xml.GetAttribute("t");
        if (reference is not null && CellAddress.TryParse(reference, out var parsedAddress))
        {
            row = parsedAddress.Row;
            column = parsedAddress.Column;
        }
        else
        {
            column++;
        }

        if (row < 1 || row > CellAddress.MaxRows || column < 1 || column > CellAddress.MaxColumns)
        {
            throw NotAWorkbook($"sheet '{sheetName}' has a cell outside the sheet.");
        }

        var address = new CellAddress(row, column);
        bool hasValue = false, hasFormula = false, hasInline = false;
        string? formulaType = null, formulaRef = null, sharedIndex = null;
        _value.Clear();
        _formula.Clear();
        _inline.Clear();
        if (!xml.IsEmptyElement)
        {
            int depth = xml.Depth;
            StringBuilder? target = null;
            bool inPhonetic = false;
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.EndElement)
                {
                    if (xml.Depth == depth)
                    {
                        break;
                    }

                    if (xml.LocalName == "rPh")
                    {
                        inPhonetic = false;
                    }

                    target = null;
                    continue;
                }

                if (xml.NodeType == XmlNodeType.Element)
                {
                    target = null;
                    switch (xml.LocalName)
                    {
                        case "v":
                            hasValue = true;
                            target = xml.IsEmptyElement ? null : _value;
                            break;
                        case "f":
                            hasFormula = true;
                            formulaType = xml.GetAttribute("t");
                            formulaRef = xml.GetAttribute("ref");
                            sharedIndex = xml.GetAttribute("si");
                            target = xml.IsEmptyElement ? null : _formula;
                            break;
                        case "is":
                            hasInline = true;
                            break;
                        case "rPh":
                            inPhonetic = !xml.IsEmptyElement;
                            break;
                        case "t":
                            target = inPhonetic || xml.IsEmptyElement ? null : _inline;
                            break;
                    }

                    continue;
                }

                if (target is not null && xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
                {
                    target.Append(xml.Value);
                }
            }
        }

        var style = TryInt(styleText, out int styleIndex) && styleIndex < _styles.Length ? _styles[styleIndex] : default;
        string location = SheetNames.Quote(sheetName) + "!" + address;
        string? input = null;
        bool isFormula = false, isSharedCopy = false;

        if (hasFormula && formulaType != "dataTable")
        {
            isFormula = true;
            string text = _formula.ToString();
            if (formulaType == "shared" && sharedIndex is not null)
            {
                if (text.Length > 0)
                {
                    input = ConvertFormula(text, null, location, out var root);
                    masters.TryAdd(sharedIndex, new SharedMaster(address, text, root));
                }
                else
                {
                    copies.Add((index, address, sharedIndex));
                    isSharedCopy = true;
                }
            }
            else if (formulaType == "array")
            {
                var range = formulaRef is not null && RangeAddress.TryParse(formulaRef, out var r) ? r : RangeAddress.FromCell(address);
                input = ConvertFormula(text, range.ToString(), location, out var root);
                arrays.Add(new ArrayArea(range, root is null ? null : input));
                if (root is not null)
                {
                    Note(ImportNoteKind.Converted, location, range.CellCount > 1
                        ? $"The array formula over {range} gives the same value in every cell without array evaluation; it is imported, and exported, as an ordinary formula in each of them."
                        : "The array formula gives the same value without array evaluation; it is imported, and exported, as an ordinary formula.");
                }
            }
            else
            {
                input = ConvertFormula(text, null, location, out _);
            }

            if (input is null && !isSharedCopy)
            {
                isFormula = false;
            }
        }
        else if (arrays.Count > 0 && FindArray(arrays, address) is { } area)
        {
            // A cell of an array formula's range: its value comes from the formula, not from the cache.
            input = area.Input;
            isFormula = input is not null;
        }
        else
        {
            if (hasFormula)
            {
                Note(ImportNoteKind.Skipped, location, "Data tables (what-if analysis) are not supported; the cell keeps the value the file had cached.");
            }

            input = ConstantInput(type, hasValue, hasInline, location);
        }

        if (input is null && !isSharedCopy && style.IsDefault)
        {
            return null;
        }

        return new ReadCellResult(new CellSnapshot(address.ToString(), input, style.NumberFormat, style.Bold), isFormula, isSharedCopy);
    }

    private static ArrayArea? FindArray(List<ArrayArea> arrays, CellAddress address)
    {
        foreach (var area in arrays)
        {
            if (area.Range.Contains(address) && area.Range.Start != address)
            {
                return area;
            }
        }

        return null;
    }

    private string? ConstantInput(string? type, bool hasValue, bool hasInline, string location)
    {
        string value = _value.ToString();
        switch (type)
        {
            case "s":
                if (TryInt(value, out int stringIndex) && stringIndex < _sharedStrings.Length)
                {
                    return TextInput(_sharedStrings[stringIndex]);
                }

                Note(ImportNoteKind.Skipped, location, "The cell refers to a shared string that the file does not have.");
                return null;
            case "str":
                return hasValue ? TextInput(EscapedText.Decode(value)) : null;
            case "inlineStr":
                return hasInline ? TextInput(EscapedText.Decode(_inline.ToString())) : null;
            case "b":
                return hasValue ? (value.Trim() is "1" or "true" ? "TRUE" : "FALSE") : null;
            case "e":
                if (!hasValue)
                {
                    return null;
                }

                if (ErrorValues.TryParse(value.Trim(), out var error) && error != ErrorValue.Circular)
                {
                    return error.ToText();
                }

                Note(ImportNoteKind.Converted, location, $"The error value {value} is not known to the engine; it is kept as text.");
                return TextInput(value);
            case "d":
                if (DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date))
                {
                    return NumberInput(DateSerial.FromDateTime(date));
                }

                Note(ImportNoteKind.Skipped, location, $"The date '{value}' cannot be read.");
                return null;
            default:
                if (!hasValue || value.Length == 0)
                {
                    return null;
                }

                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number))
                {
                    return NumberInput(number);
                }

                Note(ImportNoteKind.Skipped, location, $"The number '{value}' cannot be read.");
                return null;
        }
    }

    // The General text (as Excel's formula bar shows it) when it reads back exactly, else the shortest exact text.
    private static string NumberInput(double number)
    {
        if (number == 0)
        {
            return "0";
        }

        string general = NumberText.ToGeneral(number);
        return NumberText.TryParse(general, out double back) && back.Equals(number) ? general : NumberText.ToLiteral(number);
    }

    /// <summary>An input that the engine reads back as exactly this text (an apostrophe in front when it would read as something else).</summary>
    internal static string TextInput(string text)
    {
        if (text.Length == 0)
        {
            return "'";
        }

        var parsed = Workbook.ParseInput(text[0] == '=' && text.Length > 1 ? "'" : text);
        bool readsAsText = text[0] != '\'' && !(text[0] == '=' && text.Length > 1) && parsed.Value.IsText && parsed.Value.Text == text;
        return readsAsText ? text : "'" + text;
    }

    private static bool TryInt(string? text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
