using System.Globalization;
using System.Text;

namespace Collab.Workbooks.Engine;

/// <summary>Shows a number or text through one compiled <see cref="FormatSection"/>.</summary>
internal static class NumberFormatRenderer
{
    internal const string Hashes = "########";

    private static readonly string[] MonthNames =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] DayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    [ThreadStatic]
    private static StringBuilder? _builder;

    [ThreadStatic]
    private static StringBuilder? _scratch;

    public static FormatResult Render(FormatSection section, double magnitude, bool negative)
    {
        var sb = Take(ref _builder);
        bool overflow = false;
        switch (section.Kind)
        {
            case SectionKind.Number:
                RenderNumber(sb, section, magnitude, negative);
                break;
            case SectionKind.Scientific:
                RenderScientific(sb, section, magnitude, negative);
                break;
            case SectionKind.Fraction:
                RenderFraction(sb, section, magnitude, negative);
                break;
            case SectionKind.DateTime:
                overflow = negative || !RenderDateTime(sb, section, magnitude);
                break;
            case SectionKind.General:
                RenderGeneral(sb, section, magnitude, negative);
                break;
            default:
                RenderLiterals(sb, section, negative, null);
                break;
        }

        return overflow ? new FormatResult(Hashes, section.Color, true) : new FormatResult(sb.ToString(), section.Color);
    }

    public static FormatResult RenderText(FormatSection section, string text)
    {
        var sb = Take(ref _builder);
        RenderLiterals(sb, section, false, text);
        return new FormatResult(sb.ToString(), section.Color);
    }

    private static StringBuilder Take(ref StringBuilder? cached)
    {
        cached ??= new StringBuilder(64);
        cached.Clear();
        return cached;
    }

    // Literal-only sections and text sections: @ (or General in a text section) shows the text; digit codes and
    // the like show as written.
    private static void RenderLiterals(StringBuilder sb, FormatSection section, bool negative, string? text)
    {
        if (negative)
        {
            sb.Append('-');
        }

        var tokens = section.Tokens;
        for (int i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (section.Hidden[i])
            {
                continue;
            }

            if (token.Kind == FormatTokenKind.Text || (text is not null && token.Kind == FormatTokenKind.General))
            {
                sb.Append(text ?? string.Empty);
            }
            else
            {
                sb.Append(token.Text);
            }
        }
    }

    private static void RenderGeneral(StringBuilder sb, FormatSection section, double magnitude, bool negative)
    {
        if (negative)
        {
            sb.Append('-');
        }

        foreach (var token in section.Tokens)
        {
            sb.Append(token.Kind == FormatTokenKind.General ? NumberText.ToGeneral(magnitude) : token.Text);
        }
    }

    private static void RenderNumber(StringBuilder sb, FormatSection section, double magnitude, bool negative)
    {
        var digits = DecimalDigits.From(magnitude).Shift(section.Shift).RoundToDecimals(section.FractionDigits);
        var (integer, fraction) = digits.Split(section.FractionDigits);
        if (negative)
        {
            sb.Append('-');
        }

        AppendMantissa(sb, section, integer, fraction);
        AppendTail(sb, section, section.MantissaEnd, section.Tokens.Length);
    }

    private static void RenderScientific(StringBuilder sb, FormatSection section, double magnitude, bool negative)
    {
        int integerDigits = section.IntegerDigits;
        int decimals = section.FractionDigits;
        var digits = DecimalDigits.From(magnitude).Shift(section.Shift);
        int exponent = 0;
        string integer = string.Empty;
        string fraction = new('0', decimals);
        if (!digits.IsZero)
        {
            int lead = digits.LeadingExponent;
            exponent = ScientificExponent(lead, integerDigits);
            var rounded = digits.RoundToSignificant(lead - exponent + 1 + decimals);
            if (rounded.LeadingExponent != lead)
            {
                // 9.996 shown as 0.00E+00 carries to 10.00: one more integer digit, or the next exponent.
                lead = rounded.LeadingExponent;
                exponent = ScientificExponent(lead, integerDigits);
                rounded = rounded.RoundToSignificant(lead - exponent + 1 + decimals);
            }

            (integer, fraction) = rounded.Shift(-exponent).Split(decimals);
        }

        if (negative)
        {
            sb.Append('-');
        }

        AppendMantissa(sb, section, integer, fraction);
        var tokens = section.Tokens;
        var exponentToken = tokens[section.MantissaEnd];
        sb.Append(exponentToken.Text[0]);
        if (exponent < 0)
        {
            sb.Append('-');
        }
        else if (exponentToken.Text[1] == '+')
        {
            sb.Append('+');
        }

        string exponentText = Math.Abs(exponent).ToString(CultureInfo.InvariantCulture).PadLeft(section.ExponentDigits, '0');
        bool written = false;
        for (int i = section.MantissaEnd + 1; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (token.IsDigit)
            {
                if (!written)
                {
                    sb.Append(exponentText);
                    written = true;
                }
            }
            else if (!section.Hidden[i])
            {
                sb.Append(TokenText(token));
            }
        }

        if (!written)
        {
            sb.Append(exponentText);
        }
    }

    // One integer digit gives plain scientific notation; several make the exponent a multiple of their
    // count (##0.0E+0 is engineering notation: 12.3E+3, 320.0E+9).
    private static int ScientificExponent(int lead, int integerDigits) => integerDigits switch
    {
        <= 0 => lead + 1,
        1 => lead,
        _ => (int)Math.Floor(lead / (double)integerDigits) * integerDigits,
    };

    // The integer part, the decimal point and the fraction part, with the literals between them.
    private static void AppendMantissa(StringBuilder sb, FormatSection section, string integer, string fraction)
    {
        int point = section.PointIndex;
        AppendInteger(sb, section, 0, point, integer, section.IntegerDigits, section.Grouping);
        if (point >= section.MantissaEnd)
        {
            return;
        }

        if (section.IntegerDigits == 0)
        {
            sb.Append(integer);
        }

        sb.Append('.');
        AppendFraction(sb, section, point + 1, section.MantissaEnd, fraction);
    }

    // Digits fill the integer codes from the right; the leftmost code takes any extra digits. Literals stay put.
    private static void AppendInteger(StringBuilder sb, FormatSection section, int start, int end, string digits, int codes, bool grouping)
    {
        var tokens = section.Tokens;
        var reversed = Take(ref _scratch);
        int next = digits.Length - 1;
        int remaining = codes;
        int grouped = 0;
        for (int i = end - 1; i >= start; i--)
        {
            var token = tokens[i];
            if (section.Hidden[i])
            {
                continue;
            }

            if (!token.IsDigit)
            {
                string text = TokenText(token);
                for (int k = text.Length - 1; k >= 0; k--)
                {
                    reversed.Append(text[k]);
                }

                continue;
            }

            remaining--;
            if (next >= 0)
            {
                do
                {
                    AppendDigit(reversed, digits[next--], grouping, ref grouped);
                }
                while (remaining == 0 && next >= 0);
            }
            else if (token.Kind == FormatTokenKind.Zero)
            {
                AppendDigit(reversed, '0', grouping, ref grouped);
            }
            else if (token.Kind == FormatTokenKind.Question)
            {
                reversed.Append(' ');
            }
        }

        for (int k = reversed.Length - 1; k >= 0; k--)
        {
            sb.Append(reversed[k]);
        }
    }

    private static void AppendDigit(StringBuilder reversed, char digit, bool grouping, ref int grouped)
    {
        if (grouping && grouped > 0 && grouped % 3 == 0)
        {
            reversed.Append(',');
        }

        reversed.Append(digit);
        grouped++;
    }

    // Fraction digits fill the codes from the left; past the last non-zero digit a 0 code shows 0, a ? code a
    // space and a # code nothing (so ???.?0? shows 0 as "   . 0 ").
    private static void AppendFraction(StringBuilder sb, FormatSection section, int start, int end, string fraction)
    {
        var tokens = section.Tokens;
        int keep = fraction.Length;
        while (keep > 0 && fraction[keep - 1] == '0')
        {
            keep--;
        }

        int digit = 0;
        for (int i = start; i < end; i++)
        {
            var token = tokens[i];
            if (section.Hidden[i])
            {
                continue;
            }

            if (!token.IsDigit)
            {
                sb.Append(TokenText(token));
                continue;
            }

            if (digit < keep)
            {
                sb.Append(fraction[digit]);
            }
            else if (token.Kind != FormatTokenKind.Hash)
            {
                sb.Append(token.Kind == FormatTokenKind.Zero ? '0' : ' ');
            }

            digit++;
        }
    }

    private static void AppendTail(StringBuilder sb, FormatSection section, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            if (!section.Hidden[i])
            {
                sb.Append(TokenText(section.Tokens[i]));
            }
        }
    }

    private static string TokenText(in FormatToken token) => token.Kind switch
    {
        FormatTokenKind.Comma => ",",
        FormatTokenKind.Percent => "%",
        _ => token.Text,
    };

    private static void RenderFraction(StringBuilder sb, FormatSection section, double magnitude, bool negative)
    {
        var tokens = section.Tokens;
        double value = section.Shift == 0 ? magnitude : magnitude * Math.Pow(10, section.Shift);
        bool hasInteger = section.IntegerStart >= 0;
        double whole = hasInteger ? Math.Floor(value) : 0;
        double part = value - whole;
        double numerator;
        double denominator;
        if (section.FixedDenominator > 0)
        {
            denominator = section.FixedDenominator;
            numerator = Math.Round(part * denominator, MidpointRounding.AwayFromZero);
        }
        else
        {
            double limit = Math.Pow(10, Math.Min(section.DenominatorDigits, 9)) - 1;
            (numerator, denominator) = ExcelFraction(part, limit);
        }

        if (hasInteger && numerator >= denominator && numerator > 0)
        {
            whole += Math.Floor(numerator / denominator);
            numerator %= denominator;
        }

        if (negative)
        {
            sb.Append('-');
        }

        int numeratorStart = section.NumeratorStart;
        int slash = section.SlashIndex;

        // A whole number hides its fraction behind spaces (unless the numerator has a 0 code) and shows its
        // integer even when it is 0.
        bool hide = hasInteger && numerator == 0 && !HasZeroCode(tokens, numeratorStart, slash);
        AppendTail(sb, section, 0, hasInteger ? section.IntegerStart : numeratorStart);
        if (hasInteger)
        {
            string integer = whole == 0 ? (hide ? "0" : string.Empty) : WholeDigits(whole);
            AppendInteger(sb, section, section.IntegerStart, section.IntegerEnd, integer, CountDigits(tokens, section.IntegerStart, section.IntegerEnd), section.Grouping);
            AppendTail(sb, section, section.IntegerEnd, numeratorStart);
        }

        var fraction = new StringBuilder();
        AppendInteger(fraction, section, numeratorStart, slash, WholeDigits(numerator), section.NumeratorDigits, false);
        fraction.Append('/');
        if (section.FixedDenominator > 0)
        {
            fraction.Append(section.FixedDenominator.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            AppendDenominator(fraction, tokens, slash + 1, section.DenominatorEnd, WholeDigits(denominator));
        }

        if (hide)
        {
            sb.Append(' ', fraction.Length);
        }
        else
        {
            sb.Append(fraction);
        }

        AppendTail(sb, section, section.DenominatorEnd, tokens.Length);
    }

    // The digits of a whole number (15 significant digits, then zeros); "0" for zero.
    private static string WholeDigits(double value) => value == 0 ? "0" : DecimalDigits.From(value).Split(0).Integer;

    private static bool HasZeroCode(FormatToken[] tokens, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            if (tokens[i].Kind == FormatTokenKind.Zero)
            {
                return true;
            }
        }

        return false;
    }

    // The denominator is left-aligned under ? codes (spaces after it) and zero-padded on the left under 0 codes.
    private static void AppendDenominator(StringBuilder sb, FormatToken[] tokens, int start, int end, string digits)
    {
        int codes = end - start;
        string value = digits.Length < codes ? digits.PadLeft(codes, '0') : digits;
        int next = 0;
        bool significant = false;
        for (int i = start; i < end; i++)
        {
            var kind = tokens[i].Kind;
            char c = '0';
            if (next < value.Length)
            {
                // The last code takes every remaining digit.
                int take = i == end - 1 ? value.Length - next : 1;
                for (int k = 0; k < take; k++)
                {
                    c = value[next++];
                    significant |= c != '0';
                    if (kind == FormatTokenKind.Question && !significant)
                    {
                        while (next < value.Length && !significant)
                        {
                            c = value[next++];
                            significant = c != '0';
                        }
                    }

                    AppendCode(sb, kind, c, significant);
                }
            }
            else
            {
                AppendCode(sb, kind, c, false);
            }
        }
    }

    private static void AppendCode(StringBuilder sb, FormatTokenKind kind, char digit, bool significant)
    {
        if (significant || kind == FormatTokenKind.Zero)
        {
            sb.Append(significant ? digit : '0');
        }
        else if (kind == FormatTokenKind.Question)
        {
            sb.Append(' ');
        }
    }

    private static int CountDigits(FormatToken[] tokens, int start, int end)
    {
        int n = 0;
        for (int i = start; i < end; i++)
        {
            n += tokens[i].IsDigit ? 1 : 0;
        }

        return n;
    }

    /// <summary>
    /// The fraction Excel shows for <paramref name="x"/> (0 ≤ x) with a denominator up to <paramref name="limit"/>:
    /// the last continued-fraction convergent whose denominator fits (not the closest fraction, so 0.3 shows
    /// as 2/7 and 1.3 as 1 1/3 with one digit, through the same floating-point steps as Excel).
    /// </summary>
    internal static (double Numerator, double Denominator) ExcelFraction(double x, double limit)
    {
        limit = Math.Max(1, limit);
        double b = x;
        double p2 = 0;
        double p1 = 1;
        double p = 0;
        double q2 = 1;
        double q1 = 0;
        double q = 0;
        while (q1 < limit)
        {
            double a = Math.Floor(b);
            p = (a * p1) + p2;
            q = (a * q1) + q2;
            if (b - a < 0.00000005)
            {
                break;
            }

            b = 1 / (b - a);
            (p2, p1) = (p1, p);
            (q2, q1) = (q1, q);
        }

        if (q > limit)
        {
            (p, q) = q1 > limit ? (p2, q2) : (p1, q1);
        }

        return (p, Math.Max(1, q));
    }

    // Dates and times in the 1900 system. The time is rounded to the precision shown (whole seconds, or the
    // .0/.00/.000 of the format) before it is split, so 23:59:59.6 shows as the next day's 0:00:00.
    private static bool RenderDateTime(StringBuilder sb, FormatSection section, double serial)
    {
        if (serial >= DateSerial.MaxSerial + 1)
        {
            return false;
        }

        long unitsPerSecond = section.SubSecondDigits switch
        {
            1 => 10,
            2 => 100,
            3 => 1000,
            _ => 1,
        };
        long unitsPerDay = 86_400 * unitsPerSecond;
        long total = (long)Math.Round(serial * unitsPerDay, MidpointRounding.AwayFromZero);
        long day = total / unitsPerDay;
        long secondsOfDay = total % unitsPerDay / unitsPerSecond;
        long subSecond = total % unitsPerSecond;
        long totalSeconds = total / unitsPerSecond;
        int year = 1900;
        int month = 1;
        int dayOfMonth = 0;
        if (section.HasDate)
        {
            if (DateSerial.ToYearMonthDay(day) is not { } ymd)
            {
                return false;
            }

            (year, month, dayOfMonth) = ymd;
        }

        int hour = (int)(secondsOfDay / 3600);
        int minute = (int)(secondsOfDay / 60 % 60);
        int second = (int)(secondsOfDay % 60);
        var tokens = section.Tokens;
        for (int i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            switch (token.Kind)
            {
                case FormatTokenKind.Year:
                    if (token.Count <= 2)
                    {
                        Pad(sb, year % 100, 2);
                    }
                    else
                    {
                        Pad(sb, year, 4);
                    }

                    break;
                case FormatTokenKind.BuddhistYear:
                    if (token.Count <= 2)
                    {
                        Pad(sb, (year + 543) % 100, 2);
                    }
                    else
                    {
                        Pad(sb, year + 543, 4);
                    }

                    break;
                case FormatTokenKind.Era:
                    break;
                case FormatTokenKind.Month:
                    switch (token.Count)
                    {
                        case 1:
                        case 2:
                            Pad(sb, month, token.Count);
                            break;
                        case 3:
                            sb.Append(MonthNames[month - 1], 0, 3);
                            break;
                        case 5:
                            sb.Append(MonthNames[month - 1][0]);
                            break;
                        default:
                            sb.Append(MonthNames[month - 1]);
                            break;
                    }

                    break;
                case FormatTokenKind.Day:
                    if (token.Count <= 2)
                    {
                        Pad(sb, dayOfMonth, token.Count);
                    }
                    else
                    {
                        string name = DayNames[DateSerial.Weekday(day) - 1];
                        sb.Append(name, 0, token.Count == 3 ? 3 : name.Length);
                    }

                    break;
                case FormatTokenKind.Hour:
                    int shown = section.TwelveHour ? (hour % 12 == 0 ? 12 : hour % 12) : hour;
                    Pad(sb, shown, Math.Min(2, token.Count));
                    break;
                case FormatTokenKind.Minute:
                    Pad(sb, minute, Math.Min(2, token.Count));
                    break;
                case FormatTokenKind.Second:
                    Pad(sb, second, Math.Min(2, token.Count));
                    break;
                case FormatTokenKind.ElapsedHours:
                    Pad(sb, totalSeconds / 3600, token.Count);
                    break;
                case FormatTokenKind.ElapsedMinutes:
                    Pad(sb, totalSeconds / 60, token.Count);
                    break;
                case FormatTokenKind.ElapsedSeconds:
                    Pad(sb, totalSeconds, token.Count);
                    break;
                case FormatTokenKind.SubSecond:
                    sb.Append('.');
                    long shownUnits = subSecond;
                    for (int extra = section.SubSecondDigits - token.Count; extra > 0; extra--)
                    {
                        shownUnits /= 10;
                    }

                    Pad(sb, shownUnits, token.Count);
                    break;
                case FormatTokenKind.AmPm:
                    bool pm = hour >= 12;
                    if (token.Text.Length == 5)
                    {
                        sb.Append(pm ? "PM" : "AM");
                    }
                    else
                    {
                        sb.Append(pm ? token.Text[2] : token.Text[0]);
                    }

                    break;
                default:
                    if (!section.Hidden[i])
                    {
                        sb.Append(TokenText(token));
                    }

                    break;
            }
        }

        return true;
    }

    private static void Pad(StringBuilder sb, long value, int width)
    {
        string text = value.ToString(CultureInfo.InvariantCulture);
        if (text.Length < width)
        {
            sb.Append('0', width - text.Length);
        }

        sb.Append(text);
    }
}
