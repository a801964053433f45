namespace Collab.Workbooks.Engine.Functions;

/// <summary>Math and trigonometry functions (SUM, ROUND, SUMIFS, CEILING.MATH ...) with Excel's argument rules.</summary>
[FunctionLibrary]
internal static class MathFunctions
{
    private const FunctionFlags Scalar = FunctionFlags.Scalar;

    public static void Register(FunctionRegistry registry)
    {
        registry.Add("SUM", 1, FunctionDefinition.Unlimited, Sum);
        registry.Add("SUMSQ", 1, FunctionDefinition.Unlimited, SumSq);
        registry.Add("PRODUCT", 1, FunctionDefinition.Unlimited, Product);
        registry.Add("MAX", 1, FunctionDefinition.Unlimited, Max);
        registry.Add("MIN", 1, FunctionDefinition.Unlimited, Min);
        registry.Add("SUMIF", 2, 3, SumIf);
        registry.Add("SUMIFS", 3, FunctionDefinition.Unlimited, SumIfs);
        registry.Add("MAXIFS", 3, FunctionDefinition.Unlimited, args => ExtremeIfs(args, true));
        registry.Add("MINIFS", 3, FunctionDefinition.Unlimited, args => ExtremeIfs(args, false));
        registry.Add("SUMPRODUCT", 1, FunctionDefinition.Unlimited, SumProduct, FunctionFlags.None, ArgMode.Array);
        registry.Add("ROUND", 2, 2, args => RoundLike(args, DigitRounding.HalfAwayFromZero), Scalar);
        registry.Add("ROUNDUP", 2, 2, args => RoundLike(args, DigitRounding.AwayFromZero), Scalar);
        registry.Add("ROUNDDOWN", 2, 2, args => RoundLike(args, DigitRounding.TowardZero), Scalar);
        registry.Add("TRUNC", 1, 2, args => RoundLike(args, DigitRounding.TowardZero), Scalar);
        registry.Add("MROUND", 2, 2, MRound, Scalar);
        registry.Add("INT", 1, 1, args => Unary(args, Math.Floor), Scalar);
        registry.Add("ABS", 1, 1, args => Unary(args, Math.Abs), Scalar);
        registry.Add("SIGN", 1, 1, args => Unary(args, x => Math.Sign(x)), Scalar);
        registry.Add("SQRT", 1, 1, args => Unary(args, x => x < 0 ? double.NaN : Math.Sqrt(x)), Scalar);
        registry.Add("EXP", 1, 1, args => Unary(args, Math.Exp), Scalar);
        registry.Add("LN", 1, 1, args => Unary(args, x => x <= 0 ? double.NaN : Math.Log(x)), Scalar);
        registry.Add("LOG10", 1, 1, args => Unary(args, x => x <= 0 ? double.NaN : Math.Log10(x)), Scalar);
        registry.Add("LOG", 1, 2, Log, Scalar);
        registry.Add("MOD", 2, 2, Mod, Scalar);
        registry.Add("POWER", 2, 2, Power, Scalar);
        registry.Add("QUOTIENT", 2, 2, Quotient, Scalar);
        registry.Add("CEILING.MATH", 1, 3, args => CeilingFloorMath(args, ceiling: true), Scalar);
        registry.Add("FLOOR.MATH", 1, 3, args => CeilingFloorMath(args, ceiling: false), Scalar);
        registry.Add("CEILING", 2, 2, args => CeilingFloor(args, ceiling: true), Scalar);
        registry.Add("FLOOR", 2, 2, args => CeilingFloor(args, ceiling: false), Scalar);
        registry.Add("EVEN", 1, 1, args => EvenOdd(args, even: true), Scalar);
        registry.Add("ODD", 1, 1, args => EvenOdd(args, even: false), Scalar);
        registry.Add("FACT", 1, 1, Fact, Scalar);
        registry.Add("PI", 0, 0, _ => Operand.Number(Math.PI));
        registry.Add("RAND", 0, 0, args => Operand.Number(args.Context.Random.NextDouble()), FunctionFlags.Volatile | FunctionFlags.Nondeterministic);
        registry.Add("RANDBETWEEN", 2, 2, RandBetween, FunctionFlags.Volatile | FunctionFlags.Nondeterministic | Scalar);
        registry.Add("GCD", 1, FunctionDefinition.Unlimited, args => GcdLcm(args, gcd: true));
        registry.Add("LCM", 1, FunctionDefinition.Unlimited, args => GcdLcm(args, gcd: false));
    }

    private struct SumSink : INumberSink
    {
        public double Total;

        public void Add(double value) => Total += value;
    }

    private struct SumSquaresSink : INumberSink
    {
        public double Total;

        public void Add(double value) => Total += value * value;
    }

    private struct ProductSink : INumberSink
    {
        public double Total;
        public bool Any;

        public void Add(double value)
        {
            Total = Any ? Total * value : value;
            Any = true;
        }
    }

    private struct ExtremeSink(bool max) : INumberSink
    {
        public double Value;
        public bool Any;

        public void Add(double value)
        {
            if (!Any || (max ? value > Value : value < Value))
            {
                Value = value;
                Any = true;
            }
        }
    }

    private static Operand Sum(FunctionArgs args)
    {
        var sink = new SumSink();
        return Aggregation.TryForEachNumber(args, 0, args.Count, ref sink, out var error) ? Operand.Number(sink.Total) : error;
    }

    private static Operand SumSq(FunctionArgs args)
    {
        var sink = new SumSquaresSink();
        return Aggregation.TryForEachNumber(args, 0, args.Count, ref sink, out var error) ? Operand.Number(sink.Total) : error;
    }

    private static Operand Product(FunctionArgs args)
    {
        var sink = new ProductSink();
        return Aggregation.TryForEachNumber(args, 0, args.Count, ref sink, out var error) ? Operand.Number(sink.Any ? sink.Total : 0) : error;
    }

    private static Operand Max(FunctionArgs args)
    {
        var sink = new ExtremeSink(true);
        return Aggregation.TryForEachNumber(args, 0, args.Count, ref sink, out var error) ? Operand.Number(sink.Any ? sink.Value : 0) : error;
    }

    private static Operand Min(FunctionArgs args)
    {
        var sink = new ExtremeSink(false);
        return Aggregation.TryForEachNumber(args, 0, args.Count, ref sink, out var error) ? Operand.Number(sink.Any ? sink.Value : 0) : error;
    }

    // SUMIF(range, criteria, [sum_range]): sum_range takes range's shape from its own top-left cell.
    private static Operand SumIf(FunctionArgs args)
    {
        if (args.TryLift(1, 0, SumIf, out var lifted))
        {
            return lifted;
        }

        var range = new Grid(args[0], args.Context);
        var criteria = Criteria.Parse(args.Scalar(1), args.Context.Workbook.TimeProvider);
        var sumGrid = args.IsMissing(2) ? range : new Grid(args[2], args.Context).Resize(range.Rows, range.Columns);
        var positions = new List<(int Row, int Column)>();
        sumGrid.CollectPositions(positions);
        double total = 0;
        foreach (var (row, column) in positions)
        {
            if (row >= range.Rows || column >= range.Columns || !criteria.Matches(range[row, column]))
            {
                continue;
            }

            var value = sumGrid[row, column];
            if (value.IsError)
            {
                return value;
            }

            if (value.IsNumber)
            {
                total += value.Number;
            }
        }

        return Operand.Number(total);
    }

    private static Operand SumIfs(FunctionArgs args)
    {
        if (args.TryLift(2, 2, SumIfs, out var lifted))
        {
            return lifted;
        }

        var sumGrid = new Grid(args[0], args.Context);
        var matches = new List<(int Row, int Column)>();
        if (!ConditionalScan.TryMatch(args, 1, sumGrid, matches, out var error))
        {
            return error;
        }

        double total = 0;
        foreach (var (row, column) in matches)
        {
            var value = sumGrid[row, column];
            if (value.IsError)
            {
                return value;
            }

            if (value.IsNumber)
            {
                total += value.Number;
            }
        }

        return Operand.Number(total);
    }

    private static readonly FunctionBody MaxIfs = args => ExtremeIfs(args, true);
    private static readonly FunctionBody MinIfs = args => ExtremeIfs(args, false);

    private static Operand ExtremeIfs(FunctionArgs args, bool max)
    {
        if (args.TryLift(2, 2, max ? MaxIfs : MinIfs, out var lifted))
        {
            return lifted;
        }

        var valueGrid = new Grid(args[0], args.Context);
        var matches = new List<(int Row, int Column)>();
        if (!ConditionalScan.TryMatch(args, 1, valueGrid, matches, out var error))
        {
            return error;
        }

        var sink = new ExtremeSink(max);
        foreach (var (row, column) in matches)
        {
            var value = valueGrid[row, column];
            if (value.IsError)
            {
                return value;
            }

            if (value.IsNumber)
            {
                sink.Add(value.Number);
            }
        }

        return Operand.Number(sink.Any ? sink.Value : 0);
    }

    // SUMPRODUCT: arrays of equal shape; items that are not numbers count as 0; an error item is the result.
    private static Operand SumProduct(FunctionArgs args)
    {
        var arrays = new ArrayValue[args.Count];
        for (int i = 0; i < args.Count; i++)
        {
            var operand = args[i];
            if (operand.IsError)
            {
                return operand;
            }

            arrays[i] = args.Context.ToArray(operand);
            if (arrays[i].Rows != arrays[0].Rows || arrays[i].Columns != arrays[0].Columns)
            {
                return Operand.Error(ErrorValue.Value);
            }
        }

        double total = 0;
        int size = arrays[0].Items.Length;
        for (int k = 0; k < size; k++)
        {
            double product = 1;
            for (int i = 0; i < arrays.Length; i++)
            {
                var item = arrays[i].Items[k];
                if (item.IsError)
                {
                    return item;
                }

                product *= item.IsNumber ? item.Number : 0;
            }

            total += product;
        }

        return Operand.Number(total);
    }

    private static Operand RoundLike(FunctionArgs args, DigitRounding mode)
    {
        if (!args.TryNumber(0, out double x, out var error) || !args.TryNumber(1, 0, out double d, out error))
        {
            return error;
        }

        return Operand.Number(Round(x, (int)Math.Truncate(Math.Clamp(d, -400, 400)), mode));
    }

    /// <summary>
    /// Rounds at a decimal position the way Excel does: on the value's 15-significant-digit decimal digits (the same
    /// digits number formats show), so ROUND(2.675, 2) is 2.68 although the binary double is slightly below 2.675, and
    /// ROUND(357026655.1574495, 4) is 357026655.1574 (its 15 digits are 357026655.157449). The result is the double
    /// nearest to the rounded digits; infinity (#NUM!) when rounding up leaves the double range.
    /// </summary>
    internal static double Round(double x, int digits, DigitRounding mode)
    {
        double magnitude = DecimalDigits.From(x).RoundToDecimals(digits, mode).ToDouble();
        return x < 0 ? -magnitude : magnitude;
    }

    private static Operand MRound(FunctionArgs args)
    {
        if (!args.TryNumber(0, out double x, out var error) || !args.TryNumber(1, out double multiple, out error))
        {
            return error;
        }

        if (multiple == 0)
        {
            return Operand.Number(0);
        }

        if ((x > 0 && multiple < 0) || (x < 0 && multiple > 0))
        {
            return Operand.Error(ErrorValue.Number);
        }

        double q = Round(x / multiple, 0, DigitRounding.HalfAwayFromZero);
        return Operand.Number(Round(q * multiple, 14 - (int)Math.Floor(Math.Log10(Math.Abs(multiple) + double.Epsilon)), DigitRounding.HalfAwayFromZero));
    }

    private static Operand Unary(FunctionArgs args, Func<double, double> f)
    {
        if (!args.TryNumber(0, out double x, out var error))
        {
            return error;
        }

        return Operand.Number(f(x));
    }

    private static Operand Log(FunctionArgs args)
    {
        if (!args.TryNumber(0, out double x, out var error) || !args.TryNumber(1, 10, out double b, out error))
        {
            return error;
        }

        if (x <= 0 || b <= 0)
        {
            return Operand.Error(ErrorValue.Number);
        }

        if (b == 1)
        {
            return Operand.Error(ErrorValue.DivisionByZero);
        }

        return Operand.Number(Math.Log(x) / Math.Log(b));
    }

    private static Operand Mod(FunctionArgs args)
    {
        if (!args.TryNumber(0, out double n, out var error) || !args.TryNumber(1, out double d, out error))
        {
            return error;
        }

        if (d == 0)
        {
            return Operand.Error(ErrorValue.DivisionByZero);
        }

        double q = n / d;
        if (Math.Abs(q) >= 1_125_899_906_842_624)
        {
            return Operand.Error(ErrorValue.Number);
        }

        double r = n - (d * Math.Floor(q));
        if (Coercion.ApproxEqual(r, d))
        {
            r = 0;
        }

        return Operand.Number(r);
    }

    private static Operand Power(FunctionArgs args)
    {
        if (!args.TryNumber(0, out double x, out var error) || !args.TryNumber(1, out double y, out error))
        {
            return error;
        }

        return ScalarOperators.Power(x, y);
    }

    private static Operand Quotient(FunctionArgs args)
    {
        if (!args.TryNumber(0, out double n, out var error) || !args.TryNumber(1, out double d, out error))
        {
            return error;
        }

        return d == 0 ? Operand.Error(ErrorValue.DivisionByZero) : Operand.Number(Math.Truncate(n / d));
    }

    // CEILING.MATH(number, [significance=1], [mode]) / FLOOR.MATH: significance's sign is ignored; mode changes
    // the direction for negative numbers only (CEILING.MATH(-5.5,1,1) is -6, FLOOR.MATH(-5.5,1,1) is -5).
    private static Operand CeilingFloorMath(FunctionArgs args, bool ceiling)
    {
        if (!args.TryNumber(0, out double x, out var error) || !args.TryNumber(1, 1, out double significance, out error)
            || !args.TryNumber(2, 0, out double mode, out error))
        {
            return error;
        }

        significance = Math.Abs(significance);
        if (significance == 0 || x == 0)
        {
            return Operand.Number(0);
        }

        double q = x / significance;
        bool awayFromZero = x < 0 && mode != 0;
        double n;
        if (ceiling)
        {
            n = awayFromZero ? Math.Floor(Snap(q)) : Math.Ceiling(Snap(q));
        }
        else
        {
            n = awayFromZero ? Math.Ceiling(Snap(q)) : Math.Floor(Snap(q));
        }

        return Operand.Number(n * significance);
    }

    // Quotients within 15 digits of an integer are that integer (CEILING(0.3,0.1) must stay 0.3).
    private static double Snap(double q)
    {
        double r = Math.Round(q);
        return Coercion.ApproxEqual(q, r) ? r : q;
    }

    // CEILING(number, significance) and FLOOR as in Excel 2010 and later.
    private static Operand CeilingFloor(FunctionArgs args, bool ceiling)
    {
        if (!args.TryNumber(0, out double x, out var error) || !args.TryNumber(1, out double significance, out error))
        {
            return error;
        }

        if (x > 0 && significance < 0)
        {
            return Operand.Error(ErrorValue.Number);
        }

        if (significance == 0)
        {
            return ceiling ? Operand.Number(0) : (x == 0 ? Operand.Number(0) : Operand.Error(ErrorValue.DivisionByZero));
        }

        // With both negative the quotient is positive, so CEILING rounds away from zero and FLOOR toward it.
        double q = Snap(x / significance);
        return Operand.Number((ceiling ? Math.Ceiling(q) : Math.Floor(q)) * significance);
    }

    private static Operand EvenOdd(FunctionArgs args, bool even)
    {
        if (!args.TryNumber(0, out double x, out var error))
        {
            return error;
        }

        double sign = x < 0 ? -1 : 1;
        double a = Math.Ceiling(Snap(Math.Abs(x)));
        if (even)
        {
            if (a % 2 != 0)
            {
                a++;
            }
        }
        else if (a % 2 == 0)
        {
            a++;
        }

        return Operand.Number(sign * a);
    }

    private static Operand Fact(FunctionArgs args)
    {
        if (!args.TryNumber(0, out double x, out var error))
        {
            return error;
        }

        if (x < 0)
        {
            return Operand.Error(ErrorValue.Number);
        }

        int n = (int)Math.Min(Math.Floor(x), 200);
        if (n > 170)
        {
            return Operand.Error(ErrorValue.Number);
        }

        double r = 1;
        for (int i = 2; i <= n; i++)
        {
            r *= i;
        }

        return Operand.Number(r);
    }

    private static Operand RandBetween(FunctionArgs args)
    {
        if (!args.TryNumber(0, out double bottom, out var error) || !args.TryNumber(1, out double top, out error))
        {
            return error;
        }

        double low = Math.Ceiling(bottom);
        double high = Math.Floor(top);
        if (low > high)
        {
            return Operand.Error(ErrorValue.Number);
        }

        return Operand.Number(low + Math.Floor(args.Context.Random.NextDouble() * (high - low + 1)));
    }

    private static Operand GcdLcm(FunctionArgs args, bool gcd)
    {
        var numbers = new List<double>();
        if (!Aggregation.TryCollectNumbers(args, 0, args.Count, numbers, out var error))
        {
            return error;
        }

        double result = gcd ? 0 : 1;
        foreach (double raw in numbers)
        {
            if (raw < 0 || raw >= 9.007199254740992E15)
            {
                return Operand.Error(ErrorValue.Number);
            }

            double n = Math.Floor(raw);
            if (gcd)
            {
                result = Gcd(result, n);
            }
            else
            {
                if (n == 0 || result == 0)
                {
                    result = 0;
                    continue;
                }

                result = result / Gcd(result, n) * n;
            }
        }

        return Operand.Number(result);
    }

    private static double Gcd(double a, double b)
    {
        while (b != 0)
        {
            double t = a % b;
            a = b;
            b = t;
        }

        return a;
    }
}
