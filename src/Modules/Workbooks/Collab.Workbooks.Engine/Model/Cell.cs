namespace Collab.Workbooks.Engine;

/// <summary>One stored cell: its input, computed value, format and, for formulas, the compiled formula.</summary>
internal sealed class Cell(Sheet sheet, int row, int column)
{
    public Sheet Sheet { get; set; } = sheet;

    public int Row { get; set; } = row;

    public int Column { get; set; } = column;

    /// <summary>What the person typed (formulas normalised); null when the cell only carries a format.</summary>
    public string? Input { get; set; }

    public CellValue Value { get; set; }

    public CellFormat? Format { get; set; }

    public FormulaState? Formula { get; set; }

    public bool HasInput => Input is not null;

    public long Key => Sheet.PackKey(Row, Column);

    public override string ToString() => Sheet.Name + "!" + CellAddress.ColumnName(Column) + Row.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

internal enum PassState : byte
{
    Pending,
    Done,

    /// <summary>A member of a cycle being confirmed: reads of it give #CIRC! (see Workbook.ConfirmCycle).</summary>
    Cycle,
}

/// <summary>A compiled formula with its dependency registrations and its scratch state for recalculation passes.</summary>
internal sealed class FormulaState(Node root)
{
    public Node Root { get; set; } = root;

    public bool IsVolatile { get; set; }

    public bool IsNondeterministic { get; set; }

    public bool UsesNames { get; set; }

    /// <summary>Refers to a sheet or name that does not exist (yet).</summary>
    public bool HasUnresolved { get; set; }

    /// <summary>Point dependencies registered for this formula: (sheet, packed cell key).</summary>
    public (Sheet Sheet, long Key)[] Points { get; set; } = [];

    /// <summary>Range dependencies registered for this formula.</summary>
    public RangeDependency[] Ranges { get; set; } = [];

    // Scratch state of the recalculation pass identified by PassId.
    public int PassId { get; set; }

    public PassState State { get; set; }

    public int InDegree { get; set; }

    /// <summary>This cell's dependents in the pass: a slice of the pass's shared edge list.</summary>
    public int OutStart { get; set; }

    public int OutCount { get; set; }
}
