using Collab.Editing.Application.Sessions;
using Collab.Editing.Contracts;
using Collab.Editing.Core;
using Collab.Workbooks.Engine;

namespace Collab.Editing.Components.Grid;

/// <summary>What one cell shows.</summary>
public readonly record struct CellDisplay(string Text, CellValueKind Kind, bool Bold, bool Pending, string? Tip, string? Input);

/// <summary>The rows and columns rendered: the visible ones plus a small overscan.</summary>
public readonly record struct GridWindow(int FirstRow, int LastRow, int FirstColumn, int LastColumn)
{
    public bool Contains(int row, int column) => row >= FirstRow && row <= LastRow && column >= FirstColumn && column <= LastColumn;

    public int CellCount => Math.Max(0, LastRow - FirstRow + 1) * Math.Max(0, LastColumn - FirstColumn + 1);
}

/// <summary>
/// The view state of one model page (one circuit): the sheet on screen, the selection, the viewport and the window of
/// rendered cells with a version per cell. It reads the shared workbook through the session (never a copy) and keeps
/// only what is on screen. Every member runs on the circuit's dispatcher.
/// </summary>
public sealed class GridState : GridContext
{
    public const int RowHeight = 24;
    public const int HeaderHeight = 24;
    public const int RowHeaderWidth = 56;
    public const int DefaultColumnWidth = 100;
    public const int MinColumnWidth = 24;
    public const int OverscanRows = 2;
    public const int OverscanColumns = 1;

    private readonly BrowserEditingSession _session;
    private readonly Dictionary<long, CellDisplay> _cells = [];
    private readonly Dictionary<long, int> _versions = [];
    private readonly Dictionary<int, GridRow> _rows = [];
    private readonly Dictionary<string, Dictionary<int, int>> _viewWidths = new(StringComparer.OrdinalIgnoreCase);
    private List<PendingCells> _pending = [];
    private int[] _columnLeft = [0, 0];
    private int _nextVersion;
    private string _sheet = "Sheet1";
    private CellAddress _active = new(1, 1);
    private CellAddress _corner = new(1, 1);
    private RangeAddress? _whole;
    private double _scrollTop;
    private double _scrollLeft;
    private double _viewWidth = 1200;
    private double _viewHeight = 700;
    private int _usedRows;
    private int _usedColumns;

    internal GridState(BrowserEditingSession session)
    {
        _session = session;
    }

    public override string ModelId => _session.ModelId;

    public override string MemberId => _session.MemberId;

    public override string UserId => _session.Actor.UserId;

    public override string DisplayName => _session.DisplayName;

    public override string Color => _session.Color;

    public override string Sheet => _sheet;

    public override CellAddress ActiveCell => _active;

    public override RangeAddress Selection => _whole ?? new(_active, _corner);

    /// <summary>The cells marked by Ctrl+X (drawn with a dashed border) until a paste, Escape or another copy.</summary>
    public (string Sheet, RangeAddress Range)? CutMark { get; private set; }

    /// <summary>Marks (or with null unmarks) the cut cells.</summary>
    public void SetCutMark((string Sheet, RangeAddress Range)? mark)
    {
        if (CutMark != mark)
        {
            CutMark = mark;
            SelectionVersion++;
            SelectionMoved?.Invoke();
        }
    }

    /// <summary>True when whole columns, whole rows or the whole sheet are selected (a header or the corner was clicked).</summary>
    public bool WholeSelection => _whole is not null;

    public override bool IsEditing => Editing;

    /// <summary>True while the person types into the active cell (set by the browser).</summary>
    public bool Editing { get; private set; }

    /// <summary>The far corner of the selection (the end Shift moves).</summary>
    public CellAddress Corner => _corner;

    /// <summary>The sheets, in order.</summary>
    public IReadOnlyList<string> Sheets { get; private set; } = [];

    /// <summary>Rows and columns the grid spans now (grows as the person goes further).</summary>
    public int RowCount { get; private set; } = 1000;

    public int ColumnCount { get; private set; } = 26;

    /// <summary>The rendered rows and columns.</summary>
    public GridWindow Window { get; private set; }

    /// <summary>Bumped whenever the window or the geometry changes (the cell layer and headers re-render then only).</summary>
    public int WindowVersion { get; private set; }

    /// <summary>Bumped when the canvas size changes.</summary>
    public int LayoutVersion { get; private set; }

    /// <summary>Bumped when the selection moves.</summary>
    public int SelectionVersion { get; private set; }

    public int CanvasWidth => RowHeaderWidth + _columnLeft[ColumnCount + 1];

    public int CanvasHeight => HeaderHeight + RowCount * RowHeight;

    /// <summary>How many times a cell's display was refreshed (for tests and measurement).</summary>
    public int CellRefreshes { get; private set; }

    /// <summary>The window was moved or re-laid out.</summary>
    public event Action? WindowChanged;

    /// <summary>The selection moved (the overlay, the formula bar and the name box follow).</summary>
    public event Action? SelectionMoved;

    /// <summary>The sheets were added, renamed, deleted, or another one is on screen.</summary>
    public event Action? SheetsChanged;

    /// <summary>The active cell should be scrolled into view (a rectangle in cell coordinates).</summary>
    public event Action<GridRect>? ScrollRequested;

    /// <summary>What the browser needs to know about the active cell changed (position, revision, read-only).</summary>
    public event Action? ActiveChanged;

    /// <summary>Reads the sheets and the first window.</summary>
    public void Load()
    {
        Sheets = _session.Read((workbook, _) => workbook.SheetNames);
        _sheet = Sheets.Count > 0 ? Sheets[0] : "Sheet1";
        Relayout();
    }

    // ----- geometry -----

    public int ColumnLeft(int column)
    {
        if (column <= ColumnCount + 1)
        {
            return _columnLeft[Math.Max(1, column)];
        }

        return _columnLeft[ColumnCount + 1] + (column - ColumnCount - 1) * DefaultColumnWidth;
    }

    public int ColumnWidth(int column) => column <= ColumnCount ? _columnLeft[column + 1] - _columnLeft[column] : WidthOf(column, null);

    public static int RowTop(int row) => (row - 1) * RowHeight;

    public override GridRect CellRect(CellAddress cell) => new(ColumnLeft(cell.Column), RowTop(cell.Row), ColumnWidth(cell.Column), RowHeight);

    public override GridRect RangeRect(RangeAddress range)
    {
        // Whole columns and rows are drawn as far as the grid spans.
        var last = Math.Min(range.End.Column, Math.Max(ColumnCount, range.Start.Column));
        var lastRow = Math.Min(range.End.Row, Math.Max(RowCount, range.Start.Row));
        return new(ColumnLeft(range.Start.Column), RowTop(range.Start.Row), ColumnLeft(last + 1) - ColumnLeft(range.Start.Column), (lastRow - range.Start.Row + 1) * RowHeight);
    }

    /// <summary>The column whose span holds x (cell coordinates).</summary>
    public int ColumnAt(double x)
    {
        int lo = 1, hi = ColumnCount;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_columnLeft[mid] <= x)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    private int WidthOf(int column, Dictionary<int, double>? workbookWidths)
    {
        if (_viewWidths.TryGetValue(_sheet, out var mine) && mine.TryGetValue(column, out var px))
        {
            return px;
        }

        if (workbookWidths is not null && workbookWidths.TryGetValue(column, out var chars))
        {
            // Excel's character units: about 7 pixels per character plus padding.
            return Math.Max(MinColumnWidth, (int)Math.Round(chars * 7 + 5));
        }

        return DefaultColumnWidth;
    }

    /// <summary>The person resized a column (a view preference of theirs: there is no op for widths).</summary>
    public void ResizeColumn(int column, double width)
    {
        if (column < 1 || column > CellAddress.MaxColumns)
        {
            return;
        }

        if (!_viewWidths.TryGetValue(_sheet, out var mine))
        {
            _viewWidths[_sheet] = mine = [];
        }

        mine[column] = Math.Clamp((int)Math.Round(width), MinColumnWidth, 2000);
        Relayout();
    }

    // ----- viewport and window -----

    /// <summary>The browser scrolled or resized the grid.</summary>
    public void SetViewport(double top, double left, double width, double height)
    {
        _scrollTop = Math.Max(0, top);
        _scrollLeft = Math.Max(0, left);
        _viewWidth = Math.Max(0, width);
        _viewHeight = Math.Max(0, height);
        MoveWindow(force: false);
    }

    private void MoveWindow(bool force)
    {
        var bodyHeight = Math.Max(0, _viewHeight - HeaderHeight);
        var bodyWidth = Math.Max(0, _viewWidth - RowHeaderWidth);
        var firstRow = Math.Clamp((int)(_scrollTop / RowHeight) + 1 - OverscanRows, 1, RowCount);
        var lastRow = Math.Clamp((int)Math.Ceiling((_scrollTop + bodyHeight) / RowHeight) + OverscanRows, firstRow, RowCount);
        var firstColumn = Math.Clamp(ColumnAt(_scrollLeft) - OverscanColumns, 1, ColumnCount);
        var lastColumn = Math.Clamp(ColumnAt(_scrollLeft + bodyWidth) + OverscanColumns, firstColumn, ColumnCount);
        var window = new GridWindow(firstRow, lastRow, firstColumn, lastColumn);
        if (!force && window == Window)
        {
            return;
        }

        Window = window;
        LoadWindow();
        WindowVersion++;
        WindowChanged?.Invoke();
    }

    /// <summary>Recomputes the extent and column positions (sheet switch, widths, structure), then the window.</summary>
    private void Relayout()
    {
        var (used, widths) = _session.Read((workbook, _) =>
        {
            if (!workbook.HasSheet(_sheet))
            {
                return ((RangeAddress?)null, new Dictionary<int, double>());
            }

            return (workbook.UsedRange(_sheet), workbook.GetColumnWidths(_sheet).ToDictionary(p => p.Key, p => p.Value));
        });
        _usedRows = used?.End.Row ?? 0;
        _usedColumns = used?.End.Column ?? 0;
        RowCount = Math.Min(CellAddress.MaxRows, Math.Max(RowCount, Math.Max(Math.Max(_usedRows + 100, 1000), _corner.Row + 50)));
        ColumnCount = Math.Min(CellAddress.MaxColumns, Math.Max(ColumnCount, Math.Max(Math.Max(_usedColumns + 5, 26), _corner.Column + 5)));
        _columnLeft = new int[ColumnCount + 2];
        for (var c = 1; c <= ColumnCount; c++)
        {
            _columnLeft[c + 1] = _columnLeft[c] + WidthOf(c, widths);
        }

        LayoutVersion++;
        MoveWindow(force: true);
        OnLayoutChanged();
        ActiveChanged?.Invoke();
    }

    private void GrowToInclude(CellAddress cell)
    {
        if (cell.Row > RowCount - 20 || cell.Column > ColumnCount - 2)
        {
            RowCount = Math.Min(CellAddress.MaxRows, Math.Max(RowCount, cell.Row + 200));
            ColumnCount = Math.Min(CellAddress.MaxColumns, Math.Max(ColumnCount, cell.Column + 10));
            Relayout();
        }
    }

    // ----- cells -----

    public static long Key(int row, int column) => ((long)row << 16) | (uint)column;

    /// <summary>What the cell shows (blank when outside the window).</summary>
    public CellDisplay DisplayOf(int row, int column) => _cells.TryGetValue(Key(row, column), out var display) ? display : default;

    /// <summary>The cell's version: it changes whenever what the cell shows changes.</summary>
    public int VersionOf(int row, int column) => _versions.TryGetValue(Key(row, column), out var version) ? version : 0;

    internal void Mount(GridRow row) => _rows[row.Row] = row;

    internal void Unmount(GridRow row)
    {
        if (_rows.TryGetValue(row.Row, out var mounted) && ReferenceEquals(mounted, row))
        {
            _rows.Remove(row.Row);
        }
    }

    private static int RowOf(long key) => (int)(key >> 16);

    private void LoadWindow()
    {
        var window = Window;
        var fresh = ReadWindow(window);
        var activeKey = Key(_active.Row, _active.Column);
        var activeCleared = false;
        foreach (var key in _cells.Keys.Where(k => !fresh.ContainsKey(k)).ToList())
        {
            activeCleared |= key == activeKey;
            _cells.Remove(key);
            _versions.Remove(key);
        }

        foreach (var (key, display) in fresh)
        {
            if (!_cells.TryGetValue(key, out var old) || old != display)
            {
                _cells[key] = display;
                _versions[key] = ++_nextVersion;
            }
        }
    }

    /// <summary>
    /// Re-reads the window, bumps the version of exactly the cells whose display changed (values, recalculated
    /// dependents, formats, pending marks) and re-renders the rows holding them, each once. Returns how many changed.
    /// </summary>
    public int Refresh()
    {
        var fresh = ReadWindow(Window);
        var changed = 0;
        HashSet<int>? rows = null;
        foreach (var (key, display) in fresh)
        {
            if (_cells.TryGetValue(key, out var old) && old == display)
            {
                continue;
            }

            _cells[key] = display;
            _versions[key] = ++_nextVersion;
            changed++;
            CellRefreshes++;
            (rows ??= []).Add(RowOf(key));
        }

        // Cells that became empty (cleared here or by someone else) show blank again.
        var activeKey = Key(_active.Row, _active.Column);
        var activeCleared = false;
        foreach (var key in _cells.Keys.Where(k => !fresh.ContainsKey(k)).ToList())
        {
            activeCleared |= key == activeKey;
            _cells.Remove(key);
            _versions.Remove(key);
            changed++;
            CellRefreshes++;
            (rows ??= []).Add(RowOf(key));
        }

        // Versions are all bumped before a row is asked to render, so it renders once with every change of it.
        if (rows is not null)
        {
            foreach (var row in rows)
            {
                if (_rows.TryGetValue(row, out var mounted))
                {
                    mounted.Refresh();
                }
            }
        }

        if (changed > 0 && (activeCleared || _cells.ContainsKey(activeKey)))
        {
            // The formula bar shows the active cell's input.
            SelectionMoved?.Invoke();
        }

        return changed;
    }

    /// <summary>Something structural changed (sheets, rows, columns): sheets, extent and every rendered cell are re-read.</summary>
    public void RefreshLayout()
    {
        var sheets = _session.Read((workbook, _) => workbook.SheetNames);
        var sheetsChanged = !sheets.SequenceEqual(Sheets);
        Sheets = sheets;
        if (!Sheets.Contains(_sheet, StringComparer.OrdinalIgnoreCase) && Sheets.Count > 0)
        {
            _sheet = Sheets[0];
            _whole = null;
            _active = _corner = new CellAddress(1, 1);
            sheetsChanged = true;
            SelectionVersion++;
            SelectionMoved?.Invoke();
            OnSelectionChanged();
        }

        Relayout();
        Refresh();
        if (sheetsChanged)
        {
            SheetsChanged?.Invoke();
        }
    }

    private Dictionary<long, CellDisplay> ReadWindow(GridWindow window)
    {
        var result = new Dictionary<long, CellDisplay>(window.CellCount);
        var sheet = _sheet;
        var pending = _pending.Where(p => string.Equals(p.Sheet, sheet, StringComparison.OrdinalIgnoreCase)).ToList();
        _session.Read((workbook, _) =>
        {
            if (!workbook.HasSheet(sheet))
            {
                return 0;
            }

            for (var r = window.FirstRow; r <= window.LastRow; r++)
            {
                for (var c = window.FirstColumn; c <= window.LastColumn; c++)
                {
                    var info = workbook.GetCell(sheet, new CellAddress(r, c));
                    string? pendingInput = null;
                    foreach (var p in pending)
                    {
                        if (p.InputAt(r, c) is { } input)
                        {
                            pendingInput = input; // the latest pending op wins
                        }
                    }

                    if (info.IsEmpty && info.Format.IsDefault && pendingInput is null)
                    {
                        continue;
                    }

                    result[Key(r, c)] = Display(info, pendingInput);
                }
            }

            return 0;
        });
        return result;
    }

    private static CellDisplay Display(CellInfo info, string? pendingInput)
    {
        var value = info.Value;
        var input = info.Input;
        if (pendingInput is not null)
        {
            input = pendingInput.Length == 0 ? null : pendingInput;
            value = CellText.LiteralValue(pendingInput) ?? value;
        }

        var tip = value.IsError ? CellText.Explain(value.Error) : null;
        return new CellDisplay(CellText.Format(value, info.Format.NumberFormat), value.Kind, info.Format.Bold, pendingInput is not null, tip, input);
    }

    /// <summary>The person's pending ops changed: their cells show the typed input, marked pending, until acknowledged.</summary>
    internal void SetPending(IReadOnlyList<PendingOperation> pending)
    {
        var cells = new List<PendingCells>();
        foreach (var op in pending)
        {
            Collect(op.Operation, cells);
        }

        _pending = cells;
        Refresh();
    }

    private static void Collect(Operation op, List<PendingCells> into)
    {
        switch (op)
        {
            case SetCellOperation { Address: { } address } set:
                into.Add(new PendingCells(set.Sheet, RangeAddress.FromCell(address), (_, _) => set.Input));
                break;
            case SetRangeOperation { Address: { } range } setRange:
                into.Add(new PendingCells(setRange.Sheet, range, (r, c) =>
                    r - range.Start.Row < setRange.Inputs.Count && c - range.Start.Column < setRange.Inputs[r - range.Start.Row].Count
                        ? setRange.Inputs[r - range.Start.Row][c - range.Start.Column] ?? ""
                        : null));
                break;
            case ClearRangeOperation { Address: { } range } clear:
                into.Add(new PendingCells(clear.Sheet, range, (_, _) => ""));
                break;
            case BatchOperation batch:
                foreach (var inner in batch.Ops)
                {
                    Collect(inner, into);
                }

                break;
        }
    }

    private sealed record PendingCells(string Sheet, RangeAddress Range, Func<int, int, string?> Input)
    {
        public string? InputAt(int row, int column) => Range.Contains(new CellAddress(row, column)) ? Input(row, column) : null;
    }

    /// <summary>The input of the active cell (for the formula bar and F2), pending input included.</summary>
    public string ActiveInput()
    {
        if (_cells.TryGetValue(Key(_active.Row, _active.Column), out var display))
        {
            return display.Input ?? "";
        }

        var sheet = _sheet;
        var active = _active;
        return _session.Read((workbook, _) => workbook.HasSheet(sheet) ? workbook.GetCell(sheet, active).Input ?? "" : "");
    }

    /// <summary>True when the active cell is bold.</summary>
    public bool ActiveIsBold() => DisplayOf(_active.Row, _active.Column).Bold;

    // ----- selection -----

    /// <summary>Selects a cell; <paramref name="extend"/> moves only the far corner (Shift).</summary>
    public void Select(CellAddress cell, bool extend, bool byPerson = true)
    {
        cell = Clamp(cell);
        _whole = null;
        if (extend)
        {
            _corner = cell;
        }
        else
        {
            _active = _corner = cell;
        }

        GrowToInclude(cell);
        SelectionVersion++;
        SelectionMoved?.Invoke();
        ActiveChanged?.Invoke();
        OnSelectionChanged();
        ScrollRequested?.Invoke(CellRect(extend ? _corner : _active));
        if (byPerson)
        {
            OnUserNavigated();
        }
    }

    /// <summary>Selects a range with <paramref name="active"/> as its active cell.</summary>
    public void SelectRange(CellAddress active, CellAddress corner)
    {
        var range = new RangeAddress(Clamp(active), Clamp(corner));
        if (range.IsWholeColumns || range.IsWholeRows)
        {
            SelectWhole(range, Clamp(active));
            return;
        }

        _whole = null;
        _active = Clamp(active);
        _corner = Clamp(corner);
        GrowToInclude(_corner);
        SelectionVersion++;
        SelectionMoved?.Invoke();
        ActiveChanged?.Invoke();
        OnSelectionChanged();
        ScrollRequested?.Invoke(CellRect(_active));
        OnUserNavigated();
    }

    /// <summary>
    /// A column header was clicked (Shift: the columns from the active cell's column to it). The active cell goes to
    /// the column's first rendered row; the grid does not grow to the sheet's last row.
    /// </summary>
    public void SelectColumns(int column, bool extend)
    {
        column = Math.Clamp(column, 1, CellAddress.MaxColumns);
        var anchor = extend ? _active.Column : column;
        var active = extend ? _active : new CellAddress(Math.Max(1, Window.FirstRow + (Window.FirstRow > 1 ? OverscanRows : 0)), column);
        SelectWhole(RangeAddress.Columns(Math.Min(anchor, column), Math.Max(anchor, column)), active);
    }

    /// <summary>A row header was clicked (Shift: the rows from the active cell's row to it).</summary>
    public void SelectRows(int row, bool extend)
    {
        row = Math.Clamp(row, 1, CellAddress.MaxRows);
        var anchor = extend ? _active.Row : row;
        var active = extend ? _active : new CellAddress(row, Math.Max(1, Window.FirstColumn + (Window.FirstColumn > 1 ? OverscanColumns : 0)));
        SelectWhole(RangeAddress.Rows(Math.Min(anchor, row), Math.Max(anchor, row)), active);
    }

    /// <summary>The corner: the whole sheet (the active cell stays).</summary>
    public void SelectAll() => SelectWhole(new RangeAddress(1, 1, CellAddress.MaxRows, CellAddress.MaxColumns), _active);

    private void SelectWhole(RangeAddress range, CellAddress active)
    {
        _whole = range;
        _active = range.Contains(active) ? active : range.Start;
        _corner = _active;
        SelectionVersion++;
        SelectionMoved?.Invoke();
        ActiveChanged?.Invoke();
        OnSelectionChanged();
        OnUserNavigated();
    }

    /// <summary>
    /// What an edit of the selection touches: whole columns, rows or the sheet are bounded by the used range (null when
    /// they hold nothing); other selections are themselves.
    /// </summary>
    public RangeAddress? EditableSelection()
    {
        var range = Selection;
        if (_whole is null)
        {
            return range;
        }

        var sheet = _sheet;
        var used = _session.Read((workbook, _) => workbook.HasSheet(sheet) ? workbook.UsedRange(sheet) : null);
        if (used is not { } u)
        {
            return null;
        }

        int r1 = Math.Max(range.Start.Row, u.Start.Row), c1 = Math.Max(range.Start.Column, u.Start.Column);
        int r2 = Math.Min(range.End.Row, u.End.Row), c2 = Math.Min(range.End.Column, u.End.Column);
        return r1 > r2 || c1 > c2 ? null : new RangeAddress(r1, c1, r2, c2);
    }

    private static CellAddress Clamp(CellAddress cell) =>
        new(Math.Clamp(cell.Row, 1, CellAddress.MaxRows), Math.Clamp(cell.Column, 1, CellAddress.MaxColumns));

    /// <summary>Moves by rows and columns; with <paramref name="extend"/> the far corner moves.</summary>
    public void Move(int rows, int columns, bool extend)
    {
        var from = extend ? _corner : _active;
        Select(new CellAddress(Math.Clamp(from.Row + rows, 1, CellAddress.MaxRows), Math.Clamp(from.Column + columns, 1, CellAddress.MaxColumns)), extend);
    }

    /// <summary>
    /// Ctrl+arrow, as Excel: from a filled cell whose neighbour is filled, to the last filled cell of that run; otherwise
    /// (an empty cell, or an empty neighbour) to the next filled cell that way, or to the edge of the grid when there is
    /// none. The data is looked up in the whole sheet (its used range read now, not the rendered window or the extent
    /// known at the last layout), so a far cell someone else just wrote is found; empty stretches beyond the used range
    /// are skipped without reading them. <paramref name="extend"/> (Ctrl+Shift+arrow) moves the far corner instead.
    /// </summary>
    public void Jump(int rows, int columns, bool extend)
    {
        var from = extend ? _corner : _active;
        var target = JumpTarget(from, rows, columns);
        Select(target, extend);
    }

    /// <summary>Where Ctrl+arrow from <paramref name="from"/> lands (one step of <paramref name="rows"/>, <paramref name="columns"/>).</summary>
    public CellAddress JumpTarget(CellAddress from, int rows, int columns)
    {
        var sheet = _sheet;
        return _session.Read((workbook, _) =>
        {
            if (!workbook.HasSheet(sheet) || (rows == 0 && columns == 0))
            {
                return from;
            }

            var used = workbook.UsedRange(sheet);
            var usedRows = used?.End.Row ?? 0;
            var usedColumns = used?.End.Column ?? 0;
            // The edge of the grid: as far as it spans now, and never short of the data.
            var maxRow = Math.Min(CellAddress.MaxRows, Math.Max(RowCount, usedRows));
            var maxColumn = Math.Min(CellAddress.MaxColumns, Math.Max(ColumnCount, usedColumns));
            var edge = new CellAddress(
                rows > 0 ? maxRow : rows < 0 ? 1 : from.Row,
                columns > 0 ? maxColumn : columns < 0 ? 1 : from.Column);
            bool Filled(int r, int c) =>
                r >= 1 && c >= 1 && r <= usedRows && c <= usedColumns && !workbook.GetCell(sheet, new CellAddress(r, c)).IsEmpty;
            bool Inside(int r, int c) => r >= 1 && c >= 1 && r <= maxRow && c <= maxColumn;
            // Past the used range in the direction of travel nothing is filled any more.
            bool Beyond(int r, int c) => (rows > 0 && r > usedRows) || (columns > 0 && c > usedColumns) || r < 1 || c < 1;

            int row = from.Row, column = from.Column;
            if (!Inside(row + rows, column + columns))
            {
                return from;
            }

            if (Filled(row, column) && Filled(row + rows, column + columns))
            {
                while (Filled(row + rows, column + columns))
                {
                    row += rows;
                    column += columns;
                }

                return new CellAddress(row, column);
            }

            // A column (row) with nothing in it at all: straight to the edge.
            if ((rows != 0 && column > usedColumns) || (columns != 0 && row > usedRows))
            {
                return edge;
            }

            row += rows;
            column += columns;
            // Coming back from beyond the data, the empty stretch is skipped.
            if (rows < 0 && row > usedRows)
            {
                row = Math.Max(1, usedRows);
            }

            if (columns < 0 && column > usedColumns)
            {
                column = Math.Max(1, usedColumns);
            }

            while (Inside(row, column))
            {
                if (Filled(row, column))
                {
                    return new CellAddress(row, column);
                }

                if (Beyond(row, column))
                {
                    break;
                }

                row += rows;
                column += columns;
            }

            return edge;
        });
    }

    /// <summary>Rows one screen holds (PageUp, PageDown).</summary>
    public int PageRows => Math.Max(1, (int)((_viewHeight - HeaderHeight) / RowHeight) - 1);

    /// <summary>Switches to another sheet.</summary>
    public void ShowSheet(string sheet)
    {
        var name = Sheets.FirstOrDefault(s => string.Equals(s, sheet, StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            return;
        }

        var changed = !string.Equals(name, _sheet, StringComparison.Ordinal);
        _sheet = name;
        if (changed)
        {
            _whole = null;
            _active = _corner = new CellAddress(1, 1);
            RowCount = 1000;
            ColumnCount = 26;
            _scrollTop = _scrollLeft = 0;
            Relayout();
            SelectionVersion++;
            SelectionMoved?.Invoke();
            OnSelectionChanged();
            SheetsChanged?.Invoke();
        }
    }

    public override Task ShowAsync(string sheet, CellAddress cell, bool select)
    {
        ShowSheet(sheet);
        if (select)
        {
            Select(cell, extend: false, byPerson: false);
        }
        else
        {
            GrowToInclude(cell);
            ScrollRequested?.Invoke(CellRect(cell));
        }

        return Task.CompletedTask;
    }

    /// <summary>The browser says the person started (true) or stopped typing into the active cell.</summary>
    public void SetEditing(bool editing)
    {
        if (Editing != editing)
        {
            Editing = editing;
            OnSelectionChanged();
        }
    }

    /// <summary>
    /// Someone else's op reached the view: the selection (and so the cell being typed into) moves with the cells, and
    /// the sheet on screen follows a rename. Contributions hear of the structural change to move what they hold.
    /// </summary>
    public void MapThrough(Operation op)
    {
        switch (op)
        {
            case BatchOperation batch:
                foreach (var inner in batch.Ops)
                {
                    MapThrough(inner);
                }

                break;
            case StructuralOperation structural:
                var change = structural.Change;
                if (change.IsOnSheet(_sheet))
                {
                    var active = MapCell(change, _active);
                    var corner = MapCell(change, _corner);
                    if (active != _active || corner != _corner)
                    {
                        _active = active;
                        _corner = corner;
                        SelectionVersion++;
                        SelectionMoved?.Invoke();
                        ActiveChanged?.Invoke();
                        OnSelectionChanged();
                    }
                }

                OnStructureChanged(change);
                break;
            case RenameSheetOperation rename:
                if (string.Equals(rename.Sheet, _sheet, StringComparison.OrdinalIgnoreCase))
                {
                    _sheet = rename.Name;
                    if (_viewWidths.Remove(rename.Sheet, out var widths))
                    {
                        _viewWidths[rename.Name] = widths;
                    }
                }

                OnSheetRenamed(rename.Sheet, rename.Name);
                break;
            case DeleteSheetOperation delete:
                OnSheetRenamed(delete.Sheet, null);
                break;
        }
    }

    // A deleted cell's position stays where it was (clamped), as a spreadsheet keeps the cursor on the row that moved up.
    private static CellAddress MapCell(StructuralChange change, CellAddress cell) =>
        change.MapCell(cell) ?? new CellAddress(
            change.AffectsRows ? Math.Clamp(change.At, 1, CellAddress.MaxRows) : cell.Row,
            change.AffectsRows ? cell.Column : Math.Clamp(change.At, 1, CellAddress.MaxColumns));

    /// <summary>Passes a session message on to contributions.</summary>
    public void Deliver(string method, object payload) => OnMessageReceived(method, payload);

    /// <summary>Moving the view counts as the person navigating (following stops).</summary>
    public void Scrolled() => OnUserNavigated();

    // ----- clipboard -----

    /// <summary>
    /// What a copy of the selection takes (see <see cref="CellBlock"/>); null when there is nothing. Whole columns or
    /// rows are taken from the selection's start to the end of the used range; of a larger selection, only the rows
    /// that keep it within <paramref name="maxCells"/>.
    /// </summary>
    internal CellBlock? CopyBlock(int maxCells = 100_000)
    {
        var range = Selection;
        var sheet = _sheet;
        if (_whole is not null)
        {
            // Whole columns or rows: from the selection's start to the end of the used range.
            var used = _session.Read((workbook, _) => workbook.HasSheet(sheet) ? workbook.UsedRange(sheet) : null);
            if (used is not { } u || u.End.Row < range.Start.Row || u.End.Column < range.Start.Column)
            {
                return null;
            }

            range = new RangeAddress(range.Start, new CellAddress(Math.Min(range.End.Row, u.End.Row), Math.Min(range.End.Column, u.End.Column)));
        }

        var lastRow = Math.Min(range.End.Row, range.Start.Row + Math.Max(1, maxCells / Math.Max(1, range.ColumnCount)) - 1);
        return ReadBlock(sheet, new RangeAddress(range.Start, new CellAddress(lastRow, range.End.Column)));
    }

    /// <summary>The cells of <paramref name="range"/> of <paramref name="sheet"/> as they are now; null when the sheet is gone.</summary>
    internal CellBlock? ReadBlock(string sheet, RangeAddress range) =>
        _session.Read((workbook, _) => workbook.HasSheet(sheet) ? CellBlock.Read(workbook, sheet, range) : null);
}
