using Collab.Workbooks.Engine;

namespace Workbooks.Engine.Tests;

public class ValueTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(0.1 + 0.2, "0.3")]
    [InlineData(1.0 / 3, "0.333333333333333")]
    [InlineData(2.0 / 3, "0.666666666666667")]
    [InlineData(123456789012345.0, "123456789012345")]
    [InlineData(1234567890123456.0, "1.23456789012346E+15")]
    [InlineData(1e20, "1E+20")]
    [InlineData(123456789012345678.0, "1.23456789012346E+17")]
    [InlineData(1e-10, "1E-10")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1e15, "1E+15")]
    [InlineData(100.0, "100")]
    [InlineData(1234.5678, "1234.5678")]
    [InlineData(-0.000123, "-0.000123")]
    public void General_text_uses_15_significant_digits(double number, string expected) =>
        Assert.Equal(expected, NumberText.ToGeneral(number));

    [Theory]
    [InlineData("1234.5", 1234.5)]
    [InlineData("-3", -3)]
    [InlineData("1e3", 1000)]
    [InlineData(".5", 0.5)]
    [InlineData("1.5E-3", 0.0015)]
    [InlineData("50%", 0.5)]
    [InlineData(" 42 ", 42)]
    [InlineData("$1,000", 1000)]
    [InlineData("+7", 7)]
    [InlineData("1,234,567.5", 1234567.5)]
    [InlineData("-1,000%", -10)]
    public void Numbers_parse_in_invariant_culture(string text, double expected)
    {
        Assert.True(NumberText.TryParse(text, out double value));
        Assert.Equal(expected, value, 12);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1,2.3.4")]
    [InlineData("1 2")]
    [InlineData("")]
    [InlineData("1e")]
    [InlineData(",5")]
    [InlineData("1,2")]
    [InlineData("1,2345")]
    [InlineData("1.5,000")]
    public void Non_numbers_do_not_parse(string text) => Assert.False(NumberText.TryParse(text, out _));

    [Fact]
    public void Cell_values_expose_kind_and_wire_type()
    {
        Assert.Equal("number", CellValue.FromNumber(1).TypeName);
        Assert.Equal("text", CellValue.FromText("x").TypeName);
        Assert.Equal("bool", CellValue.True.TypeName);
        Assert.Equal("error", CellValue.FromError(ErrorValue.NotAvailable).TypeName);
        Assert.Equal("#N/A", CellValue.FromError(ErrorValue.NotAvailable).ToDisplayText());
        Assert.Equal("TRUE", CellValue.True.ToDisplayText());
        Assert.True(CellValue.FromNumber(double.NaN).IsError);
        Assert.Equal(ErrorValue.Number, CellValue.FromNumber(double.PositiveInfinity).Error);
        Assert.NotEqual(CellValue.FromNumber(1), CellValue.True);
        Assert.NotEqual(CellValue.FromText("a"), CellValue.FromText("A"));
        Assert.Equal(CellValue.FromText("a"), CellValue.FromText("a"));
    }

    [Theory]
    [InlineData("#NULL!", ErrorValue.Null)]
    [InlineData("#DIV/0!", ErrorValue.DivisionByZero)]
    [InlineData("#VALUE!", ErrorValue.Value)]
    [InlineData("#REF!", ErrorValue.Reference)]
    [InlineData("#NAME?", ErrorValue.Name)]
    [InlineData("#NUM!", ErrorValue.Number)]
    [InlineData("#N/A", ErrorValue.NotAvailable)]
    [InlineData("#CIRC!", ErrorValue.Circular)]
    [InlineData("#n/a", ErrorValue.NotAvailable)]
    public void Error_texts_round_trip(string text, ErrorValue error)
    {
        Assert.True(ErrorValues.TryParse(text, out var parsed));
        Assert.Equal(error, parsed);
        Assert.Equal(text.ToUpperInvariant(), error.ToText());
    }
}

public class DateSerialTests
{
    [Theory]
    [InlineData(1900, 1, 1, 1)]
    [InlineData(1900, 2, 28, 59)]
    [InlineData(1900, 2, 29, 60)]
    [InlineData(1900, 3, 1, 61)]
    [InlineData(2024, 1, 31, 45322)]
    [InlineData(2008, 1, 1, 39448)]
    [InlineData(9999, 12, 31, 2958465)]
    [InlineData(108, 1, 2, 39449)]
    [InlineData(2020, 14, 1, 44228)]
    [InlineData(2020, 3, 0, 43890)]
    [InlineData(2020, 1, -1, 43829)]
    [InlineData(2020, 0, 1, 43800)]
    public void Year_month_day_to_serial_follows_excel(int y, int m, int d, double serial) =>
        Assert.Equal(serial, DateSerial.FromYearMonthDay(y, m, d));

    [Fact]
    public void Out_of_range_dates_give_null()
    {
        Assert.Null(DateSerial.FromYearMonthDay(10000, 1, 1));
        Assert.Null(DateSerial.FromYearMonthDay(-1, 1, 1));
        Assert.Null(DateSerial.FromYearMonthDay(1900, 1, -5));
    }

    [Theory]
    [InlineData(1, 1900, 1, 1)]
    [InlineData(59, 1900, 2, 28)]
    [InlineData(60, 1900, 2, 29)]
    [InlineData(61, 1900, 3, 1)]
    [InlineData(45322.75, 2024, 1, 31)]
    [InlineData(0, 1900, 1, 0)]
    public void Serial_to_year_month_day(double serial, int y, int m, int d) =>
        Assert.Equal((y, m, d), DateSerial.ToYearMonthDay(serial));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(61, 5)]
    [InlineData(45322, 4)]
    public void Weekday_counts_serial_1_as_sunday(double serial, int weekday) => Assert.Equal(weekday, DateSerial.Weekday(serial));

    [Fact]
    public void Date_times_and_date_text_convert()
    {
        Assert.Equal(45322.5, DateSerial.FromDateTime(new DateTime(2024, 1, 31, 12, 0, 0, DateTimeKind.Unspecified)));
        Assert.True(DateSerial.TryParse("2024-01-31", out double iso));
        Assert.Equal(45322, iso);
        Assert.True(DateSerial.TryParse("1/31/2024 18:00", out double us));
        Assert.Equal(45322.75, us);
        Assert.True(DateSerial.TryParse("12:00", out double noon));
        Assert.Equal(0.5, noon);
        Assert.False(DateSerial.TryParse("2024-02-30", out _));
        Assert.Null(DateSerial.ToDate(60));
        Assert.Equal(new DateOnly(1900, 3, 1), DateSerial.ToDate(61));
    }
}
