using Collab.Workbooks.Engine.Xlsx;

namespace Collab.Workbooks.Engine;

/// <summary>
/// Rewrites formula text without a workbook: for structural changes, so that a formula typed concurrently with
/// an insert, delete or sheet rename can be transformed (operational transformation), and for copies, so that a
/// pasted formula reads the cells at the same distance as the original did. Inputs that are not formulas, and
/// formulas that do not parse, pass through unchanged. Output is normalised formula text.
/// </summary>
public static class FormulaRewriter
{
    /// <summary>
    /// The formula as Excel writes it when a cell is copied <paramref name="rows"/> down and <paramref name="columns"/>
    /// right (negative: up, left): each relative row or column of a reference moves that far, absolute ones (after a
    /// '$': $A$1, $A1, A$1) stay. Both ends of a range move; whole columns (A:C) keep spanning every row and whole rows
    /// (3:5) every column; references to other sheets move the same way. A reference moved off the sheet (above row 1,
    /// left of column A, past the last row or column) becomes #REF!, a range with such an end as a whole. Names,
    /// functions and text in quotes are untouched. A formula kept as the file wrote it because the engine cannot read
    /// it (<c>=UNSUPPORTED.FORMULA("...")</c>, from an import) has the references of that text moved; an array formula
    /// kept that way passes unchanged.
    /// </summary>
    /// <param name="input">A cell input: a formula starting with '='; anything else is returned as it is.</param>
    /// <param name="rows">Rows between the original cell and the copy.</param>
    /// <param name="columns">Columns between the original cell and the copy.</param>
    /// <returns>The moved formula, normalised; <paramref name="input"/> itself when nothing moved.</returns>
    public static string Shift(string input, int rows, int columns)
    {
        if ((rows == 0 && columns == 0) || ParseFormula(input) is not { } root)
        {
            return input;
        }

        if (VerbatimFormula.TryUnwrap(root, out var fileText, out var arrayRange))
        {
            return arrayRange is null ? VerbatimFormula.Wrap(FormulaFileText.Shift(fileText, rows, columns), null) ?? input : input;
        }

        return Print(input, root, new CopyRewriter(rows, columns));
    }

    /// <summary>Shifts the references of a formula typed on <paramref name="hostSheet"/> through an insert or delete.</summary>
    public static string Rewrite(string input, string hostSheet, StructuralChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return RewriteWith(input, new StructuralRewriter(change, hostSheet));
    }

    /// <summary>Rewrites references that name sheet <paramref name="oldName"/> to <paramref name="newName"/>.</summary>
    public static string RenameSheet(string input, string oldName, string newName) =>
        RewriteWith(input, new SheetRenameRewriter(oldName, newName));

    /// <summary>
    /// Turns references to the deleted sheet into #REF! (=Gone!A1+1 becomes =#REF!+1). A formula living on the
    /// deleted sheet itself is deleted with it; its unqualified references are treated like the others.
    /// </summary>
    public static string DeleteSheet(string input, string hostSheet, string deletedSheet) =>
        RewriteWith(input, new SheetDeleteRewriter(deletedSheet, hostSheet));

    private static string RewriteWith(string input, ReferenceRewriter rewriter) =>
        ParseFormula(input) is { } root ? Print(input, root, rewriter) : input;

    // The tree of a formula input; null for other inputs and for formulas that do not parse.
    private static Node? ParseFormula(string input)
    {
        if (input is null || input.Length < 2 || input[0] != '=')
        {
            return null;
        }

        try
        {
            return FormulaParser.Parse(input);
        }
        catch (FormulaParseException)
        {
            return null;
        }
    }

    private static string Print(string input, Node root, ReferenceRewriter rewriter)
    {
        var rewritten = rewriter.Rewrite(root);
        return rewriter.Changed ? FormulaPrinter.Print(rewritten) : input;
    }
}
