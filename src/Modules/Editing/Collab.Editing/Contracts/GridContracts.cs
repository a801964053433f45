using Collab.Workbooks.Engine;

namespace Collab.Editing.Contracts;

/// <summary>Where a component that another module contributes to the model page is rendered.</summary>
public enum GridSlot
{
    /// <summary>In the toolbar above the grid, right-aligned (avatars and the like).</summary>
    Toolbar,

    /// <summary>Over the cells, in cell coordinates (cursors, selections, hints); pointer events pass through.</summary>
    Overlay,
}

/// <summary>
/// A component another module adds to the model page (registered as a singleton by that module when it is enabled).
/// The component gets one parameter, <c>Context</c> of type <see cref="GridContext"/>; the grid never knows its type.
/// </summary>
/// <param name="Slot">Where it goes.</param>
/// <param name="Component">The component type; it must have a <c>[Parameter] GridContext Context</c>.</param>
/// <param name="Order">Sort key within the slot.</param>
public sealed record GridContribution(GridSlot Slot, Type Component, int Order = 100);

/// <summary>A rectangle in the grid's cell coordinates: pixels from the top-left corner of A1.</summary>
public readonly record struct GridRect(double Left, double Top, double Width, double Height);

/// <summary>
/// What the model page tells contributed components: who and where the person is, what they look at, the messages of
/// the model's session, and how to move the view. One per open model page (per circuit); every event is raised on the
/// circuit's dispatcher, so handlers may call <c>StateHasChanged</c> directly.
/// </summary>
public abstract class GridContext
{
    /// <summary>The model.</summary>
    public abstract string ModelId { get; }

    /// <summary>This page's member id in the model's session (to leave it out of broadcasts).</summary>
    public abstract string MemberId { get; }

    /// <summary>The signed-in person.</summary>
    public abstract string UserId { get; }

    /// <summary>Their display name.</summary>
    public abstract string DisplayName { get; }

    /// <summary>Their presence color.</summary>
    public abstract string Color { get; }

    /// <summary>The sheet on screen.</summary>
    public abstract string Sheet { get; }

    /// <summary>The active cell.</summary>
    public abstract CellAddress ActiveCell { get; }

    /// <summary>The selected range (contains the active cell).</summary>
    public abstract RangeAddress Selection { get; }

    /// <summary>True while the person types into the active cell.</summary>
    public abstract bool IsEditing { get; }

    /// <summary>Where a cell is drawn.</summary>
    public abstract GridRect CellRect(CellAddress cell);

    /// <summary>Where a range is drawn.</summary>
    public abstract GridRect RangeRect(RangeAddress range);

    /// <summary>Shows a cell: switches to its sheet and scrolls it into view; with <paramref name="select"/> also selects it.</summary>
    public abstract Task ShowAsync(string sheet, CellAddress cell, bool select);

    /// <summary>The person moved the selection or started or stopped typing.</summary>
    public event Action? SelectionChanged;

    /// <summary>What is drawn where changed: another sheet, column widths, rows or columns inserted or deleted.</summary>
    public event Action? LayoutChanged;

    /// <summary>Rows or columns were inserted or deleted (already applied): positions held elsewhere move through it.</summary>
    public event Action<StructuralChange>? StructureChanged;

    /// <summary>A sheet was renamed (new name) or deleted (null).</summary>
    public event Action<string, string?>? SheetRenamed;

    /// <summary>A session message for other modules: its hub method name (<c>PresenceChanged</c>, <c>UserJoined</c>, <c>UserLeft</c>) and payload.</summary>
    public event Action<string, object>? MessageReceived;

    /// <summary>The person moved the view themselves (keys, mouse, scrolling): following someone stops.</summary>
    public event Action? UserNavigated;

    protected void OnSelectionChanged() => SelectionChanged?.Invoke();

    protected void OnLayoutChanged() => LayoutChanged?.Invoke();

    protected void OnStructureChanged(StructuralChange change) => StructureChanged?.Invoke(change);

    protected void OnSheetRenamed(string sheet, string? newName) => SheetRenamed?.Invoke(sheet, newName);

    protected void OnMessageReceived(string method, object payload) => MessageReceived?.Invoke(method, payload);

    protected void OnUserNavigated() => UserNavigated?.Invoke();
}
