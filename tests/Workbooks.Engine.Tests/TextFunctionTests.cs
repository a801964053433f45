using Collab.Workbooks.Engine;
using static Workbooks.Engine.Tests.TestBook;

namespace Workbooks.Engine.Tests;

public class TextFunctionTests
{
    // A clock in mid-2026, for dates typed without a year.
    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }

    private static string ShowWithClock(string formula, params (string Cell, string Input)[] inputs)
    {
        var workbook = new Workbook(new FixedClock(), new Random(1));
        workbook.AddSheet(Main);
        foreach (var (cell, input) in inputs)
        {
            workbook.Set(cell, input);
        }

        workbook.Set("Z1000", formula);
        return workbook.Value("Z1000");
    }

    [Theory]
    [InlineData("=CONCATENATE(\"Stream population for \",A2,\" \",A3,\" is \",A4,\"/mile.\")", "\"Stream population for brook trout species is 32/mile.\"")]
    [InlineData("=CONCATENATE(B2,\" \",C2)", "\"Andreas Hauser\"")]
    [InlineData("=CONCATENATE(C2,\", \",B2)", "\"Hauser, Andreas\"")]
    [InlineData("=CONCATENATE(B3,\" & \",C3)", "\"Fourth & Pine\"")]
    [InlineData("=CONCATENATE(1,TRUE,0.1+0.2,D9)", "\"1TRUE0.3\"")]
    [InlineData("=CONCATENATE(\"a\",,\"b\")", "\"ab\"")]
    [InlineData("=CONCATENATE(\"a\",NA())", "#N/A")]
    [InlineData("=CONCATENATE(REPT(\"a\",20000),REPT(\"b\",20000))", "#VALUE!")]
    [InlineData("=CONCAT(\"The\",\" \",\"sun\",\" \",\"will\",\" \",\"come\",\" \",\"up\",\" \",\"tomorrow.\")", "\"The sun will come up tomorrow.\"")]
    [InlineData("=CONCAT(E2:F8)", "\"a1b1a2b2a4b4a5b5a6b6a7b7\"")]
    [InlineData("=CONCAT(E2:E3,\"-\",F2:F3)", "\"a1a2-b1b2\"")]
    [InlineData("=CONCAT({1,2;3,4})", "\"1234\"")]
    [InlineData("=CONCAT(1,TRUE,2.5)", "\"1TRUE2.5\"")]
    [InlineData("=CONCAT(A2:A5)", "\"brook troutspecies32\"")]
    [InlineData("=CONCAT(G1:G2)", "#DIV/0!")]
    [InlineData("=CONCAT(REPT(\"a\",32767),\"b\")", "#VALUE!")]
    [InlineData("=LEN(CONCAT(REPT(\"a\",32767)))", "32767")]
    public void Concatenation_matches_excel(string formula, string expected) =>
        Assert.Equal(expected, Show(formula,
            ("A2", "brook trout"), ("A3", "species"), ("A4", "32"),
            ("B2", "Andreas"), ("C2", "Hauser"), ("B3", "Fourth"), ("C3", "Pine"),
            ("E2", "a1"), ("F2", "b1"), ("E3", "a2"), ("F3", "b2"), ("E4", "a4"), ("F4", "b4"),
            ("E5", "a5"), ("F5", "b5"), ("E6", "a6"), ("F6", "b6"), ("E7", "a7"), ("F7", "b7"),
            ("G1", "=1/0"), ("G2", "x")));

    // Excel's TEXTJOIN help: currencies in A2:A8; addresses in A2:D7 with the delimiters in A8:D8.
    [Theory]
    [InlineData("=TEXTJOIN(\", \",TRUE,A2:A8)", "\"US Dollar, Australian Dollar, Chinese Yuan, Hong Kong Dollar, Israeli Shekel, South Korean Won, Russian Ruble\"")]
    [InlineData("=TEXTJOIN(F8:I8,TRUE,F2:I7)", "\"Tulsa,OK,74133,US;Seattle,WA,98109,US;Iselin,NJ,08830,US;Fort Lauderdale,FL,33309,US;Tempe,AZ,85285,US;end\"")]
    [InlineData("=TEXTJOIN(F8:I8,FALSE,F2:I7)", "\"Tulsa,OK,74133,US;Seattle,WA,98109,US;Iselin,NJ,08830,US;Fort Lauderdale,FL,33309,US;Tempe,AZ,85285,US;end,,,\"")]
    [InlineData("=TEXTJOIN(\", \",TRUE,\"The\",\"sun\",\"will\",\"come\",\"up\",\"tomorrow.\")", "\"The, sun, will, come, up, tomorrow.\"")]
    [InlineData("=TEXTJOIN(\",\",FALSE,\"a\",\"\",\"b\")", "\"a,,b\"")]
    [InlineData("=TEXTJOIN(\",\",TRUE,\"a\",\"\",\"b\")", "\"a,b\"")]
    [InlineData("=TEXTJOIN(\",\",FALSE,\"a\",,\"b\")", "\"a,,b\"")]
    [InlineData("=TEXTJOIN(\"-\",FALSE,K1:K3)", "\"x--z\"")]
    [InlineData("=TEXTJOIN(\"-\",TRUE,K1:K3)", "\"x-z\"")]
    [InlineData("=TEXTJOIN(\"\",FALSE,K1:K3)", "\"xz\"")]
    [InlineData("=TEXTJOIN(\", \",TRUE,{1,2,3},TRUE)", "\"1, 2, 3, TRUE\"")]
    [InlineData("=TEXTJOIN({\"+\",\"=\"},TRUE,1,2,3)", "\"1+2=3\"")]
    [InlineData("=TEXTJOIN(,TRUE,1,2,3)", "\"123\"")]
    [InlineData("=TEXTJOIN(\",\",TRUE,1/0)", "#DIV/0!")]
    [InlineData("=TEXTJOIN(NA(),TRUE,1)", "#N/A")]
    [InlineData("=TEXTJOIN(\",\",\"x\",1)", "#VALUE!")]
    [InlineData("=TEXTJOIN(\",\",TRUE,REPT(\"a\",20000),REPT(\"b\",20000))", "#VALUE!")]
    [InlineData("=TEXTJOIN(\",\",FALSE,A:A)", "#VALUE!")]
    [InlineData("=TEXTJOIN(\",\",TRUE,A:A)", "\"Currency,US Dollar,Australian Dollar,Chinese Yuan,Hong Kong Dollar,Israeli Shekel,South Korean Won,Russian Ruble\"")]
    public void Textjoin_matches_the_excel_help(string formula, string expected) =>
        Assert.Equal(expected, Show(formula,
            ("A1", "Currency"), ("A2", "US Dollar"), ("A3", "Australian Dollar"), ("A4", "Chinese Yuan"), ("A5", "Hong Kong Dollar"),
            ("A6", "Israeli Shekel"), ("A7", "South Korean Won"), ("A8", "Russian Ruble"),
            ("F1", "City"), ("G1", "State"), ("H1", "Postal Code"), ("I1", "Country"),
            ("F2", "Tulsa"), ("G2", "OK"), ("H2", "74133"), ("I2", "US"),
            ("F3", "Seattle"), ("G3", "WA"), ("H3", "98109"), ("I3", "US"),
            ("F4", "Iselin"), ("G4", "NJ"), ("H4", "'08830"), ("I4", "US"),
            ("F5", "Fort Lauderdale"), ("G5", "FL"), ("H5", "33309"), ("I5", "US"),
            ("F6", "Tempe"), ("G6", "AZ"), ("H6", "85285"), ("I6", "US"),
            ("F7", "end"),
            ("F8", ","), ("G8", ","), ("H8", ","), ("I8", ";"),
            ("K1", "x"), ("K3", "z")));

    [Theory]
    [InlineData("=TEXT(1234.567,\"#,##0.00\")", "\"1,234.57\"")]
    [InlineData("=TEXT(0.256,\"0.0%\")", "\"25.6%\"")]
    [InlineData("=TEXT(46418,\"mmm yyyy\")", "\"Jan 2027\"")]
    [InlineData("=TEXT(\"2027-01-31\",\"mmm yyyy\")", "\"Jan 2027\"")]
    [InlineData("=TEXT(\"31-Jan-2027\",\"dddd\")", "\"Sunday\"")]
    [InlineData("=TEXT(-5,\"0;(0)\")", "\"(5)\"")]
    [InlineData("=TEXT(1234.567,\"$#,##0.00\")", "\"$1,234.57\"")]
    [InlineData("=TEXT(0.285,\"0.0%\")", "\"28.5%\"")]
    [InlineData("=TEXT(4.34,\"# ?/?\")", "\"4 1/3\"")]
    [InlineData("=TRIM(TEXT(0.34,\"# ?/?\"))", "\"1/3\"")]
    [InlineData("=TEXT(12200000,\"0.00E+00\")", "\"1.22E+07\"")]
    [InlineData("=TEXT(1234567898,\"[<=9999999]###-####;(###) ###-####\")", "\"(123) 456-7898\"")]
    [InlineData("=TEXT(1234,\"0000000\")", "\"0001234\"")]
    [InlineData("=TEXT(123456,\"##0° 00' 00''\")", "\"12° 34' 56''\"")]
    [InlineData("=TEXT(46418.5625,\"H:MM AM/PM\")", "\"1:30 PM\"")]
    [InlineData("=TEXT(46418,\"MM/DD/YY\")", "\"01/31/27\"")]
    [InlineData("=TEXT(1.5,\"[h]:mm\")", "\"36:00\"")]
    [InlineData("=TEXT(\"abc\",\"0.00\")", "\"abc\"")]
    [InlineData("=TEXT(\"abc\",\"\"\"<\"\"@\"\">\"\"\")", "\"<abc>\"")]
    [InlineData("=TEXT(\"1,234.5\",\"0.0\")", "\"1234.5\"")]
    [InlineData("=TEXT(TRUE,\"0.00\")", "\"TRUE\"")]
    [InlineData("=TEXT(A9,\"0.00\")", "\"0.00\"")]
    [InlineData("=TEXT(1234.5,0)", "\"1235\"")]
    [InlineData("=TEXT(1234.5,\"General\")", "\"1234.5\"")]
    [InlineData("=TEXT(1234.5,\"\")", "\"\"")]
    [InlineData("=TEXT(1/0,\"0\")", "#DIV/0!")]
    [InlineData("=TEXT(1,NA())", "#N/A")]
    [InlineData("=TEXT(5,\"[Foo]0\")", "#VALUE!")]
    [InlineData("=TEXT(-1,\"yyyy\")", "#VALUE!")]
    [InlineData("=TEXT(0.5,\"0.0%\")&\" done\"", "\"50.0% done\"")]
    [InlineData("=SUMPRODUCT(LEN(TEXT({1,22,333},\"0.0\")))", "12")]
    public void Text_formats_like_excel(string formula, string expected) =>
        Assert.Equal(expected, Show(formula));

    [Theory]
    [InlineData("=VALUE(\"$1,000\")", "1000")]
    [InlineData("=VALUE(\"16:48:00\")-VALUE(\"12:00:00\")", "0.2")]
    [InlineData("=VALUE(\"1,234.5\")", "1234.5")]
    [InlineData("=VALUE(\" 12 \")", "12")]
    [InlineData("=VALUE(\"-1.5E3\")", "-1500")]
    [InlineData("=VALUE(\"50%\")", "0.5")]
    [InlineData("=VALUE(\"(42)\")", "-42")]
    [InlineData("=VALUE(\"2027-01-31\")", "46418")]
    [InlineData("=VALUE(\"2027/1/31\")", "46418")]
    [InlineData("=VALUE(\"1/31/2027\")", "46418")]
    [InlineData("=VALUE(\"1-31-27\")", "46418")]
    [InlineData("=VALUE(\"31-Jan-2027\")", "46418")]
    [InlineData("=VALUE(\"31-jan-27\")", "46418")]
    [InlineData("=VALUE(\"31 January 2027\")", "46418")]
    [InlineData("=VALUE(\"Jan 31, 2027\")", "46418")]
    [InlineData("=VALUE(\"January 31, 2027\")", "46418")]
    [InlineData("=VALUE(\"Jan 2027\")", "46388")]
    [InlineData("=VALUE(\"January-27\")", "46049")]
    [InlineData("=VALUE(\"Jan-45\")", "16438")]
    [InlineData("=VALUE(\"31-Jan\")", "46053")]
    [InlineData("=VALUE(\"1/31\")", "46053")]
    [InlineData("=VALUE(\"1/2027\")", "46388")]
    [InlineData("=VALUE(\"29-Feb-1900\")", "60")]
    [InlineData("=VALUE(\"12:30\")", "0.520833333333333")]
    [InlineData("=VALUE(\"12:30 PM\")", "0.520833333333333")]
    [InlineData("=VALUE(\"12:30 am\")", "0.0208333333333333")]
    [InlineData("=VALUE(\"3 PM\")", "0.625")]
    [InlineData("=VALUE(\"1:30:45PM\")", "0.563020833333333")]
    [InlineData("=VALUE(\"25:00\")", "1.04166666666667")]
    [InlineData("=VALUE(\"30:15.5\")", "0.0210127314814815")]
    [InlineData("=VALUE(\"2027-01-31 18:00\")", "46418.75")]
    [InlineData("=VALUE(\"Jan 31, 2027 6:00 PM\")", "46418.75")]
    [InlineData("=VALUE(A9)", "0")]
    [InlineData("=VALUE(5)", "5")]
    [InlineData("=VALUE(\"abc\")", "#VALUE!")]
    [InlineData("=VALUE(\"\")", "#VALUE!")]
    [InlineData("=VALUE(TRUE)", "#VALUE!")]
    [InlineData("=VALUE(NA())", "#N/A")]
    [InlineData("=VALUE(\"31-Feb-2027\")", "#VALUE!")]
    [InlineData("=VALUE(\"13/1/2027\")", "#VALUE!")]
    [InlineData("=VALUE(\"12:75\")", "#VALUE!")]
    [InlineData("=VALUE(\"13:00 PM\")", "#VALUE!")]
    [InlineData("=VALUE(\"(-5)\")", "#VALUE!")]
    [InlineData("=VALUE(\"Foo 31, 2027\")", "#VALUE!")]
    public void Value_reads_numbers_dates_and_times_like_excel(string formula, string expected) =>
        Assert.Equal(expected, ShowWithClock(formula));

    [Theory]
    [InlineData("=NUMBERVALUE(\"2.500,27\",\",\",\".\")", "2500.27")]
    [InlineData("=NUMBERVALUE(\"3.5%\")", "0.035")]
    [InlineData("=NUMBERVALUE(\" 3 000 \")", "3000")]
    [InlineData("=NUMBERVALUE(\"1,2,3.4\")", "123.4")]
    [InlineData("=NUMBERVALUE(\"12%%\")", "0.0012")]
    [InlineData("=NUMBERVALUE(\"-1.5E2\")", "-150")]
    [InlineData("=NUMBERVALUE(\"\")", "0")]
    [InlineData("=NUMBERVALUE(A9)", "0")]
    [InlineData("=NUMBERVALUE(5)", "5")]
    [InlineData("=NUMBERVALUE(\"1.234,5\")", "#VALUE!")]
    [InlineData("=NUMBERVALUE(\"1,5\",\",\",\",\")", "#VALUE!")]
    [InlineData("=NUMBERVALUE(\"1.2.3\")", "#VALUE!")]
    [InlineData("=NUMBERVALUE(\"abc\")", "#VALUE!")]
    [InlineData("=NUMBERVALUE(\"5%3\")", "#VALUE!")]
    [InlineData("=NUMBERVALUE(\"1\",\"\")", "#VALUE!")]
    [InlineData("=NUMBERVALUE(TRUE)", "#VALUE!")]
    [InlineData("=NUMBERVALUE(1/0)", "#DIV/0!")]
    [InlineData("=NUMBERVALUE(\"1 234,5\",\",xx\",\" \")", "1234.5")]
    public void Numbervalue_matches_excel(string formula, string expected) =>
        Assert.Equal(expected, Show(formula));

    [Theory]
    [InlineData("=FIXED(1234.567,1)", "\"1,234.6\"")]
    [InlineData("=FIXED(1234.567,-1)", "\"1,230\"")]
    [InlineData("=FIXED(-1234.567,-1,TRUE)", "\"-1230\"")]
    [InlineData("=FIXED(44.332)", "\"44.33\"")]
    [InlineData("=FIXED(2.675,2)", "\"2.68\"")]
    [InlineData("=FIXED(1234567.5,0)", "\"1,234,568\"")]
    [InlineData("=FIXED(-0.001,2)", "\"0.00\"")]
    [InlineData("=FIXED(0.5,0)", "\"1\"")]
    [InlineData("=FIXED(1,128)", "#VALUE!")]
    [InlineData("=FIXED(\"x\")", "#VALUE!")]
    [InlineData("=FIXED(\"1234.5\",1,FALSE)", "\"1,234.5\"")]
    [InlineData("=DOLLAR(1234.567,2)", "\"$1,234.57\"")]
    [InlineData("=DOLLAR(1234.567,-2)", "\"$1,200\"")]
    [InlineData("=DOLLAR(-1234.567,-2)", "\"($1,200)\"")]
    [InlineData("=DOLLAR(-0.123,4)", "\"($0.1230)\"")]
    [InlineData("=DOLLAR(99.888)", "\"$99.89\"")]
    [InlineData("=DOLLAR(NA())", "#N/A")]
    public void Fixed_and_dollar_match_the_excel_help(string formula, string expected) =>
        Assert.Equal(expected, Show(formula));

    [Theory]
    [InlineData("=LEFT(\"Sale Price\",4)", "\"Sale\"")]
    [InlineData("=LEFT(\"Sweden\")", "\"S\"")]
    [InlineData("=LEFT(\"abc\",10)", "\"abc\"")]
    [InlineData("=LEFT(\"abc\",0)", "\"\"")]
    [InlineData("=LEFT(\"abc\",)", "\"\"")]
    [InlineData("=LEFT(\"abc\",-1)", "#VALUE!")]
    [InlineData("=LEFT(1234.5,3)", "\"123\"")]
    [InlineData("=LEFT(TRUE,2)", "\"TR\"")]
    [InlineData("=LEFT(NA(),2)", "#N/A")]
    [InlineData("=LEFT(\"abc\",\"x\")", "#VALUE!")]
    [InlineData("=LEFT(\"abc\",2.9)", "\"ab\"")]
    [InlineData("=RIGHT(\"Sale Price\",5)", "\"Price\"")]
    [InlineData("=RIGHT(\"Stock Number\")", "\"r\"")]
    [InlineData("=RIGHT(\"abc\",5)", "\"abc\"")]
    [InlineData("=RIGHT(\"abc\",-1)", "#VALUE!")]
    [InlineData("=MID(\"Fluid Flow\",1,5)", "\"Fluid\"")]
    [InlineData("=MID(\"Fluid Flow\",7,20)", "\"Flow\"")]
    [InlineData("=MID(\"Fluid Flow\",20,5)", "\"\"")]
    [InlineData("=MID(\"Fluid Flow\",0,5)", "#VALUE!")]
    [InlineData("=MID(\"Fluid Flow\",1,-1)", "#VALUE!")]
    [InlineData("=LEN(\"Phoenix, AZ\")", "11")]
    [InlineData("=LEN(\"\")", "0")]
    [InlineData("=LEN(\"     One   \")", "11")]
    [InlineData("=LEN(A9)", "0")]
    [InlineData("=LEN(1/3)", "17")]
    [InlineData("=LEN(1E+20)", "5")]
    [InlineData("=LEN(FALSE)", "5")]
    [InlineData("=LEN(1/0)", "#DIV/0!")]
    [InlineData("=SUMPRODUCT(LEN(A1:A3))", "9")]
    public void Left_right_mid_and_len_match_the_excel_help(string formula, string expected) =>
        Assert.Equal(expected, Show(formula, ("A1", "abc"), ("A2", "de"), ("A3", "fghi")));

    [Theory]
    [InlineData("=UPPER(\"total\")", "\"TOTAL\"")]
    [InlineData("=UPPER(\"Yield\")", "\"YIELD\"")]
    [InlineData("=LOWER(\"E. E. Cummings\")", "\"e. e. cummings\"")]
    [InlineData("=LOWER(\"Apt. 2B\")", "\"apt. 2b\"")]
    [InlineData("=PROPER(\"this is a TITLE\")", "\"This Is A Title\"")]
    [InlineData("=PROPER(\"2-way street\")", "\"2-Way Street\"")]
    [InlineData("=PROPER(\"76BudGet\")", "\"76Budget\"")]
    [InlineData("=PROPER(\"o'neil\")", "\"O'Neil\"")]
    [InlineData("=PROPER(\"2nd\")", "\"2Nd\"")]
    [InlineData("=PROPER(\"élan vital\")", "\"Élan Vital\"")]
    [InlineData("=TRIM(\" First Quarter Earnings \")", "\"First Quarter Earnings\"")]
    [InlineData("=TRIM(\"  a   b  c  \")", "\"a b c\"")]
    [InlineData("=LEN(TRIM(CHAR(160)&\"a \"))", "2")]
    [InlineData("=TRIM(\"a\"&CHAR(9)&\"  b\")", "\"a\t b\"")]
    [InlineData("=CLEAN(CHAR(9)&\"Monthly report\"&CHAR(10))", "\"Monthly report\"")]
    [InlineData("=LEN(CLEAN(CHAR(127)&CHAR(31)))", "1")]
    [InlineData("=UPPER(1/0)", "#DIV/0!")]
    public void Case_and_cleanup_functions_match_excel(string formula, string expected) =>
        Assert.Equal(expected, Show(formula));

    [Theory]
    [InlineData("=SUBSTITUTE(\"Sales Data\",\"Sales\",\"Cost\")", "\"Cost Data\"")]
    [InlineData("=SUBSTITUTE(\"Quarter 1, 2008\",\"1\",\"2\",1)", "\"Quarter 2, 2008\"")]
    [InlineData("=SUBSTITUTE(\"Quarter 1, 2011\",\"1\",\"2\",3)", "\"Quarter 1, 2012\"")]
    [InlineData("=SUBSTITUTE(\"aaa\",\"a\",\"b\",5)", "\"aaa\"")]
    [InlineData("=SUBSTITUTE(\"aaaa\",\"aa\",\"x\")", "\"xx\"")]
    [InlineData("=SUBSTITUTE(\"aaaa\",\"aa\",\"x\",2)", "\"aax\"")]
    [InlineData("=SUBSTITUTE(\"abc\",\"\",\"x\")", "\"abc\"")]
    [InlineData("=SUBSTITUTE(\"ABC\",\"b\",\"x\")", "\"ABC\"")]
    [InlineData("=SUBSTITUTE(\"abc\",\"b\",\"x\",0)", "#VALUE!")]
    [InlineData("=SUBSTITUTE(1234,2,9)", "\"1934\"")]
    [InlineData("=SUBSTITUTE(REPT(\"a\",20000),\"a\",\"bb\")", "#VALUE!")]
    [InlineData("=REPLACE(\"abcdefghijk\",6,5,\"*\")", "\"abcde*k\"")]
    [InlineData("=REPLACE(\"2009\",3,2,\"10\")", "\"2010\"")]
    [InlineData("=REPLACE(\"123456\",1,3,\"@\")", "\"@456\"")]
    [InlineData("=REPLACE(\"abc\",10,1,\"x\")", "\"abcx\"")]
    [InlineData("=REPLACE(\"abc\",2,0,\"x\")", "\"axbc\"")]
    [InlineData("=REPLACE(\"abc\",0,1,\"x\")", "#VALUE!")]
    [InlineData("=REPLACE(\"abc\",1,-1,\"x\")", "#VALUE!")]
    [InlineData("=REPT(\"*-\",3)", "\"*-*-*-\"")]
    [InlineData("=REPT(\"-\",10)", "\"----------\"")]
    [InlineData("=REPT(\"ab\",0)", "\"\"")]
    [InlineData("=REPT(\"ab\",2.9)", "\"abab\"")]
    [InlineData("=REPT(\"ab\",-1)", "#VALUE!")]
    [InlineData("=LEN(REPT(\"a\",32767))", "32767")]
    [InlineData("=REPT(\"a\",32768)", "#VALUE!")]
    [InlineData("=REPT(\"ab\",16384)", "#VALUE!")]
    [InlineData("=REPT(\"\",1E+9)", "\"\"")]
    [InlineData("=EXACT(\"word\",\"word\")", "TRUE")]
    [InlineData("=EXACT(\"Word\",\"word\")", "FALSE")]
    [InlineData("=EXACT(\"w ord\",\"word\")", "FALSE")]
    [InlineData("=EXACT(1,\"1\")", "TRUE")]
    [InlineData("=EXACT(A9,\"\")", "TRUE")]
    [InlineData("=EXACT(NA(),\"x\")", "#N/A")]
    public void Substitute_replace_rept_and_exact_match_the_excel_help(string formula, string expected) =>
        Assert.Equal(expected, Show(formula));

    [Theory]
    [InlineData("=FIND(\"M\",\"Miriam McGovern\")", "1")]
    [InlineData("=FIND(\"m\",\"Miriam McGovern\")", "6")]
    [InlineData("=FIND(\"M\",\"Miriam McGovern\",3)", "8")]
    [InlineData("=FIND(\"\",\"abc\")", "1")]
    [InlineData("=FIND(\"\",\"abc\",3)", "3")]
    [InlineData("=FIND(\"x\",\"abc\")", "#VALUE!")]
    [InlineData("=FIND(\"a\",\"abc\",0)", "#VALUE!")]
    [InlineData("=FIND(\"a\",\"abc\",4)", "#VALUE!")]
    [InlineData("=FIND(\"?\",\"a?c\")", "2")]
    [InlineData("=FIND(\"*\",\"abc\")", "#VALUE!")]
    [InlineData("=FIND(2,1234)", "2")]
    [InlineData("=SEARCH(\"e\",\"Statements\",6)", "7")]
    [InlineData("=SEARCH(\"margin\",\"Profit Margin\")", "8")]
    [InlineData("=REPLACE(\"Profit Margin\",SEARCH(\"Margin\",\"Profit Margin\"),6,\"Amount\")", "\"Profit Amount\"")]
    [InlineData("=MID(\"Profit Margin\",SEARCH(\" \",\"Profit Margin\")+1,4)", "\"Marg\"")]
    [InlineData("=SEARCH(\"M?r\",\"Profit Margin\")", "8")]
    [InlineData("=SEARCH(\"p*t\",\"a Profit\")", "3")]
    [InlineData("=SEARCH(\"*\",\"abc\",2)", "2")]
    [InlineData("=SEARCH(\"~?\",\"what?\")", "5")]
    [InlineData("=SEARCH(\"~*\",\"2*3\")", "2")]
    [InlineData("=SEARCH(\"x?\",\"abx\")", "#VALUE!")]
    [InlineData("=SEARCH(\"z\",\"abc\")", "#VALUE!")]
    [InlineData("=SEARCH(\"a\",\"abc\",4)", "#VALUE!")]
    public void Find_and_search_match_the_excel_help(string formula, string expected) =>
        Assert.Equal(expected, Show(formula));

    [Theory]
    [InlineData("=CHAR(65)", "\"A\"")]
    [InlineData("=CHAR(33)", "\"!\"")]
    [InlineData("=CHAR(128)", "\"€\"")]
    [InlineData("=CHAR(233)", "\"é\"")]
    [InlineData("=CHAR(65.9)", "\"A\"")]
    [InlineData("=CHAR(0)", "#VALUE!")]
    [InlineData("=CHAR(256)", "#VALUE!")]
    [InlineData("=CODE(\"A\")", "65")]
    [InlineData("=CODE(\"!\")", "33")]
    [InlineData("=CODE(\"Alphabet\")", "65")]
    [InlineData("=CODE(\"€\")", "128")]
    [InlineData("=CODE(\"é\")", "233")]
    [InlineData("=CODE(\"Ω\")", "63")]
    [InlineData("=CODE(\"\")", "#VALUE!")]
    [InlineData("=CODE(CHAR(150))", "150")]
    [InlineData("=UNICHAR(66)", "\"B\"")]
    [InlineData("=UNICHAR(32)", "\" \"")]
    [InlineData("=UNICHAR(8364)", "\"€\"")]
    [InlineData("=LEN(UNICHAR(128512))", "2")]
    [InlineData("=UNICHAR(0)", "#VALUE!")]
    [InlineData("=UNICHAR(55296)", "#N/A")]
    [InlineData("=UNICHAR(1114112)", "#VALUE!")]
    [InlineData("=UNICODE(\" \")", "32")]
    [InlineData("=UNICODE(\"B\")", "66")]
    [InlineData("=UNICODE(\"€uro\")", "8364")]
    [InlineData("=UNICODE(UNICHAR(128512))", "128512")]
    [InlineData("=UNICODE(\"\")", "#VALUE!")]
    public void Character_codes_match_excel(string formula, string expected) =>
        Assert.Equal(expected, Show(formula));

    [Fact]
    public void Text_results_follow_their_inputs()
    {
        var workbook = With(("A1", "alpha"), ("A2", "1234.5"));
        workbook.Set("B1", "=PROPER(A1)&\" \"&TEXT(A2,\"#,##0.00\")");
        workbook.Set("B2", "=TEXTJOIN(\"|\",TRUE,A1:A3)");
        Assert.Equal("\"Alpha 1,234.50\"", workbook.Value("B1"));
        Assert.Equal("\"alpha|1234.5\"", workbook.Value("B2"));
        workbook.Set("A1", "beta");
        workbook.Set("A2", "-7");
        workbook.Set("A3", "gamma");
        Assert.Equal("\"Beta -7.00\"", workbook.Value("B1"));
        Assert.Equal("\"beta|-7|gamma\"", workbook.Value("B2"));
        AssertConsistent(workbook);
    }

    [Theory]
    [InlineData("=LEFT()")]
    [InlineData("=LEFT(\"a\",1,2)")]
    [InlineData("=MID(\"a\",1)")]
    [InlineData("=TEXT(1)")]
    [InlineData("=TEXTJOIN(\",\",TRUE)")]
    [InlineData("=SUBSTITUTE(\"a\",\"b\")")]
    [InlineData("=REPLACE(\"a\",1,1)")]
    [InlineData("=VALUE()")]
    [InlineData("=CONCAT()")]
    [InlineData("=REPT(\"a\")")]
    public void Wrong_argument_counts_are_parse_errors(string formula) =>
        Assert.Throws<FormulaParseException>(() => Formula.Parse(formula));

    // The oracle's cases where LibreOffice differs from Excel (OracleCases.Text.cs), on the oracle's data: Excel's values.
    [Theory]
    [InlineData("=FIND(\"\",\"abc\")", "1")]
    [InlineData("=TEXT(-0.001,\"0.00\")", "\"-0.00\"")]
    [InlineData("=TEXT(0.999999,\"hh:mm:ss\")", "\"00:00:00\"")]
    [InlineData("=CONCAT(A1:B2)", "\"1apple2TRUE\"")]
    [InlineData("=TEXTJOIN(\",\",TRUE,B1:B4)", "\"apple,TRUE,12\"")]
    [InlineData("=CONCATENATE(B2)", "\"TRUE\"")]
    [InlineData("=1E+16&\"\"", "\"1E+16\"")]
    [InlineData("=123456789012345678&\"\"", "\"1.23456789012346E+17\"")]
    [InlineData("=-1E-20&\"\"", "\"-1E-20\"")]
    [InlineData("=TEXT(1,\"#.##\")", "\"1.\"")]
    [InlineData("=1E-10&\"\"", "\"1E-10\"")]
    [InlineData("=UPPER(TRUE)", "\"TRUE\"")]
    [InlineData("=UPPER(\"straße\")", "\"STRAßE\"")]
    public void Excel_values_where_LibreOffice_differs(string formula, string expected) =>
        Assert.Equal(expected, Show(formula, OracleData));
}
