using Collab.Editing.Core;
using Collab.Workbooks.Engine;

namespace Collab.Editing.Components.Grid;

/// <summary>
/// A rectangle of cells as read at one moment: each cell's input and format, and the text a copy puts on the
/// clipboard (values as shown, tab-separated, as Excel puts them there). A copy keeps the block it read, so edits of
/// the source made afterwards do not change what its paste writes (as in Google Sheets); a cut reads its block when it
/// is pasted. The block turns into the ops that write it elsewhere.
/// </summary>
internal sealed class CellBlock
{
    private static readonly FormatPatch NoFormat = new(NumberFormat: "", Bold: false);

    private readonly string[][] _inputs;
    private readonly CellFormat[][] _formats;

    private CellBlock(RangeAddress source, string[][] inputs, CellFormat[][] formats, string text)
    {
        Source = source;
        _inputs = inputs;
        _formats = formats;
        Text = text;
    }

    /// <summary>Where the block was read.</summary>
    public RangeAddress Source { get; }

    /// <summary>The clipboard text: the values as shown, cells by tabs, rows ending in CRLF.</summary>
    public string Text { get; }

    /// <summary>Reads <paramref name="range"/> of <paramref name="sheet"/> (which exists) from the workbook.</summary>
    public static CellBlock Read(Workbook workbook, string sheet, RangeAddress range)
    {
        var inputs = new string[range.RowCount][];
        var formats = new CellFormat[range.RowCount][];
        var text = new System.Text.StringBuilder();
        for (var r = 0; r < range.RowCount; r++)
        {
            inputs[r] = new string[range.ColumnCount];
            formats[r] = new CellFormat[range.ColumnCount];
            for (var c = 0; c < range.ColumnCount; c++)
            {
                var info = workbook.GetCell(sheet, new CellAddress(range.Start.Row + r, range.Start.Column + c));
                inputs[r][c] = info.Input ?? "";
                formats[r][c] = info.Format;
                text.Append(c == 0 ? "" : "\t").Append(TabularText.Quote(CellText.Format(info.Value, info.Format.NumberFormat)));
            }

            text.Append("\r\n");
        }

        return new CellBlock(range, inputs, formats, text.ToString());
    }

    /// <summary>
    /// Where a paste with <paramref name="selection"/> writes the block: over the whole selection when it may be tiled
    /// (<paramref name="tile"/>) and is larger than the block with a height and width that are whole multiples of the
    /// block's, as Excel; otherwise one copy at the selection's start, cut off at the sheet's last row and column.
    /// </summary>
    public RangeAddress TargetFor(RangeAddress selection, bool tile)
    {
        if (tile && selection.CellCount > Source.CellCount
            && selection.RowCount % Source.RowCount == 0 && selection.ColumnCount % Source.ColumnCount == 0)
        {
            return selection;
        }

        var start = selection.Start;
        return new RangeAddress(start, new CellAddress(
            Math.Min(CellAddress.MaxRows, start.Row + Source.RowCount - 1), Math.Min(CellAddress.MaxColumns, start.Column + Source.ColumnCount - 1)));
    }

    /// <summary>
    /// The ops that write the block over <paramref name="target"/> of <paramref name="sheet"/> (repeated when the
    /// target is larger): one setRange of the inputs, then a setFormat per rectangle of cells with the same format (a
    /// cell without one gets General, not bold). With <paramref name="shiftFormulas"/> each formula's relative
    /// references move by the distance from the source to its copy, as a copy does; otherwise formulas are written as
    /// they are, as a cut does.
    /// </summary>
    public IEnumerable<Operation> WriteAt(string sheet, RangeAddress target, bool shiftFormulas)
    {
        var inputs = new IReadOnlyList<string>[target.RowCount];
        for (var r = 0; r < target.RowCount; r++)
        {
            var i = r % Source.RowCount;
            var rows = shiftFormulas ? target.Start.Row + r - i - Source.Start.Row : 0;
            var row = new string[target.ColumnCount];
            for (var c = 0; c < target.ColumnCount; c++)
            {
                var j = c % Source.ColumnCount;
                var columns = shiftFormulas ? target.Start.Column + c - j - Source.Start.Column : 0;
                row[c] = FormulaRewriter.Shift(_inputs[i][j], rows, columns);
            }

            inputs[r] = row;
        }

        yield return new SetRangeOperation(sheet, target, inputs);
        foreach (var (range, format) in FormatRectangles(target))
        {
            yield return new SetFormatOperation(sheet, range, new FormatPatch(format.NumberFormat ?? "", format.Bold));
        }
    }

    /// <summary>The ops that give <paramref name="ranges"/> of <paramref name="sheet"/> no format (General, not bold).</summary>
    public static IEnumerable<Operation> ClearFormats(string sheet, IEnumerable<RangeAddress> ranges) =>
        ranges.Select(range => new SetFormatOperation(sheet, range, NoFormat));

    // The target's cells grouped into rectangles of one format: runs of equal cells along each row, a run that repeats
    // on the next row (same columns, same format) growing downwards. Top to bottom, left to right.
    private List<(RangeAddress Range, CellFormat Format)> FormatRectangles(RangeAddress target)
    {
        var done = new List<(RangeAddress Range, CellFormat Format)>();
        var open = new Dictionary<(int First, int Last, CellFormat Format), int>();
        for (var r = 0; r < target.RowCount; r++)
        {
            var formats = _formats[r % Source.RowCount];
            var next = new Dictionary<(int First, int Last, CellFormat Format), int>();
            var first = 0;
            for (var c = 1; c <= target.ColumnCount; c++)
            {
                if (c < target.ColumnCount && formats[c % Source.ColumnCount] == formats[first % Source.ColumnCount])
                {
                    continue;
                }

                var run = (first, c - 1, formats[first % Source.ColumnCount]);
                next[run] = open.Remove(run, out var top) ? top : r;
                first = c;
            }

            Close(open, target.Start.Row + r - 1);
            open = next;
        }

        Close(open, target.End.Row);
        return [.. done.OrderBy(p => p.Range.Start.Row).ThenBy(p => p.Range.Start.Column)];

        void Close(Dictionary<(int First, int Last, CellFormat Format), int> runs, int lastRow)
        {
            foreach (var ((firstColumn, lastColumn, format), top) in runs)
            {
                done.Add((new RangeAddress(target.Start.Row + top, target.Start.Column + firstColumn, lastRow, target.Start.Column + lastColumn), format));
            }
        }
    }
}
