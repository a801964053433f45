using System.Globalization;
using System.Text;

namespace Collab.Workbooks.Engine.Functions;

/// <summary>
/// Text functions. Arguments read as text as '&amp;' does (numbers in General format with 15 significant digits,
/// TRUE/FALSE, blank as ""); errors pass through; a text result longer than Excel's 32,767 characters is #VALUE!.
/// Positions and lengths count UTF-16 code units, as Excel does.
/// </summary>
[FunctionLibrary]
internal static class TextFunctions
{
    /// <summary>Excel's longest text value.</summary>
    internal const int MaxLength = 32_767;

    private const FunctionFlags Scalar = FunctionFlags.Scalar;

    // Windows-1252 characters 128 to 159 (CHAR and CODE use the ANSI code page, as Excel on Windows).
    private const string Ansi80 =
        "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F" +
        "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

    public static void Register(FunctionRegistry registry)
    {
        registry.Add("CONCATENATE", 1, FunctionDefinition.Unlimited, Concatenate, Scalar);
        registry.Add("CONCAT", 1, FunctionDefinition.Unlimited, Concat);
        registry.Add("TEXTJOIN", 3, 254, TextJoin);
        registry.Add("TEXT", 2, 2, Text, Scalar);
        registry.Add("VALUE", 1, 1, Value, Scalar);
        registry.Add("NUMBERVALUE", 1, 3, NumberValue, Scalar);
        registry.Add("FIXED", 1, 3, Fixed, Scalar);
        registry.Add("DOLLAR", 1, 2, Dollar, Scalar);
        registry.Add("LEFT", 1, 2, args => LeftOrRight(args, left: true), Scalar);
        registry.Add("RIGHT", 1, 2, args => LeftOrRight(args, left: false), Scalar);
        registry.Add("MID", 3, 3, Mid, Scalar);
        registry.Add("LEN", 1, 1, Len, Scalar);
        registry.Add("UPPER", 1, 1, args => Map(args, static s => s.ToUpperInvariant()), Scalar);
        registry.Add("LOWER", 1, 1, args => Map(args, static s => s.ToLowerInvariant()), Scalar);
        registry.Add("PROPER", 1, 1, args => Map(args, Proper), Scalar);
        registry.Add("TRIM", 1, 1, args => Map(args, Trim), Scalar);
        registry.Add("CLEAN", 1, 1, args => Map(args, Clean), Scalar);
        registry.Add("SUBSTITUTE", 3, 4, Substitute, Scalar);
        registry.Add("REPLACE", 4, 4, Replace, Scalar);
        registry.Add("FIND", 2, 3, args => Find(args, caseSensitive: true), Scalar);
        registry.Add("SEARCH", 2, 3, args => Find(args, caseSensitive: false), Scalar);
        registry.Add("REPT", 2, 2, Rept, Scalar);
        registry.Add("EXACT", 2, 2, Exact, Scalar);
        registry.Add("CHAR", 1, 1, Char, Scalar);
        registry.Add("CODE", 1, 1, Code, Scalar);
        registry.Add("UNICHAR", 1, 1, UniChar, Scalar);
        registry.Add("UNICODE", 1, 1, UniCode, Scalar);
    }

    /// <summary>Text as a result, or #VALUE! when it is longer than Excel allows.</summary>
    internal static Operand TextResult(string text) =>
        text.Length > MaxLength ? Operand.Error(ErrorValue.Value) : Operand.Text(text);

    // An integer argument: absent gives the default, an empty argument or blank cell 0 (as Excel's LEFT("abc",)).
    private static bool TryInteger(FunctionArgs args, int index, long whenAbsent, out long value, out Operand error)
    {
        if (index >= args.Count)
        {
            value = whenAbsent;
            error = default;
            return true;
        }

        if (!args.TryNumber(index, out double number, out error))
        {
            value = 0;
            return false;
        }

        value = (long)Math.Truncate(Math.Clamp(number, -1e15, 1e15));
        return true;
    }

    private static Operand Concatenate(FunctionArgs args)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < args.Count; i++)
        {
            if (!args.TryText(i, out string text, out var error))
            {
                return error;
            }

            sb.Append(text);
            if (sb.Length > MaxLength)
            {
                return Operand.Error(ErrorValue.Value);
            }
        }

        return Operand.Text(sb.ToString());
    }

    private struct ConcatVisitor(StringBuilder sb) : IValueVisitor
    {
        public ErrorValue? Error;

        public bool Visit(in CellValue value, bool direct)
        {
            if (value.IsError)
            {
                Error = value.Error;
                return false;
            }

            sb.Append(value.ToDisplayText());
            if (sb.Length > MaxLength)
            {
                Error = ErrorValue.Value;
                return false;
            }

            return true;
        }
    }

    // CONCAT(text1, ...): ranges and arrays give all their items, row by row.
    private static Operand Concat(FunctionArgs args)
    {
        var sb = new StringBuilder();
        var visitor = new ConcatVisitor(sb);
        Aggregation.VisitValues(args, 0, args.Count, ref visitor);
        return visitor.Error is { } error ? Operand.Error(error) : Operand.Text(sb.ToString());
    }

    // TEXTJOIN(delimiter, ignore_empty, text1, ...): a range of delimiters is used in turn; blank cells and
    // "" are skipped when ignore_empty is TRUE.
    private static Operand TextJoin(FunctionArgs args)
    {
        var delimiters = new List<string>();
        var delimiterError = ForEachItem(args.Context, args[0], includeBlanks: true, item =>
        {
            delimiters.Add(item.ToDisplayText());
            return delimiters.Count < 65_536;
        });
        if (delimiterError is { } e1)
        {
            return Operand.Error(e1);
        }

        if (!args.TryBoolean(1, out bool ignoreEmpty, out var error))
        {
            return error;
        }

        if (delimiters.Count == 0)
        {
            delimiters.Add(string.Empty);
        }

        // Blank cells add only delimiters: when every delimiter is "" they can be skipped.
        bool includeBlanks = !ignoreEmpty && delimiters.Exists(d => d.Length > 0);
        var sb = new StringBuilder();
        int joined = 0;
        bool tooLong = false;
        for (int i = 2; i < args.Count; i++)
        {
            var operand = args.IsMissing(i) ? new Operand(CellValue.Blank) : args[i];
            var itemError = ForEachItem(args.Context, operand, includeBlanks, item =>
            {
                string text = item.ToDisplayText();
                if (ignoreEmpty && text.Length == 0)
                {
                    return true;
                }

                if (joined > 0)
                {
                    sb.Append(delimiters[(joined - 1) % delimiters.Count]);
                }

                sb.Append(text);
                joined++;
                tooLong = sb.Length > MaxLength;
                return !tooLong;
            });
            if (itemError is { } e2)
            {
                return Operand.Error(e2);
            }

            if (tooLong)
            {
                return Operand.Error(ErrorValue.Value);
            }
        }

        return Operand.Text(sb.ToString());
    }

    // The items of an argument in reading order: a range's cells (every position when blanks count, else the
    // stored ones), an array's items, or the value. Returns the first error met; the visitor may stop early.
    private static ErrorValue? ForEachItem(Evaluator context, in Operand operand, bool includeBlanks, Func<CellValue, bool> visit)
    {
        if (operand.Reference is { } r)
        {
            if (includeBlanks)
            {
                for (int row = r.Row1; row <= r.Row2; row++)
                {
                    for (int column = r.Column1; column <= r.Column2; column++)
                    {
                        var value = context.ReadCell(r.Sheet, row, column);
                        if (value.IsError)
                        {
                            return value.Error;
                        }

                        if (!visit(value))
                        {
                            return null;
                        }
                    }
                }

                return null;
            }

            var cursor = r.Sheet.Cursor(r.Row1, r.Column1, r.Row2, r.Column2);
            while (cursor.MoveNext())
            {
                var value = context.ReadCell(cursor.Current);
                if (value.IsError)
                {
                    return value.Error;
                }

                if (!value.IsBlank && !visit(value))
                {
                    return null;
                }
            }

            return null;
        }

        if (operand.Array is { } array)
        {
            foreach (var item in array.Items)
            {
                if (item.IsError)
                {
                    return item.Error;
                }

                if (!visit(item))
                {
                    return null;
                }
            }

            return null;
        }

        if (operand.Value.IsError)
        {
            return operand.Value.Error;
        }

        visit(operand.Value);
        return null;
    }

    // TEXT(value, format_text): text that reads as a number or date is formatted as that number.
    private static Operand Text(FunctionArgs args)
    {
        var value = args.Scalar(0);
        if (value.IsError)
        {
            return value;
        }

        if (!args.TryText(1, out string format, out var error))
        {
            return error;
        }

        if (format.Length == 0)
        {
            return Operand.Text(string.Empty);
        }

        if (!NumberFormat.TryParse(format, out var code, out _))
        {
            return Operand.Error(ErrorValue.Value);
        }

        if (value.IsBlank)
        {
            value = CellValue.FromNumber(0);
        }
        else if (value.IsText && TextToNumber.TryParse(value.Text, args.Context.Workbook.TimeProvider, out double number))
        {
            value = CellValue.FromNumber(number);
        }

        var result = code.Format(value);
        return result.IsOverflow ? Operand.Error(ErrorValue.Value) : TextResult(result.Text);
    }

    private static Operand Value(FunctionArgs args)
    {
        var value = args.Scalar(0);
        switch (value.Kind)
        {
            case CellValueKind.Number:
            case CellValueKind.Error:
                return value;
            case CellValueKind.Blank:
                return Operand.Number(0);
            case CellValueKind.Text:
                return TextToNumber.TryParse(value.Text, args.Context.Workbook.TimeProvider, out double number)
                    ? Operand.Number(number)
                    : Operand.Error(ErrorValue.Value);
            default:
                return Operand.Error(ErrorValue.Value);
        }
    }

    // NUMBERVALUE(text, [decimal_separator], [group_separator]): locale-free reading. Spaces anywhere are
    // ignored, group separators only before the decimal separator, each trailing % divides by 100.
    private static Operand NumberValue(FunctionArgs args)
    {
        var value = args.Scalar(0);
        if (value.IsError || value.IsNumber)
        {
            return value;
        }

        if (value.IsBoolean)
        {
            return Operand.Error(ErrorValue.Value);
        }

        char decimalSeparator = '.';
        char groupSeparator = ',';
        if (!TrySeparator(args, 1, ref decimalSeparator, out var error) || !TrySeparator(args, 2, ref groupSeparator, out error))
        {
            return error;
        }

        if (decimalSeparator == groupSeparator)
        {
            return Operand.Error(ErrorValue.Value);
        }

        return TryNumberValue(value.Text, decimalSeparator, groupSeparator, out double number)
            ? Operand.Number(number)
            : Operand.Error(ErrorValue.Value);
    }

    private static bool TrySeparator(FunctionArgs args, int index, ref char separator, out Operand error)
    {
        error = default;
        if (args.IsMissing(index))
        {
            return true;
        }

        if (!args.TryText(index, out string text, out error))
        {
            return false;
        }

        if (text.Length == 0)
        {
            error = Operand.Error(ErrorValue.Value);
            return false;
        }

        separator = text[0];
        return true;
    }

    internal static bool TryNumberValue(string text, char decimalSeparator, char groupSeparator, out double value)
    {
        value = 0;
        var sb = new StringBuilder(text.Length);
        int percents = 0;
        bool seenDecimal = false;
        bool seenExponent = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            if (percents > 0 && c != '%')
            {
                return false;
            }

            if (c == '%')
            {
                percents++;
            }
            else if (c == decimalSeparator)
            {
                if (seenDecimal || seenExponent)
                {
                    return false;
                }

                seenDecimal = true;
                sb.Append('.');
            }
            else if (c == groupSeparator)
            {
                if (seenDecimal || seenExponent)
                {
                    return false;
                }
            }
            else if (char.IsAsciiDigit(c))
            {
                sb.Append(c);
            }
            else if (c is 'e' or 'E' && !seenExponent && sb.Length > 0)
            {
                seenExponent = true;
                sb.Append('E');
            }
            else if (c is '+' or '-' && (sb.Length == 0 || sb[^1] == 'E'))
            {
                sb.Append(c);
            }
            else
            {
                return false;
            }
        }

        if (sb.Length == 0)
        {
            value = 0;
            return percents == 0;
        }

        if (!double.TryParse(sb.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
        {
            return false;
        }

        for (int i = 0; i < percents; i++)
        {
            value /= 100;
        }

        return true;
    }

    // FIXED(number, [decimals=2], [no_commas=FALSE]): rounded as ROUND does, then shown with or without commas.
    private static Operand Fixed(FunctionArgs args)
    {
        if (!args.TryNumber(0, out double number, out var error) || !TryInteger(args, 1, 2, out long decimals, out error))
        {
            return error;
        }

        bool noCommas = false;
        if (args.Count > 2 && !args.TryBoolean(2, out noCommas, out error))
        {
            return error;
        }

        return decimals > 127 ? Operand.Error(ErrorValue.Value) : Operand.Text(FixedText(number, (int)Math.Max(decimals, -400), !noCommas, dollar: false));
    }

    // DOLLAR(number, [decimals=2]): $#,##0.00 with negatives in parentheses.
    private static Operand Dollar(FunctionArgs args)
    {
        if (!args.TryNumber(0, out double number, out var error) || !TryInteger(args, 1, 2, out long decimals, out error))
        {
            return error;
        }

        return decimals > 127 ? Operand.Error(ErrorValue.Value) : Operand.Text(FixedText(number, (int)Math.Max(decimals, -400), commas: true, dollar: true));
    }

    internal static string FixedText(double number, int decimals, bool commas, bool dollar)
    {
        var digits = DecimalDigits.From(number).RoundToDecimals(decimals);
        bool negative = number < 0 && !digits.IsZero;
        var (integer, fraction) = digits.Split(Math.Max(0, decimals));
        if (integer.Length == 0)
        {
            integer = "0";
        }

        var sb = new StringBuilder();
        if (negative)
        {
            sb.Append(dollar ? '(' : '-');
        }

        if (dollar)
        {
            sb.Append('$');
        }

        for (int i = 0; i < integer.Length; i++)
        {
            if (commas && i > 0 && (integer.Length - i) % 3 == 0)
            {
                sb.Append(',');
            }

            sb.Append(integer[i]);
        }

        if (decimals > 0)
        {
            sb.Append('.').Append(fraction);
        }

        if (negative && dollar)
        {
            sb.Append(')');
        }

        return sb.ToString();
    }

    private static Operand LeftOrRight(FunctionArgs args, bool left)
    {
        if (!args.TryText(0, out string text, out var error) || !TryInteger(args, 1, 1, out long count, out error))
        {
            return error;
        }

        if (count < 0)
        {
            return Operand.Error(ErrorValue.Value);
        }

        int n = (int)Math.Min(count, text.Length);
        return Operand.Text(left ? text[..n] : text[(text.Length - n)..]);
    }

    // MID(text, start_num, num_chars).
    private static Operand Mid(FunctionArgs args)
    {
        if (!args.TryText(0, out string text, out var error) || !TryInteger(args, 1, 1, out long start, out error)
            || !TryInteger(args, 2, 0, out long count, out error))
        {
            return error;
        }

        if (start < 1 || count < 0)
        {
            return Operand.Error(ErrorValue.Value);
        }

        if (start > text.Length)
        {
            return Operand.Text(string.Empty);
        }

        int from = (int)start - 1;
        int n = (int)Math.Min(count, text.Length - from);
        return Operand.Text(text.Substring(from, n));
    }

    private static Operand Len(FunctionArgs args) =>
        args.TryText(0, out string text, out var error) ? Operand.Number(text.Length) : error;

    private static Operand Map(FunctionArgs args, Func<string, string> map) =>
        args.TryText(0, out string text, out var error) ? TextResult(map(text)) : error;

    // PROPER: a letter after anything but a letter is capitalised, other letters lowered ("o'neil" is "O'Neil", "2nd" is "2Nd").
    private static string Proper(string text)
    {
        var chars = text.ToCharArray();
        bool afterLetter = false;
        for (int i = 0; i < chars.Length; i++)
        {
            char c = chars[i];
            if (char.IsLetter(c))
            {
                chars[i] = afterLetter ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c);
                afterLetter = true;
            }
            else
            {
                afterLetter = false;
            }
        }

        return new string(chars);
    }

    // TRIM: leading and trailing spaces go, inner runs become one; only the ASCII space (32).
    private static string Trim(string text)
    {
        var sb = new StringBuilder(text.Length);
        bool pendingSpace = false;
        foreach (char c in text)
        {
            if (c == ' ')
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    // CLEAN: removes the non-printing characters 0 to 31.
    private static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c >= 32)
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    // SUBSTITUTE(text, old_text, new_text, [instance_num]): case-sensitive; every occurrence or only the nth.
    private static Operand Substitute(FunctionArgs args)
    {
        if (!args.TryText(0, out string text, out var error) || !args.TryText(1, out string oldText, out error)
            || !args.TryText(2, out string newText, out error))
        {
            return error;
        }

        long instance = 0;
        if (args.Count > 3)
        {
            if (!TryInteger(args, 3, 0, out instance, out error))
            {
                return error;
            }

            if (instance < 1)
            {
                return Operand.Error(ErrorValue.Value);
            }
        }

        if (oldText.Length == 0)
        {
            return Operand.Text(text);
        }

        if (instance == 0)
        {
            return TextResult(text.Replace(oldText, newText, StringComparison.Ordinal));
        }

        int at = -1;
        int from = 0;
        for (long n = 0; n < instance; n++)
        {
            at = text.IndexOf(oldText, from, StringComparison.Ordinal);
            if (at < 0)
            {
                return Operand.Text(text);
            }

            from = at + oldText.Length;
        }

        return TextResult(string.Concat(text.AsSpan(0, at), newText, text.AsSpan(at + oldText.Length)));
    }

    // REPLACE(old_text, start_num, num_chars, new_text).
    private static Operand Replace(FunctionArgs args)
    {
        if (!args.TryText(0, out string text, out var error) || !TryInteger(args, 1, 1, out long start, out error)
            || !TryInteger(args, 2, 0, out long count, out error) || !args.TryText(3, out string newText, out error))
        {
            return error;
        }

        if (start < 1 || count < 0)
        {
            return Operand.Error(ErrorValue.Value);
        }

        int from = (int)Math.Min(start - 1, text.Length);
        int to = (int)Math.Min(from + count, text.Length);
        return TextResult(string.Concat(text.AsSpan(0, from), newText, text.AsSpan(to)));
    }

    // FIND(find_text, within_text, [start_num]) is case-sensitive without wildcards; SEARCH ignores case and
    // takes * ? ~. Both give the 1-based position or #VALUE!.
    private static Operand Find(FunctionArgs args, bool caseSensitive)
    {
        if (!args.TryText(0, out string find, out var error) || !args.TryText(1, out string within, out error)
            || !TryInteger(args, 2, 1, out long start, out error))
        {
            return error;
        }

        if (start < 1 || start > within.Length)
        {
            return Operand.Error(ErrorValue.Value);
        }

        int from = (int)start - 1;
        int at;
        if (caseSensitive)
        {
            at = within.IndexOf(find, from, StringComparison.Ordinal);
        }
        else if (find.AsSpan().IndexOfAny("*?~") >= 0)
        {
            at = WildcardIndexOf(within, find, from);
        }
        else
        {
            at = within.IndexOf(find, from, StringComparison.OrdinalIgnoreCase);
        }

        return at < 0 ? Operand.Error(ErrorValue.Value) : Operand.Number(at + 1);
    }

    /// <summary>The first position at or after <paramref name="from"/> where the wildcard pattern matches the text that follows (case-insensitive).</summary>
    internal static int WildcardIndexOf(string text, string pattern, int from)
    {
        for (int i = from; i < text.Length; i++)
        {
            if (MatchesAt(text, i, pattern))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool MatchesAt(string text, int start, string pattern)
    {
        int t = start;
        int p = 0;
        int starP = -1;
        int starT = 0;
        while (true)
        {
            if (p == pattern.Length)
            {
                return true;
            }

            char pc = pattern[p];
            if (pc == '*')
            {
                starP = ++p;
                starT = t;
                continue;
            }

            if (t < text.Length)
            {
                if (pc == '?')
                {
                    p++;
                    t++;
                    continue;
                }

                int advance = 1;
                if (pc == '~' && p + 1 < pattern.Length)
                {
                    pc = pattern[p + 1];
                    advance = 2;
                }

                if (char.ToUpperInvariant(pc) == char.ToUpperInvariant(text[t]))
                {
                    p += advance;
                    t++;
                    continue;
                }
            }

            if (starP < 0 || starT >= text.Length)
            {
                return false;
            }

            p = starP;
            t = ++starT;
        }
    }

    // REPT(text, number_times).
    private static Operand Rept(FunctionArgs args)
    {
        if (!args.TryText(0, out string text, out var error) || !TryInteger(args, 1, 0, out long times, out error))
        {
            return error;
        }

        if (times < 0)
        {
            return Operand.Error(ErrorValue.Value);
        }

        if (text.Length == 0)
        {
            return Operand.Text(string.Empty);
        }

        if (times > MaxLength / text.Length)
        {
            return Operand.Error(ErrorValue.Value);
        }

        return Operand.Text(new StringBuilder(text.Length * (int)times).Insert(0, text, (int)times).ToString());
    }

    private static Operand Exact(FunctionArgs args)
    {
        if (!args.TryText(0, out string a, out var error) || !args.TryText(1, out string b, out error))
        {
            return error;
        }

        return Operand.Boolean(string.Equals(a, b, StringComparison.Ordinal));
    }

    // CHAR(number): the Windows-1252 character 1 to 255.
    private static Operand Char(FunctionArgs args)
    {
        if (!TryInteger(args, 0, 0, out long code, out var error))
        {
            return error;
        }

        if (code is < 1 or > 255)
        {
            return Operand.Error(ErrorValue.Value);
        }

        char c = code is >= 0x80 and <= 0x9F ? Ansi80[(int)code - 0x80] : (char)code;
        return Operand.Text(c.ToString());
    }

    // CODE(text): the Windows-1252 code of the first character; characters outside it give 63 ('?').
    private static Operand Code(FunctionArgs args)
    {
        if (!args.TryText(0, out string text, out var error))
        {
            return error;
        }

        if (text.Length == 0)
        {
            return Operand.Error(ErrorValue.Value);
        }

        char c = text[0];
        if (c < 0x80 || (c >= 0xA0 && c <= 0xFF))
        {
            return Operand.Number(c);
        }

        int index = Ansi80.IndexOf(c, StringComparison.Ordinal);
        return Operand.Number(index >= 0 ? 0x80 + index : 63);
    }

    // UNICHAR(number): the Unicode character; 0 and numbers past U+10FFFF are #VALUE!, lone surrogates #N/A.
    private static Operand UniChar(FunctionArgs args)
    {
        if (!TryInteger(args, 0, 0, out long code, out var error))
        {
            return error;
        }

        if (code is < 1 or > 0x10FFFF)
        {
            return Operand.Error(ErrorValue.Value);
        }

        if (code is >= 0xD800 and <= 0xDFFF)
        {
            return Operand.Error(ErrorValue.NotAvailable);
        }

        return Operand.Text(char.ConvertFromUtf32((int)code));
    }

    // UNICODE(text): the code point of the first character (a surrogate pair counts as one).
    private static Operand UniCode(FunctionArgs args)
    {
        if (!args.TryText(0, out string text, out var error))
        {
            return error;
        }

        if (text.Length == 0)
        {
            return Operand.Error(ErrorValue.Value);
        }

        int code = char.IsHighSurrogate(text[0]) && text.Length > 1 && char.IsLowSurrogate(text[1])
            ? char.ConvertToUtf32(text[0], text[1])
            : text[0];
        return Operand.Number(code);
    }
}
