using Collab.Workbooks.Engine;

namespace Collab.Editing.Core;

/// <summary>Computes the inverse of one (non-batch) op from the exact state before it.</summary>
internal static class Inverter
{
    private const int DirectScanLimit = 16_384;

    public static Operation InvertOne(Workbook before, Operation op)
    {
        switch (op)
        {
            case SetCellOperation set:
            {
                var address = Require(set.Address, set.Cell);
                return new SetCellOperation(set.Sheet, address, before.GetCell(set.Sheet, address).Input ?? string.Empty);
            }

            case SetRangeOperation setRange:
            {
                var range = Require(setRange.Address, setRange.Range);
                var rows = new IReadOnlyList<string>[range.RowCount];
                for (int r = 0; r < rows.Length; r++)
                {
                    var row = new string[range.ColumnCount];
                    for (int c = 0; c < row.Length; c++)
                    {
                        row[c] = before.GetCell(setRange.Sheet, new CellAddress(range.Start.Row + r, range.Start.Column + c)).Input ?? string.Empty;
                    }

                    rows[r] = row;
                }

                return new SetRangeOperation(setRange.Sheet, range, rows);
            }

            case ClearRangeOperation clear:
            {
                var range = Require(clear.Address, clear.Range);
                var parts = new List<Operation>();
                foreach (var cell in CellsIn(before, clear.Sheet, range))
                {
                    if (cell.Input is not null)
                    {
                        parts.Add(new SetCellOperation(clear.Sheet, cell.Address, cell.Input));
                    }
                }

                return BatchOperation.Of(parts);
            }

            case SetFormatOperation format:
                return InvertFormat(before, format);

            case InsertRowsOperation s:
                return new DeleteRowsOperation(s.Sheet, s.At, s.Count);
            case InsertColumnsOperation s:
                return new DeleteColumnsOperation(s.Sheet, s.At, s.Count);
            case DeleteRowsOperation or DeleteColumnsOperation:
                return InvertDelete(before, (StructuralOperation)op);

            case AddSheetOperation add:
                return new DeleteSheetOperation(add.Name, add.Index ?? before.SheetNames.Count);

            case RenameSheetOperation rename:
                return new RenameSheetOperation(rename.Name, before.GetSheetName(rename.Sheet));

            case DeleteSheetOperation delete:
                return InvertDeleteSheet(before, delete);

            case NoOperation:
                return NoOperation.Instance;

            default:
                throw new ArgumentException($"Cannot invert {op.GetType().Name} without applying it.", nameof(op));
        }
    }

    private static Operation InvertFormat(Workbook before, SetFormatOperation format)
    {
        var range = Require(format.Address, format.Range);
        bool number = format.Format.NumberFormat is not null;
        bool bold = format.Format.Bold is not null;
        if (!number && !bold)
        {
            return NoOperation.Instance;
        }

        var parts = new List<Operation>
        {
            new SetFormatOperation(format.Sheet, range, new FormatPatch(number ? "General" : null, bold ? false : null)),
        };
        foreach (var cell in CellsIn(before, format.Sheet, range))
        {
            var old = cell.Format;
            bool restoreNumber = number && old.NumberFormat is not null;
            bool restoreBold = bold && old.Bold;
            if (restoreNumber || restoreBold)
            {
                parts.Add(new SetFormatOperation(
                    format.Sheet,
                    RangeAddress.FromCell(cell.Address),
                    new FormatPatch(restoreNumber ? old.NumberFormat : null, restoreBold ? true : null)));
            }
        }

        return BatchOperation.Of(parts);
    }

    // Re-insert, restore the removed cells, then put back every formula elsewhere that delete + insert did not give back.
    private static Operation InvertDelete(Workbook before, StructuralOperation delete)
    {
        var change = delete.Change;
        var reinsert = delete.AffectsRows
            ? (StructuralOperation)new InsertRowsOperation(delete.Sheet, delete.At, delete.Count)
            : new InsertColumnsOperation(delete.Sheet, delete.At, delete.Count);
        var parts = new List<Operation> { reinsert };
        var used = before.UsedRange(delete.Sheet);
        int last = delete.At + delete.Count - 1;
        if (used is { } u)
        {
            RangeAddress? block = delete.AffectsRows
                ? Intersect(u, new RangeAddress(delete.At, 1, Math.Min(last, CellAddress.MaxRows), CellAddress.MaxColumns))
                : Intersect(u, new RangeAddress(1, delete.At, CellAddress.MaxRows, Math.Min(last, CellAddress.MaxColumns)));
            if (block is { } b)
            {
                AddRestores(before, delete.Sheet, b, parts);
            }
        }

        var insertChange = reinsert.Change;
        foreach (var sheet in before.SheetNames)
        {
            bool same = SheetNames.Comparer.Equals(sheet, delete.Sheet);
            foreach (var cell in before.EnumerateCells(sheet))
            {
                if (!cell.IsFormula)
                {
                    continue;
                }

                if (same && change.MapCell(cell.Address) is null)
                {
                    continue;
                }

                string after = FormulaRewriter.Rewrite(FormulaRewriter.Rewrite(cell.Input!, sheet, change), sheet, insertChange);
                if (!string.Equals(after, cell.Input, StringComparison.Ordinal))
                {
                    parts.Add(new SetCellOperation(sheet, cell.Address, cell.Input!));
                }
            }
        }

        return BatchOperation.Of(parts);
    }

    private static Operation InvertDeleteSheet(Workbook before, DeleteSheetOperation delete)
    {
        string name = before.GetSheetName(delete.Sheet);
        int index = IndexOf(before, name);
        var parts = new List<Operation> { new AddSheetOperation(name, index) };
        if (before.UsedRange(name) is { } used)
        {
            AddRestores(before, name, used, parts);
        }

        foreach (var sheet in before.SheetNames)
        {
            if (SheetNames.Comparer.Equals(sheet, name))
            {
                continue;
            }

            foreach (var cell in before.EnumerateCells(sheet))
            {
                if (cell.IsFormula && !ReferenceEquals(FormulaRewriter.DeleteSheet(cell.Input!, sheet, name), cell.Input))
                {
                    parts.Add(new SetCellOperation(sheet, cell.Address, cell.Input!));
                }
            }
        }

        return new BatchOperation(parts);
    }

    // Inputs first, then formats (a format-only cell has no input to set).
    private static void AddRestores(Workbook before, string sheet, RangeAddress block, List<Operation> parts)
    {
        var formats = new List<Operation>();
        foreach (var cell in CellsIn(before, sheet, block))
        {
            if (cell.Input is not null)
            {
                parts.Add(new SetCellOperation(sheet, cell.Address, cell.Input));
            }

            if (!cell.Format.IsDefault)
            {
                formats.Add(new SetFormatOperation(sheet, RangeAddress.FromCell(cell.Address), new FormatPatch(cell.Format.NumberFormat ?? "General", cell.Format.Bold)));
            }
        }

        parts.AddRange(formats);
    }

    /// <summary>The cells of a range that hold an input or a format (within the sheet's used range).</summary>
    internal static IEnumerable<CellInfo> CellsIn(Workbook workbook, string sheet, RangeAddress range)
    {
        if (workbook.UsedRange(sheet) is not { } used || Intersect(used, range) is not { } area)
        {
            yield break;
        }

        if (area.CellCount > DirectScanLimit)
        {
            // A sparse scan: every cell with an input, then the format-only cells along the rows that have any.
            foreach (var cell in workbook.EnumerateCells(sheet))
            {
                if (area.Contains(cell.Address))
                {
                    yield return cell;
                }
            }
        }

        for (int r = area.Start.Row; r <= area.End.Row; r++)
        {
            for (int c = area.Start.Column; c <= area.End.Column; c++)
            {
                var cell = workbook.GetCell(sheet, new CellAddress(r, c));
                if (area.CellCount > DirectScanLimit)
                {
                    if (cell.Input is null && !cell.Format.IsDefault)
                    {
                        yield return cell;
                    }
                }
                else if (cell.Input is not null || !cell.Format.IsDefault)
                {
                    yield return cell;
                }
            }
        }
    }

    internal static RangeAddress? Intersect(RangeAddress a, RangeAddress b)
    {
        int r1 = Math.Max(a.Start.Row, b.Start.Row);
        int c1 = Math.Max(a.Start.Column, b.Start.Column);
        int r2 = Math.Min(a.End.Row, b.End.Row);
        int c2 = Math.Min(a.End.Column, b.End.Column);
        return r1 <= r2 && c1 <= c2 ? new RangeAddress(r1, c1, r2, c2) : null;
    }

    internal static int IndexOf(Workbook workbook, string sheet)
    {
        var names = workbook.SheetNames;
        for (int i = 0; i < names.Count; i++)
        {
            if (SheetNames.Comparer.Equals(names[i], sheet))
            {
                return i;
            }
        }

        return -1;
    }

    private static T Require<T>(T? parsed, string text)
        where T : struct => parsed ?? throw new ArgumentException($"'{text}' is not a valid address.");
}
