namespace Collab.Workbooks.Engine;

/// <summary>The formula operators on scalar values, with Excel's coercions and error rules.</summary>
internal static class ScalarOperators
{
    /// <summary>
    /// <paramref name="left"/> op <paramref name="right"/>; <paramref name="clock"/> is the workbook's, for text read as a
    /// date without a year.
    /// </summary>
    public static CellValue Binary(BinaryOperator op, in CellValue left, in CellValue right, TimeProvider clock)
    {
        switch (op)
        {
            case BinaryOperator.Concat:
            {
                if (!Coercion.TryToText(left, out string a, out var e1))
                {
                    return CellValue.FromError(e1);
                }

                if (!Coercion.TryToText(right, out string b, out var e2))
                {
                    return CellValue.FromError(e2);
                }

                // Excel's cells hold at most 32,767 characters: a longer result is #VALUE!, as TEXT functions give.
                return a.Length + b.Length > Functions.TextFunctions.MaxLength
                    ? CellValue.FromError(ErrorValue.Value)
                    : CellValue.FromText(string.Concat(a, b));
            }

            case BinaryOperator.Equal:
            case BinaryOperator.NotEqual:
            case BinaryOperator.Less:
            case BinaryOperator.LessOrEqual:
            case BinaryOperator.Greater:
            case BinaryOperator.GreaterOrEqual:
            {
                if (left.IsError)
                {
                    return left;
                }

                if (right.IsError)
                {
                    return right;
                }

                int c = Coercion.Compare(left, right);
                bool result = op switch
                {
                    BinaryOperator.Equal => c == 0,
                    BinaryOperator.NotEqual => c != 0,
                    BinaryOperator.Less => c < 0,
                    BinaryOperator.LessOrEqual => c <= 0,
                    BinaryOperator.Greater => c > 0,
                    _ => c >= 0,
                };
                return CellValue.FromBoolean(result);
            }
        }

        if (!Coercion.TryToNumber(left, clock, out double x, out var le))
        {
            return CellValue.FromError(le);
        }

        if (!Coercion.TryToNumber(right, clock, out double y, out var re))
        {
            return CellValue.FromError(re);
        }

        return Arithmetic(op, x, y);
    }

    public static CellValue Arithmetic(BinaryOperator op, double x, double y)
    {
        switch (op)
        {
            case BinaryOperator.Add:
                return CellValue.FromNumber(Coercion.ApproxAdd(x, y));
            case BinaryOperator.Subtract:
                return CellValue.FromNumber(Coercion.ApproxSubtract(x, y));
            case BinaryOperator.Multiply:
                return CellValue.FromNumber(x * y);
            case BinaryOperator.Divide:
                return y == 0 ? CellValue.FromError(ErrorValue.DivisionByZero) : CellValue.FromNumber(x / y);
            default:
                return Power(x, y);
        }
    }

    public static CellValue Power(double x, double y)
    {
        if (x == 0 && y == 0)
        {
            return CellValue.FromError(ErrorValue.Number);
        }

        if (x == 0 && y < 0)
        {
            return CellValue.FromError(ErrorValue.DivisionByZero);
        }

        double r = Math.Pow(x, y);
        if (double.IsNaN(r) && x < 0)
        {
            // A negative base allows an exponent 1/n with n odd (Excel: (-8)^(1/3) = -2).
            double inv = 1 / y;
            double rounded = Math.Round(inv);
            if (Math.Abs(inv - rounded) < 1e-10 && ((long)rounded & 1) == 1)
            {
                return CellValue.FromNumber(-Math.Pow(-x, y));
            }
        }

        return CellValue.FromNumber(r);
    }

    public static CellValue Negate(in CellValue value, TimeProvider clock) =>
        Coercion.TryToNumber(value, clock, out double x, out var e) ? CellValue.FromNumber(-x) : CellValue.FromError(e);

    public static CellValue Plus(in CellValue value) => value;

    public static CellValue Percent(in CellValue value, TimeProvider clock) =>
        Coercion.TryToNumber(value, clock, out double x, out var e) ? CellValue.FromNumber(x / 100) : CellValue.FromError(e);
}
