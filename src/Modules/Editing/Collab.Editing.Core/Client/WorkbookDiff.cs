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

    /// <summary>
    /// Where the two workbooks first differ (sheets and their order, the used ranges, each cell's input and format), or
    /// null when they are equal in all of these. Cheaper than <see cref="Between"/> when only equality matters.
    /// </summary>
    public static string? FirstDifference(Workbook a, Workbook b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!a.SheetNames.SequenceEqual(b.SheetNames, StringComparer.Ordinal))
        {
            return $"sheets [{string.Join(", ", a.SheetNames)}] and [{string.Join(", ", b.SheetNames)}]";
        }

        foreach (var sheet in a.SheetNames)
        {
            if (a.UsedRange(sheet) != b.UsedRange(sheet))
            {
                return $"{sheet}: used range {a.UsedRange(sheet)} and {b.UsedRange(sheet)}";
            }

            var left = a.EnumerateCells(sheet);
            var right = b.EnumerateCells(sheet);
            for (var i = 0; i < Math.Max(left.Count, right.Count); i++)
            {
                CellInfo? x = i < left.Count ? left[i] : null;
                CellInfo? y = i < right.Count ? right[i] : null;
                if (x is not { } l || y is not { } r || l.Address != r.Address || l.Input != r.Input || !l.Format.Equals(r.Format))
                {
                    return $"{sheet}!{(x ?? y)!.Value.Address}: {Describe(x)} and {Describe(y)}";
                }
            }
        }

        return null;

        static string Describe(CellInfo? cell) => cell is { } c ? $"{c.Address} \"{c.Input}\"" : "nothing";
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
