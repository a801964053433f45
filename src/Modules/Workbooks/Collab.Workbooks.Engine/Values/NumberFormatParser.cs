using System.Globalization;

namespace Collab.Workbooks.Engine;

/// <summary>The kinds of token in a format section.</summary>
internal enum FormatTokenKind : byte
{
    /// <summary>Text shown as is: quoted text, \x, _x (a space), unquoted symbols, [$€-407] currency.</summary>
    Literal,

    /// <summary>0: a digit, or 0 when there is none.</summary>
    Zero,

    /// <summary>#: a digit, or nothing.</summary>
    Hash,

    /// <summary>?: a digit, or a space.</summary>
    Question,

    DecimalPoint,
    Comma,
    Percent,

    /// <summary>E+ E- e+ e- (Text keeps the spelling).</summary>
    Exponent,

    Slash,

    /// <summary>@: the text value.</summary>
    Text,

    /// <summary>General inside a section.</summary>
    General,

    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,
    ElapsedHours,
    ElapsedMinutes,
    ElapsedSeconds,

    /// <summary>b, bb, bbbb: the year of the Buddhist era (Gregorian year + 543).</summary>
    BuddhistYear,

    /// <summary>g, gg, ggg: an era name (empty in the Gregorian calendar).</summary>
    Era,

    /// <summary>AM/PM or A/P (Text keeps the spelling: "a/p" shows a or p).</summary>
    AmPm,

    /// <summary>.0 to .000 after seconds: Count decimals.</summary>
    SubSecond,
}

/// <summary>How a section shows a number.</summary>
internal enum SectionKind : byte
{
    /// <summary>Literals only (or @): no digits of the number.</summary>
    Literal,
    General,
    Number,
    Scientific,
    Fraction,
    DateTime,
}

/// <summary>One token; <see cref="Text"/> is the literal text or the code as written, <see cref="Count"/> a run length.</summary>
internal readonly record struct FormatToken(FormatTokenKind Kind, string Text, int Count = 1)
{
    public bool IsDigit => Kind is FormatTokenKind.Zero or FormatTokenKind.Hash or FormatTokenKind.Question;

    public bool IsDatePart => Kind is >= FormatTokenKind.Year and <= FormatTokenKind.SubSecond;
}

/// <summary>A section condition such as [&lt;100] or [&gt;=1000].</summary>
internal readonly record struct FormatCondition(string Operator, double Operand)
{
    public bool Accepts(double value) => Operator switch
    {
        "<" => value < Operand,
        "<=" => value <= Operand,
        ">" => value > Operand,
        ">=" => value >= Operand,
        "<>" => value != Operand,
        _ => value == Operand,
    };
}

/// <summary>One section of a format code (between semicolons) with its layout worked out once.</summary>
internal sealed class FormatSection
{
    public FormatSection(FormatToken[] tokens) => Tokens = tokens;

    public FormatToken[] Tokens { get; }

    public SectionKind Kind { get; set; }

    public string? Color { get; set; }

    public FormatCondition? Condition { get; set; }

    /// <summary>The section holds @.</summary>
    public bool HasTextPlaceholder { get; set; }

    /// <summary>The section is exactly "General" (no literals, no colour effects on the text).</summary>
    public bool IsPlainGeneral => Kind == SectionKind.General && Tokens.Length == 1;

    /// <summary>Tokens that print nothing (grouping and scaling commas).</summary>
    public bool[] Hidden { get; set; } = [];

    /// <summary>Index of the decimal point (or of the end of the mantissa when there is none).</summary>
    public int PointIndex { get; set; }

    /// <summary>Index of the exponent token, or the token count.</summary>
    public int MantissaEnd { get; set; }

    public int IntegerDigits { get; set; }

    public int FractionDigits { get; set; }

    /// <summary>Fewest exponent digits.</summary>
    public int ExponentDigits { get; set; }

    /// <summary>Thousands separators between integer digits.</summary>
    public bool Grouping { get; set; }

    /// <summary>Decimal shift applied before display: +2 for each %, -3 for each scaling comma.</summary>
    public int Shift { get; set; }

    // Fractions: [lead][integer digits][separator][numerator]/[denominator][tail]
    public int IntegerStart { get; set; } = -1;

    public int IntegerEnd { get; set; } = -1;

    public int NumeratorStart { get; set; }

    public int SlashIndex { get; set; }

    public int DenominatorEnd { get; set; }

    /// <summary>A fixed denominator (# ?/8), or 0.</summary>
    public int FixedDenominator { get; set; }

    public int DenominatorDigits { get; set; }

    public int NumeratorDigits { get; set; }

    // Dates and times
    public bool TwelveHour { get; set; }

    public int SubSecondDigits { get; set; }

    public bool HasDate { get; set; }
}

/// <summary>Turns a format code into sections. No regular expressions: one scan over the characters.</summary>
internal static class NumberFormatParser
{
    private static readonly Dictionary<string, string> NamedColors = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Black"] = "#000000",
        ["Blue"] = "#0000FF",
        ["Cyan"] = "#00FFFF",
        ["Green"] = "#00FF00",
        ["Magenta"] = "#FF00FF",
        ["Red"] = "#FF0000",
        ["White"] = "#FFFFFF",
        ["Yellow"] = "#FFFF00",
    };

    // Excel's default 56-colour palette, for [Color1] to [Color56].
    private static readonly string[] Palette =
    [
        "#000000", "#FFFFFF", "#FF0000", "#00FF00", "#0000FF", "#FFFF00", "#FF00FF", "#00FFFF",
        "#800000", "#008000", "#000080", "#808000", "#800080", "#008080", "#C0C0C0", "#808080",
        "#9999FF", "#993366", "#FFFFCC", "#CCFFFF", "#660066", "#FF8080", "#0066CC", "#CCCCFF",
        "#000080", "#FF00FF", "#FFFF00", "#00FFFF", "#800080", "#800000", "#008080", "#0000FF",
        "#00CCFF", "#CCFFFF", "#CCFFCC", "#FFFF99", "#99CCFF", "#FF99CC", "#CC99FF", "#FFCC99",
        "#3366FF", "#33CCCC", "#99CC00", "#FFCC00", "#FF9900", "#FF6600", "#666699", "#969696",
        "#003366", "#339966", "#003300", "#333300", "#993300", "#993366", "#333399", "#333333",
    ];

    public static NumberFormatCode Parse(string code)
    {
        var sections = new List<FormatSection>(4);
        int pos = 0;
        while (true)
        {
            if (!TryParseSection(code, ref pos, out var section, out string? error))
            {
                return NumberFormatCode.Invalid(code, error);
            }

            sections.Add(section);
            if (pos >= code.Length)
            {
                break;
            }

            pos++; // ';'
            if (sections.Count == 4)
            {
                return NumberFormatCode.Invalid(code, "A format has at most four sections.");
            }
        }

        // The text section is the fourth, or the last one when it holds @ (a single "@" section formats text only).
        FormatSection? text = null;
        int numericCount = sections.Count;
        if (sections.Count == 4 || sections[^1].HasTextPlaceholder)
        {
            text = sections[^1];
            numericCount--;
        }

        var numeric = sections.GetRange(0, numericCount).ToArray();
        return new NumberFormatCode(code, numeric, text);
    }

    private static bool TryParseSection(string code, ref int pos, out FormatSection section, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        var tokens = new List<FormatToken>();
        string? color = null;
        FormatCondition? condition = null;
        error = null;
        section = null!;
        while (pos < code.Length && code[pos] != ';')
        {
            char c = code[pos];
            switch (c)
            {
                case '"':
                {
                    int close = code.IndexOf('"', pos + 1);
                    if (close < 0)
                    {
                        error = "A quoted text is not closed.";
                        return false;
                    }

                    tokens.Add(new FormatToken(FormatTokenKind.Literal, code[(pos + 1)..close]));
                    pos = close + 1;
                    break;
                }

                case '\\':
                    if (pos + 1 >= code.Length)
                    {
                        error = $"'{c}' must be followed by the character to show.";
                        return false;
                    }

                    tokens.Add(new FormatToken(FormatTokenKind.Literal, code[pos + 1].ToString()));
                    pos += 2;
                    break;
                case '_':
                    if (pos + 1 >= code.Length)
                    {
                        error = "'_' must be followed by the character whose width to leave.";
                        return false;
                    }

                    tokens.Add(new FormatToken(FormatTokenKind.Literal, " "));
                    pos += 2;
                    break;
                case '*':
                    // Repeat the next character to fill the cell: no width here, so nothing is shown.
                    if (pos + 1 >= code.Length)
                    {
                        error = "'*' must be followed by the character to repeat.";
                        return false;
                    }

                    pos += 2;
                    break;
                case '[':
                {
                    int close = code.IndexOf(']', pos + 1);
                    if (close < 0)
                    {
                        error = "A '[' is not closed.";
                        return false;
                    }

                    string content = code[(pos + 1)..close];
                    pos = close + 1;
                    if (!TryBracket(content, tokens, ref color, ref condition, out error))
                    {
                        return false;
                    }

                    break;
                }

                case '0':
                    tokens.Add(new FormatToken(FormatTokenKind.Zero, "0"));
                    pos++;
                    break;
                case '#':
                    tokens.Add(new FormatToken(FormatTokenKind.Hash, "#"));
                    pos++;
                    break;
                case '?':
                    tokens.Add(new FormatToken(FormatTokenKind.Question, "?"));
                    pos++;
                    break;
                case '.':
                    tokens.Add(new FormatToken(FormatTokenKind.DecimalPoint, "."));
                    pos++;
                    break;
                case ',':
                    tokens.Add(new FormatToken(FormatTokenKind.Comma, ","));
                    pos++;
                    break;
                case '%':
                    tokens.Add(new FormatToken(FormatTokenKind.Percent, "%"));
                    pos++;
                    break;
                case '/':
                    tokens.Add(new FormatToken(FormatTokenKind.Slash, "/"));
                    pos++;
                    break;
                case '@':
                    tokens.Add(new FormatToken(FormatTokenKind.Text, "@"));
                    pos++;
                    break;
                case 'E' or 'e' when pos + 1 < code.Length && code[pos + 1] is '+' or '-':
                    tokens.Add(new FormatToken(FormatTokenKind.Exponent, code.Substring(pos, 2)));
                    pos += 2;
                    break;
                case 'G' or 'g' when string.Compare(code, pos, "General", 0, 7, StringComparison.OrdinalIgnoreCase) == 0:
                    tokens.Add(new FormatToken(FormatTokenKind.General, code.Substring(pos, 7)));
                    pos += 7;
                    break;
                case 'A' or 'a' when string.Compare(code, pos, "AM/PM", 0, 5, StringComparison.OrdinalIgnoreCase) == 0:
                    tokens.Add(new FormatToken(FormatTokenKind.AmPm, "AM/PM"));
                    pos += 5;
                    break;
                case 'A' or 'a' when string.Compare(code, pos, "A/P", 0, 3, StringComparison.OrdinalIgnoreCase) == 0:
                    tokens.Add(new FormatToken(FormatTokenKind.AmPm, code.Substring(pos, 3)));
                    pos += 3;
                    break;
                case 'y' or 'Y':
                    tokens.Add(Run(code, ref pos, FormatTokenKind.Year));
                    break;
                case 'm' or 'M':
                    tokens.Add(Run(code, ref pos, FormatTokenKind.Month));
                    break;
                case 'd' or 'D':
                    tokens.Add(Run(code, ref pos, FormatTokenKind.Day));
                    break;
                case 'h' or 'H':
                    tokens.Add(Run(code, ref pos, FormatTokenKind.Hour));
                    break;
                case 's' or 'S':
                    tokens.Add(Run(code, ref pos, FormatTokenKind.Second));
                    break;
                case 'e' or 'E':
                    // e: the year (Gregorian calendar, four digits).
                    tokens.Add(Run(code, ref pos, FormatTokenKind.Year) with { Count = 4 });
                    break;
                case 'b' or 'B':
                    tokens.Add(Run(code, ref pos, FormatTokenKind.BuddhistYear));
                    break;
                case 'g' or 'G':
                    // g, gg, ggg: the era name, which the Gregorian calendar does not have.
                    tokens.Add(Run(code, ref pos, FormatTokenKind.Era));
                    break;
                default:
                    if (char.IsAsciiLetter(c))
                    {
                        error = $"'{c}' must be quoted (\"{c}\") or escaped (\\{c}).";
                        return false;
                    }

                    tokens.Add(new FormatToken(FormatTokenKind.Literal, c.ToString()));
                    pos++;
                    break;
            }
        }

        section = new FormatSection([.. tokens]) { Color = color, Condition = condition };
        Analyse(section);
        return true;
    }

    private static FormatToken Run(string code, ref int pos, FormatTokenKind kind)
    {
        char lower = char.ToLowerInvariant(code[pos]);
        int start = pos;
        while (pos < code.Length && char.ToLowerInvariant(code[pos]) == lower)
        {
            pos++;
        }

        return new FormatToken(kind, code[start..pos], pos - start);
    }

    private static bool TryBracket(string content, List<FormatToken> tokens, ref string? color, ref FormatCondition? condition, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        error = null;
        if (content.Length == 0)
        {
            error = "Empty brackets.";
            return false;
        }

        if (NamedColors.TryGetValue(content, out var named))
        {
            color = named;
            return true;
        }

        if (content.StartsWith("Color", StringComparison.OrdinalIgnoreCase))
        {
            if (int.TryParse(content.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= 56)
            {
                color = Palette[n - 1];
                return true;
            }

            error = $"[{content}] is not a colour: use [Color1] to [Color56].";
            return false;
        }

        if (content[0] is '<' or '>' or '=')
        {
            int opLength = content.Length > 1 && content[1] is '=' or '>' ? 2 : 1;
            string op = content[..opLength];
            if (op is "=>" or "=<" or "==" or "><")
            {
                error = $"[{content}] is not a valid condition.";
                return false;
            }

            if (!double.TryParse(content.AsSpan(opLength), NumberStyles.Float, CultureInfo.InvariantCulture, out double operand))
            {
                error = $"[{content}] is not a valid condition.";
                return false;
            }

            condition = new FormatCondition(op, operand);
            return true;
        }

        if (content[0] == '$')
        {
            // [$€-407], [$USD], [$-409]: the currency text before '-' is shown; the locale is ignored.
            int dash = content.IndexOf('-', 1);
            string symbol = dash < 0 ? content[1..] : content[1..dash];
            if (symbol.Length > 0)
            {
                tokens.Add(new FormatToken(FormatTokenKind.Literal, symbol));
            }

            return true;
        }

        char first = char.ToLowerInvariant(content[0]);
        if (first is 'h' or 'm' or 's')
        {
            foreach (char ch in content)
            {
                if (char.ToLowerInvariant(ch) != first)
                {
                    error = $"[{content}] is not a valid elapsed time.";
                    return false;
                }
            }

            var kind = first == 'h' ? FormatTokenKind.ElapsedHours : first == 'm' ? FormatTokenKind.ElapsedMinutes : FormatTokenKind.ElapsedSeconds;
            tokens.Add(new FormatToken(kind, "[" + content + "]", content.Length));
            return true;
        }

        // Number-system and calendar tags written by Excel for other locales: [DBNum1], [NatNum3], [ENG], [JPN].
        if (IsTag(content))
        {
            return true;
        }

        error = $"[{content}] is not a colour, condition, elapsed time or currency.";
        return false;
    }

    private static bool IsTag(string content)
    {
        foreach (string prefix in (ReadOnlySpan<string>)["DBNum", "NatNum"])
        {
            if (content.Length > prefix.Length && content.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && int.TryParse(content.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return true;
            }
        }

        return content.Length == 3 && char.IsAsciiLetterUpper(content[0]) && char.IsAsciiLetterUpper(content[1]) && char.IsAsciiLetterUpper(content[2]);
    }

    private static void Analyse(FormatSection section)
    {
        var tokens = section.Tokens;
        bool hasDate = false;
        bool hasGeneral = false;
        bool hasDigits = false;
        foreach (var token in tokens)
        {
            hasDate |= token.IsDatePart;
            hasGeneral |= token.Kind == FormatTokenKind.General;
            hasDigits |= token.IsDigit;
            section.HasTextPlaceholder |= token.Kind == FormatTokenKind.Text;
        }

        section.Hidden = new bool[tokens.Length];
        if (hasDate)
        {
            AnalyseDateTime(section);
        }
        else if (hasGeneral)
        {
            section.Kind = SectionKind.General;
        }
        else if (!hasDigits)
        {
            section.Kind = SectionKind.Literal;
        }
        else if (!TryAnalyseFraction(section))
        {
            AnalyseNumber(section);
        }
    }

    private static void AnalyseNumber(FormatSection section)
    {
        var tokens = section.Tokens;
        int mantissaEnd = tokens.Length;
        for (int i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Kind == FormatTokenKind.Exponent)
            {
                mantissaEnd = i;
                break;
            }
        }

        int point = mantissaEnd;
        for (int i = 0; i < mantissaEnd; i++)
        {
            if (tokens[i].Kind == FormatTokenKind.DecimalPoint)
            {
                point = i;
                break;
            }
        }

        section.Kind = mantissaEnd < tokens.Length ? SectionKind.Scientific : SectionKind.Number;
        section.MantissaEnd = mantissaEnd;
        section.PointIndex = point;
        int shift = 0;
        for (int i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (token.IsDigit)
            {
                if (i < point)
                {
                    section.IntegerDigits++;
                }
                else if (i < mantissaEnd)
                {
                    section.FractionDigits++;
                }
                else
                {
                    section.ExponentDigits += token.Kind == FormatTokenKind.Zero ? 1 : 0;
                }
            }
            else if (token.Kind == FormatTokenKind.Percent)
            {
                shift += 2;
            }
        }

        // Commas: between integer digits they group thousands; after the last digit of the integer or
        // fraction part they divide by 1,000 each; before any digit they are shown.
        for (int i = 0; i < mantissaEnd; i++)
        {
            if (tokens[i].Kind != FormatTokenKind.Comma)
            {
                continue;
            }

            int partStart = i < point ? 0 : point + 1;
            int partEnd = i < point ? point : mantissaEnd;
            bool digitBefore = HasDigit(tokens, partStart, i);
            bool digitAfter = HasDigit(tokens, i + 1, partEnd);
            if (i < point && digitBefore && digitAfter)
            {
                section.Grouping = true;
                section.Hidden[i] = true;
            }
            else if (digitBefore && !digitAfter)
            {
                shift -= 3;
                section.Hidden[i] = true;
            }
            else if (i > point)
            {
                section.Hidden[i] = true;
            }
        }

        section.Shift = shift;
        if (section.Kind == SectionKind.Scientific)
        {
            section.Grouping = false;
            section.ExponentDigits = Math.Max(1, section.ExponentDigits);
        }
    }

    private static bool HasDigit(FormatToken[] tokens, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            if (tokens[i].IsDigit)
            {
                return true;
            }
        }

        return false;
    }

    // # ?/?, # ??/??, ?/8, 0 0/100: digits before a slash, digits or a fixed number after it.
    private static bool TryAnalyseFraction(FormatSection section)
    {
        var tokens = section.Tokens;
        int slash = Array.FindIndex(tokens, t => t.Kind == FormatTokenKind.Slash);
        if (slash <= 0 || Array.Exists(tokens, t => t.Kind is FormatTokenKind.Exponent or FormatTokenKind.DecimalPoint))
        {
            return false;
        }

        int numeratorStart = slash;
        while (numeratorStart > 0 && tokens[numeratorStart - 1].IsDigit)
        {
            numeratorStart--;
        }

        if (numeratorStart == slash)
        {
            return false;
        }

        int end = slash + 1;
        int denominatorDigits = 0;
        int fixedDenominator = 0;
        while (end < tokens.Length && tokens[end].IsDigit)
        {
            denominatorDigits++;
            end++;
        }

        if (denominatorDigits == 0)
        {
            // A fixed denominator starts with a digit 1-9 (a literal); zeros after it are part of it (# ??/100).
            var digits = new System.Text.StringBuilder();
            while (end < tokens.Length
                && ((tokens[end].Kind == FormatTokenKind.Literal && IsAllDigits(tokens[end].Text)) || (digits.Length > 0 && tokens[end].Kind == FormatTokenKind.Zero)))
            {
                digits.Append(tokens[end].Text);
                end++;
            }

            if (digits.Length == 0 || digits.Length > 9 || !int.TryParse(digits.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out fixedDenominator) || fixedDenominator == 0)
            {
                return false;
            }
        }

        if (HasDigit(tokens, end, tokens.Length))
        {
            return false;
        }

        // An integer part: digits before the numerator, separated from it by a literal.
        int integerEnd = -1;
        int integerStart = -1;
        for (int i = numeratorStart - 1; i >= 0; i--)
        {
            if (tokens[i].IsDigit)
            {
                integerEnd = i + 1;
                integerStart = i;
                while (integerStart > 0 && (tokens[integerStart - 1].IsDigit || tokens[integerStart - 1].Kind == FormatTokenKind.Comma))
                {
                    integerStart--;
                }

                break;
            }
        }

        if (integerStart >= 0 && HasDigit(tokens, 0, integerStart))
        {
            return false;
        }

        int shift = 0;
        foreach (var token in tokens)
        {
            shift += token.Kind == FormatTokenKind.Percent ? 2 : 0;
        }

        section.Kind = SectionKind.Fraction;
        section.IntegerStart = integerStart;
        section.IntegerEnd = integerEnd;
        section.NumeratorStart = numeratorStart;
        section.NumeratorDigits = slash - numeratorStart;
        section.SlashIndex = slash;
        section.DenominatorEnd = end;
        section.DenominatorDigits = denominatorDigits;
        section.FixedDenominator = fixedDenominator;
        section.Shift = shift;
        for (int i = Math.Max(0, integerStart); i < integerEnd; i++)
        {
            if (tokens[i].Kind == FormatTokenKind.Comma)
            {
                section.Grouping = true;
                section.Hidden[i] = true;
            }
        }

        return true;
    }

    private static bool IsAllDigits(string text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return text.Length > 0;
    }

    private static void AnalyseDateTime(FormatSection section)
    {
        var tokens = section.Tokens;
        section.Kind = SectionKind.DateTime;

        // m and mm are minutes right after hours or right before seconds (literals between do not count).
        for (int i = 0; i < tokens.Length; i++)
        {
            if (tokens[i].Kind != FormatTokenKind.Month || tokens[i].Count > 2)
            {
                continue;
            }

            var previous = NeighbourDatePart(tokens, i, -1);
            var next = NeighbourDatePart(tokens, i, 1);
            if (previous is FormatTokenKind.Hour or FormatTokenKind.ElapsedHours || next is FormatTokenKind.Second or FormatTokenKind.ElapsedSeconds)
            {
                tokens[i] = tokens[i] with { Kind = FormatTokenKind.Minute };
            }
        }

        for (int i = 0; i < tokens.Length; i++)
        {
            var kind = tokens[i].Kind;
            section.TwelveHour |= kind == FormatTokenKind.AmPm;
            section.HasDate |= kind is FormatTokenKind.Year or FormatTokenKind.Month or FormatTokenKind.Day or FormatTokenKind.BuddhistYear;

            // ss.000: fractional seconds (up to three digits).
            if (kind is FormatTokenKind.Second or FormatTokenKind.ElapsedSeconds && i + 2 < tokens.Length
                && tokens[i + 1].Kind == FormatTokenKind.DecimalPoint && tokens[i + 2].Kind == FormatTokenKind.Zero)
            {
                int zeros = 0;
                int j = i + 2;
                while (j < tokens.Length && tokens[j].Kind == FormatTokenKind.Zero && zeros < 3)
                {
                    zeros++;
                    j++;
                }

                tokens[i + 1] = new FormatToken(FormatTokenKind.SubSecond, "." + new string('0', zeros), zeros);
                for (int k = i + 2; k < j; k++)
                {
                    section.Hidden[k] = true;
                }

                section.SubSecondDigits = Math.Max(section.SubSecondDigits, zeros);
            }
        }
    }

    private static FormatTokenKind? NeighbourDatePart(FormatToken[] tokens, int index, int step)
    {
        for (int i = index + step; i >= 0 && i < tokens.Length; i += step)
        {
            if (tokens[i].IsDatePart)
            {
                return tokens[i].Kind;
            }
        }

        return null;
    }
}
