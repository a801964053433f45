namespace Collab.Workbooks.Engine;

/// <summary>A small unordered list of formula cells with swap-removal.</summary>
internal sealed class DependentList
{
    // From this many formulas on, a position index makes Remove constant-time (deleting rows whose formulas all read
    // one input cell removed them one by one from a list of thousands). A formula is listed at most once.
    private const int IndexFrom = 64;

    private Cell[] _items = new Cell[2];
    private Dictionary<Cell, int>? _positions;

    public int Count { get; private set; }

    public Cell this[int index] => _items[index];

    public void Add(Cell cell)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        if (_positions is null && Count >= IndexFrom)
        {
            _positions = new Dictionary<Cell, int>(Count * 2, ReferenceEqualityComparer.Instance);
            for (int i = 0; i < Count; i++)
            {
                _positions[_items[i]] = i;
            }
        }

        _positions?.Add(cell, Count);
        _items[Count++] = cell;
    }

    public bool Remove(Cell cell)
    {
        int at = -1;
        if (_positions is not null)
        {
            if (!_positions.Remove(cell, out at))
            {
                return false;
            }
        }
        else
        {
            for (int i = 0; i < Count && at < 0; i++)
            {
                if (ReferenceEquals(_items[i], cell))
                {
                    at = i;
                }
            }

            if (at < 0)
            {
                return false;
            }
        }

        var last = _items[--Count];
        _items[Count] = null!;
        if (at != Count)
        {
            _items[at] = last;
            if (_positions is not null)
            {
                _positions[last] = at;
            }
        }

        return true;
    }
}

/// <summary>
/// A rectangle of one sheet that formulas depend on, with those formulas: every formula that names the same
/// rectangle (10,000 lookups into Inputs!$B$1:$B$100) shares one entry, so a query near it reads one entry.
/// </summary>
internal sealed class RangeDependency(Sheet sheet, int row1, int column1, int row2, int column2)
{
    /// <summary>The formulas: one <see cref="Cell"/> as is, several as a <see cref="DependentList"/>.</summary>
    public object? Dependents { get; set; }

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
/// A range is filed once per bucket it touches in exactly one tier: fine blocks of 16 rows x 4 columns (small
/// ranges such as SUM(B2:B11)), coarse blocks of 256 rows x 16 columns, column bands of 16 columns (tall ranges
/// such as A1:A100000 or A:A), row bands of 256 rows (wide ranges such as 3:3), or one list for ranges both tall
/// and wide. A query reads one bucket per tier in use, so its cost is the number of ranges near the cell.
/// </summary>
internal sealed class RangeIndex
{
    private const int MaxBuckets = 16;
    private const int MaxBands = 8;
    private const int BandRowShift = 8;
    private const int BandColumnShift = 4;

    private static readonly (int RowShift, int ColumnShift)[] BlockLevels = [(4, 2), (8, 4)];

    private readonly Dictionary<long, List<RangeDependency>>[] _blocks = [[], []];
    private readonly Dictionary<int, List<RangeDependency>> _columnBands = [];
    private readonly Dictionary<int, List<RangeDependency>> _rowBands = [];
    private readonly List<RangeDependency> _global = [];
    private readonly Dictionary<(int, int, int, int), RangeDependency> _byArea = [];

    /// <summary>Distinct rectangles filed.</summary>
    public int Count => _byArea.Count;

    /// <summary>Every rectangle filed, with its formulas.</summary>
    public Dictionary<(int, int, int, int), RangeDependency>.ValueCollection Entries => _byArea.Values;

    /// <summary>Registers that <paramref name="cell"/> depends on a rectangle; returns the shared entry for it.</summary>
    public RangeDependency Add(Cell cell, Sheet sheet, int row1, int column1, int row2, int column2)
    {
        ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_byArea, (row1, column1, row2, column2), out bool exists);
        if (exists)
        {
            var shared = slot!;
            if (shared.Dependents is DependentList list)
            {
                list.Add(cell);
            }
            else
            {
                var pair = new DependentList();
                pair.Add((Cell)shared.Dependents!);
                pair.Add(cell);
                shared.Dependents = pair;
            }

            return shared;
        }

        var dependency = new RangeDependency(sheet, row1, column1, row2, column2) { Dependents = cell };
        slot = dependency;
        File(dependency);
        return dependency;
    }

    /// <summary>Removes <paramref name="cell"/> from the entry; the last one out removes the entry.</summary>
    public void Remove(RangeDependency dependency, Cell cell)
    {
        if (dependency.Dependents is DependentList list)
        {
            list.Remove(cell);
            if (list.Count == 1)
            {
                dependency.Dependents = list[0];
            }

            return;
        }

        if (!ReferenceEquals(dependency.Dependents, cell))
        {
            return;
        }

        dependency.Dependents = null;
        if (_byArea.Remove((dependency.Row1, dependency.Column1, dependency.Row2, dependency.Column2)))
        {
            Unfile(dependency);
        }
    }

    private void File(RangeDependency dependency)
    {
        for (int level = 0; level < BlockLevels.Length; level++)
        {
            var (rs, cs) = BlockLevels[level];
            int rb1 = (dependency.Row1 - 1) >> rs;
            int rb2 = (dependency.Row2 - 1) >> rs;
            int cb1 = (dependency.Column1 - 1) >> cs;
            int cb2 = (dependency.Column2 - 1) >> cs;
            if ((long)(rb2 - rb1 + 1) * (cb2 - cb1 + 1) <= MaxBuckets)
            {
                dependency.Tier = (byte)level;
                for (int rb = rb1; rb <= rb2; rb++)
                {
                    for (int cb = cb1; cb <= cb2; cb++)
                    {
                        Bucket(_blocks[level], BlockKey(rb, cb)).Add(dependency);
                    }
                }

                return;
            }
        }

        int b1 = (dependency.Row1 - 1) >> BandRowShift;
        int b2 = (dependency.Row2 - 1) >> BandRowShift;
        int c1 = (dependency.Column1 - 1) >> BandColumnShift;
        int c2 = (dependency.Column2 - 1) >> BandColumnShift;
        if (c2 - c1 + 1 <= MaxBands)
        {
            dependency.Tier = 10;
            for (int cb = c1; cb <= c2; cb++)
            {
                Bucket(_columnBands, cb).Add(dependency);
            }
        }
        else if (b2 - b1 + 1 <= MaxBands)
        {
            dependency.Tier = 11;
            for (int rb = b1; rb <= b2; rb++)
            {
                Bucket(_rowBands, rb).Add(dependency);
            }
        }
        else
        {
            dependency.Tier = 12;
            _global.Add(dependency);
        }
    }

    private void Unfile(RangeDependency dependency)
    {
        if (dependency.Tier < BlockLevels.Length)
        {
            var (rs, cs) = BlockLevels[dependency.Tier];
            for (int rb = (dependency.Row1 - 1) >> rs; rb <= (dependency.Row2 - 1) >> rs; rb++)
            {
                for (int cb = (dependency.Column1 - 1) >> cs; cb <= (dependency.Column2 - 1) >> cs; cb++)
                {
                    RemoveFrom(_blocks[dependency.Tier], BlockKey(rb, cb), dependency);
                }
            }

            return;
        }

        switch (dependency.Tier)
        {
            case 10:
                for (int cb = (dependency.Column1 - 1) >> BandColumnShift; cb <= (dependency.Column2 - 1) >> BandColumnShift; cb++)
                {
                    RemoveFrom(_columnBands, cb, dependency);
                }

                break;
            case 11:
                for (int rb = (dependency.Row1 - 1) >> BandRowShift; rb <= (dependency.Row2 - 1) >> BandRowShift; rb++)
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

        for (int level = 0; level < BlockLevels.Length; level++)
        {
            var blocks = _blocks[level];
            if (blocks.Count > 0)
            {
                var (rs, cs) = BlockLevels[level];
                if (blocks.TryGetValue(BlockKey((row - 1) >> rs, (column - 1) >> cs), out var block))
                {
                    Scan(block, row, column, output);
                }
            }
        }

        if (_columnBands.Count > 0 && _columnBands.TryGetValue((column - 1) >> BandColumnShift, out var band))
        {
            Scan(band, row, column, output);
        }

        if (_rowBands.Count > 0 && _rowBands.TryGetValue((row - 1) >> BandRowShift, out var rowBand))
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
        foreach (var blocks in _blocks)
        {
            blocks.Clear();
        }

        _columnBands.Clear();
        _rowBands.Clear();
        _global.Clear();
        _byArea.Clear();
    }

    private static void Scan(List<RangeDependency> list, int row, int column, List<Cell> output)
    {
        foreach (var d in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list))
        {
            if (d.Contains(row, column))
            {
                if (d.Dependents is Cell single)
                {
                    output.Add(single);
                }
                else
                {
                    var several = (DependentList)d.Dependents!;
                    for (int i = 0; i < several.Count; i++)
                    {
                        output.Add(several[i]);
                    }
                }
            }
        }
    }

    private static long BlockKey(int rb, int cb) => ((long)rb << 20) | (uint)cb;

    private static List<RangeDependency> Bucket<TKey>(Dictionary<TKey, List<RangeDependency>> map, TKey key)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = new List<RangeDependency>(4);
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
