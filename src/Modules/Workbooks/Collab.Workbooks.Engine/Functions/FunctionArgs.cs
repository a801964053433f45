namespace Collab.Workbooks.Engine.Functions;

/// <summary>
/// The arguments of one function call. Value and array arguments are already evaluated; a lazy argument is
/// evaluated each time its indexer is read (read it once). Coercion helpers follow Excel's rules for scalar
/// parameters: a range gives the cell on the formula's row or column (implicit intersection), an array its first item.
/// </summary>
internal readonly ref struct FunctionArgs
{
    private readonly ReadOnlySpan<Operand> _values;
    private readonly Node[] _nodes;
    private readonly FunctionDefinition _definition;

    public FunctionArgs(Evaluator context, ReadOnlySpan<Operand> values, Node[] nodes, FunctionDefinition definition, bool arrayMode)
    {
        Context = context;
        _values = values;
        _nodes = nodes;
        _definition = definition;
        ArrayMode = arrayMode;
    }

    /// <summary>The evaluator: host cell, cell reads, clock, random numbers, the workbook.</summary>
    public Evaluator Context { get; }

    /// <summary>The call is inside an array expression (SUMPRODUCT's arguments).</summary>
    public bool ArrayMode { get; }

    public int Count => _values.Length;

    public Operand this[int index] =>
        _definition.ModeOf(index) == ArgMode.Lazy ? Context.Evaluate(_nodes[index], ArrayMode) : _values[index];

    /// <summary>True when the argument is absent or left empty, as in ROUND(A1,).</summary>
    public bool IsMissing(int index) => index >= _values.Length || _nodes[index] is MissingNode;

    /// <summary>The argument as one value (implicit intersection for ranges).</summary>
    public CellValue Scalar(int index) => Context.Scalar(this[index]);

    /// <summary>The argument as a number with Excel's coercion; false with the error operand to return.</summary>
    public bool TryNumber(int index, out double value, out Operand error)
    {
        var scalar = Scalar(index);
        if (Coercion.TryToNumber(scalar, Context.Workbook.TimeProvider, out value, out var e))
        {
            error = default;
            return true;
        }

        error = Operand.Error(e);
        return false;
    }

    /// <summary>As <see cref="TryNumber(int, out double, out Operand)"/>, with a default when the argument is absent or empty.</summary>
    public bool TryNumber(int index, double whenMissing, out double value, out Operand error)
    {
        if (IsMissing(index))
        {
            value = whenMissing;
            error = default;
            return true;
        }

        return TryNumber(index, out value, out error);
    }

    /// <summary>The argument as text (numbers in General format).</summary>
    public bool TryText(int index, out string value, out Operand error)
    {
        var scalar = Scalar(index);
        if (Coercion.TryToText(scalar, out value, out var e))
        {
            error = default;
            return true;
        }

        error = Operand.Error(e);
        return false;
    }

    /// <summary>The argument as a boolean (numbers: non-zero is TRUE; text "TRUE"/"FALSE").</summary>
    public bool TryBoolean(int index, out bool value, out Operand error)
    {
        var scalar = Scalar(index);
        if (Coercion.TryToBoolean(scalar, out value, out var e))
        {
            error = default;
            return true;
        }

        error = Operand.Error(e);
        return false;
    }

    /// <summary>As <see cref="TryBoolean(int, out bool, out Operand)"/>, with a default when absent or empty.</summary>
    public bool TryBoolean(int index, bool whenMissing, out bool value, out Operand error)
    {
        if (IsMissing(index))
        {
            value = whenMissing;
            error = default;
            return true;
        }

        return TryBoolean(index, out value, out error);
    }

    /// <summary>
    /// Applies <paramref name="body"/> item by item when one of the single-value parameters at
    /// <paramref name="first"/>, first + <paramref name="step"/>, ... (only <paramref name="first"/> when step is 0)
    /// holds an array constant or, inside an array expression, a range of several cells, as Excel does:
    /// SUM(COUNTIF(A1:A9,{"a","b"})), SUMPRODUCT(1/COUNTIF(A1:A9,A1:A9)), SUMPRODUCT(RANK.EQ(A1:A3,A1:A9)). The
    /// result is the array of the results (arrays of different sizes broadcast; #N/A past the smaller). False, with
    /// nothing done, when every such parameter holds one value.
    /// </summary>
    public bool TryLift(int first, int step, FunctionBody body, out Operand result)
    {
        ArrayValue?[]? arrays = null;
        int rows = 1;
        int columns = 1;
        for (int i = first; i < _values.Length; i += step)
        {
            var value = this[i];
            if (value.IsArray || (ArrayMode && value.Reference is { IsSingleCell: false }))
            {
                arrays ??= new ArrayValue?[_values.Length];
                var array = Context.ToArray(value);
                arrays[i] = array;
                rows = Evaluator.BroadcastSize(rows, array.Rows);
                columns = Evaluator.BroadcastSize(columns, array.Columns);
            }

            if (step == 0)
            {
                break;
            }
        }

        if (arrays is null)
        {
            result = default;
            return false;
        }

        var items = new Operand[_values.Length];
        var output = new ArrayValue(rows, columns);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                for (int i = 0; i < items.Length; i++)
                {
                    items[i] = arrays[i] is { } a ? new Operand(Evaluator.Element(a, r, c)) : _values[i];
                }

                output[r, c] = Context.Scalar(body(new FunctionArgs(Context, items, _nodes, _definition, ArrayMode)));
            }
        }

        result = output;
        return true;
    }
}
