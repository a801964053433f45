namespace Workbooks.Oracle.Tests;

public static partial class OracleCases
{
    // LibreOffice 7.4 has no XLOOKUP or XMATCH (they arrived in 24.8): it shows #NAME?, so these cases hold the
    // engine to Excel's documented value (and turn into ordinary cases once the oracle's LibreOffice knows them).
    private const string NoXLookup = "LibreOffice 7.4 has no XLOOKUP/XMATCH (added in 24.8) and gives #NAME?.";

    public static readonly OracleCase[] Lookup =
    [
        // VLOOKUP: exact, approximate, not found, wildcards, column errors.
        new("=VLOOKUP(\"c\",Data!D1:E6,2,FALSE)"),
        new("=VLOOKUP(\"C\",Data!D1:E6,2,FALSE)"),
        new("=VLOOKUP(\"z\",Data!D1:E6,2,FALSE)"),
        new("=VLOOKUP(\"d\",Lookup,2,0)"),
        new("=VLOOKUP(35,Data!F1:F6,1,TRUE)"),
        new("=VLOOKUP(35,Data!F1:F6,1)"),
        new("=VLOOKUP(100,Data!F1:F6,1)"),
        new("=VLOOKUP(5,Data!F1:F6,1,TRUE)"),
        new("=VLOOKUP(\"cc\",Data!D1:E6,2,TRUE)"),
        new("=VLOOKUP(\"b*\",Data!D1:E6,2,FALSE)"),
        new("=VLOOKUP(\"?\",Data!D1:E6,2,FALSE)"),
        OracleCase.LibreOfficeDiffers("=VLOOKUP(\"a\",Data!D1:E6,3,FALSE)", "#REF!", "Excel gives #REF! for a column index past the table; LibreOffice saves its error as #VALUE!."),
        new("=VLOOKUP(\"a\",Data!D1:E6,0,FALSE)"),
        new("=VLOOKUP(\"e\",Data!D1:E6,2.9,FALSE)"),
        new("=VLOOKUP(Data!G1,Data!D1:E6,2,FALSE)"),
        new("=VLOOKUP(\"12\",Data!B1:B10,1,FALSE)"),
        new("=VLOOKUP(12,Data!B1:B10,1,FALSE)"),
        new("=VLOOKUP(30,Data!F1:F6,1,FALSE)&\"!\""),

        // HLOOKUP over Data!K1:O3.
        new("=HLOOKUP(30,Data!K1:O3,2,FALSE)"),
        new("=HLOOKUP(35,Data!K1:O3,3,TRUE)"),
        new("=HLOOKUP(35,Data!K1:O3,3)"),
        new("=HLOOKUP(5,Data!K1:O3,2,TRUE)"),
        new("=HLOOKUP(60,Data!K1:O3,2,FALSE)"),
        OracleCase.LibreOfficeDiffers("=HLOOKUP(30,Data!K1:O3,4,FALSE)", "#REF!", "Excel gives #REF! for a row index past the table; LibreOffice saves its error as #VALUE!."),
        new("=HLOOKUP(\"t*\",Data!K2:O3,2,FALSE)"),
        new("=HLOOKUP(\"FORTY\",Data!K2:O3,2,FALSE)"),

        // XLOOKUP: if_not_found, match modes, search modes, reference results.
        OracleCase.LibreOfficeDiffers("=XLOOKUP(\"c\",Data!D1:D6,Data!E1:E6)", "30", NoXLookup),
        OracleCase.LibreOfficeDiffers("=XLOOKUP(\"z\",Data!D1:D6,Data!E1:E6,\"none\")", "\"none\"", NoXLookup),
        OracleCase.LibreOfficeDiffers("=XLOOKUP(\"z\",Data!D1:D6,Data!E1:E6)", "#N/A", NoXLookup),
        OracleCase.LibreOfficeDiffers("=XLOOKUP(35,Data!F1:F6,Data!D1:D6,,-1)", "\"c\"", NoXLookup),
        OracleCase.LibreOfficeDiffers("=XLOOKUP(35,Data!F1:F6,Data!D1:D6,,1)", "\"d\"", NoXLookup),
        OracleCase.LibreOfficeDiffers("=XLOOKUP(\"b*\",Data!D1:D6,Data!E1:E6,,2)", "20", NoXLookup),
        OracleCase.LibreOfficeDiffers("=XLOOKUP(\"x\",Data!H1:H5,Data!A1:A5,,0,-1)", "5", NoXLookup),
        OracleCase.LibreOfficeDiffers("=XLOOKUP(\"x\",Data!H1:H5,Data!A1:A5,,0,1)", "1", NoXLookup),
        OracleCase.LibreOfficeDiffers("=XLOOKUP(40,Data!F1:F6,Data!E1:E6,,0,2)", "40", NoXLookup),
        OracleCase.LibreOfficeDiffers("=XLOOKUP(40,Data!I1:I6,Data!D1:D6,,0,-2)", "\"c\"", NoXLookup),
        OracleCase.LibreOfficeDiffers("=SUM(XLOOKUP(\"b\",Data!D1:D6,Data!E1:E6):XLOOKUP(\"d\",Data!D1:D6,Data!E1:E6))", "90", NoXLookup),
        OracleCase.LibreOfficeDiffers("=XLOOKUP(30,Data!K1:O1,Data!K2:O2)", "\"thirty\"", NoXLookup),
        OracleCase.LibreOfficeDiffers("=XLOOKUP(1,Data!D1:D6,Data!E1:E5)", "#VALUE!", NoXLookup),

        // XMATCH.
        OracleCase.LibreOfficeDiffers("=XMATCH(\"d\",Data!D1:D6)", "4", NoXLookup),
        OracleCase.LibreOfficeDiffers("=XMATCH(35,Data!F1:F6,1)", "4", NoXLookup),
        OracleCase.LibreOfficeDiffers("=XMATCH(35,Data!F1:F6,-1)", "3", NoXLookup),
        OracleCase.LibreOfficeDiffers("=XMATCH(\"x\",Data!H1:H5,0,-1)", "5", NoXLookup),
        OracleCase.LibreOfficeDiffers("=XMATCH(\"?\",Data!H1:H5,2)", "1", NoXLookup),
        OracleCase.LibreOfficeDiffers("=XMATCH(99,Data!F1:F6)", "#N/A", NoXLookup),

        // INDEX: row/column, a 0 row or column, a single row.
        new("=INDEX(Data!K1:O3,3,5)"),
        new("=INDEX(Data!K1:O1,4)"),
        new("=INDEX({1,2;3,4},2,1)"),
        new("=SUM(INDEX(Data!K1:O3,3,0))"),
        new("=SUM(INDEX(Data!K1:O3,0,2))"),
        new("=COUNTA(INDEX(Data!D1:E6,0,1))"),
        new("=ROWS(INDEX(Data!D1:E6,0,2))"),
        new("=INDEX(Data!D1:E6,-1,1)"),
        OracleCase.LibreOfficeDiffers("=INDEX(Data!D1:E6,2,3)", "#REF!", "Excel gives #REF! for a column outside the range; LibreOffice saves its error as #VALUE!."),

        // MATCH: types 0, 1, -1.
        new("=MATCH(\"c\",Data!D1:D6,0)"),
        new("=MATCH(\"x\",Data!H1:H5,0)"),
        new("=MATCH(\"apple\",Data!B1:B10,0)"),
        new("=MATCH(\"B?n*\",Data!B1:B10,0)"),
        new("=MATCH(3.5,Data!B1:B10,0)"),
        new("=MATCH(40,Data!K1:O1,0)"),
        new("=MATCH(35,Data!F1:F6,1)"),
        new("=MATCH(35,Data!F1:F6)"),
        new("=MATCH(60,Data!F1:F6,1)"),
        new("=MATCH(5,Data!F1:F6,1)"),
        new("=MATCH(35,Data!I1:I6,-1)"),
        new("=MATCH(70,Data!I1:I6,-1)"),
        OracleCase.LibreOfficeDiffers("=MATCH(1,Data!D1:E6,0)", "#N/A", "Excel's MATCH gives #N/A for a lookup array of several rows and columns; LibreOffice gives #VALUE!."),

        // CHOOSE.
        new("=CHOOSE(1.9,\"a\",\"b\")"),
        new("=CHOOSE(0,1,2)"),
        new("=CHOOSE(Data!A3,\"x\",\"y\",\"z\")"),
        new("=SUM(Data!A1:CHOOSE(2,Data!A2,Data!A5))"),

        // OFFSET.
        new("=OFFSET(Data!D1,2,1)"),
        new("=SUM(OFFSET(Data!F1,1,0,2))"),
        new("=SUM(OFFSET(Data!K1:O3,2,0,1))"),
        new("=ROWS(OFFSET(Data!A1,0,0,4,3))*10+COLUMNS(OFFSET(Data!A1,0,0,4,3))"),
        OracleCase.LibreOfficeDiffers("=OFFSET(Data!A1,-1,0)", "#REF!", OffsetOutside),
        OracleCase.LibreOfficeDiffers("=OFFSET(Data!A1,0,0,0,1)", "#REF!", OffsetOutside),

        // INDIRECT.
        new("=INDIRECT(\"Data!R3C5\",FALSE)"),
        new("=INDIRECT(\"Data!Z99\")"),
        new("=INDIRECT(\"nonsense\")"),
        new("=SUM(INDIRECT(\"Values\"))"),
        new("=INDIRECT(\"Data!D\"&MATCH(\"e\",Data!D1:D6,0))"),
        new("=SUM(INDIRECT(\"Data!K\"&3&\":O\"&3))"),

        // ROW, ROWS, COLUMN, COLUMNS.
        new("=ROW(Data!E4)"),
        new("=COLUMN()"),
        new("=SUMPRODUCT(ROW(Data!A5:A9))"),
        new("=SUMPRODUCT(COLUMN(Data!C1:F1))"),
        new("=COLUMNS(Data!C1:F1)"),
        new("=ROWS({1,2;3,4;5,6})"),
        new("=COLUMNS({1,2,3})"),
        new("=ROWS(Data!A:A)"),
        new("=COLUMNS(Data!1:1)"),
        new("=COLUMN(Data!XFD7)"),

        // More edge cases.
        new("=VLOOKUP(3,Data!A1:B10,2,FALSE)"),
        new("=VLOOKUP(4,Data!A1:B10,2,FALSE)"),
        new("=VLOOKUP(\"BANANA\",Data!B1:B10,1,FALSE)"),
        new("=MATCH(\"b\",Data!D1:D6)"),
        new("=MATCH(\"zz\",Data!D1:D6)"),
        new("=HLOOKUP(\"fifty\",Data!K2:O3,2,FALSE)"),
        new("=INDEX(Data!A1:A10,MATCH(MAX(Data!A1:A10),Data!A1:A10,0))"),
        new("=INDEX(Data!D1:E6,MATCH(\"d\",Data!D1:D6,0),2)"),
        new("=OFFSET(Data!K1,2,4)"),
        new("=SUM(OFFSET(Data!A1:A3,1,0))"),
        new("=INDIRECT(\"'Other Sheet'!B1\")"),
        new("=COLUMN(Data!$AA$5)"),
        new("=ROW(INDIRECT(\"Data!A7\"))"),
        new("=ROW(OFFSET(Data!A1,4,0))"),
        new("=VLOOKUP(2,{1,\"one\";2,\"two\";3,\"three\"},2,FALSE)"),
        new("=HLOOKUP(2.5,{1,2,3;\"a\",\"b\",\"c\"},2)"),
        new("=MATCH(2,{3,2,1},-1)"),
        new("=INDEX(Lookup,0,2)*0+INDEX(Lookup,6,2)"),
        new("=CHOOSE(3,Data!A1,Data!A2,Data!D3)"),
        new("=INDIRECT(\"Data!A1:A3\")*0+1"),

        // Fourth round.
        new("=VLOOKUP(45,Data!F1:F10,1)"),
        new("=MATCH(100,Data!F1:F10)"),
        new("=VLOOKUP(0,Data!A8:A10,1,FALSE)"),
        new("=MATCH(-2,Data!B1:B10,0)"),
        new("=HLOOKUP(3,Data!K3:O3,1,FALSE)"),
        new("=INDEX(Data!A1:A10,Data!A2+Data!A3)"),
        new("=MATCH(\"e\",Data!D1:D6,1)"),
        new("=VLOOKUP(\"f\",Data!D1:E6,2,TRUE)"),
        new("=MATCH(Data!B9,Data!B1:B10,0)"),

        // Arrays of lookup values inside SUMPRODUCT.
        new("=SUMPRODUCT(VLOOKUP(Data!D1:D3,Data!D1:E6,2,FALSE))"),
        new("=SUMPRODUCT(MATCH(Data!D1:D3,Data!D1:D6,0))"),
        new("=SUMPRODUCT(HLOOKUP(Data!K1:M1,Data!K1:O3,3,FALSE))"),
        new("=SUMPRODUCT(INDEX(Data!E1:E6,0)*2)"),

        // Fifth round.
        new("=MATCH(\"a~*b?c\",Data!J1:J5,0)"),
        new("=MATCH(\"*o*\",Data!J1:J5,0)"),
        new("=VLOOKUP(\"*world*\",Data!J1:J5,1,FALSE)"),
        new("=MATCH(\"A-B-C-?\",Data!J1:J5,0)"),
        new("=INDEX(Data!J1:J5,MATCH(\"mixed*\",Data!J1:J5,0))"),
        new("=HLOOKUP(\"f*\",Data!K2:O2,1,FALSE)"),
        new("=MATCH(TRUE,Data!B1:B10,0)"),
        new("=MATCH(FALSE,Data!B1:B10,0)"),
    ];
}
