using System.Globalization;
using Collab.Workbooks.Engine;

namespace Collab.Workbooks.Infrastructure.Demo;

/// <summary>
/// The demo financial model: assumptions (as defined names), a 24-month revenue build, a P&amp;L, a cash flow and a
/// DCF valuation with NPV and IRR, linked by cross-sheet references.
/// </summary>
internal static class DemoModel
{
    public const string Name = "Acme Software: FY27-28 plan (demo)";
    public const int Months = 24;

    public static WorkbookSnapshot Build()
    {
        var book = new Workbook();
        BuildAssumptions(book);
        BuildRevenue(book);
        BuildProfitAndLoss(book);
        BuildCashFlow(book);
        BuildValuation(book);
        return book.ToSnapshot();
    }

    private static void Row(Workbook book, string sheet, int row, params string[] inputs)
    {
        for (var column = 0; column < inputs.Length; column++)
        {
            book.SetCellInput(sheet, new CellAddress(row, column + 1), inputs[column]);
        }
    }

    private static void Header(Workbook book, string sheet, params string[] titles)
    {
        Row(book, sheet, 1, titles);
        book.SetFormat(sheet, new RangeAddress(1, 1, 1, titles.Length), bold: true);
    }

    private static string R(int row) => row.ToString(CultureInfo.InvariantCulture);

    private static void BuildAssumptions(Workbook book)
    {
        const string sheet = "Assumptions";
        book.AddSheet(sheet);
        Header(book, sheet, "Assumption", "Value", "Name");
        (string Label, string Value, string Name, string Format)[] assumptions =
        [
            ("Starting monthly revenue", "100000", "StartRevenue", "#,##0"),
            ("Monthly revenue growth", "0.02", "GrowthRate", "0.0%"),
            ("Gross margin", "0.62", "GrossMargin", "0.0%"),
            ("Operating expenses per month", "45000", "MonthlyOpex", "#,##0"),
            ("Tax rate", "0.25", "TaxRate", "0.0%"),
            ("Capital expenditure per month", "5000", "MonthlyCapex", "#,##0"),
            ("Discount rate (annual)", "0.1", "DiscountRate", "0.0%"),
            ("Terminal growth (annual)", "0.02", "TerminalGrowth", "0.0%"),
            ("Initial investment", "300000", "InitialInvestment", "#,##0"),
            ("First month end", "=DATE(2027,1,31)", "StartDate", "mmm yyyy"),
        ];
        for (var i = 0; i < assumptions.Length; i++)
        {
            var row = i + 2;
            var (label, value, name, format) = assumptions[i];
            Row(book, sheet, row, label, value, name);
            book.SetFormat(sheet, RangeAddress.FromCell(new CellAddress(row, 2)), numberFormat: format);
            book.DefineName(name, $"=Assumptions!$B${R(row)}");
        }

        book.SetColumnWidth(sheet, 1, 32);
        book.SetColumnWidth(sheet, 3, 18);
    }

    private static void BuildRevenue(Workbook book)
    {
        const string sheet = "Revenue";
        book.AddSheet(sheet);
        Header(book, sheet, "Month", "Month end", "Revenue");
        for (var month = 1; month <= Months; month++)
        {
            var row = month + 1;
            Row(book, sheet, row, month.ToString(CultureInfo.InvariantCulture), $"=EOMONTH(StartDate,A{R(row)}-1)", $"=StartRevenue*(1+GrowthRate)^(A{R(row)}-1)");
        }

        var total = Months + 2;
        Row(book, sheet, total, "Total", "", $"=SUM(C2:C{R(total - 1)})");
        book.SetFormat(sheet, new RangeAddress(2, 2, total - 1, 2), numberFormat: "mmm yyyy");
        book.SetFormat(sheet, new RangeAddress(2, 3, total, 3), numberFormat: "#,##0");
        book.SetFormat(sheet, new RangeAddress(total, 1, total, 3), bold: true);
    }

    private static void BuildProfitAndLoss(Workbook book)
    {
        const string sheet = "P&L";
        book.AddSheet(sheet);
        Header(book, sheet, "Month", "Revenue", "Cost of sales", "Gross profit", "Operating expenses", "EBIT", "Tax", "Net income");
        for (var month = 1; month <= Months; month++)
        {
            var r = R(month + 1);
            Row(book, sheet, month + 1,
                $"=Revenue!A{r}", $"=Revenue!C{r}", $"=B{r}*(1-GrossMargin)", $"=B{r}-C{r}", "=MonthlyOpex",
                $"=D{r}-E{r}", $"=MAX(0,F{r}*TaxRate)", $"=F{r}-G{r}");
        }

        var total = Months + 2;
        var last = R(total - 1);
        Row(book, sheet, total, "Total", $"=SUM(B2:B{last})", $"=SUM(C2:C{last})", $"=SUM(D2:D{last})", $"=SUM(E2:E{last})", $"=SUM(F2:F{last})", $"=SUM(G2:G{last})", $"=SUM(H2:H{last})");
        book.SetFormat(sheet, new RangeAddress(2, 2, total, 8), numberFormat: "#,##0");
        book.SetFormat(sheet, new RangeAddress(total, 1, total, 8), bold: true);
    }

    private static void BuildCashFlow(Workbook book)
    {
        const string sheet = "Cash Flow";
        book.AddSheet(sheet);
        Header(book, sheet, "Month", "Net income", "Capital expenditure", "Free cash flow", "Cumulative");
        for (var month = 1; month <= Months; month++)
        {
            var r = R(month + 1);
            var cumulative = month == 1 ? $"=D{r}-InitialInvestment" : $"=E{R(month)}+D{r}";
            Row(book, sheet, month + 1, $"=Revenue!A{r}", $"='P&L'!H{r}", "=-MonthlyCapex", $"=B{r}+C{r}", cumulative);
        }

        var total = Months + 2;
        var last = R(total - 1);
        Row(book, sheet, total, "Total", $"=SUM(B2:B{last})", $"=SUM(C2:C{last})", $"=SUM(D2:D{last})");
        book.SetFormat(sheet, new RangeAddress(2, 2, total, 5), numberFormat: "#,##0;[Red]-#,##0");
        book.SetFormat(sheet, new RangeAddress(total, 1, total, 5), bold: true);
    }

    private static void BuildValuation(Workbook book)
    {
        const string sheet = "Valuation";
        book.AddSheet(sheet);
        Header(book, sheet, "Measure", "Value");
        var lastCashFlow = R(Months + 1);
        (string Label, string Formula, string Format)[] lines =
        [
            ("Monthly discount rate", "=(1+DiscountRate)^(1/12)-1", "0.000%"),
            ("NPV of free cash flow", $"=NPV(B2,'Cash Flow'!D2:D{lastCashFlow})", "#,##0"),
            ("Terminal value", $"='Cash Flow'!D{lastCashFlow}*12*(1+TerminalGrowth)/(DiscountRate-TerminalGrowth)", "#,##0"),
            ("PV of terminal value", $"=B4/(1+DiscountRate)^({Months}/12)", "#,##0"),
            ("Enterprise value", "=B3+B5-InitialInvestment", "#,##0"),
            ("IRR (monthly)", $"=IRR(B12:B{R(12 + Months)})", "0.00%"),
            ("IRR (annual)", "=(1+B7)^12-1", "0.0%"),
            ("Pays back within the plan", $"=IF('Cash Flow'!E{lastCashFlow}>0,\"Yes\",\"No\")", ""),
        ];
        for (var i = 0; i < lines.Length; i++)
        {
            var (label, formula, format) = lines[i];
            Row(book, sheet, i + 2, label, formula);
            if (format.Length > 0)
            {
                book.SetFormat(sheet, RangeAddress.FromCell(new CellAddress(i + 2, 2)), numberFormat: format);
            }
        }

        Row(book, sheet, 11, "Period", "Cash flow");
        book.SetFormat(sheet, new RangeAddress(11, 1, 11, 2), bold: true);
        Row(book, sheet, 12, "0", "=-InitialInvestment");
        for (var month = 1; month <= Months; month++)
        {
            Row(book, sheet, 12 + month, month.ToString(CultureInfo.InvariantCulture), $"='Cash Flow'!D{R(month + 1)}");
        }

        book.SetFormat(sheet, new RangeAddress(12, 2, 12 + Months, 2), numberFormat: "#,##0;[Red]-#,##0");
        book.SetColumnWidth(sheet, 1, 28);
    }
}
