namespace Collab.Editing.Core;

/// <summary>
/// Sheet ops against sheet ops: positions among the sheets (addSheet's index, deleteSheet's index) and names. When
/// two concurrent ops would give two sheets the same name, the op ordered later gets "Name (2)" (see
/// <see cref="ClashName"/>); the transformed earlier op renames it first, so both orders end with the same names.
/// </summary>
internal static class SheetPairs
{
    public static (Operation Op, Operation Against) Transform(Operation op, Operation against, bool opWins)
    {
        switch (op, against)
        {
            case (AddSheetOperation a, AddSheetOperation b):
            {
                // The same index: the op ordered first keeps the place, the later sheet goes right after it.
                int? aIndex = a.Index >= b.Index ? a.Index + 1 : a.Index;
                int? bIndex = b.Index > a.Index ? b.Index + 1 : b.Index;
                if (Same(a.Name, b.Name))
                {
                    string renamed = ClashName(a.Name);
                    return (a with { Name = renamed, Index = aIndex },
                        BatchOperation.Of(new RenameSheetOperation(a.Name, renamed), b with { Index = bIndex }));
                }

                return (aIndex == a.Index ? a : a with { Index = aIndex }, bIndex == b.Index ? b : b with { Index = bIndex });
            }

            case (AddSheetOperation a, RenameSheetOperation b):
                if (Same(a.Name, b.Name))
                {
                    string renamed = ClashName(a.Name);
                    return (a with { Name = renamed }, BatchOperation.Of(new RenameSheetOperation(a.Name, renamed), b));
                }

                return (a, b);

            case (AddSheetOperation a, DeleteSheetOperation b):
                return (
                    a.Index > b.Index ? a with { Index = a.Index - 1 } : a,
                    a.Index <= b.Index ? b with { Index = b.Index + 1 } : b);

            case (RenameSheetOperation a, AddSheetOperation b):
                if (Same(a.Name, b.Name))
                {
                    string renamed = ClashName(a.Name);
                    return (a with { Name = renamed }, BatchOperation.Of(new RenameSheetOperation(a.Name, renamed), b));
                }

                return (a, b);

            case (RenameSheetOperation a, RenameSheetOperation b):
                if (Same(a.Sheet, b.Sheet))
                {
                    // Both renamed the same sheet: the winner's name stays.
                    if (opWins)
                    {
                        return (string.Equals(a.Name, b.Name, StringComparison.Ordinal) ? NoOperation.Instance : new RenameSheetOperation(b.Name, a.Name), NoOperation.Instance);
                    }

                    return (NoOperation.Instance, string.Equals(a.Name, b.Name, StringComparison.Ordinal) ? NoOperation.Instance : new RenameSheetOperation(a.Name, b.Name));
                }

                if (Same(a.Name, b.Name))
                {
                    string renamed = ClashName(a.Name);
                    return (a with { Name = renamed }, BatchOperation.Of(new RenameSheetOperation(a.Name, renamed), b));
                }

                return (a, b);

            case (RenameSheetOperation a, DeleteSheetOperation b):
                return Same(a.Sheet, b.Sheet) ? (NoOperation.Instance, b with { Sheet = a.Name }) : (a, b);

            case (DeleteSheetOperation a, AddSheetOperation b):
                return (
                    b.Index <= a.Index ? a with { Index = a.Index + 1 } : a,
                    b.Index > a.Index ? b with { Index = b.Index - 1 } : b);

            case (DeleteSheetOperation a, RenameSheetOperation b):
                return Same(a.Sheet, b.Sheet) ? (a with { Sheet = b.Name }, NoOperation.Instance) : (a, b);

            case (DeleteSheetOperation a, DeleteSheetOperation b):
                if (Same(a.Sheet, b.Sheet))
                {
                    return (NoOperation.Instance, NoOperation.Instance);
                }

                return (
                    a.Index > b.Index ? a with { Index = a.Index - 1 } : a,
                    b.Index > a.Index ? b with { Index = b.Index - 1 } : b);

            default:
                throw new ArgumentException($"Cannot transform {op.TypeName} against {against.TypeName}.");
        }
    }

    /// <summary>The name the later of two clashing sheets gets: "Name (2)", shortened to fit 31 characters.</summary>
    public static string ClashName(string name)
    {
        const string suffix = " (2)";
        string stem = name.Length + suffix.Length > 31 ? name[..(31 - suffix.Length)].TrimEnd() : name;
        return stem + suffix;
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
