namespace Collab.Workbooks.Engine;

/// <summary>Sheet name rules as in Excel: validation, quoting in formulas, comparison.</summary>
public static class SheetNames
{
    /// <summary>Sheet names compare case-insensitively, as in Excel.</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>
    /// Why <paramref name="name"/> is not a valid sheet name, or null when it is: 1 to 31 characters,
    /// none of : \ / ? * [ ], not blank, not starting or ending with an apostrophe.
    /// </summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "A sheet name cannot be blank.";
        }

        if (name.Length > 31)
        {
            return "A sheet name can have at most 31 characters.";
        }

        if (name.AsSpan().IndexOfAny(":\\/?*[]") >= 0)
        {
            return "A sheet name cannot contain any of : \\ / ? * [ ].";
        }

        if (name[0] == '\'' || name[^1] == '\'')
        {
            return "A sheet name cannot begin or end with an apostrophe.";
        }

        return null;
    }

    /// <summary>True when a formula must quote the name ('Cash Flow'!A1).</summary>
    public static bool NeedsQuotes(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || char.IsAsciiDigit(name[0]) || name[0] == '.')
        {
            return true;
        }

        foreach (char c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_' || c == '.'))
            {
                return true;
            }
        }

        // Names that read as a cell reference, a boolean or R1C1 notation must be quoted.
        if (LooksLikeCellReference(name) || name.Equals("TRUE", StringComparison.OrdinalIgnoreCase)
            || name.Equals("FALSE", StringComparison.OrdinalIgnoreCase) || LooksLikeR1C1(name))
        {
            return true;
        }

        return false;
    }

    /// <summary>The name as written before '!' in a formula: quoted with '' escaping when needed.</summary>
    public static string Quote(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return NeedsQuotes(name) ? "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'" : name;
    }

    private static bool LooksLikeCellReference(string name)
    {
        int i = 0;
        while (i < name.Length && char.IsAsciiLetter(name[i]))
        {
            i++;
        }

        if (i == 0 || i > 3 || i == name.Length)
        {
            return false;
        }

        for (int j = i; j < name.Length; j++)
        {
            if (!char.IsAsciiDigit(name[j]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool LooksLikeR1C1(string name)
    {
        var upper = name.ToUpperInvariant();
        if (upper is "R" or "C")
        {
            return true;
        }

        if (upper[0] is not ('R' or 'C'))
        {
            return false;
        }

        int i = 1;
        while (i < upper.Length && (char.IsAsciiDigit(upper[i]) || upper[i] is 'R' or 'C'))
        {
            i++;
        }

        return i == upper.Length && upper.AsSpan(1).IndexOfAnyInRange('0', '9') >= 0;
    }
}
