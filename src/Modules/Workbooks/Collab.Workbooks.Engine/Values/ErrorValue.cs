using System.Diagnostics.CodeAnalysis;

namespace Collab.Workbooks.Engine;

/// <summary>The error values a cell can hold, as in Excel, plus <see cref="Circular"/> for cells in a reference cycle.</summary>
public enum ErrorValue : byte
{
    /// <summary>#NULL! (an empty intersection).</summary>
    Null = 1,

    /// <summary>#DIV/0! (division by zero).</summary>
    DivisionByZero,

    /// <summary>#VALUE! (a value of the wrong type).</summary>
    Value,

    /// <summary>#REF! (a reference to a deleted cell or sheet, or outside the sheet).</summary>
    Reference,

    /// <summary>#NAME? (an unknown function or name).</summary>
    Name,

    /// <summary>#NUM! (a number that cannot be computed).</summary>
    Number,

    /// <summary>#N/A (no value available).</summary>
    NotAvailable,

    /// <summary>#CIRC! (the cell is part of a circular reference; Collab's own error, Excel shows 0 and a warning).</summary>
    Circular,
}

/// <summary>Text of error values and parsing of error literals.</summary>
public static class ErrorValues
{
    private static readonly string[] Texts = ["", "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#CIRC!"];

    /// <summary>The error's text as Excel shows it, such as "#DIV/0!".</summary>
    public static string ToText(this ErrorValue error) => Texts[(int)error];

    /// <summary>Parses an error literal such as "#N/A" (case-insensitive).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ErrorValue error) =>
        TryParse(text.AsSpan(), out error);

    /// <summary>Parses an error literal such as "#N/A" (case-insensitive).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ErrorValue error)
    {
        for (int i = 1; i < Texts.Length; i++)
        {
            if (text.Equals(Texts[i], StringComparison.OrdinalIgnoreCase))
            {
                error = (ErrorValue)i;
                return true;
            }
        }

        error = default;
        return false;
    }

    /// <summary>Every error literal, longest first (for a tokenizer).</summary>
    internal static IEnumerable<(string Text, ErrorValue Error)> Literals()
    {
        var list = new List<(string, ErrorValue)>();
        for (int i = 1; i < Texts.Length; i++)
        {
            list.Add((Texts[i], (ErrorValue)i));
        }

        list.Sort((a, b) => b.Item1.Length.CompareTo(a.Item1.Length));
        return list;
    }
}
