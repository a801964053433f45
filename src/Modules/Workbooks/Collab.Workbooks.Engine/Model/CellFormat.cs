namespace Collab.Workbooks.Engine;

/// <summary>How a cell is shown: an Excel number format code (null for General) and bold.</summary>
/// <param name="NumberFormat">An Excel number format such as "#,##0.00"; null is General.</param>
/// <param name="Bold">Whether the cell's text is bold.</param>
public sealed record CellFormat(string? NumberFormat, bool Bold)
{
    /// <summary>General, not bold.</summary>
    public static CellFormat Default { get; } = new(null, false);

    /// <summary>True when the format is the default one.</summary>
    public bool IsDefault => NumberFormat is null && !Bold;
}
