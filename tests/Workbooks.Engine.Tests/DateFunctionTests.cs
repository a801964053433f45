using Collab.Workbooks.Engine;
using static Workbooks.Engine.Tests.TestBook;

namespace Workbooks.Engine.Tests;

public class DateFunctionTests
{
    [Theory]
    [InlineData("=DATE(2008,1,2)", "39449")]
    [InlineData("=DATE(108,1,2)", "39449")]
    [InlineData("=DATE(0,1,1)", "1")]
    [InlineData("=DATE(1899,12,31)", "693962")]
    [InlineData("=DATE(1900,1,1)", "1")]
    [InlineData("=DATE(1900,2,28)", "59")]
    [InlineData("=DATE(1900,2,29)", "60")]
    [InlineData("=DATE(1900,3,1)", "61")]
    [InlineData("=DATE(1900,3,0)", "60")]
    [InlineData("=DATE(1900,1,0)", "0")]
    [InlineData("=DATE(1900,1,-1)", "#NUM!")]
    [InlineData("=DATE(1900,0,1)", "#NUM!")]
    [InlineData("=DATE(-1,1,1)", "#NUM!")]
    [InlineData("=DATE(10000,1,1)", "#NUM!")]
    [InlineData("=DATE(9999,12,31)", "2958465")]
    [InlineData("=DATE(9999,12,32)", "#NUM!")]
    [InlineData("=DATE(2008,14,2)", "39846")]
    [InlineData("=DATE(2008,-3,2)", "39327")]
    [InlineData("=DATE(2008,1,35)", "39482")]
    [InlineData("=DATE(2008,1,-15)", "39432")]
    [InlineData("=DATE(2008,3,0)", "39507")]
    [InlineData("=DATE(2020,-1.5,1)", "43770")]
    [InlineData("=DATE(2020,1.9,1.9)", "43831")]
    [InlineData("=DATE(\"2020\",\"1\",\"1\")", "43831")]
    [InlineData("=DATE(\"x\",1,1)", "#VALUE!")]
    [InlineData("=DATE(2020,NA(),1)", "#N/A")]
    [InlineData("=DATE(2020,1,1E10)", "#NUM!")]
    [InlineData("=DATE(2027,1,31)", "46418")]
    [InlineData("=YEAR(DATE(2027,1,31))", "2027")]
    [InlineData("=YEAR(\"7/5/2008\")", "2008")]
    [InlineData("=MONTH(\"15-Apr-2011\")", "4")]
    [InlineData("=DAY(\"15-Apr-2011\")", "15")]
    [InlineData("=DAY(\"April 15, 2011\")", "15")]
    [InlineData("=YEAR(60)", "1900")]
    [InlineData("=MONTH(60)", "2")]
    [InlineData("=DAY(60)", "29")]
    [InlineData("=DAY(61)", "1")]
    [InlineData("=YEAR(0)", "1900")]
    [InlineData("=MONTH(0)", "1")]
    [InlineData("=DAY(0)", "0")]
    [InlineData("=DAY(A9)", "0")]
    [InlineData("=YEAR(2958465.9)", "9999")]
    [InlineData("=YEAR(2958466)", "#NUM!")]
    [InlineData("=YEAR(-1)", "#NUM!")]
    [InlineData("=YEAR(\"soon\")", "#VALUE!")]
    [InlineData("=MONTH(TRUE)", "1")]
    [InlineData("=YEAR(#REF!)", "#REF!")]
    [InlineData("=HOUR(0.75)", "18")]
    [InlineData("=HOUR(\"7/18/2011 7:45\")", "7")]
    [InlineData("=HOUR(\"4/21/2012\")", "0")]
    [InlineData("=HOUR(1.5)", "12")]
    [InlineData("=HOUR(-0.5)", "#NUM!")]
    [InlineData("=MINUTE(\"12:45:00 PM\")", "45")]
    [InlineData("=MINUTE(1.5/1440)", "1")]
    [InlineData("=SECOND(\"4:48:18 PM\")", "18")]
    [InlineData("=SECOND(\"4:48 PM\")", "0")]
    [InlineData("=SECOND(0.5+0.6/86400)", "1")]
    [InlineData("=SECOND(0.49/86400)", "0")]
    [InlineData("=HOUR(0.9999999)+MINUTE(0.9999999)+SECOND(0.9999999)", "0")]
    [InlineData("=TIME(12,0,0)", "0.5")]
    [InlineData("=TIME(16,48,10)", "0.700115740740741")]
    [InlineData("=TIME(0,750,0)", "0.520833333333333")]
    [InlineData("=TIME(25,0,0)", "0.0416666666666667")]
    [InlineData("=TIME(24,0,0)", "0")]
    [InlineData("=TIME(1,-1,0)", "0.0409722222222222")]
    [InlineData("=TIME(0,-1,0)", "#NUM!")]
    [InlineData("=TIME(0,0,-1)", "#NUM!")]
    [InlineData("=TIME(32768,0,0)", "#NUM!")]
    [InlineData("=TIME(1.9,0,0)", "0.0416666666666667")]
    [InlineData("=TIME(\"a\",0,0)", "#VALUE!")]
    public void Date_and_time_parts_match_excel(string formula, string expected) => Assert.Equal(expected, Show(formula));

    [Theory]
    [InlineData("=DATEVALUE(\"8/22/2011\")", "40777")]
    [InlineData("=DATEVALUE(\"22-MAY-2011\")", "40685")]
    [InlineData("=DATEVALUE(\"2011/02/23\")", "40597")]
    [InlineData("=DATEVALUE(\"2011-02-23\")", "40597")]
    [InlineData("=DATEVALUE(\"1/31/2027\")", "46418")]
    [InlineData("=DATEVALUE(\"2027-01-31\")", "46418")]
    [InlineData("=DATEVALUE(\"31-Jan-2027\")", "46418")]
    [InlineData("=DATEVALUE(\"31 January 2027\")", "46418")]
    [InlineData("=DATEVALUE(\"January 31, 2027\")", "46418")]
    [InlineData("=DATEVALUE(\"jan 31 2027\")", "46418")]
    [InlineData("=DATEVALUE(\"1/31/27\")", "46418")]
    [InlineData("=DATEVALUE(\"1-31-2027\")", "46418")]
    [InlineData("=DATEVALUE(\"1/31/30\")", "10989")]
    [InlineData("=DATEVALUE(\"Sept 30, 2027\")", "46660")]
    [InlineData("=DATEVALUE(\"Jan-2027\")", "46388")]
    [InlineData("=DATEVALUE(\"1/2027\")", "46388")]
    [InlineData("=DATEVALUE(\"Feb 28, 2027 10:30 PM\")", "46446")]
    [InlineData("=DATEVALUE(\"1/31/2027 23:59:59\")", "46418")]
    [InlineData("=DATEVALUE(\"2/29/1900\")", "60")]
    [InlineData("=DATEVALUE(\"1/1/1900\")", "1")]
    [InlineData("=DATEVALUE(\"12/31/9999\")", "2958465")]
    [InlineData("=DATEVALUE(\"12/31/1899\")", "#VALUE!")]
    [InlineData("=DATEVALUE(\"2/29/2027\")", "#VALUE!")]
    [InlineData("=DATEVALUE(\"13/1/2027\")", "#VALUE!")]
    [InlineData("=DATEVALUE(\"31.1.2027\")", "#VALUE!")]
    [InlineData("=DATEVALUE(\"Janvier 31, 2027\")", "#VALUE!")]
    [InlineData("=DATEVALUE(\"1/31/2027 25:00 PM\")", "#VALUE!")]
    [InlineData("=DATEVALUE(\"\")", "#VALUE!")]
    [InlineData("=DATEVALUE(\"hello\")", "#VALUE!")]
    [InlineData("=DATEVALUE(45000)", "#VALUE!")]
    [InlineData("=DATEVALUE(TRUE)", "#VALUE!")]
    [InlineData("=DATEVALUE(NA())", "#N/A")]
    [InlineData("=DATEVALUE(\"10:30\")", "0")]
    [InlineData("=DATEVALUE(\"5-Jul\")=DATE(2024,7,5)", "TRUE")]
    [InlineData("=DATEVALUE(\"Jul 5\")=DATE(2024,7,5)", "TRUE")]
    [InlineData("=DATEVALUE(\"7/5\")=DATE(2024,7,5)", "TRUE")]
    public void Datevalue_reads_en_us_date_text(string formula, string expected)
    {
        var book = new Workbook(new FixedClock(new DateTimeOffset(2024, 1, 31, 12, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc));
        book.AddSheet(Main);
        book.Set("A1", formula);
        Assert.Equal(expected, book.Value("A1"));
    }

    [Theory]
    [InlineData("=WEEKDAY(DATE(2008,2,14))", "5")]
    [InlineData("=WEEKDAY(DATE(2008,2,14),2)", "4")]
    [InlineData("=WEEKDAY(DATE(2008,2,14),3)", "3")]
    [InlineData("=WEEKDAY(DATE(2008,2,14),11)", "4")]
    [InlineData("=WEEKDAY(DATE(2008,2,14),12)", "3")]
    [InlineData("=WEEKDAY(DATE(2008,2,14),13)", "2")]
    [InlineData("=WEEKDAY(DATE(2008,2,14),14)", "1")]
    [InlineData("=WEEKDAY(DATE(2008,2,14),15)", "7")]
    [InlineData("=WEEKDAY(DATE(2008,2,14),16)", "6")]
    [InlineData("=WEEKDAY(DATE(2008,2,14),17)", "5")]
    [InlineData("=WEEKDAY(DATE(2008,2,17),3)", "6")]
    [InlineData("=WEEKDAY(DATE(2008,2,14),4)", "#NUM!")]
    [InlineData("=WEEKDAY(DATE(2008,2,14),0)", "#NUM!")]
    [InlineData("=WEEKDAY(0)", "7")]
    [InlineData("=WEEKDAY(1)", "1")]
    [InlineData("=WEEKDAY(60)", "4")]
    [InlineData("=WEEKDAY(-1)", "#NUM!")]
    [InlineData("=WEEKNUM(DATE(2012,3,9))", "10")]
    [InlineData("=WEEKNUM(DATE(2012,3,9),2)", "11")]
    [InlineData("=WEEKNUM(DATE(2012,1,1))", "1")]
    [InlineData("=WEEKNUM(DATE(2012,12,31),2)", "54")]
    [InlineData("=WEEKNUM(DATE(2016,1,2),16)", "2")]
    [InlineData("=WEEKNUM(DATE(2016,1,1),16)", "1")]
    [InlineData("=WEEKNUM(DATE(2012,12,31),21)", "1")]
    [InlineData("=WEEKNUM(DATE(2016,1,1),21)", "53")]
    [InlineData("=WEEKNUM(DATE(2015,12,31),21)", "53")]
    [InlineData("=WEEKNUM(DATE(2021,1,4),21)", "1")]
    [InlineData("=WEEKNUM(DATE(2020,12,31),21)", "53")]
    [InlineData("=WEEKNUM(DATE(2021,1,3),3)", "#NUM!")]
    [InlineData("=WEEKNUM(TRUE)", "#VALUE!")]
    [InlineData("=EDATE(DATE(2011,1,15),1)", "40589")]
    [InlineData("=EDATE(DATE(2011,1,15),-1)", "40527")]
    [InlineData("=EDATE(DATE(2011,1,15),2)", "40617")]
    [InlineData("=EDATE(\"15-Jan-11\",1)", "40589")]
    [InlineData("=EDATE(DATE(2011,1,31),1)", "40602")]
    [InlineData("=EDATE(DATE(2012,1,31),1)", "40968")]
    [InlineData("=EDATE(DATE(2011,3,31),-1)", "40602")]
    [InlineData("=EDATE(DATE(2011,1,1),-1.9)", "40513")]
    [InlineData("=EDATE(DATE(2011,1,15.7),1)", "40589")]
    [InlineData("=EDATE(DATE(1900,1,31),1)", "60")]
    [InlineData("=EDATE(DATE(1900,1,15),-1)", "#NUM!")]
    [InlineData("=EDATE(DATE(9999,12,1),1)", "#NUM!")]
    [InlineData("=EDATE(TRUE,1)", "#VALUE!")]
    [InlineData("=EDATE(DATE(2011,1,15),TRUE)", "#VALUE!")]
    [InlineData("=EDATE(-1,1)", "#NUM!")]
    [InlineData("=EOMONTH(DATE(2011,1,1),1)", "40602")]
    [InlineData("=EOMONTH(DATE(2011,1,1),-3)", "40482")]
    [InlineData("=EOMONTH(DATE(2024,1,31),1)", "45351")]
    [InlineData("=EOMONTH(DATE(2011,1,1),1.9)", "40602")]
    [InlineData("=EOMONTH(DATE(1900,1,10),1)", "60")]
    [InlineData("=EOMONTH(DATE(9999,12,1),0)", "2958465")]
    [InlineData("=EOMONTH(DATE(9999,12,1),1)", "#NUM!")]
    [InlineData("=EOMONTH(\"x\",1)", "#VALUE!")]
    [InlineData("=DAYS(\"15-MAR-2021\",\"1-FEB-2021\")", "42")]
    [InlineData("=DAYS(DATE(2021,12,31),DATE(2021,1,1))", "364")]
    [InlineData("=DAYS(DATE(2021,1,1),DATE(2021,12,31))", "-364")]
    [InlineData("=DAYS(45000.9,45000.1)", "0")]
    [InlineData("=DAYS(\"x\",1)", "#VALUE!")]
    [InlineData("=DAYS(-1,1)", "#NUM!")]
    [InlineData("=DATEDIF(DATE(2001,1,1),DATE(2003,1,1),\"Y\")", "2")]
    [InlineData("=DATEDIF(DATE(2001,6,1),DATE(2002,8,15),\"D\")", "440")]
    [InlineData("=DATEDIF(DATE(2001,6,1),DATE(2002,8,15),\"YD\")", "75")]
    [InlineData("=DATEDIF(DATE(2001,6,1),DATE(2002,8,15),\"MD\")", "14")]
    [InlineData("=DATEDIF(DATE(2001,6,1),DATE(2002,8,15),\"YM\")", "2")]
    [InlineData("=DATEDIF(DATE(2001,6,1),DATE(2002,8,15),\"m\")", "14")]
    [InlineData("=DATEDIF(DATE(2015,1,31),DATE(2015,3,1),\"MD\")", "-2")]
    [InlineData("=DATEDIF(DATE(2015,1,31),DATE(2015,3,1),\"M\")", "1")]
    [InlineData("=DATEDIF(DATE(2011,1,31),DATE(2011,2,28),\"m\")", "0")]
    [InlineData("=DATEDIF(DATE(2011,1,31),DATE(2011,2,28),\"md\")", "28")]
    [InlineData("=DATEDIF(DATE(1988,6,22),DATE(2012,5,11),\"YD\")", "323")]
    [InlineData("=DATEDIF(DATE(2001,6,1),DATE(2002,8,15),\"x\")", "#NUM!")]
    [InlineData("=DATEDIF(DATE(2002,6,1),DATE(2001,8,15),\"d\")", "#NUM!")]
    public void Weekdays_months_and_day_counts_match_excel(string formula, string expected) => Assert.Equal(expected, Show(formula));

    [Theory]
    [InlineData("=NETWORKDAYS(DATE(2012,10,1),DATE(2013,3,1))", "110")]
    [InlineData("=NETWORKDAYS(DATE(2012,10,1),DATE(2013,3,1),DATE(2012,11,22))", "109")]
    [InlineData("=NETWORKDAYS(DATE(2012,10,1),DATE(2013,3,1),A1:A3)", "107")]
    [InlineData("=NETWORKDAYS(DATE(2012,10,1),DATE(2013,3,1),A1:A6)", "107")]
    [InlineData("=NETWORKDAYS(DATE(2013,3,1),DATE(2012,10,1),A1:A3)", "-107")]
    [InlineData("=NETWORKDAYS(DATE(2012,10,6),DATE(2012,10,6))", "0")]
    [InlineData("=NETWORKDAYS(DATE(2012,10,6),DATE(2012,10,8))", "1")]
    [InlineData("=NETWORKDAYS(DATE(2012,10,8),DATE(2012,10,8),DATE(2012,10,8))", "0")]
    [InlineData("=NETWORKDAYS(DATE(2012,10,1),DATE(2013,3,1),B1)", "#VALUE!")]
    [InlineData("=NETWORKDAYS(DATE(2012,10,1),DATE(2013,3,1),B2)", "#N/A")]
    [InlineData("=NETWORKDAYS(DATE(2012,10,1),DATE(2013,3,1),{41235,\"1/21/2013\"})", "108")]
    [InlineData("=NETWORKDAYS(TRUE,DATE(2013,3,1))", "#VALUE!")]
    [InlineData("=NETWORKDAYS(\"10/1/2012\",\"3/1/2013\")", "110")]
    [InlineData("=NETWORKDAYS(1,2958465)-2113190", "0")]
    [InlineData("=NETWORKDAYS.INTL(DATE(2006,1,1),DATE(2006,1,31))", "22")]
    [InlineData("=NETWORKDAYS.INTL(DATE(2006,2,28),DATE(2006,1,31))", "-21")]
    [InlineData("=NETWORKDAYS.INTL(DATE(2006,1,1),DATE(2006,2,1),7,{\"2006/1/2\",\"2006/1/16\"})", "22")]
    [InlineData("=NETWORKDAYS.INTL(DATE(2006,1,1),DATE(2006,2,1),\"0010001\",{\"2006/1/2\",\"2006/1/16\"})", "20")]
    [InlineData("=NETWORKDAYS.INTL(DATE(2006,1,1),DATE(2006,2,1),11)", "27")]
    [InlineData("=NETWORKDAYS.INTL(DATE(2006,1,1),DATE(2006,2,1),\"1111111\")", "0")]
    [InlineData("=NETWORKDAYS.INTL(DATE(2006,1,1),DATE(2006,2,1),8)", "#NUM!")]
    [InlineData("=NETWORKDAYS.INTL(DATE(2006,1,1),DATE(2006,2,1),\"000001\")", "#VALUE!")]
    [InlineData("=WORKDAY(DATE(2008,10,1),151)", "39933")]
    [InlineData("=WORKDAY(DATE(2008,10,1),151,C1:C3)", "39938")]
    [InlineData("=WORKDAY(DATE(2008,10,1),-5)", "39715")]
    [InlineData("=WORKDAY(DATE(2008,10,4),0)", "39725")]
    [InlineData("=WORKDAY(DATE(2008,10,4),1)", "39727")]
    [InlineData("=WORKDAY(DATE(2008,10,4),-1)", "39724")]
    [InlineData("=WORKDAY(DATE(2008,10,3),1.9)", "39727")]
    [InlineData("=WORKDAY(DATE(2008,10,3),1,DATE(2008,10,6))", "39728")]
    [InlineData("=WORKDAY(DATE(9999,12,31),1)", "#NUM!")]
    [InlineData("=WORKDAY(DATE(2008,10,1),\"x\")", "#VALUE!")]
    [InlineData("=WORKDAY.INTL(DATE(2012,1,1),30,0)", "#NUM!")]
    [InlineData("=WORKDAY.INTL(DATE(2012,1,1),90,11)", "41013")]
    [InlineData("=WORKDAY.INTL(DATE(2012,1,1),30,17)", "40944")]
    [InlineData("=WORKDAY.INTL(DATE(2012,1,1),30,\"0000111\")", "40960")]
    [InlineData("=WORKDAY.INTL(DATE(2012,1,1),30,\"1111111\")", "#VALUE!")]
    public void Working_days_match_excel(string formula, string expected) =>
        Assert.Equal(expected, Show(
            formula,
            ("A1", "=DATE(2012,11,22)"), ("A2", "=DATE(2012,12,4)"), ("A3", "=DATE(2013,1,21)"), ("A5", "=DATE(2012,12,4)"), ("A6", "=DATE(2012,12,8)"),
            ("B1", "holiday"), ("B2", "#N/A"),
            ("C1", "=DATE(2008,11,26)"), ("C2", "=DATE(2008,12,4)"), ("C3", "=DATE(2009,1,21)")));

    // YEARFRAC reference values (Excel's documented example, David Wheeler's Excel-verified algorithm, LibreOffice).
    [Theory]
    [InlineData(2012, 1, 1, 2012, 7, 30, 0, 0.580555555555556)]
    [InlineData(2012, 1, 1, 2012, 7, 30, 1, 0.576502732240437)]
    [InlineData(2012, 1, 1, 2012, 7, 30, 2, 0.586111111111111)]
    [InlineData(2012, 1, 1, 2012, 7, 30, 3, 0.578082191780822)]
    [InlineData(2012, 1, 1, 2012, 7, 30, 4, 0.580555555555556)]
    [InlineData(2000, 1, 31, 2000, 3, 31, 0, 0.166666666666667)]
    [InlineData(2000, 1, 30, 2000, 3, 31, 0, 0.166666666666667)]
    [InlineData(2000, 1, 15, 2000, 3, 31, 0, 0.211111111111111)]
    [InlineData(2000, 2, 29, 2000, 3, 31, 0, 0.0861111111111111)]
    [InlineData(2001, 2, 28, 2001, 3, 31, 0, 0.0861111111111111)]
    [InlineData(2000, 2, 29, 2004, 2, 29, 0, 4)]
    [InlineData(2000, 2, 28, 2004, 2, 29, 0, 4.00277777777778)]
    [InlineData(2013, 1, 29, 2013, 3, 31, 0, 0.172222222222222)]
    [InlineData(2013, 1, 29, 2013, 3, 31, 4, 0.169444444444444)]
    [InlineData(2000, 2, 29, 2000, 3, 31, 4, 0.0861111111111111)]
    [InlineData(2012, 2, 29, 2013, 2, 28, 0, 1)]
    [InlineData(2012, 12, 1, 2013, 6, 1, 1, 0.498630136986301)]
    [InlineData(2011, 12, 15, 2012, 3, 1, 1, 0.210382513661202)]
    [InlineData(2012, 3, 1, 2013, 2, 28, 1, 0.997260273972603)]
    [InlineData(2011, 2, 28, 2012, 2, 29, 1, 1.00136798905609)]
    [InlineData(2012, 2, 29, 2013, 2, 28, 1, 0.997267759562842)]
    [InlineData(2012, 2, 29, 2013, 3, 1, 1, 1.00136798905609)]
    [InlineData(2011, 6, 15, 2012, 6, 14, 1, 0.997267759562842)]
    [InlineData(2011, 6, 15, 2012, 6, 16, 1, 1.00410396716826)]
    [InlineData(2011, 3, 1, 2012, 3, 1, 1, 1)]
    [InlineData(2010, 1, 1, 2013, 6, 1, 1, 3.41409993155373)]
    [InlineData(1999, 12, 31, 2004, 1, 1, 1, 4.00182481751825)]
    [InlineData(2013, 1, 1, 2013, 12, 31, 1, 0.997260273972603)]
    [InlineData(2012, 1, 1, 2012, 12, 31, 1, 0.997267759562842)]
    [InlineData(2013, 6, 1, 2012, 1, 1, 3, 1.41643835616438)]
    [InlineData(2013, 6, 1, 2012, 1, 1, 2, 1.43611111111111)]
    public void Yearfrac_matches_excel_on_every_basis(int y1, int m1, int d1, int y2, int m2, int d2, int basis, double expected)
    {
        double actual = StatisticalFunctionTests.Number($"=YEARFRAC(DATE({y1},{m1},{d1}),DATE({y2},{m2},{d2}),{basis})");
        Assert.Equal(expected, actual, Math.Abs(expected) * 5e-15);
    }

    [Theory]
    [InlineData("=YEARFRAC(DATE(2012,1,1),DATE(2012,7,30))", "0.580555555555556")]
    [InlineData("=YEARFRAC(DATE(2012,1,1),DATE(2012,1,1),1)", "0")]
    [InlineData("=YEARFRAC(DATE(2012,1,1),DATE(2012,7,30),5)", "#NUM!")]
    [InlineData("=YEARFRAC(DATE(2012,1,1),DATE(2012,7,30),-1)", "#NUM!")]
    [InlineData("=YEARFRAC(DATE(2012,1,1),DATE(2012,7,30),4.9)", "0.580555555555556")]
    [InlineData("=YEARFRAC(\"1/1/2012\",\"7/30/2012\",3)", "0.578082191780822")]
    [InlineData("=YEARFRAC(TRUE,DATE(2012,7,30))", "#VALUE!")]
    [InlineData("=YEARFRAC(DATE(2012,1,1),DATE(2012,7,30),TRUE)", "#VALUE!")]
    [InlineData("=YEARFRAC(\"x\",DATE(2012,7,30))", "#VALUE!")]
    [InlineData("=YEARFRAC(-1,DATE(2012,7,30))", "#NUM!")]
    public void Yearfrac_checks_its_arguments(string formula, string expected) => Assert.Equal(expected, Show(formula));

    [Fact]
    public void Today_and_now_read_the_workbooks_clock_in_its_local_time_zone()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test+10", TimeSpan.FromHours(10), "Test+10", "Test+10");
        var clock = new FixedClock(new DateTimeOffset(2024, 1, 31, 23, 30, 0, TimeSpan.Zero), zone);
        var book = new Workbook(clock);
        book.AddSheet(Main);
        book.Set("A1", "=TODAY()");
        book.Set("A2", "=NOW()");
        book.Set("A3", "=TODAY()=DATE(2024,2,1)");
        book.Set("A4", "=HOUR(NOW())*60+MINUTE(NOW())");
        Assert.Equal("45323", book.Value("A1"));
        Assert.Equal("45323.3958333333", book.Value("A2"));
        Assert.Equal("TRUE", book.Value("A3"));
        Assert.Equal("570", book.Value("A4"));

        // Volatile: the next recalculation reads the clock again.
        clock.Now = new DateTimeOffset(2024, 2, 1, 15, 0, 0, TimeSpan.Zero);
        book.Set("B1", "1");
        Assert.Equal("45324", book.Value("A1"));
        Assert.Equal("45324.0416666667", book.Value("A2"));
        Assert.Equal("FALSE", book.Value("A3"));
    }

    [Fact]
    public void Date_functions_apply_item_by_item_in_array_formulas()
    {
        Assert.Equal("6", Show("=SUMPRODUCT(MONTH(A1:A3))", ("A1", "=DATE(2020,1,5)"), ("A2", "=DATE(2020,2,5)"), ("A3", "=DATE(2020,3,5)")));
        Assert.Equal("2", Show("=SUMPRODUCT(--(WEEKDAY(A1:A3,2)>5))", ("A1", "=DATE(2024,6,1)"), ("A2", "=DATE(2024,6,2)"), ("A3", "=DATE(2024,6,3)")));
    }

    internal sealed class FixedClock(DateTimeOffset now, TimeZoneInfo zone) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;

        public override TimeZoneInfo LocalTimeZone => zone;
    }

    // The oracle's cases where LibreOffice differs from Excel (OracleCases.Dates.cs), on the oracle's data: Excel's values.
    [Theory]
    [InlineData("=DATE(10000,1,1)", "#NUM!")]
    [InlineData("=DATE(1900,1,1)", "1")]
    [InlineData("=DATE(1900,2,29)", "60")]
    [InlineData("=YEAR(2958466)", "#NUM!")]
    [InlineData("=DAY(-1)", "#NUM!")]
    [InlineData("=DAY(60)", "29")]
    [InlineData("=MONTH(C5)*100+DAY(C5)", "101")]
    [InlineData("=DAYS(C2+0.9,C2)", "0")]
    [InlineData("=NETWORKDAYS.INTL(DATE(2024,1,1),DATE(2024,1,31),11)", "27")]
    [InlineData("=NETWORKDAYS.INTL(DATE(2024,1,1),DATE(2024,1,31),\"0000011\",P1:P3)", "22")]
    [InlineData("=WORKDAY.INTL(DATE(2024,1,1),5,7)", "45299")]
    [InlineData("=WORKDAY.INTL(DATE(2024,1,1),5,\"1010100\")", "45300")]
    [InlineData("=YEARFRAC(C1,C2,5)", "#NUM!")]
    [InlineData("=WEEKDAY(C1,4)", "#NUM!")]
    [InlineData("=WEEKDAY(-1)", "#NUM!")]
    [InlineData("=DATEVALUE(\"15 January 2024\")", "45306")]
    [InlineData("=DATEVALUE(\"2024/1/15\")", "45306")]
    [InlineData("=DATEVALUE(\"1-15-24\")", "45306")]
    [InlineData("=YEAR(0)", "1900")]
    [InlineData("=EOMONTH(0,0)", "31")]
    [InlineData("=DAY(0)", "0")]
    [InlineData("=DATEVALUE(\"1/1/1900\")", "1")]
    public void Excel_values_where_LibreOffice_differs(string formula, string expected) =>
        Assert.Equal(expected, Show(formula, OracleData));
}
