namespace Collab.Workbooks.Engine;

/// <summary>One stored cell: its input, computed value, format and, for formulas, the compiled formula.</summary>
internal sealed class Cell(Sheet sheet, int row, int column)
{
    public Sheet Sheet { get; set; } = sheet;

    public int Row { get; set; } = row;

    public int Column { get; set; } = column;

    /// <summary>
    /// What the person typed (formulas normalised, printed from the shared shape on demand rather than stored); null
    /// when the cell only carries a format.
    /// </summary>
    public string? Input => Formula is { } formula ? FormulaPrinter.Print(formula.Root, Row, Column) : Text;

    /// <summary>The typed input of a cell that holds no formula.</summary>
    public string? Text { get; set; }

    public CellValue Value { get; set; }

    public CellFormat? Format { get; set; }

    public FormulaState? Formula { get; set; }

    public bool HasInput => Formula is not null || Text is not null;

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
internal sealed class FormulaState(FormulaShape shape)
{
    /// <summary>The formula's tree, shared with the cells of the same sheet that have the same R1C1 shape.</summary>
    public FormulaShape Shape { get; set; } = shape;

    /// <summary>The shape's tree: relative coordinates are offsets from this cell.</summary>
    public Node Root => Shape.Root;

    public bool IsVolatile { get; set; }

    public bool IsNondeterministic { get; set; }

    public bool UsesNames { get; set; }

    /// <summary>Refers to a sheet or name that does not exist (yet).</summary>
    public bool HasUnresolved { get; set; }

    /// <summary>
    /// Its last evaluation read its own position (implicit intersection, ROW()): a structural change that moves it,
    /// or moves what it reads but not it, recalculates it. True until first evaluated.
    /// </summary>
    public bool UsesPosition { get; set; } = true;

    /// <summary>Has a reference in a reference-only argument (ROW(A5), OFFSET's anchor), bound without a dependency.</summary>
    public bool HasReferenceArguments { get; set; }

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
