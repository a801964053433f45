using Collab.Workbooks.Engine;

namespace Collab.Editing.Core;

/// <summary>The difference between two workbooks expressed as ops, to re-base pending ops onto a snapshot.</summary>
public static class WorkbookDiff
{
    /// <summary>
    /// Ops that turn <paramref name="from"/> into <paramref name="to"/> (inputs, formats and sheets; a sheet is
    /// identified by its name): deleted sheets, added sheets, then every cell whose input or format differs.
    /// Rows or columns inserted or deleted between the two show up as cell changes.
    /// </summary>
    public static IReadOnlyList<Operation> Between(Workbook from, Workbook to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var ops = new List<Operation>();
        var remaining = new List<string>(from.SheetNames);
        foreach (var name in from.SheetNames)
        {
            if (!to.HasSheet(name))
            {
                ops.Add(new DeleteSheetOperation(name, remaining.FindIndex(n => SheetNames.Comparer.Equals(n, name))));
                remaining.RemoveAll(n => SheetNames.Comparer.Equals(n, name));
            }
        }

        var target = to.SheetNames;
        for (int i = 0; i < target.Count; i++)
        {
            if (!from.HasSheet(target[i]))
            {
                ops.Add(new AddSheetOperation(target[i], Math.Min(i, remaining.Count)));
                remaining.Insert(Math.Min(i, remaining.Count), target[i]);
            }
        }

        foreach (var name in target)
        {
            var before = from.HasSheet(name) ? Cells(from, name) : [];
            var after = Cells(to, name);
            foreach (var (address, cell) in after)
            {
                before.Remove(address, out var old);
                if (old.Input != cell.Input)
                {
                    ops.Add(new SetCellOperation(name, address, cell.Input ?? string.Empty));
                }

                if (!(old.Format ?? CellFormat.Default).Equals(cell.Format))
                {
                    ops.Add(new SetFormatOperation(name, RangeAddress.FromCell(address), new FormatPatch(cell.Format.NumberFormat ?? "General", cell.Format.Bold)));
                }
            }

            foreach (var (address, old) in before)
            {
                if (old.Input is not null)
                {
                    ops.Add(new SetCellOperation(name, address, string.Empty));
                }

                if (!old.Format.IsDefault)
                {
                    ops.Add(new SetFormatOperation(name, RangeAddress.FromCell(address), new FormatPatch("General", false)));
                }
            }
        }

        return ops;
    }

    private static Dictionary<CellAddress, CellInfo> Cells(Workbook workbook, string sheet)
    {
        var cells = new Dictionary<CellAddress, CellInfo>();
        if (workbook.UsedRange(sheet) is { } used)
        {
            foreach (var cell in Inverter.CellsIn(workbook, sheet, used))
            {
                cells[cell.Address] = cell;
            }
        }

        return cells;
    }
}
