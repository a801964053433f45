using Collab.Workbooks.Engine;

namespace Collab.Editing.Core.Tests;

/// <summary>
/// A terse notation for ops in hand-written tables: "sc Sheet1!B5 =A5+1", "sr Sheet1!A1:B2 1|2;3|4",
/// "cr Sheet1!A1:C3", "sf Sheet1!A1:B2 nf=0.00 bold=true", "ir Sheet1 3 2" (dr, ic, dc), "as New 1", "rs Data Facts",
/// "ds Data 1", "noop", "batch: op && op". '' is the empty input.
/// </summary>
internal static class Ops
{
    public static Operation P(string text)
    {
        text = text.Trim();
        if (text.StartsWith("batch:", StringComparison.Ordinal))
        {
            return new BatchOperation([.. text[6..].Split("&&").Select(P)]);
        }

        int space = text.IndexOf(' ', StringComparison.Ordinal);
        string type = space < 0 ? text : text[..space];
        string body = space < 0 ? "" : text[(space + 1)..];

        // "Sheet Name!B4 rest": the sheet may hold spaces, the address may not.
        (string Sheet, string Where, string Tail) Cell()
        {
            int bang = body.IndexOf('!', StringComparison.Ordinal);
            string after = body[(bang + 1)..];
            int gap = after.IndexOf(' ', StringComparison.Ordinal);
            string rest = gap < 0 ? "" : after[(gap + 1)..];
            return (body[..bang], gap < 0 ? after : after[..gap], rest == "''" ? "" : rest);
        }

        string[] Bars() => body.Split('|');
        static int Int(string s) => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

        switch (type)
        {
            case "sc":
            {
                var (sheet, cell, input) = Cell();
                return new SetCellOperation(sheet, cell, input);
            }

            case "sr":
            {
                var (sheet, range, rest) = Cell();
                var rows = rest.Split(';').Select(r => (IReadOnlyList<string>)r.Split('|').Select(c => c == "''" ? "" : c).ToArray()).ToArray();
                return new SetRangeOperation(sheet, range, rows);
            }

            case "cr":
            {
                var (sheet, range, _) = Cell();
                return new ClearRangeOperation(sheet, range);
            }

            case "sf":
            {
                var (sheet, range, rest) = Cell();
                string? nf = null;
                bool? bold = null;
                foreach (var setting in rest.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (setting.StartsWith("nf=", StringComparison.Ordinal))
                    {
                        nf = setting[3..];
                    }
                    else if (setting.StartsWith("bold=", StringComparison.Ordinal))
                    {
                        bold = bool.Parse(setting[5..]);
                    }
                }

                return new SetFormatOperation(sheet, range, new FormatPatch(nf, bold));
            }

            case "ir" or "dr" or "ic" or "dc":
            {
                var numbers = body.Split(' ');
                var kind = type switch
                {
                    "ir" => StructuralChangeKind.InsertRows,
                    "dr" => StructuralChangeKind.DeleteRows,
                    "ic" => StructuralChangeKind.InsertColumns,
                    _ => StructuralChangeKind.DeleteColumns,
                };
                return StructuralOperation.Create(kind, string.Join(' ', numbers[..^2]), Int(numbers[^2]), Int(numbers[^1]));
            }

            case "as":
                return new AddSheetOperation(Bars()[0], Bars().Length > 1 ? Int(Bars()[1]) : null);
            case "rs":
                return new RenameSheetOperation(Bars()[0], Bars()[1]);
            case "ds":
                return new DeleteSheetOperation(Bars()[0], Bars().Length > 1 ? Int(Bars()[1]) : null);
            case "noop":
                return Operation.None;
            default:
                throw new FormatException("Unknown op notation: " + text);
        }
    }
}
