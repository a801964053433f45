namespace Collab.Workbooks.Engine;

/// <summary>A defined name and its bound formula.</summary>
internal sealed class DefinedName(string name, Node root)
{
    public string Name { get; } = name;

    /// <summary>The bound formula; unqualified references were given the first sheet when defined.</summary>
    public Node Root { get; set; } = root;

    public string RefersTo => FormulaPrinter.Print(Root);

    /// <summary>
    /// Whether a string can be a defined name: starts with a letter, underscore or backslash; then letters,
    /// digits, underscores, periods; not a cell reference, not TRUE/FALSE, not "R" or "C"; at most 255 characters.
    /// </summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "A name cannot be empty.";
        }

        if (name.Length > 255)
        {
            return "A name can have at most 255 characters.";
        }

        if (!(char.IsLetter(name[0]) || name[0] == '_' || name[0] == '\\'))
        {
            return "A name must start with a letter, an underscore or a backslash.";
        }

        foreach (char c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '.' or '\\'))
            {
                return $"A name cannot contain '{c}'.";
            }
        }

        if (CellAddress.TryParse(name, out _) || name.Equals("R", StringComparison.OrdinalIgnoreCase) || name.Equals("C", StringComparison.OrdinalIgnoreCase)
            || name.Equals("TRUE", StringComparison.OrdinalIgnoreCase) || name.Equals("FALSE", StringComparison.OrdinalIgnoreCase))
        {
            return $"'{name}' cannot be a name because it reads as a cell reference or a value.";
        }

        return null;
    }
}
