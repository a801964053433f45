namespace Workbooks.Oracle.Tests;

public static partial class OracleCases
{
    public static readonly OracleCase[] Operators =
    [
        new("=1+2*3-4/8"),
        new("=-2^2"),
        new("=2^3^2"),
        new("=(1+2)*(3-5)"),
        new("=50%*Data!A4"),
        new("=Data!A7/Data!A8"),
        new("=0.1+0.2"),
        new("=0.1+0.2-0.3"),
        new("=1E+308*10"),
        OracleCase.LibreOfficeDiffers("=\"abc\"&1&TRUE", "\"abc1TRUE\"", "LibreOffice has no boolean type: TRUE is the number 1 there, so it joins \"1\"."),
        new("=\"A\"=\"a\""),
        new("=\"b\">\"a\""),
        new("=\"10\">9"),
        OracleCase.LibreOfficeDiffers("=TRUE>1", "TRUE", "Excel orders logical values after all numbers; LibreOffice has no boolean type: TRUE is the number 1 there."),
        new("=Data!B3=0"),
        new("=Data!B3=\"\""),
        new("=1<>1"),
        new("=Data!A1<=Data!A2"),
        new("=Data!A1>=Data!A2"),
    ];

    public static readonly OracleCase[] Coercion =
    [
        new("=\"3\"+4"),
        new("=\"1e2\"*1"),
        new("=TRUE+TRUE"),
        new("=\"abc\"+1"),
        new("=Data!B2*5"),
        new("=Data!B3+5"),
        new("=-Data!B3"),
        new("=Data!A1&Data!B3&\"|\""),
        new("=\"$1,000\"+1"),
        new("=\"50%\"*2"),
        new("=SUM(\"abc\")"),
        new("=1.5&\"\""),
        new("=1/3&\"\""),
    ];

    public static readonly OracleCase[] Errors =
    [
        new("=1/0"),
        new("=Data!G1+1"),
        new("=Data!G2*0"),
        new("=Data!G3"),
        new("=Data!G4-1"),
        new("=Data!G5&\"x\""),
        new("=#N/A+1"),
        new("=ISERROR(#NULL!)"),
        new("=SUM(Data!B5,1)"),
        new("=MAX(Data!G1:G5)"),
        new("=IF(Data!G1,1,1)"),
    ];

    public static readonly OracleCase[] DatesAsNumbers =
    [
        new("=Data!C2-Data!C1"),
        new("=Data!C1+30"),
        new("=INT(Data!C1/7)"),
        new("=MOD(Data!C2,7)"),
        new("=Data!C1*24"),
        new("=Data!C4-Data!C5"),
        new("=MAX(Data!C1:C5)-MIN(Data!C1:C5)"),
    ];

    public static readonly OracleCase[] CrossSheetAndNames =
    [
        new("='Other Sheet'!A1+Data!A1"),
        new("=SUM('Other Sheet'!A1:A3)/Data!A2"),
        new("='Other Sheet'!B1&\"!\""),
        new("=Rate*Hundred"),
        new("=Twice+1"),
        new("=SUM(Values)"),
        new("=INDEX(Values,3)"),
        new("=Hundred/Rate"),
        new("=SUMPRODUCT(Flows!A1:A6,1/(1+Rate)^(ROW(Flows!A1:A6)-1))"),
    ];
}
