using Collab.Workbooks.Engine;
using static Workbooks.Engine.Tests.TestBook;

namespace Workbooks.Engine.Tests;

public class EvaluatorTests
{
    [Theory]
    [InlineData("=\"3\"+1", "4")]
    [InlineData("=TRUE+1", "2")]
    [InlineData("=\"abc\"+1", "#VALUE!")]
    [InlineData("=\" 3 \"*2", "6")]
    [InlineData("=\"50%\"*2", "1")]
    [InlineData("=\"$1,000\"+1", "1001")]
    [InlineData("=\"2024-01-31\"+0", "45322")]
    [InlineData("=1/0", "#DIV/0!")]
    [InlineData("=0^0", "#NUM!")]
    [InlineData("=0^-1", "#DIV/0!")]
    [InlineData("=(-8)^(1/3)", "-2")]
    [InlineData("=(-2)^0.5", "#NUM!")]
    [InlineData("=10^400", "#NUM!")]
    [InlineData("=0.1+0.2-0.3", "0")]
    [InlineData("=0.1+0.2=0.3", "TRUE")]
    [InlineData("=1&TRUE", "\"1TRUE\"")]
    [InlineData("=1/3&\"\"", "\"0.333333333333333\"")]
    [InlineData("=1E+20&\"\"", "\"1E+20\"")]
    [InlineData("=-\"2\"", "-2")]
    [InlineData("=+\"abc\"", "\"abc\"")]
    [InlineData("=\"10\"%", "0.1")]
    public void Arithmetic_coerces_as_excel(string formula, string expected) => Assert.Equal(expected, Show(formula));

    // Arithmetic reads text with the reader VALUE uses (en-US): dates in every form VALUE takes, times, currency,
    // accounting negatives and fractions.
    [Theory]
    [InlineData("=\"31-Jan-2027\"+0", "46418")]
    [InlineData("=\"1/31/2027\"*1", "46418")]
    [InlineData("=\"Jan 31, 2027\"-1", "46417")]
    [InlineData("=\"2027-Jan-31\"+0", "46418")]
    [InlineData("=\"12:30\"+0", "0.520833333333333")]
    [InlineData("=\"1:30 PM\"*24", "13.5")]
    [InlineData("=\"1/31/2027 18:00\"+0", "46418.75")]
    [InlineData("=\"$1,234.50\"+0", "1234.5")]
    [InlineData("=\"(42)\"+0", "-42")]
    [InlineData("=\"1 1/2\"*2", "3")]
    [InlineData("=-\"31-Jan-2027\"", "-46418")]
    [InlineData("=\"31-Jan-2027\"%", "464.18")]
    [InlineData("=SUM(\"31-Jan-2027\",1)", "46419")]
    [InlineData("=ABS(\"(42)\")", "42")]
    [InlineData("=SUMPRODUCT({\"1/31/2027\",\"12:00\"}+0)", "46418.5")]
    [InlineData("=COUNTIF(A1:A3,\">=31-Jan-2027\")", "2")]
    [InlineData("=VALUE(\"1 1/2\")", "1.5")]
    [InlineData("=VALUE(\"Sept 30, 2027\")", "46660")]
    [InlineData("=\"31-Feb-2027\"+0", "#VALUE!")]
    [InlineData("=\"1/2/3/4\"+0", "#VALUE!")]
    [InlineData("=\"1 1/0\"+0", "#VALUE!")]
    [InlineData("=\"12:30 Jan\"+0", "#VALUE!")]
    public void Arithmetic_reads_text_as_VALUE_does(string formula, string expected) =>
        Assert.Equal(expected, Show(formula, ("A1", "46418"), ("A2", "46417"), ("A3", "46500")));

    [Fact]
    public void Dates_without_a_year_in_arithmetic_are_in_the_workbook_clock_year()
    {
        var workbook = new Workbook(new DateFunctionTests.FixedClock(new DateTimeOffset(2024, 1, 31, 12, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc));
        workbook.AddSheet(Main);
        workbook.Set("A1", "=\"31-Jan\"+0");
        workbook.Set("A2", "=\"1/31\"*1=DATE(2024,1,31)");
        Assert.Equal("45322", workbook.Value("A1"));
        Assert.Equal("TRUE", workbook.Value("A2"));
    }

    [Fact]
    public void Concatenation_longer_than_32767_characters_is_a_value_error()
    {
        Assert.Equal("32767", Show("=LEN(REPT(\"a\",32766)&\"b\")"));
        Assert.Equal("#VALUE!", Show("=REPT(\"a\",32767)&\"b\""));
        Assert.Equal("#VALUE!", Show("=LEN(REPT(\"a\",20000)&REPT(\"b\",20000))"));
        Assert.Equal("#VALUE!", Show("=SUMPRODUCT(LEN(REPT(\"a\",32767)&{\"\",\"b\"}))"));
    }

    [Theory]
    [InlineData("=1<\"a\"", "TRUE")]
    [InlineData("=\"z\"<TRUE", "TRUE")]
    [InlineData("=FALSE>999999", "TRUE")]
    [InlineData("=\"abc\"=\"ABC\"", "TRUE")]
    [InlineData("=\"a\"<\"B\"", "TRUE")]
    [InlineData("=\"10\"=10", "FALSE")]
    [InlineData("=TRUE=1", "FALSE")]
    [InlineData("=A1=0", "TRUE")]
    [InlineData("=A1=\"\"", "TRUE")]
    [InlineData("=A1=FALSE", "TRUE")]
    [InlineData("=A1<1", "TRUE")]
    [InlineData("=\"\"<\"a\"", "TRUE")]
    [InlineData("=2>=2", "TRUE")]
    [InlineData("=2<>2", "FALSE")]
    public void Comparisons_order_numbers_then_text_then_booleans(string formula, string expected) => Assert.Equal(expected, Show(formula));

    [Theory]
    [InlineData("=NA()+1/0", "#N/A")]
    [InlineData("=1/0+NA()", "#DIV/0!")]
    [InlineData("=\"x\"&NA()", "#N/A")]
    [InlineData("=NA()=1", "#N/A")]
    [InlineData("=-NA()", "#N/A")]
    [InlineData("=A1+1", "#REF!")]
    public void Errors_propagate_leftmost_first(string formula, string expected) =>
        Assert.Equal(expected, Show(formula, ("A1", "#REF!")));

    [Fact]
    public void Empty_cells_are_zero_in_arithmetic_and_empty_in_concatenation()
    {
        Assert.Equal("1", Show("=A1+1"));
        Assert.Equal("\"x\"", Show("=A1&\"x\""));
        Assert.Equal("0", Show("=A1"));
        Assert.Equal("0", Show("=Sheet1!A5"));
        Assert.Equal("\"\"", Show("=A1", ("A1", "=\"\"")));
    }

    [Fact]
    public void Implicit_intersection_uses_the_formula_row_or_column()
    {
        var inputs = new[] { ("A1", "10"), ("A2", "20"), ("A3", "30"), ("C5", "7"), ("D5", "8") };
        Assert.Equal("20", ShowAt("B2", "=A1:A3", inputs));
        Assert.Equal("21", ShowAt("B2", "=A1:A3+1", inputs));
        Assert.Equal("#VALUE!", ShowAt("B7", "=A1:A3", inputs));
        Assert.Equal("8", ShowAt("D9", "=C5:D5", inputs));
        Assert.Equal("#VALUE!", ShowAt("F2", "=A1:D5", inputs));
        Assert.Equal("#CIRC!", ShowAt("B2", "=A1:D5", inputs));
        Assert.Equal("30", ShowAt("F3", "=Sheet1!A1:A3", inputs));
        Assert.Equal("#VALUE!", ShowAt("F2", "=ABS(A1:D5)", inputs));
        Assert.Equal("20", ShowAt("B2", "=ABS(A1:A3)", inputs));
    }

    [Fact]
    public void Array_constants_and_array_arithmetic()
    {
        Assert.Equal("1", Show("={1,2;3,4}"));
        Assert.Equal("10", Show("=SUM({1,2;3,4})"));
        Assert.Equal("20", Show("=SUM({1,2;3,4}*2)"));
        Assert.Equal("34", Show("=SUMPRODUCT({1,2,3},{4,5,6})+2"));
        Assert.Equal("#N/A", Show("=INDEX({1,2,3}+{1,2},1,3)"));
        Assert.Equal("21", Show("=SUM({1;2}+{1,2,3})"));
    }

    [Fact]
    public void Sumproduct_evaluates_conditions_over_ranges()
    {
        var inputs = new[]
        {
            ("A1", "1"), ("A2", "3"), ("A3", "5"), ("A4", "2"), ("A5", "4"),
            ("B1", "10"), ("B2", "20"), ("B3", "30"), ("B4", "40"), ("B5", "50"),
        };
        Assert.Equal("100", Show("=SUMPRODUCT((A1:A5>2)*B1:B5)", inputs));
        Assert.Equal("3", Show("=SUMPRODUCT(--(A1:A5>2))", inputs));
        Assert.Equal("2", Show("=SUMPRODUCT((A1:A5>2)*(B1:B5<40))", inputs));
        Assert.Equal("500", Show("=SUMPRODUCT(A1:A5,B1:B5)", inputs));
        Assert.Equal("#VALUE!", Show("=SUMPRODUCT(A1:A5,B1:B4)", inputs));
        Assert.Equal("15", Show("=SUMPRODUCT(ROUND(A1:A5/1,0))", inputs));
        Assert.Equal("100", Show("=SUMPRODUCT(IF(A1:A5>2,B1:B5,0))", inputs));
        Assert.Equal("9", Show("=SUMPRODUCT((ROW(A1:A5)>3)*A1:A5)+3", inputs));
    }

    [Fact]
    public void Long_formula_chains_evaluate_without_deep_recursion()
    {
        var workbook = With(("A1", "2"));
        workbook.Set("B1", "=" + string.Join("+", Enumerable.Repeat("A1", 2500)));
        Assert.Equal("5000", workbook.Value("B1"));
    }

    [Fact]
    public void Names_are_usable_in_formulas()
    {
        var workbook = With(("B1", "1000"), ("B2", "0.05"));
        workbook.DefineName("Revenue", "=Sheet1!$B$1");
        workbook.DefineName("GrowthRate", "=$B$2");
        workbook.Set("C1", "=Revenue*GrowthRate");
        Assert.Equal("50", workbook.Value("C1"));
        Assert.Equal("=Sheet1!$B$2", workbook.Names.Single(n => n.Name == "GrowthRate").RefersTo);
        workbook.Set("B2", "0.1");
        Assert.Equal("100", workbook.Value("C1"));
        workbook.DefineName("GrowthRate", "=0.5");
        Assert.Equal("500", workbook.Value("C1"));
        workbook.DeleteName("GrowthRate");
        Assert.Equal("#NAME?", workbook.Value("C1"));
        workbook.DefineName("Rates", "=Sheet1!$B$1:$B$2");
        workbook.Set("C2", "=SUM(Rates)");
        Assert.Equal("1000.1", workbook.Value("C2"));
        AssertConsistent(workbook);
    }

    [Fact]
    public void Undefined_name_gives_name_error_until_defined()
    {
        var workbook = With();
        workbook.Set("A1", "=Later+1");
        Assert.Equal("#NAME?", workbook.Value("A1"));
        var changed = workbook.DefineName("Later", "=41");
        Assert.Equal("42", workbook.Value("A1"));
        Assert.Contains(new CellLocation("Sheet1", CellAddress.Parse("A1")), changed);
    }

    [Fact]
    public void Circular_names_give_an_error_instead_of_overflowing()
    {
        var workbook = With();
        workbook.DefineName("Ping", "=Pong+1");
        workbook.DefineName("Pong", "=Ping+1");
        workbook.Set("A1", "=Ping");
        Assert.Equal("#CIRC!", workbook.Value("A1"));
    }

    // Single-value functions apply item by item over an array constant in any formula, as in Excel (no
    // Ctrl+Shift+Enter needed); a range is still intersected outside array expressions.
    [Theory]
    [InlineData("=SUM(ROUND({1.25,2.35},1))", "3.7")]
    [InlineData("=SUM(LEN({\"a\",\"bb\",\"ccc\"}))", "6")]
    [InlineData("=SUM(ABS({-1,-2}))", "3")]
    [InlineData("=SUM(DATE(2024,{1,2},1))", "90615")]
    [InlineData("=SUM(YEAR({45000,45292}))", "4047")]
    [InlineData("=SUM(LEFT({\"12\",\"34\"},1)*1)", "4")]
    [InlineData("=MAX(ABS({-5,3}))", "5")]
    [InlineData("=SUM(ROUND({1.25;2.35},{0,1}))", "6.7")]
    [InlineData("=ABS(A6:A8)", "#VALUE!")]
    [InlineData("=SUMPRODUCT(ABS(A6:A8))", "13.5")]
    public void Scalar_functions_apply_item_by_item_over_array_constants(string formula, string expected) =>
        Assert.Equal(expected, Show(formula, OracleData));
}
