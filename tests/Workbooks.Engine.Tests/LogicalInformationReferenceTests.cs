using Collab.Workbooks.Engine;
using Collab.Workbooks.Engine.Functions;
using static Workbooks.Engine.Tests.TestBook;

namespace Workbooks.Engine.Tests;

public class LogicalFunctionTests
{
    [Theory]
    [InlineData("=IF(A1>B1,\"Over Budget\",\"OK\")", "\"OK\"")]
    [InlineData("=IF(A1<B1,\"Under\",\"Over\")", "\"Under\"")]
    [InlineData("=IF(FALSE,1)", "FALSE")]
    [InlineData("=IF(TRUE,,1)", "0")]
    [InlineData("=IF(\"abc\",1,2)", "#VALUE!")]
    [InlineData("=IF(\"true\",1,2)", "1")]
    [InlineData("=IF(NA(),1,2)", "#N/A")]
    [InlineData("=IF(0,1,2)", "2")]
    [InlineData("=IF(A9,1,2)", "2")]
    [InlineData("=IF(TRUE,1,1/0)", "1")]
    [InlineData("=SUM(IF(TRUE,A1:B1,0))", "150")]
    [InlineData("=IFS(A1>89,\"A\",A1>79,\"B\",A1>69,\"C\")", "#N/A")]
    [InlineData("=IFS(B1>89,\"A\",B1>79,\"B\",B1>69,\"C\")", "\"A\"")]
    [InlineData("=IFS(A1=50,\"fifty\",TRUE,\"other\")", "\"fifty\"")]
    [InlineData("=IFS(\"x\",1)", "#VALUE!")]
    [InlineData("=IFERROR(210/35,\"Error in calculation\")", "6")]
    [InlineData("=IFERROR(55/0,\"Error in calculation\")", "\"Error in calculation\"")]
    [InlineData("=IFERROR(A9,\"x\")", "0")]
    [InlineData("=IFERROR(\"\",\"x\")", "\"\"")]
    [InlineData("=IFERROR(NA(),1/0)", "#DIV/0!")]
    [InlineData("=IFNA(NA(),\"x\")", "\"x\"")]
    [InlineData("=IFNA(1/0,\"x\")", "#DIV/0!")]
    [InlineData("=IFNA(5,\"x\")", "5")]
    [InlineData("=AND(TRUE,TRUE)", "TRUE")]
    [InlineData("=AND(TRUE,FALSE)", "FALSE")]
    [InlineData("=AND(2+2=4,2+3=5)", "TRUE")]
    [InlineData("=AND(1,0)", "FALSE")]
    [InlineData("=AND(C1:C3)", "TRUE")]
    [InlineData("=AND(D1:D2)", "#VALUE!")]
    [InlineData("=AND(\"abc\")", "#VALUE!")]
    [InlineData("=AND(\"TRUE\",1)", "TRUE")]
    [InlineData("=AND(TRUE,NA())", "#N/A")]
    [InlineData("=OR(FALSE,FALSE)", "FALSE")]
    [InlineData("=OR(A1>100,B1>=100)", "TRUE")]
    [InlineData("=OR(D1:D2)", "#VALUE!")]
    [InlineData("=XOR(3>0,2<9)", "FALSE")]
    [InlineData("=XOR(3>12,4>6)", "FALSE")]
    [InlineData("=XOR(3>12,4<6)", "TRUE")]
    [InlineData("=XOR(TRUE,TRUE,TRUE)", "TRUE")]
    [InlineData("=NOT(FALSE)", "TRUE")]
    [InlineData("=NOT(1+1=2)", "FALSE")]
    [InlineData("=NOT(\"abc\")", "#VALUE!")]
    [InlineData("=NOT(0)", "TRUE")]
    [InlineData("=SWITCH(2,1,\"Sunday\",2,\"Monday\",3,\"Tuesday\",\"No match\")", "\"Monday\"")]
    [InlineData("=SWITCH(99,1,\"a\",2,\"b\")", "#N/A")]
    [InlineData("=SWITCH(99,1,\"a\",\"default\")", "\"default\"")]
    [InlineData("=SWITCH(\"b\",\"B\",\"upper\")", "\"upper\"")]
    [InlineData("=SWITCH(1,\"1\",\"text\",1,\"number\")", "\"number\"")]
    [InlineData("=SWITCH(NA(),1,2)", "#N/A")]
    [InlineData("=TRUE()", "TRUE")]
    [InlineData("=FALSE()", "FALSE")]
    public void Logical_functions_match_excel(string formula, string expected) =>
        Assert.Equal(expected, Show(formula, ("A1", "50"), ("B1", "100"), ("C1", "TRUE"), ("C2", "1"), ("C3", "text"), ("D1", "text")));


    // An array constant as IF's condition chooses item by item in any formula, as in Excel.
    [Theory]
    [InlineData("=SUM(IF({1,0,1},{10,20,30}))", "40")]
    [InlineData("=SUM(IF({TRUE,FALSE},1,2))", "3")]
    [InlineData("=IF({1,0},\"y\",\"n\")", "\"y\"")]
    public void If_chooses_item_by_item_over_an_array_constant(string formula, string expected) =>
        Assert.Equal(expected, Show(formula));
}

public class InformationFunctionTests
{
    [Theory]
    [InlineData("=ISBLANK(A9)", "TRUE")]
    [InlineData("=ISBLANK(A2)", "FALSE")]
    [InlineData("=ISBLANK(A3)", "FALSE")]
    [InlineData("=ISBLANK(\"\")", "FALSE")]
    [InlineData("=ISNUMBER(4)", "TRUE")]
    [InlineData("=ISNUMBER(\"4\")", "FALSE")]
    [InlineData("=ISNUMBER(A1)", "TRUE")]
    [InlineData("=ISTEXT(A4)", "TRUE")]
    [InlineData("=ISTEXT(A1)", "FALSE")]
    [InlineData("=ISNONTEXT(A9)", "TRUE")]
    [InlineData("=ISNONTEXT(A4)", "FALSE")]
    [InlineData("=ISLOGICAL(TRUE)", "TRUE")]
    [InlineData("=ISLOGICAL(\"TRUE\")", "FALSE")]
    [InlineData("=ISERROR(1/0)", "TRUE")]
    [InlineData("=ISERROR(NA())", "TRUE")]
    [InlineData("=ISERROR(1)", "FALSE")]
    [InlineData("=ISERR(NA())", "FALSE")]
    [InlineData("=ISERR(1/0)", "TRUE")]
    [InlineData("=ISNA(NA())", "TRUE")]
    [InlineData("=ISNA(1/0)", "FALSE")]
    [InlineData("=ISNA(A5)", "TRUE")]
    [InlineData("=ISEVEN(-1)", "FALSE")]
    [InlineData("=ISEVEN(2.5)", "TRUE")]
    [InlineData("=ISEVEN(5)", "FALSE")]
    [InlineData("=ISEVEN(0)", "TRUE")]
    [InlineData("=ISEVEN(A9)", "TRUE")]
    [InlineData("=ISEVEN(TRUE)", "#VALUE!")]
    [InlineData("=ISODD(-1)", "TRUE")]
    [InlineData("=ISODD(2.5)", "FALSE")]
    [InlineData("=ISODD(\"x\")", "#VALUE!")]
    [InlineData("=N(7)", "7")]
    [InlineData("=N(\"Even\")", "0")]
    [InlineData("=N(TRUE)", "1")]
    [InlineData("=N(NA())", "#N/A")]
    [InlineData("=N(A9)", "0")]
    [InlineData("=T(\"Rainfall\")", "\"Rainfall\"")]
    [InlineData("=T(19)", "\"\"")]
    [InlineData("=T(TRUE)", "\"\"")]
    [InlineData("=TYPE(1)", "1")]
    [InlineData("=TYPE(\"x\")", "2")]
    [InlineData("=TYPE(TRUE)", "4")]
    [InlineData("=TYPE(1/0)", "16")]
    [InlineData("=TYPE({1,2})", "64")]
    [InlineData("=TYPE(A9)", "1")]
    [InlineData("=NA()", "#N/A")]
    public void Information_functions_match_excel(string formula, string expected) =>
        Assert.Equal(expected, Show(formula, ("A1", "5"), ("A2", "0"), ("A3", "=\"\""), ("A4", "text"), ("A5", "#N/A")));
}

public class ReferenceFunctionTests
{
    private static readonly (string, string)[] Grid =
    [
        ("A1", "1"), ("A2", "2"), ("A3", "3"), ("A4", "4"), ("A5", "5"),
        ("B1", "10"), ("B2", "20"), ("B3", "30"), ("B4", "40"), ("B5", "50"),
        ("B6", "60"), ("C6", "70"), ("D6", "80"), ("B7", "1"), ("C7", "1"), ("D8", "1"),
        ("E1", "B3"), ("E2", "A"),
    ];

    [Theory]
    [InlineData("=ROW()", "1000")]
    [InlineData("=ROW(C10)", "10")]
    [InlineData("=ROW(A2:A5)", "2")]
    [InlineData("=SUMPRODUCT(ROW(A1:A3))", "6")]
    [InlineData("=COLUMN()", "26")]
    [InlineData("=COLUMN(D10)", "4")]
    [InlineData("=COLUMN(\"x\")", "#VALUE!")]
    [InlineData("=ROWS(C1:E4)", "4")]
    [InlineData("=COLUMNS(C1:E4)", "3")]
    [InlineData("=ROWS({1,2,3;4,5,6})", "2")]
    [InlineData("=COLUMNS({1,2,3;4,5,6})", "3")]
    [InlineData("=ROWS(A:A)", "1048576")]
    [InlineData("=ROWS(7)", "1")]
    [InlineData("=OFFSET(D3,3,-2,1,1)", "60")]
    [InlineData("=SUM(OFFSET(D3:F5,3,-2,3,3))", "213")]
    [InlineData("=OFFSET(D3:F5,0,-4,3,3)", "#REF!")]
    [InlineData("=OFFSET(A1,0,0,0,1)", "#REF!")]
    [InlineData("=SUM(OFFSET(A1,1,0,3))", "9")]
    [InlineData("=SUM(OFFSET(A3,0,0,-2))", "5")]
    [InlineData("=OFFSET(5,1,1)", "#VALUE!")]
    [InlineData("=INDIRECT(\"A2\")", "2")]
    [InlineData("=INDIRECT(E1)", "30")]
    [InlineData("=INDIRECT(E2&\"4\")", "4")]
    [InlineData("=SUM(INDIRECT(\"A1:A5\"))", "15")]
    [InlineData("=INDIRECT(\"R2C1\",FALSE)", "2")]
    [InlineData("=SUM(INDIRECT(\"R1C1:R5C2\",FALSE))", "165")]
    [InlineData("=INDIRECT(\"Nope!A1\")", "#REF!")]
    [InlineData("=INDIRECT(\"not a ref\")", "#REF!")]
    [InlineData("=INDIRECT(\"Sheet1!B2\")", "20")]
    [InlineData("=INDEX(A1:B5,2,2)", "20")]
    [InlineData("=INDEX(A1:B5,5,1)", "5")]
    [InlineData("=INDEX(A1:A5,3)", "3")]
    [InlineData("=INDEX(A1:A5,7)", "#REF!")]
    [InlineData("=INDEX(A1:A5,-1)", "#VALUE!")]
    [InlineData("=SUM(INDEX(A1:B5,0,2))", "150")]
    [InlineData("=SUM(INDEX(A1:B5,2,0))", "22")]
    [InlineData("=INDEX({1,2;3,4},2,1)", "3")]
    [InlineData("=INDEX({1,2,3},2)", "2")]
    [InlineData("=SUM(INDEX({1,2;3,4},0,2))", "6")]
    [InlineData("=SUM(A1:INDEX(A1:A5,3))", "6")]
    [InlineData("=INDEX(A1:B5,1,1,2)", "#REF!")]
    [InlineData("=CHOOSE(2,\"1st\",\"2nd\",\"3rd\",\"Finished\")", "\"2nd\"")]
    [InlineData("=SUM(CHOOSE(2,A1:A5,B1:B5))", "150")]
    [InlineData("=CHOOSE(0,\"a\")", "#VALUE!")]
    [InlineData("=CHOOSE(5,\"a\",\"b\")", "#VALUE!")]
    [InlineData("=CHOOSE(1.9,\"a\",\"b\")", "\"a\"")]
    public void Reference_functions_match_excel(string formula, string expected) => Assert.Equal(expected, Show(formula, Grid));

    [Fact]
    public void Indirect_reaches_other_sheets_and_names()
    {
        var workbook = With(("A1", "3"));
        workbook.AddSheet("Other Sheet");
        workbook.Set("B2", "42", "Other Sheet");
        workbook.DefineName("Answer", "='Other Sheet'!$B$2");
        workbook.Set("C1", "=INDIRECT(\"'Other Sheet'!B2\")");
        workbook.Set("C2", "=INDIRECT(\"Answer\")+1");
        workbook.Set("C3", "=INDIRECT(\"R[-2]C[-2]\",FALSE)");
        Assert.Equal("42", workbook.Value("C1"));
        Assert.Equal("43", workbook.Value("C2"));
        Assert.Equal("3", workbook.Value("C3"));
        workbook.Set("B2", "7", "Other Sheet");
        Assert.Equal("7", workbook.Value("C1"));
        Assert.Equal("8", workbook.Value("C2"));
    }


    // An array of indexes (an array constant anywhere, a range inside SUMPRODUCT) chooses item by item, as in Excel.
    [Theory]
    [InlineData("=SUM(CHOOSE({1,2},10,20))", "30")]
    [InlineData("=SUMPRODUCT(CHOOSE(A1:A3,10,20,30))", "60")]
    [InlineData("=CHOOSE({2,1},\"a\",\"b\")", "\"b\"")]
    public void Choose_chooses_item_by_item_over_arrays_of_indexes(string formula, string expected) =>
        Assert.Equal(expected, Show(formula, OracleData));
}

public class CriteriaTests
{
    [Theory]
    [InlineData(">=5", "5", true)]
    [InlineData(">=5", "4.99", false)]
    [InlineData(">5", "'7", false)]
    [InlineData("5", "'5", true)]
    [InlineData("=5", "5", true)]
    [InlineData("<>5", "(blank)", true)]
    [InlineData("<>abc", "ABC", false)]
    [InlineData("<>abc", "xyz", true)]
    [InlineData("a*", "Apple", true)]
    [InlineData("a*", "banana", false)]
    [InlineData("*an*", "banana", true)]
    [InlineData("?pple", "apple", true)]
    [InlineData("?pple", "pple", false)]
    [InlineData("~*", "*", true)]
    [InlineData("~*", "a", false)]
    [InlineData("wh~?", "wh?", true)]
    [InlineData("wh~?", "why", false)]
    [InlineData("", "(blank)", true)]
    [InlineData("", "=\"\"", true)]
    [InlineData("", "0", false)]
    [InlineData("=", "(blank)", true)]
    [InlineData("=", "=\"\"", false)]
    [InlineData("<>", "(blank)", false)]
    [InlineData("<>", "=\"\"", true)]
    [InlineData("<>", "0", true)]
    [InlineData("TRUE", "TRUE", true)]
    [InlineData("TRUE", "1", false)]
    [InlineData("#N/A", "#N/A", true)]
    [InlineData("<m", "apple", true)]
    [InlineData("<m", "5", false)]
    [InlineData("2024-01-31", "45322", true)]
    public void Criteria_match_like_countif(string criterion, string cellInput, bool expected)
    {
        var workbook = With();
        if (cellInput != "(blank)")
        {
            workbook.Set("A1", cellInput);
        }

        var value = workbook.GetValue(TestBook.Main, CellAddress.Parse("A1"));
        Assert.Equal(expected, Criteria.Parse(CellValue.FromText(criterion), TimeProvider.System).Matches(value));
    }

    [Fact]
    public void Non_text_criteria_compare_for_equality_and_blank_means_zero()
    {
        Assert.True(Criteria.Parse(CellValue.FromNumber(3), TimeProvider.System).Matches(CellValue.FromNumber(3)));
        Assert.True(Criteria.Parse(CellValue.FromNumber(3), TimeProvider.System).Matches(CellValue.FromText("3")));
        Assert.False(Criteria.Parse(CellValue.Blank, TimeProvider.System).Matches(CellValue.Blank));
        Assert.True(Criteria.Parse(CellValue.Blank, TimeProvider.System).Matches(CellValue.FromNumber(0)));
        Assert.True(Criteria.Parse(CellValue.True, TimeProvider.System).Matches(CellValue.True));
        Assert.False(Criteria.Parse(CellValue.True, TimeProvider.System).Matches(CellValue.FromNumber(1)));
    }
}
