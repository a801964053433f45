using Collab.Workbooks.Engine;

namespace Workbooks.Oracle.Tests;

/// <summary>
/// The data every oracle case can refer to. Add rows or sheets freely (cases refer to cells by address, so do not
/// move existing ones).
/// <list type="bullet">
/// <item>Data!A1:A10 numbers: 1, 2, 3, 4, 5, -6, 7.5, 0, 1000000, 0.1</item>
/// <item>Data!B1:B10 mixed: "apple", TRUE, (blank), "12", #N/A, 3.5, FALSE, "" (empty text), "Banana", -2</item>
/// <item>Data!C1:C5 dates as serial numbers: 45000 (2023-03-15), 45292 (2024-01-01), 36526 (2000-01-01), 61 (1900-03-01), 1</item>
/// <item>Data!D1:E6 a lookup table: keys "a".."f", values 10..60; Data!F1:F6 sorted numbers 10, 20, 30, 40, 50, 60</item>
/// <item>Data!G1:G5 errors: #DIV/0!, #VALUE!, #REF!, #NUM!, #NAME?; Data!H1:H5 categories "x","y","x","z","x"</item>
/// <item>Data!I1:I6 descending numbers 60, 50, 40, 30, 20, 10</item>
/// <item>Data!J1:J5 text: "  Hello   World  ", "john o'neil-smith", "A-B-C-B", "Mixed Case 2nd", "a*b?c"</item>
/// <item>Data!K1:O3 a horizontal table: K1:O1 10, 20, 30, 40, 50; K2:O2 "ten".."fifty"; K3:O3 1, 2, 3, 4, 5</item>
/// <item>Data!P1:P3 holidays: 45306 (2024-01-15), 45341 (2024-02-19), 45323 (2024-02-01)</item>
/// <item>Data!Q1:Q8 a sample 2, 4, 4, 4, 5, 5, 7, 9; Data!R1:R8 paired with it 1, 3, 2, 5, 4, 6, 8, 7</item>
/// <item>'Other Sheet'!A1:A3 100, 200, 300; 'Other Sheet'!B1 "text"</item>
/// <item>Flows!A1:A6 cash flows -1000, 300, 400, 500, 200, 100; Flows!B1:B6 their dates; Flows!C1 rate 0.08</item>
/// <item>Names: Rate (Flows!$C$1), Values (Data!$A$1:$A$10), Lookup (Data!$D$1:$E$6), Hundred (=100), Twice (=Data!$A$2*2)</item>
/// </list>
/// </summary>
public static class OracleFixture
{
    public const string CasesSheet = "Cases";

    public static Workbook Build()
    {
        var workbook = new Workbook(random: new Random(3));
        workbook.AddSheet("Data");
        workbook.AddSheet("Other Sheet");
        workbook.AddSheet("Flows");
        workbook.AddSheet(CasesSheet);
        Column(workbook, "Data", "A1", "1", "2", "3", "4", "5", "-6", "7.5", "0", "1000000", "0.1");
        Column(workbook, "Data", "B1", "apple", "TRUE", null, "'12", "#N/A", "3.5", "FALSE", "'", "Banana", "-2");
        Column(workbook, "Data", "C1", "45000", "45292", "36526", "61", "1");
        Column(workbook, "Data", "D1", "a", "b", "c", "d", "e", "f");
        Column(workbook, "Data", "E1", "10", "20", "30", "40", "50", "60");
        Column(workbook, "Data", "F1", "10", "20", "30", "40", "50", "60");
        Column(workbook, "Data", "G1", "#DIV/0!", "#VALUE!", "#REF!", "#NUM!", "#NAME?");
        Column(workbook, "Data", "H1", "x", "y", "x", "z", "x");
        Column(workbook, "Data", "I1", "60", "50", "40", "30", "20", "10");
        Column(workbook, "Data", "J1", "  Hello   World  ", "john o'neil-smith", "A-B-C-B", "Mixed Case 2nd", "a*b?c");
        Row(workbook, "Data", "K1", "10", "20", "30", "40", "50");
        Row(workbook, "Data", "K2", "ten", "twenty", "thirty", "forty", "fifty");
        Row(workbook, "Data", "K3", "1", "2", "3", "4", "5");
        Column(workbook, "Data", "P1", "45306", "45341", "45323");
        Column(workbook, "Data", "Q1", "2", "4", "4", "4", "5", "5", "7", "9");
        Column(workbook, "Data", "R1", "1", "3", "2", "5", "4", "6", "8", "7");
        Column(workbook, "Other Sheet", "A1", "100", "200", "300");
        workbook.SetCellInput("Other Sheet", CellAddress.Parse("B1"), "text");
        Column(workbook, "Flows", "A1", "-1000", "300", "400", "500", "200", "100");
        Column(workbook, "Flows", "B1", "43831", "44013", "44197", "44378", "44562", "44743");
        workbook.SetCellInput("Flows", CellAddress.Parse("C1"), "0.08");
        workbook.DefineName("Rate", "=Flows!$C$1");
        workbook.DefineName("Values", "=Data!$A$1:$A$10");
        workbook.DefineName("Lookup", "=Data!$D$1:$E$6");
        workbook.DefineName("Hundred", "=100");
        workbook.DefineName("Twice", "=Data!$A$2*2");
        return workbook;
    }

    private static void Column(Workbook workbook, string sheet, string top, params string?[] inputs)
    {
        var start = CellAddress.Parse(top);
        for (int i = 0; i < inputs.Length; i++)
        {
            workbook.SetCellInput(sheet, new CellAddress(start.Row + i, start.Column), inputs[i]);
        }
    }

    private static void Row(Workbook workbook, string sheet, string left, params string[] inputs)
    {
        var start = CellAddress.Parse(left);
        for (int i = 0; i < inputs.Length; i++)
        {
            workbook.SetCellInput(sheet, new CellAddress(start.Row, start.Column + i), inputs[i]);
        }
    }
}
