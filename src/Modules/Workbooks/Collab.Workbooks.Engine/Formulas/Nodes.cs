using Collab.Workbooks.Engine.Functions;

namespace Collab.Workbooks.Engine;

/// <summary>A node of a parsed formula. Reference and name nodes carry binding fields that a workbook fills in.</summary>
internal abstract class Node
{
    protected Node(int depth) => Depth = depth;

    /// <summary>Height of the subtree (a literal is 1); bounds recursion in every tree walk.</summary>
    public int Depth { get; }
}

internal sealed class NumberNode(double value) : Node(1)
{
    // Literals are immutable, so the common small integers (0, 1, 12, 100...) are one node each, shared by every tree.
    private static readonly NumberNode[] SmallIntegers = Enumerable.Range(0, 256).Select(i => new NumberNode(i)).ToArray();

    public double Value { get; } = value;

    /// <summary>A node for <paramref name="value"/>: a shared one for the integers 0 to 255 (not -0), a new one otherwise.</summary>
    public static NumberNode Of(double value) =>
        value is >= 0 and < 256 && value == Math.Floor(value) && !double.IsNegative(value) ? SmallIntegers[(int)value] : new NumberNode(value);
}

internal sealed class TextNode(string value) : Node(1)
{
    public string Value { get; } = value;
}

internal sealed class BooleanNode(bool value) : Node(1)
{
    /// <summary>The literal TRUE (immutable, shared).</summary>
    public static readonly BooleanNode True = new(true);

    /// <summary>The literal FALSE (immutable, shared).</summary>
    public static readonly BooleanNode False = new(false);

    public bool Value { get; } = value;
}

internal sealed class ErrorNode(ErrorValue value) : Node(1)
{
    public ErrorValue Value { get; } = value;
}

/// <summary>An omitted function argument, as in IF(A1,,2).</summary>
internal sealed class MissingNode() : Node(1)
{
    public static readonly MissingNode Instance = new();
}

/// <summary>
/// A reference to one cell, such as A1, $B$4 or 'Cash Flow'!B4. A coordinate without '$' is stored relative to an
/// origin: the host cell for a formula stored in a cell (so cells whose formulas have the same R1C1 shape share one
/// tree), (0, 0) for parsed text and defined names (so there it is the position itself). <see cref="RowAt"/> and
/// <see cref="ColumnAt"/> give the position for an origin.
/// </summary>
internal sealed class CellRefNode(string? sheetName, int row, int column, bool rowAbsolute, bool columnAbsolute) : Node(1)
{
    /// <summary>The sheet name as written (null: the formula's own sheet).</summary>
    public string? SheetName { get; } = sheetName;

    /// <summary>The row, or its offset from the origin when not absolute.</summary>
    public int Row { get; } = row;

    /// <summary>The column, or its offset from the origin when not absolute.</summary>
    public int Column { get; } = column;

    public bool RowAbsolute { get; } = rowAbsolute;

    public bool ColumnAbsolute { get; } = columnAbsolute;

    /// <summary>Bound sheet (null when unbound or when the named sheet does not exist).</summary>
    public Sheet? Sheet { get; set; }

    /// <summary>For a reference with both coordinates absolute: its 1x1 reference, the same for every origin (set when bound).</summary>
    public Reference? FixedReference { get; set; }

    public int RowAt(int originRow) => RowAbsolute ? Row : Row + originRow;

    public int ColumnAt(int originColumn) => ColumnAbsolute ? Column : Column + originColumn;
}

internal enum AreaKind : byte
{
    Cells,
    Columns,
    Rows,
}

/// <summary>A reference to a rectangle: A1:B2, A:C (whole columns), 3:5 (whole rows), with an optional sheet.</summary>
internal sealed class AreaRefNode : Node
{
    public AreaRefNode(string? sheetName, AreaKind kind, int row1, int column1, int row2, int column2,
        bool row1Absolute, bool column1Absolute, bool row2Absolute, bool column2Absolute)
        : base(1)
    {
        SheetName = sheetName;
        Kind = kind;
        Row1 = row1;
        Column1 = column1;
        Row2 = row2;
        Column2 = column2;
        Row1Absolute = row1Absolute;
        Column1Absolute = column1Absolute;
        Row2Absolute = row2Absolute;
        Column2Absolute = column2Absolute;
    }

    public string? SheetName { get; }

    public AreaKind Kind { get; }

    public int Row1 { get; }

    public int Column1 { get; }

    public int Row2 { get; }

    public int Column2 { get; }

    public bool Row1Absolute { get; }

    public bool Column1Absolute { get; }

    public bool Row2Absolute { get; }

    public bool Column2Absolute { get; }

    /// <summary>Bound sheet (null when unbound or when the named sheet does not exist).</summary>
    public Sheet? Sheet { get; set; }

    /// <summary>For an area whose bounds are all absolute: its reference, the same for every origin (set when bound).</summary>
    public Reference? FixedReference { get; set; }

    /// <summary>True when no bound depends on the origin (whole columns keep rows 1 to the last, whole rows all columns).</summary>
    public bool IsFixed => IsRowFixed(Row1Absolute) && IsRowFixed(Row2Absolute) && IsColumnFixed(Column1Absolute) && IsColumnFixed(Column2Absolute);

    public int Row1At(int originRow) => IsRowFixed(Row1Absolute) ? Row1 : Row1 + originRow;

    public int Row2At(int originRow) => IsRowFixed(Row2Absolute) ? Row2 : Row2 + originRow;

    public int Column1At(int originColumn) => IsColumnFixed(Column1Absolute) ? Column1 : Column1 + originColumn;

    public int Column2At(int originColumn) => IsColumnFixed(Column2Absolute) ? Column2 : Column2 + originColumn;

    /// <summary>The reference for an origin (the shared one when <see cref="IsFixed"/>); null when unbound.</summary>
    public Reference? ReferenceAt(int originRow, int originColumn) =>
        Sheet is null ? null : FixedReference ?? new Reference(Sheet, Row1At(originRow), Column1At(originColumn), Row2At(originRow), Column2At(originColumn));

    private bool IsRowFixed(bool absolute) => absolute || Kind == AreaKind.Columns;

    private bool IsColumnFixed(bool absolute) => absolute || Kind == AreaKind.Rows;
}

/// <summary>A defined name such as GrowthRate.</summary>
internal sealed class NameNode(string name) : Node(1)
{
    public string Name { get; } = name;

    /// <summary>The bound definition (null: unknown name, evaluates to #NAME?).</summary>
    public DefinedName? Definition { get; set; }
}

internal sealed class FunctionNode(string name, FunctionDefinition? definition, Node[] args) : Node(MaxDepth(args) + 1)
{
    /// <summary>Upper-case name as printed.</summary>
    public string Name { get; } = name;

    /// <summary>Null for an unknown function (evaluates to #NAME?).</summary>
    public FunctionDefinition? Definition { get; } = definition;

    public Node[] Args { get; } = args;

    private static int MaxDepth(Node[] args)
    {
        int d = 0;
        foreach (var a in args)
        {
            d = Math.Max(d, a.Depth);
        }

        return d;
    }
}

internal enum UnaryOperator : byte
{
    Negate,
    Plus,
}

internal sealed class UnaryNode(UnaryOperator op, Node operand) : Node(operand.Depth + 1)
{
    public UnaryOperator Operator { get; } = op;

    public Node Operand { get; } = operand;
}

internal sealed class PercentNode(Node operand) : Node(operand.Depth + 1)
{
    public Node Operand { get; } = operand;
}

internal enum BinaryOperator : byte
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Power,
    Concat,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

internal sealed class BinaryNode(BinaryOperator op, Node left, Node right) : Node(Math.Max(left.Depth, right.Depth) + 1)
{
    public BinaryOperator Operator { get; } = op;

    public Node Left { get; } = left;

    public Node Right { get; } = right;
}

internal sealed class ParenNode(Node inner) : Node(inner.Depth + 1)
{
    public Node Inner { get; } = inner;
}

/// <summary>An array constant such as {1,2;3,4}.</summary>
internal sealed class ArrayNode(ArrayValue value) : Node(1)
{
    public ArrayValue Value { get; } = value;
}

/// <summary>The range operator between expressions that are not plain cell references, as in A1:INDEX(B:B,5).</summary>
internal sealed class RangeOpNode(Node left, Node right) : Node(Math.Max(left.Depth, right.Depth) + 1)
{
    public Node Left { get; } = left;

    public Node Right { get; } = right;
}
