namespace Collab.Workbooks.Engine.Functions;

/// <summary>Receives values while arguments are flattened.</summary>
internal interface IValueVisitor
{
    /// <summary>Takes one value; <paramref name="direct"/> is true for a value typed as an argument (not from a range or array). False stops.</summary>
    bool Visit(in CellValue value, bool direct);
}

/// <summary>Receives numbers for SUM-like functions.</summary>
internal interface INumberSink
{
    void Add(double value);
}

/// <summary>
/// Flattening of function arguments, as SUM, MAX, PRODUCT and the statistics functions do: ranges and arrays
/// give their items (stored cells only, row by row), other arguments their value.
/// </summary>
internal static class Aggregation
{
    /// <summary>Visits every value of arguments <paramref name="from"/> to <paramref name="to"/> (exclusive). False when a visitor stopped.</summary>
    public static bool VisitValues<T>(FunctionArgs args, int from, int to, ref T visitor)
        where T : struct, IValueVisitor
    {
        for (int i = from; i < to; i++)
        {
            if (args.IsMissing(i))
            {
                if (!visitor.Visit(CellValue.Blank, true))
                {
                    return false;
                }

                continue;
            }

            var operand = args[i];
            if (!VisitOperand(args.Context, operand, ref visitor))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Visits the values of one operand (a range's stored cells, an array's items, or the value itself as direct).</summary>
    public static bool VisitOperand<T>(Evaluator context, in Operand operand, ref T visitor)
        where T : struct, IValueVisitor
    {
        if (operand.Reference is { } r)
        {
            var cursor = r.Sheet.Cursor(r.Row1, r.Column1, r.Row2, r.Column2);
            while (cursor.MoveNext())
            {
                if (!visitor.Visit(context.ReadCell(cursor.Current), false))
                {
                    return false;
                }
            }

            return true;
        }

        if (operand.Array is { } array)
        {
            foreach (var item in array.Items)
            {
                if (!visitor.Visit(item, false))
                {
                    return false;
                }
            }

            return true;
        }

        return visitor.Visit(operand.Value, true);
    }

    /// <summary>
    /// SUM's rules: numbers in ranges and arrays count, their text, booleans and blanks are skipped; typed
    /// arguments are coerced (TRUE is 1, "3" is 3, "abc" is #VALUE!); the first error found is returned.
    /// </summary>
    public static bool TryForEachNumber<TSink>(FunctionArgs args, int from, int to, ref TSink sink, out Operand error)
        where TSink : struct, INumberSink
    {
        var visitor = new NumberVisitor<TSink>(sink, args.Context.Workbook.TimeProvider);
        bool ok = VisitValues(args, from, to, ref visitor);
        sink = visitor.Sink;
        if (!ok)
        {
            error = Operand.Error(visitor.Error);
            return false;
        }

        error = default;
        return true;
    }

    /// <summary>The numbers of the arguments by SUM's rules, in order.</summary>
    public static bool TryCollectNumbers(FunctionArgs args, int from, int to, List<double> numbers, out Operand error)
    {
        var sink = new ListSink(numbers);
        return TryForEachNumber(args, from, to, ref sink, out error);
    }

    private struct NumberVisitor<TSink>(TSink sink, TimeProvider clock) : IValueVisitor
        where TSink : struct, INumberSink
    {
        public TSink Sink = sink;
        public ErrorValue Error;

        public bool Visit(in CellValue value, bool direct)
        {
            switch (value.Kind)
            {
                case CellValueKind.Number:
                    Sink.Add(value.Number);
                    return true;
                case CellValueKind.Error:
                    Error = value.Error;
                    return false;
                default:
                    if (!direct)
                    {
                        return true;
                    }

                    if (Coercion.TryToNumber(value, clock, out double d, out var e))
                    {
                        Sink.Add(d);
                        return true;
                    }

                    Error = e;
                    return false;
            }
        }
    }

    private readonly struct ListSink(List<double> list) : INumberSink
    {
        public void Add(double value) => list.Add(value);
    }
}

/// <summary>
/// A range or array argument seen as a grid (for SUMIF-style functions and lookups): reads by offset and
/// lists the positions that hold stored cells.
/// </summary>
internal readonly struct Grid
{
    private readonly Reference? _reference;
    private readonly ArrayValue? _array;
    private readonly CellValue _scalar;

    public Grid(in Operand operand, Evaluator context)
    {
        Context = context;
        _reference = operand.Reference;
        _array = operand.Array;
        _scalar = operand.IsScalar ? operand.Value : default;
        Rows = _reference?.Rows ?? _array?.Rows ?? 1;
        Columns = _reference?.Columns ?? _array?.Columns ?? 1;
    }

    private Grid(Reference reference, Evaluator context)
    {
        Context = context;
        _reference = reference;
        Rows = reference.Rows;
        Columns = reference.Columns;
    }

    public Evaluator Context { get; }

    public int Rows { get; }

    public int Columns { get; }

    public Reference? Reference => _reference;

    /// <summary>The value at a 0-based offset.</summary>
    public CellValue this[int row, int column]
    {
        get
        {
            if (_reference is { } r)
            {
                return Context.ReadCell(r.Sheet, r.Row1 + row, r.Column1 + column);
            }

            return _array is { } a ? a[row, column] : _scalar;
        }
    }

    /// <summary>
    /// The same-sized grid starting at this one's top-left corner (SUMIF's sum_range takes the shape of range).
    /// Arrays keep their own shape.
    /// </summary>
    public Grid Resize(int rows, int columns)
    {
        if (_reference is not { } r || (rows == Rows && columns == Columns))
        {
            return this;
        }

        int row2 = Math.Min(CellAddress.MaxRows, r.Row1 + rows - 1);
        int column2 = Math.Min(CellAddress.MaxColumns, r.Column1 + columns - 1);
        return new Grid(new Reference(r.Sheet, r.Row1, r.Column1, row2, column2), Context);
    }

    /// <summary>Offsets of the stored cells (references) or of every item (arrays), row by row.</summary>
    public void CollectPositions(List<(int Row, int Column)> output)
    {
        if (_reference is { } r)
        {
            var cursor = r.Sheet.Cursor(r.Row1, r.Column1, r.Row2, r.Column2);
            while (cursor.MoveNext())
            {
                output.Add((cursor.Current.Row - r.Row1, cursor.Current.Column - r.Column1));
            }

            return;
        }

        for (int row = 0; row < Rows; row++)
        {
            for (int column = 0; column < Columns; column++)
            {
                output.Add((row, column));
            }
        }
    }
}
