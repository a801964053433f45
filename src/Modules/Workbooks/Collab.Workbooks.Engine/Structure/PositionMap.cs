namespace Collab.Workbooks.Engine;

/// <summary>What a structural change does.</summary>
public enum StructuralChangeKind
{
    /// <summary>Insert rows: new rows at At..At+Count-1, the old row At moves to At+Count.</summary>
    InsertRows,

    /// <summary>Delete rows At..At+Count-1.</summary>
    DeleteRows,

    /// <summary>Insert columns, as rows.</summary>
    InsertColumns,

    /// <summary>Delete columns, as rows.</summary>
    DeleteColumns,
}

/// <summary>
/// The pure arithmetic of positions under one insert or delete along one axis (rows or columns), with Excel's
/// rules. Everything that holds a position (cells, formula references, cursors, comment anchors) maps through it.
/// <list type="bullet">
/// <item>Index, insert of n at a: i &lt; a stays; i ≥ a moves to i+n (null when pushed past the last row or column).</item>
/// <item>Index, delete of n at a: i &lt; a stays; a ≤ i &lt; a+n is deleted (null); i ≥ a+n moves to i−n.</item>
/// <item>Interval [s,e], insert: s moves when s ≥ a, e moves when e ≥ a, so an insert inside the interval grows it.
/// A1:A4 with an insert at 3 becomes A1:A5; at 5 (just below the end) it stays A1:A4, as in Excel; at 1 it becomes
/// A2:A5. An end pushed past the sheet is clamped to the last row or column.</item>
/// <item>Interval, delete: entirely deleted gives null (#REF!); otherwise it shrinks by the deleted part inside it
/// and moves by the part before it.</item>
/// <item>An interval spanning the whole axis (A:A's rows, 3:3's columns) never changes.</item>
/// </list>
/// </summary>
public static class PositionMap
{
    /// <summary>Maps one 1-based index; null when it is deleted or pushed beyond <paramref name="max"/>.</summary>
    public static int? MapIndex(int index, bool insert, int at, int count, int max)
    {
        if (insert)
        {
            if (index < at)
            {
                return index;
            }

            long moved = (long)index + count;
            return moved > max ? null : (int)moved;
        }

        if (index < at)
        {
            return index;
        }

        return index < at + count ? null : index - count;
    }

    /// <summary>Maps an interval [start, end]; null when every index of it is deleted (or pushed off the sheet).</summary>
    public static (int Start, int End)? MapInterval(int start, int end, bool insert, int at, int count, int max)
    {
        if (start > end)
        {
            (start, end) = (end, start);
        }

        if (start == 1 && end == max)
        {
            return (start, end);
        }

        if (insert)
        {
            long s = start >= at ? (long)start + count : start;
            long e = end >= at ? (long)end + count : end;
            if (s > max)
            {
                return null;
            }

            return ((int)s, (int)Math.Min(e, max));
        }

        int last = at + count - 1;
        if (start >= at && end <= last)
        {
            return null;
        }

        int newStart = start < at ? start : (start > last ? start - count : at);
        int newEnd = end < at ? end : (end > last ? end - count : at - 1);
        return (newStart, newEnd);
    }
}

/// <summary>One insert or delete of rows or columns on one sheet, with the position mapping it implies.</summary>
/// <param name="Kind">Insert or delete, rows or columns.</param>
/// <param name="Sheet">The sheet it happens on.</param>
/// <param name="At">The first inserted or deleted row or column (1-based).</param>
/// <param name="Count">How many rows or columns.</param>
public sealed record StructuralChange(StructuralChangeKind Kind, string Sheet, int At, int Count)
{
    /// <summary>Inserts <paramref name="count"/> rows so that the first new row is <paramref name="at"/>.</summary>
    public static StructuralChange InsertRows(string sheet, int at, int count = 1) => new(StructuralChangeKind.InsertRows, sheet, at, count);

    /// <summary>Deletes rows <paramref name="at"/> to at+count-1.</summary>
    public static StructuralChange DeleteRows(string sheet, int at, int count = 1) => new(StructuralChangeKind.DeleteRows, sheet, at, count);

    /// <summary>Inserts columns.</summary>
    public static StructuralChange InsertColumns(string sheet, int at, int count = 1) => new(StructuralChangeKind.InsertColumns, sheet, at, count);

    /// <summary>Deletes columns.</summary>
    public static StructuralChange DeleteColumns(string sheet, int at, int count = 1) => new(StructuralChangeKind.DeleteColumns, sheet, at, count);

    /// <summary>True for row changes, false for column changes.</summary>
    public bool AffectsRows => Kind is StructuralChangeKind.InsertRows or StructuralChangeKind.DeleteRows;

    /// <summary>True for inserts.</summary>
    public bool IsInsert => Kind is StructuralChangeKind.InsertRows or StructuralChangeKind.InsertColumns;

    /// <summary>The size of the affected axis (1,048,576 rows or 16,384 columns).</summary>
    public int AxisLength => AffectsRows ? CellAddress.MaxRows : CellAddress.MaxColumns;

    /// <summary>Throws when At or Count do not fit the sheet.</summary>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Sheet))
        {
            throw new ArgumentException("A structural change needs a sheet.");
        }

        if (Count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Count), Count, "Count must be at least 1.");
        }

        if (At < 1 || At > AxisLength || (!IsInsert && (long)At + Count - 1 > AxisLength))
        {
            throw new ArgumentOutOfRangeException(nameof(At), At, "The rows or columns are outside the sheet.");
        }
    }

    /// <summary>Maps a row (for row changes) or column (for column changes) index; null when deleted.</summary>
    public int? MapIndex(int index) => PositionMap.MapIndex(index, IsInsert, At, Count, AxisLength);

    /// <summary>Maps an interval along the affected axis; null when entirely deleted.</summary>
    public (int Start, int End)? MapInterval(int start, int end) => PositionMap.MapInterval(start, end, IsInsert, At, Count, AxisLength);

    /// <summary>Where a cell of <see cref="Sheet"/> goes; null when it is deleted.</summary>
    public CellAddress? MapCell(CellAddress cell)
    {
        if (AffectsRows)
        {
            var row = MapIndex(cell.Row);
            return row is null ? null : new CellAddress(row.Value, cell.Column);
        }

        var column = MapIndex(cell.Column);
        return column is null ? null : new CellAddress(cell.Row, column.Value);
    }

    /// <summary>Where a range of <see cref="Sheet"/> goes (grown, shrunk or moved); null when entirely deleted.</summary>
    public RangeAddress? MapRange(RangeAddress range)
    {
        if (AffectsRows)
        {
            var rows = MapInterval(range.Start.Row, range.End.Row);
            return rows is null ? null : new RangeAddress(rows.Value.Start, range.Start.Column, rows.Value.End, range.End.Column);
        }

        var columns = MapInterval(range.Start.Column, range.End.Column);
        return columns is null ? null : new RangeAddress(range.Start.Row, columns.Value.Start, range.End.Row, columns.Value.End);
    }

    /// <summary>True when the change happens on the named sheet (case-insensitive).</summary>
    public bool IsOnSheet(string sheet) => string.Equals(Sheet, sheet, StringComparison.OrdinalIgnoreCase);
}
