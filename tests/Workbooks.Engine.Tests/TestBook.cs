using Collab.Workbooks.Engine;

namespace Workbooks.Engine.Tests;

/// <summary>Small helpers to build workbooks and read values compactly.</summary>
internal static class TestBook
{
    public const string Main = "Sheet1";

    /// <summary>
    /// The Data sheet of the LibreOffice oracle's fixture (tests/Workbooks.Oracle.Tests/OracleFixture.cs) on Sheet1, so
    /// a case the oracle cannot check (LibreOffice differs from Excel) is asserted here with "Data!" dropped.
    /// </summary>
    public static readonly (string Cell, string Input)[] OracleData = OracleDataInputs().ToArray();

    private static IEnumerable<(string, string)> OracleDataInputs()
    {
        string?[][] columns =
        [
            ["A1", "1", "2", "3", "4", "5", "-6", "7.5", "0", "1000000", "0.1"],
            ["B1", "apple", "TRUE", null, "'12", "#N/A", "3.5", "FALSE", "'", "Banana", "-2"],
            ["C1", "45000", "45292", "36526", "61", "1"],
            ["D1", "a", "b", "c", "d", "e", "f"],
            ["E1", "10", "20", "30", "40", "50", "60"],
            ["F1", "10", "20", "30", "40", "50", "60"],
            ["G1", "#DIV/0!", "#VALUE!", "#REF!", "#NUM!", "#NAME?"],
            ["H1", "x", "y", "x", "z", "x"],
            ["I1", "60", "50", "40", "30", "20", "10"],
            ["J1", "  Hello   World  ", "john o'neil-smith", "A-B-C-B", "Mixed Case 2nd", "a*b?c"],
            ["K1", "10", "ten", "1"], ["L1", "20", "twenty", "2"], ["M1", "30", "thirty", "3"], ["N1", "40", "forty", "4"], ["O1", "50", "fifty", "5"],
            ["P1", "45306", "45341", "45323"],
            ["Q1", "2", "4", "4", "4", "5", "5", "7", "9"],
            ["R1", "1", "3", "2", "5", "4", "6", "8", "7"],
        ];
        foreach (var column in columns)
        {
            var top = CellAddress.Parse(column[0]!);
            for (int i = 1; i < column.Length; i++)
            {
                if (column[i] is { } input)
                {
                    yield return (new CellAddress(top.Row + i - 1, top.Column).ToString(), input);
                }
            }
        }
    }

    /// <summary>A workbook with Sheet1 holding the given inputs.</summary>
    public static Workbook With(params (string Cell, string Input)[] inputs)
    {
        var workbook = new Workbook(random: new Random(42));
        workbook.AddSheet(Main);
        foreach (var (cell, input) in inputs)
        {
            workbook.SetCellInput(Main, CellAddress.Parse(cell), input);
        }

        return workbook;
    }

    /// <summary>Puts the formula in Sheet1!Z1000 (or <paramref name="host"/>) beside the inputs and shows its value.</summary>
    public static string Show(string formula, params (string Cell, string Input)[] inputs) => ShowAt("Z1000", formula, inputs);

    public static string ShowAt(string host, string formula, params (string Cell, string Input)[] inputs)
    {
        var workbook = With(inputs);
        workbook.SetCellInput(Main, CellAddress.Parse(host), formula);
        return Show(workbook.GetValue(Main, CellAddress.Parse(host)));
    }

    /// <summary>A value as compact text: numbers in General format, text in quotes, TRUE/FALSE, error text, (blank).</summary>
    public static string Show(CellValue value) => value.Kind switch
    {
        CellValueKind.Text => "\"" + value.Text + "\"",
        CellValueKind.Blank => "(blank)",
        _ => value.ToDisplayText(),
    };

    public static string Value(this Workbook workbook, string cell, string sheet = Main) =>
        Show(workbook.GetValue(sheet, CellAddress.Parse(cell)));

    public static string Input(this Workbook workbook, string cell, string sheet = Main) =>
        workbook.GetCell(sheet, CellAddress.Parse(cell)).Input ?? "(none)";

    public static IReadOnlyList<CellLocation> Set(this Workbook workbook, string cell, string? input, string sheet = Main) =>
        workbook.SetCellInput(sheet, CellAddress.Parse(cell), input);

    public static void AssertConsistent(Workbook workbook)
    {
        var report = ConsistencyValidator.CheckIntegrity(workbook);
        Assert.True(report.Count == 0, string.Join(Environment.NewLine, report.Select(i => i.Message)));
        var index = ConsistencyValidator.CheckDependencies(workbook);
        Assert.True(index.Count == 0, string.Join(Environment.NewLine, index));
    }
}
