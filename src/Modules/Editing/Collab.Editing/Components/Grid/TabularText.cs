using System.Text;

namespace Collab.Editing.Components.Grid;

/// <summary>
/// Tab-separated text as Excel and Google Sheets put it on the clipboard: cells by tabs, rows by newlines, and a cell
/// holding a tab, newline or quote wrapped in quotes (quotes doubled).
/// </summary>
internal static class TabularText
{
    /// <summary>Quotes a cell's text when it needs it.</summary>
    public static string Quote(string text) =>
        text.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0 || text.StartsWith('"')
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;

    /// <summary>Parses clipboard text into rows of cells; a trailing newline ends the last row; short rows are padded.</summary>
    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var i = 0;
        var atCellStart = true;
        while (i < text.Length)
        {
            var ch = text[i];
            if (atCellStart && ch == '"')
            {
                // A quoted cell: up to the closing quote, "" is a quote.
                var j = i + 1;
                var quoted = new StringBuilder();
                var closed = false;
                while (j < text.Length)
                {
                    if (text[j] == '"')
                    {
                        if (j + 1 < text.Length && text[j + 1] == '"')
                        {
                            quoted.Append('"');
                            j += 2;
                            continue;
                        }

                        closed = true;
                        j++;
                        break;
                    }

                    quoted.Append(text[j++]);
                }

                if (closed && (j >= text.Length || text[j] is '\t' or '\r' or '\n'))
                {
                    cell.Append(quoted);
                    i = j;
                    atCellStart = false;
                    continue;
                }

                // Not a well-formed quoted cell: the quote is plain text.
            }

            atCellStart = false;
            switch (ch)
            {
                case '\t':
                    row.Add(cell.ToString());
                    cell.Clear();
                    atCellStart = true;
                    i++;
                    break;
                case '\r' or '\n':
                    row.Add(cell.ToString());
                    cell.Clear();
                    rows.Add(row);
                    row = [];
                    atCellStart = true;
                    i += ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    break;
                default:
                    cell.Append(ch);
                    i++;
                    break;
            }
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add(row);
        }

        var width = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        foreach (var r in rows)
        {
            while (r.Count < width)
            {
                r.Add("");
            }
        }

        return rows;
    }
}
