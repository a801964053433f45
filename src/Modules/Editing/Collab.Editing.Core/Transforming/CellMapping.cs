using Collab.Workbooks.Engine;

namespace Collab.Editing.Core;

/// <summary>
/// Moves cell writes and formats through a structural change or a sheet op: positions through the engine's
/// <see cref="StructuralChange"/>, formula text through <see cref="FormulaRewriter"/>. Cells whose row, column or
/// sheet is gone are dropped (and reported); a range split by an insert inside it becomes a batch of its parts, so
/// the inserted rows or columns are left alone.
/// </summary>
internal static class CellMapping
{
    public static Operation ThroughStructural(Operation op, StructuralOperation structural, Action<ConflictInfo>? report)
    {
        var change = structural.Change;
        switch (op)
        {
            case SetCellOperation set:
            {
                string input = Rewrite(set.Input, set.Sheet, change);
                if (!OperationTransformer.SameSheet(set.Sheet, structural.Sheet) || set.Address is not { } address)
                {
                    return ReferenceEquals(input, set.Input) ? set : set with { Input = input };
                }

                if (change.MapCell(address) is not { } moved)
                {
                    if (!string.IsNullOrEmpty(set.Input))
                    {
                        report?.Invoke(new ConflictInfo(ConflictLoser.Op, set.Sheet, set.Cell, set.Input, null));
                    }

                    return NoOperation.Instance;
                }

                return moved == address && ReferenceEquals(input, set.Input) ? set : new SetCellOperation(set.Sheet, moved, input);
            }

            case SetRangeOperation setRange:
            {
                var inputs = RewriteAll(setRange.Inputs, s => Rewrite(s, setRange.Sheet, change));
                if (!OperationTransformer.SameSheet(setRange.Sheet, structural.Sheet) || setRange.Address is not { } range)
                {
                    return ReferenceEquals(inputs, setRange.Inputs) ? setRange : setRange with { Inputs = inputs };
                }

                return SplitSetRange(setRange, range, inputs, structural, report);
            }

            case ClearRangeOperation clear when OperationTransformer.SameSheet(clear.Sheet, structural.Sheet) && clear.Address is { } range:
                return MapRange(range, structural, clear, r => new ClearRangeOperation(clear.Sheet, r));

            case SetFormatOperation format when OperationTransformer.SameSheet(format.Sheet, structural.Sheet) && format.Address is { } range:
                return MapRange(range, structural, format, r => new SetFormatOperation(format.Sheet, r, format.Format));

            default:
                return op;
        }
    }

    public static Operation ThroughSheetOp(Operation op, Operation sheetOp, Action<ConflictInfo>? report)
    {
        string sheet = OperationTransformer.SheetOf(op)!;
        switch (sheetOp)
        {
            case RenameSheetOperation rename:
            {
                bool moves = OperationTransformer.SameSheet(sheet, rename.Sheet);
                string newSheet = moves ? rename.Name : sheet;
                return WithSheetAndInputs(op, newSheet, s => FormulaRewriter.RenameSheet(s, rename.Sheet, rename.Name));
            }

            case DeleteSheetOperation delete when OperationTransformer.SameSheet(sheet, delete.Sheet):
                ReportAll(op, report);
                return NoOperation.Instance;

            case DeleteSheetOperation delete:
                return WithSheetAndInputs(op, sheet, s => FormulaRewriter.DeleteSheet(s, sheet, delete.Sheet));

            default:
                return op;
        }
    }

    private static Operation WithSheetAndInputs(Operation op, string sheet, Func<string, string> rewrite)
    {
        switch (op)
        {
            case SetCellOperation set:
            {
                string input = IsFormula(set.Input) ? rewrite(set.Input) : set.Input;
                return ReferenceEquals(input, set.Input) && ReferenceEquals(sheet, set.Sheet) ? set : set with { Sheet = sheet, Input = input };
            }

            case SetRangeOperation setRange:
            {
                var inputs = RewriteAll(setRange.Inputs, s => IsFormula(s) ? rewrite(s) : s);
                return ReferenceEquals(inputs, setRange.Inputs) && ReferenceEquals(sheet, setRange.Sheet) ? setRange : setRange with { Sheet = sheet, Inputs = inputs };
            }

            case ClearRangeOperation clear:
                return ReferenceEquals(sheet, clear.Sheet) ? clear : clear with { Sheet = sheet };
            case SetFormatOperation format:
                return ReferenceEquals(sheet, format.Sheet) ? format : format with { Sheet = sheet };
            default:
                return op;
        }
    }

    private static void ReportAll(Operation op, Action<ConflictInfo>? report)
    {
        if (report is null)
        {
            return;
        }

        if (op is SetCellOperation set && !string.IsNullOrEmpty(set.Input))
        {
            report(new ConflictInfo(ConflictLoser.Op, set.Sheet, set.Cell, set.Input, null));
        }
        else if (op is SetRangeOperation { Address: { } range } setRange)
        {
            for (int r = 0; r < setRange.Inputs.Count; r++)
            {
                for (int c = 0; c < setRange.Inputs[r].Count; c++)
                {
                    if (!string.IsNullOrEmpty(setRange.Inputs[r][c]))
                    {
                        var cell = new CellAddress(range.Start.Row + r, range.Start.Column + c);
                        report(new ConflictInfo(ConflictLoser.Op, setRange.Sheet, cell.ToString(), setRange.Inputs[r][c], null));
                    }
                }
            }
        }
    }

    internal static bool IsFormula(string? input) => input is { Length: > 1 } && input[0] == '=';

    private static string Rewrite(string input, string host, StructuralChange change) =>
        IsFormula(input) ? FormulaRewriter.Rewrite(input, host, change) : input;

    private static IReadOnlyList<IReadOnlyList<string>> RewriteAll(IReadOnlyList<IReadOnlyList<string>> inputs, Func<string, string> rewrite)
    {
        IReadOnlyList<string>[]? rows = null;
        for (int r = 0; r < inputs.Count; r++)
        {
            string[]? row = null;
            for (int c = 0; c < inputs[r].Count; c++)
            {
                string s = inputs[r][c];
                if (!IsFormula(s))
                {
                    continue;
                }

                string rewritten = rewrite(s);
                if (!ReferenceEquals(rewritten, s))
                {
                    row ??= [.. inputs[r]];
                    row[c] = rewritten;
                }
            }

            if (row is not null)
            {
                rows ??= [.. inputs];
                rows[r] = row;
            }
        }

        return rows ?? inputs;
    }

    /// <summary>One stretch of the old span and where its first index lands.</summary>
    private readonly record struct Segment(int Start, int End, int Target);

    // Maps [start, end] along the change's axis into segments; a whole-axis span never changes (as in PositionMap).
    private static List<Segment> MapSpan(int start, int end, StructuralOperation s, int max)
    {
        var segments = new List<Segment>(2);
        if (start == 1 && end == max)
        {
            segments.Add(new Segment(start, end, start));
            return segments;
        }

        if (s.IsInsert)
        {
            int a = s.At;
            int n = s.Count;
            if (end < a)
            {
                segments.Add(new Segment(start, end, start));
            }
            else if (start >= a)
            {
                segments.Add(new Segment(start, end, start + n));
            }
            else
            {
                segments.Add(new Segment(start, a - 1, start));
                segments.Add(new Segment(a, end, a + n));
            }

            // Cells pushed past the last row or column leave the sheet.
            for (int i = segments.Count - 1; i >= 0; i--)
            {
                var seg = segments[i];
                if ((long)seg.Target > max)
                {
                    segments.RemoveAt(i);
                }
                else if ((long)seg.Target + (seg.End - seg.Start) > max)
                {
                    segments[i] = seg with { End = seg.Start + (max - seg.Target) };
                }
            }

            return segments;
        }

        int d = s.At;
        int last = s.At + s.Count - 1;
        if (start <= d - 1)
        {
            segments.Add(new Segment(start, Math.Min(end, d - 1), start));
        }

        int after = Math.Max(start, last + 1);
        if (after <= end)
        {
            segments.Add(new Segment(after, end, after - s.Count));
        }

        return segments;
    }

    private static Operation MapRange(RangeAddress range, StructuralOperation s, Operation original, Func<RangeAddress, Operation> create)
    {
        bool rows = s.AffectsRows;
        int start = rows ? range.Start.Row : range.Start.Column;
        int end = rows ? range.End.Row : range.End.Column;
        var segments = MapSpan(start, end, s, rows ? CellAddress.MaxRows : CellAddress.MaxColumns);
        if (segments.Count == 1 && segments[0].Start == start && segments[0].End == end && segments[0].Target == start)
        {
            return original;
        }

        var parts = new List<Operation>(2);
        foreach (var (first, last) in Groups(segments))
        {
            parts.Add(create(rows
                ? new RangeAddress(first, range.Start.Column, last, range.End.Column)
                : new RangeAddress(range.Start.Row, first, range.End.Row, last)));
        }

        return BatchOperation.Of(parts);
    }

    // Segments whose targets touch make one part (the two sides of a deleted block close up).
    private static List<(int First, int Last)> Groups(List<Segment> segments)
    {
        var groups = new List<(int, int)>(2);
        foreach (var seg in segments)
        {
            int first = seg.Target;
            int last = seg.Target + (seg.End - seg.Start);
            if (groups.Count > 0 && groups[^1].Item2 + 1 == first)
            {
                groups[^1] = (groups[^1].Item1, last);
            }
            else
            {
                groups.Add((first, last));
            }
        }

        return groups;
    }

    private static Operation SplitSetRange(SetRangeOperation op, RangeAddress range, IReadOnlyList<IReadOnlyList<string>> inputs, StructuralOperation s, Action<ConflictInfo>? report)
    {
        bool rows = s.AffectsRows;
        int start = rows ? range.Start.Row : range.Start.Column;
        int end = rows ? range.End.Row : range.End.Column;
        var segments = MapSpan(start, end, s, rows ? CellAddress.MaxRows : CellAddress.MaxColumns);

        if (report is not null)
        {
            // Report the non-empty inputs of the rows or columns that no segment keeps.
            var kept = new bool[end - start + 1];
            foreach (var seg in segments)
            {
                for (int i = seg.Start; i <= seg.End; i++)
                {
                    kept[i - start] = true;
                }
            }

            for (int i = 0; i < kept.Length; i++)
            {
                if (kept[i])
                {
                    continue;
                }

                for (int j = 0; j < (rows ? range.ColumnCount : range.RowCount); j++)
                {
                    int r = rows ? i : j;
                    int c = rows ? j : i;
                    string value = inputs[r][c];
                    if (!string.IsNullOrEmpty(value))
                    {
                        var cell = new CellAddress(range.Start.Row + r, range.Start.Column + c);
                        report(new ConflictInfo(ConflictLoser.Op, op.Sheet, cell.ToString(), value, null));
                    }
                }
            }
        }

        if (segments.Count == 1 && segments[0].Start == start && segments[0].End == end && segments[0].Target == start)
        {
            return ReferenceEquals(inputs, op.Inputs) ? op : op with { Inputs = inputs };
        }

        var parts = new List<Operation>(2);
        int segmentIndex = 0;
        foreach (var (first, last) in Groups(segments))
        {
            // The source indices of this part, in order.
            var sources = new List<int>(last - first + 1);
            while (segmentIndex < segments.Count && segments[segmentIndex].Target <= last)
            {
                var seg = segments[segmentIndex++];
                for (int i = seg.Start; i <= seg.End; i++)
                {
                    sources.Add(i - start);
                }
            }

            IReadOnlyList<string>[] block;
            RangeAddress target;
            if (rows)
            {
                block = new IReadOnlyList<string>[sources.Count];
                for (int i = 0; i < sources.Count; i++)
                {
                    block[i] = inputs[sources[i]];
                }

                target = new RangeAddress(first, range.Start.Column, last, range.End.Column);
            }
            else
            {
                block = new IReadOnlyList<string>[inputs.Count];
                for (int r = 0; r < inputs.Count; r++)
                {
                    var row = new string[sources.Count];
                    for (int i = 0; i < sources.Count; i++)
                    {
                        row[i] = inputs[r][sources[i]];
                    }

                    block[r] = row;
                }

                target = new RangeAddress(range.Start.Row, first, range.End.Row, last);
            }

            parts.Add(new SetRangeOperation(op.Sheet, target, block));
        }

        return BatchOperation.Of(parts);
    }
}
