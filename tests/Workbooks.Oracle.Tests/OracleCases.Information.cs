namespace Workbooks.Oracle.Tests;

public static partial class OracleCases
{
    public static readonly OracleCase[] Information =
    [
        new("=ISBLANK(Data!B3)"),
        OracleCase.LibreOfficeDiffers("=ISBLANK(Data!B8)", "FALSE", "LibreOffice loads a cell holding empty text as an empty cell."),
        new("=ISNUMBER(Data!B4)"),
        new("=ISNUMBER(Data!C1)"),
        OracleCase.LibreOfficeDiffers("=ISTEXT(Data!B8)", "TRUE", "LibreOffice loads a cell holding empty text as an empty cell."),
        new("=ISNONTEXT(Data!B3)"),
        new("=ISLOGICAL(Data!B2)"),
        new("=ISERROR(Data!G3)"),
        new("=ISERR(Data!B5)"),
        new("=ISNA(Data!B5)"),
        new("=ISEVEN(-2.5)"),
        new("=ISODD(3.9)"),
        new("=N(Data!B2)+N(Data!B1)+N(7)"),
        new("=T(Data!B1)&T(Data!A1)"),
        OracleCase.LibreOfficeDiffers("=TYPE(Data!A1)+TYPE(Data!B1)*10+TYPE(Data!B2)*100", "421", "LibreOffice loads a TRUE constant as the formula =TRUE(), so TYPE gives 8 (formula) instead of 4."),
        new("=TYPE(Data!G1)"),
        new("=NA()"),
        new("=ISNA(NA())"),
        new("=ISBLANK(Data!A1)"),
        new("=ISBLANK(\"\")"),
        new("=ISBLANK(Data!Z1000)"),
        new("=ISNUMBER(\"1\")"),
        new("=ISNUMBER(Data!G1)"),
        new("=ISNUMBER(Data!B6)"),
        new("=ISTEXT(Data!D1)"),
        new("=ISTEXT(123)"),
        new("=ISTEXT(Data!B3)"),
        new("=ISERROR(Data!A1)"),
        new("=ISERROR(1/0)"),
        new("=ISNA(Data!G1)"),
        new("=ISNA(VLOOKUP(\"z\",Data!D1:E6,2,FALSE))"),
        new("=ISERR(Data!G1)"),
        new("=ISERR(NA())"),
        new("=ISERR(\"text\")"),
        new("=NA()+1"),
        new("=IFERROR(NA(),\"caught\")"),

        // Item by item inside SUMPRODUCT.
        new("=SUMPRODUCT(--ISERR(Data!G1:G5))"),
        new("=SUMPRODUCT(--ISNA(Data!B1:B10))"),
        new("=SUMPRODUCT(--ISERROR(Data!B1:B10))"),
        new("=SUMPRODUCT(--ISNUMBER(Data!A1:A10))"),
        OracleCase.LibreOfficeDiffers("=SUMPRODUCT(--ISNUMBER(Data!B1:B10))", "2", "LibreOffice has no boolean type: the TRUE and FALSE constants in Data!B2 and B7 are numbers there."),
        OracleCase.LibreOfficeDiffers("=SUMPRODUCT(--ISTEXT(Data!B1:B10))", "4", "LibreOffice loads a cell holding empty text as an empty cell."),
    ];
}
