namespace Collab.Workbooks.Engine;

/// <summary>
/// Inserts and deletes of rows and columns, in time proportional to what they touch: the cells that move, the
/// formulas whose references change, and the cells whose value can change (with their dependents).
/// </summary>
public sealed partial class Workbook
{
    /// <summary>
    /// What a formula shape does when its cell moves with a structural change on its own sheet. It stays the same
    /// shape (what it reads moves with it, or stays where it is) when <see cref="Movable"/> and every relative target
    /// (cell index + offset, between <see cref="MinOffset"/> and <see cref="MaxOffset"/>) moves too.
    /// </summary>
    internal readonly record struct ShapeMove(bool Movable, int MinOffset, int MaxOffset, bool Positional);

    // Identifies one structural change across every workbook, so that shapes can cache their analysis in place.
    private static long s_moveStamp;

    /// <summary>
    /// The working collections of one structural change, kept per thread so that a change on a large sheet does not
    /// grow them again each time (a replica applies every row insert the model sees).
    /// </summary>
    private sealed class StructuralScratch
    {
        [ThreadStatic]
        private static StructuralScratch? t_spare;

        public List<Cell> Moving { get; } = [];

        public HashSet<Cell> Handled { get; } = [];

        public List<Cell> Moved { get; } = [];

        public List<Cell> Slow { get; } = [];

        public List<Cell> WholeAxis { get; } = [];

        public List<(Cell Cell, Node Written, bool Recalculate, bool Shift)> Rewritten { get; } = [];

        public static StructuralScratch Rent()
        {
            var scratch = t_spare ?? new StructuralScratch();
            t_spare = null;
            return scratch;
        }

        public void Return()
        {
            Moving.Clear();
            Handled.Clear();
            Moved.Clear();
            Slow.Clear();
            WholeAxis.Clear();
            Rewritten.Clear();
            t_spare = this;
        }
    }

    private IReadOnlyList<CellLocation> Apply(StructuralChange change)
    {
        var scratch = StructuralScratch.Rent();
        try
        {
            return Apply(change, scratch);
        }
        finally
        {
            scratch.Return();
        }
    }

    private IReadOnlyList<CellLocation> Apply(StructuralChange change, StructuralScratch scratch)
    {
        change.Validate();
        var sheet = RequireSheet(change.Sheet);
        bool rows = change.AffectsRows;
        bool insert = change.IsInsert;
        int at = change.At;
        int count = change.Count;
        int axis = change.AxisLength;
        if (insert && (long)(rows ? sheet.MaxRow : sheet.MaxColumn) + count > axis)
        {
            foreach (var cell in sheet.AllCells())
            {
                int index = rows ? cell.Row : cell.Column;
                if ((cell.HasInput || cell.Format is not null) && change.MapIndex(index) is null)
                {
                    throw new InvalidOperationException("The insert would push non-empty cells off the end of the sheet.");
                }
            }
        }

        // The cells at or after the change: they move, or (a delete) they go.
        var moving = scratch.Moving;
        sheet.CollectFrom(rows, at, moving);
        bool IsDeleted(Cell cell) => !insert && ReferenceEquals(cell.Sheet, sheet) && (rows ? cell.Row : cell.Column) is int i && i >= at && i < at + count;

        // Names: rewritten first; when one changes, every formula using names is bound again and recalculated.
        var nameRewriter = new StructuralRewriter(change, null);
        var renamed = new List<(DefinedName Definition, Node Root)>();
        foreach (var definition in _names.Values)
        {
            var root = nameRewriter.Rewrite(definition.Root);
            if (!ReferenceEquals(root, definition.Root))
            {
                renamed.Add((definition, root));
            }
        }

        var nameUsers = renamed.Count > 0 ? new HashSet<Cell>(_nameUsers) : null;
        var seeds = new PassSeeds();
        var handled = scratch.Handled;
        var moved = scratch.Moved;
        var rewritten = scratch.Rewritten;
        long stamp = Interlocked.Increment(ref s_moveStamp);
        int threshold = insert ? at : at + count;
        int delta = insert ? count : -count;

        // 1. Formulas that move with their references: same shape, only their registrations move.
        var slow = scratch.Slow;
        foreach (var cell in moving)
        {
            if (cell.Formula is not { } formula || IsDeleted(cell))
            {
                continue;
            }

            handled.Add(cell);
            var shape = formula.Shape;
            if (shape.MoveStamp != stamp)
            {
                shape.Move = AnalyseMove(formula.Root, change);
                shape.MoveStamp = stamp;
            }

            var move = shape.Move;

            long index = rows ? cell.Row : cell.Column;
            if (move.Movable && index + move.MinOffset >= threshold && index + move.MaxOffset + delta <= axis)
            {
                moved.Add(cell);

                // What it reads moved with it or stayed: only where it sees its position can its value change.
                if (move.Positional || formula.UsesPosition || (nameUsers is not null && formula.UsesNames))
                {
                    seeds.Formulas.Add(cell);
                }
            }
            else
            {
                slow.Add(cell);
            }
        }

        // 2. Formulas whose references point at or after the change (found through the dependency index), whose
        // reference-only arguments may (ROW(A5)), or that use a changed name: rewritten one by one.
        void AddSlow(Cell cell)
        {
            if (cell.Formula is not null && !IsDeleted(cell) && handled.Add(cell))
            {
                slow.Add(cell);
            }
        }

        var wholeAxis = scratch.WholeAxis;
        foreach (var (key, entry) in sheet.PointDependents)
        {
            var (row, column) = Sheet.UnpackKey(key);
            if ((rows ? row : column) >= at)
            {
                ForEachDependent(entry, AddSlow);
            }
        }

        foreach (var dependency in sheet.RangeDependents.Entries)
        {
            int low = rows ? dependency.Row1 : dependency.Column1;
            int high = rows ? dependency.Row2 : dependency.Column2;
            if (high >= at && !(low == 1 && high == axis))
            {
                ForEachDependent(dependency.Dependents!, AddSlow);
            }

            // A range to the end of the axis keeps its address but not its contents (A:A after a delete).
            if (high == axis)
            {
                ForEachDependent(dependency.Dependents!, wholeAxis.Add);
            }
        }

        foreach (var cell in _referenceArgumentUsers)
        {
            AddSlow(cell);
        }

        if (nameUsers is not null)
        {
            foreach (var cell in nameUsers)
            {
                AddSlow(cell);
            }
        }

        foreach (var cell in slow)
        {
            var formula = cell.Formula!;
            bool onSheet = ReferenceEquals(cell.Sheet, sheet);
            bool moves = onSheet && (rows ? cell.Row : cell.Column) >= at;
            int newRow = moves && rows ? change.MapIndex(cell.Row)!.Value : cell.Row;
            int newColumn = moves && !rows ? change.MapIndex(cell.Column)!.Value : cell.Column;
            var rewriter = new StructuralRewriter(change, cell.Sheet.Name, cell.Row, cell.Column, newRow, newColumn);
            var written = rewriter.Rewrite(formula.Root); // the shape at the cell's new place

            // A pure move of what a formula reads keeps its value, except where the formula sees its own position
            // (ROW(A5), and what its last evaluation read of it: implicit intersection, ROW()), which counts when the
            // cell moves or what it reads moves.
            bool recalculate = rewriter.Invalidated || IsPositional(formula.Shape) || (formula.UsesPosition && (moves || rewriter.TargetsMoved))
                || (nameUsers is not null && nameUsers.Contains(cell));

            // A pure move (no #REF!, no range resized, no name or reference-only argument involved) keeps what the
            // formula reads: its registrations shift in place below, instead of being removed and added again.
            bool shift = !rewriter.Invalidated && nameUsers is null && !formula.HasReferenceArguments && !formula.HasUnresolved;
            if (!shift)
            {
                Unbind(cell);
            }

            rewritten.Add((cell, written, recalculate, shift));
        }

        // 3. Deleted cells leave the graph; the rest move.
        foreach (var cell in moving)
        {
            if (IsDeleted(cell) && cell.Formula is { } formula)
            {
                Unbind(cell);
                _shapes.Release(formula.Shape);
            }

            sheet.Remove(cell);
        }

        foreach (var cell in moving)
        {
            int? mapped = change.MapIndex(rows ? cell.Row : cell.Column);
            if (mapped is null)
            {
                continue;
            }

            if (rows)
            {
                cell.Row = mapped.Value;
            }
            else
            {
                cell.Column = mapped.Value;
            }

            sheet.Put(cell);
        }

        if (!rows && sheet.ColumnWidths.Count > 0)
        {
            var widths = new List<KeyValuePair<int, double>>(sheet.ColumnWidths);
            sheet.ColumnWidths.Clear();
            foreach (var (column, width) in widths)
            {
                if (change.MapIndex(column) is { } target)
                {
                    sheet.ColumnWidths[target] = width;
                }
            }
        }

        foreach (var (definition, root) in renamed)
        {
            definition.Root = root;
            BindName(definition);
        }

        // 4. Formulas that kept their shape: their registrations on the changed sheet move as the cells did (a
        // formula using a changed name is bound again). The others are bound again at their new positions.
        foreach (var cell in moved)
        {
            if ((nameUsers is not null && cell.Formula!.UsesNames) || !ShiftRegistrations(cell, sheet, change))
            {
                Unbind(cell);
                Bind(cell);
            }
        }

        foreach (var (cell, written, recalculate, shift) in rewritten)
        {
            var formula = cell.Formula!;
            var shape = written;
            bool fresh = false;
            if (!ReferenceEquals(shape, formula.Root)) // the rewriter copies a node only when what it stores changes
            {
                _shapes.Release(formula.Shape);
                formula.Shape = _shapes.Acquire(shape, cell.Sheet);
                fresh = formula.Shape.Users == 1; // a new tree: its reference nodes are not bound yet
            }

            if (shift && ShiftRegistrations(cell, sheet, change))
            {
                if (fresh)
                {
                    BindFields(formula.Root, cell.Sheet);
                }
            }
            else
            {
                if (shift)
                {
                    Unbind(cell);
                }

                Bind(cell);
            }

            if (recalculate)
            {
                seeds.Formulas.Add(cell);
            }
        }

        seeds.Formulas.AddRange(wholeAxis);
        RunPass(seeds, all: false);
        return seeds.ChangedLocations();
    }

    /// <summary>
    /// Maps the formula's registrations on <paramref name="sheet"/> through the change, in place; false (nothing
    /// changed) when one of them would be deleted, so the caller binds the formula again instead.
    /// </summary>
    private static bool ShiftRegistrations(Cell cell, Sheet sheet, StructuralChange change)
    {
        var formula = cell.Formula!;
        bool rows = change.AffectsRows;
        foreach (var (pointSheet, key) in formula.Points)
        {
            if (ReferenceEquals(pointSheet, sheet) && change.MapIndex(rows ? Sheet.UnpackKey(key).Row : Sheet.UnpackKey(key).Column) is null)
            {
                return false;
            }
        }

        foreach (var range in formula.Ranges)
        {
            if (ReferenceEquals(range.Sheet, sheet) && change.MapInterval(rows ? range.Row1 : range.Column1, rows ? range.Row2 : range.Column2) is null)
            {
                return false;
            }
        }

        var points = formula.Points;
        for (int i = 0; i < points.Length; i++)
        {
            var (pointSheet, key) = points[i];
            var (row, column) = Sheet.UnpackKey(key);
            if (!ReferenceEquals(pointSheet, sheet) || (rows ? row : column) < change.At)
            {
                continue;
            }

            int mapped = change.MapIndex(rows ? row : column)!.Value;
            long moved = rows ? Sheet.PackKey(mapped, column) : Sheet.PackKey(row, mapped);
            RemovePoint(sheet, key, cell);
            AddPointEntry(sheet, moved, cell);
            points[i] = (sheet, moved);
        }

        var ranges = formula.Ranges;
        for (int i = 0; i < ranges.Length; i++)
        {
            var range = ranges[i];
            if (!ReferenceEquals(range.Sheet, sheet) || (rows ? range.Row2 : range.Column2) < change.At)
            {
                continue;
            }

            var (start, end) = change.MapInterval(rows ? range.Row1 : range.Column1, rows ? range.Row2 : range.Column2)!.Value;
            if (start == (rows ? range.Row1 : range.Column1) && end == (rows ? range.Row2 : range.Column2))
            {
                continue;
            }

            sheet.RangeDependents.Remove(range, cell);
            ranges[i] = rows
                ? sheet.RangeDependents.Add(cell, sheet, start, range.Column1, end, range.Column2)
                : sheet.RangeDependents.Add(cell, sheet, range.Row1, start, range.Row2, end);
        }

        return true;
    }

    private static void ForEachDependent(object entry, Action<Cell> action)
    {
        if (entry is Cell single)
        {
            action(single);
            return;
        }

        var list = (DependentList)entry;
        for (int i = 0; i < list.Count; i++)
        {
            action(list[i]);
        }
    }

    /// <summary>
    /// Whether a shape on the changed sheet can move with its cell and stay the same shape: along the changed axis,
    /// references to that sheet are relative (their targets must move too: see <see cref="ShapeMove"/>) or absolute
    /// (their targets must stay: before the change), both ends of a range alike, or span the axis (A:A for rows);
    /// references to other sheets are absolute along the axis. Names do not depend on where the formula is.
    /// </summary>
    private static ShapeMove AnalyseMove(Node root, StructuralChange change)
    {
        bool rows = change.AffectsRows;
        bool movable = true;
        bool positional = false;
        int min = int.MaxValue / 2;
        int max = int.MinValue / 2;
        int staying = 0;
        foreach (var node in NodeWalk.All(root))
        {
            if (!movable)
            {
                break;
            }

            switch (node)
            {
                case CellRefNode c:
                {
                    bool onSheet = c.SheetName is null || change.IsOnSheet(c.SheetName);
                    bool absolute = rows ? c.RowAbsolute : c.ColumnAbsolute;
                    int value = rows ? c.Row : c.Column;
                    if (!absolute && onSheet)
                    {
                        min = Math.Min(min, value);
                        max = Math.Max(max, value);
                    }
                    else if (!absolute)
                    {
                        movable = false;
                    }
                    else if (onSheet)
                    {
                        staying = Math.Max(staying, value);
                    }

                    break;
                }

                case AreaRefNode a:
                {
                    bool onSheet = a.SheetName is null || change.IsOnSheet(a.SheetName);
                    if (rows ? a.Kind == AreaKind.Columns : a.Kind == AreaKind.Rows)
                    {
                        break;
                    }

                    bool absolute1 = rows ? a.Row1Absolute : a.Column1Absolute;
                    bool absolute2 = rows ? a.Row2Absolute : a.Column2Absolute;
                    int first = rows ? a.Row1 : a.Column1;
                    int last = rows ? a.Row2 : a.Column2;
                    if (absolute1 != absolute2 || (!absolute1 && !onSheet) || Math.Abs((long)last - first) + 1 >= change.AxisLength)
                    {
                        movable = false;
                    }
                    else if (!absolute1)
                    {
                        min = Math.Min(min, Math.Min(first, last));
                        max = Math.Max(max, Math.Max(first, last));
                    }
                    else if (onSheet)
                    {
                        staying = Math.Max(staying, Math.Max(first, last));
                    }

                    break;
                }

                case FunctionNode f:
                    positional |= IsPositionalFunction(f);
                    break;
            }
        }

        return new ShapeMove(movable && staying < change.At, min, max, positional);
    }

    /// <summary>Whether a formula uses a function whose result depends on positions it names (ROW, COLUMN, ROWS, COLUMNS).</summary>
    private static bool IsPositional(FormulaShape shape) => shape.Positional ??= IsPositional(shape.Root);

    private static bool IsPositional(Node root)
    {
        foreach (var node in NodeWalk.All(root))
        {
            if (node is FunctionNode f && IsPositionalFunction(f))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPositionalFunction(FunctionNode f) =>
        f.Name.Equals("ROW", StringComparison.OrdinalIgnoreCase) || f.Name.Equals("COLUMN", StringComparison.OrdinalIgnoreCase)
        || f.Name.Equals("ROWS", StringComparison.OrdinalIgnoreCase) || f.Name.Equals("COLUMNS", StringComparison.OrdinalIgnoreCase);
}
