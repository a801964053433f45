using System.Globalization;

namespace Collab.Workbooks.Engine.Functions;

/// <summary>
/// Text read as a number the way Excel's VALUE (and TEXT's value argument) reads it in the en-US culture:
/// numbers ("1,234.5", "-1.5E3", "50%", "$1,000", "(42)" is -42), dates ("2027-01-31", "2027/1/31", "1/31/2027",
/// "1-31-27", "31-Jan-2027", "31 January 2027", "Jan 31, 2027", "January 2027", "31-Jan" and "1/31" in the
/// current year), times ("12:30", "12:30:15.25", "1:30 PM", "3 PM", "30:15.5" as minutes and seconds, "25:00"
/// past a day) and a date followed by a time. Two-digit years 00-29 are 2000-2029, 30-99 are 1930-1999.
/// </summary>
internal static class TextToNumber
{
    private static readonly string[] Months =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    public static bool TryParse(string text, int currentYear, out double value)
    {
        var s = text.AsSpan().Trim();
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

        return TryParseDateTime(s, currentYear, out value);
    }

    private static bool TryParseDateTime(ReadOnlySpan<char> s, int currentYear, out double value)
    {
        value = 0;
        bool? pm = null;
        if (s.Length >= 2 && (s.EndsWith("AM", StringComparison.OrdinalIgnoreCase) || s.EndsWith("PM", StringComparison.OrdinalIgnoreCase)))
        {
            pm = char.ToUpperInvariant(s[^2]) == 'P';
            s = s[..^2].TrimEnd();
            if (s.IsEmpty)
            {
                return false;
            }
        }

        // The time is the last word when it holds ':' (or, with AM/PM, is a bare hour); the date is what precedes it.
        int lastSpace = s.LastIndexOf(' ');
        var lastWord = lastSpace < 0 ? s : s[(lastSpace + 1)..];
        ReadOnlySpan<char> datePart = s;
        double time = 0;
        bool hasTime = false;
        if (lastWord.Contains(':') || (pm is not null && IsDigits(lastWord)))
        {
            if (!TryParseTime(lastWord, pm, out time))
            {
                return false;
            }

            hasTime = true;
            datePart = lastSpace < 0 ? [] : s[..lastSpace].TrimEnd();
        }
        else if (pm is not null)
        {
            return false;
        }

        if (datePart.IsEmpty)
        {
            value = time;
            return hasTime;
        }

        if (!TryParseDate(datePart, currentYear, out double day))
        {
            return false;
        }

        value = day + time;
        return true;
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
        return text.Length > 0 && char.IsAsciiDigit(text[0])
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

    private readonly record struct DatePiece(int Number, int Digits, int Month);

    private static bool TryParseDate(ReadOnlySpan<char> text, int currentYear, out double serial)
    {
        serial = 0;
        Span<DatePiece> pieces = stackalloc DatePiece[4];
        int count = 0;
        int i = 0;
        bool sawSlash = false;
        while (i < text.Length)
        {
            char c = text[i];
            if (c is ' ' or '-' or '/' or ',')
            {
                sawSlash |= c == '/';
                i++;
                continue;
            }

            if (count == pieces.Length)
            {
                return false;
            }

            int start = i;
            if (char.IsAsciiDigit(c))
            {
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                if (i - start > 4)
                {
                    return false;
                }

                pieces[count++] = new DatePiece(int.Parse(text[start..i], NumberStyles.None, CultureInfo.InvariantCulture), i - start, 0);
            }
            else if (char.IsAsciiLetter(c))
            {
                while (i < text.Length && char.IsAsciiLetter(text[i]))
                {
                    i++;
                }

                int month = MonthOf(text[start..i]);
                if (month == 0)
                {
                    return false;
                }

                pieces[count++] = new DatePiece(0, 0, month);
            }
            else
            {
                return false;
            }
        }

        int y;
        int m;
        int d;
        var p = pieces[..count];
        if (count == 3 && p[0].Month == 0 && p[1].Month == 0 && p[2].Month == 0)
        {
            // 2027-01-31 and 2027/1/31, else 1/31/2027 and 1-31-27.
            (y, m, d) = p[0].Digits == 4 ? (Year(p[0]), p[1].Number, p[2].Number) : (Year(p[2]), p[0].Number, p[1].Number);
        }
        else if (count == 2 && p[0].Month == 0 && p[1].Month == 0 && p[0].Digits <= 2)
        {
            // 1/31 in the current year; 1/2027 is the first of that month.
            if (p[1].Digits <= 2 && p[1].Number is >= 1 and <= 31)
            {
                (y, m, d) = (currentYear, p[0].Number, p[1].Number);
            }
            else
            {
                (y, m, d) = (Year(p[1]), p[0].Number, 1);
            }
        }
        else if (count == 3 && p[0].Month == 0 && p[1].Month != 0 && p[2].Month == 0)
        {
            (y, m, d) = (Year(p[2]), p[1].Month, p[0].Number);
        }
        else if (count == 3 && p[0].Month != 0 && p[1].Month == 0 && p[2].Month == 0)
        {
            (y, m, d) = (Year(p[2]), p[0].Month, p[1].Number);
        }
        else if (count == 2 && p[0].Month == 0 && p[1].Month != 0 && !sawSlash)
        {
            (y, m, d) = (currentYear, p[1].Month, p[0].Number);
        }
        else if (count == 2 && p[0].Month != 0 && p[1].Month == 0 && !sawSlash)
        {
            // Jan-31 is a day of this year; Jan-2027 and Jan-45 are the first of a month.
            (y, m, d) = p[1].Digits <= 2 && p[1].Number is >= 1 and <= 31 ? (currentYear, p[0].Month, p[1].Number) : (Year(p[1]), p[0].Month, 1);
        }
        else
        {
            return false;
        }

        if (y is < 1900 or > 9999 || m is < 1 or > 12 || d < 1 || (d > DateTime.DaysInMonth(y, m) && !(y == 1900 && m == 2 && d == 29)))
        {
            return false;
        }

        if (DateSerial.FromYearMonthDay(y, m, d) is not { } day)
        {
            return false;
        }

        serial = day;
        return true;
    }

    private static int Year(in DatePiece piece) => piece.Digits switch
    {
        <= 2 => piece.Number < 30 ? 2000 + piece.Number : 1900 + piece.Number,
        4 => piece.Number,
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

        return 0;
    }
}
