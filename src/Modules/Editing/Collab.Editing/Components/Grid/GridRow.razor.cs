using Collab.Workbooks.Engine;
using Microsoft.AspNetCore.Components;

namespace Collab.Editing.Components.Grid;

/// <summary>
/// One rendered row: the cells of the window's columns in that row, as plain elements. One component per row (not per
/// cell) keeps the circuit's render trees small. <see cref="ShouldRender"/> lets it render only when the version of one
/// of its cells (bumped by <see cref="GridState"/> when the cell's display changes), a column's position or width, or
/// the column range changed, so a remote edit re-renders only the rows holding changed cells and a parent render costs
/// nothing here. The strings of each cell are kept, so an unchanged cell is not re-read and its markup stays identical
/// (the diff leaves its element alone).
/// </summary>
public sealed partial class GridRow : ComponentBase, IDisposable
{
    private CellView[] _cells = [];
    private int _firstColumn = 1;
    private int _lastColumn;

    /// <summary>The page's grid state.</summary>
    [Parameter, EditorRequired]
    public GridState State { get; set; } = default!;

    /// <summary>The row (fixed for the component's life: rows are keyed by number).</summary>
    [Parameter]
    public int Row { get; set; }

    /// <summary>The first rendered column.</summary>
    [Parameter]
    public int FirstColumn { get; set; }

    /// <summary>The last rendered column.</summary>
    [Parameter]
    public int LastColumn { get; set; }

    /// <summary>How many times this row rendered (for measurements and tests).</summary>
    public int Renders { get; private set; }

    protected override void OnInitialized() => State.Mount(this);

    protected override bool ShouldRender()
    {
        if (FirstColumn != _firstColumn || LastColumn != _lastColumn)
        {
            return true;
        }

        for (var i = 0; i < _cells.Length; i++)
        {
            var column = _firstColumn + i;
            ref readonly var cell = ref _cells[i];
            if (cell.Version != State.VersionOf(Row, column) || cell.Left != State.ColumnLeft(column) || cell.Width != State.ColumnWidth(column))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Re-renders when a cell's version changed (called by the grid state for mounted rows, once per row).</summary>
    internal void Refresh() => StateHasChanged();

    private void Prepare()
    {
        Renders++;
        if (FirstColumn != _firstColumn || LastColumn != _lastColumn || (_cells.Length == 0 && LastColumn >= FirstColumn))
        {
            // The column range moved: cells still in it keep what they had, new ones start blank and are read below.
            var cells = new CellView[Math.Max(0, LastColumn - FirstColumn + 1)];
            for (var column = FirstColumn; column <= LastColumn; column++)
            {
                cells[column - FirstColumn] = column >= _firstColumn && column <= _lastColumn
                    ? _cells[column - _firstColumn]
                    : new CellView(new CellAddress(Row, column).ToString());
            }

            _cells = cells;
            _firstColumn = FirstColumn;
            _lastColumn = LastColumn;
        }

        var top = GridState.RowTop(Row);
        for (var i = 0; i < _cells.Length; i++)
        {
            var column = _firstColumn + i;
            ref var cell = ref _cells[i];
            var version = State.VersionOf(Row, column);
            if (version != cell.Version)
            {
                var display = State.DisplayOf(Row, column);
                var css = display.Kind switch
                {
                    CellValueKind.Number => "cg-cell cg-number",
                    CellValueKind.Boolean => "cg-cell cg-bool",
                    CellValueKind.Error => "cg-cell cg-error",
                    _ => "cg-cell",
                };
                if (display.Bold)
                {
                    css += " cg-bold";
                }

                if (display.Pending)
                {
                    css += " cg-pending";
                }

                cell.Class = css;
                cell.Text = display.Text;
                cell.Tip = display.Tip;
                cell.Pending = display.Pending;
                cell.Version = version;
            }

            var left = State.ColumnLeft(column);
            var width = State.ColumnWidth(column);
            if (left != cell.Left || width != cell.Width)
            {
                cell.Style = FormattableString.Invariant($"top:{top}px;left:{left}px;width:{width}px");
                cell.Left = left;
                cell.Width = width;
            }
        }
    }

    public void Dispose() => State.Unmount(this);

    /// <summary>What one cell of the row last rendered (its strings are reused while the cell is unchanged).</summary>
    private struct CellView(string name)
    {
        public readonly string Name = name;
        public string Class = "cg-cell";
        public string Style = "";
        public string? Text;
        public string? Tip;
        public bool Pending;
        public int Version = -1;
        public int Left = -1;
        public int Width = -1;
    }
}
