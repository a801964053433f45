using System.Globalization;
using Collab.Workbooks.Engine;
using CsCheck;

namespace Workbooks.Engine.Tests;

public class NumberFormatPropertyTests
{
    private static readonly string[] Fragments =
    [
        "0", "#", "?", ".", ",", "%", "E+", "E-", "e+", "/", "@", ";", "\"x\"", "\"", "\\", "\\-", "_", "_)", "*", "* ",
        "[", "]", "[Red]", "[Color7]", "[<10]", "[>=-5]", "[=0]", "[h]", "[mm]", "[ss]", "[$€-407]", "[$-409]", "[DBNum1]",
        "y", "yy", "yyyy", "m", "mm", "mmm", "mmmm", "mmmmm", "d", "dd", "ddd", "dddd", "h", "hh", "s", "ss", ".0", ".000",
        "AM/PM", "A/P", "a/p", "General", " ", "$", "-", "(", ")", ":", "e", "b", "g", "Z", "1", "8", "16", "000",
    ];

    private static readonly double[] Specials = [0.0, -0.0, 1e-300, -1e-300, 1e300, -1e300, 1e15, 123456789012345678, 0.5, -0.5, 2958465.99999, 2958466, 60, 1e-10];

    private static readonly Gen<string> Codes = Gen.Int[0, Fragments.Length - 1].Array[0, 12]
        .Select(indexes => string.Concat(indexes.Select(i => Fragments[i])));

    private static readonly Gen<double> Numbers = Gen.OneOf(
        Gen.Double[-1e6, 1e6],
        Gen.Double[-3e6, 3e6].Select(Math.Round),
        Gen.Int[0, 13].Select(i => Specials[i]));


    [Fact]
    public void Any_code_formats_any_value_without_throwing()
    {
        Gen.Select(Codes, Numbers, Gen.String[0, 8]).Sample(
            (code, number, text) =>
            {
                var compiled = NumberFormat.Compile(code);
                Assert.Equal(compiled.IsValid, NumberFormat.IsValid(code));
                var formatted = compiled.Format(CellValue.FromNumber(number));
                Assert.NotNull(formatted.Text);
                Assert.NotNull(compiled.Format(CellValue.FromText(text)).Text);
                if (!compiled.IsValid)
                {
                    Assert.Equal(NumberText.ToGeneral(number), formatted.Text);
                    Assert.Equal(text, compiled.Format(CellValue.FromText(text)).Text);
                }
            },
            iter: 20_000,
            print: t => $"{t.Item1} | {t.Item2.ToString("R", CultureInfo.InvariantCulture)} | {t.Item3}");
    }

    // The format engine's digit arithmetic agrees with System.Decimal rounding the correctly rounded
    // 15-significant-digit value half away from zero.
    [Fact]
    public void Fixed_decimals_round_the_fifteen_digit_value_half_away_from_zero()
    {
        Gen.Select(Gen.Double[-1e9, 1e9], Gen.Int[0, 4]).Sample(
            (number, decimals) =>
            {
                decimal fifteenDigits = decimal.Parse(number.ToString("E14", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
                decimal rounded = Math.Round(fifteenDigits, decimals, MidpointRounding.AwayFromZero);
                string pattern = decimals == 0 ? "#,##0" : "#,##0." + new string('0', decimals);
                string expected = (number < 0 && rounded == 0 ? "-" : string.Empty) + rounded.ToString(pattern, CultureInfo.InvariantCulture);
                Assert.Equal(expected, NumberFormat.Format(CellValue.FromNumber(number), pattern));
            },
            iter: 20_000,
            print: t => $"{t.Item1.ToString("R", CultureInfo.InvariantCulture)} to {t.Item2} decimals");
    }

    [Fact]
    public void Date_codes_agree_with_the_date_serial_calendar()
    {
        Gen.Int[61, DateSerial.MaxSerial].Sample(
            serial =>
            {
                var date = DateSerial.ToDate(serial)!.Value;
                string expected = date.ToString("yyyy-MM-dd dddd MMM", CultureInfo.InvariantCulture);
                Assert.Equal(expected, NumberFormat.Format(CellValue.FromNumber(serial + 0.25), "yyyy-mm-dd dddd mmm"));
                Assert.Equal("6:00 AM", NumberFormat.Format(CellValue.FromNumber(serial + 0.25), "h:mm AM/PM"));
            },
            iter: 5_000);
    }
}
