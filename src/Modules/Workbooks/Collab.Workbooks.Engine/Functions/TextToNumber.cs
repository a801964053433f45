using System.Globalization;

namespace Collab.Workbooks.Engine.Functions;

/// <summary>
/// The one reader of text as a number, the way Excel reads it in the en-US culture. Arithmetic coercion
/// (<c>="31-Jan-2027"+0</c>), VALUE, TEXT's value argument, criteria, date arguments, DATEVALUE (dates and times only)
/// and <see cref="DateSerial.TryParse"/> all use it:
/// <list type="bullet">
/// <item>numbers: "1,234.5", "-1.5E3", "50%", "$1,000", "(42)" is -42, a whole number and a fraction "1 1/2";</item>
/// <item>dates: "2027-01-31", "2027/1/31", "1/31/2027", "1-31-27", "31-Jan-2027", "2027-Jan-31", "31 January 2027",
/// "Jan 31, 2027", "Sept 30, 2027", "January 2027" and "1/2027" (the 1st); "31-Jan", "Jan 31" and "1/31" in the
/// current year of the clock; "2/30" is February 1930 (30 is no day of February, so it is the year);</item>
/// <item>times: "12:30", "12:30:15.25", "1:30 PM", "1:30:45PM", "3 PM", "30:15.5" (minutes and seconds), "25:00" (past a
/// day), alone (the date is 0) or after a date.</item>
/// </list>
/// Two-digit years 00-29 are 2000-2029, 30-99 are 1930-1999. Dates run from 1900-01-01 (1900-02-29 is serial 60) to
/// 9999-12-31.
/// </summary>
internal static class TextToNumber
{
    private const int MaxTokens = 6;

    private static readonly string[] Months =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    /// <summary>Text as a number, a date or a time; <paramref name="clock"/> gives the year of dates written without one.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, TimeProvider clock, out double value)
    {
        var s = text.Trim();
        value = 0;
        if (s.IsEmpty)
        {
            return false;
        }

        if (NumberText.TryParse(s, out value))
        {
            return true;
        }

        if (s.Length > 2 && s[0] == '(' && s[^1] == ')' && s[1] is not ('-' or '+') && NumberText.TryParse(s[1..^1], out value))
        {
            value = -value;
            return true;
        }

        return TryParseFraction(s, out value) || TryParseDateTime(s, clock, out value);
    }

    /// <summary>Date and/or time text only (DATEVALUE's argument): the day serial plus the time fraction.</summary>
    public static bool TryParseDateTime(ReadOnlySpan<char> text, TimeProvider clock, out double serial)
    {
        serial = 0;
        Span<Range> tokens = stackalloc Range[MaxTokens];
        var s = text.Trim();
        if (!Tokenize(s, tokens, out int count))
        {
            return false;
        }

        // An AM/PM marker ends the text and needs a time (or a bare hour) just before it.
        bool? pm = null;
        if (count > 0 && MarkerOf(s[tokens[count - 1]]) is { } marker)
        {
            pm = marker;
            count--;
            if (count == 0)
            {
                return false;
            }
        }

        double time = 0;
        bool hasTime = false;
        if (count > 0)
        {
            var last = s[tokens[count - 1]];
            if (last.Contains(':') || (pm is not null && IsDigits(last)))
            {
                if (!TryParseTime(last, pm, out time))
                {
                    return false;
                }

                hasTime = true;
                count--;
            }
            else if (pm is not null)
            {
                return false;
            }
        }

        if (count == 0)
        {
            serial = time;
            return hasTime;
        }

        for (int i = 0; i < count; i++)
        {
            if (s[tokens[i]].ContainsAny(':', '.'))
            {
                return false;
            }
        }

        if (!TryParseDate(s, tokens[..count], clock, out double day))
        {
            return false;
        }

        serial = day + time;
        return true;
    }

    // "1 1/2" is 1.5 (and "-1 1/2" is -1.5), as Excel reads a whole number followed by a fraction.
    private static bool TryParseFraction(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        bool negative = s.Length > 0 && s[0] == '-';
        if (negative)
        {
            s = s[1..];
        }

        int space = s.IndexOf(' ');
        int slash = s.IndexOf('/');
        if (space <= 0 || slash < space || s.LastIndexOf(' ') != space || s.LastIndexOf('/') != slash)
        {
            return false;
        }

        var whole = s[..space];
        var numerator = s[(space + 1)..slash];
        var denominator = s[(slash + 1)..];
        if (!IsDigits(whole) || !IsDigits(numerator) || !IsDigits(denominator) || whole.Length > 15 || numerator.Length > 15 || denominator.Length > 15)
        {
            return false;
        }

        double d = double.Parse(denominator, NumberStyles.None, CultureInfo.InvariantCulture);
        if (d == 0)
        {
            return false;
        }

        value = double.Parse(whole, NumberStyles.None, CultureInfo.InvariantCulture)
            + (double.Parse(numerator, NumberStyles.None, CultureInfo.InvariantCulture) / d);
        if (negative)
        {
            value = -value;
        }

        return true;
    }

    // Words, numbers and times, separated by spaces, '-', '/' and ','; letters right after digits start a new token
    // ("1:30PM"). A time token holds digits, ':' and '.'.
    private static bool Tokenize(ReadOnlySpan<char> s, Span<Range> tokens, out int count)
    {
        count = 0;
        int i = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (c is ' ' or '-' or '/' or ',')
            {
                i++;
                continue;
            }

            if (count == tokens.Length)
            {
                return false;
            }

            int start = i;
            if (char.IsAsciiDigit(c))
            {
                while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] is ':' or '.'))
                {
                    i++;
                }
            }
            else if (char.IsAsciiLetter(c))
            {
                while (i < s.Length && char.IsAsciiLetter(s[i]))
                {
                    i++;
                }
            }
            else
            {
                return false;
            }

            tokens[count++] = start..i;
        }

        return count > 0;
    }

    private static bool? MarkerOf(ReadOnlySpan<char> word)
    {
        if (word.Equals("AM", StringComparison.OrdinalIgnoreCase) || word.Equals("A", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (word.Equals("PM", StringComparison.OrdinalIgnoreCase) || word.Equals("P", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return null;
    }

    private static bool TryParseTime(ReadOnlySpan<char> text, bool? pm, out double fraction)
    {
        fraction = 0;
        Span<Range> parts = stackalloc Range[4];
        int count = text.Split(parts, ':');
        if (count > 3)
        {
            return false;
        }

        double hours;
        double minutes = 0;
        double seconds = 0;
        var last = text[parts[count - 1]];
        if (count == 2 && last.Contains('.') && pm is null)
        {
            // mm:ss.0
            hours = 0;
            if (!TryWhole(text[parts[0]], out minutes) || !TrySeconds(last, out seconds))
            {
                return false;
            }
        }
        else
        {
            if (!TryWhole(text[parts[0]], out hours) || (count >= 2 && !TryWhole(text[parts[1]], out minutes))
                || (count == 3 && !TrySeconds(text[parts[2]], out seconds)))
            {
                return false;
            }

            if (count == 1 && pm is null)
            {
                return false;
            }
        }

        if (minutes > 59 || seconds >= 60 || hours > 9999)
        {
            return false;
        }

        if (pm is { } afternoon)
        {
            if (hours > 12)
            {
                return false;
            }

            hours = (hours % 12) + (afternoon ? 12 : 0);
        }

        fraction = ((hours * 3600) + (minutes * 60) + seconds) / 86400;
        return true;
    }

    private static bool TryWhole(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        if (!IsDigits(text) || text.Length > 5)
        {
            return false;
        }

        value = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    private static bool TrySeconds(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        return text.Length > 0 && char.IsAsciiDigit(text[0]) && text.IndexOf('.') == text.LastIndexOf('.')
            && double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryParseDate(ReadOnlySpan<char> s, ReadOnlySpan<Range> tokens, TimeProvider clock, out double serial)
    {
        serial = 0;
        int count = tokens.Length;
        int monthToken = -1;
        int month = 0;
        Span<int> numbers = stackalloc int[MaxTokens];
        Span<int> lengths = stackalloc int[MaxTokens];
        int n = 0;
        for (int i = 0; i < count; i++)
        {
            var token = s[tokens[i]];
            if (char.IsAsciiLetter(token[0]))
            {
                if (monthToken >= 0 || (month = MonthOf(token)) == 0)
                {
                    return false;
                }

                monthToken = i;
            }
            else
            {
                if (token.Length > 4)
                {
                    return false;
                }

                numbers[n] = int.Parse(token, NumberStyles.None, CultureInfo.InvariantCulture);
                lengths[n++] = token.Length;
            }
        }

        int year;
        int day;
        if (monthToken < 0)
        {
            // Numbers alone are a date only when separated by single '/' or '-' ("1 1/0" is not January 1st, 2000).
            for (int i = 1; i < count; i++)
            {
                var gap = s[tokens[i - 1].End.Value..tokens[i].Start.Value];
                if (gap.Length != 1 || gap[0] is not ('/' or '-'))
                {
                    return false;
                }
            }

            if (n == 3)
            {
                // 2027-01-31 and 2027/1/31; else 1/31/2027 and 1-31-27 (month first in en-US).
                (year, month, day) = lengths[0] == 4 ? (numbers[0], numbers[1], numbers[2]) : (Year(numbers[2], lengths[2]), numbers[0], numbers[1]);
            }
            else if (n == 2)
            {
                // 1/31 in the current year; 1/2027 (and 2/30, no day of February) the 1st of that month.
                month = numbers[0];
                int currentYear = clock.GetLocalNow().Year;
                if (lengths[1] <= 2 && numbers[1] >= 1 && numbers[1] <= DateSerial.DaysInMonth(currentYear, month))
                {
                    (year, day) = (currentYear, numbers[1]);
                }
                else
                {
                    (year, day) = (Year(numbers[1], lengths[1]), 1);
                }
            }
            else
            {
                return false;
            }
        }
        else if (n == 2 && monthToken == 0)
        {
            // Jan 31, 2027
            (day, year) = (numbers[0], Year(numbers[1], lengths[1]));
        }
        else if (n == 2 && monthToken == 1)
        {
            // 31-Jan-2027, or 2027-Jan-31
            (year, day) = lengths[0] == 4 ? (numbers[0], numbers[1]) : (Year(numbers[1], lengths[1]), numbers[0]);
        }
        else if (n == 1)
        {
            // 31-Jan and Jan 31 are this year's; Jan-2027 and Jan-45 are the 1st of the month.
            int currentYear = clock.GetLocalNow().Year;
            if (lengths[0] <= 2 && numbers[0] >= 1 && numbers[0] <= DateSerial.DaysInMonth(currentYear, month))
            {
                (year, day) = (currentYear, numbers[0]);
            }
            else if (monthToken == 0)
            {
                (year, day) = (Year(numbers[0], lengths[0]), 1);
            }
            else
            {
                return false;
            }
        }
        else
        {
            return false;
        }

        if (year is < 1900 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateSerial.DaysInMonth(year, month)
            || DateSerial.FromYearMonthDay(year, month, day) is not { } result)
        {
            return false;
        }

        serial = result;
        return true;
    }

    private static int Year(int number, int digits) => digits switch
    {
        <= 2 => number < 30 ? 2000 + number : 1900 + number,
        4 => number,
        _ => -1,
    };

    private static int MonthOf(ReadOnlySpan<char> word)
    {
        for (int i = 0; i < Months.Length; i++)
        {
            var name = Months[i].AsSpan();
            if (word.Equals(name, StringComparison.OrdinalIgnoreCase) || (word.Length == 3 && word.Equals(name[..3], StringComparison.OrdinalIgnoreCase)))
            {
                return i + 1;
            }
        }

        return word.Equals("sept", StringComparison.OrdinalIgnoreCase) ? 9 : 0;
    }
}
