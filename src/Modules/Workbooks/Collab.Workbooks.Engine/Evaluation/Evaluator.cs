using Collab.Workbooks.Engine.Functions;

namespace Collab.Workbooks.Engine;

/// <summary>
/// Evaluates one formula tree at a time against the workbook's stored values. Cell-to-cell evaluation never
/// recurses: precedents are computed earlier in the pass, and reading one that is still pending (possible only
/// through dynamic references such as INDIRECT) is recorded in <see cref="Unready"/> so the pass can retry.
/// </summary>
internal sealed class Evaluator(Workbook workbook)
{
    private const int MaxNameDepth = 32;

    private readonly List<BinaryNode> _spine = [];
    private Operand[] _args = new Operand[64];
    private int _argTop;
    private int _nameDepth;

    // What relative coordinates of the tree being evaluated are relative to: the host cell for its formula's shape,
    // (0, 0) inside a defined name (whose coordinates are positions).
    private int _originRow;
    private int _hostRow;
    private int _hostColumn;
    private int _originColumn;

    public Workbook Workbook { get; } = workbook;

    /// <summary>The cell being computed.</summary>
    public Cell? Host { get; private set; }

    public Sheet HostSheet { get; private set; } = null!;

    /// <summary>The formula's row; reading it marks the evaluation as depending on where the formula is.</summary>
    public int HostRow
    {
        get
        {
            UsedPosition = true;
            return _hostRow;
        }
    }

    /// <summary>The formula's column; reading it marks the evaluation as depending on where the formula is.</summary>
    public int HostColumn
    {
        get
        {
            UsedPosition = true;
            return _hostColumn;
        }
    }

    /// <summary>
    /// The current evaluation read the formula's own position (implicit intersection, ROW(), relative R1C1 text), so
    /// its value may change when its cell moves, or when what it reads moves and it does not.
    /// </summary>
    public bool UsedPosition { get; private set; }

    /// <summary>Identifies the running recalculation pass; formula states with this id are part of it.</summary>
    public int PassId { get; set; }

    /// <summary>
    /// The first pending formula cells read during the current evaluation (dynamic dependencies not yet computed): one
    /// cell, or the pending cells of the first dynamic area that holds any.
    /// </summary>
    public List<Cell> Unready { get; } = [];

    /// <summary>The current evaluation read its own cell (through INDIRECT, OFFSET or a name).</summary>
    public bool ReadItself { get; private set; }

    /// <summary>The current evaluation has read an unfinished cell: what it reads from then on is not recorded.</summary>
    private bool Blocked { get; set; }

    /// <summary>The current local date and time (the workbook's clock).</summary>
    public DateTime Now => Workbook.TimeProvider.GetLocalNow().DateTime;

    public Random Random => Workbook.Random;

    public CellValue EvaluateCell(Cell cell)
    {
        var formula = cell.Formula!;
        Host = cell;
        HostSheet = cell.Sheet;
        _hostRow = cell.Row;
        _hostColumn = cell.Column;
        UsedPosition = false;
        _originRow = cell.Row;
        _originColumn = cell.Column;
        Unready.Clear();
        ReadItself = false;
        Blocked = false;
        _argTop = 0;
        _nameDepth = 0;
        _spine.Clear();
        CellValue result;
        try
        {
            result = ToCellResult(Evaluate(formula.Root, false));
        }
        catch (Exception e) when (e is ArithmeticException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or InsufficientExecutionStackException)
        {
            // A function that fails must not leave a recalculation pass half done; the cell shows #VALUE!.
            result = CellValue.FromError(ErrorValue.Value);
        }

        return ReadItself ? CellValue.FromError(ErrorValue.Circular) : result;
    }

    /// <summary>A formula's final value: references are dereferenced (implicitly intersected), arrays give their first item, blank is 0.</summary>
    public CellValue ToCellResult(in Operand operand)
    {
        var value = Scalar(operand);
        return value.IsBlank ? CellValue.FromNumber(0) : value;
    }

    public CellValue ReadCell(Sheet sheet, int row, int column)
    {
        var cell = sheet.Get(row, column);
        if (cell is null)
        {
            return CellValue.Blank;
        }

        var f = cell.Formula;
        return f is not null && f.PassId == PassId && f.State != PassState.Done ? ReadUnfinished(cell) : cell.Value;
    }

    /// <summary>Same as <see cref="ReadCell(Engine.Sheet,int,int)"/> for a cell already found.</summary>
    public CellValue ReadCell(Cell cell)
    {
        var f = cell.Formula;
        return f is not null && f.PassId == PassId && f.State != PassState.Done ? ReadUnfinished(cell) : cell.Value;
    }

    /// <summary>
    /// A read of a formula cell that the running pass has not finished. A member of the cycle being confirmed reads
    /// as #CIRC!. Otherwise only the first such read of an evaluation is recorded (in <see cref="Unready"/>, or as
    /// <see cref="ReadItself"/>): everything computed after it may rest on a stale value, so a later read could be one
    /// the formula would not make with current values, and recording it could report a cycle that does not exist.
    /// </summary>
    private CellValue ReadUnfinished(Cell cell)
    {
        if (cell.Formula!.State == PassState.Cycle)
        {
            return CellValue.FromError(ErrorValue.Circular);
        }

        if (!Blocked)
        {
            Blocked = true;
            if (ReferenceEquals(cell, Host))
            {
                ReadItself = true;
            }
            else
            {
                Unready.Add(cell);
            }
        }

        return cell.Value;
    }

    /// <summary>
    /// Declares a reference built at run time (OFFSET, INDIRECT, the range operator): the formula depends on every
    /// cell in it, whatever it ends up reading, so pending formula cells there must be computed first. This keeps
    /// the result independent of evaluation order (SUM stops reading at the first error, a cycle must not).
    /// </summary>
    public Reference DynamicReference(Reference reference)
    {
        if (Blocked)
        {
            // The area may have been computed from a stale value: it is not a dependency to record.
            return reference;
        }

        var cursor = reference.Sheet.Cursor(reference.Row1, reference.Column1, reference.Row2, reference.Column2);
        while (cursor.MoveNext())
        {
            var cell = cursor.Current;
            var f = cell.Formula;
            if (f is not null && f.PassId == PassId && f.State == PassState.Pending)
            {
                if (ReferenceEquals(cell, Host))
                {
                    ReadItself = true;
                }
                else
                {
                    Unready.Add(cell);
                }
            }
        }

        // The whole area was determined by current values, so all of it is recorded; later reads are not.
        Blocked = ReadItself || Unready.Count > 0;
        return reference;
    }

    /// <summary>
    /// A single value from an operand: a one-cell reference gives its value, a larger reference is implicitly
    /// intersected with the formula's row or column (#VALUE! when there is no intersection), an array gives its first item.
    /// </summary>
    public CellValue Scalar(in Operand operand)
    {
        if (operand.IsScalar)
        {
            return operand.Value;
        }

        if (operand.Reference is { } reference)
        {
            return reference.IsSingleCell ? ReadCell(reference.Sheet, reference.Row1, reference.Column1) : Intersect(reference);
        }

        var array = operand.Array!;
        return array.Items.Length > 0 ? array.Items[0] : CellValue.FromError(ErrorValue.Value);
    }

    /// <summary>Implicit intersection: the cell of a one-column range on the formula's row, or of a one-row range in its column.</summary>
    public CellValue Intersect(Reference reference)
    {
        if (reference.Column1 == reference.Column2 && HostRow >= reference.Row1 && HostRow <= reference.Row2)
        {
            return ReadCell(reference.Sheet, HostRow, reference.Column1);
        }

        if (reference.Row1 == reference.Row2 && HostColumn >= reference.Column1 && HostColumn <= reference.Column2)
        {
            return ReadCell(reference.Sheet, reference.Row1, HostColumn);
        }

        return CellValue.FromError(ErrorValue.Value);
    }

    /// <summary>An operand as an array: references are read cell by cell (blanks stay blank), scalars become 1x1.</summary>
    public ArrayValue ToArray(in Operand operand)
    {
        if (operand.Array is { } array)
        {
            return array;
        }

        if (operand.Reference is { } r)
        {
            long size = (long)r.Rows * r.Columns;
            if (size > 10_000_000)
            {
                return new ArrayValue(1, 1, [CellValue.FromError(ErrorValue.Number)]);
            }

            var result = new ArrayValue(r.Rows, r.Columns);
            var cursor = r.Sheet.Cursor(r.Row1, r.Column1, r.Row2, r.Column2);
            while (cursor.MoveNext())
            {
                var cell = cursor.Current;
                result[cell.Row - r.Row1, cell.Column - r.Column1] = ReadCell(cell);
            }

            return result;
        }

        return new ArrayValue(1, 1, [operand.Value]);
    }

    public Operand Evaluate(Node node, bool arrayMode)
    {
        switch (node)
        {
            case CellRefNode c:
                if (c.Sheet is null)
                {
                    return Operand.Error(ErrorValue.Reference);
                }

                if (c.FixedReference is { } fixedReference)
                {
                    return new Operand(fixedReference);
                }

                int row = c.RowAt(_originRow);
                int column = c.ColumnAt(_originColumn);
                return new Operand(new Reference(c.Sheet, row, column, row, column));
            case NumberNode n:
                return new Operand(CellValue.FromNumber(n.Value));
            case BinaryNode b:
                return EvaluateBinary(b, arrayMode);
            case FunctionNode f:
                return Call(f, arrayMode);
            case AreaRefNode a:
                return a.ReferenceAt(_originRow, _originColumn) is { } area ? new Operand(area) : Operand.Error(ErrorValue.Reference);
            case TextNode t:
                return Operand.Text(t.Value);
            case ParenNode p:
                return Evaluate(p.Inner, arrayMode);
            case UnaryNode u:
            {
                var operand = EvaluateForOperator(u.Operand, arrayMode);
                if (u.Operator == UnaryOperator.Plus)
                {
                    return operand;
                }

                var clock = Workbook.TimeProvider;
                return operand.Array is { } array ? Map(array, v => ScalarOperators.Negate(v, clock)) : ScalarOperators.Negate(operand.Value, clock);
            }

            case PercentNode p:
            {
                var operand = EvaluateForOperator(p.Operand, arrayMode);
                var clock = Workbook.TimeProvider;
                return operand.Array is { } array ? Map(array, v => ScalarOperators.Percent(v, clock)) : ScalarOperators.Percent(operand.Value, clock);
            }

            case BooleanNode b:
                return Operand.Boolean(b.Value);
            case ErrorNode e:
                return Operand.Error(e.Value);
            case MissingNode:
                return default;
            case NameNode name:
                return EvaluateName(name, arrayMode);
            case ArrayNode arr:
                return arr.Value;
            case RangeOpNode r:
                return EvaluateRangeOperator(r);
            default:
                throw new InvalidOperationException($"Unknown node {node.GetType().Name}.");
        }
    }

    private Operand EvaluateName(NameNode node, bool arrayMode)
    {
        var definition = node.Definition;
        if (definition?.Root is null)
        {
            return Operand.Error(ErrorValue.Name);
        }

        if (_nameDepth >= MaxNameDepth)
        {
            return Operand.Error(ErrorValue.Circular);
        }

        _nameDepth++;
        var result = EvaluateDefinition(definition, arrayMode);
        _nameDepth--;
        return result;
    }

    /// <summary>A defined name's formula (its coordinates are positions, not offsets from the host).</summary>
    public Operand EvaluateDefinition(DefinedName definition, bool arrayMode)
    {
        int row = _originRow;
        int column = _originColumn;
        _originRow = 0;
        _originColumn = 0;
        try
        {
            return Evaluate(definition.Root, arrayMode);
        }
        finally
        {
            _originRow = row;
            _originColumn = column;
        }
    }

    private Operand EvaluateRangeOperator(RangeOpNode node)
    {
        var left = Evaluate(node.Left, false);
        if (left.IsError)
        {
            return left;
        }

        var right = Evaluate(node.Right, false);
        if (right.IsError)
        {
            return right;
        }

        if (left.Reference is { } a && right.Reference is { } b && ReferenceEquals(a.Sheet, b.Sheet))
        {
            return DynamicReference(new Reference(a.Sheet, Math.Min(a.Row1, b.Row1), Math.Min(a.Column1, b.Column1),
                Math.Max(a.Row2, b.Row2), Math.Max(a.Column2, b.Column2)));
        }

        return Operand.Error(ErrorValue.Value);
    }

    /// <summary>An operator's operand: cell values are read, ranges become arrays in array mode and are intersected otherwise.</summary>
    private Operand EvaluateForOperator(Node node, bool arrayMode)
    {
        if (node is CellRefNode c)
        {
            return c.Sheet is null ? Operand.Error(ErrorValue.Reference) : new Operand(ReadCell(c.Sheet, c.RowAt(_originRow), c.ColumnAt(_originColumn)));
        }

        var operand = Evaluate(node, arrayMode);
        if (operand.Reference is { } r)
        {
            if (r.IsSingleCell)
            {
                return ReadCell(r.Sheet, r.Row1, r.Column1);
            }

            return arrayMode ? ToArray(operand) : Intersect(r);
        }

        return operand;
    }

    private Operand EvaluateBinary(BinaryNode node, bool arrayMode)
    {
        if (node.Left is not BinaryNode)
        {
            var l = EvaluateForOperator(node.Left, arrayMode);
            var r = EvaluateForOperator(node.Right, arrayMode);
            return Combine(node.Operator, l, r);
        }

        // Walk the left spine with an explicit list so long chains (=A1+A2+...+A4000) do not recurse.
        int start = _spine.Count;
        Node current = node;
        while (current is BinaryNode b)
        {
            _spine.Add(b);
            current = b.Left;
        }

        var acc = EvaluateForOperator(current, arrayMode);
        for (int i = _spine.Count - 1; i >= start; i--)
        {
            var b = _spine[i];
            acc = Combine(b.Operator, acc, EvaluateForOperator(b.Right, arrayMode));
        }

        _spine.RemoveRange(start, _spine.Count - start);
        return acc;
    }

    private Operand Combine(BinaryOperator op, in Operand left, in Operand right)
    {
        var clock = Workbook.TimeProvider;
        if (left.IsScalar && right.IsScalar)
        {
            return ScalarOperators.Binary(op, left.Value, right.Value, clock);
        }

        var a = left.Array ?? new ArrayValue(1, 1, [left.Value]);
        var b = right.Array ?? new ArrayValue(1, 1, [right.Value]);
        int rows = BroadcastSize(a.Rows, b.Rows);
        int columns = BroadcastSize(a.Columns, b.Columns);
        var result = new ArrayValue(rows, columns);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                var x = Element(a, r, c);
                var y = Element(b, r, c);
                result[r, c] = IsOutside(a, r, c) || IsOutside(b, r, c)
                    ? CellValue.FromError(ErrorValue.NotAvailable)
                    : ScalarOperators.Binary(op, x, y, clock);
            }
        }

        return result;
    }

    private static bool IsOutside(ArrayValue a, int r, int c) => (a.Rows != 1 && r >= a.Rows) || (a.Columns != 1 && c >= a.Columns);

    /// <summary>Excel's array broadcasting: a single row or column stretches; otherwise the larger size, with #N/A beyond the smaller.</summary>
    public static int BroadcastSize(int a, int b) => a == 1 ? b : b == 1 ? a : Math.Max(a, b);

    /// <summary>The item of an array at (r, c) with broadcasting; #N/A outside it.</summary>
    public static CellValue Element(ArrayValue array, int r, int c)
    {
        int rr = array.Rows == 1 ? 0 : r;
        int cc = array.Columns == 1 ? 0 : c;
        return rr < array.Rows && cc < array.Columns ? array[rr, cc] : CellValue.FromError(ErrorValue.NotAvailable);
    }

    private static ArrayValue Map(ArrayValue array, Func<CellValue, CellValue> f)
    {
        var result = new ArrayValue(array.Rows, array.Columns);
        for (int i = 0; i < array.Items.Length; i++)
        {
            result.Items[i] = f(array.Items[i]);
        }

        return result;
    }

    private Operand Call(FunctionNode node, bool arrayMode)
    {
        var definition = node.Definition;
        if (definition is null)
        {
            return Operand.Error(ErrorValue.Name);
        }

        var nodes = node.Args;
        int n = nodes.Length;
        int baseTop = _argTop;
        if (baseTop + n > _args.Length)
        {
            Array.Resize(ref _args, Math.Max(_args.Length * 2, baseTop + n));
        }

        _argTop = baseTop + n;
        bool lift = false;
        for (int i = 0; i < n; i++)
        {
            var mode = definition.ModeOf(i);
            if (mode == ArgMode.Lazy)
            {
                _args[baseTop + i] = default;
                continue;
            }

            var value = Evaluate(nodes[i], arrayMode || mode == ArgMode.Array);
            _args[baseTop + i] = value;
            if (definition.IsScalar && IsLiftable(value, arrayMode))
            {
                lift = true;
            }
        }

        var result = lift
            ? Lift(definition, nodes, baseTop, n, arrayMode)
            : definition.Body(new FunctionArgs(this, _args.AsSpan(baseTop, n), nodes, definition, arrayMode));
        _argTop = baseTop;
        return result;
    }

    // An argument a scalar function applies item by item over: an array anywhere (ROUND({1.25,2.35},1) is an array
    // in any formula, as in Excel), a range of several cells only in array mode (elsewhere it is intersected).
    private static bool IsLiftable(in Operand value, bool arrayMode) =>
        value.IsArray || (arrayMode && value.Reference is { IsSingleCell: false });

    // A scalar function called with arrays is applied item by item (SUMPRODUCT(ROUND(A1:A3,0)), SUM(LEN({"a","bb"}))).
    private Operand Lift(FunctionDefinition definition, Node[] nodes, int baseTop, int n, bool arrayMode)
    {
        var arrays = new ArrayValue?[n];
        int rows = 1;
        int columns = 1;
        for (int i = 0; i < n; i++)
        {
            var value = _args[baseTop + i];
            if (IsLiftable(value, arrayMode))
            {
                var array = ToArray(value);
                arrays[i] = array;
                rows = BroadcastSize(rows, array.Rows);
                columns = BroadcastSize(columns, array.Columns);
            }
        }

        var scalars = new Operand[n];
        var result = new ArrayValue(rows, columns);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                for (int i = 0; i < n; i++)
                {
                    scalars[i] = arrays[i] is { } a ? new Operand(Element(a, r, c)) : _args[baseTop + i];
                }

                var item = definition.Body(new FunctionArgs(this, scalars, nodes, definition, false));
                result[r, c] = Scalar(item);
            }
        }

        return result;
    }
}
