namespace Collab.Workbooks.Engine;

/// <summary>
/// Rebuilds a formula tree with its references changed: shifted by a structural change, renamed to another
/// sheet, turned into #REF! for a deleted sheet, or qualified with a sheet. Unchanged subtrees are reused.
/// </summary>
internal abstract class ReferenceRewriter
{
    /// <summary>The sheet the formula lives on (unqualified references point there); null for defined names.</summary>
    protected string? HostSheet { get; init; }

    public bool Changed { get; private set; }

    protected abstract Node RewriteCell(CellRefNode node);

    protected abstract Node RewriteArea(AreaRefNode node);

    /// <summary>A defined name's node: kept as it is unless a rewriter needs otherwise.</summary>
    protected virtual Node RewriteName(NameNode node) => node;

    protected string? EffectiveSheet(string? sheetName) => sheetName ?? HostSheet;

    public Node Rewrite(Node node)
    {
        switch (node)
        {
            case CellRefNode c:
                return Track(c, RewriteCell(c));
            case AreaRefNode a:
                return Track(a, RewriteArea(a));
            case NameNode n:
                return Track(n, RewriteName(n));
            case BinaryNode b:
                return RewriteBinary(b);
            case FunctionNode f:
            {
                Node[]? args = null;
                for (int i = 0; i < f.Args.Length; i++)
                {
                    var rewritten = Rewrite(f.Args[i]);
                    if (!ReferenceEquals(rewritten, f.Args[i]))
                    {
                        args ??= (Node[])f.Args.Clone();
                        args[i] = rewritten;
                    }
                }

                return args is null ? f : new FunctionNode(f.Name, f.Definition, args);
            }

            case UnaryNode u:
            {
                var operand = Rewrite(u.Operand);
                return ReferenceEquals(operand, u.Operand) ? u : new UnaryNode(u.Operator, operand);
            }

            case PercentNode p:
            {
                var operand = Rewrite(p.Operand);
                return ReferenceEquals(operand, p.Operand) ? p : new PercentNode(operand);
            }

            case ParenNode p:
            {
                var inner = Rewrite(p.Inner);
                return ReferenceEquals(inner, p.Inner) ? p : new ParenNode(inner);
            }

            case RangeOpNode r:
            {
                var left = Rewrite(r.Left);
                var right = Rewrite(r.Right);
                return ReferenceEquals(left, r.Left) && ReferenceEquals(right, r.Right) ? r : new RangeOpNode(left, right);
            }

            default:
                return node;
        }
    }

    private Node Track(Node before, Node after)
    {
        if (!ReferenceEquals(before, after))
        {
            Changed = true;
        }

        return after;
    }

    // Left spines are rewritten with an explicit list so long chains do not recurse deeply.
    private Node RewriteBinary(BinaryNode node)
    {
        var spine = new List<BinaryNode>();
        Node current = node;
        while (current is BinaryNode b)
        {
            spine.Add(b);
            current = b.Left;
        }

        var left = Rewrite(current);
        bool changed = !ReferenceEquals(left, current);
        Node acc = left;
        for (int i = spine.Count - 1; i >= 0; i--)
        {
            var b = spine[i];
            var right = Rewrite(b.Right);
            if (changed || !ReferenceEquals(right, b.Right))
            {
                changed = true;
                acc = new BinaryNode(b.Operator, acc, right);
            }
            else
            {
                acc = b;
            }
        }

        return acc;
    }

    /// <summary>Copies a cell reference with new coordinates, keeping its sheet and $ flags.</summary>
    protected static CellRefNode WithPosition(CellRefNode c, int row, int column, string? sheetName) =>
        new(sheetName, row, column, c.RowAbsolute, c.ColumnAbsolute);

    protected static AreaRefNode WithBounds(AreaRefNode a, int row1, int column1, int row2, int column2, string? sheetName) =>
        new(sheetName, a.Kind, row1, column1, row2, column2, a.Row1Absolute, a.Column1Absolute, a.Row2Absolute, a.Column2Absolute);
}

/// <summary>
/// Shifts references on the changed sheet by an insert or delete; deleted targets become #REF!. A tree written with
/// positions (parsed text, defined names) has origin (0, 0). A formula's shape is rewritten in one pass: each
/// reference's target (relative coordinates from the cell's old place) is mapped through the change and stored
/// relative to the cell's new place, without building the absolute tree in between.
/// </summary>
internal sealed class StructuralRewriter : ReferenceRewriter
{
    private readonly StructuralChange _change;
    private readonly int _oldRow;
    private readonly int _oldColumn;
    private readonly int _newRow;
    private readonly int _newColumn;

    /// <summary>For a tree written with positions (origin (0, 0)).</summary>
    public StructuralRewriter(StructuralChange change, string? hostSheet)
        : this(change, hostSheet, 0, 0, 0, 0)
    {
    }

    /// <summary>For a shape whose cell moves from (oldRow, oldColumn) to (newRow, newColumn).</summary>
    public StructuralRewriter(StructuralChange change, string? hostSheet, int oldRow, int oldColumn, int newRow, int newColumn)
    {
        _change = change;
        HostSheet = hostSheet;
        _oldRow = oldRow;
        _oldColumn = oldColumn;
        _newRow = newRow;
        _newColumn = newColumn;
    }

    /// <summary>
    /// True when a reference did more than move: it became #REF! or a range grew or shrank, so the formula's value
    /// may change (a pure move of what it reads leaves the value as it was).
    /// </summary>
    public bool Invalidated { get; private set; }

    /// <summary>A reference's target moved (what the formula reads is elsewhere now).</summary>
    public bool TargetsMoved { get; private set; }

    protected override Node RewriteCell(CellRefNode node)
    {
        int row = node.RowAbsolute ? node.Row : node.Row + _oldRow;
        int column = node.ColumnAbsolute ? node.Column : node.Column + _oldColumn;
        if (Targets(node.SheetName))
        {
            int? mapped = _change.MapIndex(_change.AffectsRows ? row : column);
            if (mapped is null)
            {
                return Deleted();
            }

            ref int moved = ref _change.AffectsRows ? ref row : ref column;
            TargetsMoved |= mapped.Value != moved;
            moved = mapped.Value;
        }

        int storedRow = node.RowAbsolute ? row : row - _newRow;
        int storedColumn = node.ColumnAbsolute ? column : column - _newColumn;
        return storedRow == node.Row && storedColumn == node.Column ? node : WithPosition(node, storedRow, storedColumn, node.SheetName);
    }

    protected override Node RewriteArea(AreaRefNode node)
    {
        bool rowsRelative = node.Kind != AreaKind.Columns;
        bool columnsRelative = node.Kind != AreaKind.Rows;
        int row1 = rowsRelative && !node.Row1Absolute ? node.Row1 + _oldRow : node.Row1;
        int row2 = rowsRelative && !node.Row2Absolute ? node.Row2 + _oldRow : node.Row2;
        int column1 = columnsRelative && !node.Column1Absolute ? node.Column1 + _oldColumn : node.Column1;
        int column2 = columnsRelative && !node.Column2Absolute ? node.Column2 + _oldColumn : node.Column2;
        if (Targets(node.SheetName) && (_change.AffectsRows ? node.Kind != AreaKind.Columns : node.Kind != AreaKind.Rows))
        {
            bool rows = _change.AffectsRows;
            var mapped = _change.MapInterval(rows ? row1 : column1, rows ? row2 : column2);
            if (mapped is null)
            {
                return Deleted();
            }

            var (start, end) = mapped.Value;
            ref int first = ref rows ? ref row1 : ref column1;
            ref int last = ref rows ? ref row2 : ref column2;
            Invalidated |= end - start != last - first;
            TargetsMoved |= start != first || end != last;
            first = start;
            last = end;
        }

        row1 = rowsRelative && !node.Row1Absolute ? row1 - _newRow : row1;
        row2 = rowsRelative && !node.Row2Absolute ? row2 - _newRow : row2;
        column1 = columnsRelative && !node.Column1Absolute ? column1 - _newColumn : column1;
        column2 = columnsRelative && !node.Column2Absolute ? column2 - _newColumn : column2;
        return row1 == node.Row1 && row2 == node.Row2 && column1 == node.Column1 && column2 == node.Column2
            ? node
            : WithBounds(node, row1, column1, row2, column2, node.SheetName);
    }

    private bool Targets(string? sheetName)
    {
        var sheet = EffectiveSheet(sheetName);
        return sheet is not null && _change.IsOnSheet(sheet);
    }

    private ErrorNode Deleted()
    {
        Invalidated = true;
        TargetsMoved = true;
        return new ErrorNode(ErrorValue.Reference);
    }
}

/// <summary>Renames the sheet of references that name <c>oldName</c> explicitly.</summary>
internal sealed class SheetRenameRewriter(string oldName, string newName) : ReferenceRewriter
{
    protected override Node RewriteCell(CellRefNode node) =>
        Matches(node.SheetName) ? WithPosition(node, node.Row, node.Column, newName) : node;

    protected override Node RewriteArea(AreaRefNode node) =>
        Matches(node.SheetName) ? WithBounds(node, node.Row1, node.Column1, node.Row2, node.Column2, newName) : node;

    private bool Matches(string? sheetName) => sheetName is not null && string.Equals(sheetName, oldName, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Turns references to a deleted sheet into #REF!.</summary>
internal sealed class SheetDeleteRewriter : ReferenceRewriter
{
    private readonly string _deleted;

    public SheetDeleteRewriter(string deleted, string? hostSheet)
    {
        _deleted = deleted;
        HostSheet = hostSheet;
    }

    protected override Node RewriteCell(CellRefNode node) => Matches(node.SheetName) ? new ErrorNode(ErrorValue.Reference) : node;

    protected override Node RewriteArea(AreaRefNode node) => Matches(node.SheetName) ? new ErrorNode(ErrorValue.Reference) : node;

    private bool Matches(string? sheetName)
    {
        var sheet = EffectiveSheet(sheetName);
        return sheet is not null && string.Equals(sheet, _deleted, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>Gives unqualified references an explicit sheet (defined names always name their sheet).</summary>
internal sealed class QualifyRewriter(string sheet) : ReferenceRewriter
{
    protected override Node RewriteCell(CellRefNode node) =>
        node.SheetName is null ? WithPosition(node, node.Row, node.Column, sheet) : node;

    protected override Node RewriteArea(AreaRefNode node) =>
        node.SheetName is null ? WithBounds(node, node.Row1, node.Column1, node.Row2, node.Column2, sheet) : node;
}

/// <summary>
/// Copies a tree's reference and name nodes (they carry a workbook's binding fields) and every node above them, for
/// another workbook; literals, which are immutable, are shared.
/// </summary>
internal sealed class UnboundCopyRewriter : ReferenceRewriter
{
    public static Node Copy(Node root) => new UnboundCopyRewriter().Rewrite(root);

    protected override Node RewriteCell(CellRefNode node) => WithPosition(node, node.Row, node.Column, node.SheetName);

    protected override Node RewriteArea(AreaRefNode node) => WithBounds(node, node.Row1, node.Column1, node.Row2, node.Column2, node.SheetName);

    protected override Node RewriteName(NameNode node) => new NameNode(node.Name);
}
