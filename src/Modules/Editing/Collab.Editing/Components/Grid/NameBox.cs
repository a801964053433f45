using Collab.Workbooks.Engine;

namespace Collab.Editing.Components.Grid;

/// <summary>What the name box understands: <c>B4</c>, <c>A1:C3</c>, <c>Sheet2!B4</c>, <c>'My sheet'!A1</c>, or a defined name.</summary>
internal static class NameBox
{
    /// <summary>The sheet and range the text names; null when it names nothing.</summary>
    public static (string Sheet, RangeAddress Range)? Resolve(string? text, string currentSheet, IReadOnlyList<NameDefinition> names)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (Parse(text, currentSheet) is { } direct)
        {
            return direct;
        }

        foreach (var name in names)
        {
            if (string.Equals(name.Name, text, StringComparison.OrdinalIgnoreCase))
            {
                var refersTo = name.RefersTo.TrimStart('=').Trim();
                return Parse(refersTo, currentSheet);
            }
        }

        return null;
    }

    private static (string Sheet, RangeAddress Range)? Parse(string text, string currentSheet)
    {
        var sheet = currentSheet;
        var reference = text;
        var bang = text.LastIndexOf('!');
        if (bang > 0)
        {
            sheet = text[..bang];
            if (sheet.Length >= 2 && sheet[0] == '\'' && sheet[^1] == '\'')
            {
                sheet = sheet[1..^1].Replace("''", "'", StringComparison.Ordinal);
            }

            reference = text[(bang + 1)..];
        }

        reference = reference.Replace("$", "", StringComparison.Ordinal);
        if (CellAddress.TryParse(reference, out var cell))
        {
            return (sheet, RangeAddress.FromCell(cell));
        }

        return RangeAddress.TryParse(reference, out var range) ? (sheet, range) : null;
    }
}
