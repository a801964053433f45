using System.Globalization;
using System.Text;
using Collab.Workbooks.Engine;

namespace Collab.Editing.Core.Tests;

/// <summary>Workbooks for tests: building, copying, applying and printing them.</summary>
internal static class Books
{
    private static readonly TimeProvider Clock = new FixedClock();

    /// <summary>A workbook with the given sheets, then the given inputs ("Sheet!A1" or "A1" on the first sheet).</summary>
    public static Workbook Create(string[] sheets, params (string Cell, string Input)[] cells)
    {
        var workbook = new Workbook(Clock, new Random(1));
        foreach (var sheet in sheets)
        {
            workbook.AddSheet(sheet);
        }

        foreach (var (cell, input) in cells)
        {
            int bang = cell.LastIndexOf('!');
            string sheet = bang < 0 ? sheets[0] : cell[..bang].Trim('\'');
            workbook.SetCellInput(sheet, CellAddress.Parse(cell[(bang + 1)..]), input);
        }

        return workbook;
    }

    /// <summary>One sheet "Sheet1" with the given inputs.</summary>
    public static Workbook Create(params (string Cell, string Input)[] cells) => Create(["Sheet1"], cells);

    public static Workbook Clone(Workbook workbook) => Workbook.FromSnapshot(workbook.ToSnapshot(), Clock, new Random(1));

    public static Workbook Apply(Workbook workbook, params Operation[] ops)
    {
        foreach (var op in ops)
        {
            OperationApplier.Apply(workbook, op);
        }

        return workbook;
    }

    public static string Input(Workbook workbook, string sheet, string cell) => workbook.GetCell(sheet, CellAddress.Parse(cell)).Input ?? "";

    /// <summary>Every sheet in order with every cell's input, format and computed value: two equal dumps are equal workbooks.</summary>
    public static string Dump(Workbook workbook)
    {
        var sb = new StringBuilder();
        foreach (var sheet in workbook.SheetNames)
        {
            sb.Append('[').Append(sheet).Append("]\n");
            var used = workbook.UsedRange(sheet);
            if (used is not { } range)
            {
                continue;
            }

            for (int r = range.Start.Row; r <= range.End.Row; r++)
            {
                for (int c = range.Start.Column; c <= range.End.Column; c++)
                {
                    var cell = workbook.GetCell(sheet, new CellAddress(r, c));
                    if (cell.Input is null && cell.Format.IsDefault)
                    {
                        continue;
                    }

                    sb.Append(cell.Address).Append(": ").Append(cell.Input ?? "∅").Append(" = ").Append(cell.Value.Kind).Append(' ')
                        .Append(cell.Value.IsNumber ? cell.Value.Number.ToString("R", CultureInfo.InvariantCulture) : cell.Value.ToDisplayText());
                    if (!cell.Format.IsDefault)
                    {
                        sb.Append(" {").Append(cell.Format.NumberFormat).Append(cell.Format.Bold ? ",bold" : "").Append('}');
                    }

                    sb.Append('\n');
                }
            }
        }

        return sb.ToString();
    }

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    }
}
