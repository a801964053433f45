namespace Collab.Workbooks.Engine.Functions;

/// <summary>
/// A criterion of SUMIF, COUNTIF, AVERAGEIF, MAXIFS and their kin, as Excel reads it: an optional operator
/// (=, &lt;&gt;, &lt;, &lt;=, &gt;, &gt;=) then a number, boolean, error or text; text with = or &lt;&gt; may use
/// wildcards * and ? (~ escapes them), compared case-insensitively. "" matches empty cells and empty text,
/// "=" only empty cells, "&lt;&gt;" every non-empty cell. A criterion that is a number also matches text that
/// reads as that number. An empty cell as criterion means 0.
/// </summary>
internal sealed class Criteria
{
    private enum Op : byte
    {
        Equal,
        NotEqual,
        Less,
        LessOrEqual,
        Greater,
        GreaterOrEqual,
    }

    private enum Special : byte
    {
        None,
        BlankOrEmptyText,
        BlankOnly,
        NotBlank,
    }

    private readonly Op _op;
    private readonly CellValue _operand;
    private readonly Special _special;
    private readonly string? _pattern;

    private Criteria(Op op, CellValue operand, Special special = Special.None, string? pattern = null)
    {
        _op = op;
        _operand = operand;
        _special = special;
        _pattern = pattern;
    }

    /// <summary>True when an empty cell satisfies the criterion (so empty positions must be visited).</summary>
    public bool MatchesBlank => Matches(CellValue.Blank);

    public static Criteria Parse(in CellValue criterion, TimeProvider clock)
    {
        switch (criterion.Kind)
        {
            case CellValueKind.Blank:
                return new Criteria(Op.Equal, CellValue.FromNumber(0));
            case CellValueKind.Number:
            case CellValueKind.Boolean:
            case CellValueKind.Error:
                return new Criteria(Op.Equal, criterion);
        }

        string text = criterion.Text;
        Op op = Op.Equal;
        int skip = 0;
        bool explicitOp = true;
        if (text.StartsWith("<=", StringComparison.Ordinal))
        {
            op = Op.LessOrEqual;
            skip = 2;
        }
        else if (text.StartsWith(">=", StringComparison.Ordinal))
        {
            op = Op.GreaterOrEqual;
            skip = 2;
        }
        else if (text.StartsWith("<>", StringComparison.Ordinal))
        {
            op = Op.NotEqual;
            skip = 2;
        }
        else if (text.StartsWith('<'))
        {
            op = Op.Less;
            skip = 1;
        }
        else if (text.StartsWith('>'))
        {
            op = Op.Greater;
            skip = 1;
        }
        else if (text.StartsWith('='))
        {
            skip = 1;
        }
        else
        {
            explicitOp = false;
        }

        string rest = text[skip..];
        if (rest.Length == 0)
        {
            return op switch
            {
                Op.Equal => new Criteria(op, CellValue.EmptyText, explicitOp ? Special.BlankOnly : Special.BlankOrEmptyText),
                Op.NotEqual => new Criteria(op, CellValue.EmptyText, Special.NotBlank),
                _ => new Criteria(op, CellValue.EmptyText),
            };
        }

        if (TextToNumber.TryParse(rest, clock, out double number))
        {
            return new Criteria(op, CellValue.FromNumber(number));
        }

        if (rest.Equals("TRUE", StringComparison.OrdinalIgnoreCase) || rest.Equals("FALSE", StringComparison.OrdinalIgnoreCase))
        {
            return new Criteria(op, CellValue.FromBoolean(rest.Length == 4));
        }

        if (ErrorValues.TryParse(rest, out var error))
        {
            return new Criteria(op, CellValue.FromError(error));
        }

        bool wildcard = (op is Op.Equal or Op.NotEqual) && rest.AsSpan().IndexOfAny("*?~") >= 0;
        return new Criteria(op, CellValue.FromText(rest), Special.None, wildcard ? rest : null);
    }

    public bool Matches(in CellValue value)
    {
        switch (_special)
        {
            case Special.BlankOrEmptyText:
                return value.IsBlank || (value.IsText && value.Text.Length == 0);
            case Special.BlankOnly:
                return value.IsBlank;
            case Special.NotBlank:
                return !value.IsBlank;
        }

        if (_op == Op.NotEqual)
        {
            return !EqualMatch(value);
        }

        if (_op == Op.Equal)
        {
            return EqualMatch(value);
        }

        // Ordering operators compare values of the criterion's own type only.
        if (value.Kind != _operand.Kind)
        {
            return false;
        }

        int c = Coercion.Compare(value, _operand);
        return _op switch
        {
            Op.Less => c < 0,
            Op.LessOrEqual => c <= 0,
            Op.Greater => c > 0,
            _ => c >= 0,
        };
    }

    private bool EqualMatch(in CellValue value)
    {
        switch (_operand.Kind)
        {
            case CellValueKind.Number:
                if (value.IsNumber)
                {
                    return Coercion.ApproxEqual(value.Number, _operand.Number);
                }

                return value.IsText && NumberText.TryParse(value.Text, out double parsed) && Coercion.ApproxEqual(parsed, _operand.Number);
            case CellValueKind.Text:
                if (!value.IsText)
                {
                    return false;
                }

                return _pattern is not null
                    ? WildcardMatch(value.Text, _pattern)
                    : string.Equals(value.Text, _operand.Text, StringComparison.OrdinalIgnoreCase);
            case CellValueKind.Boolean:
                return value.IsBoolean && value.Boolean == _operand.Boolean;
            case CellValueKind.Error:
                return value.IsError && value.Error == _operand.Error;
            default:
                return value.IsBlank;
        }
    }

    /// <summary>Excel wildcard match, case-insensitive: * any run, ? one character, ~ escapes the next character.</summary>
    public static bool WildcardMatch(string text, string pattern)
    {
        int t = 0;
        int p = 0;
        int starP = -1;
        int starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length)
            {
                char pc = pattern[p];
                if (pc == '*')
                {
                    starP = ++p;
                    starT = t;
                    continue;
                }

                if (pc == '?')
                {
                    p++;
                    t++;
                    continue;
                }

                if (pc == '~' && p + 1 < pattern.Length)
                {
                    pc = pattern[p + 1];
                    if (char.ToUpperInvariant(pc) == char.ToUpperInvariant(text[t]))
                    {
                        p += 2;
                        t++;
                        continue;
                    }
                }
                else if (char.ToUpperInvariant(pc) == char.ToUpperInvariant(text[t]))
                {
                    p++;
                    t++;
                    continue;
                }
            }

            if (starP < 0)
            {
                return false;
            }

            p = starP;
            t = ++starT;
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}

/// <summary>
/// The shared walk of the *IFS functions: the positions of a value range (or of the first criteria range) at
/// which every (range, criterion) pair matches. Ranges must have the same shape (else #VALUE!).
/// </summary>
internal static class ConditionalScan
{
    /// <summary>
    /// Fills <paramref name="matches"/> with the offsets that satisfy every criterion. When
    /// <paramref name="valueGrid"/> is given only its stored cells are candidates (SUMIFS, MAXIFS: empty value cells
    /// add nothing); otherwise every position is a candidate when a criterion matches blanks (COUNTIFS).
    /// </summary>
    public static bool TryMatch(FunctionArgs args, int firstPair, Grid? valueGrid, List<(int Row, int Column)> matches, out Operand error)
    {
        error = default;
        int pairs = (args.Count - firstPair) / 2;
        if (pairs == 0 || (args.Count - firstPair) % 2 != 0)
        {
            error = Operand.Error(ErrorValue.Value);
            return false;
        }

        var grids = new Grid[pairs];
        var criteria = new Criteria[pairs];
        for (int i = 0; i < pairs; i++)
        {
            grids[i] = new Grid(args[firstPair + (2 * i)], args.Context);
            var criterion = args.Scalar(firstPair + (2 * i) + 1);
            criteria[i] = Criteria.Parse(criterion, args.Context.Workbook.TimeProvider);
            if (i > 0 && (grids[i].Rows != grids[0].Rows || grids[i].Columns != grids[0].Columns))
            {
                error = Operand.Error(ErrorValue.Value);
                return false;
            }
        }

        if (valueGrid is { } v && (v.Rows != grids[0].Rows || v.Columns != grids[0].Columns))
        {
            error = Operand.Error(ErrorValue.Value);
            return false;
        }

        var candidates = new List<(int Row, int Column)>();
        if (valueGrid is { } values)
        {
            values.CollectPositions(candidates);
        }
        else
        {
            bool anyBlankMatch = false;
            foreach (var c in criteria)
            {
                anyBlankMatch |= c.MatchesBlank;
            }

            if (anyBlankMatch)
            {
                long size = (long)grids[0].Rows * grids[0].Columns;
                if (size > 5_000_000)
                {
                    error = Operand.Error(ErrorValue.Number);
                    return false;
                }

                for (int r = 0; r < grids[0].Rows; r++)
                {
                    for (int c = 0; c < grids[0].Columns; c++)
                    {
                        candidates.Add((r, c));
                    }
                }
            }
            else
            {
                grids[0].CollectPositions(candidates);
            }
        }

        foreach (var position in candidates)
        {
            bool all = true;
            for (int i = 0; i < pairs && all; i++)
            {
                all = criteria[i].Matches(grids[i][position.Row, position.Column]);
            }

            if (all)
            {
                matches.Add(position);
            }
        }

        return true;
    }
}
