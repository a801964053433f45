namespace Collab.Workbooks.Engine.Xlsx;

/// <summary>What an import kept, what it changed and what it left out.</summary>
/// <param name="Sheets">Every imported sheet in order.</param>
/// <param name="CellCount">Cells with a value or a formula, over all sheets.</param>
/// <param name="FormulaCount">Cells with a formula, over all sheets.</param>
/// <param name="NameCount">Workbook-scoped defined names imported.</param>
/// <param name="UnsupportedFunctions">Distinct names of functions the engine does not know (their cells show #NAME?), upper-case, sorted.</param>
/// <param name="Notes">Everything skipped or changed, each with where and why; at most <see cref="MaxNotes"/> are listed.</param>
/// <param name="OmittedNoteCount">Notes beyond <see cref="MaxNotes"/> that were counted but not listed.</param>
public sealed record ImportReport(
    IReadOnlyList<ImportedSheet> Sheets,
    int CellCount,
    int FormulaCount,
    int NameCount,
    IReadOnlyList<string> UnsupportedFunctions,
    IReadOnlyList<ImportNote> Notes,
    int OmittedNoteCount)
{
    /// <summary>The most notes a report lists; the rest are only counted.</summary>
    public const int MaxNotes = 1000;

    /// <summary>The notes about things left out of the workbook.</summary>
    public IEnumerable<ImportNote> Skipped => Notes.Where(n => n.Kind == ImportNoteKind.Skipped);
}

/// <summary>One imported sheet.</summary>
/// <param name="Name">The sheet name as in the file.</param>
/// <param name="CellCount">Cells with a value or a formula.</param>
/// <param name="FormulaCount">Cells with a formula.</param>
public sealed record ImportedSheet(string Name, int CellCount, int FormulaCount);

/// <summary>What an <see cref="ImportNote"/> is about.</summary>
public enum ImportNoteKind
{
    /// <summary>Something in the file was left out (a chart sheet, a sheet-scoped name, an unknown error value...).</summary>
    Skipped,

    /// <summary>
    /// A formula the engine cannot evaluate was kept verbatim: the cell shows #NAME? and exporting writes the
    /// original formula back unchanged.
    /// </summary>
    KeptVerbatim,

    /// <summary>Something was kept in an equivalent form (an array formula as plain formulas, a locale format as General...).</summary>
    Converted,
}

/// <summary>One thing the import skipped or changed.</summary>
/// <param name="Kind">Skipped, kept verbatim or converted.</param>
/// <param name="Location">Where: "Sheet1!B4", "Sheet1!B4:B9", "name Rate", "sheet Chart1".</param>
/// <param name="Reason">Why, as a sentence.</param>
public sealed record ImportNote(ImportNoteKind Kind, string Location, string Reason);
