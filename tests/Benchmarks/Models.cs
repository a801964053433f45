using System.Globalization;
using Collab.Workbooks.Engine;

namespace Collab.Benchmarks;

/// <summary>The workbooks the benchmarks measure, built through the engine's public API.</summary>
public static class Models
{
    public const int CalcRows = 10_000;
    public const int CalcColumns = 10;

    /// <summary>
    /// An input with exactly ten dependents (Inputs!D1 feeding Edit!A1:A10). It sits beside the lookup table
    /// Inputs!B1:B100 that 10,000 formulas refer to, as assumptions often do.
    /// </summary>
    public static readonly CellAddress TenDependentsInput = CellAddress.Parse("D1");

    /// <summary>An input with exactly ten dependents far from any range in use (Inputs!Z1000 feeding Edit!B1:B10).</summary>
    public static readonly CellAddress TenDependentsFarInput = CellAddress.Parse("Z1000");

    /// <summary>
    /// A 100,000-formula financial model: Calc holds 10,000 rows of 10 formulas each: a cross-sheet driver, a running
    /// total chained down all rows, a 10-row SUM fan-in, an INDEX lookup into a 100-row table, IF, ROUND, MAX over the
    /// row, discounting, IFERROR and a SUMIF; Summary totals the columns; Edit holds the ten dependents of Inputs!D1 and the ten of Inputs!Z1000.
    /// </summary>
    public static Workbook FinancialModel()
    {
        var workbook = new Workbook();
        workbook.AddSheet("Inputs");
        workbook.AddSheet("Calc");
        workbook.AddSheet("Summary");
        workbook.AddSheet("Edit");
        var inputs = new List<IReadOnlyList<string?>>();
        for (int r = 1; r <= 100; r++)
        {
            inputs.Add([r == 1 ? "0.02" : null, (r * 1.5).ToString(CultureInfo.InvariantCulture)]);
        }

        workbook.SetRange("Inputs", RangeAddress.Parse("A1:B100"), inputs);
        workbook.SetCellInput("Inputs", TenDependentsInput, "5");
        workbook.SetCellInput("Inputs", TenDependentsFarInput, "5");
        workbook.DefineName("Growth", "=Inputs!$A$1");

        var rows = new List<IReadOnlyList<string?>>(CalcRows);
        for (int r = 1; r <= CalcRows; r++)
        {
            string n = r.ToString(CultureInfo.InvariantCulture);
            rows.Add([
                $"=Inputs!$B${(r % 100) + 1}*(1+Growth)",
                r == 1 ? "=A1" : $"=B{r - 1}+A{n}",
                $"=SUM(A{Math.Max(1, r - 9)}:A{n})",
                $"=INDEX(Inputs!$B$1:$B$100,MOD({n},100)+1)*C{n}",
                $"=IF(D{n}>B{n},D{n}-B{n},0)",
                $"=ROUND(E{n}*Inputs!$A$1,2)",
                $"=MAX(A{n}:F{n})",
                $"=G{n}/(1+Inputs!$A$1)^{(r % 30) + 1}",
                $"=IFERROR(H{n}/E{n},0)",
                $"=SUMIF(A{n}:I{n},\">0\")",
            ]);
        }

        workbook.SetRange("Calc", new RangeAddress(1, 1, CalcRows, CalcColumns), rows);
        for (int c = 1; c <= CalcColumns; c++)
        {
            string column = CellAddress.ColumnName(c);
            workbook.SetCellInput("Summary", new CellAddress(1, c), $"=SUM(Calc!{column}1:{column}{CalcRows})");
        }

        for (int r = 1; r <= 10; r++)
        {
            workbook.SetCellInput("Edit", new CellAddress(r, 1), $"=Inputs!$D$1*{r}");
            workbook.SetCellInput("Edit", new CellAddress(r, 2), $"=Inputs!$Z$1000*{r}");
        }

        return workbook;
    }

    /// <summary>Sheet S: A1 feeds 10,000 formulas directly (B1:B10000 = $A$1*row).</summary>
    public static Workbook FanOut(int dependents = 10_000)
    {
        var workbook = new Workbook();
        workbook.AddSheet("S");
        workbook.SetCellInput("S", CellAddress.Parse("A1"), "1");
        var rows = new List<IReadOnlyList<string?>>(dependents);
        for (int r = 1; r <= dependents; r++)
        {
            rows.Add([$"=$A$1*{r}"]);
        }

        workbook.SetRange("S", new RangeAddress(1, 2, dependents, 2), rows);
        return workbook;
    }

    /// <summary>Sheet S: A1 starts a chain of 10,000 formulas (B1 = A1+1, B2 = B1+1, ...).</summary>
    public static Workbook Chain(int length = 10_000)
    {
        var workbook = new Workbook();
        workbook.AddSheet("S");
        workbook.SetCellInput("S", CellAddress.Parse("A1"), "1");
        var rows = new List<IReadOnlyList<string?>>(length);
        for (int r = 1; r <= length; r++)
        {
            rows.Add([r == 1 ? "=A1+1" : $"=B{r - 1}+1"]);
        }

        workbook.SetRange("S", new RangeAddress(1, 2, length, 2), rows);
        return workbook;
    }

    /// <summary>100,000 constants: 10,000 rows of 10 numbers and labels (no formulas).</summary>
    public static Workbook Values()
    {
        var workbook = new Workbook();
        workbook.AddSheet("S");
        var rows = new List<IReadOnlyList<string?>>(CalcRows);
        for (int r = 1; r <= CalcRows; r++)
        {
            var row = new string?[CalcColumns];
            for (int c = 0; c < CalcColumns; c++)
            {
                row[c] = c == 0 ? "Item " + r.ToString(CultureInfo.InvariantCulture) : (r * 10.5 + c).ToString(CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        workbook.SetRange("S", new RangeAddress(1, 1, CalcRows, CalcColumns), rows);
        return workbook;
    }

    /// <summary>Formulas as they appear in financial models, for the parser benchmark.</summary>
    public static readonly string[] TypicalFormulas =
    [
        "=SUM(B2:B13)",
        "=B5*(1+$C$2)",
        "=IF(B4>0,B4*Growth,0)",
        "=INDEX(Data!$B$2:$B$500,MATCH($A2,Data!$A$2:$A$500,0))",
        "=ROUND(SUMPRODUCT(B2:B13,C2:C13)/SUM(C2:C13),2)",
        "=IFERROR(B2/C2,0)",
        "='Cash Flow'!B7-'Cash Flow'!B9",
        "=NPV($B$1,C5:N5)+B5",
        "=SUMIFS(Sales!$D:$D,Sales!$A:$A,$A5,Sales!$B:$B,\">=\"&B$1)",
        "=MAX(0,MIN(B10,C$4-SUM($B$9:B9)))",
        "=B12*(1-$B$3)^(COLUMN()-2)",
        "=IF(AND(B$2>=$C7,B$2<=$D7),$E7/12,0)",
        "=-PMT(Rate/12,Term*12,Principal)",
        "=Revenue!F22-Costs!F22-Costs!F30",
        "=(C8-B8)/ABS(B8)",
        "=EOMONTH(B$1,0)",
        "=VLOOKUP($A3,Assumptions!$A$1:$F$40,4,FALSE)*B3",
        "=B20+B21+B22+B23+B24+B25",
        "=IF(ISNUMBER(B3),B3,0)+IF(ISNUMBER(C3),C3,0)",
        "=OFFSET($A$1,ROW()-1,3)*1.2",
    ];
}
