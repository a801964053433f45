using Collab.Workbooks.Engine;
using static Workbooks.Engine.Tests.TestBook;

namespace Workbooks.Engine.Tests;

public class LookupFunctionTests
{
    // Excel's VLOOKUP help: density, viscosity and temperature of air (A2:C10, sorted on A).
    private static readonly (string, string)[] Air =
    [
        ("A1", "Density"), ("B1", "Viscosity"), ("C1", "Temperature"),
        ("A2", "0.457"), ("B2", "3.55"), ("C2", "500"),
        ("A3", "0.525"), ("B3", "3.25"), ("C3", "400"),
        ("A4", "0.606"), ("B4", "2.93"), ("C4", "300"),
        ("A5", "0.675"), ("B5", "2.75"), ("C5", "250"),
        ("A6", "0.746"), ("B6", "2.57"), ("C6", "200"),
        ("A7", "0.835"), ("B7", "2.38"), ("C7", "150"),
        ("A8", "0.946"), ("B8", "2.17"), ("C8", "100"),
        ("A9", "1.09"), ("B9", "1.95"), ("C9", "50"),
        ("A10", "1.29"), ("B10", "1.71"), ("C10", "0"),
    ];

    // Excel's VLOOKUP help: item id, item, cost, markup (A2:D6, not sorted).
    private static readonly (string, string)[] Items =
    [
        ("A1", "Item-ID"), ("B1", "Item"), ("C1", "Cost"), ("D1", "Markup"),
        ("A2", "ST-340"), ("B2", "Stroller"), ("C2", "145.67"), ("D2", "30%"),
        ("A3", "BI-567"), ("B3", "Bib"), ("C3", "3.56"), ("D3", "40%"),
        ("A4", "DI-328"), ("B4", "Diapers"), ("C4", "21.45"), ("D4", "35%"),
        ("A5", "WI-989"), ("B5", "Wipes"), ("C5", "5.12"), ("D5", "40%"),
        ("A6", "AS-469"), ("B6", "Aspirator"), ("C6", "2.56"), ("D6", "45%"),
        ("A7", "a*b"), ("B7", "star"), ("A8", "0"), ("B8", "zero"),
        ("F1", "1"), ("F2", "2"),
    ];

    [Theory]
    [InlineData("=VLOOKUP(1,A2:C10,2)", "2.17")]
    [InlineData("=VLOOKUP(1,A2:C10,3,TRUE)", "100")]
    [InlineData("=VLOOKUP(0.7,A2:C10,3,FALSE)", "#N/A")]
    [InlineData("=VLOOKUP(0.1,A2:C10,2,TRUE)", "#N/A")]
    [InlineData("=VLOOKUP(2,A2:C10,2,TRUE)", "1.71")]
    [InlineData("=VLOOKUP(0.746,A2:C10,3,FALSE)", "200")]
    [InlineData("=VLOOKUP(0.746,A2:C10,3)", "200")]
    [InlineData("=VLOOKUP(0.76,A:C,3)", "200")]
    [InlineData("=VLOOKUP(5,A:C,2)", "1.71")]
    [InlineData("=VLOOKUP(1,A2:C10,0)", "#VALUE!")]
    [InlineData("=VLOOKUP(1,A2:C10,-1)", "#VALUE!")]
    [InlineData("=VLOOKUP(1,A2:C10,4)", "#REF!")]
    [InlineData("=VLOOKUP(99,A2:C10,4,FALSE)", "#REF!")]
    [InlineData("=VLOOKUP(1,A2:C10,2.9)", "2.17")]
    [InlineData("=VLOOKUP(1,A2:C10,\"x\")", "#VALUE!")]
    [InlineData("=VLOOKUP(1,A2:C10,2,\"x\")", "#VALUE!")]
    [InlineData("=VLOOKUP(NA(),A2:C10,2)", "#N/A")]
    [InlineData("=VLOOKUP(1/0,A2:C10,2)", "#DIV/0!")]
    [InlineData("=VLOOKUP(1,1/0,1)", "#DIV/0!")]
    [InlineData("=VLOOKUP(\"Density\",A1:C10,3,FALSE)", "\"Temperature\"")]
    public void Vlookup_matches_the_excel_help_air_table(string formula, string expected) =>
        Assert.Equal(expected, Show(formula, Air));

    [Theory]
    [InlineData("=VLOOKUP(\"DI-328\",A2:D6,3,FALSE)*(1+VLOOKUP(\"DI-328\",A2:D6,4,FALSE))", "28.9575")]
    [InlineData("=ROUND(VLOOKUP(\"WI-989\",A2:D6,3,FALSE)*(1+VLOOKUP(\"WI-989\",A2:D6,4,FALSE))*(1-20%),2)", "5.73")]
    [InlineData("=VLOOKUP(\"di-328\",A2:D6,2,FALSE)", "\"Diapers\"")]
    [InlineData("=VLOOKUP(\"W*\",A2:D6,2,FALSE)", "\"Wipes\"")]
    [InlineData("=VLOOKUP(\"?I-*\",A2:D6,2,FALSE)", "\"Bib\"")]
    [InlineData("=VLOOKUP(\"a~*b\",A2:D8,2,FALSE)", "\"star\"")]
    [InlineData("=VLOOKUP(\"a*b\",A2:D8,2,FALSE)", "\"star\"")]
    [InlineData("=VLOOKUP(\"axb\",A2:D8,2,FALSE)", "#N/A")]
    [InlineData("=VLOOKUP(\"XX-000\",A2:D6,2,FALSE)", "#N/A")]
    [InlineData("=VLOOKUP(\"DI-328\",A2:D6,2,)", "\"Diapers\"")]
    [InlineData("=VLOOKUP(\"DI-328\",A2:D6,2,0)", "\"Diapers\"")]
    [InlineData("=VLOOKUP(G1,A2:D8,2,FALSE)", "\"zero\"")]
    [InlineData("=VLOOKUP(\"0\",A2:D8,2,FALSE)", "#N/A")]
    [InlineData("=VLOOKUP(\"Wipes\",B2:D6,3,FALSE)", "0.4")]
    [InlineData("=VLOOKUP(\"A*\",A7:D8,3,FALSE)", "0")]
    [InlineData("=VLOOKUP(\"A*\",A7:D8,3,FALSE)&\"\"", "\"\"")]
    [InlineData("=SUMPRODUCT(VLOOKUP({\"BI-567\",\"AS-469\"},A2:D6,3,FALSE))", "6.12")]
    [InlineData("=SUMPRODUCT(VLOOKUP(F1:F2,{1,10;2,20},2,FALSE))", "30")]
    public void Vlookup_matches_the_excel_help_item_table(string formula, string expected) =>
        Assert.Equal(expected, Show(formula, Items));

    [Theory]
    [InlineData("=VLOOKUP(0.1+0.2,{0.3,\"x\"},2,FALSE)", "#N/A")]
    [InlineData("=VLOOKUP(0.3,{0.3,\"x\"},2,FALSE)", "\"x\"")]
    [InlineData("=VLOOKUP(2,{1,\"a\";2,\"b\";2,\"c\";2,\"d\";3,\"e\"},2)", "\"d\"")]
    [InlineData("=VLOOKUP(2,{1,\"a\";2,\"b\";2,\"c\";2,\"d\";3,\"e\"},2,FALSE)", "\"b\"")]
    [InlineData("=VLOOKUP(\"b\",{\"A\",1;\"B\",2;\"C\",3},2)", "2")]
    [InlineData("=VLOOKUP(\"bz\",{\"A\",1;\"B\",2;\"C\",3},2)", "2")]
    [InlineData("=VLOOKUP(\"1\",{1,\"num\";\"1\",\"text\"},2,FALSE)", "\"text\"")]
    [InlineData("=VLOOKUP(1,{\"1\",\"text\";1,\"num\"},2,FALSE)", "\"num\"")]
    [InlineData("=VLOOKUP(TRUE,{1,\"num\";TRUE,\"bool\"},2,FALSE)", "\"bool\"")]
    [InlineData("=VLOOKUP(5,7,1)", "#N/A")]
    [InlineData("=VLOOKUP(7,7,1,FALSE)", "7")]
    public void Vlookup_compares_exactly_and_by_type(string formula, string expected) =>
        Assert.Equal(expected, Show(formula));

    // Excel's HLOOKUP help: A1:C4.
    [Theory]
    [InlineData("=HLOOKUP(\"Axles\",A1:C4,2,TRUE)", "4")]
    [InlineData("=HLOOKUP(\"Bearings\",A1:C4,3,FALSE)", "7")]
    [InlineData("=HLOOKUP(\"B\",A1:C4,3,TRUE)", "5")]
    [InlineData("=HLOOKUP(\"Bolts\",A1:C4,4)", "11")]
    [InlineData("=HLOOKUP(3,{1,2,3;\"a\",\"b\",\"c\";\"d\",\"e\",\"f\"},2,TRUE)", "\"c\"")]
    [InlineData("=HLOOKUP(\"Bolts\",A1:C4,5)", "#REF!")]
    [InlineData("=HLOOKUP(\"Bolts\",A1:C4,0)", "#VALUE!")]
    [InlineData("=HLOOKUP(\"Nuts\",A1:C4,2,FALSE)", "#N/A")]
    [InlineData("=HLOOKUP(\"B*\",A1:C4,4,FALSE)", "8")]
    [InlineData("=HLOOKUP(\"Bolts\",1:4,3,FALSE)", "10")]
    public void Hlookup_matches_the_excel_help(string formula, string expected) =>
        Assert.Equal(expected, Show(formula,
            ("A1", "Axles"), ("B1", "Bearings"), ("C1", "Bolts"),
            ("A2", "4"), ("B2", "4"), ("C2", "9"),
            ("A3", "5"), ("B3", "7"), ("C3", "10"),
            ("A4", "6"), ("B4", "8"), ("C4", "11")));

    // Excel's MATCH help: B2:B5 = 25, 38, 40, 41.
    [Theory]
    [InlineData("=MATCH(39,B2:B5,1)", "2")]
    [InlineData("=MATCH(41,B2:B5,0)", "4")]
    [InlineData("=MATCH(40,B2:B5,-1)", "#N/A")]
    [InlineData("=MATCH(39,B2:B5)", "2")]
    [InlineData("=MATCH(100,B2:B5)", "4")]
    [InlineData("=MATCH(1,B2:B5)", "#N/A")]
    [InlineData("=MATCH(38,B2:B5,0)", "2")]
    [InlineData("=MATCH(38,B2:B5,)", "2")]
    [InlineData("=MATCH(38,B2:B5,5)", "2")]
    [InlineData("=MATCH(38,A2:B5,0)", "#N/A")]
    [InlineData("=MATCH(\"b*\",A2:A5,0)", "1")]
    [InlineData("=MATCH(\"?ears\",A2:A5,0)", "4")]
    [InlineData("=MATCH(\"ORANGES\",A2:A5,0)", "2")]
    [InlineData("=MATCH(\"x\",B2:B5,0)", "#N/A")]
    [InlineData("=MATCH(25,B1:B5,1)", "2")]
    [InlineData("=MATCH(41,B:B,1)", "5")]
    [InlineData("=MATCH(9.99E+307,B:B)", "5")]
    [InlineData("=MATCH(\"Count\",B:B,0)", "1")]
    [InlineData("=MATCH(NA(),B2:B5,0)", "#N/A")]
    [InlineData("=MATCH(38,1/0,0)", "#DIV/0!")]
    [InlineData("=MATCH(38,B2:B5,\"x\")", "#VALUE!")]
    [InlineData("=MATCH(35,{50,40,30,20},-1)", "2")]
    [InlineData("=MATCH(50,{50,40,30,20},-1)", "1")]
    [InlineData("=MATCH(60,{50,40,30,20},-1)", "#N/A")]
    [InlineData("=MATCH(3,{5,3,3,3,1},-1)", "2")]
    [InlineData("=MATCH(2,{\"b\",\"c\",2},0)", "3")]
    [InlineData("=SUMPRODUCT(MATCH({41,25},B2:B5,0))", "5")]
    public void Match_matches_the_excel_help(string formula, string expected) =>
        Assert.Equal(expected, Show(formula,
            ("A1", "Product"), ("B1", "Count"),
            ("A2", "Bananas"), ("B2", "25"),
            ("A3", "Oranges"), ("B3", "38"),
            ("A4", "Apples"), ("B4", "40"),
            ("A5", "Pears"), ("B5", "41")));

    // Approximate searches bisect as Excel does: blanks and values of other types are passed over.
    [Theory]
    [InlineData("=MATCH(3,A1:A10,1)", "3")]
    [InlineData("=MATCH(3.5,A1:A10,1)", "3")]
    [InlineData("=MATCH(6,A1:A10,1)", "5")]
    [InlineData("=VLOOKUP(3,A1:B10,2,TRUE)", "30")]
    [InlineData("=MATCH(4,G1:G5,1)", "4")]
    [InlineData("=MATCH(3,G1:G5,1)", "2")]
    [InlineData("=MATCH(3,C1:C6,1)", "4")]
    [InlineData("=MATCH(2,I1:I4,1)", "3")]
    [InlineData("=MATCH(\"m\",I1:I4,1)", "1")]
    [InlineData("=MATCH(1,{1,1,1,1,1,0,1},1)", "5")]
    [InlineData("=MATCH(0,A1:A10,0)", "#N/A")]
    [InlineData("=MATCH(F1,A1:A10,0)", "#N/A")]
    [InlineData("=MATCH(F1,K1:K3,0)", "2")]
    [InlineData("=MATCH(F1,K1:K3,1)", "2")]
    [InlineData("=MATCH(TRUE,{1,TRUE},0)", "2")]
    [InlineData("=MATCH(TRUE,{FALSE,TRUE,TRUE,1},1)", "3")]
    [InlineData("=MATCH(\"1\",{1,2},0)", "#N/A")]
    [InlineData("=MATCH(1,{\"1\",1},0)", "2")]
    public void Approximate_and_exact_searches_skip_what_excel_skips(string formula, string expected) =>
        Assert.Equal(expected, Show(formula,
            ("A1", "1"), ("A2", "2"), ("A3", "3"), ("A4", "4"), ("A5", "5"),
            ("B1", "10"), ("B2", "20"), ("B3", "30"), ("B4", "40"), ("B5", "50"),
            ("C1", "Header"), ("C2", "1"), ("C3", "2"), ("C4", "3"), ("C5", "4"), ("C6", "5"),
            ("G1", "1"), ("G2", "2"), ("G4", "4"), ("G5", "5"),
            ("I1", "apple"), ("I2", "1"), ("I3", "2"), ("I4", "zebra"),
            ("K1", "x"), ("K2", "0"), ("K3", "7")));

    // XLOOKUP and XMATCH (Excel's help examples and their options).
    private static readonly (string, string)[] Countries =
    [
        ("B1", "Country"), ("C1", "Abbr"), ("D1", "Code"),
        ("B2", "China"), ("C2", "CN"), ("D2", "'+86"),
        ("B3", "India"), ("C3", "IN"), ("D3", "'+91"),
        ("B4", "United States"), ("C4", "US"), ("D4", "'+1"),
        ("B5", "Indonesia"), ("C5", "ID"), ("D5", "'+62"),
        ("B6", "Brazil"), ("C6", "BR"), ("D6", "'+55"),
        ("F1", "Q1"), ("G1", "Q2"), ("H1", "Q3"), ("I1", "Q4"),
        ("F2", "10"), ("G2", "20"), ("H2", "30"), ("I2", "40"),
        ("F3", "1"), ("G3", "2"), ("H3", "3"), ("I3", "4"),
        ("K1", "0"), ("K2", "9700"), ("K3", "39475"), ("K4", "84200"), ("K5", "160725"),
        ("L1", "10%"), ("L2", "12%"), ("L3", "22%"), ("L4", "24%"), ("L5", "32%"),
        ("M1", "1"), ("M2", "2"), ("M4", "4"), ("M5", "5"),
        ("N1", "p1"), ("N2", "p2"), ("N3", "p3"), ("N4", "p4"), ("N5", "p5"),
        ("O1", "a"), ("O2", "b"), ("O3", "a"),
    ];

    [Theory]
    [InlineData("=XLOOKUP(\"Brazil\",B2:B6,D2:D6)", "\"+55\"")]
    [InlineData("=XLOOKUP(\"india\",B2:B6,C2:C6)", "\"IN\"")]
    [InlineData("=XLOOKUP(\"Nowhere\",B2:B6,D2:D6,\"ID not found\")", "\"ID not found\"")]
    [InlineData("=XLOOKUP(\"Nowhere\",B2:B6,D2:D6)", "#N/A")]
    [InlineData("=XLOOKUP(\"Nowhere\",B2:B6,D2:D6,,0)", "#N/A")]
    [InlineData("=XLOOKUP(\"Nowhere\",B2:B6,D2:D6,B1)", "\"Country\"")]
    [InlineData("=XLOOKUP(\"Ind*\",B2:B6,C2:C6,,2)", "\"IN\"")]
    [InlineData("=XLOOKUP(\"Ind*\",B2:B6,C2:C6,,2,-1)", "\"ID\"")]
    [InlineData("=XLOOKUP(\"Ind*\",B2:B6,C2:C6)", "#N/A")]
    [InlineData("=XLOOKUP(\"Q3\",F1:I1,F2:I2)", "30")]
    [InlineData("=SUM(XLOOKUP(\"Q3\",F1:I1,F2:I3))", "33")]
    [InlineData("=SUM(XLOOKUP(\"India\",B2:B6,B2:D6))", "0")]
    [InlineData("=COLUMNS(XLOOKUP(\"India\",B2:B6,B2:D6))", "3")]
    [InlineData("=SUM(XLOOKUP(\"Q2\",F1:I1,F2:I2):XLOOKUP(\"Q4\",F1:I1,F2:I2))", "90")]
    [InlineData("=SUM(F2:XLOOKUP(\"Q3\",F1:I1,F2:I2))", "60")]
    [InlineData("=XLOOKUP(46523,K1:K5,L1:L5,0,-1)", "0.22")]
    [InlineData("=XLOOKUP(46523,K1:K5,L1:L5,0,1)", "0.24")]
    [InlineData("=XLOOKUP(39475,K1:K5,L1:L5,0,1)", "0.22")]
    [InlineData("=XLOOKUP(-5,K1:K5,L1:L5,\"none\",-1)", "\"none\"")]
    [InlineData("=XLOOKUP(1E9,K1:K5,L1:L5,\"none\",1)", "\"none\"")]
    [InlineData("=XLOOKUP(46523,K1:K5,L1:L5,0,-1,2)", "0.22")]
    [InlineData("=XLOOKUP(46523,K1:K5,L1:L5,0,1,2)", "0.24")]
    [InlineData("=XLOOKUP(84200,K1:K5,L1:L5,0,0,2)", "0.24")]
    [InlineData("=XLOOKUP(84201,K1:K5,L1:L5,\"no\",0,2)", "\"no\"")]
    [InlineData("=XLOOKUP(\"a\",O1:O3,N1:N3)", "\"p1\"")]
    [InlineData("=XLOOKUP(\"a\",O1:O3,N1:N3,,0,-1)", "\"p3\"")]
    [InlineData("=XLOOKUP(2,{1,2,3},{\"x\",\"y\",\"z\"})", "\"y\"")]
    [InlineData("=SUM(XLOOKUP(2,{1;2;3},{1,2;3,4;5,6}))", "7")]
    [InlineData("=XLOOKUP(\"a*\",{\"abc\",\"a*\"},{1,2})", "2")]
    [InlineData("=XLOOKUP(\"a*\",{\"abc\",\"a*\"},{1,2},,2)", "1")]
    [InlineData("=XLOOKUP(0.1+0.2,{0.3},{1})", "#N/A")]
    [InlineData("=XLOOKUP(\"1\",{1,\"1\"},{\"n\",\"t\"})", "\"t\"")]
    [InlineData("=XLOOKUP(Z1,M1:M5,N1:N5)", "\"p3\"")]
    [InlineData("=XLOOKUP(0,M1:M5,N1:N5)", "#N/A")]
    [InlineData("=XLOOKUP(4,M1:M5,N1:N5,,0,2)", "#N/A")]
    [InlineData("=XLOOKUP(2,M1:M5,N1:N5,,0,2)", "\"p2\"")]
    [InlineData("=XLOOKUP(3,Y1:Y3,N1:N3,\"none\",1,2)", "\"p1\"")]
    [InlineData("=XLOOKUP(3,{5,4,3,2,1},{\"a\",\"b\",\"c\",\"d\",\"e\"},,0,-2)", "\"c\"")]
    [InlineData("=XLOOKUP(3.5,{5,4,3,2,1},{\"a\",\"b\",\"c\",\"d\",\"e\"},,1,-2)", "\"b\"")]
    [InlineData("=XLOOKUP(3.5,{5,4,3,2,1},{\"a\",\"b\",\"c\",\"d\",\"e\"},,-1,-2)", "\"c\"")]
    [InlineData("=XLOOKUP(NA(),B2:B6,D2:D6,\"x\")", "#N/A")]
    [InlineData("=XLOOKUP(\"China\",B2:B6,D2:D5)", "#VALUE!")]
    [InlineData("=XLOOKUP(\"China\",B2:C6,D2:D6)", "#VALUE!")]
    [InlineData("=XLOOKUP(\"China\",B2:B6,D2:D6,,3)", "#VALUE!")]
    [InlineData("=XLOOKUP(\"China\",B2:B6,D2:D6,,0,0)", "#VALUE!")]
    [InlineData("=XLOOKUP(\"China\",B2:B6,D2:D6,,2,2)", "#VALUE!")]
    [InlineData("=XLOOKUP(\"China\",B2:B6,D2:D6,,\"x\")", "#VALUE!")]
    [InlineData("=XLOOKUP(\"China\",1/0,D2:D6)", "#DIV/0!")]
    [InlineData("=SUMPRODUCT(XLOOKUP({\"Q1\",\"Q4\"},F1:I1,F2:I2))", "50")]
    public void Xlookup_matches_excel(string formula, string expected) =>
        Assert.Equal(expected, Show(formula, Countries));

    [Theory]
    [InlineData("=XMATCH(\"Gra\",{\"Apple\",\"Grape\",\"Pear\",\"Banana\",\"Cherry\"},1)", "2")]
    [InlineData("=XMATCH(4,{5,4,3,2,1})", "2")]
    [InlineData("=XMATCH(4.5,{5,4,3,2,1},1)", "1")]
    [InlineData("=XMATCH(4.5,{5,4,3,2,1},-1)", "2")]
    [InlineData("=XMATCH(\"p?\",{\"a\",\"pq\",\"p\"},2)", "2")]
    [InlineData("=XMATCH(\"a\",O1:O3,0,-1)", "3")]
    [InlineData("=XMATCH(Z1,M1:M5)", "3")]
    [InlineData("=XMATCH(Z1,M1:M2)", "#N/A")]
    [InlineData("=XMATCH(Z1,M:M,0,-1)", "1048576")]
    [InlineData("=XMATCH(84200,K:K,0,2)", "4")]
    [InlineData("=XMATCH(99,{1,2})", "#N/A")]
    [InlineData("=XMATCH(1,{1,2;3,4})", "#VALUE!")]
    [InlineData("=XMATCH(1,{1,2},5)", "#VALUE!")]
    [InlineData("=XMATCH(\"Q2\",F1:I1)", "2")]
    public void Xmatch_matches_excel(string formula, string expected) =>
        Assert.Equal(expected, Show(formula, Countries));

    [Fact]
    public void Lookups_recalculate_when_the_table_changes()
    {
        var workbook = With(("A1", "a"), ("B1", "1"), ("A2", "b"), ("B2", "2"));
        workbook.Set("D1", "=VLOOKUP(\"b\",A1:B5,2,FALSE)");
        workbook.Set("D2", "=XLOOKUP(\"c\",A1:A5,B1:B5,\"missing\")");
        workbook.Set("D3", "=MATCH(\"c\",A:A,0)");
        Assert.Equal("2", workbook.Value("D1"));
        Assert.Equal("\"missing\"", workbook.Value("D2"));
        Assert.Equal("#N/A", workbook.Value("D3"));
        workbook.Set("B2", "20");
        workbook.Set("A3", "c");
        workbook.Set("B3", "30");
        Assert.Equal("20", workbook.Value("D1"));
        Assert.Equal("30", workbook.Value("D2"));
        Assert.Equal("3", workbook.Value("D3"));
        AssertConsistent(workbook);
    }

    [Theory]
    [InlineData("=VLOOKUP(1,A1:B2)")]
    [InlineData("=VLOOKUP(1,A1:B2,1,TRUE,1)")]
    [InlineData("=HLOOKUP(1,A1:B2)")]
    [InlineData("=MATCH(1)")]
    [InlineData("=XLOOKUP(1,A1:A2)")]
    [InlineData("=XLOOKUP(1,A1:A2,B1:B2,0,0,1,1)")]
    [InlineData("=XMATCH(1)")]
    public void Wrong_argument_counts_are_parse_errors(string formula) =>
        Assert.Throws<FormulaParseException>(() => Formula.Parse(formula));

    // The oracle's cases where LibreOffice differs from Excel (OracleCases.Lookup.cs), on the oracle's data: Excel's values.
    [Theory]
    [InlineData("=VLOOKUP(\"a\",D1:E6,3,FALSE)", "#REF!")]
    [InlineData("=HLOOKUP(30,K1:O3,4,FALSE)", "#REF!")]
    [InlineData("=XLOOKUP(\"c\",D1:D6,E1:E6)", "30")]
    [InlineData("=XLOOKUP(\"z\",D1:D6,E1:E6,\"none\")", "\"none\"")]
    [InlineData("=XLOOKUP(\"z\",D1:D6,E1:E6)", "#N/A")]
    [InlineData("=XLOOKUP(35,F1:F6,D1:D6,,-1)", "\"c\"")]
    [InlineData("=XLOOKUP(35,F1:F6,D1:D6,,1)", "\"d\"")]
    [InlineData("=XLOOKUP(\"b*\",D1:D6,E1:E6,,2)", "20")]
    [InlineData("=XLOOKUP(\"x\",H1:H5,A1:A5,,0,-1)", "5")]
    [InlineData("=XLOOKUP(\"x\",H1:H5,A1:A5,,0,1)", "1")]
    [InlineData("=XLOOKUP(40,F1:F6,E1:E6,,0,2)", "40")]
    [InlineData("=XLOOKUP(40,I1:I6,D1:D6,,0,-2)", "\"c\"")]
    [InlineData("=SUM(XLOOKUP(\"b\",D1:D6,E1:E6):XLOOKUP(\"d\",D1:D6,E1:E6))", "90")]
    [InlineData("=XLOOKUP(30,K1:O1,K2:O2)", "\"thirty\"")]
    [InlineData("=XLOOKUP(1,D1:D6,E1:E5)", "#VALUE!")]
    [InlineData("=XMATCH(\"d\",D1:D6)", "4")]
    [InlineData("=XMATCH(35,F1:F6,1)", "4")]
    [InlineData("=XMATCH(35,F1:F6,-1)", "3")]
    [InlineData("=XMATCH(\"x\",H1:H5,0,-1)", "5")]
    [InlineData("=XMATCH(\"?\",H1:H5,2)", "1")]
    [InlineData("=XMATCH(99,F1:F6)", "#N/A")]
    [InlineData("=INDEX(D1:E6,2,3)", "#REF!")]
    [InlineData("=MATCH(1,D1:E6,0)", "#N/A")]
    [InlineData("=OFFSET(A1,-1,0)", "#REF!")]
    [InlineData("=OFFSET(A1,0,0,0,1)", "#REF!")]
    public void Excel_values_where_LibreOffice_differs(string formula, string expected) =>
        Assert.Equal(expected, Show(formula, OracleData));

    // An array constant of lookup values gives an array of results in any formula; a range only in array expressions.
    [Theory]
    [InlineData("=SUM(MATCH({\"a\",\"c\"},D1:D6,0))", "4")]
    [InlineData("=SUM(VLOOKUP({\"a\",\"b\"},D1:E6,2,FALSE))", "30")]
    [InlineData("=SUM(HLOOKUP({10,30},K1:O3,3,FALSE))", "4")]
    [InlineData("=SUMPRODUCT(MATCH(D1:D3,D1:D6,0))", "6")]
    public void Lookups_apply_item_by_item_over_array_constants(string formula, string expected) =>
        Assert.Equal(expected, Show(formula, OracleData));
}
