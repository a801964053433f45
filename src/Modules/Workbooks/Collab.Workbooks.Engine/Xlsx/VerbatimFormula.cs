using System.Diagnostics.CodeAnalysis;

namespace Collab.Workbooks.Engine.Xlsx;

/// <summary>
/// A formula from a file that the engine cannot evaluate faithfully (it does not parse, or it is an array formula
/// that needs array evaluation) is stored as <c>=UNSUPPORTED.FORMULA("original text")</c>, or
/// <c>=UNSUPPORTED.FORMULA("original text","B2:B9")</c> for an array formula over B2:B9. The engine knows no such
/// function, so the cell shows #NAME?; the exporter writes the original formula back unchanged.
/// </summary>
internal static class VerbatimFormula
{
    public const string FunctionName = "UNSUPPORTED.FORMULA";

    /// <summary>The cell input that keeps <paramref name="fileText"/>, or null when it would be too long for a formula.</summary>
    public static string? Wrap(string fileText, string? arrayRange)
    {
        string input = "=" + FunctionName + "(" + Quote(fileText) + (arrayRange is null ? string.Empty : "," + Quote(arrayRange)) + ")";
        return input.Length <= FormulaParser.MaxLength ? input : null;
    }

    public static bool IsMarker(FunctionNode node) => node.Definition is null && node.Name == FunctionName;

    /// <summary>Recognises a stored verbatim formula and gives back its file text and array range.</summary>
    public static bool TryUnwrap(Node root, [NotNullWhen(true)] out string? fileText, out string? arrayRange)
    {
        fileText = null;
        arrayRange = null;
        if (root is not FunctionNode f || !IsMarker(f) || f.Args.Length is < 1 or > 2 || f.Args[0] is not TextNode text)
        {
            return false;
        }

        if (f.Args.Length == 2)
        {
            if (f.Args[1] is not TextNode range || !RangeAddress.TryParse(range.Value, out _))
            {
                return false;
            }

            arrayRange = range.Value;
        }

        fileText = text.Value;
        return true;
    }

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
