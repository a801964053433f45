namespace Collab.Workbooks.Engine;

/// <summary>
/// Excel's 1900 date system: serial 1 is 1900-01-01, serial 60 is the fictitious 1900-02-29 (Lotus's
/// leap-year bug, kept by Excel), serial 61 is 1900-03-01; the fraction is the time of day.
/// Serial 0 shows as 1900-01-00. The last valid date is 9999-12-31 (serial 2,958,465).
/// </summary>
public static class DateSerial
{
    /// <summary>The serial of 9999-12-31.</summary>
    public const int MaxSerial = 2_958_465;

    private static readonly DateOnly Epoch = new(1899, 12, 30);

    /// <summary>
    /// The serial for a year, month and day with Excel's DATE normalisation: months beyond 12 or below 1 roll
    /// into other years, days roll into other months (DATE(2020,14,1) is 2021-02-01, DATE(2020,3,0) is 2020-02-29).
    /// Years 0 to 1899 are taken as 1900 + year. Returns null when the result is before serial 0 or after 9999-12-31.
    /// </summary>
    public static double? FromYearMonthDay(int year, int month, int day)
    {
        if (year is >= 0 and < 1900)
        {
            year += 1900;
        }

        if (year is < 1900 or > 9999)
        {
            return null;
        }

        long totalMonths = ((long)year * 12) + (month - 1);
        long y = Math.DivRem(totalMonths, 12, out long m0);
        if (m0 < 0)
        {
            m0 += 12;
            y--;
        }

        if (y < 1900 || y > 9999)
        {
            return null;
        }

        double first = SerialOfFirstOfMonth((int)y, (int)m0 + 1);
        double serial = first + day - 1;
        return serial is < 0 or > MaxSerial ? null : serial;
    }

    private static double SerialOfFirstOfMonth(int year, int month)
    {
        var date = new DateOnly(year, month, 1);
        int days = date.DayNumber - Epoch.DayNumber;

        // Before 1900-03-01 Excel's count is one lower than the real one (no fake leap day yet).
        return year == 1900 && month <= 2 ? days - 1 : days;
    }

    /// <summary>The serial of a real calendar date (1900-01-01 or later).</summary>
    public static double FromDate(DateOnly date)
    {
        int days = date.DayNumber - Epoch.DayNumber;
        return date < new DateOnly(1900, 3, 1) ? days - 1 : days;
    }

    /// <summary>The serial of a date and time (the time as a fraction of a day).</summary>
    public static double FromDateTime(DateTime dateTime) =>
        FromDate(DateOnly.FromDateTime(dateTime)) + (dateTime.TimeOfDay.Ticks / (double)TimeSpan.TicksPerDay);

    /// <summary>
    /// Year, month and day of a serial (the fraction is ignored): serial 60 is (1900, 2, 29), serial 0 is (1900, 1, 0).
    /// Returns null for negative serials or serials after 9999-12-31.
    /// </summary>
    public static (int Year, int Month, int Day)? ToYearMonthDay(double serial)
    {
        if (serial < 0 || serial >= MaxSerial + 1 || double.IsNaN(serial))
        {
            return null;
        }

        int whole = (int)Math.Floor(serial);
        if (whole == 0)
        {
            return (1900, 1, 0);
        }

        if (whole == 60)
        {
            return (1900, 2, 29);
        }

        int dayNumber = Epoch.DayNumber + (whole < 60 ? whole + 1 : whole);
        var date = DateOnly.FromDayNumber(dayNumber);
        return (date.Year, date.Month, date.Day);
    }

    /// <summary>The calendar date of a serial; serial 60 (the fictitious 1900-02-29) and 0 have none and give null.</summary>
    public static DateOnly? ToDate(double serial)
    {
        var ymd = ToYearMonthDay(serial);
        if (ymd is null || ymd.Value.Day == 0 || (ymd.Value.Month == 2 && ymd.Value.Day == 29 && ymd.Value.Year == 1900))
        {
            return null;
        }

        return new DateOnly(ymd.Value.Year, ymd.Value.Month, ymd.Value.Day);
    }

    /// <summary>Day of the week as WEEKDAY(serial) with return type 1: 1 = Sunday ... 7 = Saturday (Excel's count, serial 1 is a Sunday).</summary>
    public static int Weekday(double serial)
    {
        long whole = (long)Math.Floor(serial);
        return (int)(((whole + 6) % 7 + 7) % 7) + 1;
    }

    /// <summary>The time-of-day fraction of a serial (0 to 1).</summary>
    public static double TimeOfDay(double serial) => serial - Math.Floor(serial);

    /// <summary>
    /// Parses date and time text as Excel's coercion does in en-US ("2024-01-31", "1/31/2024", "31-Jan-2024",
    /// "Jan 31, 2024", optionally followed by a time "13:45", "1:45:10 PM"; or a time alone), with the same reader
    /// as formulas use. Dates written without a year ("31-Jan") are in the current year of the system clock.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double serial) =>
        Functions.TextToNumber.TryParseDateTime(text, TimeProvider.System, out serial);

    /// <summary>Days in a month of Excel's calendar (February 1900 has 29); 0 for a month or year out of range.</summary>
    internal static int DaysInMonth(int year, int month) =>
        year == 1900 && month == 2 ? 29 : month is >= 1 and <= 12 && year is >= 1 and <= 9999 ? DateTime.DaysInMonth(year, month) : 0;
}
