namespace Collab.Workbooks.Engine;

public sealed partial class Workbook
{
    /// <summary>The workbook's inputs, formats, column widths and names as plain data.</summary>
    public WorkbookSnapshot ToSnapshot()
    {
        var sheets = new List<SheetSnapshot>(_sheets.Count);
        foreach (var sheet in _sheets)
        {
            var cells = sheet.CellsInReadingOrder();
            var ordered = new List<CellSnapshot>(cells.Length);
            foreach (var cell in cells)
            {
                if (cell.HasInput || cell.Format is not null)
                {
                    ordered.Add(new CellSnapshot(new CellAddress(cell.Row, cell.Column).ToString(), cell.Input, cell.Format?.NumberFormat, cell.Format?.Bold ?? false));
                }
            }

            var widths = new List<ColumnWidthSnapshot>();
            foreach (var (column, width) in GetColumnWidths(sheet.Name))
            {
                widths.Add(new ColumnWidthSnapshot(column, width));
            }

            sheets.Add(new SheetSnapshot(sheet.Name, ordered, widths));
        }

        var names = new List<NameSnapshot>();
        foreach (var name in Names)
        {
            names.Add(new NameSnapshot(name.Name, name.RefersTo));
        }

        return new WorkbookSnapshot(sheets, names);
    }

    /// <summary>A workbook with the snapshot's sheets, names, inputs and formats, fully recalculated.</summary>
    /// <exception cref="FormulaParseException">A stored formula does not parse.</exception>
    public static Workbook FromSnapshot(WorkbookSnapshot snapshot, TimeProvider? timeProvider = null, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var workbook = new Workbook(timeProvider, random);
        foreach (var sheet in snapshot.Sheets)
        {
            var problem = Engine.SheetNames.Validate(sheet.Name);
            if (problem is not null)
            {
                throw new ArgumentException(problem, nameof(snapshot));
            }

            if (workbook._sheetsByName.ContainsKey(sheet.Name))
            {
                throw new ArgumentException($"The snapshot has two sheets named '{sheet.Name}'.", nameof(snapshot));
            }

            var created = new Sheet(workbook._nextSheetId++, sheet.Name);
            workbook._sheets.Add(created);
            workbook._sheetsByName[sheet.Name] = created;
        }

        foreach (var name in snapshot.Names ?? [])
        {
            var problem = DefinedName.Validate(name.Name);
            if (problem is not null)
            {
                throw new ArgumentException(problem, nameof(snapshot));
            }

            workbook._names[name.Name] = new DefinedName(name.Name, FormulaParser.Parse(name.RefersTo));
        }

        foreach (var sheetSnapshot in snapshot.Sheets)
        {
            var sheet = workbook._sheetsByName[sheetSnapshot.Name];
            foreach (var cellSnapshot in sheetSnapshot.Cells)
            {
                var address = CellAddress.Parse(cellSnapshot.Cell);
                var parsed = ParseInput(cellSnapshot.Input);
                var format = new CellFormat(string.IsNullOrEmpty(cellSnapshot.NumberFormat) ? null : cellSnapshot.NumberFormat, cellSnapshot.Bold);
                if (parsed.Input is null && format.IsDefault)
                {
                    continue;
                }

                var cell = sheet.GetOrAdd(address.Row, address.Column);
                cell.Format = format.IsDefault ? null : workbook.Intern(format);
                cell.Value = parsed.Value;
                if (parsed.Formula is not null)
                {
                    cell.Formula = new FormulaState(workbook._shapes.Acquire(OriginRewriter.ToShape(parsed.Formula, address.Row, address.Column), sheet));
                }
                else
                {
                    cell.Text = parsed.Input;
                }
            }

            foreach (var width in sheetSnapshot.ColumnWidths ?? [])
            {
                workbook.SetColumnWidth(sheet.Name, width.Column, width.Width);
            }
        }

        workbook.RebindEverything();
        workbook.RecalculateAll();
        return workbook;
    }

    /// <summary>
    /// An independent copy with the same sheets, names, inputs, formats, column widths and computed values, sharing
    /// this workbook's clock (and a new random source). Equal to <c>FromSnapshot(ToSnapshot())</c> without printing,
    /// parsing and recalculating every formula: formula trees are copied once per shared shape and bound again.
    /// </summary>
    public Workbook Clone()
    {
        var copy = new Workbook(TimeProvider);
        copy._nextSheetId = _nextSheetId;
        foreach (var (format, interned) in _formats)
        {
            copy._formats[format] = interned;
        }

        foreach (var definition in _names.Values)
        {
            copy._names[definition.Name] = new DefinedName(definition.Name, UnboundCopyRewriter.Copy(definition.Root));
        }

        var shapes = new Dictionary<FormulaShape, FormulaShape>(ReferenceEqualityComparer.Instance);
        foreach (var sheet in _sheets)
        {
            var target = new Sheet(sheet.Id, sheet.Name);
            copy._sheets.Add(target);
            copy._sheetsByName[target.Name] = target;
            foreach (var (column, width) in sheet.ColumnWidths)
            {
                target.ColumnWidths[column] = width;
            }

            foreach (var cell in sheet.AllCells())
            {
                var copied = new Cell(target, cell.Row, cell.Column) { Text = cell.Text, Value = cell.Value, Format = cell.Format };
                if (cell.Formula is { } formula)
                {
                    if (shapes.TryGetValue(formula.Shape, out var shape))
                    {
                        shape.Users++;
                    }
                    else
                    {
                        shape = copy._shapes.Acquire(UnboundCopyRewriter.Copy(formula.Root), target);
                        shapes[formula.Shape] = shape;
                    }

                    copied.Formula = new FormulaState(shape) { UsesPosition = formula.UsesPosition };
                }

                target.Put(copied);
            }
        }

        copy.RebindEverything();
        return copy;
    }
}
