using Collab.Workbooks.Engine;
using static Workbooks.Engine.Tests.TestBook;

namespace Workbooks.Engine.Tests;

public class ParserTests
{
    [Theory]
    [InlineData("=-2^2", "4")]
    [InlineData("=2^3^2", "64")]
    [InlineData("=2+3*4", "14")]
    [InlineData("=(2+3)*4", "20")]
    [InlineData("=10-4-3", "3")]
    [InlineData("=100/10/5", "2")]
    [InlineData("=50%", "0.5")]
    [InlineData("=2*50%^2", "0.5")]
    [InlineData("=-50%", "-0.5")]
    [InlineData("=1+2&3", "\"33\"")]
    [InlineData("=1&2=12", "FALSE")]
    [InlineData("=\"12\"=1&2", "TRUE")]
    [InlineData("=1+2=3", "TRUE")]
    [InlineData("=2*-3^2", "18")]
    [InlineData("=2^-1", "0.5")]
    [InlineData("=--3", "3")]
    [InlineData("=+-+3", "-3")]
    [InlineData("=3>2=TRUE", "TRUE")]
    [InlineData("=1<2<3", "FALSE")]
    [InlineData("=5%%", "0.0005")]
    [InlineData("=1e3+.5", "1000.5")]
    [InlineData("=1.5E-3*1000", "1.5")]
    public void Operators_follow_excel_precedence(string formula, string expected) => Assert.Equal(expected, Show(formula));

    [Theory]
    [InlineData("=sum(a1:b2)", "=SUM(A1:B2)")]
    [InlineData("= 1 + 2 ", "=1+2")]
    [InlineData("=$a$1+b$2+$c3", "=$A$1+B$2+$C3")]
    [InlineData("='Cash Flow'!B4*2", "='Cash Flow'!B4*2")]
    [InlineData("=Sheet2!A:A", "=Sheet2!A:A")]
    [InlineData("=SUM(3:5)", "=SUM(3:5)")]
    [InlineData("=SUM($3:$5)", "=SUM($3:$5)")]
    [InlineData("=\"say \"\"hi\"\"\"", "=\"say \"\"hi\"\"\"")]
    [InlineData("=IF(A1,,2)", "=IF(A1,,2)")]
    [InlineData("={1,2;3,4}", "={1,2;3,4}")]
    [InlineData("={1,\"a\",TRUE,#N/A}", "={1,\"a\",TRUE,#N/A}")]
    [InlineData("=#div/0!", "=#DIV/0!")]
    [InlineData("=true", "=TRUE")]
    [InlineData("=(1+2)*(3)", "=(1+2)*(3)")]
    [InlineData("=B2:A1", "=A1:B2")]
    [InlineData("=ceiling.math(1.5)", "=CEILING.MATH(1.5)")]
    [InlineData("=_xlfn.XOR(TRUE)", "=XOR(TRUE)")]
    [InlineData("=MyFunc(1,2)", "=MYFUNC(1,2)")]
    [InlineData("=GrowthRate*2", "=GrowthRate*2")]
    [InlineData("=A1:INDEX(B:B,3)", "=A1:INDEX(B:B,3)")]
    [InlineData("=50%", "=50%")]
    [InlineData("=-A1", "=-A1")]
    [InlineData("=1E+20", "=1E+20")]
    [InlineData("=LOG10(100)", "=LOG10(100)")]
    [InlineData("=Sheet1!A1:Sheet1!B2", "=Sheet1!A1:B2")]
    [InlineData("='2024'!A1", "='2024'!A1")]
    [InlineData("=Data!#REF!", "=#REF!")]
    public void Printing_gives_normalised_equivalent_text(string text, string printed)
    {
        var formula = Formula.Parse(text);
        Assert.Equal(printed, formula.Print());
        Assert.Equal(printed, Formula.Parse(formula.Print()).Print());
    }

    [Theory]
    [InlineData("=SUM(1,2", "Expected ')' to close SUM( at position 9")]
    [InlineData("=(1+2", "Expected ')' at position 6")]
    [InlineData("=1+", "Expected an expression at position 4")]
    [InlineData("=\"abc", "Expected '\"' to close the text that starts at position 2")]
    [InlineData("=1 2", "Unexpected '2', expected an operator or the end of the formula at position 4")]
    [InlineData("=(A1,B1)", "Unexpected ',' (a union of references is not supported), expected ')' at position 5")]
    [InlineData("=Sheet1!", "Expected a cell reference after 'Sheet1!' at position 9")]
    [InlineData("='Cash Flow'A1", "Expected '!' after the sheet name at position 13")]
    [InlineData("={1,2;3}", "Every row of an array constant needs the same number of items at position 2")]
    [InlineData("=ROUND(1)", "ROUND takes 2 arguments, not 1, at position 2")]
    [InlineData("=#WHAT", "Expected an error value such as #N/A or #DIV/0! at position 2")]
    [InlineData("=1:2+", "Expected an expression at position 6")]
    [InlineData("=1+*2", "Unexpected '*', expected a value, a reference, a name or a function at position 4")]
    [InlineData("=", "Expected an expression at position 2")]
    public void Errors_name_position_and_expectation(string text, string message)
    {
        var error = Assert.Throws<FormulaParseException>(() => Formula.Parse(text));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Deep_nesting_is_rejected_cleanly_and_long_sums_work()
    {
        string deep = "=" + new string('(', 150) + "1" + new string(')', 150);
        var error = Assert.Throws<FormulaParseException>(() => Formula.Parse(deep));
        Assert.Contains("nested", error.Message, StringComparison.Ordinal);

        string longSum = "=" + string.Join("+", Enumerable.Repeat("1", 4000));
        Assert.Equal("4000", Show(longSum));
        Assert.Equal(longSum, Formula.Parse(longSum).Print());
    }

    [Fact]
    public void Nested_argument_lists_stay_apart_and_a_failed_parse_leaves_nothing_behind_for_the_next()
    {
        Assert.False(Formula.TryParse("=SUM(1,MAX(2,3,IF(A1,4", out _, out _));
        Assert.False(Formula.TryParse("=SUM(1,MAX(2,3),ROUND(1))", out _, out _));
        var formula = Formula.Parse("=sum(1,max(2,,3),_xlfn.concat(\"a\",if(TRUE,\"b\")),round(4.5,0))");
        Assert.Equal("=SUM(1,MAX(2,,3),CONCAT(\"a\",IF(TRUE,\"b\")),ROUND(4.5,0))", formula.Print());
        Assert.Equal("=NOW()", Formula.Parse("=now( )").Print());
        Assert.Equal("=PI()+1", Formula.Parse("=PI()+1").Print());
    }

    [Fact]
    public void Try_parse_reports_errors_without_throwing()
    {
        Assert.False(Formula.TryParse("=SUM(", out var none, out var error));
        Assert.Null(none);
        Assert.Equal(6, error!.Position);
        Assert.True(Formula.TryParse("=1", out var formula, out _));
        Assert.Equal("=1", formula!.ToString());
    }

    [Fact]
    public void Unknown_functions_parse_keep_their_text_and_give_name_error()
    {
        var workbook = With();
        workbook.Set("A1", "=NotAFunction(1,A2)");
        Assert.Equal("=NOTAFUNCTION(1,A2)", workbook.Input("A1"));
        Assert.Equal("#NAME?", workbook.Value("A1"));
    }
}
