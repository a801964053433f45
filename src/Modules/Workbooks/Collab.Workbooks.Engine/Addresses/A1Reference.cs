using System.Diagnostics.CodeAnalysis;

namespace Collab.Workbooks.Engine;

/// <summary>
/// A reference as written in a formula: an optional sheet ("'Cash Flow'!"), a cell or range, and which
/// coordinates are absolute ($). Parses "B4", "$B$4", "Sheet2!A1:C3", "'It''s'!A:A", "3:5".
/// </summary>
/// <param name="Sheet">The sheet named before '!', unquoted (null when the reference has no sheet).</param>
/// <param name="Range">The cell or range (a single cell is a one-cell range).</param>
/// <param name="StartColumnAbsolute">$ before the first column.</param>
/// <param name="StartRowAbsolute">$ before the first row.</param>
/// <param name="EndColumnAbsolute">$ before the last column.</param>
/// <param name="EndRowAbsolute">$ before the last row.</param>
public sealed record A1Reference(string? Sheet, RangeAddress Range, bool StartColumnAbsolute = false, bool StartRowAbsolute = false,
    bool EndColumnAbsolute = false, bool EndRowAbsolute = false)
{
    private bool IsSingleCellForm { get; init; }

    /// <summary>True when written as one cell ("B4", not "B4:B4").</summary>
    public bool IsSingleCell => IsSingleCellForm;

    /// <summary>Parses a reference; throws <see cref="FormatException"/> (a <see cref="FormulaParseException"/> for malformed text) otherwise.</summary>
    public static A1Reference Parse(string text) =>
        TryParse(text, out var reference) ? reference : throw new FormatException($"'{text}' is not a cell or range reference.");

    /// <summary>Tries to parse a reference such as "'Cash Flow'!$B$4:C9".</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out A1Reference? reference)
    {
        reference = null;
        if (string.IsNullOrWhiteSpace(text) || text.StartsWith('='))
        {
            return false;
        }

        Node node;
        try
        {
            node = FormulaParser.Parse(text);
        }
        catch (FormulaParseException)
        {
            return false;
        }

        switch (node)
        {
            case CellRefNode c:
                var cell = new CellAddress(c.Row, c.Column);
                reference = new A1Reference(c.SheetName, RangeAddress.FromCell(cell), c.ColumnAbsolute, c.RowAbsolute, c.ColumnAbsolute, c.RowAbsolute)
                {
                    IsSingleCellForm = true,
                };
                return true;
            case AreaRefNode a:
                reference = new A1Reference(a.SheetName, new RangeAddress(a.Row1, a.Column1, a.Row2, a.Column2),
                    a.Column1Absolute, a.Row1Absolute, a.Column2Absolute, a.Row2Absolute);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The normalised text: upper-case, the sheet quoted when needed ("'Cash Flow'!$B$4:C9").</summary>
    public override string ToString()
    {
        Node node;
        if (IsSingleCellForm)
        {
            node = new CellRefNode(Sheet, Range.Start.Row, Range.Start.Column, StartRowAbsolute, StartColumnAbsolute);
        }
        else
        {
            var kind = Range.IsWholeColumns && !Range.IsWholeRows ? AreaKind.Columns
                : Range.IsWholeRows && !Range.IsWholeColumns ? AreaKind.Rows : AreaKind.Cells;
            node = new AreaRefNode(Sheet, kind, Range.Start.Row, Range.Start.Column, Range.End.Row, Range.End.Column,
                StartRowAbsolute, StartColumnAbsolute, EndRowAbsolute, EndColumnAbsolute);
        }

        return FormulaPrinter.Print(node, withEquals: false);
    }
}
