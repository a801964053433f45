namespace Collab.Workbooks.Engine;

/// <summary>
/// Moves the relative references of a formula tree by rows and columns, as Excel does when a formula is copied that
/// far (a paste, or a shared formula's master copied to the other cells of its range). Absolute coordinates stay,
/// whole columns keep their rows and whole rows their columns; a reference moved off the sheet becomes #REF!.
/// </summary>
internal sealed class CopyRewriter(int rows, int columns) : ReferenceRewriter
{
    protected override Node RewriteCell(CellRefNode node)
    {
        int? row = Move(node.Row, node.RowAbsolute, rows, CellAddress.MaxRows);
        int? column = Move(node.Column, node.ColumnAbsolute, columns, CellAddress.MaxColumns);
        if (row is null || column is null)
        {
            return new ErrorNode(ErrorValue.Reference);
        }

        return row == node.Row && column == node.Column ? node : WithPosition(node, row.Value, column.Value, node.SheetName);
    }

    protected override Node RewriteArea(AreaRefNode node)
    {
        int? row1 = node.Row1, row2 = node.Row2, column1 = node.Column1, column2 = node.Column2;
        if (node.Kind != AreaKind.Columns)
        {
            row1 = Move(node.Row1, node.Row1Absolute, rows, CellAddress.MaxRows);
            row2 = Move(node.Row2, node.Row2Absolute, rows, CellAddress.MaxRows);
        }

        if (node.Kind != AreaKind.Rows)
        {
            column1 = Move(node.Column1, node.Column1Absolute, columns, CellAddress.MaxColumns);
            column2 = Move(node.Column2, node.Column2Absolute, columns, CellAddress.MaxColumns);
        }

        if (row1 is null || row2 is null || column1 is null || column2 is null)
        {
            return new ErrorNode(ErrorValue.Reference);
        }

        if (row1 == node.Row1 && row2 == node.Row2 && column1 == node.Column1 && column2 == node.Column2)
        {
            return node;
        }

        // A range with one absolute and one relative corner can turn over; keep top-left first, as Excel shows it.
        bool rowSwap = row1 > row2;
        bool columnSwap = column1 > column2;
        return new AreaRefNode(node.SheetName, node.Kind,
            rowSwap ? row2.Value : row1.Value, columnSwap ? column2.Value : column1.Value,
            rowSwap ? row1.Value : row2.Value, columnSwap ? column1.Value : column2.Value,
            rowSwap ? node.Row2Absolute : node.Row1Absolute, columnSwap ? node.Column2Absolute : node.Column1Absolute,
            rowSwap ? node.Row1Absolute : node.Row2Absolute, columnSwap ? node.Column1Absolute : node.Column2Absolute);
    }

    /// <summary>A row or column index moved by <paramref name="by"/> (absolute ones stay); null when it leaves 1 to <paramref name="max"/>.</summary>
    internal static int? Move(int index, bool absolute, int by, int max)
    {
        if (absolute || by == 0)
        {
            return index;
        }

        long moved = (long)index + by;
        return moved < 1 || moved > max ? null : (int)moved;
    }
}
