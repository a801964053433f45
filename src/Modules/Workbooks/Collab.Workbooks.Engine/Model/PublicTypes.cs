namespace Collab.Workbooks.Engine;

/// <summary>A cell on a named sheet, as reported to callers (for example the cells whose value changed).</summary>
/// <param name="Sheet">The sheet's name.</param>
/// <param name="Address">The cell.</param>
public readonly record struct CellLocation(string Sheet, CellAddress Address)
{
    /// <summary>"Sheet1!B4" (the sheet quoted when needed).</summary>
    public override string ToString() => SheetNames.Quote(Sheet) + "!" + Address;
}

/// <summary>What a cell holds: its input (what was typed; formulas normalised), computed value and format.</summary>
/// <param name="Address">The cell.</param>
/// <param name="Input">What was typed, formulas in normalised form ("=SUM(A1:A3)"); null for an empty cell.</param>
/// <param name="Value">The computed value (blank for an empty cell).</param>
/// <param name="Format">The cell's format.</param>
public readonly record struct CellInfo(CellAddress Address, string? Input, CellValue Value, CellFormat Format)
{
    /// <summary>True when the input is a formula.</summary>
    public bool IsFormula => Input is { Length: > 1 } && Input[0] == '=';

    /// <summary>True when the cell has no input.</summary>
    public bool IsEmpty => Input is null;
}

/// <summary>A workbook-scoped defined name.</summary>
/// <param name="Name">The name as defined.</param>
/// <param name="RefersTo">The formula it stands for, such as "=Inputs!$B$2".</param>
public readonly record struct NameDefinition(string Name, string RefersTo);
