namespace Collab.Workbooks.Engine;

/// <summary>
/// One sheet's storage: cells in column chunks of 256 rows (column → chunk → slot), so lookups are three
/// array reads and whole-column ranges skip empty chunks. Also the sheet's dependency indexes.
/// </summary>
internal sealed class Sheet
{
    private const int ChunkShift = 8;
    private const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    private Column?[] _columns = new Column?[8];

    public Sheet(int id, string name)
    {
        Id = id;
        Name = name;
    }

    public int Id { get; }

    public string Name { get; set; }

    /// <summary>Upper bound of the rows in use (never below the true last row).</summary>
    public int MaxRow { get; private set; }

    /// <summary>Upper bound of the columns in use.</summary>
    public int MaxColumn { get; private set; }

    public int CellCount { get; private set; }

    public Dictionary<int, double> ColumnWidths { get; } = [];

    /// <summary>
    /// Formulas that refer to one cell, by the cell's packed key (the cell may be empty): a single formula
    /// <see cref="Cell"/> is stored as is, several as a <see cref="DependentList"/>.
    /// </summary>
    public Dictionary<long, object> PointDependents { get; } = [];

    public RangeIndex RangeDependents { get; } = new();

    public static long PackKey(int row, int column) => ((long)row << 16) | (uint)column;

    public static (int Row, int Column) UnpackKey(long key) => ((int)(key >> 16), (int)(key & 0xFFFF));

    public Cell? Get(int row, int column)
    {
        if ((uint)column >= (uint)_columns.Length)
        {
            return null;
        }

        var col = _columns[column];
        if (col is null)
        {
            return null;
        }

        int chunk = (row - 1) >> ChunkShift;
        var chunks = col.Chunks;
        if ((uint)chunk >= (uint)chunks.Length)
        {
            return null;
        }

        var slots = chunks[chunk];
        return slots?[(row - 1) & ChunkMask];
    }

    public Cell GetOrAdd(int row, int column)
    {
        var existing = Get(row, column);
        if (existing is not null)
        {
            return existing;
        }

        var cell = new Cell(this, row, column);
        Put(cell);
        return cell;
    }

    public void Put(Cell cell)
    {
        int column = cell.Column;
        if (column >= _columns.Length)
        {
            Array.Resize(ref _columns, Math.Min(CellAddress.MaxColumns + 1, Math.Max(column + 1, _columns.Length * 2)));
        }

        var col = _columns[column] ??= new Column();
        int chunk = (cell.Row - 1) >> ChunkShift;
        if (chunk >= col.Chunks.Length)
        {
            var grown = col.Chunks;
            Array.Resize(ref grown, Math.Max(chunk + 1, col.Chunks.Length * 2));
            col.Chunks = grown;
        }

        var slots = col.Chunks[chunk] ??= new Cell?[ChunkSize];
        ref var slot = ref slots[(cell.Row - 1) & ChunkMask];
        if (slot is null)
        {
            CellCount++;
            col.Count++;
        }

        slot = cell;
        cell.Sheet = this;
        MaxRow = Math.Max(MaxRow, cell.Row);
        MaxColumn = Math.Max(MaxColumn, column);
    }

    public void Remove(Cell cell)
    {
        var col = (uint)cell.Column < (uint)_columns.Length ? _columns[cell.Column] : null;
        int chunk = (cell.Row - 1) >> ChunkShift;
        if (col is null || chunk >= col.Chunks.Length || col.Chunks[chunk] is not { } slots)
        {
            return;
        }

        ref var slot = ref slots[(cell.Row - 1) & ChunkMask];
        if (ReferenceEquals(slot, cell))
        {
            slot = null;
            CellCount--;
            if (--col.Count == 0)
            {
                _columns[cell.Column] = null;
            }
        }
    }

    /// <summary>Removes every cell and returns them (for structural changes that move cells).</summary>
    public List<Cell> TakeAll()
    {
        var all = new List<Cell>(CellCount);
        foreach (var cell in AllCells())
        {
            all.Add(cell);
        }

        _columns = new Column?[8];
        CellCount = 0;
        MaxRow = 0;
        MaxColumn = 0;
        return all;
    }

    /// <summary>
    /// Adds to <paramref name="output"/> the stored cells at row <paramref name="at"/> or below (<paramref name="rows"/>)
    /// or at column <paramref name="at"/> or to its right, skipping the chunks and columns before it.
    /// </summary>
    public void CollectFrom(bool rows, int at, List<Cell> output)
    {
        int firstColumn = rows ? 1 : Math.Max(1, at);
        int firstChunk = rows ? (at - 1) >> ChunkShift : 0;
        for (int c = firstColumn; c < _columns.Length; c++)
        {
            var col = _columns[c];
            if (col is null)
            {
                continue;
            }

            var chunks = col.Chunks;
            for (int k = firstChunk; k < chunks.Length; k++)
            {
                var slots = chunks[k];
                if (slots is null)
                {
                    continue;
                }

                foreach (var cell in slots)
                {
                    if (cell is not null && (!rows || cell.Row >= at))
                    {
                        output.Add(cell);
                    }
                }
            }
        }
    }

    /// <summary>Every stored cell in reading order (row by row), sorted by packed key rather than compared pairwise.</summary>
    public Cell[] CellsInReadingOrder()
    {
        var cells = new Cell[CellCount];
        var keys = new long[CellCount];
        int n = 0;
        foreach (var cell in AllCells())
        {
            keys[n] = PackKey(cell.Row, cell.Column);
            cells[n++] = cell;
        }

        Array.Sort(keys, cells, 0, n);
        return n == cells.Length ? cells : cells[..n];
    }

    /// <summary>Every stored cell, column by column.</summary>
    public IEnumerable<Cell> AllCells()
    {
        for (int c = 1; c < _columns.Length; c++)
        {
            var col = _columns[c];
            if (col is null)
            {
                continue;
            }

            foreach (var slots in col.Chunks)
            {
                if (slots is null)
                {
                    continue;
                }

                foreach (var cell in slots)
                {
                    if (cell is not null)
                    {
                        yield return cell;
                    }
                }
            }
        }
    }

    /// <summary>Stored cells inside a rectangle in reading order (row by row), without allocating.</summary>
    public CellCursor Cursor(int row1, int column1, int row2, int column2) =>
        new(this, row1, column1, Math.Min(row2, MaxRow), Math.Min(column2, Math.Min(MaxColumn, _columns.Length - 1)));

    internal Column? ColumnAt(int column) => (uint)column < (uint)_columns.Length ? _columns[column] : null;

    internal sealed class Column
    {
        public Cell?[]?[] Chunks { get; set; } = new Cell?[4][];

        public int Count { get; set; }
    }

    /// <summary>Walks the stored cells of a rectangle row by row; a single column skips empty chunks.</summary>
    internal struct CellCursor
    {
        private readonly Sheet _sheet;
        private readonly int _row1;
        private readonly int _column1;
        private readonly int _row2;
        private readonly int _column2;
        private int _row;
        private int _column;

        public CellCursor(Sheet sheet, int row1, int column1, int row2, int column2)
        {
            _sheet = sheet;
            _row1 = row1;
            _column1 = column1;
            _row2 = row2;
            _column2 = column2;
            _row = row1;
            _column = column1 - 1;
            Current = null!;
        }

        public Cell Current { get; private set; }

        public bool MoveNext()
        {
            if (_column1 == _column2)
            {
                var col = _sheet.ColumnAt(_column1);
                if (col is null)
                {
                    return false;
                }

                if (_column < _column1)
                {
                    _column = _column1;
                }
                else
                {
                    _row++;
                }

                var chunks = col.Chunks;
                while (_row <= _row2)
                {
                    int chunk = (_row - 1) >> ChunkShift;
                    if (chunk >= chunks.Length)
                    {
                        return false;
                    }

                    var slots = chunks[chunk];
                    if (slots is null)
                    {
                        _row = ((chunk + 1) << ChunkShift) + 1;
                        continue;
                    }

                    var cell = slots[(_row - 1) & ChunkMask];
                    if (cell is not null)
                    {
                        Current = cell;
                        return true;
                    }

                    _row++;
                }

                return false;
            }

            while (_row <= _row2)
            {
                _column++;
                if (_column > _column2)
                {
                    _column = _column1 - 1;
                    _row++;
                    continue;
                }

                var cell = _sheet.Get(_row, _column);
                if (cell is not null)
                {
                    Current = cell;
                    return true;
                }
            }

            return false;
        }
    }
}
