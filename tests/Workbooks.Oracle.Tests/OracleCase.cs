using System.Reflection;
using System.Text.RegularExpressions;

namespace Workbooks.Oracle.Tests;

/// <summary>
/// One formula whose value the engine and LibreOffice must agree on. It is evaluated on sheet "Cases" against the
/// fixture sheets of <see cref="OracleFixture"/> (Data, 'Other Sheet', Flows and the defined names).
/// </summary>
/// <param name="Formula">The formula as a person types it, with the leading '='.</param>
/// <param name="RelativeTolerance">How far numbers may differ, relative to the larger one; null for the default
/// (1e-9, or 1e-7 for formulas using the iterative IRR, XIRR, RATE or MIRR).</param>
/// <param name="Excel">
/// Only where LibreOffice is known to differ from Excel: Excel's documented value ("4", "TRUE", "#NUM!", "\"text\"")
/// that the engine must give instead of LibreOffice's. Made with <see cref="LibreOfficeDiffers"/>.
/// </param>
/// <param name="Why">Why LibreOffice differs from Excel for this case.</param>
public sealed partial record OracleCase(string Formula, double? RelativeTolerance = null, string? Excel = null, string? Why = null)
{
    /// <summary>
    /// A case where LibreOffice is known to compute something other than Excel: the engine is held to Excel's value,
    /// and the test fails if LibreOffice starts agreeing with Excel (then this becomes an ordinary case).
    /// </summary>
    public static OracleCase LibreOfficeDiffers(string formula, string excel, string why) => new(formula, null, excel, why);

    public const double DefaultTolerance = 1e-9;
    public const double IterativeTolerance = 1e-7;

    /// <summary>The tolerance that applies to this case.</summary>
    public double Tolerance => RelativeTolerance ?? (IterativeFunction().IsMatch(Formula) ? IterativeTolerance : DefaultTolerance);

    /// <summary>Excel's value for a <see cref="LibreOfficeDiffers"/> case.</summary>
    public Collab.Workbooks.Engine.CellValue ExcelValue => Excel switch
    {
        null => throw new InvalidOperationException($"{Formula} is an ordinary case."),
        ['"', .., '"'] => Collab.Workbooks.Engine.CellValue.FromText(Excel[1..^1]),
        "TRUE" => Collab.Workbooks.Engine.CellValue.True,
        "FALSE" => Collab.Workbooks.Engine.CellValue.False,
        ['#', ..] when Collab.Workbooks.Engine.ErrorValues.TryParse(Excel, out var error) => Collab.Workbooks.Engine.CellValue.FromError(error),
        _ => Collab.Workbooks.Engine.CellValue.FromNumber(double.Parse(Excel, System.Globalization.CultureInfo.InvariantCulture)),
    };

    public override string ToString() => Formula;

    [GeneratedRegex(@"\b(XIRR|IRR|RATE|MIRR)\(", RegexOptions.IgnoreCase)]
    private static partial Regex IterativeFunction();
}

/// <summary>
/// The oracle's cases, one static array per function family, each family in its own file
/// (OracleCases.Math.cs, OracleCases.Logical.cs...). To add a family, add a file with another
/// <c>public static readonly OracleCase[] Name = [...]</c> in this partial class: every such array is run.
/// </summary>
public static partial class OracleCases
{
    /// <summary>Every case of every family, families in name order.</summary>
    public static IReadOnlyList<(string Family, OracleCase Case)> All()
    {
        var fields = typeof(OracleCases).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(OracleCase[]))
            .OrderBy(f => f.Name, StringComparer.Ordinal);
        var all = new List<(string, OracleCase)>();
        foreach (var field in fields)
        {
            foreach (var oracleCase in (OracleCase[])field.GetValue(null)!)
            {
                all.Add((field.Name, oracleCase));
            }
        }

        return all;
    }
}

public static partial class OracleCases
{
    // Reasons shared by several LibreOfficeDiffers cases.
    private const string InvalidArgument = "LibreOffice's invalid-argument error is saved as #VALUE!; Excel gives #NUM!.";
    private const string NoConvergence = "Excel gives #NUM! when the solver finds no result; LibreOffice saves its no-convergence error as #N/A.";
    private const string NegativeDate = "Excel has no dates before serial 0 (#NUM!); LibreOffice counts back into 1899.";
    private const string OffsetOutside = "Excel gives #REF! for an OFFSET outside the sheet or of height 0; LibreOffice saves its error as #VALUE!.";
}
