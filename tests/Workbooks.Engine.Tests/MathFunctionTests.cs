using System.Globalization;
using Collab.Workbooks.Engine;
using Collab.Workbooks.Engine.Functions;
using CsCheck;
using static Workbooks.Engine.Tests.TestBook;

namespace Workbooks.Engine.Tests;

public class MathFunctionTests
{
    [Theory]
    [InlineData("=ROUND(2.15,1)", "2.2")]
    [InlineData("=ROUND(2.149,1)", "2.1")]
    [InlineData("=ROUND(-1.475,2)", "-1.48")]
    [InlineData("=ROUND(21.5,-1)", "20")]
    [InlineData("=ROUND(626.3,-3)", "1000")]
    [InlineData("=ROUND(1.98,-1)", "0")]
    [InlineData("=ROUND(-50.55,-2)", "-100")]
    [InlineData("=ROUND(2.675,2)", "2.68")]
    [InlineData("=ROUND(1.005,2)", "1.01")]
    [InlineData("=ROUND(2.5,0)", "3")]
    [InlineData("=ROUND(-2.5,0)", "-3")]
    [InlineData("=ROUND(1234.5678,1.9)", "1234.6")]
    [InlineData("=ROUND(\"abc\",1)", "#VALUE!")]
    [InlineData("=ROUND(1E+20,10)", "1E+20")]
    [InlineData("=ROUND(1E+30,-29)", "1E+30")]
    [InlineData("=ROUND(1.23456E-20,24)", "1.2346E-20")]
    [InlineData("=ROUND(123456789.123456789,5)", "123456789.12346")]
    [InlineData("=ROUND(5,-400)", "0")]
    [InlineData("=ROUNDUP(1E+300,-299)", "1E+300")]
    [InlineData("=ROUNDUP(3.2,0)", "4")]
    [InlineData("=ROUNDUP(76.9,0)", "77")]
    [InlineData("=ROUNDUP(3.14159,3)", "3.142")]
    [InlineData("=ROUNDUP(-3.14159,1)", "-3.2")]
    [InlineData("=ROUNDUP(31415.92654,-2)", "31500")]
    [InlineData("=ROUNDDOWN(3.2,0)", "3")]
    [InlineData("=ROUNDDOWN(76.9,0)", "76")]
    [InlineData("=ROUNDDOWN(3.14159,3)", "3.141")]
    [InlineData("=ROUNDDOWN(-3.14159,1)", "-3.1")]
    [InlineData("=ROUNDDOWN(31415.92654,-2)", "31400")]
    [InlineData("=ROUND(357026655.1574495,4)", "357026655.1574")]
    [InlineData("=ROUND(-357026655.1574495,4)", "-357026655.1574")]
    [InlineData("=ROUNDDOWN(357026655.1574495,6)", "357026655.157449")]
    [InlineData("=TRUNC(357026655.1574495,6)", "357026655.157449")]
    [InlineData("=ROUND(0.285,2)", "0.29")]
    [InlineData("=ROUND(-0.285,2)", "-0.29")]
    [InlineData("=ROUND(1234.5678,-2)", "1200")]
    [InlineData("=ROUND(0.5,0)", "1")]
    [InlineData("=ROUND(0.49,-1)", "0")]
    [InlineData("=ROUND(1.23456789012345E+300,-298)", "1.23E+300")]
    [InlineData("=ROUND(1.23456789E-300,302)", "1.23E-300")]
    [InlineData("=ROUND(9.87654321E-307,310)", "9.877E-307")]
    [InlineData("=ROUNDUP(1.5E+308,-308)", "#NUM!")]
    [InlineData("=ROUNDUP(0.001,0)", "1")]
    [InlineData("=ROUNDUP(-0.001,-2)", "-100")]
    [InlineData("=ROUNDDOWN(0.999,-1)", "0")]
    [InlineData("=MROUND(0.15,0.1)", "0.2")]
    [InlineData("=MROUND(10,3)", "9")]
    [InlineData("=MROUND(-10,-3)", "-9")]
    [InlineData("=MROUND(1.3,0.2)", "1.4")]
    [InlineData("=MROUND(5,-2)", "#NUM!")]
    [InlineData("=MROUND(5,0)", "0")]
    [InlineData("=INT(8.9)", "8")]
    [InlineData("=INT(-8.9)", "-9")]
    [InlineData("=TRUNC(8.9)", "8")]
    [InlineData("=TRUNC(-8.9)", "-8")]
    [InlineData("=TRUNC(0.45)", "0")]
    [InlineData("=TRUNC(3.14159,2)", "3.14")]
    [InlineData("=ABS(-4)", "4")]
    [InlineData("=ABS(\"-4\")", "4")]
    [InlineData("=MOD(3,2)", "1")]
    [InlineData("=MOD(-3,2)", "1")]
    [InlineData("=MOD(3,-2)", "-1")]
    [InlineData("=MOD(-3,-2)", "-1")]
    [InlineData("=MOD(3,0)", "#DIV/0!")]
    [InlineData("=MOD(5.5,1)", "0.5")]
    [InlineData("=POWER(5,2)", "25")]
    [InlineData("=ROUND(POWER(98.6,3.2),3)", "2401077.222")]
    [InlineData("=ROUND(POWER(4,5/4),9)", "5.656854249")]
    [InlineData("=POWER(0,0)", "#NUM!")]
    [InlineData("=SQRT(16)", "4")]
    [InlineData("=SQRT(-16)", "#NUM!")]
    [InlineData("=SQRT(ABS(-16))", "4")]
    [InlineData("=EXP(1)", "2.71828182845905")]
    [InlineData("=EXP(2)", "7.38905609893065")]
    [InlineData("=EXP(1000)", "#NUM!")]
    [InlineData("=LN(86)", "4.45434729625351")]
    [InlineData("=LN(EXP(3))", "3")]
    [InlineData("=LN(0)", "#NUM!")]
    [InlineData("=LOG(10)", "1")]
    [InlineData("=LOG(8,2)", "3")]
    [InlineData("=LOG(-1)", "#NUM!")]
    [InlineData("=LOG(8,1)", "#DIV/0!")]
    [InlineData("=LOG10(86)", "1.93449845124357")]
    [InlineData("=LOG10(1E5)", "5")]
    [InlineData("=SIGN(10)", "1")]
    [InlineData("=SIGN(4-4)", "0")]
    [InlineData("=SIGN(-0.00001)", "-1")]
    [InlineData("=PI()", "3.14159265358979")]
    [InlineData("=QUOTIENT(5,2)", "2")]
    [InlineData("=QUOTIENT(4.5,3.1)", "1")]
    [InlineData("=QUOTIENT(-10,3)", "-3")]
    [InlineData("=QUOTIENT(1,0)", "#DIV/0!")]
    [InlineData("=FACT(5)", "120")]
    [InlineData("=FACT(1.9)", "1")]
    [InlineData("=FACT(0)", "1")]
    [InlineData("=FACT(-1)", "#NUM!")]
    [InlineData("=FACT(171)", "#NUM!")]
    [InlineData("=EVEN(1.5)", "2")]
    [InlineData("=EVEN(3)", "4")]
    [InlineData("=EVEN(2)", "2")]
    [InlineData("=EVEN(-1)", "-2")]
    [InlineData("=ODD(1.5)", "3")]
    [InlineData("=ODD(3)", "3")]
    [InlineData("=ODD(2)", "3")]
    [InlineData("=ODD(-1)", "-1")]
    [InlineData("=ODD(-2)", "-3")]
    [InlineData("=ODD(0)", "1")]
    [InlineData("=GCD(5,2)", "1")]
    [InlineData("=GCD(24,36)", "12")]
    [InlineData("=GCD(5,0)", "5")]
    [InlineData("=GCD(-1,2)", "#NUM!")]
    [InlineData("=LCM(5,2)", "10")]
    [InlineData("=LCM(24,36)", "72")]
    [InlineData("=LCM(24.9,36)", "72")]
    public void Scalar_math_matches_excel(string formula, string expected) => Assert.Equal(expected, Show(formula));

    // Excel rounds the 15-significant-digit decimal value, the digits a number format shows: ROUND to d decimals is
    // that value rounded half away from zero (System.Decimal on the correctly rounded "E14" digits), and shows as
    // the number itself shows with d decimals.
    [Fact]
    public void Round_rounds_the_fifteen_digit_value_like_number_formats()
    {
        Gen.Select(Gen.Double[-1e12, 1e12], Gen.Int[-3, 8]).Sample(
            (number, decimals) =>
            {
                decimal fifteenDigits = decimal.Parse(number.ToString("E14", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
                decimal expected = decimals >= 0
                    ? Math.Round(fifteenDigits, decimals, MidpointRounding.AwayFromZero)
                    : Math.Round(fifteenDigits / Pow10(-decimals), 0, MidpointRounding.AwayFromZero) * Pow10(-decimals);
                double rounded = MathFunctions.Round(number, decimals, DigitRounding.HalfAwayFromZero);
                Assert.Equal(double.Parse(expected.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), rounded);
                if (decimals >= 0)
                {
                    string code = decimals == 0 ? "0" : "0." + new string('0', decimals);
                    Assert.Equal(NumberFormat.Format(CellValue.FromNumber(number), code).TrimStart('-'),
                        NumberFormat.Format(CellValue.FromNumber(rounded), code).TrimStart('-'));
                }
            },
            iter: 20_000,
            print: t => $"ROUND({t.Item1.ToString("R", CultureInfo.InvariantCulture)},{t.Item2})");
    }

    private static decimal Pow10(int n)
    {
        decimal r = 1;
        for (int i = 0; i < n; i++)
        {
            r *= 10;
        }

        return r;
    }

    [Theory]
    [InlineData("=CEILING.MATH(24.3,5)", "25")]
    [InlineData("=CEILING.MATH(6.7)", "7")]
    [InlineData("=CEILING.MATH(-8.1,2)", "-8")]
    [InlineData("=CEILING.MATH(-5.5,2,-1)", "-6")]
    [InlineData("=CEILING.MATH(-5.5,-2)", "-4")]
    [InlineData("=CEILING.MATH(0.3,0.1)", "0.3")]
    [InlineData("=CEILING.MATH(5,0)", "0")]
    [InlineData("=FLOOR.MATH(24.3,5)", "20")]
    [InlineData("=FLOOR.MATH(6.7)", "6")]
    [InlineData("=FLOOR.MATH(-8.1,2)", "-10")]
    [InlineData("=FLOOR.MATH(-5.5,2,-1)", "-4")]
    [InlineData("=CEILING(2.5,1)", "3")]
    [InlineData("=CEILING(-2.5,-2)", "-4")]
    [InlineData("=CEILING(-2.5,2)", "-2")]
    [InlineData("=CEILING(1.5,0.1)", "1.5")]
    [InlineData("=CEILING(0.234,0.01)", "0.24")]
    [InlineData("=CEILING(2.5,-2)", "#NUM!")]
    [InlineData("=FLOOR(3.7,2)", "2")]
    [InlineData("=FLOOR(-2.5,-2)", "-2")]
    [InlineData("=FLOOR(2.5,-2)", "#NUM!")]
    [InlineData("=FLOOR(1.58,0.1)", "1.5")]
    [InlineData("=FLOOR(0.234,0.01)", "0.23")]
    [InlineData("=FLOOR(-2.5,2)", "-4")]
    [InlineData("=FLOOR(5,0)", "#DIV/0!")]
    public void Ceiling_and_floor_follow_their_modes(string formula, string expected) => Assert.Equal(expected, Show(formula));

    private static readonly (string, string)[] Mixed =
    [
        ("A1", "1"), ("A2", "'5"), ("A3", "TRUE"), ("A4", "10"), ("A5", "text"), ("A7", "-2"),
    ];

    [Theory]
    [InlineData("=SUM(3,2)", "5")]
    [InlineData("=SUM(\"5\",15,TRUE)", "21")]
    [InlineData("=SUM(A1:A7)", "9")]
    [InlineData("=SUM(A1:A7,15)", "24")]
    [InlineData("=SUM(A:A)", "9")]
    [InlineData("=SUM(A1:B7)", "9")]
    [InlineData("=SUM(\"x\")", "#VALUE!")]
    [InlineData("=SUM(A2)", "0")]
    [InlineData("=SUM(1,,2)", "3")]
    [InlineData("=SUMSQ(3,4)", "25")]
    [InlineData("=SUMSQ(A1:A7)", "105")]
    [InlineData("=PRODUCT(5,15,30)", "2250")]
    [InlineData("=PRODUCT(A1:A7)", "-20")]
    [InlineData("=PRODUCT(A5)", "0")]
    [InlineData("=MAX(10,7,9,27,2)", "27")]
    [InlineData("=MAX(A1:A7,30)", "30")]
    [InlineData("=MAX(A1:A7)", "10")]
    [InlineData("=MIN(A1:A7)", "-2")]
    [InlineData("=MIN(A1:A7,-5)", "-5")]
    [InlineData("=MAX(A5)", "0")]
    [InlineData("=MIN(B1:B9)", "0")]
    [InlineData("=MAX(\"3\",1)", "3")]
    [InlineData("=MAX(1,NA())", "#N/A")]
    public void Aggregates_skip_text_in_ranges_and_coerce_typed_arguments(string formula, string expected) =>
        Assert.Equal(expected, Show(formula, Mixed));

    [Fact]
    public void Sum_propagates_errors_in_ranges()
    {
        Assert.Equal("#DIV/0!", Show("=SUM(A1:A3)", ("A1", "1"), ("A2", "=1/0"), ("A3", "#N/A")));
    }

    private static readonly (string, string)[] Commission =
    [
        ("A2", "100000"), ("A3", "200000"), ("A4", "300000"), ("A5", "400000"),
        ("B2", "7000"), ("B3", "14000"), ("B4", "21000"), ("B5", "28000"),
    ];

    private static readonly (string, string)[] Food =
    [
        ("A2", "Vegetables"), ("A3", "Vegetables"), ("A4", "Fruits"), ("A6", "Vegetables"), ("A7", "Fruits"),
        ("B2", "Tomatoes"), ("B3", "Celery"), ("B4", "Oranges"), ("B5", "Butter"), ("B6", "Carrots"), ("B7", "Apples"),
        ("C2", "2300"), ("C3", "5500"), ("C4", "800"), ("C5", "400"), ("C6", "4200"), ("C7", "1200"),
    ];

    [Theory]
    [InlineData("=SUMIF(A2:A5,\">160000\",B2:B5)", "63000")]
    [InlineData("=SUMIF(A2:A5,\">160000\")", "900000")]
    [InlineData("=SUMIF(A2:A5,300000,B2:B5)", "21000")]
    [InlineData("=SUMIF(A2:A5,\"300000\",B2:B5)", "21000")]
    [InlineData("=SUMIF(A2:A5,\"<>300000\",B2:B5)", "49000")]
    [InlineData("=SUMIF(A2:A5,\">=200000\",B2)", "63000")]
    [InlineData("=SUMIF(A:A,\">160000\",B:B)", "63000")]
    public void Sumif_matches_the_commission_example(string formula, string expected) => Assert.Equal(expected, Show(formula, Commission));

    [Theory]
    [InlineData("=SUMIF(A2:A7,\"Fruits\",C2:C7)", "2000")]
    [InlineData("=SUMIF(A2:A7,\"Vegetables\",C2:C7)", "12000")]
    [InlineData("=SUMIF(B2:B7,\"*es\",C2:C7)", "4300")]
    [InlineData("=SUMIF(A2:A7,\"\",C2:C7)", "400")]
    [InlineData("=SUMIF(A2:A7,\"=\",C2:C7)", "400")]
    [InlineData("=SUMIF(A2:A7,\"<>\",C2:C7)", "14000")]
    [InlineData("=SUMIF(B2:B7,\"??????\",C2:C7)", "7100")]
    [InlineData("=SUMIF(A2:A7,\"fruits\",C2:C7)", "2000")]
    [InlineData("=SUMIF(B2:B7,\">M\",C2:C7)", "3100")]
    public void Sumif_matches_the_food_example(string formula, string expected) => Assert.Equal(expected, Show(formula, Food));

    private static readonly (string, string)[] Produce =
    [
        ("A2", "5"), ("A3", "4"), ("A4", "15"), ("A5", "3"), ("A6", "22"), ("A7", "12"), ("A8", "10"), ("A9", "33"),
        ("B2", "Apples"), ("B3", "Apples"), ("B4", "Artichokes"), ("B5", "Artichokes"), ("B6", "Bananas"), ("B7", "Bananas"), ("B8", "Carrots"), ("B9", "Carrots"),
        ("C2", "Tom"), ("C3", "Sarah"), ("C4", "Tom"), ("C5", "Sarah"), ("C6", "Tom"), ("C7", "Sarah"), ("C8", "Tom"), ("C9", "Sarah"),
    ];

    [Theory]
    [InlineData("=SUMIFS(A2:A9,B2:B9,\"=A*\",C2:C9,\"Tom\")", "20")]
    [InlineData("=SUMIFS(A2:A9,B2:B9,\"<>Bananas\",C2:C9,\"Tom\")", "30")]
    [InlineData("=SUMIFS(A2:A9,C2:C9,\"Sarah\")", "52")]
    [InlineData("=SUMIFS(A2:A9,B2:B9,\"Apples\",C2:C9,\"Nobody\")", "0")]
    [InlineData("=SUMIFS(A2:A9,B2:B8,\"Apples\")", "#VALUE!")]
    [InlineData("=SUMIFS(A2:A9,A2:A9,\">10\",A2:A9,\"<30\")", "49")]
    [InlineData("=MAXIFS(A2:A9,C2:C9,\"Tom\")", "22")]
    [InlineData("=MINIFS(A2:A9,C2:C9,\"Sarah\")", "3")]
    [InlineData("=MAXIFS(A2:A9,C2:C9,\"Nobody\")", "0")]
    [InlineData("=MINIFS(A2:A9,B2:B9,\"B*\",C2:C9,\"Sarah\")", "12")]
    public void Sumifs_maxifs_minifs_match_the_produce_example(string formula, string expected) => Assert.Equal(expected, Show(formula, Produce));

    [Fact]
    public void Maxifs_documented_grade_example()
    {
        var inputs = new[]
        {
            ("A2", "89"), ("A3", "93"), ("A4", "96"), ("A5", "85"), ("A6", "91"), ("A7", "88"),
            ("B2", "1"), ("B3", "2"), ("B4", "2"), ("B5", "3"), ("B6", "1"), ("B7", "1"),
        };
        Assert.Equal("91", Show("=MAXIFS(A2:A7,B2:B7,1)", inputs));
        Assert.Equal("88", Show("=MINIFS(A2:A7,B2:B7,1)", inputs));
    }

    [Fact]
    public void Rand_and_randbetween_are_volatile_and_in_range()
    {
        var workbook = With(("A1", "=RAND()"), ("A2", "=RANDBETWEEN(1,6)"), ("A3", "=RANDBETWEEN(5,1)"));
        for (int i = 0; i < 20; i++)
        {
            double r = workbook.GetValue(Main, Collab.Workbooks.Engine.CellAddress.Parse("A1")).Number;
            double d = workbook.GetValue(Main, Collab.Workbooks.Engine.CellAddress.Parse("A2")).Number;
            Assert.InRange(r, 0, 1);
            Assert.InRange(d, 1, 6);
            Assert.Equal(Math.Floor(d), d);
            workbook.Set("B1", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var before = workbook.Value("A1");
        var changed = workbook.Set("C1", "1");
        Assert.NotEqual(before, workbook.Value("A1"));
        Assert.Contains(changed, c => c.Address.ToString() == "A1");
        Assert.Equal("#NUM!", workbook.Value("A3"));
    }

    // A criterion given as an array constant, or as a range inside an array expression, gives one result per item.
    [Theory]
    [InlineData("=SUM(SUMIF(D1:D6,{\"a\",\"c\"},E1:E6))", "40")]
    [InlineData("=SUMPRODUCT(SUMIF(D1:D6,{\"a\",\"c\"},E1:E6))", "40")]
    [InlineData("=SUMPRODUCT(SUMIF(D1:D6,D1:D3,E1:E6))", "60")]
    [InlineData("=SUMPRODUCT(SUMIFS(E1:E6,D1:D6,{\"a\";\"b\"},F1:F6,{\">0\",\">10\"}))", "50")]
    [InlineData("=SUM(MAXIFS(A1:A5,H1:H5,{\"x\",\"y\",\"z\"}))", "11")]
    [InlineData("=SUM(MINIFS(A1:A5,H1:H5,{\"x\",\"y\",\"q\"}))", "3")]
    public void Conditional_sums_apply_item_by_item_over_array_criteria(string formula, string expected) =>
        Assert.Equal(expected, Show(formula, OracleData));
}
