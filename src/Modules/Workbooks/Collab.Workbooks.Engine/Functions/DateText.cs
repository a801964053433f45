namespace Collab.Workbooks.Engine.Functions;

/// <summary>
/// Date text as Excel reads it in the en-US locale, for DATEVALUE and for date arguments of the date functions:
/// "1/31/2027", "1-31-27", "2027-01-31", "2027/1/31", "31-Jan-2027", "31 January 2027", "Jan 31, 2027",
/// "January 31 2027", "Jan-2027" (the 1st), and the forms without a year ("1/31", "31-Jan", "Jan 31") in the
/// current year. A time ("10:30", "10:30:15", "10:30 PM") may follow the date, or stand alone (then the date is 0).
/// Two-digit years 00-29 are 2000-2029, 30-99 are 1930-1999.
/// </summary>
internal static class DateText
{
    private static readonly string[] MonthNames =
    [
        "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december",
    ];

    /// <summary>Parses date text; <paramref name="serial"/> holds the day serial plus the time fraction.</summary>
    public static bool TryParse(string text, int currentYear, out double serial)
    {
        serial = 0;
        var tokens = new List<string>();
        if (!Tokenize(text.AsSpan().Trim(), tokens))
        {
            return false;
        }

        // The time, if any, is the first token holding ':' and what follows it (an AM/PM marker).
        int timeStart = tokens.FindIndex(t => t.Contains(':', StringComparison.Ordinal));
        double time = 0;
        if (timeStart >= 0)
        {
            if (!TryTime(tokens, timeStart, out time))
            {
                return false;
            }

            tokens.RemoveRange(timeStart, tokens.Count - timeStart);
            if (tokens.Count == 0)
            {
                serial = time;
                return true;
            }
        }

        if (!TryDate(tokens, currentYear, out double day))
        {
            return false;
        }

        serial = day + time;
        return true;
    }

    // Splits into words and numbers; spaces, '-', '/' and ',' separate them.
    private static bool Tokenize(ReadOnlySpan<char> text, List<string> tokens)
    {
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c is ' ' or '-' or '/' or ',')
            {
                i++;
                continue;
            }

            int start = i;
            if (char.IsAsciiDigit(c))
            {
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == ':'))
                {
                    i++;
                }
            }
            else if (char.IsAsciiLetter(c))
            {
                while (i < text.Length && char.IsAsciiLetter(text[i]))
                {
                    i++;
                }
            }
            else
            {
                return false;
            }

            tokens.Add(text[start..i].ToString());
        }

        return tokens.Count > 0;
    }

    private static bool TryTime(List<string> tokens, int start, out double fraction)
    {
        fraction = 0;
        var parts = tokens[start].Split(':');
        if (parts.Length is < 2 or > 3 || !TryInt(parts[0], out int h) || !TryInt(parts[1], out int m))
        {
            return false;
        }

        int s = 0;
        if (parts.Length == 3 && !TryInt(parts[2], out s))
        {
            return false;
        }

        if (m > 59 || s > 59)
        {
            return false;
        }

        int rest = tokens.Count - start - 1;
        if (rest > 1)
        {
            return false;
        }

        if (rest == 1)
        {
            string marker = tokens[start + 1];
            bool am = marker.Equals("AM", StringComparison.OrdinalIgnoreCase) || marker.Equals("A", StringComparison.OrdinalIgnoreCase);
            bool pm = marker.Equals("PM", StringComparison.OrdinalIgnoreCase) || marker.Equals("P", StringComparison.OrdinalIgnoreCase);
            if ((!am && !pm) || h is < 1 or > 12)
            {
                return false;
            }

            h = (h % 12) + (pm ? 12 : 0);
        }
        else if (h > 9999)
        {
            return false;
        }

        fraction = ((h * 3600.0) + (m * 60.0) + s) / 86400.0;
        return true;
    }

    private static bool TryDate(List<string> tokens, int currentYear, out double serial)
    {
        serial = 0;
        int monthToken = tokens.FindIndex(t => char.IsAsciiLetter(t[0]));
        int year;
        int month;
        int day;
        if (monthToken < 0)
        {
            if (!AllNumbers(tokens))
            {
                return false;
            }

            if (tokens.Count == 3)
            {
                if (tokens[0].Length == 4)
                {
                    // 2027-01-31 and 2027/1/31
                    year = int.Parse(tokens[0], System.Globalization.CultureInfo.InvariantCulture);
                    month = Number(tokens[1]);
                    day = Number(tokens[2]);
                }
                else
                {
                    // 1/31/2027 and 1-31-27 (month first in en-US)
                    month = Number(tokens[0]);
                    day = Number(tokens[1]);
                    year = Year(tokens[2]);
                }
            }
            else if (tokens.Count == 2)
            {
                // 1/31 (this year) or 1/2027 (the 1st of the month)
                month = Number(tokens[0]);
                int second = Number(tokens[1]);
                if (tokens[1].Length <= 2 && second is >= 1 and <= 31 && second <= DaysInMonth(currentYear, month))
                {
                    day = second;
                    year = currentYear;
                }
                else
                {
                    day = 1;
                    year = Year(tokens[1]);
                }
            }
            else
            {
                return false;
            }
        }
        else
        {
            if (tokens.FindLastIndex(t => char.IsAsciiLetter(t[0])) != monthToken)
            {
                return false;
            }

            month = MonthOf(tokens[monthToken]);
            if (month == 0)
            {
                return false;
            }

            var numbers = new List<string>();
            for (int i = 0; i < tokens.Count; i++)
            {
                if (i != monthToken)
                {
                    numbers.Add(tokens[i]);
                }
            }

            if (!numbers.TrueForAll(n => n.Length > 0 && char.IsAsciiDigit(n[0]) && !n.Contains(':', StringComparison.Ordinal)))
            {
                return false;
            }

            if (numbers.Count == 2)
            {
                if (monthToken == 0)
                {
                    // Jan 31, 2027
                    day = Number(numbers[0]);
                    year = Year(numbers[1]);
                }
                else if (monthToken == 1)
                {
                    // 31-Jan-2027, or 2027-Jan-31
                    if (numbers[0].Length == 4)
                    {
                        year = Year(numbers[0]);
                        day = Number(numbers[1]);
                    }
                    else
                    {
                        day = Number(numbers[0]);
                        year = Year(numbers[1]);
                    }
                }
                else
                {
                    return false;
                }
            }
            else if (numbers.Count == 1)
            {
                // 31-Jan and Jan 31 are this year's; Jan-2027 and Jan-45 are the 1st of the month.
                int n = Number(numbers[0]);
                if (numbers[0].Length <= 2 && n >= 1 && n <= DaysInMonth(currentYear, month))
                {
                    day = n;
                    year = currentYear;
                }
                else if (monthToken == 0)
                {
                    day = 1;
                    year = Year(numbers[0]);
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
        }

        if (year is < 1900 or > 9999 || month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month))
        {
            return false;
        }

        double? result = DateSerial.FromYearMonthDay(year, month, day);
        if (result is null)
        {
            return false;
        }

        serial = result.Value;
        return true;
    }

    /// <summary>Days in a month of Excel's calendar (February 1900 has 29).</summary>
    public static int DaysInMonth(int year, int month) =>
        year == 1900 && month == 2 ? 29 : month is >= 1 and <= 12 && year is >= 1 and <= 9999 ? DateTime.DaysInMonth(year, month) : 0;

    private static bool AllNumbers(List<string> tokens) =>
        tokens.TrueForAll(t => char.IsAsciiDigit(t[0]) && !t.Contains(':', StringComparison.Ordinal) && t.Length <= 4);

    private static int MonthOf(string word)
    {
        string lower = word.ToLowerInvariant();
        for (int i = 0; i < MonthNames.Length; i++)
        {
            if (lower == MonthNames[i] || (lower.Length == 3 && MonthNames[i].StartsWith(lower, StringComparison.Ordinal)) || (lower == "sept" && i == 8))
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static int Number(string digits) =>
        digits.Length is > 0 and <= 4 && TryInt(digits, out int n) ? n : -1;

    private static int Year(string digits)
    {
        int n = Number(digits);
        if (n < 0)
        {
            return -1;
        }

        return digits.Length switch
        {
            <= 2 => n < 30 ? 2000 + n : 1900 + n,
            4 => n,
            _ => -1,
        };
    }

    private static bool TryInt(string text, out int value) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value);
}
