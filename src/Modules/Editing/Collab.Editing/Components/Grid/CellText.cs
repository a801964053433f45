using Collab.Workbooks.Engine;

namespace Collab.Editing.Components.Grid;

/// <summary>
/// The one place that turns a value and its number format into the text a cell shows. Until the engine's
/// <c>NumberFormat.Format(CellValue, string?)</c> lands it shows every value as General; then <see cref="Format"/>
/// becomes a one-line call to it.
/// </summary>
internal static class CellText
{
    /// <summary>The text shown for <paramref name="value"/> formatted with <paramref name="numberFormat"/> (null: General).</summary>
    public static string Format(CellValue value, string? numberFormat) => NumberFormat.Format(value, numberFormat);

    /// <summary>A sentence that explains an error value, for its tooltip.</summary>
    public static string Explain(ErrorValue error) => error switch
    {
        ErrorValue.DivisionByZero => "#DIV/0!: the formula divides by zero or by an empty cell.",
        ErrorValue.Reference => "#REF!: the formula refers to a cell, row, column or sheet that was deleted or lies outside the sheet.",
        ErrorValue.Name => "#NAME?: the formula uses a function or defined name that does not exist (check the spelling).",
        ErrorValue.Value => "#VALUE!: a value has the wrong type, such as text where a number is needed.",
        ErrorValue.NotAvailable => "#N/A: no value is available, typically a lookup that found no match.",
        ErrorValue.Number => "#NUM!: the result is not a valid number (too large, or a calculation that cannot converge).",
        ErrorValue.Null => "#NULL!: two ranges that should intersect do not.",
        ErrorValue.Circular => "#CIRC!: the formula depends on itself through a circular reference; break the cycle.",
        _ => "An error.",
    };

    /// <summary>
    /// What a typed input shows before the server has computed it: a literal as its value; a formula keeps the cell's
    /// current value (its result is unknown until acknowledged).
    /// </summary>
    public static CellValue? LiteralValue(string input)
    {
        if (input.Length == 0)
        {
            return CellValue.Blank;
        }

        if (input[0] == '=' && input.Length > 1)
        {
            return null;
        }

        if (input[0] == '\'')
        {
            return CellValue.FromText(input[1..]);
        }

        var trimmed = input.Trim();
        if (NumberText.TryParse(trimmed, out var number))
        {
            return CellValue.FromNumber(number);
        }

        if (trimmed.Equals("TRUE", StringComparison.OrdinalIgnoreCase))
        {
            return CellValue.True;
        }

        if (trimmed.Equals("FALSE", StringComparison.OrdinalIgnoreCase))
        {
            return CellValue.False;
        }

        return ErrorValues.TryParse(trimmed, out var error) ? CellValue.FromError(error) : CellValue.FromText(input);
    }
}
