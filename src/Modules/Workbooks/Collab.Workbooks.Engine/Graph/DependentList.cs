namespace Collab.Workbooks.Engine;

/// <summary>A small unordered list of formula cells with swap-removal.</summary>
internal sealed class DependentList
{
    private Cell[] _items = new Cell[2];

    public int Count { get; private set; }

    public Cell this[int index] => _items[index];

    public void Add(Cell cell)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[Count++] = cell;
    }

    public bool Remove(Cell cell)
    {
        for (int i = 0; i < Count; i++)
        {
            if (ReferenceEquals(_items[i], cell))
            {
                _items[i] = _items[--Count];
                _items[Count] = null!;
                return true;
            }
        }

        return false;
    }
}

/// <summary>One formula's dependency on a rectangle of one sheet.</summary>
internal sealed class RangeDependency(Cell dependent, Sheet sheet, int row1, int column1, int row2, int column2)
{
    public Cell Dependent { get; } = dependent;

    public Sheet Sheet { get; } = sheet;

    public int Row1 { get; } = row1;

    public int Column1 { get; } = column1;

    public int Row2 { get; } = row2;

    public int Column2 { get; } = column2;

    /// <summary>Which tier of the index holds it (set by <see cref="RangeIndex"/>).</summary>
    public byte Tier { get; set; }

    public bool Contains(int row, int column) => row >= Row1 && row <= Row2 && column >= Column1 && column <= Column2;
}

/// <summary>
/// Finds the formulas whose range arguments contain a cell without expanding ranges into per-cell edges.
/// A range is filed once per bucket it touches in one of four tiers: blocks of 256 rows x 16 columns (small
/// ranges), column bands of 16 columns (tall ranges such as A1:A100000 or A:A), row bands of 256 rows
/// (wide ranges such as 3:3), or one list for ranges both tall and wide. A query reads one bucket per tier.
/// </summary>
internal sealed class RangeIndex
{
    private const int RowShift = 8;
    private const int ColumnShift = 4;
    private const int MaxBuckets = 64;
    private const int MaxBands = 8;

    private readonly Dictionary<long, List<RangeDependency>> _blocks = [];
    private readonly Dictionary<int, List<RangeDependency>> _columnBands = [];
    private readonly Dictionary<int, List<RangeDependency>> _rowBands = [];
    private readonly List<RangeDependency> _global = [];

    public int Count { get; private set; }

    public void Add(RangeDependency dependency)
    {
        Count++;
        int rb1 = (dependency.Row1 - 1) >> RowShift;
        int rb2 = (dependency.Row2 - 1) >> RowShift;
        int cb1 = (dependency.Column1 - 1) >> ColumnShift;
        int cb2 = (dependency.Column2 - 1) >> ColumnShift;
        long rows = rb2 - rb1 + 1;
        long columns = cb2 - cb1 + 1;
        if (rows * columns <= MaxBuckets)
        {
            dependency.Tier = 0;
            for (int rb = rb1; rb <= rb2; rb++)
            {
                for (int cb = cb1; cb <= cb2; cb++)
                {
                    Bucket(_blocks, BlockKey(rb, cb)).Add(dependency);
                }
            }
        }
        else if (columns <= MaxBands)
        {
            dependency.Tier = 1;
            for (int cb = cb1; cb <= cb2; cb++)
            {
                Bucket(_columnBands, cb).Add(dependency);
            }
        }
        else if (rows <= MaxBands)
        {
            dependency.Tier = 2;
            for (int rb = rb1; rb <= rb2; rb++)
            {
                Bucket(_rowBands, rb).Add(dependency);
            }
        }
        else
        {
            dependency.Tier = 3;
            _global.Add(dependency);
        }
    }

    public void Remove(RangeDependency dependency)
    {
        Count--;
        int rb1 = (dependency.Row1 - 1) >> RowShift;
        int rb2 = (dependency.Row2 - 1) >> RowShift;
        int cb1 = (dependency.Column1 - 1) >> ColumnShift;
        int cb2 = (dependency.Column2 - 1) >> ColumnShift;
        switch (dependency.Tier)
        {
            case 0:
                for (int rb = rb1; rb <= rb2; rb++)
                {
                    for (int cb = cb1; cb <= cb2; cb++)
                    {
                        RemoveFrom(_blocks, BlockKey(rb, cb), dependency);
                    }
                }

                break;
            case 1:
                for (int cb = cb1; cb <= cb2; cb++)
                {
                    RemoveFrom(_columnBands, cb, dependency);
                }

                break;
            case 2:
                for (int rb = rb1; rb <= rb2; rb++)
                {
                    RemoveFrom(_rowBands, rb, dependency);
                }

                break;
            default:
                SwapRemove(_global, dependency);
                break;
        }
    }

    /// <summary>Adds to <paramref name="output"/> every formula cell with a range containing (row, column).</summary>
    public void Query(int row, int column, List<Cell> output)
    {
        if (Count == 0)
        {
            return;
        }

        int rb = (row - 1) >> RowShift;
        int cb = (column - 1) >> ColumnShift;
        if (_blocks.Count > 0 && _blocks.TryGetValue(BlockKey(rb, cb), out var block))
        {
            Scan(block, row, column, output);
        }

        if (_columnBands.Count > 0 && _columnBands.TryGetValue(cb, out var band))
        {
            Scan(band, row, column, output);
        }

        if (_rowBands.Count > 0 && _rowBands.TryGetValue(rb, out var rowBand))
        {
            Scan(rowBand, row, column, output);
        }

        if (_global.Count > 0)
        {
            Scan(_global, row, column, output);
        }
    }

    public void Clear()
    {
        _blocks.Clear();
        _columnBands.Clear();
        _rowBands.Clear();
        _global.Clear();
        Count = 0;
    }

    private static void Scan(List<RangeDependency> list, int row, int column, List<Cell> output)
    {
        foreach (var d in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list))
        {
            if (d.Contains(row, column))
            {
                output.Add(d.Dependent);
            }
        }
    }

    private static long BlockKey(int rb, int cb) => ((long)rb << 20) | (uint)cb;

    private static List<RangeDependency> Bucket<TKey>(Dictionary<TKey, List<RangeDependency>> map, TKey key)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = [];
            map[key] = list;
        }

        return list;
    }

    private static void RemoveFrom<TKey>(Dictionary<TKey, List<RangeDependency>> map, TKey key, RangeDependency dependency)
        where TKey : notnull
    {
        if (map.TryGetValue(key, out var list))
        {
            SwapRemove(list, dependency);
            if (list.Count == 0)
            {
                map.Remove(key);
            }
        }
    }

    private static void SwapRemove(List<RangeDependency> list, RangeDependency dependency)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (ReferenceEquals(list[i], dependency))
            {
                list[i] = list[^1];
                list.RemoveAt(list.Count - 1);
                return;
            }
        }
    }
}
