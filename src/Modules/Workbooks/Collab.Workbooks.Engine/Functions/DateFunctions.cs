namespace Collab.Workbooks.Engine.Functions;

/// <summary>
/// Date and time functions on Excel's 1900 date system (serial 1 is 1900-01-01, serial 60 the fictitious
/// 1900-02-29, the fraction is the time of day). Date arguments are truncated to whole days; text arguments are
/// read as numbers or as en-US date text (<see cref="TextToNumber"/>). Serials below 0 or after 9999-12-31 are #NUM!.
/// The Analysis ToolPak functions (EDATE, EOMONTH, NETWORKDAYS, WORKDAY, YEARFRAC, WEEKNUM) reject booleans
/// with #VALUE!, as Excel does.
/// </summary>
[FunctionLibrary]
internal static class DateFunctions
{
    private const FunctionFlags Scalar = FunctionFlags.Scalar;
    private const FunctionFlags Clock = FunctionFlags.Volatile | FunctionFlags.Nondeterministic;

    public static void Register(FunctionRegistry registry)
    {
        registry.Add("DATE", 3, 3, Date, Scalar);
        registry.Add("DATEVALUE", 1, 1, DateValue, Scalar);
        registry.Add("TIME", 3, 3, Time, Scalar);
        registry.Add("YEAR", 1, 1, args => Part(args, DatePart.Year), Scalar);
        registry.Add("MONTH", 1, 1, args => Part(args, DatePart.Month), Scalar);
        registry.Add("DAY", 1, 1, args => Part(args, DatePart.Day), Scalar);
        registry.Add("HOUR", 1, 1, args => Part(args, DatePart.Hour), Scalar);
        registry.Add("MINUTE", 1, 1, args => Part(args, DatePart.Minute), Scalar);
        registry.Add("SECOND", 1, 1, args => Part(args, DatePart.Second), Scalar);
        registry.Add("WEEKDAY", 1, 2, Weekday, Scalar);
        registry.Add("WEEKNUM", 1, 2, WeekNum, Scalar);
        registry.Add("EDATE", 2, 2, args => AddMonths(args, endOfMonth: false), Scalar);
        registry.Add("EOMONTH", 2, 2, args => AddMonths(args, endOfMonth: true), Scalar);
        registry.Add("DAYS", 2, 2, Days, Scalar);
        registry.Add("DATEDIF", 3, 3, DateDif, Scalar);
        registry.Add("YEARFRAC", 2, 3, YearFrac, Scalar);
        registry.Add("NETWORKDAYS", 2, 3, args => NetworkDays(args, intl: false));
        registry.Add("NETWORKDAYS.INTL", 2, 4, args => NetworkDays(args, intl: true));
        registry.Add("WORKDAY", 2, 3, args => Workday(args, intl: false));
        registry.Add("WORKDAY.INTL", 2, 4, args => Workday(args, intl: true));
        registry.Add("TODAY", 0, 0, args => Operand.Number(Math.Floor(DateSerial.FromDateTime(args.Context.Now))), Clock);
        registry.Add("NOW", 0, 0, args => Operand.Number(DateSerial.FromDateTime(args.Context.Now)), Clock);
    }

    private enum DatePart
    {
        Year,
        Month,
        Day,
        Hour,
        Minute,
        Second,
    }

    /// <summary>
    /// A date-like argument as a number: numbers as they are, text read as a number or as date text, blank as 0;
    /// booleans are 0/1 unless <paramref name="strict"/> (the ToolPak functions' #VALUE!).
    /// </summary>
    internal static bool TryDateNumber(FunctionArgs args, int index, bool strict, out double value, out Operand error)
    {
        var scalar = args.Scalar(index);
        return TryDateNumber(scalar, args.Context, strict, out value, out error);
    }

    internal static bool TryDateNumber(in CellValue scalar, Evaluator context, bool strict, out double value, out Operand error)
    {
        error = default;
        if (scalar.IsText)
        {
            if (TextToNumber.TryParse(scalar.Text, context.Workbook.TimeProvider, out value))
            {
                return true;
            }

            error = Operand.Error(ErrorValue.Value);
            return false;
        }

        if (strict && scalar.IsBoolean)
        {
            value = 0;
            error = Operand.Error(ErrorValue.Value);
            return false;
        }

        if (Coercion.TryToNumber(scalar, context.Workbook.TimeProvider, out value, out var e))
        {
            return true;
        }

        error = Operand.Error(e);
        return false;
    }

    /// <summary>A date argument as a whole-day serial in Excel's range (#NUM! outside 0 to 9999-12-31).</summary>
    internal static bool TryDay(FunctionArgs args, int index, bool strict, out int day, out Operand error)
    {
        day = 0;
        if (!TryDateNumber(args, index, strict, out double value, out error))
        {
            return false;
        }

        if (value < 0 || value >= DateSerial.MaxSerial + 1)
        {
            error = Operand.Error(ErrorValue.Number);
            return false;
        }

        day = (int)Math.Floor(value);
        return true;
    }

    // DATE(year, month, day): arguments truncated; years 0-1899 are 1900 + year; months and days roll over;
    // a year below 0 or from 10000 on, or a result before serial 0 or after 9999-12-31, is #NUM!.
    private static Operand Date(FunctionArgs args)
    {
        if (!args.TryNumber(0, out double y, out var error) || !args.TryNumber(1, out double m, out error)
            || !args.TryNumber(2, out double d, out error))
        {
            return error;
        }

        y = Math.Truncate(y);
        m = Math.Truncate(m);
        d = Math.Truncate(d);
        if (y is < 0 or >= 10000 || Math.Abs(m) > 1_000_000 || Math.Abs(d) > 100_000_000)
        {
            return Operand.Error(ErrorValue.Number);
        }

        var serial = DateSerial.FromYearMonthDay((int)y, (int)m, (int)d);
        return serial is { } s ? Operand.Number(s) : Operand.Error(ErrorValue.Number);
    }

    // DATEVALUE(date_text): text only (a number is #VALUE!); the time part is ignored.
    private static Operand DateValue(FunctionArgs args)
    {
        var value = args.Scalar(0);
        if (value.IsError)
        {
            return value;
        }

        if (!value.IsText || !TextToNumber.TryParseDateTime(value.Text, args.Context.Workbook.TimeProvider, out double serial))
        {
            return Operand.Error(ErrorValue.Value);
        }

        return Operand.Number(Math.Floor(serial));
    }

    // TIME(hour, minute, second): arguments truncated, each at most 32767; the total wraps at 24 hours; a negative
    // total is #NUM!.
    private static Operand Time(FunctionArgs args)
    {
        if (!args.TryNumber(0, out double h, out var error) || !args.TryNumber(1, out double m, out error)
            || !args.TryNumber(2, out double s, out error))
        {
            return error;
        }

        h = Math.Truncate(h);
        m = Math.Truncate(m);
        s = Math.Truncate(s);
        if (h > 32767 || m > 32767 || s > 32767)
        {
            return Operand.Error(ErrorValue.Number);
        }

        double total = (h * 3600) + (m * 60) + s;
        if (total < 0)
        {
            return Operand.Error(ErrorValue.Number);
        }

        return Operand.Number((total % 86400) / 86400);
    }

    // YEAR, MONTH, DAY from the whole part; HOUR, MINUTE, SECOND from the fraction rounded to the nearest second.
    private static Operand Part(FunctionArgs args, DatePart part)
    {
        if (!TryDateNumber(args, 0, strict: false, out double serial, out var error))
        {
            return error;
        }

        if (serial < 0 || serial >= DateSerial.MaxSerial + 1)
        {
            return Operand.Error(ErrorValue.Number);
        }

        if (part is DatePart.Year or DatePart.Month or DatePart.Day)
        {
            var (y, m, d) = DateSerial.ToYearMonthDay(serial)!.Value;
            return Operand.Number(part switch
            {
                DatePart.Year => y,
                DatePart.Month => m,
                _ => d,
            });
        }

        long seconds = (long)Math.Round((serial - Math.Floor(serial)) * 86400, MidpointRounding.AwayFromZero) % 86400;
        return Operand.Number(part switch
        {
            DatePart.Hour => seconds / 3600,
            DatePart.Minute => seconds / 60 % 60,
            _ => seconds % 60,
        });
    }

    // WEEKDAY(serial, [return_type]): 1 (Sun=1..Sat=7), 2 (Mon=1..Sun=7), 3 (Mon=0..Sun=6), 11-17 (week starting
    // Monday..Sunday numbered from 1); any other type is #NUM!.
    private static Operand Weekday(FunctionArgs args)
    {
        if (!TryDay(args, 0, strict: false, out int day, out var error) || !args.TryNumber(1, 1, out double type, out error))
        {
            return error;
        }

        int sunday1 = DateSerial.Weekday(day);
        int t = (int)Math.Truncate(Math.Clamp(type, -1, 100));
        int? result = t switch
        {
            1 or 17 => sunday1,
            2 or 11 => ((sunday1 + 5) % 7) + 1,
            3 => (sunday1 + 5) % 7,
            >= 12 and <= 16 => ((sunday1 + 5 - (t - 11) + 7) % 7) + 1,
            _ => null,
        };
        return result is { } r ? Operand.Number(r) : Operand.Error(ErrorValue.Number);
    }

    // WEEKNUM(serial, [return_type]): week 1 holds January 1st; weeks start on Sunday (1, 17), Monday (2, 11),
    // Tuesday..Saturday (12-16); 21 is the ISO 8601 week (weeks start Monday, week 1 holds the first Thursday).
    private static Operand WeekNum(FunctionArgs args)
    {
        if (!TryDay(args, 0, strict: true, out int day, out var error) || !args.TryNumber(1, 1, out double type, out error))
        {
            return error;
        }

        int t = (int)Math.Truncate(Math.Clamp(type, -1, 100));
        int? firstDay = t switch
        {
            1 or 17 => 1,
            2 or 11 => 2,
            >= 12 and <= 16 => t - 9,
            21 => 0,
            _ => null,
        };
        if (firstDay is null)
        {
            return Operand.Error(ErrorValue.Number);
        }

        var (year, _, _) = DateSerial.ToYearMonthDay(day)!.Value;
        if (firstDay == 0)
        {
            return Operand.Number(IsoWeek(day, year));
        }

        int jan1 = (int)DateSerial.FromYearMonthDay(year, 1, 1)!.Value;
        int offset = ((DateSerial.Weekday(jan1) - firstDay.Value) + 7) % 7;
        return Operand.Number(((day - jan1 + offset) / 7) + 1);
    }

    private static int IsoWeek(int day, int year)
    {
        int isoWeekday = ((DateSerial.Weekday(day) + 5) % 7) + 1;
        int jan1 = (int)(DateSerial.FromYearMonthDay(year, 1, 1) ?? 0);
        int week = (day - jan1 + 1 - isoWeekday + 10) / 7;
        if (week < 1)
        {
            return year > 1900 ? IsoWeeksIn(year - 1) : 52;
        }

        return week > IsoWeeksIn(year) ? 1 : week;
    }

    private static int IsoWeeksIn(int year) => System.Globalization.ISOWeek.GetWeeksInYear(year);

    // EDATE(start, months) / EOMONTH(start, months): months truncated; EDATE keeps the day (clamped to the month's
    // length), EOMONTH gives the month's last day.
    private static Operand AddMonths(FunctionArgs args, bool endOfMonth)
    {
        if (!TryDay(args, 0, strict: true, out int start, out var error) || !TryDateNumber(args, 1, strict: true, out double months, out error))
        {
            return error;
        }

        months = Math.Truncate(months);
        if (Math.Abs(months) > 120_000)
        {
            return Operand.Error(ErrorValue.Number);
        }

        var (y, m, d) = DateSerial.ToYearMonthDay(start)!.Value;
        long total = (y * 12L) + (m - 1) + (long)months;
        long year = Math.DivRem(total, 12, out long m0);
        if (year is < 1900 or > 9999)
        {
            return Operand.Error(ErrorValue.Number);
        }

        int month = (int)m0 + 1;
        int length = DateSerial.DaysInMonth((int)year, month);
        int day = endOfMonth ? length : Math.Min(d, length);
        var serial = DateSerial.FromYearMonthDay((int)year, month, day);
        return serial is { } s ? Operand.Number(s) : Operand.Error(ErrorValue.Number);
    }

    // DAYS(end, start): whole days from start to end.
    private static Operand Days(FunctionArgs args)
    {
        if (!TryDay(args, 0, strict: false, out int end, out var error) || !TryDay(args, 1, strict: false, out int start, out error))
        {
            return error;
        }

        return Operand.Number(end - start);
    }

    // DATEDIF(start, end, unit): "Y", "M", "D" whole years, months and days; "YM" months and "YD" days ignoring
    // years; "MD" days ignoring months, with Excel's arithmetic (Jan 31 to Mar 1 is -2 in a 28-day February).
    private static Operand DateDif(FunctionArgs args)
    {
        if (!TryDay(args, 0, strict: false, out int start, out var error) || !TryDay(args, 1, strict: false, out int end, out error)
            || !args.TryText(2, out string unit, out error))
        {
            return error;
        }

        if (start > end)
        {
            return Operand.Error(ErrorValue.Number);
        }

        var (y1, m1, d1) = DateSerial.ToYearMonthDay(start)!.Value;
        var (y2, m2, d2) = DateSerial.ToYearMonthDay(end)!.Value;
        int months = ((y2 - y1) * 12) + (m2 - m1) - (d2 < d1 ? 1 : 0);
        switch (unit.ToUpperInvariant())
        {
            case "D":
                return Operand.Number(end - start);
            case "M":
                return Operand.Number(months);
            case "Y":
                return Operand.Number(months / 12);
            case "YM":
                return Operand.Number(months % 12);
            case "MD":
                if (d2 >= d1)
                {
                    return Operand.Number(d2 - d1);
                }

                return Operand.Number(end - (DateSerial.FromYearMonthDay(y2, m2 - 1, d1) ?? 0));
            case "YD":
            {
                double anniversary = DateSerial.FromYearMonthDay(y2, m1, d1) ?? 0;
                double days = end - anniversary;
                return Operand.Number(days < 0 ? days + 365 : days);
            }

            default:
                return Operand.Error(ErrorValue.Number);
        }
    }

    // YEARFRAC(start, end, [basis]): the fraction of a year between two dates (order does not matter).
    private static Operand YearFrac(FunctionArgs args)
    {
        if (!TryDay(args, 0, strict: true, out int start, out var error) || !TryDay(args, 1, strict: true, out int end, out error))
        {
            return error;
        }

        double basis = 0;
        if (!args.IsMissing(2) && !TryDateNumber(args, 2, strict: true, out basis, out error))
        {
            return error;
        }

        basis = Math.Truncate(basis);
        if (basis is < 0 or > 4)
        {
            return Operand.Error(ErrorValue.Number);
        }

        return Operand.Number(YearFraction(start, end, (int)basis));
    }

    /// <summary>
    /// YEARFRAC's day counts, as Excel computes them: 0 US (NASD) 30/360 with its end-of-month rules (the 31st is the
    /// 30th; the last day of February is the 30th when the start is), 1 actual/actual (actual days over 365 or 366
    /// when the dates are at most a year apart, else over the average length of the calendar years spanned),
    /// 2 actual/360, 3 actual/365, 4 European 30/360.
    /// </summary>
    internal static double YearFraction(int start, int end, int basis)
    {
        if (start == end)
        {
            return 0;
        }

        if (start > end)
        {
            (start, end) = (end, start);
        }

        var (y1, m1, d1) = DateSerial.ToYearMonthDay(start)!.Value;
        var (y2, m2, d2) = DateSerial.ToYearMonthDay(end)!.Value;
        switch (basis)
        {
            case 0:
            {
                bool lastOfFeb1 = m1 == 2 && d1 == DateSerial.DaysInMonth(y1, 2);
                bool lastOfFeb2 = m2 == 2 && d2 == DateSerial.DaysInMonth(y2, 2);
                if (d1 == 31 && d2 == 31)
                {
                    d1 = 30;
                    d2 = 30;
                }
                else if (d1 == 31)
                {
                    d1 = 30;
                }
                else if (d1 == 30 && d2 == 31)
                {
                    d2 = 30;
                }
                else if (lastOfFeb1 && lastOfFeb2)
                {
                    d1 = 30;
                    d2 = 30;
                }
                else if (lastOfFeb1)
                {
                    d1 = 30;
                }

                return Days360(y1, m1, d1, y2, m2, d2) / 360.0;
            }

            case 1:
                return (end - start) / ActualYearLength(y1, m1, d1, y2, m2, d2);
            case 2:
                return (end - start) / 360.0;
            case 3:
                return (end - start) / 365.0;
            default:
                return Days360(y1, m1, Math.Min(d1, 30), y2, m2, Math.Min(d2, 30)) / 360.0;
        }
    }

    private static int Days360(int y1, int m1, int d1, int y2, int m2, int d2) =>
        ((y2 - y1) * 360) + ((m2 - m1) * 30) + (d2 - d1);

    private static double ActualYearLength(int y1, int m1, int d1, int y2, int m2, int d2)
    {
        bool withinAYear = y1 == y2 || (y2 == y1 + 1 && (m1 > m2 || (m1 == m2 && d1 >= d2)));
        if (!withinAYear)
        {
            double days = new DateOnly(y2 + 1, 1, 1).DayNumber - new DateOnly(y1, 1, 1).DayNumber;
            return days / (y2 - y1 + 1);
        }

        if (y1 == y2 && DateTime.IsLeapYear(y1))
        {
            return 366;
        }

        // A February 29th between the dates (the start may be on it), or an end on February 29th, makes it 366.
        bool feb29Between =
            (DateTime.IsLeapYear(y1) && m1 <= 2 && (y2 > y1 || m2 > 2))
            || (DateTime.IsLeapYear(y2) && m2 > 2 && (y1 < y2 || m1 <= 2));
        return feb29Between || (m2 == 2 && d2 == 29) ? 366 : 365;
    }

    // NETWORKDAYS(start, end, [holidays]) and NETWORKDAYS.INTL(start, end, [weekend], [holidays]): the working
    // days from start to end inclusive (negative when end is before start), without weekend days and holidays.
    private static Operand NetworkDays(FunctionArgs args, bool intl)
    {
        if (!TryDay(args, 0, strict: true, out int start, out var error) || !TryDay(args, 1, strict: true, out int end, out error)
            || !TryWeekend(args, intl, out var weekend, out error)
            || !TryHolidays(args, intl ? 3 : 2, out var holidays, out error))
        {
            return error;
        }

        int sign = 1;
        if (start > end)
        {
            (start, end) = (end, start);
            sign = -1;
        }

        int workPerWeek = 0;
        for (int i = 0; i < 7; i++)
        {
            workPerWeek += weekend[i] ? 0 : 1;
        }

        long span = end - start + 1;
        long count = (span / 7) * workPerWeek;
        for (int d = start + (int)(span / 7 * 7); d <= end; d++)
        {
            if (!IsWeekend(d, weekend))
            {
                count++;
            }
        }

        foreach (int h in holidays)
        {
            if (h >= start && h <= end && !IsWeekend(h, weekend))
            {
                count--;
            }
        }

        return Operand.Number(sign * count);
    }

    // WORKDAY(start, days, [holidays]) and WORKDAY.INTL(start, days, [weekend], [holidays]): the date that many
    // working days after (or before) start; 0 days is start itself.
    private static Operand Workday(FunctionArgs args, bool intl)
    {
        if (!TryDay(args, 0, strict: true, out int start, out var error)
            || !TryDateNumber(args, 1, strict: true, out double daysValue, out error)
            || !TryWeekend(args, intl, out var weekend, out error)
            || !TryHolidays(args, intl ? 3 : 2, out var holidays, out error))
        {
            return error;
        }

        daysValue = Math.Truncate(daysValue);
        if (Math.Abs(daysValue) > DateSerial.MaxSerial)
        {
            return Operand.Error(ErrorValue.Number);
        }

        if (Array.TrueForAll(weekend, w => w))
        {
            return Operand.Error(ErrorValue.Value);
        }

        int remaining = (int)Math.Abs(daysValue);
        int step = daysValue < 0 ? -1 : 1;
        int day = start;
        while (remaining > 0)
        {
            day += step;
            if (day < 0 || day > DateSerial.MaxSerial)
            {
                return Operand.Error(ErrorValue.Number);
            }

            if (!IsWeekend(day, weekend) && !holidays.Contains(day))
            {
                remaining--;
            }
        }

        return Operand.Number(day);
    }

    // weekend[i] is true when day i (0 = Monday ... 6 = Sunday) is a weekend day.
    private static bool IsWeekend(int day, bool[] weekend) => weekend[(DateSerial.Weekday(day) + 5) % 7];

    // The weekend of the .INTL functions: a number 1-7 (two days: Sat-Sun, Sun-Mon, ..., Fri-Sat), 11-17 (one day:
    // Sunday, Monday, ..., Saturday), or seven 0/1 characters from Monday ("0000011" is Saturday and Sunday).
    private static bool TryWeekend(FunctionArgs args, bool intl, out bool[] weekend, out Operand error)
    {
        weekend = [false, false, false, false, false, true, true];
        error = default;
        if (!intl || args.IsMissing(2))
        {
            return true;
        }

        var value = args.Scalar(2);
        if (value.IsError)
        {
            error = value;
            return false;
        }

        if (value.IsText)
        {
            string mask = value.Text;
            if (mask.Length != 7 || !mask.All(c => c is '0' or '1'))
            {
                error = Operand.Error(ErrorValue.Value);
                return false;
            }

            for (int i = 0; i < 7; i++)
            {
                weekend[i] = mask[i] == '1';
            }

            return true;
        }

        if (!Coercion.TryToNumber(value, args.Context.Workbook.TimeProvider, out double code, out var e))
        {
            error = Operand.Error(e);
            return false;
        }

        Array.Fill(weekend, false);
        int c = (int)Math.Truncate(Math.Clamp(code, -1, 100));
        if (c is >= 1 and <= 7)
        {
            // 1 is Saturday+Sunday, 2 Sunday+Monday, ... 7 Friday+Saturday.
            weekend[(c + 4) % 7] = true;
            weekend[(c + 5) % 7] = true;
            return true;
        }

        if (c is >= 11 and <= 17)
        {
            // 11 is Sunday only, 12 Monday only, ... 17 Saturday only.
            weekend[(c - 12 + 7) % 7] = true;
            return true;
        }

        error = Operand.Error(ErrorValue.Number);
        return false;
    }

    // Holidays: a date, or a range or array of dates; blanks are skipped, text that is not a date is #VALUE!.
    private static bool TryHolidays(FunctionArgs args, int index, out HashSet<int> holidays, out Operand error)
    {
        holidays = [];
        error = default;
        if (args.IsMissing(index))
        {
            return true;
        }

        var visitor = new HolidayVisitor { Days = holidays, Context = args.Context };
        if (!Aggregation.VisitOperand(args.Context, args[index], ref visitor))
        {
            error = visitor.Error;
            return false;
        }

        return true;
    }

    private struct HolidayVisitor : IValueVisitor
    {
        public HashSet<int> Days;
        public Evaluator Context;
        public Operand Error;

        public bool Visit(in CellValue value, bool direct)
        {
            if (value.IsBlank)
            {
                return true;
            }

            if (!TryDateNumber(value, Context, strict: true, out double serial, out Error))
            {
                return false;
            }

            if (serial < 0 || serial >= DateSerial.MaxSerial + 1)
            {
                Error = Operand.Error(ErrorValue.Number);
                return false;
            }

            Days.Add((int)Math.Floor(serial));
            return true;
        }
    }
}
