using Collab.Workbooks.Engine;

namespace Collab.Editing.Core;

/// <summary>
/// Operational transformation of spreadsheet ops. Given <c>op</c> and <c>against</c>, where the server ordered
/// <c>against</c> first, returns op' (applies after against) and against' (applies after op) such that
/// apply(apply(S, against), op') equals apply(apply(S, op), against') (TP1). Every position moves through the
/// engine's <see cref="StructuralChange"/> (one mapping, <see cref="PositionMap"/>), and formula text through
/// <see cref="FormulaRewriter"/>. docs/ot.md has the table of every pair.
/// </summary>
public static class OperationTransformer
{
    private static readonly IReadOnlyList<ConflictInfo> NoConflicts = [];

    /// <summary>Transforms with the normal rule: on a cell both write, <paramref name="op"/> (ordered later) wins.</summary>
    public static TransformResult Transform(Operation op, Operation against) => Transform(op, against, SameCellWinner.Op);

    /// <summary>Transforms, choosing which op keeps a cell both write.</summary>
    public static TransformResult Transform(Operation op, Operation against, SameCellWinner winner)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(against);
        if (op is SetCellOperation a && against is SetCellOperation b
            && (a.Address != b.Address || !SameSheet(a.Sheet, b.Sheet) || (winner == SameCellWinner.Op && string.Equals(a.Input, b.Input, StringComparison.Ordinal))))
        {
            // The common case, without allocating: different cells commute; the same value twice keeps op.
            return a.Address != b.Address || !SameSheet(a.Sheet, b.Sheet)
                ? new TransformResult(op, against, NoConflicts)
                : new TransformResult(op, NoOperation.Instance, NoConflicts);
        }

        var context = new Context(winner == SameCellWinner.Op);
        var (opPrime, againstPrime) = Pair(op, against, context);
        return new TransformResult(opPrime, againstPrime, context.Conflicts ?? NoConflicts);
    }

    /// <summary>
    /// Transforms <paramref name="op"/> through ops the server applied after its base, in order (what the server does
    /// with an incoming op). Returns op' and every conflict met on the way.
    /// </summary>
    public static (Operation Op, IReadOnlyList<ConflictInfo> Conflicts) TransformThrough(Operation op, IEnumerable<Operation> applied)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(applied);
        var context = new Context(true);
        foreach (var against in applied)
        {
            if (op is SetCellOperation a && against is SetCellOperation b && (a.Address != b.Address || !SameSheet(a.Sheet, b.Sheet)))
            {
                continue;
            }

            op = Pair(op, against, context).Op;
        }

        return (op, context.Conflicts ?? NoConflicts);
    }

    private sealed class Context(bool opWins)
    {
        public bool OpWins { get; } = opWins;

        public List<ConflictInfo>? Conflicts { get; private set; }

        public void Add(ConflictInfo conflict) => (Conflicts ??= []).Add(conflict);
    }

    private enum Kind
    {
        None,
        Write,
        Format,
        Structural,
        Sheet,
        Batch,
    }

    private static Kind KindOf(Operation op) => op switch
    {
        SetCellOperation or SetRangeOperation or ClearRangeOperation => Kind.Write,
        SetFormatOperation => Kind.Format,
        StructuralOperation => Kind.Structural,
        AddSheetOperation or RenameSheetOperation or DeleteSheetOperation => Kind.Sheet,
        BatchOperation => Kind.Batch,
        NoOperation => Kind.None,
        _ => throw new ArgumentException($"Unknown operation type {op.GetType().Name}."),
    };

    private static (Operation Op, Operation Against) Pair(Operation op, Operation against, Context context)
    {
        var opKind = KindOf(op);
        var againstKind = KindOf(against);
        if (opKind == Kind.None || againstKind == Kind.None)
        {
            return (op, against);
        }

        if (againstKind == Kind.Batch)
        {
            var parts = ((BatchOperation)against).Ops;
            var transformed = new List<Operation>(parts.Count);
            var current = op;
            foreach (var part in parts)
            {
                var (o, a) = Pair(current, part, context);
                current = o;
                transformed.Add(a);
            }

            return (current, BatchOperation.Of(transformed));
        }

        if (opKind == Kind.Batch)
        {
            var parts = ((BatchOperation)op).Ops;
            var transformed = new List<Operation>(parts.Count);
            var current = against;
            foreach (var part in parts)
            {
                var (o, a) = Pair(part, current, context);
                transformed.Add(o);
                current = a;
            }

            return (BatchOperation.Of(transformed), current);
        }

        switch (opKind, againstKind)
        {
            case (Kind.Write, Kind.Write):
                return WriteWrite(op, against, context);
            case (Kind.Format, Kind.Format):
                return FormatFormat((SetFormatOperation)op, (SetFormatOperation)against, context);
            case (Kind.Write or Kind.Format, Kind.Write or Kind.Format):
                return (op, against); // inputs and formats are independent
            case (Kind.Write or Kind.Format, Kind.Structural):
                return (CellMapping.ThroughStructural(op, (StructuralOperation)against, context.Add), against);
            case (Kind.Structural, Kind.Write or Kind.Format):
                if (!context.OpWins && DeletesWrittenCells((StructuralOperation)op, against))
                {
                    return (NoOperation.Instance, against); // undo yields: someone else has written there since
                }

                return (op, CellMapping.ThroughStructural(against, (StructuralOperation)op, null));
            case (Kind.Write or Kind.Format, Kind.Sheet):
                return (CellMapping.ThroughSheetOp(op, against, context.Add), against);
            case (Kind.Sheet, Kind.Write or Kind.Format):
                if (!context.OpWins && op is DeleteSheetOperation deleted && SameSheet(deleted.Sheet, SheetOf(against)))
                {
                    return (NoOperation.Instance, against); // undo yields: someone else has written on that sheet since
                }

                return (op, CellMapping.ThroughSheetOp(against, op, null));
            case (Kind.Structural, Kind.Structural):
                return StructuralPair((StructuralOperation)op, (StructuralOperation)against);
            case (Kind.Structural, Kind.Sheet):
                return (StructuralThroughSheetOp((StructuralOperation)op, against), against);
            case (Kind.Sheet, Kind.Structural):
                return (op, StructuralThroughSheetOp((StructuralOperation)against, op));
            default:
                return SheetPairs.Transform(op, against, context.OpWins);
        }
    }

    internal static bool SameSheet(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    // ---- cell writes against cell writes: the later op (or the chosen winner) keeps the cells both write ----

    private static (Operation, Operation) WriteWrite(Operation op, Operation against, Context context)
    {
        if (op is SetCellOperation a && against is SetCellOperation b)
        {
            // The common case, without allocation unless both write the same cell.
            if (a.Address != b.Address || !SameSheet(a.Sheet, b.Sheet))
            {
                return (op, against);
            }

            if (context.OpWins)
            {
                if (!string.Equals(a.Input, b.Input, StringComparison.Ordinal))
                {
                    context.Add(new ConflictInfo(ConflictLoser.Against, b.Sheet, b.Cell, b.Input, a.Input));
                }

                return (a, NoOperation.Instance);
            }

            return (NoOperation.Instance, b);
        }

        if (!SameSheet(SheetOf(op), SheetOf(against)))
        {
            return (op, against);
        }

        var opRegion = Region(op);
        var againstRegion = Region(against);
        if (opRegion is not { } r1 || againstRegion is not { } r2 || Inverter.Intersect(r1, r2) is not { } overlap)
        {
            return (op, against);
        }

        if (context.OpWins)
        {
            return (op, Yield(against, r2, op, r1, overlap, ConflictLoser.Against, context));
        }

        return (Yield(op, r1, against, r2, overlap, ConflictLoser.Op, context), against);
    }

    // The loser's write, changed so that applied after the winner it leaves the winner's cells as the winner set them.
    private static Operation Yield(Operation loser, RangeAddress loserRegion, Operation winner, RangeAddress winnerRegion, RangeAddress overlap, ConflictLoser side, Context context)
    {
        if (loser is ClearRangeOperation && winner is ClearRangeOperation)
        {
            return loser; // clearing twice is clearing once
        }

        string sheet = SheetOf(loser)!;
        for (int r = overlap.Start.Row; r <= overlap.End.Row; r++)
        {
            for (int c = overlap.Start.Column; c <= overlap.End.Column; c++)
            {
                string mine = ValueAt(loser, loserRegion, r, c);
                string theirs = ValueAt(winner, winnerRegion, r, c);
                if (!string.Equals(mine, theirs, StringComparison.Ordinal))
                {
                    context.Add(new ConflictInfo(side, sheet, new CellAddress(r, c).ToString(), mine, theirs));
                }
            }
        }

        bool covered = Covers(winnerRegion, loserRegion);
        switch (loser)
        {
            case SetCellOperation:
                return NoOperation.Instance;
            case SetRangeOperation setRange when covered:
                return NoOperation.Instance;
            case SetRangeOperation setRange:
            {
                var rows = new IReadOnlyList<string>[setRange.Inputs.Count];
                for (int i = 0; i < rows.Length; i++)
                {
                    var row = new string[setRange.Inputs[i].Count];
                    for (int j = 0; j < row.Length; j++)
                    {
                        int r = loserRegion.Start.Row + i;
                        int c = loserRegion.Start.Column + j;
                        var cell = new CellAddress(r, c);
                        row[j] = overlap.Contains(cell) ? ValueAt(winner, winnerRegion, r, c) : setRange.Inputs[i][j];
                    }

                    rows[i] = row;
                }

                return setRange with { Inputs = rows };
            }

            case ClearRangeOperation when covered:
                return NoOperation.Instance;
            default:
                // A clear that cannot skip cells: clear, then write the winner's cells again.
                return BatchOperation.Of(loser, winner);
        }
    }

    private static string ValueAt(Operation write, RangeAddress region, int row, int column) => write switch
    {
        SetCellOperation set => set.Input,
        SetRangeOperation setRange => setRange.Inputs[row - region.Start.Row][column - region.Start.Column],
        _ => string.Empty,
    };

    private static bool Covers(RangeAddress outer, RangeAddress inner) =>
        outer.Contains(inner.Start) && outer.Contains(inner.End);

    internal static string? SheetOf(Operation op) => op switch
    {
        SetCellOperation s => s.Sheet,
        SetRangeOperation s => s.Sheet,
        ClearRangeOperation s => s.Sheet,
        SetFormatOperation s => s.Sheet,
        StructuralOperation s => s.Sheet,
        _ => null,
    };

    internal static RangeAddress? Region(Operation op) => op switch
    {
        SetCellOperation { Address: { } a } => RangeAddress.FromCell(a),
        SetRangeOperation s => s.Address,
        ClearRangeOperation s => s.Address,
        SetFormatOperation s => s.Address,
        _ => null,
    };

    // ---- formats against formats: per part (number format, bold), the winner's part stays ----

    private static (Operation, Operation) FormatFormat(SetFormatOperation op, SetFormatOperation against, Context context)
    {
        bool shareNumber = op.Format.NumberFormat is not null && against.Format.NumberFormat is not null;
        bool shareBold = op.Format.Bold is not null && against.Format.Bold is not null;
        if (!(shareNumber || shareBold) || !SameSheet(op.Sheet, against.Sheet)
            || op.Address is not { } r1 || against.Address is not { } r2 || Inverter.Intersect(r1, r2) is null)
        {
            return (op, against);
        }

        var (winner, loser, winnerRegion, loserRegion) = context.OpWins ? (op, against, r1, r2) : (against, op, r2, r1);
        bool subsumed = Covers(winnerRegion, loserRegion)
            && (loser.Format.NumberFormat is null || winner.Format.NumberFormat is not null)
            && (loser.Format.Bold is null || winner.Format.Bold is not null);
        var yielded = subsumed ? NoOperation.Instance : BatchOperation.Of(loser, winner);
        return context.OpWins ? (op, yielded) : (yielded, against);
    }

    // ---- structural against structural: the position rules of docs/ot.md ----

    private static (Operation, Operation) StructuralPair(StructuralOperation op, StructuralOperation against)
    {
        if (op.AffectsRows != against.AffectsRows || !SameSheet(op.Sheet, against.Sheet))
        {
            return (op, against);
        }

        if (op.IsInsert && against.IsInsert)
        {
            // Same place: the op ordered first keeps it, the later op's rows go right after.
            return op.At < against.At
                ? (op, against.Moved(against.At + op.Count, against.Count))
                : (op.Moved(op.At + against.Count, op.Count), against);
        }

        if (!op.IsInsert && !against.IsInsert)
        {
            // The union is deleted once: each deletes what is left of its rows.
            var opLeft = against.Change.MapInterval(op.At, op.At + op.Count - 1);
            var againstLeft = op.Change.MapInterval(against.At, against.At + against.Count - 1);
            return (
                opLeft is { } o ? op.Moved(o.Start, o.End - o.Start + 1) : NoOperation.Instance,
                againstLeft is { } a ? against.Moved(a.Start, a.End - a.Start + 1) : NoOperation.Instance);
        }

        if (op.IsInsert)
        {
            var (insert, delete) = InsertDelete(op, against);
            return (insert, delete);
        }

        var (insert2, delete2) = InsertDelete(against, op);
        return (delete2, insert2);
    }

    // An insert at or inside a concurrently deleted block, or right after it, is absorbed by the delete: after the
    // delete both edges of the block are one gap, and no single insert position keeps the formulas of both orders equal.
    private static (Operation Insert, Operation Delete) InsertDelete(StructuralOperation insert, StructuralOperation delete)
    {
        int a = insert.At;
        int d = delete.At;
        int m = delete.Count;
        if (a < d)
        {
            return (insert, delete.Moved(d + insert.Count, m));
        }

        if (a > d + m)
        {
            return (insert.Moved(a - m, insert.Count), delete);
        }

        return (NoOperation.Instance, delete.Moved(d, m + insert.Count));
    }

    // True when a delete removes a cell that the write (or format) touches.
    private static bool DeletesWrittenCells(StructuralOperation op, Operation write)
    {
        if (op.IsInsert || !SameSheet(op.Sheet, SheetOf(write)) || Region(write) is not { } region)
        {
            return false;
        }

        int start = op.AffectsRows ? region.Start.Row : region.Start.Column;
        int end = op.AffectsRows ? region.End.Row : region.End.Column;
        return start <= op.At + op.Count - 1 && end >= op.At;
    }

    private static Operation StructuralThroughSheetOp(StructuralOperation op, Operation sheetOp) => sheetOp switch
    {
        RenameSheetOperation rename when SameSheet(op.Sheet, rename.Sheet) => op with { Sheet = rename.Name },
        DeleteSheetOperation delete when SameSheet(op.Sheet, delete.Sheet) => NoOperation.Instance,
        _ => op,
    };
}
