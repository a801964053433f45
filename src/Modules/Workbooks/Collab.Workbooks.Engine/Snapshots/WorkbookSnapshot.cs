namespace Collab.Workbooks.Engine;

/// <summary>
/// A workbook's inputs as plain data: sheets in order with their cells' inputs and formats, column widths and
/// defined names. Values are not stored: loading recalculates. Serializes with System.Text.Json (use camelCase).
/// </summary>
/// <param name="Sheets">The sheets in order.</param>
/// <param name="Names">The defined names.</param>
public sealed record WorkbookSnapshot(IReadOnlyList<SheetSnapshot> Sheets, IReadOnlyList<NameSnapshot> Names);

/// <summary>One sheet of a <see cref="WorkbookSnapshot"/>.</summary>
/// <param name="Name">The sheet name.</param>
/// <param name="Cells">Cells with an input or a format, in reading order.</param>
/// <param name="ColumnWidths">Columns with a set width.</param>
public sealed record SheetSnapshot(string Name, IReadOnlyList<CellSnapshot> Cells, IReadOnlyList<ColumnWidthSnapshot> ColumnWidths);

/// <summary>One cell of a <see cref="SheetSnapshot"/>.</summary>
/// <param name="Cell">A1 address such as "B4".</param>
/// <param name="Input">What was typed (null for a cell that only has a format).</param>
/// <param name="NumberFormat">Number format, null for General.</param>
/// <param name="Bold">Bold text.</param>
public sealed record CellSnapshot(string Cell, string? Input, string? NumberFormat = null, bool Bold = false);

/// <summary>A column width of a <see cref="SheetSnapshot"/>.</summary>
/// <param name="Column">1-based column number.</param>
/// <param name="Width">Width in Excel's character units.</param>
public sealed record ColumnWidthSnapshot(int Column, double Width);

/// <summary>A defined name of a <see cref="WorkbookSnapshot"/>.</summary>
/// <param name="Name">The name.</param>
/// <param name="RefersTo">Its formula, such as "=Inputs!$B$2".</param>
public sealed record NameSnapshot(string Name, string RefersTo);
