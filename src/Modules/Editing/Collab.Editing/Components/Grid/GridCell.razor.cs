using Collab.Workbooks.Engine;
using Microsoft.AspNetCore.Components;

namespace Collab.Editing.Components.Grid;

/// <summary>
/// One rendered cell. <see cref="ShouldRender"/> lets it render only when its version (bumped by
/// <see cref="GridState"/> when the cell's display changes) or its position changed, so a remote edit re-renders
/// exactly the cells it changed and a parent render costs nothing here.
/// </summary>
public sealed partial class GridCell : ComponentBase, IDisposable
{
    private int _renderedVersion = -1;
    private int _renderedLeft = -1;
    private int _renderedWidth = -1;
    private CellDisplay _display;
    private string _style = "";
    private string _class = "cg-cell";
    private string _name = "";

    /// <summary>The page's grid state.</summary>
    [Parameter, EditorRequired]
    public GridState State { get; set; } = default!;

    /// <summary>The cell's row (fixed for the component's life: cells are keyed by position).</summary>
    [Parameter]
    public int Row { get; set; }

    /// <summary>The cell's column.</summary>
    [Parameter]
    public int Column { get; set; }

    /// <summary>Left edge in cell coordinates.</summary>
    [Parameter]
    public int Left { get; set; }

    /// <summary>Width in pixels.</summary>
    [Parameter]
    public int Width { get; set; }

    /// <summary>How many times this cell rendered (for measurements and tests).</summary>
    public int Renders { get; private set; }

    protected override void OnInitialized()
    {
        _name = new CellAddress(Row, Column).ToString();
        State.Mount(this);
    }

    protected override bool ShouldRender() =>
        State.VersionOf(Row, Column) != _renderedVersion || Left != _renderedLeft || Width != _renderedWidth;

    /// <summary>Re-renders when the version changed (called by the grid state for mounted cells).</summary>
    internal void Refresh() => StateHasChanged();

    private void Prepare()
    {
        Renders++;
        var version = State.VersionOf(Row, Column);
        if (version != _renderedVersion || _renderedVersion < 0)
        {
            _display = State.DisplayOf(Row, Column);
            _class = _display.Kind switch
            {
                CellValueKind.Number => "cg-cell cg-number",
                CellValueKind.Boolean => "cg-cell cg-bool",
                CellValueKind.Error => "cg-cell cg-error",
                _ => "cg-cell",
            };
            if (_display.Bold)
            {
                _class += " cg-bold";
            }

            if (_display.Pending)
            {
                _class += " cg-pending";
            }
        }

        if (Left != _renderedLeft || Width != _renderedWidth || _renderedVersion < 0)
        {
            _style = FormattableString.Invariant($"top:{GridState.RowTop(Row)}px;left:{Left}px;width:{Width}px");
        }

        _renderedVersion = version;
        _renderedLeft = Left;
        _renderedWidth = Width;
    }

    public void Dispose() => State.Unmount(this);
}
