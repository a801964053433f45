namespace Collab.Workbooks.Engine;

/// <summary>
/// Rewrites formula text for structural changes without a workbook, so that a formula typed concurrently with
/// an insert, delete or sheet rename can be transformed (operational transformation). Inputs that are not
/// formulas, and formulas that do not parse, pass through unchanged. Output is normalised formula text.
/// </summary>
public static class FormulaRewriter
{
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

    private static string RewriteWith(string input, ReferenceRewriter rewriter)
    {
        if (input is null || input.Length < 2 || input[0] != '=')
        {
            return input!;
        }

        Node root;
        try
        {
            root = FormulaParser.Parse(input);
        }
        catch (FormulaParseException)
        {
            return input;
        }

        var rewritten = rewriter.Rewrite(root);
        return rewriter.Changed ? FormulaPrinter.Print(rewritten) : input;
    }
}
