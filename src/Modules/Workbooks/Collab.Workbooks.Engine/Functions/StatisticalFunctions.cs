namespace Collab.Workbooks.Engine.Functions;

/// <summary>
/// Statistical functions (AVERAGE, COUNT, COUNTIFS, MEDIAN, STDEV.S, LARGE, PERCENTILE.INC, CORREL ...) with
/// Excel's argument rules. Unless noted, arguments follow SUM's rules: numbers in ranges and arrays count while
/// their text, booleans and blanks are skipped; typed arguments are coerced ("3" and TRUE count, "abc" is #VALUE!);
/// the first error met is the result. Variances use two passes (mean, then squared deviations) so large offsets
/// do not cost precision.
/// </summary>
[FunctionLibrary]
internal static class StatisticalFunctions
{
    public static void Register(FunctionRegistry registry)
    {
        const int Many = FunctionDefinition.Unlimited;
        registry.Add("AVERAGE", 1, Many, Average);
        registry.Add("AVERAGEA", 1, Many, AverageA);
        registry.Add("AVERAGEIF", 2, 3, AverageIf);
        registry.Add("AVERAGEIFS", 3, Many, AverageIfs);
        registry.Add("COUNT", 1, Many, Count);
        registry.Add("COUNTA", 1, Many, CountA);
        registry.Add("COUNTBLANK", 1, 1, CountBlank);
        registry.Add("COUNTIF", 2, 2, CountIfs);
        registry.Add("COUNTIFS", 2, Many, CountIfs);
        registry.Add("MEDIAN", 1, Many, Median);
        registry.Add("MODE.SNGL", 1, Many, Mode);
        registry.Add("MODE", 1, Many, Mode);
        registry.Add("STDEV.S", 1, Many, args => Dispersion(args, sample: true, root: true));
        registry.Add("STDEV", 1, Many, args => Dispersion(args, sample: true, root: true));
        registry.Add("STDEV.P", 1, Many, args => Dispersion(args, sample: false, root: true));
        registry.Add("STDEVP", 1, Many, args => Dispersion(args, sample: false, root: true));
        registry.Add("VAR.S", 1, Many, args => Dispersion(args, sample: true, root: false));
        registry.Add("VAR", 1, Many, args => Dispersion(args, sample: true, root: false));
        registry.Add("VAR.P", 1, Many, args => Dispersion(args, sample: false, root: false));
        registry.Add("VARP", 1, Many, args => Dispersion(args, sample: false, root: false));
        registry.Add("LARGE", 2, 2, args => KthValue(args, largest: true));
        registry.Add("SMALL", 2, 2, args => KthValue(args, largest: false));
        registry.Add("RANK.EQ", 2, 3, args => Rank(args, average: false));
        registry.Add("RANK", 2, 3, args => Rank(args, average: false));
        registry.Add("RANK.AVG", 2, 3, args => Rank(args, average: true));
        registry.Add("PERCENTILE.INC", 2, 2, Percentile);
        registry.Add("PERCENTILE", 2, 2, Percentile);
        registry.Add("QUARTILE.INC", 2, 2, Quartile);
        registry.Add("QUARTILE", 2, 2, Quartile);
        registry.Add("CORREL", 2, 2, Correl);
        registry.Add("PEARSON", 2, 2, Correl);
    }

    /// <summary>The mean of numbers, added in order as SUM does (so AVERAGE equals SUM/COUNT exactly).</summary>
    internal static double Mean(List<double> values)
    {
        double sum = 0;
        foreach (double v in values)
        {
            sum += v;
        }

        return sum / values.Count;
    }

    /// <summary>The sum of squared deviations from the mean, in two passes with the rounding error of the mean corrected.</summary>
    internal static double SumOfSquaredDeviations(List<double> values)
    {
        double mean = Mean(values);
        double squares = 0;
        double drift = 0;
        foreach (double v in values)
        {
            double d = v - mean;
            squares += d * d;
            drift += d;
        }

        return Math.Max(0, squares - (drift * drift / values.Count));
    }

    private static Operand Average(FunctionArgs args)
    {
        var numbers = new List<double>();
        if (!Aggregation.TryCollectNumbers(args, 0, args.Count, numbers, out var error))
        {
            return error;
        }

        return numbers.Count == 0 ? Operand.Error(ErrorValue.DivisionByZero) : Operand.Number(Mean(numbers));
    }

    // AVERAGEA: in ranges text (also "") counts as 0 and booleans as 0 or 1; blanks are skipped.
    private static Operand AverageA(FunctionArgs args)
    {
        var visitor = new AVisitor { Numbers = [], Clock = args.Context.Workbook.TimeProvider };
        if (!Aggregation.VisitValues(args, 0, args.Count, ref visitor))
        {
            return Operand.Error(visitor.Error);
        }

        return visitor.Numbers.Count == 0 ? Operand.Error(ErrorValue.DivisionByZero) : Operand.Number(Mean(visitor.Numbers));
    }

    private struct AVisitor : IValueVisitor
    {
        public List<double> Numbers;
        public ErrorValue Error;
        public TimeProvider Clock;

        public bool Visit(in CellValue value, bool direct)
        {
            switch (value.Kind)
            {
                case CellValueKind.Number:
                    Numbers.Add(value.Number);
                    return true;
                case CellValueKind.Boolean:
                    Numbers.Add(value.Boolean ? 1 : 0);
                    return true;
                case CellValueKind.Error:
                    Error = value.Error;
                    return false;
                case CellValueKind.Text when !direct:
                    Numbers.Add(0);
                    return true;
                case CellValueKind.Blank when !direct:
                    return true;
                default:
                    if (Coercion.TryToNumber(value, Clock, out double d, out var e))
                    {
                        Numbers.Add(d);
                        return true;
                    }

                    Error = e;
                    return false;
            }
        }
    }

    // COUNT: numbers anywhere; typed arguments also count when they read as numbers (TRUE, "3", an empty argument).
    // Errors are never propagated.
    private static Operand Count(FunctionArgs args)
    {
        var visitor = new CountVisitor { Clock = args.Context.Workbook.TimeProvider };
        Aggregation.VisitValues(args, 0, args.Count, ref visitor);
        return Operand.Number(visitor.Count);
    }

    private struct CountVisitor : IValueVisitor
    {
        public int Count;
        public TimeProvider Clock;

        public bool Visit(in CellValue value, bool direct)
        {
            if (value.IsNumber || (direct && !value.IsError && Coercion.TryToNumber(value, Clock, out _, out _)))
            {
                Count++;
            }

            return true;
        }
    }

    // COUNTA: every non-empty cell (errors and "" included); every typed argument, even an empty one.
    private static Operand CountA(FunctionArgs args)
    {
        var visitor = new CountAVisitor();
        Aggregation.VisitValues(args, 0, args.Count, ref visitor);
        return Operand.Number(visitor.Count);
    }

    private struct CountAVisitor : IValueVisitor
    {
        public int Count;

        public bool Visit(in CellValue value, bool direct)
        {
            if (direct || !value.IsBlank)
            {
                Count++;
            }

            return true;
        }
    }

    // COUNTBLANK(range): empty cells and cells whose value is "" (formulas returning "").
    private static Operand CountBlank(FunctionArgs args)
    {
        var operand = args[0];
        if (operand.Reference is { } r)
        {
            long total = (long)r.Rows * r.Columns;
            long filled = 0;
            var cursor = r.Sheet.Cursor(r.Row1, r.Column1, r.Row2, r.Column2);
            while (cursor.MoveNext())
            {
                var value = args.Context.ReadCell(cursor.Current);
                if (!IsBlankLike(value))
                {
                    filled++;
                }
            }

            return Operand.Number(total - filled);
        }

        if (operand.Array is { } array)
        {
            int blanks = 0;
            foreach (var item in array.Items)
            {
                if (IsBlankLike(item))
                {
                    blanks++;
                }
            }

            return Operand.Number(blanks);
        }

        return operand.IsError ? operand : Operand.Error(ErrorValue.Value);
    }

    private static bool IsBlankLike(in CellValue value) => value.IsBlank || (value.IsText && value.Text.Length == 0);

    // COUNTIF(range, criteria) and COUNTIFS(range1, criteria1, ...): errors in the ranges are values to match, not results.
    private static Operand CountIfs(FunctionArgs args)
    {
        if (args.TryLift(1, 2, CountIfs, out var lifted))
        {
            return lifted;
        }

        var matches = new List<(int Row, int Column)>();
        return ConditionalScan.TryMatch(args, 0, null, matches, out var error) ? Operand.Number(matches.Count) : error;
    }

    // AVERAGEIF(range, criteria, [average_range]): average_range takes range's shape from its top-left cell; only
    // numbers are averaged; an error in a matched average cell is the result; no number matched is #DIV/0!.
    private static Operand AverageIf(FunctionArgs args)
    {
        if (args.TryLift(1, 0, AverageIf, out var lifted))
        {
            return lifted;
        }

        var range = new Grid(args[0], args.Context);
        var criteria = Criteria.Parse(args.Scalar(1), args.Context.Workbook.TimeProvider);
        var averageGrid = args.IsMissing(2) ? range : new Grid(args[2], args.Context).Resize(range.Rows, range.Columns);
        var positions = new List<(int Row, int Column)>();
        averageGrid.CollectPositions(positions);
        var numbers = new List<double>();
        foreach (var (row, column) in positions)
        {
            if (row >= range.Rows || column >= range.Columns || !criteria.Matches(range[row, column]))
            {
                continue;
            }

            var value = averageGrid[row, column];
            if (value.IsError)
            {
                return value;
            }

            if (value.IsNumber)
            {
                numbers.Add(value.Number);
            }
        }

        return numbers.Count == 0 ? Operand.Error(ErrorValue.DivisionByZero) : Operand.Number(Mean(numbers));
    }

    // AVERAGEIFS(average_range, criteria_range1, criteria1, ...): every range has average_range's shape (else #VALUE!).
    private static Operand AverageIfs(FunctionArgs args)
    {
        if (args.TryLift(2, 2, AverageIfs, out var lifted))
        {
            return lifted;
        }

        var averageGrid = new Grid(args[0], args.Context);
        var matches = new List<(int Row, int Column)>();
        if (!ConditionalScan.TryMatch(args, 1, averageGrid, matches, out var error))
        {
            return error;
        }

        var numbers = new List<double>();
        foreach (var (row, column) in matches)
        {
            var value = averageGrid[row, column];
            if (value.IsError)
            {
                return value;
            }

            if (value.IsNumber)
            {
                numbers.Add(value.Number);
            }
        }

        return numbers.Count == 0 ? Operand.Error(ErrorValue.DivisionByZero) : Operand.Number(Mean(numbers));
    }

    private static Operand Median(FunctionArgs args)
    {
        var numbers = new List<double>();
        if (!Aggregation.TryCollectNumbers(args, 0, args.Count, numbers, out var error))
        {
            return error;
        }

        if (numbers.Count == 0)
        {
            return Operand.Error(ErrorValue.Number);
        }

        numbers.Sort();
        int n = numbers.Count;
        return Operand.Number(n % 2 == 1 ? numbers[n / 2] : (numbers[(n / 2) - 1] + numbers[n / 2]) / 2);
    }

    // MODE.SNGL: the most frequent number; among equally frequent ones the first met; no repeated number is #N/A.
    private static Operand Mode(FunctionArgs args)
    {
        var numbers = new List<double>();
        if (!Aggregation.TryCollectNumbers(args, 0, args.Count, numbers, out var error))
        {
            return error;
        }

        var counts = new Dictionary<double, int>();
        foreach (double v in numbers)
        {
            counts[v] = counts.GetValueOrDefault(v) + 1;
        }

        int best = 1;
        double mode = 0;
        foreach (double v in numbers)
        {
            int c = counts[v];
            if (c > best)
            {
                best = c;
                mode = v;
            }
        }

        return best > 1 ? Operand.Number(mode) : Operand.Error(ErrorValue.NotAvailable);
    }

    private static Operand Dispersion(FunctionArgs args, bool sample, bool root)
    {
        var numbers = new List<double>();
        if (!Aggregation.TryCollectNumbers(args, 0, args.Count, numbers, out var error))
        {
            return error;
        }

        int divisor = sample ? numbers.Count - 1 : numbers.Count;
        if (divisor <= 0)
        {
            return Operand.Error(ErrorValue.DivisionByZero);
        }

        double variance = SumOfSquaredDeviations(numbers) / divisor;
        return Operand.Number(root ? Math.Sqrt(variance) : variance);
    }

    // LARGE(array, k) / SMALL(array, k): k is truncated to a whole number (LARGE(x,1.9) is the largest) and must
    // be 1 to the count; an array of k values gives an array of results (SUM(LARGE(A1:A9,{1,2,3})) sums the top three).
    private static Operand KthValue(FunctionArgs args, bool largest)
    {
        var numbers = new List<double>();
        if (!Aggregation.TryCollectNumbers(args, 0, 1, numbers, out var error))
        {
            return error;
        }

        numbers.Sort();
        var kOperand = args[1];
        if (kOperand.Array is not null || (args.ArrayMode && kOperand.Reference is { IsSingleCell: false }))
        {
            var ks = args.Context.ToArray(kOperand);
            var result = new ArrayValue(ks.Rows, ks.Columns);
            for (int i = 0; i < ks.Items.Length; i++)
            {
                result.Items[i] = Kth(numbers, ks.Items[i], largest, args.Context.Workbook.TimeProvider);
            }

            return result;
        }

        return Kth(numbers, args.Scalar(1), largest, args.Context.Workbook.TimeProvider);
    }

    private static CellValue Kth(List<double> sorted, in CellValue kValue, bool largest, TimeProvider clock)
    {
        if (!Coercion.TryToNumber(kValue, clock, out double k, out var e))
        {
            return CellValue.FromError(e);
        }

        double whole = Math.Floor(k);
        if (sorted.Count == 0 || whole < 1 || whole > sorted.Count)
        {
            return CellValue.FromError(ErrorValue.Number);
        }

        int index = (int)whole - 1;
        return CellValue.FromNumber(largest ? sorted[sorted.Count - 1 - index] : sorted[index]);
    }

    private static readonly FunctionBody RankEq = args => Rank(args, average: false);
    private static readonly FunctionBody RankAvg = args => Rank(args, average: true);

    // RANK.EQ(number, ref, [order]): 1 + how many numbers in ref are greater (order 0) or smaller (order non-zero);
    // a number absent from ref is #N/A; an array of numbers gives an array of ranks. RANK.AVG averages the ranks of ties.
    private static Operand Rank(FunctionArgs args, bool average)
    {
        if (args.TryLift(0, 0, average ? RankAvg : RankEq, out var lifted))
        {
            return lifted;
        }

        if (!args.TryNumber(0, out double x, out var error) || !args.TryNumber(2, 0, out double order, out error))
        {
            return error;
        }

        var refOperand = args[1];
        if (refOperand.IsScalar)
        {
            return refOperand.IsError ? refOperand : Operand.Error(ErrorValue.Value);
        }

        var numbers = new List<double>();
        var visitor = new RangeNumbers { Numbers = numbers };
        Aggregation.VisitOperand(args.Context, refOperand, ref visitor);
        int before = 0;
        int equal = 0;
        foreach (double v in numbers)
        {
            if (v == x)
            {
                equal++;
            }
            else if (order == 0 ? v > x : v < x)
            {
                before++;
            }
        }

        if (equal == 0)
        {
            return Operand.Error(ErrorValue.NotAvailable);
        }

        return Operand.Number(average ? before + ((equal + 1) / 2.0) : before + 1);
    }

    // The numbers of a range or array, skipping everything else (errors included), as RANK reads its ref.
    private struct RangeNumbers : IValueVisitor
    {
        public List<double> Numbers;

        public bool Visit(in CellValue value, bool direct)
        {
            if (value.IsNumber)
            {
                Numbers.Add(value.Number);
            }

            return true;
        }
    }

    // PERCENTILE.INC(array, k): k in [0, 1]; linear interpolation between the sorted values at k*(n-1).
    private static Operand Percentile(FunctionArgs args)
    {
        if (args.TryLift(1, 0, Percentile, out var lifted))
        {
            return lifted;
        }

        if (!args.TryNumber(1, out double k, out var error))
        {
            return error;
        }

        return PercentileOf(args, k);
    }

    // QUARTILE.INC(array, quart): quart is truncated and must be 0 to 4; it is PERCENTILE.INC at quart/4.
    private static Operand Quartile(FunctionArgs args)
    {
        if (args.TryLift(1, 0, Quartile, out var lifted))
        {
            return lifted;
        }

        if (!args.TryNumber(1, out double q, out var error))
        {
            return error;
        }

        q = Math.Truncate(q);
        if (q is < 0 or > 4)
        {
            return Operand.Error(ErrorValue.Number);
        }

        return PercentileOf(args, q / 4);
    }

    private static Operand PercentileOf(FunctionArgs args, double k)
    {
        var numbers = new List<double>();
        if (!Aggregation.TryCollectNumbers(args, 0, 1, numbers, out var error))
        {
            return error;
        }

        if (numbers.Count == 0 || k < 0 || k > 1)
        {
            return Operand.Error(ErrorValue.Number);
        }

        numbers.Sort();
        double position = k * (numbers.Count - 1);
        int low = (int)Math.Floor(position);
        double fraction = position - low;
        if (fraction == 0 || low + 1 >= numbers.Count)
        {
            return Operand.Number(numbers[low]);
        }

        return Operand.Number(numbers[low] + (fraction * (numbers[low + 1] - numbers[low])));
    }

    // CORREL(array1, array2): arrays of the same size (else #N/A); pairs where both items are numbers count; an error
    // item is the result; fewer than two pairs or no spread is #DIV/0!.
    private static Operand Correl(FunctionArgs args)
    {
        var a = args[0];
        var b = args[1];
        if (a.IsError)
        {
            return a;
        }

        if (b.IsError)
        {
            return b;
        }

        var x = args.Context.ToArray(a);
        var y = args.Context.ToArray(b);
        if (x.Items.Length != y.Items.Length)
        {
            return Operand.Error(ErrorValue.NotAvailable);
        }

        var xs = new List<double>();
        var ys = new List<double>();
        for (int i = 0; i < x.Items.Length; i++)
        {
            var u = x.Items[i];
            var v = y.Items[i];
            if (u.IsError)
            {
                return u;
            }

            if (v.IsError)
            {
                return v;
            }

            if (u.IsNumber && v.IsNumber)
            {
                xs.Add(u.Number);
                ys.Add(v.Number);
            }
        }

        if (xs.Count < 2)
        {
            return Operand.Error(ErrorValue.DivisionByZero);
        }

        double mx = Mean(xs);
        double my = Mean(ys);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < xs.Count; i++)
        {
            double dx = xs[i] - mx;
            double dy = ys[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }

        if (sxx == 0 || syy == 0)
        {
            return Operand.Error(ErrorValue.DivisionByZero);
        }

        return Operand.Number(sxy / Math.Sqrt(sxx * syy));
    }
}
