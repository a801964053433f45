using System.Globalization;
using Collab.Editing.Core;
using Collab.Workbooks.Engine;

namespace Collab.LoadTest;

/// <summary>
/// The load test's edit mix on its 200 x 20 sheet: numbers, labels, =SUM(A1:An), =Xn*2 to a random cell, and (when
/// structural) a row inserted or deleted in the top half. Shared with the benchmarks' <c>--replica</c> run (linked
/// source), so that both measure the same sheet.
/// </summary>
internal static class LoadEdits
{
    public const string Sheet = "Sheet1";
    public const int Rows = 200;
    public const int Columns = 20;

    public static Operation Random(Random random, bool structural)
    {
        if (structural)
        {
            var at = random.Next(1, Rows / 2);
            return random.Next(2) == 0 ? new InsertRowsOperation(Sheet, at, 1) : new DeleteRowsOperation(Sheet, at, 1);
        }

        var cell = new CellAddress(random.Next(1, Rows + 1), random.Next(1, Columns + 1)).ToString();
        var input = random.Next(10) switch
        {
            0 => $"=SUM(A1:A{random.Next(2, 20)})",
            1 => $"={new CellAddress(random.Next(1, Rows + 1), random.Next(1, Columns + 1))}*2",
            2 => "Label " + random.Next(1000),
            _ => (random.Next(1_000_000) / 100.0).ToString(CultureInfo.InvariantCulture),
        };
        return new SetCellOperation(Sheet, cell, input);
    }
}
