using System.Globalization;
using Collab.Workbooks.Engine;
using Collab.Workbooks.Engine.Xlsx;

namespace Workbooks.Oracle.Tests;

/// <summary>
/// The engine against an independent spreadsheet: every <see cref="OracleCases"/> formula is written with our
/// exporter, recalculated by LibreOffice in one headless conversion, and LibreOffice's values are compared with
/// ours (numbers within the case's relative tolerance, errors by kind, text exactly).
/// </summary>
public class LibreOfficeOracleTests
{
    private const string Sentinel = "B1";

    [Fact]
    public void The_engine_computes_what_LibreOffice_computes()
    {
        var cases = OracleCases.All();
        Assert.True(cases.Count >= 100, "The oracle has lost its cases.");
        var workbook = OracleFixture.Build();
        string sheet = OracleFixture.CasesSheet;

        // Row 1 checks that LibreOffice recalculated: its cached value is falsified below.
        workbook.SetCellInput(sheet, CellAddress.Parse("A1"), "'recalculation sentinel");
        workbook.SetCellInput(sheet, CellAddress.Parse(Sentinel), "=1+1");
        for (int i = 0; i < cases.Count; i++)
        {
            int row = i + 2;
            workbook.SetCellInput(sheet, new CellAddress(row, 1), "'" + cases[i].Case.Formula);
            try
            {
                workbook.SetCellInput(sheet, new CellAddress(row, 2), cases[i].Case.Formula);
            }
            catch (FormulaParseException e)
            {
                Assert.Fail($"The {cases[i].Family} case {cases[i].Case.Formula} does not parse: {e.Message}");
            }
        }

        string directory = Path.Combine(Path.GetTempPath(), "collab-oracle-" + Guid.NewGuid().ToString("N"));
        string output = Path.Combine(directory, "out");
        Directory.CreateDirectory(output);
        try
        {
            string input = Path.Combine(directory, "oracle.xlsx");
            using (var file = File.Create(input))
            {
                XlsxExporter.Export(workbook, file);
            }

            CachedValues.Overwrite(input, sheet, Sentinel, 999);
            var theirs = CachedValues.Read(LibreOffice.RecalculateAndSave(input, output), sheet);

            Assert.True(theirs.TryGetValue(Sentinel, out var sentinel) && sentinel == CellValue.FromNumber(2),
                "LibreOffice did not recalculate the file on load: it kept the falsified cached value of the sentinel cell.");

            var failures = new List<string>();
            for (int i = 0; i < cases.Count; i++)
            {
                var address = new CellAddress(i + 2, 2);
                var (family, oracleCase) = cases[i];
                var ours = workbook.GetValue(sheet, address);
                var libreOffice = theirs.GetValueOrDefault(address.ToString());
                if (oracleCase.Excel is null)
                {
                    if (!Agree(ours, libreOffice, oracleCase.Tolerance))
                    {
                        failures.Add($"{family,-20} {oracleCase.Formula,-60} engine: {Show(ours),-24} LibreOffice: {Show(libreOffice)}");
                    }
                }
                else if (!Agree(ours, oracleCase.ExcelValue, oracleCase.Tolerance))
                {
                    failures.Add($"{family,-20} {oracleCase.Formula,-60} engine: {Show(ours),-24} Excel: {Show(oracleCase.ExcelValue)} ({oracleCase.Why})");
                }
                else if (Agree(libreOffice, oracleCase.ExcelValue, oracleCase.Tolerance))
                {
                    failures.Add($"{family,-20} {oracleCase.Formula,-60} LibreOffice now agrees with Excel ({Show(libreOffice)}): make it an ordinary case.");
                }
            }

            Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} cases disagree:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static bool Agree(CellValue ours, CellValue theirs, double tolerance)
    {
        if (ours.Kind != theirs.Kind)
        {
            return false;
        }

        return ours.Kind switch
        {
            CellValueKind.Number => ours.Number == theirs.Number
                || System.Math.Abs(ours.Number - theirs.Number) <= tolerance * System.Math.Max(System.Math.Abs(ours.Number), System.Math.Abs(theirs.Number)),
            CellValueKind.Text => string.Equals(ours.Text, theirs.Text, StringComparison.Ordinal),
            CellValueKind.Boolean => ours.Boolean == theirs.Boolean,
            CellValueKind.Error => ours.Error == theirs.Error,
            _ => true,
        };
    }

    private static string Show(CellValue value) => value.Kind switch
    {
        CellValueKind.Number => value.Number.ToString("R", CultureInfo.InvariantCulture),
        CellValueKind.Text => "\"" + value.Text + "\"",
        CellValueKind.Blank => "(none)",
        _ => value.ToDisplayText(),
    };
}
