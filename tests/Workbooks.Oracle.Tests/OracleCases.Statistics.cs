namespace Workbooks.Oracle.Tests;

public static partial class OracleCases
{
    private const string BooleanIsNumber = "Excel skips logical values in references; LibreOffice has no boolean type and loads the FALSE constant in Data!B7 as the number 0.";

    public static readonly OracleCase[] Statistics =
    [
        // AVERAGE, AVERAGEIF, AVERAGEIFS.
        new("=AVERAGE(Data!A1:A10)"),
        new("=AVERAGE(Data!A1:A5,10)"),
        new("=AVERAGE(Data!D1:D6)"),
        new("=AVERAGE(Data!G1:G2)"),
        new("=AVERAGE(Data!Q1:Q8)"),
        OracleCase.LibreOfficeDiffers("=AVERAGE(Data!B6:B10)", "0.75", BooleanIsNumber),
        new("=AVERAGEIF(Data!A1:A10,\">2\")"),
        new("=AVERAGEIF(Data!H1:H5,\"x\",Data!A1:A5)"),
        new("=AVERAGEIF(Data!D1:D6,\"<>c\",Data!E1:E6)"),
        new("=AVERAGEIF(Data!A1:A10,\">1E7\")"),
        new("=AVERAGEIF(Data!D1:D6,\"?\",Data!F1)"),
        new("=AVERAGEIFS(Data!A1:A5,Data!H1:H5,\"x\",Data!A1:A5,\">1\")"),
        new("=AVERAGEIFS(Data!E1:E6,Data!D1:D6,\">b\",Data!F1:F6,\"<=50\")"),
        new("=AVERAGEIFS(Data!E1:E6,Data!D1:D6,\"q\")"),

        // COUNT, COUNTA, COUNTBLANK, COUNTIF, COUNTIFS.
        new("=COUNT(Data!A1:A10)"),
        new("=COUNT(Data!D1:F6)"),
        new("=COUNT(Data!G1:G5)"),
        OracleCase.LibreOfficeDiffers("=COUNT(Data!B6:B10)", "2", BooleanIsNumber),
        new("=COUNT(1,\"x\",Data!A1:A3)"),
        OracleCase.LibreOfficeDiffers("=COUNTA(Data!B1:B10)", "9", "LibreOffice loads a cell holding empty text as an empty cell, so it does not count Data!B8."),
        new("=COUNTA(Data!D1:F6)"),
        new("=COUNTA(Data!G1:G5,\"\",1)"),
        new("=COUNTA(1,)"),
        new("=COUNTBLANK(Data!B1:B10)"),
        new("=COUNTBLANK(Data!A1:A10)"),
        new("=COUNTBLANK(Data!F1:F8)"),
        new("=COUNTIF(Data!A1:A10,\">5\")"),
        new("=COUNTIF(Data!A1:A10,\">=\"&Data!A3)"),
        new("=COUNTIF(Data!A1:A10,0)"),
        new("=COUNTIF(Data!A1:A10,\"<=0\")"),
        new("=COUNTIF(Data!H1:H5,\"<>x\")"),
        new("=COUNTIF(Data!H1:H5,\"X\")"),
        new("=COUNTIF(Data!D1:D6,\"?\")"),
        new("=COUNTIF(Data!B1:B10,\"*an*\")"),
        new("=COUNTIF(Data!J1:J5,\"*~**\")"),
        new("=COUNTIF(Data!B1:B10,\"12\")"),
        new("=COUNTIF(Data!B1:B10,\"\")"),
        new("=COUNTIF(Data!G1:G5,\"#DIV/0!\")"),
        new("=COUNTIF(Data!Q1:Q8,4)"),
        new("=COUNTIFS(Data!H1:H5,\"x\",Data!A1:A5,\">2\")"),
        new("=COUNTIFS(Data!D1:D6,\"<>a\",Data!E1:E6,\"<50\")"),
        new("=COUNTIFS(Data!Q1:Q8,\">3\",Data!R1:R8,\"<6\")"),
        new("=COUNTIFS(Data!A1:A5,\">0\",Data!A1:A4,\">0\")"),

        // MEDIAN.
        new("=MEDIAN(Data!A1:A10)"),
        new("=MEDIAN(1,2,3,4)"),
        new("=MEDIAN(Data!F1:F5)"),
        new("=MEDIAN(Data!Q1:Q8,100)"),
        OracleCase.LibreOfficeDiffers("=MEDIAN(Data!D1:D6)", "#NUM!", InvalidArgument),

        // STDEV.S, STDEV.P, VAR.S, VAR.P.
        new("=STDEV.P(Data!Q1:Q8)"),
        new("=STDEV.S(Data!Q1:Q8)"),
        new("=STDEV.S(Data!A1:A10)"),
        new("=STDEV.P(Data!A1:A5,10)"),
        new("=STDEV(Data!F1:F6)"),
        new("=STDEV.S(5)"),
        new("=VAR.S(Data!A1:A10)"),
        new("=VAR.P(Data!A1:A5)"),
        new("=VAR.S(1E12+4,1E12+7,1E12+13,1E12+16)"),
        new("=VAR.P(Data!D1:D6)"),
        new("=VAR(Data!Q1:Q8)"),

        // LARGE, SMALL, RANK.EQ.
        new("=LARGE(Data!A1:A10,1)"),
        new("=LARGE(Data!A1:A10,3)"),
        new("=LARGE(Data!Q1:Q8,2)"),
        OracleCase.LibreOfficeDiffers("=LARGE(Data!A1:A10,11)", "#NUM!", InvalidArgument),
        new("=SMALL(Data!A1:A10,2)"),
        new("=SMALL(Data!Q1:Q8,3)"),
        OracleCase.LibreOfficeDiffers("=SMALL(Data!A1:A10,0)", "#NUM!", InvalidArgument),
        new("=SUM(LARGE(Data!F1:F6,{1,2,3}))"),
        new("=RANK.EQ(5,Data!A1:A10)"),
        new("=RANK.EQ(5,Data!A1:A10,1)"),
        new("=RANK.EQ(4,Data!Q1:Q8)"),
        new("=RANK.EQ(4,Data!Q1:Q8,1)"),
        OracleCase.LibreOfficeDiffers("=RANK.EQ(99,Data!A1:A10)", "#N/A", "Excel gives #N/A for a number that is not in the list; LibreOffice ranks it anyway."),
        new("=RANK(Data!A3,Data!A1:A10)"),
        new("=RANK.AVG(4,Data!Q1:Q8)"),

        // PERCENTILE.INC, QUARTILE.INC.
        new("=PERCENTILE.INC(Data!F1:F6,0.3)"),
        new("=PERCENTILE.INC(Data!A1:A10,0.9)"),
        new("=PERCENTILE.INC(Data!F1:F6,0)"),
        new("=PERCENTILE.INC(Data!F1:F6,1)"),
        OracleCase.LibreOfficeDiffers("=PERCENTILE.INC(Data!F1:F6,1.1)", "#NUM!", InvalidArgument),
        new("=PERCENTILE(Data!Q1:Q8,0.25)"),
        new("=QUARTILE.INC(Data!Q1:Q8,3)"),

        // CORREL.
        new("=CORREL(Data!Q1:Q8,Data!R1:R8)"),
        new("=CORREL(Data!A1:A5,Data!F1:F5)"),
        new("=CORREL(Data!A1:A5,Data!I1:I5)"),
        new("=CORREL({1,1,1},{1,2,3})"),
        OracleCase.LibreOfficeDiffers("=CORREL(Data!A1:A5,Data!E1:E4)", "#N/A", "Excel gives #N/A for arrays of different sizes; LibreOffice gives #VALUE!."),

        // MAXIFS, MINIFS, SUMIFS.
        new("=MAXIFS(Data!E1:E6,Data!D1:D6,\"<d\")"),
        new("=MINIFS(Data!E1:E6,Data!D1:D6,\">b\",Data!F1:F6,\"<60\")"),
        new("=MAXIFS(Data!A1:A5,Data!H1:H5,\"q\")"),
        new("=MINIFS(Data!A1:A10,Data!A1:A10,\"<0\")"),
        new("=MAXIFS(Data!Q1:Q8,Data!R1:R8,\">=5\")"),
        new("=MAXIFS(Data!A1:A5,Data!H1:H4,\"x\")"),
        new("=SUMIFS(Data!E1:E6,Data!D1:D6,\">=c\")"),
        new("=SUMIFS(Data!A1:A10,Data!A1:A10,\">0\",Data!A1:A10,\"<10\")"),
        new("=SUMIFS(Data!A1:A5,Data!H1:H5,\"<>x\")"),
        new("=SUMIFS(Data!E1:E6,Data!D1:D6,\"*\")"),
        new("=SUMIFS(Data!E1:E6,Data!D1:D6,\"z\")"),
        new("=SUMIFS(Data!Q1:Q8,Data!R1:R8,\"<>5\",Data!Q1:Q8,\"<>4\")"),
    ];
}
