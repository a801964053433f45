using System.Diagnostics.CodeAnalysis;

namespace Collab.Workbooks.Engine;

/// <summary>
/// A rectangle of cells on one sheet, from its top-left to its bottom-right cell. Whole columns ("A:C")
/// span every row and whole rows ("3:5") span every column; they print in that short form.
/// </summary>
public readonly record struct RangeAddress
{
    /// <summary>Creates a range from two corners in any order.</summary>
    public RangeAddress(CellAddress first, CellAddress second)
    {
        Start = new CellAddress(Math.Min(first.Row, second.Row), Math.Min(first.Column, second.Column));
        End = new CellAddress(Math.Max(first.Row, second.Row), Math.Max(first.Column, second.Column));
    }

    /// <summary>Creates a range from 1-based bounds (in any order).</summary>
    public RangeAddress(int row1, int column1, int row2, int column2)
        : this(new CellAddress(row1, column1), new CellAddress(row2, column2))
    {
    }

    /// <summary>The top-left cell.</summary>
    public CellAddress Start { get; }

    /// <summary>The bottom-right cell.</summary>
    public CellAddress End { get; }

    /// <summary>Number of rows in the range.</summary>
    public int RowCount => End.Row - Start.Row + 1;

    /// <summary>Number of columns in the range.</summary>
    public int ColumnCount => End.Column - Start.Column + 1;

    /// <summary>Number of cells in the range.</summary>
    public long CellCount => (long)RowCount * ColumnCount;

    /// <summary>True when the range spans every row (a whole-column range such as "A:A").</summary>
    public bool IsWholeColumns => Start.Row == 1 && End.Row == CellAddress.MaxRows;

    /// <summary>True when the range spans every column (a whole-row range such as "3:3").</summary>
    public bool IsWholeRows => Start.Column == 1 && End.Column == CellAddress.MaxColumns;

    /// <summary>A range of one cell.</summary>
    public static RangeAddress FromCell(CellAddress cell) => new(cell, cell);

    /// <summary>Whole columns <paramref name="first"/> to <paramref name="last"/> ("A:C").</summary>
    public static RangeAddress Columns(int first, int last) => new(1, first, CellAddress.MaxRows, last);

    /// <summary>Whole rows <paramref name="first"/> to <paramref name="last"/> ("3:5").</summary>
    public static RangeAddress Rows(int first, int last) => new(first, 1, last, CellAddress.MaxColumns);

    /// <summary>True when the cell lies inside the range.</summary>
    public bool Contains(CellAddress cell) =>
        cell.Row >= Start.Row && cell.Row <= End.Row && cell.Column >= Start.Column && cell.Column <= End.Column;

    /// <summary>Parses "A1:C10", "B4" (one cell), "A:C" (whole columns) or "3:5" (whole rows); dollar signs are ignored.</summary>
    public static RangeAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var range)
            ? range
            : throw new FormatException($"'{text}' is not a range such as A1:C10, A:C or 3:5.");
    }

    /// <summary>Tries to parse "A1:C10", "B4", "A:C" or "3:5".</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out RangeAddress range)
    {
        range = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var span = text.AsSpan();
        int colon = span.IndexOf(':');
        if (colon < 0)
        {
            if (CellAddress.TryParse(span, out var single))
            {
                range = FromCell(single);
                return true;
            }

            return false;
        }

        var left = span[..colon];
        var right = span[(colon + 1)..];
        if (CellAddress.TryParse(left, out var a) && CellAddress.TryParse(right, out var b))
        {
            range = new RangeAddress(a, b);
            return true;
        }

        int c1 = CellAddress.ColumnNumber(left.TrimStart('$'));
        int c2 = CellAddress.ColumnNumber(right.TrimStart('$'));
        if (c1 > 0 && c2 > 0)
        {
            range = Columns(Math.Min(c1, c2), Math.Max(c1, c2));
            return true;
        }

        if (TryRow(left.TrimStart('$'), out int r1) && TryRow(right.TrimStart('$'), out int r2))
        {
            range = Rows(Math.Min(r1, r2), Math.Max(r1, r2));
            return true;
        }

        return false;
    }

    private static bool TryRow(ReadOnlySpan<char> text, out int row)
    {
        row = 0;
        if (text.Length is 0 or > 7)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            row = (row * 10) + (c - '0');
        }

        return row is >= 1 and <= CellAddress.MaxRows;
    }

    /// <summary>"A1:C10"; one cell prints as "B4"; whole columns as "A:C"; whole rows as "3:5".</summary>
    public override string ToString()
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        if (IsWholeColumns && !IsWholeRows)
        {
            return CellAddress.ColumnName(Start.Column) + ":" + CellAddress.ColumnName(End.Column);
        }

        if (IsWholeRows && !IsWholeColumns)
        {
            return Start.Row.ToString(inv) + ":" + End.Row.ToString(inv);
        }

        return Start == End ? Start.ToString() : Start + ":" + End;
    }
}
