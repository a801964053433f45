using Collab.Workbooks.Engine;

namespace Workbooks.Engine.Tests;

public class NumberFormatTests
{
    [Theory]
    // General and plain digits
    [InlineData(1234.5, "General", "1234.5")]
    [InlineData(-1234.5, "General", "-1234.5")]
    [InlineData(0.1 + 0.2, "General", "0.3")]
    [InlineData(1e20, "General", "1E+20")]
    [InlineData(5, "\"Total: \"General", "Total: 5")]
    [InlineData(1234.567, "0", "1235")]
    [InlineData(1234, "0000000", "0001234")]
    [InlineData(0.5, "0", "1")]
    [InlineData(1.5, "0", "2")]
    [InlineData(2.5, "0", "3")]
    [InlineData(-2.5, "0", "-3")]
    [InlineData(-0.4, "0", "-0")]
    [InlineData(2.675, "0.00", "2.68")]
    [InlineData(1.005, "0.00", "1.01")]
    [InlineData(357026655.1574495, "0.0000", "357026655.1574")]
    [InlineData(1.23456789e20, "0", "123456789000000000000")]
    [InlineData(0, "#", "")]
    [InlineData(0.5, "#.00", ".50")]
    [InlineData(12.5, ".00", "12.50")]
    [InlineData(1, "0.##", "1.")]
    [InlineData(1.5, "0.0#", "1.5")]
    [InlineData(1.25, "0.0#", "1.25")]
    [InlineData(1.5, "0.??", "1.5 ")]
    [InlineData(7, "??0", "  7")]
    // Thousands separators and scaling
    [InlineData(1234.567, "#,##0.00", "1,234.57")]
    [InlineData(1234567.891, "#,##0.00", "1,234,567.89")]
    [InlineData(999, "#,##0", "999")]
    [InlineData(1000, "#,##0", "1,000")]
    [InlineData(0, "#,##0.00", "0.00")]
    [InlineData(5, "0,000", "0,005")]
    [InlineData(12345678, "#,##0,", "12,346")]
    [InlineData(12345678, "#,##0,,\"M\"", "12M")]
    [InlineData(1234567, "0.0,,\"M\"", "1.2M")]
    [InlineData(12345, "#,##0,\"K\"", "12K")]
    [InlineData(-12345, "#,##0,\"K\"", "-12K")]
    [InlineData(1234.5, "$#,##0.00", "$1,234.50")]
    [InlineData(-1234.567, "$#,##0.00", "-$1,234.57")]
    // Percent
    [InlineData(0.256, "0.0%", "25.6%")]
    [InlineData(0.285, "0.0%", "28.5%")]
    [InlineData(0.5, "0%", "50%")]
    [InlineData(0.005, "0.0%", "0.5%")]
    [InlineData(-0.125, "0.00%", "-12.50%")]
    // Scientific
    [InlineData(12200000, "0.00E+00", "1.22E+07")]
    [InlineData(1950000000000, "0.00E+00", "1.95E+12")]
    [InlineData(1950000000000, "0.00E+000", "1.95E+012")]
    [InlineData(1950000000000, "#.###E+00", "1.95E+12")]
    [InlineData(1950000000000, "0.000E+00", "1.950E+12")]
    [InlineData(0.00001, "0.00E+00", "1.00E-05")]
    [InlineData(9.996, "0.00E+00", "1.00E+01")]
    [InlineData(12345, "0.00E-00", "1.23E04")]
    [InlineData(0.00012345, "0.00E-00", "1.23E-04")]
    [InlineData(0, "0.00E+00", "0.00E+00")]
    [InlineData(-12345, "0.0E+0", "-1.2E+4")]
    [InlineData(123456, "##0.0E+0", "123.5E+3")]
    [InlineData(320000000000, "##0.0E+0", "320.0E+9")]
    [InlineData(0.0001234, "##0.0E+0", "123.4E-6")]
    // Literals, escapes, padding
    [InlineData(123, "0 \"units\"", "123 units")]
    [InlineData(123, "\\$0", "$123")]
    [InlineData(123456, "##0° 00' 00''", "12° 34' 56''")]
    [InlineData(123456789, "000-00-0000", "123-45-6789")]
    [InlineData(5551234, "(###) ###-####", "() 555-1234")]
    [InlineData(1234.5, "_(#,##0.00_)", " 1,234.50 ")]
    [InlineData(1234.5, "* #,##0.00", "1,234.50")]
    [InlineData(1234.5, "[$€-407] #,##0.00", "€ 1,234.50")]
    [InlineData(1234.5, "[$USD] 0", "USD 1235")]
    // Sections and conditions
    [InlineData(-5, "0;(0)", "(5)")]
    [InlineData(5, "0;(0)", "5")]
    [InlineData(0, "0;(0)", "0")]
    [InlineData(5, "0.00;-0.00;\"zero\"", "5.00")]
    [InlineData(0, "0.00;-0.00;\"zero\"", "zero")]
    [InlineData(-5, "0.00;-0.00;\"zero\"", "-5.00")]
    [InlineData(0.001, "0.00;-0.00;\"zero\"", "0.00")]
    [InlineData(-1, "0;;", "")]
    [InlineData(0, "0;-0;", "")]
    [InlineData(42, ";;;", "")]
    [InlineData(1234567898, "[<=9999999]###-####;(###) ###-####", "(123) 456-7898")]
    [InlineData(5551234, "[<=9999999]###-####;(###) ###-####", "555-1234")]
    [InlineData(50, "[<100]\"low\";\"high\"", "low")]
    [InlineData(150, "[<100]\"low\";\"high\"", "high")]
    [InlineData(150, "[>=100]0;[<0]0;\"mid \"0", "150")]
    [InlineData(-5, "[>=100]0;[<0]0;\"mid \"0", "5")]
    [InlineData(50, "[>=100]0;[<0]0;\"mid \"0", "mid 50")]
    [InlineData(1234.5, "_(* #,##0.00_);_(* (#,##0.00);_(* \"-\"??_);_(@_)", " 1,234.50 ")]
    [InlineData(-1234.5, "_(* #,##0.00_);_(* (#,##0.00);_(* \"-\"??_);_(@_)", " (1,234.50)")]
    [InlineData(0, "_(* #,##0.00_);_(* (#,##0.00);_(* \"-\"??_);_(@_)", " -   ")]
    [InlineData(5, "@", "5")]
    [InlineData(5, "0;@", "5")]
    [InlineData(-5, "0;@", "-5")]
    // Fractions
    [InlineData(4.34, "# ?/?", "4 1/3")]
    [InlineData(0.34, "# ?/?", " 1/3")]
    [InlineData(1.5, "# ?/?", "1 1/2")]
    [InlineData(3, "# ?/?", "3    ")]
    [InlineData(0, "# ?/?", "0    ")]
    [InlineData(-2.25, "# ?/?", "-2 1/4")]
    [InlineData(1.75, "?/?", "7/4")]
    [InlineData(0.125, "# ?/8", " 1/8")]
    [InlineData(2.4, "# ?/8", "2 3/8")]
    [InlineData(0.333, "# ??/??", "  1/3 ")]
    [InlineData(3.14159265, "# ???/???", "3  16/113")]
    [InlineData(0.5, "0/100", "50/100")]
    [InlineData(1e20, "??/??", "100000000000000000000/1 ")]
    [InlineData(1.5e19, "# ?/?", "15000000000000000000    ")]
    // Dates (46418 is 2027-01-31, a Sunday) and times
    [InlineData(46418, "mmm yyyy", "Jan 2027")]
    [InlineData(46418, "yyyy-mm-dd", "2027-01-31")]
    [InlineData(46418, "dddd, mmmm d, yyyy", "Sunday, January 31, 2027")]
    [InlineData(46418, "ddd d-mmm-yy", "Sun 31-Jan-27")]
    [InlineData(46418, "m/d/yyyy", "1/31/2027")]
    [InlineData(46418, "MM/DD/YY", "01/31/27")]
    [InlineData(46418, "mmmmm", "J")]
    [InlineData(46418, "mm", "01")]
    [InlineData(46418, "[$-409]mmmm d, yyyy", "January 31, 2027")]
    [InlineData(46418, "yyyymmdd", "20270131")]
    [InlineData(46418.5, "h:mm AM/PM", "12:00 PM")]
    [InlineData(46418.75, "h:mm:ss", "18:00:00")]
    [InlineData(46418.75, "h:mm A/P", "6:00 P")]
    [InlineData(46418.75, "h:mm a/p", "6:00 p")]
    [InlineData(46418.75, "hh:mm am/pm", "06:00 PM")]
    [InlineData(0.0208333333333333, "h:mm AM/PM", "12:30 AM")]
    [InlineData(0.520833333333333, "hh:mm", "12:30")]
    [InlineData(0.520833333333333, "yyyy-mm-dd hh:mm:ss", "1900-01-00 12:30:00")]
    [InlineData(1.5, "[h]:mm:ss", "36:00:00")]
    [InlineData(0.0625, "[mm]:ss", "90:00")]
    [InlineData(0.5, "[ss]", "43200")]
    [InlineData(0.500005787037037, "h:mm:ss.0", "12:00:00.5")]
    [InlineData(0.500005787037037, "mm:ss.00", "00:00.50")]
    [InlineData(0.999999999, "h:mm:ss", "0:00:00")]
    [InlineData(0.999999999, "d h:mm", "1 0:00")]
    [InlineData(0.51736111111, "h:mm", "12:25")]
    [InlineData(60, "yyyy-mm-dd", "1900-02-29")]
    [InlineData(61, "d-mmm-yyyy", "1-Mar-1900")]
    [InlineData(0, "yyyy-mm-dd", "1900-01-00")]
    [InlineData(2958465, "yyyy-mm-dd", "9999-12-31")]
    [InlineData(-0.5, "[h]:mm;-[h]:mm", "-12:00")]
    public void Formats_numbers_like_excel(double value, string format, string expected) =>
        Assert.Equal(expected, NumberFormat.Format(CellValue.FromNumber(value), format));

    // Outputs of Excel collected by the SheetJS/ssf and ExcelNumberFormat projects.
    [Theory]
    [InlineData(-1.23457E-13, "-12.3E-14", "-123.5E-15", "-1234.6E-16", "-123.5E-15")]
    [InlineData(-12345.6789, "-1.2E+4", "-12.3E+3", "-1.2E+4", "-12345.7E+0")]
    [InlineData(1.23457E-12, "1.2E-12", "1.2E-12", "1.2E-12", "1234.6E-15")]
    [InlineData(0.000123457, "1.2E-4", "123.5E-6", "1.2E-4", "12.3E-5")]
    [InlineData(0.123456789, "12.3E-2", "123.5E-3", "1234.6E-4", "12345.7E-5")]
    [InlineData(123.456789, "1.2E+2", "123.5E+0", "123.5E+0", "123.5E+0")]
    [InlineData(123456.789, "12.3E+4", "123.5E+3", "12.3E+4", "1.2E+5")]
    [InlineData(1234567890, "12.3E+8", "1.2E+9", "12.3E+8", "12345.7E+5")]
    [InlineData(1.23456789E+20, "1.2E+20", "123.5E+18", "1.2E+20", "1.2E+20")]
    public void Exponents_are_multiples_of_the_integer_digit_count(double value, string twoDigits, string threeDigits, string fourDigits, string fiveDigits)
    {
        Assert.Equal(twoDigits, NumberFormat.Format(CellValue.FromNumber(value), "#0.0E+0"));
        Assert.Equal(threeDigits, NumberFormat.Format(CellValue.FromNumber(value), "##0.0E+0"));
        Assert.Equal(fourDigits, NumberFormat.Format(CellValue.FromNumber(value), "###0.0E+0"));
        Assert.Equal(fiveDigits, NumberFormat.Format(CellValue.FromNumber(value), "####0.0E+0"));
    }

    [Theory]
    [InlineData(1, "# ?/?", "1    ")]
    [InlineData(-1.2, "# ?/?", "-1 1/5")]
    [InlineData(12.3, "# ?/?", "12 1/3")]
    [InlineData(123.45, "# ?/?", "123 4/9")]
    [InlineData(-1234.5678, "# ?/?", "-1234 4/7")]
    [InlineData(0.3, "# ?/?", " 2/7")]
    [InlineData(1.3, "# ?/?", "1 1/3")]
    [InlineData(2.3, "# ?/?", "2 2/7")]
    [InlineData(-12.34, "# ??/??", "-12 17/50")]
    [InlineData(-123.456, "# ??/??", "-123 26/57")]
    [InlineData(1234.567, "# ??/??", "1234 55/97")]
    [InlineData(1, "# ??/??", "1      ")]
    [InlineData(-123.456, "# ???/???", "-123  57/125")]
    [InlineData(12345.6789, "# ???/???", "12345  74/109")]
    [InlineData(-1.2, "# ?/2", "-1    ")]
    [InlineData(123.45, "# ?/4", "123 2/4")]
    [InlineData(-12.34, "# ?/8", "-12 3/8")]
    [InlineData(12345.6789, "# ??/16", "12345 11/16")]
    [InlineData(1, "# ??/16", "1      ")]
    [InlineData(-123.456, "# ??/100", "-123 46/100")]
    [InlineData(1, "??/??", " 1/1 ")]
    [InlineData(-1.2, "??/??", "- 6/5 ")]
    [InlineData(12.3, "??/??", "123/10")]
    [InlineData(-1234.5678, "??/??", "-100000/81")]
    [InlineData(0, "??/??", " 0/1 ")]
    [InlineData(1.5, "??/??", " 3/2 ")]
    [InlineData(3.4, "??/??", "17/5 ")]
    [InlineData(4.3, "??/??", "43/10")]
    [InlineData(0, "00/00", "00/01")]
    [InlineData(1.5, "00/00", "03/02")]
    [InlineData(3.4, "00/00", "17/05")]
    [InlineData(0, "?.?", " . ")]
    [InlineData(0.1, "??.??", "  .1 ")]
    [InlineData(1.123, "??.??", " 1.12")]
    [InlineData(0.12, "???.???", "   .12 ")]
    [InlineData(0, "???.?0?", "   . 0 ")]
    [InlineData(1.1, "???.?0?", "  1.10 ")]
    [InlineData(0.1, "???.?#?", "   .1 ")]
    [InlineData(0.99, "#.0000,", ".0010")]
    [InlineData(1234, "#.0000,", "1.2340")]
    [InlineData(1234567, "#.0000,,", "1.2346")]
    [InlineData(123456789012, "#.0000,,,", "123.4568")]
    [InlineData(0.99, "#,###.00", ".99")]
    [InlineData(0.99, "###,##0", "1")]
    [InlineData(1234567, "###,###", "1,234,567")]
    [InlineData(46418, "bbbb", "2570")]
    [InlineData(46418, "e", "2027")]
    [InlineData(46418, "[JPN]gggyy\"-\"m\"-\"d", "27-1-31")]
    [InlineData(1234.5, "[DBNum1][$-804]General", "1234.5")]
    public void Matches_reference_outputs_of_excel(double value, string format, string expected) =>
        Assert.Equal(expected, NumberFormat.Format(CellValue.FromNumber(value), format));

    [Theory]
    [InlineData("dd/mm/yyyy", true)]
    [InlineData("mm:ss.0", true)]
    [InlineData("[$-809]dd mmmm yyyy", true)]
    [InlineData("h:mm:ss AM/PM", true)]
    [InlineData("#,##0;[Red]-#,##0", false)]
    [InlineData("0_);[Red](0)", false)]
    [InlineData("0\\h", false)]
    [InlineData("0\"h\"", false)]
    [InlineData("0%", false)]
    [InlineData("General", false)]
    public void Knows_date_and_time_formats(string format, bool isDateTime) =>
        Assert.Equal(isDateTime, NumberFormat.Compile(format).IsDateTime);

    [Theory]
    [InlineData("abc", "@", "abc")]
    [InlineData("abc", "\"Name: \"@", "Name: abc")]
    [InlineData("abc", "0.00", "abc")]
    [InlineData("abc", "0;-0;0;\"[\"@\"]\"", "[abc]")]
    [InlineData("abc", "0;-0;0;\"fixed\"", "fixed")]
    [InlineData("abc", "0;@\"!\"", "abc!")]
    [InlineData("x", "_(* #,##0.00_);_(* (#,##0.00);_(* \"-\"??_);_(@_)", " x ")]
    [InlineData("abc", "[Red][<-25]General;[Blue][>25]General;[Green]General;[Yellow]General\\ ", "abc ")]
    public void Formats_text_through_the_text_section(string text, string format, string expected) =>
        Assert.Equal(expected, NumberFormat.Format(CellValue.FromText(text), format));

    [Fact]
    public void Booleans_errors_and_blanks_ignore_the_format()
    {
        Assert.Equal("TRUE", NumberFormat.Format(CellValue.True, "0.00"));
        Assert.Equal("FALSE", NumberFormat.Format(CellValue.False, "@"));
        Assert.Equal("#DIV/0!", NumberFormat.Format(CellValue.FromError(ErrorValue.DivisionByZero), "0.00"));
        Assert.Equal(string.Empty, NumberFormat.Format(CellValue.Blank, "0.00"));
        Assert.Equal("1234.5", NumberFormat.Format(CellValue.FromNumber(1234.5), null));
        Assert.Equal("1234.5", NumberFormat.Format(CellValue.FromNumber(1234.5), string.Empty));
    }

    [Theory]
    [InlineData("#,##0;[Red](#,##0)", -1234, "(1,234)", "#FF0000")]
    [InlineData("#,##0;[Red](#,##0)", 1234, "1,234", null)]
    [InlineData("[Blue]0.0", 1, "1.0", "#0000FF")]
    [InlineData("[Color10]0", 7, "7", "#008000")]
    [InlineData("[color3]0", 7, "7", "#FF0000")]
    [InlineData("[Green][>=100]0;[Magenta]0", 50, "50", "#FF00FF")]
    [InlineData("[Red][<-25]General;[Blue][>25]General;[Green]General;[Yellow]General", 30, "30", "#0000FF")]
    [InlineData("[Red][<-25]General;[Blue][>25]General;[Green]General;[Yellow]General", 5, "5", "#00FF00")]
    public void Exposes_the_section_colour(string format, double value, string text, string? color)
    {
        var result = NumberFormat.FormatWithColor(CellValue.FromNumber(value), format);
        Assert.Equal(text, result.Text);
        Assert.Equal(color, result.Color);
        Assert.False(result.IsOverflow);
    }

    [Theory]
    [InlineData(-1, "yyyy-mm-dd")]
    [InlineData(-0.5, "h:mm")]
    [InlineData(2958466, "yyyy")]
    [InlineData(3e6, "[h]:mm")]
    public void Dates_out_of_range_overflow_with_hashes(double value, string format)
    {
        var result = NumberFormat.FormatWithColor(CellValue.FromNumber(value), format);
        Assert.True(result.IsOverflow);
        Assert.Equal("########", result.Text);
    }

    [Theory]
    [InlineData("\"abc")]
    [InlineData("[Red")]
    [InlineData("0;0;0;0;0")]
    [InlineData("[Foo]0")]
    [InlineData("0\\")]
    [InlineData("[Color99]0")]
    [InlineData("[Color]0")]
    [InlineData("[<abc]0")]
    [InlineData("[=>5]0")]
    [InlineData("[]0")]
    [InlineData("[hm]:ss")]
    [InlineData("0_")]
    [InlineData("0*")]
    [InlineData("JHGKJG")]
    [InlineData("0x")]
    [InlineData("[Eng]0")]
    public void Invalid_codes_are_reported_and_show_general(string format)
    {
        Assert.False(NumberFormat.IsValid(format));
        Assert.False(NumberFormat.TryParse(format, out var compiled, out string? error));
        Assert.Null(compiled);
        Assert.False(string.IsNullOrEmpty(error));
        Assert.Equal("1234.5", NumberFormat.Format(CellValue.FromNumber(1234.5), format));
        Assert.Equal("abc", NumberFormat.Format(CellValue.FromText("abc"), format));
        Assert.False(NumberFormat.Compile(format).IsValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("General")]
    [InlineData("0.00")]
    [InlineData("#,##0;[Red]-#,##0")]
    [InlineData("mmm yyyy")]
    [InlineData("@")]
    [InlineData(";;;")]
    [InlineData("[h]:mm:ss")]
    [InlineData("[>=1000]#,##0,\"K\";0")]
    [InlineData("0.0%")]
    [InlineData("# ?/?")]
    [InlineData("[$-409]dddd, mmmm d, yyyy")]
    [InlineData("_(\"$\"* #,##0.00_);_(\"$\"* \\(#,##0.00\\);_(\"$\"* \"-\"??_);_(@_)")]
    [InlineData("[DBNum1][$-804]General")]
    [InlineData("[ENG][$-409]mmmm\\ d\\,\\ yyyy;@")]
    [InlineData("[JPN][$-411]gggyy\"年\"m\"月\"d\"日\"\\ dddd;@")]
    [InlineData("**\\ #,###,#00,000.00,**")]
    [InlineData("0\"abde\".0\"??\"000E+00")]
    [InlineData("00.00.00.000")]
    [InlineData("[=0]?;[<4.16666666666667][hh]:mm:ss;[hh]:mm")]
    [InlineData("\\#\\r\\e\\c")]
    [InlineData("yyyy\\-mm\\-dd\\Thh:mm")]
    [InlineData("HH[MM]")]
    [InlineData("[Red][<>50]General;[Blue]000")]
    [InlineData("#,##0.00[$₹-449]_);\\(#,##0.00[$₹-449]\\)")]
    [InlineData("#,##0.00 €;-#,##0.00 €")]
    [InlineData("_-* #,##0.00\\ [$€-407]_-;\\-* #,##0.00\\ [$€-407]_-;_-* \\-??\\ [$€-407]_-;_-@_-")]
    public void Valid_codes_are_accepted(string? format)
    {
        Assert.True(NumberFormat.IsValid(format));
        Assert.True(NumberFormat.TryParse(format, out var compiled, out string? error));
        Assert.NotNull(compiled);
        Assert.Null(error);
    }

    [Fact]
    public void Compiled_formats_are_cached_and_describe_themselves()
    {
        var first = NumberFormat.Compile("#,##0.00");
        Assert.Same(first, NumberFormat.Compile("#,##0.00"));
        Assert.Equal("#,##0.00", first.Code);
        Assert.False(first.IsDateTime);
        Assert.False(first.IsGeneral);
        Assert.True(NumberFormat.Compile("d-mmm-yy").IsDateTime);
        Assert.True(NumberFormat.Compile("[h]:mm").IsDateTime);
        Assert.True(NumberFormat.Compile(null).IsGeneral);
        Assert.True(NumberFormat.Compile("General").IsGeneral);
        Assert.True(NumberFormat.Compile("@").IsGeneral);
        Assert.Same(NumberFormatCode.General, NumberFormat.Compile(null));
        Assert.Equal("1,234.57", first.Format(1234.567).Text);
        Assert.Equal("abc", first.FormatText("abc").Text);
    }

    [Fact]
    public void Minutes_follow_hours_or_precede_seconds_and_months_otherwise()
    {
        double value = 46418 + (13 * 3600 + 5 * 60 + 9) / 86400.0; // 2027-01-31 13:05:09
        Assert.Equal("13:05", NumberFormat.Format(CellValue.FromNumber(value), "h:mm"));
        Assert.Equal("05:09", NumberFormat.Format(CellValue.FromNumber(value), "mm:ss"));
        Assert.Equal("01/31 13:05", NumberFormat.Format(CellValue.FromNumber(value), "mm/dd h:mm"));
        Assert.Equal("13 \"05", NumberFormat.Format(CellValue.FromNumber(value), "h \\\"mm"));
        Assert.Equal("1", NumberFormat.Format(CellValue.FromNumber(value), "m"));
    }

    [Fact]
    public void Formatting_is_safe_from_many_threads()
    {
        var results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = NumberFormat.Format(CellValue.FromNumber(i * 1000.5), "#,##0.0;(#,##0.0)"));
        for (int i = 0; i < results.Length; i++)
        {
            Assert.Equal((i * 1000.5).ToString("#,##0.0", System.Globalization.CultureInfo.InvariantCulture), results[i]);
        }
    }
}
