namespace Collab.Workbooks.Engine.Functions;

/// <summary>
/// Lookup functions: VLOOKUP, HLOOKUP, MATCH, XLOOKUP, XMATCH, with Excel's matching rules:
/// <list type="bullet">
/// <item>Exact matches compare numbers by their exact value (no 15-digit tolerance, unlike '='), text
/// case-insensitively with wildcards * ? ~ (VLOOKUP, HLOOKUP, MATCH 0, and XLOOKUP/XMATCH match_mode 2), booleans
/// with booleans; a value never matches one of another type ("1" does not find 1) and an empty cell is never
/// a match, except that XLOOKUP and XMATCH find an empty cell for an empty lookup value. An empty lookup value
/// is the number 0 for VLOOKUP, HLOOKUP and MATCH.</item>
/// <item>Approximate matches (VLOOKUP/HLOOKUP TRUE, MATCH 1/-1) are Excel's bisection over the range as written:
/// a probe that lands on an empty cell or a value of another type moves forward to the next comparable value
/// (back to the lower half when there is none), an exact hit returns the last of its run of equal values
/// (the first when descending), otherwise the last probe below (above) the value.</item>
/// <item>XLOOKUP/XMATCH binary search (search_mode 2/-2) bisects in Excel's sort order: numbers, text,
/// booleans, errors, then empty cells last.</item>
/// </list>
/// Whole-column references only read up to the sheet's last used row or column.
/// </summary>
[FunctionLibrary]
internal static class LookupFunctions
{
    public static void Register(FunctionRegistry registry)
    {
        registry.Add("VLOOKUP", 3, 4, args => TableLookup(args, vertical: true));
        registry.Add("HLOOKUP", 3, 4, args => TableLookup(args, vertical: false));
        registry.Add("MATCH", 2, 3, Match);
        registry.Add("XLOOKUP", 3, 6, XLookup, FunctionFlags.ReturnsReference);
        registry.Add("XMATCH", 2, 4, XMatch);
    }

    private enum Kind : byte
    {
        /// <summary>Exact; an empty lookup value is the number 0 and empty cells never match.</summary>
        Exact,

        /// <summary>Exact, and an empty lookup value finds the first empty cell (XLOOKUP, XMATCH).</summary>
        ExactFindsBlank,
    }

    // VLOOKUP(lookup_value, table_array, col_index_num, [range_lookup]) and HLOOKUP with rows.
    private static Operand TableLookup(FunctionArgs args, bool vertical)
    {
        var tableOperand = args[1];
        if (tableOperand.IsError)
        {
            return tableOperand;
        }

        if (!args.TryNumber(2, out double indexArg, out var error))
        {
            return error;
        }

        bool approximate = true;
        if (args.Count > 3 && !args.TryBoolean(3, out approximate, out error))
        {
            return error;
        }

        var table = new Grid(tableOperand, args.Context);
        double index = Math.Truncate(indexArg);
        if (index < 1)
        {
            return Operand.Error(ErrorValue.Value);
        }

        if (index > (vertical ? table.Columns : table.Rows))
        {
            return Operand.Error(ErrorValue.Reference);
        }

        var keys = Line.Of(table, vertical, 0);
        var results = Line.Of(table, vertical, (int)index - 1);
        return ForEachLookupValue(args, needle =>
        {
            int found = approximate ? ApproximateSearch(keys, needle, descending: false) : ExactSearch(keys, needle, wildcards: true, Kind.Exact, reverse: false);
            return found < 0 ? CellValue.FromError(ErrorValue.NotAvailable) : results[found];
        });
    }

    // MATCH(lookup_value, lookup_array, [match_type=1]): the 1-based position; the array must be one row or column.
    private static Operand Match(FunctionArgs args)
    {
        var arrayOperand = args[1];
        if (arrayOperand.IsError)
        {
            return arrayOperand;
        }

        double type = 1;
        if (args.Count > 2 && !args.TryNumber(2, out type, out var error))
        {
            return error;
        }

        var grid = new Grid(arrayOperand, args.Context);
        if (grid.Rows > 1 && grid.Columns > 1)
        {
            return Operand.Error(ErrorValue.NotAvailable);
        }

        var line = Line.Of(grid, grid.Columns == 1, 0);
        return ForEachLookupValue(args, needle =>
        {
            int found = type == 0
                ? ExactSearch(line, needle, wildcards: true, Kind.Exact, reverse: false)
                : ApproximateSearch(line, needle, descending: type < 0);
            return found < 0 ? CellValue.FromError(ErrorValue.NotAvailable) : CellValue.FromNumber(found + 1);
        });
    }

    private readonly record struct XOptions(int MatchMode, int SearchMode);

    private static bool TryXOptions(FunctionArgs args, int matchIndex, out XOptions options, out Operand error)
    {
        options = default;
        double match = 0;
        double search = 1;
        if (!args.IsMissing(matchIndex) && !args.TryNumber(matchIndex, out match, out error))
        {
            return false;
        }

        if (!args.IsMissing(matchIndex + 1) && !args.TryNumber(matchIndex + 1, out search, out error))
        {
            return false;
        }

        int m = (int)Math.Clamp(Math.Truncate(match), -10, 10);
        int s = (int)Math.Clamp(Math.Truncate(search), -10, 10);

        // Wildcards cannot be combined with a binary search.
        if (m is < -1 or > 2 || s is not (1 or -1 or 2 or -2) || (m == 2 && s is 2 or -2))
        {
            error = Operand.Error(ErrorValue.Value);
            return false;
        }

        options = new XOptions(m, s);
        error = default;
        return true;
    }

    // XLOOKUP(lookup_value, lookup_array, return_array, [if_not_found], [match_mode], [search_mode]).
    private static Operand XLookup(FunctionArgs args)
    {
        var lookupOperand = args[1];
        if (lookupOperand.IsError)
        {
            return lookupOperand;
        }

        var returnOperand = args[2];
        if (returnOperand.IsError)
        {
            return returnOperand;
        }

        if (!TryXOptions(args, 4, out var options, out var error))
        {
            return error;
        }

        var lookup = new Grid(lookupOperand, args.Context);
        var result = new Grid(returnOperand, args.Context);
        if (lookup.Rows > 1 && lookup.Columns > 1)
        {
            return Operand.Error(ErrorValue.Value);
        }

        // A column of keys returns a row of the return array, a row of keys a column of it.
        bool vertical = lookup.Columns == 1 && (lookup.Rows > 1 || result.Rows == 1);
        if (vertical ? result.Rows != lookup.Rows : result.Columns != lookup.Columns)
        {
            return Operand.Error(ErrorValue.Value);
        }

        var keys = Line.Of(lookup, vertical, 0);
        Operand? notFound = args.IsMissing(3) ? null : (Operand?)args[3];
        var needleOperand = args[0];
        var context = args.Context;
        if (IsLifted(args, needleOperand))
        {
            return ForEachLookupValue(args, needle =>
            {
                int found = XSearch(keys, needle, options);
                return found >= 0 ? (vertical ? result[found, 0] : result[0, found]) : NotFoundValue(context, notFound);
            });
        }

        var value = context.Scalar(needleOperand);
        if (value.IsError)
        {
            return value;
        }

        int index = XSearch(keys, value, options);
        if (index < 0)
        {
            return notFound ?? Operand.Error(ErrorValue.NotAvailable);
        }

        return Slice(result, returnOperand, vertical, index);
    }

    private static CellValue NotFoundValue(Evaluator context, Operand? notFound) =>
        notFound is { } operand ? context.Scalar(operand) : CellValue.FromError(ErrorValue.NotAvailable);

    // The row (or column) of the return array at a position: a reference into a range, or values of an array.
    private static Operand Slice(Grid result, in Operand source, bool vertical, int index)
    {
        if (source.Reference is { } r)
        {
            return vertical
                ? new Reference(r.Sheet, r.Row1 + index, r.Column1, r.Row1 + index, r.Column2)
                : new Reference(r.Sheet, r.Row1, r.Column1 + index, r.Row2, r.Column1 + index);
        }

        int rows = vertical ? 1 : result.Rows;
        int columns = vertical ? result.Columns : 1;
        if (rows == 1 && columns == 1)
        {
            return vertical ? result[index, 0] : result[0, index];
        }

        var slice = new ArrayValue(rows, columns);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                slice[i, j] = vertical ? result[index, j] : result[i, index];
            }
        }

        return slice;
    }

    // XMATCH(lookup_value, lookup_array, [match_mode], [search_mode]): the 1-based position.
    private static Operand XMatch(FunctionArgs args)
    {
        var lookupOperand = args[1];
        if (lookupOperand.IsError)
        {
            return lookupOperand;
        }

        if (!TryXOptions(args, 2, out var options, out var error))
        {
            return error;
        }

        var lookup = new Grid(lookupOperand, args.Context);
        if (lookup.Rows > 1 && lookup.Columns > 1)
        {
            return Operand.Error(ErrorValue.Value);
        }

        var keys = Line.Of(lookup, lookup.Columns == 1, 0);
        return ForEachLookupValue(args, needle =>
        {
            int found = XSearch(keys, needle, options);
            return found < 0 ? CellValue.FromError(ErrorValue.NotAvailable) : CellValue.FromNumber(found + 1);
        });
    }

    private static bool IsLifted(FunctionArgs args, in Operand needle) =>
        needle.IsArray || (args.ArrayMode && needle.Reference is { IsSingleCell: false });

    // The lookup value is one value; an array of them (an array constant anywhere, a range in an array expression)
    // gives an array of results: SUM(VLOOKUP({"a","b"},...)) sums two lookups, as in Excel.
    private static Operand ForEachLookupValue(FunctionArgs args, Func<CellValue, CellValue> lookup)
    {
        var operand = args[0];
        if (IsLifted(args, operand))
        {
            var needles = args.Context.ToArray(operand);
            var results = new ArrayValue(needles.Rows, needles.Columns);
            for (int i = 0; i < needles.Items.Length; i++)
            {
                var needle = needles.Items[i];
                results.Items[i] = needle.IsError ? needle : lookup(needle);
            }

            return results;
        }

        var value = args.Context.Scalar(operand);
        return value.IsError ? value : lookup(value);
    }

    private static int XSearch(in Line keys, in CellValue needle, XOptions options)
    {
        if (options.SearchMode is 2 or -2)
        {
            return BinarySearch(keys, needle, options.MatchMode, descending: options.SearchMode == -2);
        }

        bool reverse = options.SearchMode == -1;
        int exact = ExactSearch(keys, needle, wildcards: options.MatchMode == 2, Kind.ExactFindsBlank, reverse);
        if (exact >= 0 || options.MatchMode is 0 or 2)
        {
            return exact;
        }

        return NearestSearch(keys, needle, larger: options.MatchMode == 1, reverse);
    }

    // Linear exact search, first to last (or last to first).
    private static int ExactSearch(in Line line, in CellValue needle, bool wildcards, Kind kind, bool reverse)
    {
        var value = needle;
        if (value.IsBlank)
        {
            if (kind == Kind.ExactFindsBlank)
            {
                return FindBlank(line, reverse);
            }

            value = CellValue.FromNumber(0);
        }

        string? pattern = wildcards && value.IsText && value.Text.AsSpan().IndexOfAny("*?~") >= 0 ? value.Text : null;
        int last = line.LastStored;
        for (int k = 0; k <= last; k++)
        {
            int i = reverse ? last - k : k;
            var item = line[i];
            if (item.Kind != value.Kind)
            {
                continue;
            }

            bool equal = value.Kind switch
            {
                CellValueKind.Number => item.Number == value.Number,
                CellValueKind.Text => pattern is not null
                    ? Criteria.WildcardMatch(item.Text, pattern)
                    : string.Equals(item.Text, value.Text, StringComparison.OrdinalIgnoreCase),
                CellValueKind.Boolean => item.Boolean == value.Boolean,
                _ => false,
            };
            if (equal)
            {
                return i;
            }
        }

        return -1;
    }

    private static int FindBlank(in Line line, bool reverse)
    {
        int last = line.LastStored;
        if (reverse && last < line.Length - 1)
        {
            return line.Length - 1;
        }

        for (int k = 0; k <= last; k++)
        {
            int i = reverse ? last - k : k;
            if (line[i].IsBlank)
            {
                return i;
            }
        }

        return last < line.Length - 1 ? last + 1 : -1;
    }

    // XLOOKUP/XMATCH match_mode -1/1 without an exact match: the closest smaller (larger) value of the same
    // type; the first such position in search order wins ties.
    private static int NearestSearch(in Line line, in CellValue needle, bool larger, bool reverse)
    {
        var value = needle.IsBlank ? CellValue.FromNumber(0) : needle;
        int best = -1;
        CellValue bestValue = default;
        int last = line.LastStored;
        for (int k = 0; k <= last; k++)
        {
            int i = reverse ? last - k : k;
            var item = line[i];
            int c = CompareSameType(item, value);
            if (c == int.MinValue || c == 0 || (c > 0) != larger)
            {
                continue;
            }

            if (best < 0 || (larger ? CompareSameType(item, bestValue) < 0 : CompareSameType(item, bestValue) > 0))
            {
                best = i;
                bestValue = item;
            }
        }

        return best;
    }

    /// <summary>Order of two values of the same lookup type, or int.MinValue when the types differ (or are blank or errors).</summary>
    private static int CompareSameType(in CellValue item, in CellValue value)
    {
        if (item.Kind != value.Kind)
        {
            return int.MinValue;
        }

        return item.Kind switch
        {
            CellValueKind.Number => item.Number.CompareTo(value.Number),
            CellValueKind.Text => Math.Sign(string.Compare(item.Text, value.Text, StringComparison.OrdinalIgnoreCase)),
            CellValueKind.Boolean => item.Boolean.CompareTo(value.Boolean),
            _ => int.MinValue,
        };
    }

    /// <summary>
    /// Excel's approximate search (VLOOKUP/HLOOKUP TRUE, MATCH 1 and -1): bisection with inclusive bounds and a
    /// floor midpoint over the whole range. Only values of the lookup value's type are compared; a probe on
    /// another one moves forward to the next comparable value up to the upper bound, or the search goes on in
    /// the lower half. The result is the last position whose value is at most (descending: at least) the
    /// lookup value, or -1.
    /// </summary>
    private static int ApproximateSearch(in Line line, in CellValue needle, bool descending)
    {
        var value = needle.IsBlank ? CellValue.FromNumber(0) : needle;
        int lo = 0;
        int hi = line.Length - 1;
        int last = line.LastStored;
        int nearest = -1;
        while (lo <= hi)
        {
            int mid = lo + ((hi - lo) / 2);
            int probe = -1;
            int c = 0;
            for (int i = mid; i <= Math.Min(hi, last); i++)
            {
                c = CompareSameType(line[i], value);
                if (c != int.MinValue)
                {
                    probe = i;
                    break;
                }
            }

            if (probe < 0)
            {
                hi = mid - 1;
                continue;
            }

            if (c == 0)
            {
                return descending ? RunStart(line, value, probe) : RunEnd(line, value, probe, last);
            }

            if ((c < 0) != descending)
            {
                nearest = probe;
                lo = probe + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return nearest;
    }

    // From an exact hit, the last (first) of the run of equal values; values of other types are passed over.
    private static int RunEnd(in Line line, in CellValue value, int hit, int last)
    {
        int end = hit;
        for (int i = hit + 1; i <= last; i++)
        {
            int c = CompareSameType(line[i], value);
            if (c == int.MinValue)
            {
                continue;
            }

            if (c != 0)
            {
                break;
            }

            end = i;
        }

        return end;
    }

    private static int RunStart(in Line line, in CellValue value, int hit)
    {
        int start = hit;
        for (int i = hit - 1; i >= 0; i--)
        {
            int c = CompareSameType(line[i], value);
            if (c == int.MinValue)
            {
                continue;
            }

            if (c != 0)
            {
                break;
            }

            start = i;
        }

        return start;
    }

    // Binary search of XLOOKUP/XMATCH (search_mode 2 ascending, -2 descending) in Excel's sort order.
    private static int BinarySearch(in Line line, in CellValue needle, int matchMode, bool descending)
    {
        // The first position that does not sort before the lookup value.
        int lo = 0;
        int hi = line.Length;
        while (lo < hi)
        {
            int mid = lo + ((hi - lo) / 2);
            if (SortPosition(line[mid], needle, descending) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        if (lo < line.Length && SortPosition(line[lo], needle, descending) == 0)
        {
            return lo;
        }

        // Next larger: ascending it follows, descending it precedes; next smaller the other way round.
        return matchMode switch
        {
            1 => descending ? lo - 1 : (lo < line.Length ? lo : -1),
            -1 => descending ? (lo < line.Length ? lo : -1) : lo - 1,
            _ => -1,
        };
    }

    // Where an item sorts relative to the lookup value: numbers, text, booleans, errors, and empty cells last
    // in either direction.
    private static int SortPosition(in CellValue item, in CellValue needle, bool descending)
    {
        if (item.IsBlank || needle.IsBlank)
        {
            return item.IsBlank == needle.IsBlank ? 0 : (item.IsBlank ? 1 : -1);
        }

        int c = SortRank(item).CompareTo(SortRank(needle));
        if (c == 0)
        {
            c = item.Kind switch
            {
                CellValueKind.Number => item.Number.CompareTo(needle.Number),
                CellValueKind.Text => Math.Sign(string.Compare(item.Text, needle.Text, StringComparison.OrdinalIgnoreCase)),
                CellValueKind.Boolean => item.Boolean.CompareTo(needle.Boolean),
                _ => ((int)item.Error).CompareTo((int)needle.Error),
            };
        }

        return descending ? -c : c;
    }

    private static int SortRank(in CellValue value) => value.Kind switch
    {
        CellValueKind.Number => 0,
        CellValueKind.Text => 1,
        CellValueKind.Boolean => 2,
        _ => 3,
    };

    /// <summary>
    /// One row or column of a grid. <see cref="LastStored"/> bounds reads of a reference by the sheet's used
    /// area: positions after it are empty, so whole-column lookups never walk a million empty rows.
    /// </summary>
    private readonly struct Line
    {
        private readonly Grid _grid;
        private readonly bool _vertical;
        private readonly int _fixed;

        private Line(Grid grid, bool vertical, int fixedIndex)
        {
            _grid = grid;
            _vertical = vertical;
            _fixed = fixedIndex;
            Length = vertical ? grid.Rows : grid.Columns;
            int last = Length - 1;
            if (grid.Reference is { } r)
            {
                last = vertical ? Math.Min(last, r.Sheet.MaxRow - r.Row1) : Math.Min(last, r.Sheet.MaxColumn - r.Column1);
            }

            LastStored = last;
        }

        public int Length { get; }

        public int LastStored { get; }

        public CellValue this[int index] =>
            index > LastStored ? CellValue.Blank : (_vertical ? _grid[index, _fixed] : _grid[_fixed, index]);

        /// <summary>Column <paramref name="index"/> of the grid (vertical) or row <paramref name="index"/>.</summary>
        public static Line Of(Grid grid, bool vertical, int index) => new(grid, vertical, index);
    }
}
