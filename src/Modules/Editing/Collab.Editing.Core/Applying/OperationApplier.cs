using Collab.Workbooks.Engine;

namespace Collab.Editing.Core;

/// <summary>
/// Applies ops to a workbook, computes their inverses from the exact state before them, and normalizes ops against
/// a workbook. Validate first (<see cref="OperationValidator"/>): an op the engine refuses throws and changes nothing.
/// </summary>
public static class OperationApplier
{
    /// <summary>Applies the op and returns the cells whose value, input or format changed.</summary>
    /// <exception cref="ArgumentException">The op does not fit the workbook (validate first); nothing changed.</exception>
    public static ApplyResult Apply(Workbook workbook, Operation op)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        ArgumentNullException.ThrowIfNull(op);
        if (op is BatchOperation)
        {
            return ApplyAndInvert(workbook, op).Result;
        }

        return ApplyOne(workbook, op);
    }

    /// <summary>Validates the op against the workbook, then applies it; an invalid op changes nothing.</summary>
    /// <exception cref="OperationRejectedException">The op is invalid; the message says why.</exception>
    public static ApplyResult ApplyValidated(Workbook workbook, Operation op, OperationLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        ArgumentNullException.ThrowIfNull(op);
        var problem = OperationValidator.Shared(limits).Problem(op, workbook);
        if (problem is not null)
        {
            throw new OperationRejectedException(problem);
        }

        return Apply(workbook, op);
    }

    /// <summary>
    /// Applies the op and returns, with what changed, the op that undoes it (computed from the exact state before each
    /// part, as the server does when it applies an op). A batch is atomic: when one of its ops fails, the ones already
    /// applied are undone and the exception is rethrown.
    /// </summary>
    public static (ApplyResult Result, Operation Inverse) ApplyAndInvert(Workbook workbook, Operation op)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        ArgumentNullException.ThrowIfNull(op);
        return ApplyAndInvertPart(workbook, op, inBatch: false);
    }

    // Within a batch the last sheet may be deleted for a later part to add one; the outermost batch must end with a sheet.
    private static (ApplyResult Result, Operation Inverse) ApplyAndInvertPart(Workbook workbook, Operation op, bool inBatch)
    {
        if (op is not BatchOperation batch)
        {
            var inverse = Inverter.InvertOne(workbook, op);
            return (ApplyOne(workbook, op, inBatch), inverse);
        }

        var inverses = new List<Operation>(batch.Ops.Count);
        var cells = new List<CellLocation>();
        bool layout = false;
        try
        {
            foreach (var part in batch.Ops)
            {
                var (result, inverse) = ApplyAndInvertPart(workbook, part, inBatch: true);
                inverses.Add(inverse);
                cells.AddRange(result.Cells);
                layout |= result.LayoutChanged;
            }

            if (!inBatch && workbook.SheetNames.Count == 0)
            {
                throw new ArgumentException("A workbook must keep at least one sheet: the batch deletes every sheet without adding one.", nameof(op));
            }
        }
        catch
        {
            for (int i = inverses.Count - 1; i >= 0; i--)
            {
                ApplyAndInvertPart(workbook, inverses[i], inBatch: true);
            }

            throw;
        }

        inverses.Reverse();
        return (new ApplyResult(Distinct(cells), layout), BatchOperation.Of(inverses));
    }

    /// <summary>
    /// The op that undoes <paramref name="op"/> when applied right after it: old inputs and formats, deleted rows,
    /// columns and sheets with their cells and formats, and the formulas elsewhere that the op rewrote (#REF!).
    /// The workbook is not changed (a batch is inverted on a copy).
    /// </summary>
    public static Operation Invert(Workbook before, Operation op)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(op);
        if (op is BatchOperation)
        {
            var copy = before.Clone();
            return ApplyAndInvert(copy, op).Inverse;
        }

        return Inverter.InvertOne(before, op);
    }

    /// <summary>
    /// Fills what an op leaves to the receiver, against the state it applies to: an addSheet without index gets the
    /// position after the last sheet, a deleteSheet gets its sheet's position, and a setFormat on whole rows or columns
    /// is narrowed to the sheet's used extent (formats are stored per cell, so "the whole column" means the cells that
    /// exist when it applies; fixing that extent in the op keeps every replica identical). Other ops return as they are.
    /// </summary>
    public static Operation Normalize(Workbook workbook, Operation op)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        ArgumentNullException.ThrowIfNull(op);
        return NormalizeWith(workbook, op, null);
    }

    private static Operation NormalizeWith(Workbook workbook, Operation op, List<string>? names)
    {
        switch (op)
        {
            case AddSheetOperation add:
            {
                var list = names ?? [.. workbook.SheetNames];
                var resolved = add.Index is null ? add with { Index = list.Count } : add;
                names?.Insert(Math.Clamp(resolved.Index!.Value, 0, list.Count), add.Name);
                return resolved;
            }

            case DeleteSheetOperation delete:
            {
                var list = names ?? [.. workbook.SheetNames];
                int index = list.FindIndex(n => SheetNames.Comparer.Equals(n, delete.Sheet));
                if (index >= 0)
                {
                    names?.RemoveAt(index);
                    return delete.Index == index ? delete : delete with { Index = index };
                }

                return delete;
            }

            case RenameSheetOperation rename:
            {
                if (names is not null)
                {
                    int index = names.FindIndex(n => SheetNames.Comparer.Equals(n, rename.Sheet));
                    if (index >= 0)
                    {
                        names[index] = rename.Name;
                    }
                }

                return rename;
            }

            case SetFormatOperation format when format.Address is { } range && (range.IsWholeColumns || range.IsWholeRows)
                                               && workbook.HasSheet(format.Sheet):
            {
                var used = workbook.UsedRange(format.Sheet);
                int row2 = range.IsWholeColumns ? Math.Max(1, used?.End.Row ?? 1) : range.End.Row;
                int column2 = range.IsWholeRows ? Math.Max(1, used?.End.Column ?? 1) : range.End.Column;
                return new SetFormatOperation(format.Sheet, new RangeAddress(range.Start.Row, range.Start.Column, row2, column2), format.Format);
            }

            case BatchOperation batch:
            {
                var list = names ?? [.. workbook.SheetNames];
                var parts = new List<Operation>(batch.Ops.Count);
                bool changed = false;
                foreach (var part in batch.Ops)
                {
                    var normalized = NormalizeWith(workbook, part, list);
                    changed |= !ReferenceEquals(normalized, part);
                    parts.Add(normalized);
                }

                return changed ? new BatchOperation(parts) : batch;
            }

            default:
                return op;
        }
    }

    private static ApplyResult ApplyOne(Workbook workbook, Operation op, bool inBatch = false)
    {
        switch (op)
        {
            case SetCellOperation set:
            {
                var address = set.Address ?? throw new ArgumentException($"'{set.Cell}' is not a cell address.", nameof(op));
                var changed = workbook.SetCellInput(set.Sheet, address, set.Input);
                var cell = new CellLocation(workbook.GetSheetName(set.Sheet), address);
                if (Contains(changed, cell))
                {
                    return new ApplyResult(changed, false);
                }

                var cells = new List<CellLocation>(changed.Count + 1) { cell };
                cells.AddRange(changed);
                return new ApplyResult(cells, false);
            }

            case SetRangeOperation setRange:
            {
                var range = setRange.Address ?? throw new ArgumentException($"'{setRange.Range}' is not a range.", nameof(op));
                var changed = workbook.SetRange(setRange.Sheet, range, setRange.Inputs!);
                return new ApplyResult(WithRange(workbook.GetSheetName(setRange.Sheet), range, changed), false);
            }

            case ClearRangeOperation clear:
            {
                var range = clear.Address ?? throw new ArgumentException($"'{clear.Range}' is not a range.", nameof(op));
                return new ApplyResult(workbook.ClearRange(clear.Sheet, range), false);
            }

            case SetFormatOperation format:
            {
                var range = format.Address ?? throw new ArgumentException($"'{format.Range}' is not a range.", nameof(op));
                workbook.SetFormat(format.Sheet, range, format.Format.NumberFormat, format.Format.Bold);
                bool whole = range.IsWholeColumns || range.IsWholeRows;
                return new ApplyResult(whole ? [] : WithRange(workbook.GetSheetName(format.Sheet), range, []), whole);
            }

            case InsertRowsOperation s:
                return new ApplyResult(workbook.InsertRows(s.Sheet, s.At, s.Count), true);
            case DeleteRowsOperation s:
                return new ApplyResult(workbook.DeleteRows(s.Sheet, s.At, s.Count), true);
            case InsertColumnsOperation s:
                return new ApplyResult(workbook.InsertColumns(s.Sheet, s.At, s.Count), true);
            case DeleteColumnsOperation s:
                return new ApplyResult(workbook.DeleteColumns(s.Sheet, s.At, s.Count), true);
            case AddSheetOperation add:
                return new ApplyResult(workbook.AddSheet(add.Name, add.Index), true);
            case RenameSheetOperation rename:
                return new ApplyResult(workbook.RenameSheet(rename.Sheet, rename.Name), true);
            case DeleteSheetOperation delete:
                return new ApplyResult(workbook.DeleteSheet(delete.Sheet, keepOne: !inBatch), true);
            case NoOperation:
                return ApplyResult.Nothing;
            default:
                throw new ArgumentException($"Unknown operation type {op.GetType().Name}.", nameof(op));
        }
    }

    private static List<CellLocation> WithRange(string sheet, RangeAddress range, IReadOnlyList<CellLocation> changed)
    {
        var cells = new List<CellLocation>((int)Math.Min(range.CellCount, 100_000) + changed.Count);
        for (int r = range.Start.Row; r <= range.End.Row; r++)
        {
            for (int c = range.Start.Column; c <= range.End.Column; c++)
            {
                cells.Add(new CellLocation(sheet, new CellAddress(r, c)));
            }
        }

        foreach (var cell in changed)
        {
            if (!(SheetNames.Comparer.Equals(cell.Sheet, sheet) && range.Contains(cell.Address)))
            {
                cells.Add(cell);
            }
        }

        return cells;
    }

    private static bool Contains(IReadOnlyList<CellLocation> cells, CellLocation cell)
    {
        foreach (var c in cells)
        {
            if (c.Address == cell.Address && SheetNames.Comparer.Equals(c.Sheet, cell.Sheet))
            {
                return true;
            }
        }

        return false;
    }

    private static List<CellLocation> Distinct(List<CellLocation> cells)
    {
        var seen = new HashSet<(string, CellAddress)>();
        var list = new List<CellLocation>(cells.Count);
        foreach (var cell in cells)
        {
            if (seen.Add((cell.Sheet.ToUpperInvariant(), cell.Address)))
            {
                list.Add(cell);
            }
        }

        return list;
    }
}
