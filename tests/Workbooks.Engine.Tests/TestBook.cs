using Collab.Workbooks.Engine;

namespace Workbooks.Engine.Tests;

/// <summary>Small helpers to build workbooks and read values compactly.</summary>
internal static class TestBook
{
    public const string Main = "Sheet1";

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
