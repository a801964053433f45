namespace Collab.Workbooks.Engine;

/// <summary>
/// A formula tree stored relative to its host cell (its R1C1 shape), shared by every cell of one sheet whose
/// formula has that shape, as Excel shares formulas: =B1+A2 in B2, =B2+A3 in B3... are one tree. Binding fields in the
/// tree (sheets, names) are the same for all of them because they live on the same sheet.
/// </summary>
internal sealed class FormulaShape(Node root, Sheet host, int hash)
{
    public Node Root { get; } = root;

    /// <summary>The sheet of the cells that use the shape (their unqualified references point there).</summary>
    public Sheet Host { get; } = host;

    public int Hash { get; } = hash;

    /// <summary>How many cells use it (the table drops it at 0).</summary>
    public int Users { get; set; }

    /// <summary>Whether the tree calls ROW, COLUMN, ROWS or COLUMNS (null until asked; the tree never changes).</summary>
    public bool? Positional { get; set; }

    /// <summary>The structural change (its stamp) that last analysed this shape, and what it found: a scratch field.</summary>
    public long MoveStamp { get; set; }

    /// <summary>See <see cref="MoveStamp"/>.</summary>
    public Workbook.ShapeMove Move { get; set; }
}

/// <summary>The workbook's table of formula shapes: equal shapes (same tree, same host sheet) are one object.</summary>
internal sealed class FormulaShapes
{
    private readonly HashSet<FormulaShape> _shapes = new(ShapeComparer.Instance);

    public int Count => _shapes.Count;

    /// <summary>The shared shape for a relative tree on a sheet (adding it when new); counts one more user.</summary>
    public FormulaShape Acquire(Node root, Sheet host)
    {
        var probe = new FormulaShape(root, host, NodeEquality.Hash(root) ^ host.Id);
        if (!_shapes.TryGetValue(probe, out var shape))
        {
            _shapes.Add(probe);
            shape = probe;
        }

        shape.Users++;
        return shape;
    }

    /// <summary>One user less; an unused shape leaves the table.</summary>
    public void Release(FormulaShape shape)
    {
        if (--shape.Users <= 0)
        {
            _shapes.Remove(shape);
        }
    }

    public void Clear() => _shapes.Clear();

    private sealed class ShapeComparer : IEqualityComparer<FormulaShape>
    {
        public static readonly ShapeComparer Instance = new();

        public bool Equals(FormulaShape? x, FormulaShape? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.Hash == y.Hash && ReferenceEquals(x.Host, y.Host) && NodeEquality.Equal(x.Root, y.Root));

        public int GetHashCode(FormulaShape obj) => obj.Hash;
    }
}

/// <summary>Structural equality and hashing of formula trees (as written: positions, flags, names, literals).</summary>
internal static class NodeEquality
{
    public static int Hash(Node root)
    {
        var hash = default(HashCode);
        foreach (var node in NodeWalk.All(root))
        {
            hash.Add(node.GetType().GetHashCode());
            switch (node)
            {
                case NumberNode n:
                    hash.Add(BitConverter.DoubleToInt64Bits(n.Value));
                    break;
                case TextNode t:
                    hash.Add(NameHash(t.Value));
                    break;
                case BooleanNode b:
                    hash.Add(b.Value);
                    break;
                case ErrorNode e:
                    hash.Add(e.Value);
                    break;
                case CellRefNode c:
                    hash.Add(NameHash(c.SheetName));
                    hash.Add(c.Row);
                    hash.Add(c.Column);
                    hash.Add(c.RowAbsolute);
                    hash.Add(c.ColumnAbsolute);
                    break;
                case AreaRefNode a:
                    hash.Add(NameHash(a.SheetName));
                    hash.Add(a.Kind);
                    hash.Add(a.Row1);
                    hash.Add(a.Column1);
                    hash.Add(a.Row2);
                    hash.Add(a.Column2);
                    break;
                case NameNode name:
                    hash.Add(NameHash(name.Name));
                    break;
                case FunctionNode f:
                    hash.Add(NameHash(f.Name));
                    hash.Add(f.Args.Length);
                    break;
                case BinaryNode b:
                    hash.Add(b.Operator);
                    break;
                case UnaryNode u:
                    hash.Add(u.Operator);
                    break;
                case ArrayNode arr:
                    hash.Add(arr.Value.Rows);
                    hash.Add(arr.Value.Columns);
                    break;
            }
        }

        return hash.ToHashCode();
    }

    private static int NameHash(string? text) => text is null ? 0 : StringComparer.Ordinal.GetHashCode(text);

    [ThreadStatic]
    private static Stack<(Node, Node)>? t_pairs;

    public static bool Equal(Node x, Node y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        var stack = t_pairs ?? new Stack<(Node, Node)>();
        t_pairs = null;
        try
        {
            return Equal(x, y, stack);
        }
        finally
        {
            stack.Clear();
            t_pairs = stack;
        }
    }

    private static bool Equal(Node x, Node y, Stack<(Node, Node)> stack)
    {
        stack.Push((x, y));
        while (stack.Count > 0)
        {
            var (a, b) = stack.Pop();
            if (ReferenceEquals(a, b))
            {
                continue;
            }

            if (a.GetType() != b.GetType())
            {
                return false;
            }

            switch (a)
            {
                case NumberNode n when BitConverter.DoubleToInt64Bits(n.Value) != BitConverter.DoubleToInt64Bits(((NumberNode)b).Value):
                case TextNode t when !string.Equals(t.Value, ((TextNode)b).Value, StringComparison.Ordinal):
                case BooleanNode bo when bo.Value != ((BooleanNode)b).Value:
                case ErrorNode e when e.Value != ((ErrorNode)b).Value:
                case NameNode name when !string.Equals(name.Name, ((NameNode)b).Name, StringComparison.Ordinal):
                    return false;
                case CellRefNode c:
                {
                    var d = (CellRefNode)b;
                    if (c.Row != d.Row || c.Column != d.Column || c.RowAbsolute != d.RowAbsolute || c.ColumnAbsolute != d.ColumnAbsolute
                        || !string.Equals(c.SheetName, d.SheetName, StringComparison.Ordinal))
                    {
                        return false;
                    }

                    break;
                }

                case AreaRefNode r:
                {
                    var s = (AreaRefNode)b;
                    if (r.Kind != s.Kind || r.Row1 != s.Row1 || r.Column1 != s.Column1 || r.Row2 != s.Row2 || r.Column2 != s.Column2
                        || r.Row1Absolute != s.Row1Absolute || r.Column1Absolute != s.Column1Absolute || r.Row2Absolute != s.Row2Absolute
                        || r.Column2Absolute != s.Column2Absolute || !string.Equals(r.SheetName, s.SheetName, StringComparison.Ordinal))
                    {
                        return false;
                    }

                    break;
                }

                case FunctionNode f:
                {
                    var g = (FunctionNode)b;
                    if (!string.Equals(f.Name, g.Name, StringComparison.Ordinal) || !ReferenceEquals(f.Definition, g.Definition) || f.Args.Length != g.Args.Length)
                    {
                        return false;
                    }

                    for (int i = 0; i < f.Args.Length; i++)
                    {
                        stack.Push((f.Args[i], g.Args[i]));
                    }

                    break;
                }

                case BinaryNode bin:
                {
                    var other = (BinaryNode)b;
                    if (bin.Operator != other.Operator)
                    {
                        return false;
                    }

                    stack.Push((bin.Right, other.Right));
                    stack.Push((bin.Left, other.Left));
                    break;
                }

                case UnaryNode u:
                {
                    var other = (UnaryNode)b;
                    if (u.Operator != other.Operator)
                    {
                        return false;
                    }

                    stack.Push((u.Operand, other.Operand));
                    break;
                }

                case PercentNode p:
                    stack.Push((p.Operand, ((PercentNode)b).Operand));
                    break;
                case ParenNode p:
                    stack.Push((p.Inner, ((ParenNode)b).Inner));
                    break;
                case RangeOpNode ro:
                {
                    var other = (RangeOpNode)b;
                    stack.Push((ro.Right, other.Right));
                    stack.Push((ro.Left, other.Left));
                    break;
                }

                case ArrayNode arr:
                {
                    var v = arr.Value;
                    var w = ((ArrayNode)b).Value;
                    if (v.Rows != w.Rows || v.Columns != w.Columns)
                    {
                        return false;
                    }

                    for (int i = 0; i < v.Items.Length; i++)
                    {
                        if (v.Items[i] != w.Items[i] || (v.Items[i].IsText && !string.Equals(v.Items[i].Text, w.Items[i].Text, StringComparison.Ordinal)))
                        {
                            return false;
                        }
                    }

                    break;
                }
            }
        }

        return true;
    }
}

/// <summary>
/// Moves the origin of a tree's relative coordinates: with (-row, -column) of the host, a parsed formula becomes its
/// shape; with (+row, +column), a shape becomes the formula as written in that cell.
/// </summary>
internal sealed class OriginRewriter : ReferenceRewriter
{
    private readonly int _rows;
    private readonly int _columns;

    public OriginRewriter(int rows, int columns)
    {
        _rows = rows;
        _columns = columns;
    }

    /// <summary>The tree as stored in the cell at (row, column): relative coordinates become offsets.</summary>
    public static Node ToShape(Node root, int row, int column) => new OriginRewriter(-row, -column).Rewrite(root);

    /// <summary>The tree with the positions the shape has in the cell at (row, column).</summary>
    public static Node FromShape(Node root, int row, int column) => new OriginRewriter(row, column).Rewrite(root);

    protected override Node RewriteCell(CellRefNode node)
    {
        int row = node.RowAbsolute ? node.Row : node.Row + _rows;
        int column = node.ColumnAbsolute ? node.Column : node.Column + _columns;
        return row == node.Row && column == node.Column ? node : WithPosition(node, row, column, node.SheetName);
    }

    protected override Node RewriteArea(AreaRefNode node)
    {
        bool rowsMove = node.Kind != AreaKind.Columns;
        bool columnsMove = node.Kind != AreaKind.Rows;
        int row1 = rowsMove && !node.Row1Absolute ? node.Row1 + _rows : node.Row1;
        int row2 = rowsMove && !node.Row2Absolute ? node.Row2 + _rows : node.Row2;
        int column1 = columnsMove && !node.Column1Absolute ? node.Column1 + _columns : node.Column1;
        int column2 = columnsMove && !node.Column2Absolute ? node.Column2 + _columns : node.Column2;
        return row1 == node.Row1 && row2 == node.Row2 && column1 == node.Column1 && column2 == node.Column2
            ? node
            : WithBounds(node, row1, column1, row2, column2, node.SheetName);
    }
}
