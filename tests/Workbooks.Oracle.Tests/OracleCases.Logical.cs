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
}
