using Collab.Workbooks.Engine;

namespace Collab.Editing.Core;

/// <summary>Finds the sheet names a formula refers to, in its normalized printed form.</summary>
internal static class FormulaSheets
{
    /// <summary>
    /// The sheet qualifiers of a printed formula ('Cash Flow'!A1, Inputs!B2): string literals and error literals
    /// (#REF!) are skipped; the printer quotes every name that needs it, so the scan is exact.
    /// </summary>
    public static List<string> Referenced(string printed)
    {
        var names = new List<string>();
        int i = 0;
        while (i < printed.Length)
        {
            char c = printed[i];
            if (c == '"')
            {
                i++;
                while (i < printed.Length)
                {
                    if (printed[i] == '"')
                    {
                        if (i + 1 < printed.Length && printed[i + 1] == '"')
                        {
                            i += 2;
                            continue;
                        }

                        break;
                    }

                    i++;
                }

                i++;
            }
            else if (c == '#')
            {
                i++;
                while (i < printed.Length && (char.IsLetterOrDigit(printed[i]) || printed[i] is '/' or '_' or '!' or '?'))
                {
                    i++;
                }
            }
            else if (c == '\'')
            {
                var sb = new System.Text.StringBuilder();
                i++;
                while (i < printed.Length)
                {
                    if (printed[i] == '\'')
                    {
                        if (i + 1 < printed.Length && printed[i + 1] == '\'')
                        {
                            sb.Append('\'');
                            i += 2;
                            continue;
                        }

                        break;
                    }

                    sb.Append(printed[i++]);
                }

                i++;
                if (i < printed.Length && printed[i] == '!')
                {
                    names.Add(sb.ToString());
                }
            }
            else if (char.IsLetterOrDigit(c) || c is '_' or '.' or '\\')
            {
                int start = i;
                while (i < printed.Length && (char.IsLetterOrDigit(printed[i]) || printed[i] is '_' or '.' or '\\' or '?' or '$'))
                {
                    i++;
                }

                if (i < printed.Length && printed[i] == '!')
                {
                    names.Add(printed[start..i]);
                }
            }
            else
            {
                i++;
            }
        }

        return names;
    }

    /// <summary>Why a formula input is not acceptable (does not parse, or names a missing sheet); null when it is fine.</summary>
    public static string? Problem(string input, Func<string, bool> sheetExists)
    {
        if (input.Length < 2 || input[0] != '=')
        {
            return null;
        }

        if (!Formula.TryParse(input, out var formula, out var error))
        {
            return $"The formula '{Shorten(input)}' does not parse: {error.Message}";
        }

        foreach (var name in Referenced(formula.Print()))
        {
            if (!sheetExists(name))
            {
                return $"The formula '{Shorten(input)}' refers to sheet '{name}', which does not exist.";
            }
        }

        return null;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}
