using Collab.Workbooks.Engine;
using static Workbooks.Engine.Tests.TestBook;

namespace Workbooks.Engine.Tests;

public class StatisticalFunctionTests
{
    // A mixed column: numbers, text, a boolean, a text number, an empty cell (A5), a formula giving "".
    private static readonly (string, string)[] Mixed =
    [
        ("A1", "10"), ("A2", "7"), ("A3", "9"), ("A4", "27"), ("A6", "2"),
        ("B1", "text"), ("B2", "TRUE"), ("B3", "'5"), ("B4", "=\"\""), ("B5", "4"),
        ("C1", "1"), ("C2", "#N/A"), ("C3", "3"),
    ];

    [Theory]
    [InlineData("=AVERAGE(A1:A6)", "11")]
    [InlineData("=AVERAGE(A1:A6,5)", "10")]
    [InlineData("=AVERAGE(B1:B5)", "4")]
    [InlineData("=AVERAGE(B1:B5,TRUE)", "2.5")]
    [InlineData("=AVERAGE(\"4\",2)", "3")]
    [InlineData("=AVERAGE(\"x\",2)", "#VALUE!")]
    [InlineData("=AVERAGE(1,)", "0.5")]
    [InlineData("=AVERAGE(D1:D9)", "#DIV/0!")]
    [InlineData("=AVERAGE(B1)", "#DIV/0!")]
    [InlineData("=AVERAGE(C1:C3)", "#N/A")]
    [InlineData("=AVERAGE({1,2,\"9\",TRUE})", "1.5")]
    [InlineData("=AVERAGEA(B1:B5)", "1")]
    [InlineData("=AVERAGEA(A1:B6)", "6")]
    [InlineData("=AVERAGEA(\"x\")", "#VALUE!")]
    [InlineData("=AVERAGEA(D1:D9)", "#DIV/0!")]
    [InlineData("=AVERAGEA(C1:C3)", "#N/A")]
    [InlineData("=COUNT(A1:C6)", "8")]
    [InlineData("=COUNT(1,\"2\",\"x\",TRUE,#N/A,)", "4")]
    [InlineData("=COUNT(C1:C3,1/0)", "2")]
    [InlineData("=COUNT({1,\"2\",TRUE})", "1")]
    [InlineData("=COUNTA(A1:C6)", "13")]
    [InlineData("=COUNTA(\"\",#N/A,1,)", "4")]
    [InlineData("=COUNTA(D1:D9)", "0")]
    [InlineData("=COUNTBLANK(A1:A6)", "1")]
    [InlineData("=COUNTBLANK(B1:B6)", "2")]
    [InlineData("=COUNTBLANK(D1:E10)", "20")]
    [InlineData("=COUNTBLANK(5)", "#VALUE!")]
    public void Averages_and_counts_follow_excels_argument_rules(string formula, string expected) =>
        Assert.Equal(expected, Show(formula, Mixed));

    // Excel's documented AVERAGEIF, AVERAGEIFS, COUNTIF and COUNTIFS examples.
    [Theory]
    [InlineData("=AVERAGEIF(B2:B5,\"<23000\")", "14000")]
    [InlineData("=AVERAGEIF(A2:A5,\"<250000\")", "150000")]
    [InlineData("=AVERAGEIF(A2:A5,\"<95000\")", "#DIV/0!")]
    [InlineData("=AVERAGEIF(A2:A5,\">250000\",B2:B5)", "24500")]
    [InlineData("=AVERAGEIF(A2:A5,\">250000\",B2)", "24500")]
    [InlineData("=AVERAGEIF(A2:A5,\">=100000\",C2:C5)", "#N/A")]
    [InlineData("=AVERAGEIF(A2:A5,\"<150000\",C2:C5)", "1")]
    [InlineData("=AVERAGEIF(E2:E6,\"West\",F2:F6)", "23789")]
    [InlineData("=AVERAGEIF(E2:E6,\"*West\",F2:F6)", "16733.5")]
    [InlineData("=AVERAGEIF(E2:E6,\"<>*(New Office)\",F2:F6)", "18589")]
    [InlineData("=AVERAGEIFS(H2:H5,H2:H5,\">70\",H2:H5,\"<90\")", "80.5")]
    [InlineData("=AVERAGEIFS(I2:I5,I2:I5,\">95\")", "#DIV/0!")]
    [InlineData("=AVERAGEIFS(J2:J5,J2:J5,\"<>Incomplete\",J2:J5,\">80\")", "87.5")]
    [InlineData("=AVERAGEIFS(H2:H5,I2:I5,\">80\",J2:J5,\"<>Incomplete\")", "75")]
    [InlineData("=AVERAGEIFS(H2:H5,I2:I4,\">80\")", "#VALUE!")]
    [InlineData("=AVERAGEIFS(H2:H5,I2:I5,\">1\",J2:J5)", "#VALUE!")]
    [InlineData("=COUNTIF(L2:L5,\"apples\")", "2")]
    [InlineData("=COUNTIF(L2:L5,L4)", "1")]
    [InlineData("=COUNTIF(L2:L5,L2)+COUNTIF(L2:L5,L3)", "3")]
    [InlineData("=COUNTIF(M2:M5,\">55\")", "2")]
    [InlineData("=COUNTIF(M2:M5,\"<>\"&M4)", "3")]
    [InlineData("=COUNTIF(M2:M5,\">=32\")-COUNTIF(M2:M5,\">85\")", "3")]
    [InlineData("=COUNTIF(L2:L5,\"*\")", "4")]
    [InlineData("=COUNTIF(L2:L5,\"?????es\")", "2")]
    [InlineData("=COUNTIF(L2:L9,\"\")", "4")]
    [InlineData("=COUNTIF(L2:L9,\"<>\")", "4")]
    [InlineData("=COUNTIF(C2:C5,\"#N/A\")", "1")]
    [InlineData("=COUNTIF(M2:M5,32)", "1")]
    [InlineData("=COUNTIFS(N2:N5,\"=Yes\",O2:O5,\"=Yes\")", "2")]
    [InlineData("=COUNTIFS(N2:N5,\"=Yes\",P2:P5,\"=Yes\")", "1")]
    [InlineData("=COUNTIFS(N2:P2,\"=Yes\")", "1")]
    [InlineData("=COUNTIFS(N2:N5,\"=Yes\",P2:P4,\"=Yes\")", "#VALUE!")]
    [InlineData("=COUNTIFS(N2:N5,\"=Yes\",O2:O5)", "#VALUE!")]
    public void Conditional_averages_and_counts_match_excels_examples(string formula, string expected) =>
        Assert.Equal(expected, Show(
            formula,
            ("A2", "100000"), ("A3", "200000"), ("A4", "300000"), ("A5", "400000"),
            ("B2", "7000"), ("B3", "14000"), ("B4", "21000"), ("B5", "28000"),
            ("C2", "1"), ("C3", "2"), ("C4", "#N/A"), ("C5", "4"),
            ("E2", "East"), ("E3", "West"), ("E4", "North"), ("E5", "South (New Office)"), ("E6", "MidWest"),
            ("F2", "45678"), ("F3", "23789"), ("F4", "-4789"), ("F5", "0"), ("F6", "9678"),
            ("H2", "75"), ("H3", "94"), ("H4", "86"), ("H5", "Incomplete"),
            ("I2", "85"), ("I3", "80"), ("I4", "93"), ("I5", "75"),
            ("J2", "87"), ("J3", "88"), ("J4", "Incomplete"), ("J5", "75"),
            ("L2", "apples"), ("L3", "oranges"), ("L4", "peaches"), ("L5", "apples"),
            ("M2", "32"), ("M3", "54"), ("M4", "75"), ("M5", "86"),
            ("N2", "Yes"), ("N3", "Yes"), ("N4", "Yes"), ("N5", "No"),
            ("O2", "No"), ("O3", "Yes"), ("O4", "Yes"), ("O5", "Yes"),
            ("P2", "No"), ("P3", "No"), ("P4", "Yes"), ("P5", "Yes")));

    [Fact]
    public void Countifs_counts_blank_positions_when_a_criterion_matches_blanks()
    {
        Assert.Equal("2", Show("=COUNTIFS(A1:A4,\"\",B1:B4,\"\")", ("A1", "1"), ("B2", "x")));
        Assert.Equal("1", Show("=COUNTIFS(A1:A4,\"=\",B1:B4,\"x\")", ("A1", "1"), ("B2", "x")));
        Assert.Equal("2", Show("=COUNTIF(A1:A3,\"\")", ("A1", "=\"\""), ("A3", "5")));
        Assert.Equal("0", Show("=COUNTIF(A1:A3,\"=\")-1", ("A1", "=\"\""), ("A3", "5")));
    }

    // Excel's examples for MEDIAN, MODE.SNGL, the deviations, LARGE/SMALL, RANK and the percentiles.
    [Theory]
    [InlineData("=MEDIAN(1,2,3,4,5)", "3")]
    [InlineData("=MEDIAN(1,2,3,4,5,6)", "3.5")]
    [InlineData("=MEDIAN(B1:B10)", "1320")]
    [InlineData("=MEDIAN(D1:D9)", "#NUM!")]
    [InlineData("=MEDIAN(3,\"x\")", "#VALUE!")]
    [InlineData("=MEDIAN(E1:E4)", "5.5")]
    [InlineData("=MEDIAN(E1:E5)", "#DIV/0!")]
    [InlineData("=MODE.SNGL(5.6,4,4,3,2,4)", "4")]
    [InlineData("=MODE(1,2,2,1)", "1")]
    [InlineData("=MODE(2,1,1,2)", "2")]
    [InlineData("=MODE(1,2,3)", "#N/A")]
    [InlineData("=MODE(E1:E4)", "#N/A")]
    [InlineData("=MODE.SNGL(\"4\",4)", "4")]
    [InlineData("=STDEV.S(A1)", "#DIV/0!")]
    [InlineData("=STDEV.P(A1)", "0")]
    [InlineData("=STDEV.P(D1:D3)", "#DIV/0!")]
    [InlineData("=VAR.S(1,2,3,4)", "1.66666666666667")]
    [InlineData("=VAR.P(1,2,3,4)", "1.25")]
    [InlineData("=VAR(1,TRUE,\"3\")", "1.33333333333333")]
    [InlineData("=VARP(E1:E4)", "20.25")]
    [InlineData("=STDEV(E1:E5)", "#DIV/0!")]
    [InlineData("=STDEVP(\"a\",1)", "#VALUE!")]
    [InlineData("=LARGE(G1:H5,3)", "5")]
    [InlineData("=LARGE(G1:H5,7)", "4")]
    [InlineData("=LARGE(G1:H5,1.9)", "7")]
    [InlineData("=LARGE(G1:H5,0)", "#NUM!")]
    [InlineData("=LARGE(G1:H5,11)", "#NUM!")]
    [InlineData("=LARGE(D1:D5,1)", "#NUM!")]
    [InlineData("=LARGE(G1:H5,\"x\")", "#VALUE!")]
    [InlineData("=SUM(LARGE(G1:H5,{1,2,3}))", "18")]
    [InlineData("=SMALL(I1:I9,4)", "4")]
    [InlineData("=SMALL(J1:J9,2)", "3")]
    [InlineData("=SMALL({3,1,2},3)", "3")]
    [InlineData("=SMALL(E1:E5,1)", "#DIV/0!")]
    [InlineData("=RANK(K2,K1:K5,1)", "3")]
    [InlineData("=RANK(K1,K1:K5,1)", "5")]
    [InlineData("=RANK.EQ(K2,K1:K5)", "2")]
    [InlineData("=RANK.EQ(K1,K1:K5)", "1")]
    [InlineData("=RANK.AVG(K2,K1:K5)", "2.5")]
    [InlineData("=RANK.AVG(K2,K1:K5,1)", "3.5")]
    [InlineData("=RANK.EQ(99,K1:K5)", "#N/A")]
    [InlineData("=RANK.EQ(3,5)", "#VALUE!")]
    [InlineData("=RANK.EQ(\"x\",K1:K5)", "#VALUE!")]
    [InlineData("=RANK.EQ(2,{1,2,3})", "2")]
    [InlineData("=PERCENTILE.INC({1,3,2,4},0.3)", "1.9")]
    [InlineData("=PERCENTILE({1,3,2,4},0)", "1")]
    [InlineData("=PERCENTILE({1,3,2,4},1)", "4")]
    [InlineData("=PERCENTILE(L1:L8,0.5)", "7.5")]
    [InlineData("=PERCENTILE({1,3,2,4},1.1)", "#NUM!")]
    [InlineData("=PERCENTILE({1,3,2,4},-0.1)", "#NUM!")]
    [InlineData("=PERCENTILE(D1:D4,0.5)", "#NUM!")]
    [InlineData("=PERCENTILE.INC(5,0.5)", "5")]
    [InlineData("=QUARTILE.INC(L1:L8,1)", "3.5")]
    [InlineData("=QUARTILE(L1:L8,0)", "1")]
    [InlineData("=QUARTILE(L1:L8,2)", "7.5")]
    [InlineData("=QUARTILE(L1:L8,3)", "9.25")]
    [InlineData("=QUARTILE(L1:L8,4.9)", "12")]
    [InlineData("=QUARTILE(L1:L8,5)", "#NUM!")]
    [InlineData("=QUARTILE(L1:L8,-1)", "#NUM!")]
    [InlineData("=ROUND(CORREL(M1:M5,N1:N5),9)", "0.997054486")]
    [InlineData("=PEARSON({1,2,3},{2,4,6})", "1")]
    [InlineData("=CORREL({1,2,3},{3,2,1})", "-1")]
    [InlineData("=CORREL({1,2,3},{1,2})", "#N/A")]
    [InlineData("=CORREL({1,1,1},{1,2,3})", "#DIV/0!")]
    [InlineData("=CORREL({1},{2})", "#DIV/0!")]
    [InlineData("=CORREL(M1:M5,O1:O5)", "1")]
    [InlineData("=CORREL(M1:M5,E1:E5)", "#DIV/0!")]
    public void Distribution_functions_match_excel(string formula, string expected) =>
        Assert.Equal(expected, Show(
            formula,
            ("A1", "5"),
            ("B1", "1345"), ("B2", "1301"), ("B3", "1368"), ("B4", "1322"), ("B5", "1310"),
            ("B6", "1370"), ("B7", "1318"), ("B8", "1350"), ("B9", "1303"), ("B10", "1299"),
            ("E1", "1"), ("E2", "x"), ("E3", "10"), ("E4", "TRUE"), ("E5", "#DIV/0!"),
            ("G1", "3"), ("G2", "5"), ("G3", "3"), ("G4", "5"), ("G5", "4"),
            ("H1", "4"), ("H2", "2"), ("H3", "4"), ("H4", "6"), ("H5", "7"),
            ("I1", "3"), ("I2", "4"), ("I3", "5"), ("I4", "2"), ("I5", "3"), ("I6", "4"), ("I7", "6"), ("I8", "4"), ("I9", "7"),
            ("J1", "1"), ("J2", "4"), ("J3", "8"), ("J4", "3"), ("J5", "7"), ("J6", "12"), ("J7", "54"), ("J8", "8"), ("J9", "23"),
            ("K1", "7"), ("K2", "3.5"), ("K3", "3.5"), ("K4", "1"), ("K5", "2"),
            ("L1", "1"), ("L2", "2"), ("L3", "4"), ("L4", "7"), ("L5", "8"), ("L6", "9"), ("L7", "10"), ("L8", "12"),
            ("M1", "3"), ("M2", "2"), ("M3", "4"), ("M4", "5"), ("M5", "6"),
            ("N1", "9"), ("N2", "7"), ("N3", "12"), ("N4", "15"), ("N5", "17"),
            ("O1", "3"), ("O2", "x"), ("O3", "4"), ("O4", "5"), ("O5", "6")));

    // Excel's STDEV example (10 breaking strengths); reference values to 15 digits as Excel and LibreOffice show them.
    [Theory]
    [InlineData("=STDEV.S(B1:B10)", 27.4639157198435)]
    [InlineData("=STDEV(B1:B10)", 27.4639157198435)]
    [InlineData("=STDEV.P(B1:B10)", 26.0545581424825)]
    [InlineData("=STDEVP(B1:B10)", 26.0545581424825)]
    [InlineData("=VAR.S(B1:B10)", 754.266666666667)]
    [InlineData("=VAR.P(B1:B10)", 678.84)]
    [InlineData("=CORREL(C1:C5,D1:D5)", 0.9970544855015815)]
    [InlineData("=AVERAGE(B1:B10)", 1328.6)]
    public void Dispersion_matches_reference_values(string formula, double expected)
    {
        double actual = Number(
            formula,
            ("B1", "1345"), ("B2", "1301"), ("B3", "1368"), ("B4", "1322"), ("B5", "1310"),
            ("B6", "1370"), ("B7", "1318"), ("B8", "1350"), ("B9", "1303"), ("B10", "1299"),
            ("C1", "3"), ("C2", "2"), ("C3", "4"), ("C4", "5"), ("C5", "6"),
            ("D1", "9"), ("D2", "7"), ("D3", "12"), ("D4", "15"), ("D5", "17"));
        Assert.Equal(expected, actual, Math.Abs(expected) * 1e-13);
    }

    // Two passes keep the variance exact where a one-pass sum of squares loses every digit.
    [Fact]
    public void Variance_is_stable_for_large_offsets()
    {
        var inputs = new[] { ("A1", "1000000000004"), ("A2", "1000000000007"), ("A3", "1000000000013"), ("A4", "1000000000016") };
        Assert.Equal(30, Number("=VAR.S(A1:A4)", inputs));
        Assert.Equal(22.5, Number("=VAR.P(A1:A4)", inputs));
        Assert.Equal(1, Number("=CORREL(A1:A4,A1:A4)", inputs), 1e-15);
    }

    [Fact]
    public void Statistics_recalculate_when_inputs_change()
    {
        var book = With(("A1", "1"), ("A2", "2"), ("B1", "=AVERAGE(A1:A3)"), ("B2", "=COUNTIF(A1:A3,\">1\")"), ("B3", "=MEDIAN(A:A)"));
        Assert.Equal("1.5", book.Value("B1"));
        book.Set("A3", "6");
        Assert.Equal("3", book.Value("B1"));
        Assert.Equal("2", book.Value("B2"));
        Assert.Equal("2", book.Value("B3"));
    }

    internal static double Number(string formula, params (string Cell, string Input)[] inputs)
    {
        var book = With(inputs);
        book.Set("Z1000", formula);
        var value = book.GetValue(Main, CellAddress.Parse("Z1000"));
        Assert.True(value.IsNumber, $"{formula} gave {Show(value)}");
        return value.Number;
    }

    // A criterion, number or k given as an array constant, or as a range inside an array expression, gives one
    // result per item (SUMPRODUCT(1/COUNTIF(r,r)) counts distinct values).
    [Theory]
    [InlineData("=SUMPRODUCT(COUNTIF(H1:H5,H1:H5))", "11")]
    [InlineData("=SUMPRODUCT(1/COUNTIF(H1:H5,H1:H5))", "3")]
    [InlineData("=SUM(COUNTIF(D1:D6,{\"a\",\"c\",\"z\"}))", "2")]
    [InlineData("=SUM(COUNTIFS(H1:H5,{\"x\";\"y\"},A1:A5,{\">1\",\">0\"}))", "7")]
    [InlineData("=SUM(AVERAGEIF(H1:H5,{\"x\",\"y\"},A1:A5))", "5")]
    [InlineData("=SUM(AVERAGEIFS(E1:E6,D1:D6,{\"a\",\"f\"}))", "70")]
    [InlineData("=SUMPRODUCT(RANK.EQ(F1:F3,F1:F6))", "15")]
    [InlineData("=SUM(RANK.AVG({4,5},Q1:Q8))", "9.5")]
    [InlineData("=SUM(PERCENTILE.INC(F1:F6,{0,1}))", "70")]
    [InlineData("=SUM(QUARTILE.INC(Q1:Q8,{0,4}))", "11")]
    public void Statistics_apply_item_by_item_over_array_arguments(string formula, string expected) =>
        Assert.Equal(expected, Show(formula, OracleData));

    // The oracle's cases where LibreOffice differs from Excel (OracleCases.Statistics.cs), on the oracle's data: Excel's values.
    [Theory]
    [InlineData("=AVERAGE(B6:B10)", "0.75")]
    [InlineData("=COUNT(B6:B10)", "2")]
    [InlineData("=COUNTA(B1:B10)", "9")]
    [InlineData("=MEDIAN(D1:D6)", "#NUM!")]
    [InlineData("=LARGE(A1:A10,11)", "#NUM!")]
    [InlineData("=SMALL(A1:A10,0)", "#NUM!")]
    [InlineData("=RANK.EQ(99,A1:A10)", "#N/A")]
    [InlineData("=PERCENTILE.INC(F1:F6,1.1)", "#NUM!")]
    [InlineData("=CORREL(A1:A5,E1:E4)", "#N/A")]
    [InlineData("=COUNTIF(B1:B10,12)", "1")]
    [InlineData("=COUNT(A1:R10)", "64")]
    [InlineData("=MEDIAN(1,\"3\",5)", "3")]
    public void Excel_values_where_LibreOffice_differs(string formula, string expected) =>
        Assert.Equal(expected, Show(formula, OracleData));
}
