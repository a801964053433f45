using System.Diagnostics.CodeAnalysis;

namespace Collab.Workbooks.Engine;

/// <summary>A parsed formula, independent of any workbook. Printing gives normalised, equivalent text.</summary>
public sealed class Formula
{
    private Formula(Node root) => Root = root;

    internal Node Root { get; }

    /// <summary>Parses formula text such as "=SUM(A1:A3)*2" (the leading '=' is optional).</summary>
    /// <exception cref="FormulaParseException">The text is not a valid formula; the message names the position.</exception>
    public static Formula Parse(string text) => new(FormulaParser.Parse(text));

    /// <summary>Tries to parse formula text; on failure <paramref name="error"/> tells where and why.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out Formula? formula, [NotNullWhen(false)] out FormulaParseException? error)
    {
        try
        {
            formula = Parse(text);
            error = null;
            return true;
        }
        catch (FormulaParseException e)
        {
            formula = null;
            error = e;
            return false;
        }
    }

    /// <summary>The normalised text with the leading '=': function names and references upper-case, spaces removed.</summary>
    public string Print() => FormulaPrinter.Print(Root);

    /// <inheritdoc cref="Print"/>
    public override string ToString() => Print();
}
