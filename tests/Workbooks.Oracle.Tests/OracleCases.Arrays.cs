namespace Workbooks.Oracle.Tests;

public static partial class OracleCases
{
    public static readonly OracleCase[] ArrayEvaluation =
    [
        // Single-value functions applied item by item inside SUMPRODUCT (an array expression: ranges are arrays).
        new("=SUMPRODUCT(TEXT(Data!A1:A3,\"0\")*1)"),
        new("=SUMPRODUCT(DATE(2024,{1,2},1))"),
        new("=SUMPRODUCT(LARGE(Data!F1:F6,Data!A1:A3))"),
        new("=SUMPRODUCT(ISERROR(FIND(\"x\",Data!H1:H5))*1)"),
        new("=SUMPRODUCT(--(Data!H1:H5&\"x\"=\"xx\"))"),
        new("=SUMPRODUCT(LEN(Data!A1:A10))"),
        new("=SUMPRODUCT(ROUND(Data!A1:A10/3,2))"),
        new("=SUMPRODUCT(ABS(Data!A1:A10))"),
        new("=SUMPRODUCT(MAX(Data!A1:A3,Data!F1:F3))"),
        new("=SUMPRODUCT(DAYS(Data!C1:C2,Data!C3))"),
        new("=SUMPRODUCT(IFERROR(1/Data!A6:A8,0))"),
        new("=SUMPRODUCT(--(MATCH(Data!H1:H5,Data!H1:H5,0)=ROW(Data!H1:H5)))"),
        new("=SUMPRODUCT(SEARCH(Data!H1:H5,\"xyz\"))"),
        new("=SUMPRODUCT(--SUBSTITUTE(Data!A1:A3,\"1\",\"9\"))"),
        new("=SUMPRODUCT(CHOOSE(Data!A1:A3,10,20,30))"),
        new("=SUMPRODUCT(PMT({0.01,0.02},12,1000))"),
        new("=SUMPRODUCT(IPMT(0.01,{1,2,3},12,1000))"),
        new("=SUMPRODUCT(DB(1000,100,5,{1,2,3}))"),
        new("=SUMPRODUCT(SLN(Data!F1:F3,0,Data!A1:A3))"),
        new("=SUMPRODUCT(MOD(Data!Q1:Q8,3))"),
        new("=SUMPRODUCT(--(WEEKDAY(Data!C1:C3)=1))"),

        // Array constants make arrays in any formula (Excel needs no Ctrl+Shift+Enter for them).
        new("=SUM(ROUND({1.25,2.35},1))"),
        new("=SUM(LEN({\"a\",\"bb\",\"ccc\"}))"),
        new("=SUM(ABS({-1,-2}))"),
        new("=SUM(DATE(2024,{1,2},1))"),
        new("=SUM(--({1,2,3}>1))"),
        new("=SUM({1,2,3}*{4,5,6})"),
        new("=SUM({1,2,3}*2)"),
        new("=MAX(ABS({-5,3}))"),
        new("=SUM(IF({1,0,1},{10,20,30}))"),
        new("=SUM(CHOOSE({1,2},10,20))"),
        new("=SUM(MATCH({\"a\",\"c\"},Data!D1:D6,0))"),
        new("=SUM(VLOOKUP({\"a\",\"b\"},Data!D1:E6,2,FALSE))"),
        new("=SUM(LEFT({\"12\",\"34\"},1)*1)"),
        new("=SUM(YEAR({45000,45292}))"),
        new("=AND({TRUE,FALSE})"),
        new("=CONCAT({\"a\",\"b\"}&\"-\")"),
    ];
}
