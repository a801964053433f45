using Collab.Workbooks.Engine;

namespace Collab.Editing.Core;

/// <summary>What validation needs to know about a workbook's sheets: their names, order and used extents.</summary>
internal interface ISheetCatalog
{
    int Count { get; }

    bool Exists(string? name);

    RangeAddress? UsedRange(string? name);
}

/// <summary>
/// The workbook being validated on this thread, for a validator shared by many workbooks (see
/// <see cref="OperationValidator.Shared"/>): building the rules costs far more than checking an op.
/// </summary>
internal sealed class AmbientCatalog : ISheetCatalog
{
    [ThreadStatic]
    private static Workbook? t_current;

    public static Workbook Current => t_current ?? throw new InvalidOperationException("A shared OperationValidator validates through Problem(op, workbook).");

    public int Count => Current.SheetNames.Count;

    public static Workbook? Swap(Workbook? workbook)
    {
        var previous = t_current;
        t_current = workbook;
        return previous;
    }

    public bool Exists(string? name) => name is not null && Current.HasSheet(name);

    public RangeAddress? UsedRange(string? name) => Exists(name) ? Current.UsedRange(name!) : null;
}

internal sealed class WorkbookCatalog(Workbook workbook) : ISheetCatalog
{
    public int Count => workbook.SheetNames.Count;

    public bool Exists(string? name) => name is not null && workbook.HasSheet(name);

    public RangeAddress? UsedRange(string? name) => Exists(name) ? workbook.UsedRange(name!) : null;
}

/// <summary>The sheets as they will be part-way through a batch: adds, renames and deletes tracked by name.</summary>
internal sealed class BatchCatalog : ISheetCatalog
{
    private readonly ISheetCatalog _inner;
    private readonly List<(string Name, string? Original)> _sheets;

    public BatchCatalog(ISheetCatalog inner, IEnumerable<string> names)
    {
        _inner = inner;
        _sheets = [.. names.Select(n => (n, (string?)n))];
    }

    public int Count => _sheets.Count;

    public IReadOnlyList<string> Names => [.. _sheets.Select(s => s.Name)];

    public bool Exists(string? name) => name is not null && IndexOf(name) >= 0;

    public RangeAddress? UsedRange(string? name)
    {
        if (name is null)
        {
            return null;
        }

        int index = IndexOf(name);
        return index >= 0 && _sheets[index].Original is { } original ? _inner.UsedRange(original) : null;
    }

    public void Apply(Operation op)
    {
        switch (op)
        {
            case AddSheetOperation add:
                _sheets.Insert(Math.Clamp(add.Index ?? _sheets.Count, 0, _sheets.Count), (add.Name, null));
                break;
            case RenameSheetOperation rename when IndexOf(rename.Sheet) is var i and >= 0:
                _sheets[i] = (rename.Name, _sheets[i].Original);
                break;
            case DeleteSheetOperation delete when IndexOf(delete.Sheet) is var i and >= 0:
                _sheets.RemoveAt(i);
                break;
            case BatchOperation batch:
                foreach (var part in batch.Ops)
                {
                    Apply(part);
                }

                break;
        }
    }

    private int IndexOf(string name) => _sheets.FindIndex(s => SheetNames.Comparer.Equals(s.Name, name));
}
