namespace Collab.Workbooks.Engine;

/// <summary>
/// A financial model: ordered sheets of sparse cells, defined names, and computed values kept up to date by
/// incremental recalculation. Not thread-safe: one writer at a time (the Editing module's sequencer).
/// Every edit returns the cells whose computed value changed.
/// </summary>
public sealed partial class Workbook
{
    private const long MaxFormatCells = 1_000_000;

    private readonly List<Sheet> _sheets = [];
    private readonly Dictionary<string, Sheet> _sheetsByName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DefinedName> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<CellFormat, CellFormat> _formats = [];
    private readonly FormulaShapes _shapes = new();
    private readonly Evaluator _evaluator;
    private int _nextSheetId = 1;

    /// <summary>Creates an empty workbook (no sheets).</summary>
    /// <param name="timeProvider">The clock for TODAY and NOW (the system clock when null).</param>
    /// <param name="random">The source for RAND and RANDBETWEEN (a new unseeded one when null).</param>
    public Workbook(TimeProvider? timeProvider = null, Random? random = null)
    {
        TimeProvider = timeProvider ?? TimeProvider.System;
        Random = random ?? new Random();
        _evaluator = new Evaluator(this);
    }

    /// <summary>The clock used by TODAY and NOW.</summary>
    public TimeProvider TimeProvider { get; }

    internal Random Random { get; }

    /// <summary>The sheet names in order.</summary>
    public IReadOnlyList<string> SheetNames
    {
        get
        {
            var names = new string[_sheets.Count];
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = _sheets[i].Name;
            }

            return names;
        }
    }

    /// <summary>The defined names with their formulas.</summary>
    public IReadOnlyList<NameDefinition> Names
    {
        get
        {
            var list = new List<NameDefinition>(_names.Count);
            foreach (var definition in _names.Values)
            {
                list.Add(new NameDefinition(definition.Name, definition.RefersTo));
            }

            list.Sort((a, b) => string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase));
            return list;
        }
    }

    /// <summary>True when a sheet of that name exists (case-insensitive).</summary>
    public bool HasSheet(string name) => _sheetsByName.ContainsKey(name);

    /// <summary>The exact name of a sheet matched case-insensitively.</summary>
    public string GetSheetName(string name) => RequireSheet(name).Name;

    /// <summary>Adds a sheet at a 0-based position (last when null). Formulas that referred to a missing sheet of that name now compute.</summary>
    public IReadOnlyList<CellLocation> AddSheet(string name, int? index = null)
    {
        var problem = Engine.SheetNames.Validate(name);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(name));
        }

        if (_sheetsByName.ContainsKey(name))
        {
            throw new ArgumentException($"A sheet named '{name}' already exists.", nameof(name));
        }

        int position = index ?? _sheets.Count;
        if (position < 0 || position > _sheets.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The position must be between 0 and {_sheets.Count}.");
        }

        var sheet = new Sheet(_nextSheetId++, name);
        _sheets.Insert(position, sheet);
        _sheetsByName[name] = sheet;
        return RebindAfterNameChanges();
    }

    /// <summary>Renames a sheet and rewrites every formula and defined name that refers to it (quoting the name when needed).</summary>
    public IReadOnlyList<CellLocation> RenameSheet(string name, string newName)
    {
        var sheet = RequireSheet(name);
        var problem = Engine.SheetNames.Validate(newName);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(newName));
        }

        if (_sheetsByName.TryGetValue(newName, out var other) && !ReferenceEquals(other, sheet))
        {
            throw new ArgumentException($"A sheet named '{newName}' already exists.", nameof(newName));
        }

        string oldName = sheet.Name;
        var written = RewriteAllFormulas(_ => new SheetRenameRewriter(oldName, newName), new SheetRenameRewriter(oldName, newName));
        _sheetsByName.Remove(oldName);
        sheet.Name = newName;
        _sheetsByName[newName] = sheet;
        Reshape(written);
        return RebuildAndRecalculate();
    }

    /// <summary>Deletes a sheet; references to it in other sheets' formulas and in names become #REF!. The last sheet cannot be deleted.</summary>
    public IReadOnlyList<CellLocation> DeleteSheet(string name) => DeleteSheet(name, keepOne: true);

    /// <summary>
    /// Deletes a sheet; with <paramref name="keepOne"/> false the last sheet too, leaving a workbook without sheets for
    /// the caller to add one at once (a batch that replaces the only sheet: delete it, then add another).
    /// </summary>
    public IReadOnlyList<CellLocation> DeleteSheet(string name, bool keepOne)
    {
        var sheet = RequireSheet(name);
        if (keepOne && _sheets.Count == 1)
        {
            throw new InvalidOperationException("A workbook must keep at least one sheet.");
        }

        string deleted = sheet.Name;
        _sheets.Remove(sheet);
        _sheetsByName.Remove(deleted);
        Reshape(RewriteAllFormulas(host => new SheetDeleteRewriter(deleted, host), new SheetDeleteRewriter(deleted, null)));
        return RebuildAndRecalculate();
    }

    /// <summary>
    /// Sets what a person typed into a cell: a number ("1234.5", "-3", "1e3", "50%", "$1,000"), TRUE or FALSE,
    /// an error literal ("#N/A"), a formula ("=A1*2"), text (a leading apostrophe forces text), or "" / null to clear.
    /// Returns every cell whose computed value changed, the edited cell included.
    /// </summary>
    /// <exception cref="FormulaParseException">The input is a formula that does not parse; nothing changes.</exception>
    public IReadOnlyList<CellLocation> SetCellInput(string sheet, CellAddress address, string? input)
    {
        var target = RequireSheet(sheet);
        var parsed = ParseInput(input);
        var seeds = new PassSeeds();
        ApplyInput(target, address.Row, address.Column, parsed, seeds);
        RunPass(seeds, all: false);
        return seeds.ChangedLocations();
    }

    /// <summary>
    /// Sets a block of inputs (rows of columns) whose top-left cell is the range's start, then recalculates once.
    /// The block must have the range's shape.
    /// </summary>
    public IReadOnlyList<CellLocation> SetRange(string sheet, RangeAddress range, IReadOnlyList<IReadOnlyList<string?>> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var target = RequireSheet(sheet);
        if (inputs.Count != range.RowCount)
        {
            throw new ArgumentException($"The range {range} has {range.RowCount} rows but {inputs.Count} rows of inputs were given.", nameof(inputs));
        }

        var parsed = new ParsedInput[inputs.Count][];
        for (int r = 0; r < inputs.Count; r++)
        {
            if (inputs[r].Count != range.ColumnCount)
            {
                throw new ArgumentException($"The range {range} has {range.ColumnCount} columns but row {r + 1} of the inputs has {inputs[r].Count}.", nameof(inputs));
            }

            parsed[r] = new ParsedInput[inputs[r].Count];
            for (int c = 0; c < inputs[r].Count; c++)
            {
                parsed[r][c] = ParseInput(inputs[r][c]);
            }
        }

        var seeds = new PassSeeds();
        for (int r = 0; r < parsed.Length; r++)
        {
            for (int c = 0; c < parsed[r].Length; c++)
            {
                ApplyInput(target, range.Start.Row + r, range.Start.Column + c, parsed[r][c], seeds);
            }
        }

        RunPass(seeds, all: false);
        return seeds.ChangedLocations();
    }

    /// <summary>Clears the inputs of every cell in the range (formats stay), then recalculates once.</summary>
    public IReadOnlyList<CellLocation> ClearRange(string sheet, RangeAddress range)
    {
        var target = RequireSheet(sheet);
        var cells = new List<Cell>();
        var cursor = target.Cursor(range.Start.Row, range.Start.Column, range.End.Row, range.End.Column);
        while (cursor.MoveNext())
        {
            if (cursor.Current.HasInput)
            {
                cells.Add(cursor.Current);
            }
        }

        var seeds = new PassSeeds();
        foreach (var cell in cells)
        {
            ApplyInput(target, cell.Row, cell.Column, default, seeds);
        }

        RunPass(seeds, all: false);
        return seeds.ChangedLocations();
    }

    /// <summary>The input, value and format of a cell (an empty <see cref="CellInfo"/> when nothing is stored).</summary>
    public CellInfo GetCell(string sheet, CellAddress address)
    {
        var cell = RequireSheet(sheet).Get(address.Row, address.Column);
        return cell is null
            ? new CellInfo(address, null, CellValue.Blank, CellFormat.Default)
            : new CellInfo(address, cell.Input, cell.Value, cell.Format ?? CellFormat.Default);
    }

    /// <summary>The computed value of a cell.</summary>
    public CellValue GetValue(string sheet, CellAddress address) =>
        RequireSheet(sheet).Get(address.Row, address.Column)?.Value ?? CellValue.Blank;

    /// <summary>The cells that have an input, in reading order (row by row).</summary>
    public IReadOnlyList<CellInfo> EnumerateCells(string sheet)
    {
        var cells = RequireSheet(sheet).CellsInReadingOrder();
        var list = new List<CellInfo>(cells.Length);
        foreach (var cell in cells)
        {
            if (cell.HasInput)
            {
                list.Add(new CellInfo(new CellAddress(cell.Row, cell.Column), cell.Input, cell.Value, cell.Format ?? CellFormat.Default));
            }
        }

        return list;
    }

    /// <summary>The smallest range holding every cell with an input or a format; null for an empty sheet.</summary>
    public RangeAddress? UsedRange(string sheet)
    {
        int r1 = int.MaxValue, c1 = int.MaxValue, r2 = 0, c2 = 0;
        foreach (var cell in RequireSheet(sheet).AllCells())
        {
            if (!cell.HasInput && cell.Format is null)
            {
                continue;
            }

            r1 = Math.Min(r1, cell.Row);
            c1 = Math.Min(c1, cell.Column);
            r2 = Math.Max(r2, cell.Row);
            c2 = Math.Max(c2, cell.Column);
        }

        return r2 == 0 ? null : new RangeAddress(r1, c1, r2, c2);
    }

    /// <summary>
    /// Sets the number format and/or bold of every cell in a range (null leaves that part unchanged; a number
    /// format of "" or "General" resets it). Formats are stored per cell: whole-column and whole-row ranges apply
    /// to the sheet's used extent; other ranges may hold at most 1,000,000 cells.
    /// </summary>
    public void SetFormat(string sheet, RangeAddress range, string? numberFormat = null, bool? bold = null)
    {
        var target = RequireSheet(sheet);
        int row2 = range.IsWholeColumns ? Math.Min(range.End.Row, Math.Max(target.MaxRow, range.Start.Row)) : range.End.Row;
        int column2 = range.IsWholeRows ? Math.Min(range.End.Column, Math.Max(target.MaxColumn, range.Start.Column)) : range.End.Column;
        if ((long)(row2 - range.Start.Row + 1) * (column2 - range.Start.Column + 1) > MaxFormatCells)
        {
            throw new ArgumentException($"A format can be set on at most {MaxFormatCells} cells at once.", nameof(range));
        }

        bool resetNumberFormat = numberFormat is not null && (numberFormat.Length == 0 || numberFormat.Equals("General", StringComparison.OrdinalIgnoreCase));
        for (int r = range.Start.Row; r <= row2; r++)
        {
            for (int c = range.Start.Column; c <= column2; c++)
            {
                var cell = target.GetOrAdd(r, c);
                var old = cell.Format ?? CellFormat.Default;
                var updated = new CellFormat(resetNumberFormat ? null : numberFormat ?? old.NumberFormat, bold ?? old.Bold);
                cell.Format = updated.IsDefault ? null : Intern(updated);
                if (!cell.HasInput && cell.Format is null && cell.Formula is null)
                {
                    target.Remove(cell);
                }
            }
        }
    }

    /// <summary>Sets a column's width in Excel's character units (null resets it to the default).</summary>
    public void SetColumnWidth(string sheet, int column, double? width)
    {
        var target = RequireSheet(sheet);
        if (column < 1 || column > CellAddress.MaxColumns)
        {
            throw new ArgumentOutOfRangeException(nameof(column), column, "No such column.");
        }

        if (width is null)
        {
            target.ColumnWidths.Remove(column);
        }
        else
        {
            if (width < 0 || width > 255 || double.IsNaN(width.Value))
            {
                throw new ArgumentOutOfRangeException(nameof(width), width, "A column width is between 0 and 255.");
            }

            target.ColumnWidths[column] = width.Value;
        }
    }

    /// <summary>A column's width, or null for the default width.</summary>
    public double? GetColumnWidth(string sheet, int column) =>
        RequireSheet(sheet).ColumnWidths.TryGetValue(column, out double w) ? w : null;

    /// <summary>The columns with a width set, in order.</summary>
    public IReadOnlyList<KeyValuePair<int, double>> GetColumnWidths(string sheet)
    {
        var list = new List<KeyValuePair<int, double>>(RequireSheet(sheet).ColumnWidths);
        list.Sort((a, b) => a.Key.CompareTo(b.Key));
        return list;
    }

    /// <summary>
    /// Defines (or redefines) a workbook-scoped name such as GrowthRate. The formula may be "=Inputs!$B$2",
    /// "=0.05" or any expression; unqualified references refer to the first sheet. Returns the changed cells.
    /// </summary>
    public IReadOnlyList<CellLocation> DefineName(string name, string refersTo)
    {
        ArgumentNullException.ThrowIfNull(refersTo);
        var problem = DefinedName.Validate(name);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(name));
        }

        var root = FormulaParser.Parse(refersTo);
        if (_sheets.Count > 0)
        {
            root = new QualifyRewriter(_sheets[0].Name).Rewrite(root);
        }

        string display = _names.TryGetValue(name, out var existing) ? existing.Name : name;
        _names[name] = new DefinedName(display, root);
        return RebindAfterNameChanges();
    }

    /// <summary>Deletes a defined name; formulas that use it show #NAME?.</summary>
    public IReadOnlyList<CellLocation> DeleteName(string name)
    {
        if (!_names.Remove(name))
        {
            throw new ArgumentException($"No name '{name}' is defined.", nameof(name));
        }

        return RebindAfterNameChanges();
    }

    /// <summary>Inserts rows (the first new row is <paramref name="at"/>); formulas everywhere follow. Returns the changed cells.</summary>
    public IReadOnlyList<CellLocation> InsertRows(string sheet, int at, int count = 1) => Apply(StructuralChange.InsertRows(sheet, at, count));

    /// <summary>Deletes rows <paramref name="at"/> to at+count-1; references to them become #REF!, ranges shrink.</summary>
    public IReadOnlyList<CellLocation> DeleteRows(string sheet, int at, int count = 1) => Apply(StructuralChange.DeleteRows(sheet, at, count));

    /// <summary>Inserts columns.</summary>
    public IReadOnlyList<CellLocation> InsertColumns(string sheet, int at, int count = 1) => Apply(StructuralChange.InsertColumns(sheet, at, count));

    /// <summary>Deletes columns.</summary>
    public IReadOnlyList<CellLocation> DeleteColumns(string sheet, int at, int count = 1) => Apply(StructuralChange.DeleteColumns(sheet, at, count));

    /// <summary>Recalculates every formula from scratch. Returns the cells whose value changed.</summary>
    public IReadOnlyList<CellLocation> RecalculateAll()
    {
        var seeds = new PassSeeds();
        RunPass(seeds, all: true);
        return seeds.ChangedLocations();
    }

    internal IReadOnlyList<Sheet> Sheets => _sheets;

    /// <summary>How many distinct formula trees the cells share (formulas with one R1C1 shape on one sheet are one).</summary>
    internal int FormulaShapeCount => _shapes.Count;

    internal IEnumerable<DefinedName> DefinedNames => _names.Values;

    internal Sheet? FindSheet(string name) => _sheetsByName.TryGetValue(name, out var sheet) ? sheet : null;

    internal DefinedName? FindName(string name) => _names.TryGetValue(name, out var definition) ? definition : null;

    internal Sheet RequireSheet(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _sheetsByName.TryGetValue(name, out var sheet) ? sheet : throw new ArgumentException($"No sheet named '{name}'.", nameof(name));
    }

    private CellFormat Intern(CellFormat format)
    {
        if (_formats.TryGetValue(format, out var existing))
        {
            return existing;
        }

        _formats[format] = format;
        return format;
    }

    internal readonly record struct ParsedInput(string? Input, CellValue Value, Node? Formula);

    /// <summary>Classifies what a person typed.</summary>
    internal static ParsedInput ParseInput(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return default;
        }

        if (input[0] == '\'')
        {
            return new ParsedInput(input, CellValue.FromText(input[1..]), null);
        }

        if (input[0] == '=' && input.Length > 1)
        {
            // The normalised text is printed once the formula is bound (names and sheets in their defined casing).
            return new ParsedInput(input, default, FormulaParser.Parse(input));
        }

        if (input.Equals("TRUE", StringComparison.OrdinalIgnoreCase))
        {
            return new ParsedInput(input, CellValue.True, null);
        }

        if (input.Equals("FALSE", StringComparison.OrdinalIgnoreCase))
        {
            return new ParsedInput(input, CellValue.False, null);
        }

        if (NumberText.TryParse(input, out double number))
        {
            return new ParsedInput(input, CellValue.FromNumber(number), null);
        }

        if (ErrorValues.TryParse(input.Trim(), out var error))
        {
            return new ParsedInput(input, CellValue.FromError(error), null);
        }

        return new ParsedInput(input, CellValue.FromText(input), null);
    }

    private void ApplyInput(Sheet sheet, int row, int column, in ParsedInput parsed, PassSeeds seeds)
    {
        var cell = sheet.Get(row, column);
        if (cell is null && parsed.Input is null)
        {
            return;
        }

        cell ??= sheet.GetOrAdd(row, column);
        var oldValue = cell.Value;
        bool wasFormula = cell.Formula is not null;
        if (wasFormula)
        {
            Unbind(cell);
            _shapes.Release(cell.Formula!.Shape);
            cell.Formula = null;
        }

        cell.Text = null;
        if (parsed.Input is null)
        {
            cell.Value = CellValue.Blank;
            if (cell.Format is null)
            {
                sheet.Remove(cell);
            }

            seeds.Positions.Add((sheet, row, column));
            if (oldValue != CellValue.Blank)
            {
                seeds.Changed.Add((sheet, row, column));
            }

            return;
        }

        if (parsed.Formula is not null)
        {
            cell.Formula = new FormulaState(_shapes.Acquire(OriginRewriter.ToShape(parsed.Formula, row, column), sheet));
            Bind(cell);
            seeds.Formulas.Add(cell);
            if (wasFormula)
            {
                return;
            }

            // A constant became a formula: until the pass computes it, dependents must see the change too.
            seeds.Positions.Add((sheet, row, column));
            return;
        }

        cell.Text = parsed.Input;
        cell.Value = parsed.Value;
        seeds.Positions.Add((sheet, row, column));
        if (oldValue != parsed.Value)
        {
            seeds.Changed.Add((sheet, row, column));
        }
    }

    /// <summary>
    /// Rewrites every formula (and every defined name) with the rewriter. Returns each formula cell with its formula as
    /// written at its current position: cells may move before <see cref="Reshape"/> stores the formulas as shapes again.
    /// </summary>
    private List<(Cell Cell, Node Written)> RewriteAllFormulas(Func<string, ReferenceRewriter> forSheet, ReferenceRewriter forNames)
    {
        var written = new List<(Cell, Node)>();
        foreach (var sheet in _sheets)
        {
            foreach (var cell in sheet.AllCells())
            {
                if (cell.Formula is not { } formula)
                {
                    continue;
                }

                var rewriter = forSheet(sheet.Name);
                written.Add((cell, rewriter.Rewrite(OriginRewriter.FromShape(formula.Root, cell.Row, cell.Column))));
            }
        }

        foreach (var definition in _names.Values)
        {
            definition.Root = forNames.Rewrite(definition.Root);
        }

        return written;
    }

    /// <summary>Stores the rewritten formulas as shapes relative to where their cells are now (cells deleted meanwhile are skipped).</summary>
    private void Reshape(List<(Cell Cell, Node Written)> written)
    {
        _shapes.Clear();
        foreach (var (cell, root) in written)
        {
            if (ReferenceEquals(cell.Sheet.Get(cell.Row, cell.Column), cell) && _sheets.Contains(cell.Sheet))
            {
                cell.Formula!.Shape = _shapes.Acquire(OriginRewriter.ToShape(root, cell.Row, cell.Column), cell.Sheet);
            }
        }
    }

    private IReadOnlyList<CellLocation> RebuildAndRecalculate()
    {
        RebindEverything();
        return RecalculateAll();
    }

    // After sheets or names appear or change: rebind names, then the formulas that use names or lacked a target.
    private IReadOnlyList<CellLocation> RebindAfterNameChanges()
    {
        foreach (var definition in _names.Values)
        {
            BindName(definition);
        }

        var affected = new List<Cell>(_nameUsers);
        foreach (var cell in _unresolvedCells)
        {
            if (!_nameUsers.Contains(cell))
            {
                affected.Add(cell);
            }
        }

        var seeds = new PassSeeds();
        foreach (var cell in affected)
        {
            Unbind(cell);
            Bind(cell);
            seeds.Formulas.Add(cell);
        }

        RunPass(seeds, all: false);
        return seeds.ChangedLocations();
    }
}
