namespace Workbooks.Oracle.Tests;

public static partial class OracleCases
{
    public static readonly OracleCase[] Logical =
    [
        new("=IF(Data!A1>0,\"positive\",\"not\")"),
        new("=IF(Data!A8,1,2)"),
        new("=IF(FALSE,1)"),
        new("=IF(\"TRUE\",1,2)"),
        new("=IF(Data!G1,1,2)"),
        new("=IFERROR(1/0,\"div\")"),
        new("=IFERROR(Data!A1*2,\"div\")"),
        new("=IFERROR(Data!G2,Data!G1)"),
        new("=IFNA(Data!B5,\"none\")"),
        new("=IFNA(Data!G1,\"none\")"),
        new("=IFS(Data!A1>5,\"big\",Data!A1>0,\"small\")"),
        new("=IFS(FALSE,1)"),
        new("=SWITCH(Data!A2,1,\"one\",2,\"two\",\"other\")"),
        new("=SWITCH(\"z\",\"x\",1,\"y\",2)"),
        new("=AND(TRUE,Data!A1>0,1)"),
        new("=AND(Data!B1:B2)"),
        new("=OR(FALSE,0,Data!A8)"),
        new("=OR(Data!A1:A10>100)"),
        new("=XOR(TRUE,TRUE,TRUE)"),
        new("=XOR(Data!A1:A3>1)"),
        new("=NOT(0)"),
        new("=NOT(Data!A1)"),
        new("=TRUE()+FALSE()"),
        new("=AND(\"text\")"),
    ];

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
    ];
}
