namespace Workbooks.Oracle.Tests;

public static partial class OracleCases
{
    public static readonly OracleCase[] Reference =
    [
        new("=INDEX(Data!E1:E6,3)"),
        new("=INDEX(Data!D1:E6,4,2)"),
        new("=INDEX(Lookup,2,1)"),
        new("=SUM(INDEX(Data!D1:E6,0,2))"),
        OracleCase.LibreOfficeDiffers("=SUM(INDEX(Data!A1:F3,2,0))", "45334", "SUM skips logical values in references; LibreOffice loads the TRUE constant in Data!B2 as a number."),
        OracleCase.LibreOfficeDiffers("=INDEX(Data!E1:E6,7)", "#REF!", "Excel gives #REF! for a row outside the range; LibreOffice saves its error as #VALUE!."),
        new("=SUM(Data!A1:INDEX(Data!A1:A10,4))"),
        new("=CHOOSE(2,\"a\",\"b\",\"c\")"),
        new("=SUM(CHOOSE(1,Data!A1:A3,Data!E1:E3))"),
        new("=CHOOSE(4,1,2,3)"),
        new("=ROW(Data!C7)"),
        new("=COLUMN(Data!AB1)"),
        new("=ROWS(Data!A1:C10)*COLUMNS(Data!A1:C10)"),
        new("=ROWS(Lookup)"),
        new("=SUM(OFFSET(Data!A1,1,0,3,1))"),
        new("=OFFSET(Data!A1,2,4)"),
        new("=SUM(OFFSET(Lookup,0,1))"),
        new("=INDIRECT(\"Data!A2\")*10"),
        new("=SUM(INDIRECT(\"'Other Sheet'!A1:A3\"))"),
        new("=INDIRECT(\"Data!\"&\"E\"&3)"),
    ];
}
