using System.Diagnostics.CodeAnalysis;

namespace Collab.Workbooks.Engine;

/// <summary>
/// The position of one cell on a sheet: 1-based row and column, as in "B4" (row 4, column 2).
/// </summary>
public readonly record struct CellAddress : IComparable<CellAddress>
{
    /// <summary>The number of rows on a sheet (1,048,576, as in Excel).</summary>
    public const int MaxRows = 1_048_576;

    /// <summary>The number of columns on a sheet (16,384: A to XFD, as in Excel).</summary>
    public const int MaxColumns = 16_384;

    /// <summary>Creates an address; throws when the row or column is outside the sheet.</summary>
    public CellAddress(int row, int column)
    {
        if (row < 1 || row > MaxRows)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"Row must be between 1 and {MaxRows}.");
        }

        if (column < 1 || column > MaxColumns)
        {
            throw new ArgumentOutOfRangeException(nameof(column), column, $"Column must be between 1 and {MaxColumns}.");
        }

        Row = row;
        Column = column;
    }

    /// <summary>1-based row number.</summary>
    public int Row { get; }

    /// <summary>1-based column number (A = 1).</summary>
    public int Column { get; }

    /// <summary>Parses an A1 address such as "B4" or "$B$4" (dollar signs are accepted and ignored).</summary>
    public static CellAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var address)
            ? address
            : throw new FormatException($"'{text}' is not a cell address such as B4.");
    }

    /// <summary>Tries to parse an A1 address such as "B4" or "$B$4".</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out CellAddress address)
    {
        address = default;
        return text is not null && TryParse(text.AsSpan(), out address);
    }

    /// <summary>Tries to parse an A1 address such as "B4" or "$B$4".</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out CellAddress address)
    {
        address = default;
        int i = 0;
        if (i < text.Length && text[i] == '$')
        {
            i++;
        }

        int column = 0;
        int letters = 0;
        while (i < text.Length && char.IsAsciiLetter(text[i]))
        {
            if (++letters > 3)
            {
                return false;
            }

            column = (column * 26) + (char.ToUpperInvariant(text[i]) - 'A' + 1);
            i++;
        }

        if (letters == 0 || column > MaxColumns)
        {
            return false;
        }

        if (i < text.Length && text[i] == '$')
        {
            i++;
        }

        int row = 0;
        int digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            if (++digits > 7)
            {
                return false;
            }

            row = (row * 10) + (text[i] - '0');
            i++;
        }

        if (digits == 0 || i != text.Length || row < 1 || row > MaxRows)
        {
            return false;
        }

        address = new CellAddress(row, column);
        return true;
    }

    /// <summary>Column letters for a 1-based column number: 1 is "A", 28 is "AB", 16384 is "XFD".</summary>
    public static string ColumnName(int column)
    {
        if (column < 1 || column > MaxColumns)
        {
            throw new ArgumentOutOfRangeException(nameof(column), column, $"Column must be between 1 and {MaxColumns}.");
        }

        Span<char> buffer = stackalloc char[3];
        int pos = 3;
        while (column > 0)
        {
            int rem = (column - 1) % 26;
            buffer[--pos] = (char)('A' + rem);
            column = (column - 1) / 26;
        }

        return new string(buffer[pos..]);
    }

    /// <summary>The 1-based column number for column letters ("A" is 1, "xfd" is 16384); 0 when not a column name.</summary>
    public static int ColumnNumber(ReadOnlySpan<char> letters)
    {
        if (letters.Length is 0 or > 3)
        {
            return 0;
        }

        int column = 0;
        foreach (char c in letters)
        {
            if (!char.IsAsciiLetter(c))
            {
                return 0;
            }

            column = (column * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return column <= MaxColumns ? column : 0;
    }

    /// <summary>The A1 text, such as "B4".</summary>
    public override string ToString() => ColumnName(Column) + Row.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Orders by row, then column (reading order).</summary>
    public int CompareTo(CellAddress other) => Row != other.Row ? Row.CompareTo(other.Row) : Column.CompareTo(other.Column);

    /// <summary>Less than in reading order.</summary>
    public static bool operator <(CellAddress left, CellAddress right) => left.CompareTo(right) < 0;

    /// <summary>Greater than in reading order.</summary>
    public static bool operator >(CellAddress left, CellAddress right) => left.CompareTo(right) > 0;

    /// <summary>Less than or equal in reading order.</summary>
    public static bool operator <=(CellAddress left, CellAddress right) => left.CompareTo(right) <= 0;

    /// <summary>Greater than or equal in reading order.</summary>
    public static bool operator >=(CellAddress left, CellAddress right) => left.CompareTo(right) >= 0;
}
