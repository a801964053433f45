using System.Text.Json;
using Collab.Editing.Application.Sessions;
using Collab.Editing.Contracts;
using Collab.Editing.Core;
using Collab.Permissions.Contracts;
using Collab.Workbooks.Engine;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Collab.Editing.Components.Grid;

/// <summary>An op the browser kept in localStorage until it was acknowledged: <c>{opId, baseRevision, op}</c>.</summary>
public sealed record StoredOperation(string OpId, long BaseRevision, JsonElement Op);

/// <summary>What happened to a stored op: settled (the server has it, or refused it with <see cref="Error"/>).</summary>
public sealed record SettledOperation(string OpId, string? Error);

/// <summary>A lost value to show on a conflict card.</summary>
public sealed record ConflictView(int Id, string Sheet, string Cell, string? YourValue, string? TheirValue, string ByName);

/// <summary>Where the context menu is open.</summary>
public sealed record ContextMenuView(double X, double Y);

/// <summary>
/// The model page's commands: what the browser module reports (keys, pointer, typing, clipboard, scrolling) becomes
/// selection moves and ops on the session; the session's events become re-renders of exactly what changed. Runs on the
/// circuit's dispatcher. The browser module keeps each typed op in localStorage until this side settles it.
/// </summary>
public sealed class GridController : IAsyncDisposable
{
    private readonly BrowserEditingSession _session;
    private readonly IJSRuntime _js;
    private readonly HashSet<string> _browserOps = new(StringComparer.Ordinal);
    private DotNetObjectReference<GridController>? _reference;
    private IJSObjectReference? _module;
    private IJSObjectReference? _grid;
    private string? _showWhenAdded;
    private string _pendingSignature = "";
    private string? _cutText;
    private CellBlock? _copied;
    private string? _typedOpId;
    private long _pushedRevision = -1;
    private int _nextConflict;
    private bool _disposed;

    internal GridController(BrowserEditingSession session, GridState state, IJSRuntime js)
    {
        _session = session;
        State = state;
        _js = js;
        _session.PendingChanged += OnPendingChanged;
        _session.LocalEdit += OnLocalEdit;
        _session.CellsChanged += OnCellsChanged;
        _session.RemoteApplied += State.MapThrough;
        _session.MessageReceived += OnMessage;
        _session.ConflictReceived += OnConflict;
        _session.Rejected += OnRejected;
        _session.RoleChanged += OnRoleChanged;
        State.ActiveChanged += PushActive;
        State.ScrollRequested += ScrollIntoView;
        State.SheetsChanged += OnSheetsChanged;
    }

    public GridState State { get; }

    internal BrowserEditingSession Session => _session;

    /// <summary>True when the person may edit now.</summary>
    public bool CanEdit => _session.Role.Allows(ModelAction.Edit);

    /// <summary>Conflict cards to show.</summary>
    public List<ConflictView> Conflicts { get; } = [];

    /// <summary>The open context menu, if any.</summary>
    public ContextMenuView? Menu { get; private set; }

    /// <summary>Something the page shows around the grid changed (banner, conflicts, menu).</summary>
    public event Action? PageChanged;

    /// <summary>Tell the person something (the page shows a snackbar): text and whether it is an error.</summary>
    public event Action<string, bool>? Notify;

    /// <summary>Resolves a user id to a display name (the page uses the session's members and the user directory).</summary>
    public Func<string, Task<string>> NameOf { get; set; } = id => Task.FromResult(id);

    /// <summary>Loads the browser module and attaches it to the grid element; resubmits what the browser kept from before.</summary>
    public async Task AttachAsync(ElementReference root, ElementReference indicator)
    {
        _reference = DotNetObjectReference.Create(this);
        _module = await _js.InvokeAsync<IJSObjectReference>("import", "./_content/Collab.Editing/grid.js");
        _grid = await _module.InvokeAsync<IJSObjectReference>("attach", root, _reference, new
        {
            modelId = _session.ModelId,
            userId = _session.Actor.UserId,
            readOnly = !CanEdit,
        }, indicator);
        PushActive();
    }

    // ----- from the browser -----

    /// <summary>A key the browser did not handle itself.</summary>
    [JSInvokable]
    public void Key(string key, bool shift, bool ctrl)
    {
        Menu = null;
        switch (key)
        {
            case "ArrowUp":
                Arrow(-1, 0, shift, ctrl);
                break;
            case "ArrowDown":
                Arrow(1, 0, shift, ctrl);
                break;
            case "ArrowLeft":
                Arrow(0, -1, shift, ctrl);
                break;
            case "ArrowRight":
                Arrow(0, 1, shift, ctrl);
                break;
            case "Enter":
                State.Move(shift ? -1 : 1, 0, extend: false);
                break;
            case "Tab":
                State.Move(0, shift ? -1 : 1, extend: false);
                break;
            case "Home":
                State.Select(ctrl ? new CellAddress(1, 1) : new CellAddress(State.ActiveCell.Row, 1), shift);
                break;
            case "PageDown":
                State.Move(State.PageRows, 0, shift);
                break;
            case "PageUp":
                State.Move(-State.PageRows, 0, shift);
                break;
            case "Delete":
                ClearSelection();
                break;
            case "F2":
                BeginEdit();
                break;
            case "z" or "Z" when ctrl && shift:
            case "y" or "Y" when ctrl:
                Redo();
                break;
            case "z" or "Z" when ctrl:
                Undo();
                break;
            case "b" or "B" when ctrl:
                ToggleBold();
                break;
            case "Escape":
                CancelCut();
                PageChanged?.Invoke();
                break;
        }
    }

    private void Arrow(int rows, int columns, bool shift, bool ctrl)
    {
        if (ctrl)
        {
            State.Jump(rows, columns, shift);
        }
        else
        {
            State.Move(rows, columns, shift);
        }
    }

    /// <summary>The mouse: <c>down</c> selects (Shift extends), <c>drag</c> extends, <c>dbl</c> edits in place.</summary>
    [JSInvokable]
    public void Pointer(string kind, int row, int column, bool shift)
    {
        if (row < 1 || column < 1)
        {
            return;
        }

        var cell = new CellAddress(Math.Min(row, CellAddress.MaxRows), Math.Min(column, CellAddress.MaxColumns));
        switch (kind)
        {
            case "down":
                if (Menu is not null)
                {
                    Menu = null;
                    PageChanged?.Invoke();
                }

                State.Select(cell, shift);
                break;
            case "drag":
                if (State.Corner != cell)
                {
                    State.Select(cell, extend: true);
                }

                break;
            case "dbl":
                State.Select(cell, extend: false);
                BeginEdit();
                break;
        }
    }

    /// <summary>
    /// A click on a header: <c>column</c> selects the whole column, <c>row</c> the whole row (Shift extends from the
    /// active cell's column or row, and so does a drag from one header across others), <c>corner</c> the whole sheet.
    /// </summary>
    [JSInvokable]
    public void Header(string kind, int index, bool shift)
    {
        CloseMenu();
        switch (kind)
        {
            case "column" when index >= 1:
                State.SelectColumns(index, shift);
                break;
            case "row" when index >= 1:
                State.SelectRows(index, shift);
                break;
            case "corner":
                State.SelectAll();
                break;
        }
    }

    /// <summary>Right click on a cell: select it unless it is in the selection, and open the menu there.</summary>
    [JSInvokable]
    public void ContextMenu(int row, int column, double x, double y)
    {
        var cell = new CellAddress(Math.Clamp(row, 1, CellAddress.MaxRows), Math.Clamp(column, 1, CellAddress.MaxColumns));
        if (!State.Selection.Contains(cell))
        {
            State.Select(cell, extend: false);
        }

        Menu = new ContextMenuView(x, y);
        PageChanged?.Invoke();
    }

    public void CloseMenu()
    {
        if (Menu is not null)
        {
            Menu = null;
            PageChanged?.Invoke();
        }
    }

    /// <summary>The grid scrolled or was resized.</summary>
    [JSInvokable]
    public void Viewport(double top, double left, double width, double height) => State.SetViewport(top, left, width, height);

    /// <summary>The person started typing into the active cell.</summary>
    [JSInvokable]
    public void EditStarted() => State.SetEditing(true);

    /// <summary>The person left the cell without committing (Escape).</summary>
    [JSInvokable]
    public void EditCancelled() => State.SetEditing(false);

    /// <summary>
    /// The person committed what they typed (Enter, Tab, an arrow in enter mode, a click elsewhere): a setCell on the
    /// active cell, which has moved with any rows or columns others inserted meanwhile; then the selection moves.
    /// The browser kept the op under <paramref name="opId"/> until it is settled.
    /// </summary>
    [JSInvokable]
    public void Commit(string opId, string text, string move)
    {
        State.SetEditing(false);
        if (!CanEdit)
        {
            Settle([opId]);
            Notify?.Invoke(ReadOnlyReason(), true);
        }
        else if (EditTyped(new SetCellOperation(State.Sheet, State.ActiveCell, text ?? ""), ValidOpId(opId)) is { } pending)
        {
            _browserOps.Add(pending.OpId);
            if (!_session.Client!.Pending.Any(p => p.OpId == pending.OpId))
            {
                Settle([pending.OpId]);
            }
        }
        else
        {
            Settle([opId]);
        }

        switch (move)
        {
            case "down":
                State.Move(1, 0, extend: false);
                break;
            case "up":
                State.Move(-1, 0, extend: false);
                break;
            case "right":
                State.Move(0, 1, extend: false);
                break;
            case "left":
                State.Move(0, -1, extend: false);
                break;
        }
    }

    // The browser already keeps a typed op (under its own op id): it is not sent back to be kept again.
    private PendingOperation? EditTyped(Operation op, string? opId)
    {
        _typedOpId = opId;
        try
        {
            return _session.Edit(op, opId: opId);
        }
        finally
        {
            _typedOpId = null;
        }
    }

    private static string? ValidOpId(string? opId) => opId is { Length: > 0 and <= EditingClient.MaxOpIdLength } ? opId : null;

    /// <summary>
    /// Copy: the selection's values as shown, as tab-separated text for the clipboard. The page also keeps the copied
    /// cells themselves (inputs and formats as they are now), which a paste of that same text in this page writes (see
    /// <see cref="Paste"/>). Cut (Ctrl+X) gives the same text and marks the selection (a dashed border); nothing
    /// changes until the text is pasted in this page, which then moves the cells. A copy replaces an earlier cut mark.
    /// Viewers may copy.
    /// </summary>
    [JSInvokable]
    public string Copy(bool cut)
    {
        var block = State.CopyBlock();
        var text = block?.Text ?? "";
        CancelCut();
        _copied = cut ? null : block;
        if (cut)
        {
            if (!CanEdit)
            {
                Notify?.Invoke(ReadOnlyReason(), true);
            }
            else if (State.EditableSelection() is { } range)
            {
                _cutText = text;
                State.SetCutMark((State.Sheet, range));
            }
        }

        return text;
    }

    /// <summary>Escape (or an edit of the cut cells' place elsewhere): the cut mark goes, nothing moves.</summary>
    public void CancelCut()
    {
        _cutText = null;
        State.SetCutMark(null);
    }

    /// <summary>
    /// Pastes what the clipboard holds at the selection; the pasted block becomes the selection. When the text is what
    /// the last cut in this page put on the clipboard, the cut cells move (see <see cref="MoveCut"/>); when it is what
    /// the last copy put there, the copied cells are written (see <see cref="PasteCopied"/>). Other text (from another
    /// program or page) is written at the active cell as values, one setRange. The cut mark clears after any paste.
    /// </summary>
    [JSInvokable]
    public void Paste(string text)
    {
        text ??= "";
        var cut = State.CutMark;
        var cutText = _cutText;
        CancelCut();
        if (cut is { } mark && cutText is not null && SameText(cutText, text))
        {
            MoveCut(mark.Sheet, mark.Range);
            return;
        }

        if (_copied is { } copied && SameText(copied.Text, text))
        {
            PasteCopied(copied);
            return;
        }

        var rows = TabularText.Parse(text);
        if (rows.Count == 0 || rows[0].Count == 0)
        {
            return;
        }

        if (!CanEdit)
        {
            Notify?.Invoke(ReadOnlyReason(), true);
            return;
        }

        var start = State.Selection.Start;
        var end = new CellAddress(Math.Min(CellAddress.MaxRows, start.Row + rows.Count - 1), Math.Min(CellAddress.MaxColumns, start.Column + rows[0].Count - 1));
        var range = new RangeAddress(start, end);
        var inputs = rows.Take(range.RowCount).Select(r => (IReadOnlyList<string>)r.Take(range.ColumnCount).ToList()).ToList();
        Edit(new SetRangeOperation(State.Sheet, range, inputs));
        State.SelectRange(start, end);
    }

    private static bool SameText(string a, string b) =>
        string.Equals(a.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n'), b.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n'), StringComparison.Ordinal);

    /// <summary>
    /// Copy and paste, as Excel: the copied cells' inputs and formats, as they were when copied, are written at the
    /// selection, each formula's relative references moved by the distance from its cell to the copy (see
    /// <see cref="FormulaRewriter.Shift"/>). A selection larger than the block whose height and width are multiples of
    /// the block's is filled with copies of it, each shifted for its own place. One op (a batch), so one undo step
    /// undoes the whole paste.
    /// </summary>
    private void PasteCopied(CellBlock copied)
    {
        if (!CanEdit)
        {
            Notify?.Invoke(ReadOnlyReason(), true);
            return;
        }

        // Whole columns or rows are not filled (a million rows): the block goes once at their start.
        var target = copied.TargetFor(State.Selection, tile: !State.WholeSelection);
        if (TooManyToPaste("pastes", target.CellCount))
        {
            return;
        }

        Edit(BatchOperation.Of(copied.WriteAt(State.Sheet, target, shiftFormulas: true)));
        State.SelectRange(target.Start, target.End);
    }

    /// <summary>
    /// Cut and paste, as Excel: the cut cells' inputs are written at the active cell exactly as they are (formulas keep
    /// their text: their relative references are not moved) with their formats, and the cut cells the block does not
    /// land on are cleared and lose their format. One op (a batch), so one undo step undoes the whole move.
    /// </summary>
    private void MoveCut(string sheet, RangeAddress source)
    {
        if (!CanEdit)
        {
            Notify?.Invoke(ReadOnlyReason(), true);
            return;
        }

        if (TooManyToPaste("moves", source.CellCount))
        {
            return;
        }

        if (State.ReadBlock(sheet, source) is not { } block)
        {
            Notify?.Invoke("The cut cells' sheet is gone.", true);
            return;
        }

        var target = block.TargetFor(State.Selection, tile: false);
        var targetSheet = State.Sheet;
        var sameSheet = string.Equals(sheet, targetSheet, StringComparison.OrdinalIgnoreCase);
        if (sameSheet && target == source)
        {
            return;
        }

        var rest = sameSheet ? Subtract(source, target) : [source];
        var ops = rest.Select(range => (Operation)new ClearRangeOperation(sheet, range))
            .Concat(CellBlock.ClearFormats(sheet, rest))
            .Concat(block.WriteAt(targetSheet, target, shiftFormulas: false));
        Edit(BatchOperation.Of(ops));
        State.SelectRange(target.Start, target.End);
    }

    // A paste is one setRange, which holds at most so many cells: more are refused here, saying why.
    private bool TooManyToPaste(string verb, long cells)
    {
        var limit = _session.Limits.MaxSetRangeCells;
        if (cells <= limit)
        {
            return false;
        }

        Notify?.Invoke($"That {verb} {cells:N0} cells; at most {limit:N0} can be pasted at once.", true);
        return true;
    }

    /// <summary>The parts of <paramref name="range"/> outside <paramref name="hole"/> (at most four rectangles).</summary>
    internal static IReadOnlyList<RangeAddress> Subtract(RangeAddress range, RangeAddress hole)
    {
        int r1 = Math.Max(range.Start.Row, hole.Start.Row), c1 = Math.Max(range.Start.Column, hole.Start.Column);
        int r2 = Math.Min(range.End.Row, hole.End.Row), c2 = Math.Min(range.End.Column, hole.End.Column);
        if (r1 > r2 || c1 > c2)
        {
            return [range];
        }

        var parts = new List<RangeAddress>();
        if (range.Start.Row < r1)
        {
            parts.Add(new RangeAddress(range.Start.Row, range.Start.Column, r1 - 1, range.End.Column));
        }

        if (r2 < range.End.Row)
        {
            parts.Add(new RangeAddress(r2 + 1, range.Start.Column, range.End.Row, range.End.Column));
        }

        if (range.Start.Column < c1)
        {
            parts.Add(new RangeAddress(r1, range.Start.Column, r2, c1 - 1));
        }

        if (c2 < range.End.Column)
        {
            parts.Add(new RangeAddress(r1, c2 + 1, r2, range.End.Column));
        }

        return parts;
    }

    /// <summary>The person dragged a column's edge.</summary>
    [JSInvokable]
    public void ResizeColumn(int column, double width) => State.ResizeColumn(column, width);

    /// <summary>
    /// Ops the browser kept (typed offline, or before the page was rebuilt) are submitted again with their op ids: the
    /// server applies each once. Ops still pending here settle through the normal path.
    /// </summary>
    [JSInvokable]
    public async Task<SettledOperation[]> Resubmit(StoredOperation[] stored)
    {
        var pendingIds = _session.Client?.Pending.Select(p => p.OpId).ToHashSet(StringComparer.Ordinal) ?? [];
        var settled = new List<SettledOperation>();
        var ops = new List<PendingOperation>();
        foreach (var entry in stored ?? [])
        {
            if (pendingIds.Contains(entry.OpId) || _browserOps.Contains(entry.OpId))
            {
                continue;
            }

            try
            {
                ops.Add(new PendingOperation(entry.OpId, entry.BaseRevision, Operation.FromJson(entry.Op.GetRawText())));
            }
            catch (Exception error) when (error is JsonException or NotSupportedException or ArgumentException or FormatException or InvalidOperationException)
            {
                settled.Add(new SettledOperation(entry.OpId, "The stored edit could not be read."));
            }
        }

        if (ops.Count > 0)
        {
            if (!CanEdit)
            {
                settled.AddRange(ops.Select(o => new SettledOperation(o.OpId, ReadOnlyReason())));
                Notify?.Invoke(ReadOnlyReason(), true);
            }
            else
            {
                var outcomes = await _session.ResubmitAsync(ops);
                settled.AddRange(outcomes.Select(o => new SettledOperation(o.Key, o.Value)));
            }
        }

        return [.. settled];
    }

    // ----- commands of the page -----

    public void BeginEdit()
    {
        if (!CanEdit)
        {
            Notify?.Invoke(ReadOnlyReason(), true);
            return;
        }

        State.SetEditing(true);
        Fire("beginEdit", State.ActiveInput());
    }

    /// <summary>The formula bar's Enter: sets the active cell (an op id of our own: it was typed on this side).</summary>
    public void CommitFromFormulaBar(string text)
    {
        if (!CanEdit)
        {
            Notify?.Invoke(ReadOnlyReason(), true);
            return;
        }

        Edit(new SetCellOperation(State.Sheet, State.ActiveCell, text));
        Fire("focus");
    }

    public void ClearSelection()
    {
        if (!CanEdit)
        {
            Notify?.Invoke(ReadOnlyReason(), true);
            return;
        }

        // Whole columns, rows or the sheet clear only what the used range holds: one clearRange within the op limit.
        if (State.EditableSelection() is not { } range)
        {
            return;
        }

        var limit = _session.Limits.MaxRangeCells;
        if (range.CellCount > limit)
        {
            Notify?.Invoke($"That clears {range.CellCount:N0} cells; at most {limit:N0} can be cleared at once. Select fewer cells.", true);
            return;
        }

        Edit(new ClearRangeOperation(State.Sheet, range));
    }

    public void Undo()
    {
        if (CanEdit && !_session.UndoLast())
        {
            Notify?.Invoke("Nothing to undo.", false);
        }
    }

    public void Redo()
    {
        if (CanEdit && !_session.RedoLast())
        {
            Notify?.Invoke("Nothing to redo.", false);
        }
    }

    public void ToggleBold() => SetFormat(new FormatPatch(Bold: !State.ActiveIsBold()));

    public void SetNumberFormat(string format) => SetFormat(new FormatPatch(NumberFormat: format));

    private void SetFormat(FormatPatch patch)
    {
        CloseMenu();
        if (!CanEdit)
        {
            Notify?.Invoke(ReadOnlyReason(), true);
            return;
        }

        Edit(new SetFormatOperation(State.Sheet, State.Selection, patch));
    }

    public void InsertRows()
    {
        var selection = State.Selection;
        Structural(new InsertRowsOperation(State.Sheet, selection.Start.Row, selection.RowCount));
    }

    public void DeleteRows()
    {
        var selection = State.Selection;
        Structural(new DeleteRowsOperation(State.Sheet, selection.Start.Row, selection.RowCount));
    }

    public void InsertColumns()
    {
        var selection = State.Selection;
        Structural(new InsertColumnsOperation(State.Sheet, selection.Start.Column, selection.ColumnCount));
    }

    public void DeleteColumns()
    {
        var selection = State.Selection;
        Structural(new DeleteColumnsOperation(State.Sheet, selection.Start.Column, selection.ColumnCount));
    }

    private void Structural(Operation op)
    {
        CloseMenu();
        if (!CanEdit)
        {
            Notify?.Invoke(ReadOnlyReason(), true);
            return;
        }

        Edit(op);
    }

    public void AddSheet()
    {
        if (!CanEdit)
        {
            Notify?.Invoke(ReadOnlyReason(), true);
            return;
        }

        var n = State.Sheets.Count + 1;
        while (State.Sheets.Contains("Sheet" + n, StringComparer.OrdinalIgnoreCase))
        {
            n++;
        }

        _showWhenAdded = "Sheet" + n;
        Edit(new AddSheetOperation(_showWhenAdded));
    }

    public void RenameSheet(string sheet, string name)
    {
        if (CanEdit && !string.IsNullOrWhiteSpace(name) && !string.Equals(sheet, name, StringComparison.Ordinal))
        {
            if (string.Equals(sheet, State.Sheet, StringComparison.OrdinalIgnoreCase))
            {
                _showWhenAdded = name.Trim();
            }

            Edit(new RenameSheetOperation(sheet, name.Trim()));
        }
    }

    public void DeleteSheet(string sheet)
    {
        if (!CanEdit)
        {
            Notify?.Invoke(ReadOnlyReason(), true);
            return;
        }

        if (State.Sheets.Count <= 1)
        {
            Notify?.Invoke("A model keeps at least one sheet.", true);
            return;
        }

        Edit(new DeleteSheetOperation(sheet));
    }

    /// <summary>Keep mine: sets the lost value again (a new setCell).</summary>
    public void KeepMine(ConflictView conflict)
    {
        Conflicts.Remove(conflict);
        PageChanged?.Invoke();
        if (!CanEdit)
        {
            Notify?.Invoke(ReadOnlyReason(), true);
            return;
        }

        if (CellAddress.TryParse(conflict.Cell, out var cell))
        {
            Edit(new SetCellOperation(conflict.Sheet, cell, conflict.YourValue ?? ""));
        }
    }

    /// <summary>Keep theirs: the card closes, nothing changes.</summary>
    public void KeepTheirs(ConflictView conflict)
    {
        Conflicts.Remove(conflict);
        PageChanged?.Invoke();
    }

    /// <summary>Goes to an address typed into the name box: <c>B4</c>, <c>A1:C3</c>, <c>Sheet2!B4</c> or a defined name.</summary>
    public bool GoTo(string text)
    {
        var target = NameBox.Resolve(text, State.Sheet, _session.Read((workbook, _) => workbook.Names));
        if (target is not { } found)
        {
            Notify?.Invoke($"“{text}” is not a cell, a range or a defined name.", true);
            return false;
        }

        if (!string.Equals(found.Sheet, State.Sheet, StringComparison.OrdinalIgnoreCase))
        {
            State.ShowSheet(found.Sheet);
        }

        State.SelectRange(found.Range.Start, found.Range.End);
        Fire("focus");
        return true;
    }

    public void Focus() => Fire("focus");

    private PendingOperation? Edit(Operation op) => _session.Edit(op);

    private string ReadOnlyReason() => _session.Role switch
    {
        ModelRole.None => "Your access to this model was removed.",
        var role => $"You are a {role.ToWire()} of this model: you can look but not edit.",
    };

    // ----- from the session -----

    /// <summary>
    /// Every edit that did not come typed from the browser (paste, clear, cut and paste, rows and columns, sheets,
    /// formats, undo and redo, keep mine) is kept in the browser's outbox too, exactly as a typed one, until it settles:
    /// if the circuit goes before the server has it, the rebuilt page resubmits it under the same op id (applied once).
    /// </summary>
    private void OnLocalEdit(PendingOperation pending)
    {
        if (_typedOpId is not null && pending.OpId == _typedOpId)
        {
            return;
        }

        _browserOps.Add(pending.OpId);
        using var json = JsonDocument.Parse(pending.Operation.ToJson());
        Fire("keep", new StoredOperation(pending.OpId, pending.BaseRevision, json.RootElement.Clone()));
    }

    private void OnPendingChanged()
    {
        // The browser bases the edits it makes on its own (offline) on the revision it shows.
        if (_session.Client is { } client && client.Revision != _pushedRevision)
        {
            _pushedRevision = client.Revision;
            Fire("setRevision", client.Revision);
        }

        var pending = _session.Client?.Pending ?? [];
        // Remote ops raise this too; when our own pending ops did not change, the cells were just refreshed.
        var signature = string.Join('|', pending.Select(p => p.OpId + "@" + p.BaseRevision));
        if (signature == _pendingSignature && pending.Count == 0)
        {
            return;
        }

        _pendingSignature = signature;
        State.SetPending(pending);
        if (_browserOps.Count > 0)
        {
            var pendingIds = pending.Select(p => p.OpId).ToHashSet(StringComparer.Ordinal);
            var done = _browserOps.Where(id => !pendingIds.Contains(id)).ToList();
            if (done.Count > 0)
            {
                _browserOps.ExceptWith(done);
                Settle(done);
            }
        }
    }

    private void OnCellsChanged(IReadOnlyList<CellLocation> cells, bool layout)
    {
        if (layout)
        {
            State.RefreshLayout();
        }
        else
        {
            State.Refresh();
        }
    }

    private void OnSheetsChanged()
    {
        if (_showWhenAdded is { } name && State.Sheets.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            _showWhenAdded = null;
            State.ShowSheet(name);
        }

        PageChanged?.Invoke();
    }

    private void OnMessage(SessionMessage message) => State.Deliver(message.Method, message.Payload);

    private async void OnConflict(ConflictMessage conflict)
    {
        try
        {
            var name = await NameOf(conflict.ByUserId);
            Conflicts.Add(new ConflictView(++_nextConflict, conflict.Sheet, conflict.Cell, conflict.YourValue, conflict.TheirValue, name));
            PageChanged?.Invoke();
        }
        catch (ObjectDisposedException)
        {
            // The page closed meanwhile.
        }
    }

    private void OnRejected(IReadOnlyList<PendingOperation> undone, string reason)
    {
        Notify?.Invoke($"Your edit was not applied: {reason}", true);
    }

    private void OnRoleChanged(ModelRole role)
    {
        Fire("setReadOnly", !CanEdit);
        if (!CanEdit)
        {
            State.SetEditing(false);
        }

        PageChanged?.Invoke();
    }

    // ----- to the browser -----

    private void PushActive()
    {
        var rect = State.CellRect(State.ActiveCell);
        Fire("setActive", new
        {
            sheet = State.Sheet,
            cell = State.ActiveCell.ToString(),
            row = State.ActiveCell.Row,
            column = State.ActiveCell.Column,
            left = rect.Left,
            top = rect.Top,
            width = rect.Width,
            height = rect.Height,
            revision = _session.Client?.Revision ?? 0,
            readOnly = !CanEdit,
            // What the browser needs to make the selection's edits itself while the connection is down.
            range = State.Selection.ToString(),
            startRow = State.Selection.Start.Row,
            startColumn = State.Selection.Start.Column,
            bold = State.ActiveIsBold(),
        });
    }

    private void ScrollIntoView(GridRect rect) => Fire("scrollIntoView", rect.Left, rect.Top, rect.Width, rect.Height);

    private void Settle(IReadOnlyList<string> opIds) => Fire("settled", opIds);

    private void Fire(string method, params object?[] args)
    {
        if (_grid is null || _disposed)
        {
            return;
        }

        _ = FireAsync(_grid, method, args);
    }

    private static async Task FireAsync(IJSObjectReference grid, string method, object?[] args)
    {
        try
        {
            await grid.InvokeVoidAsync(method, args);
        }
        catch (Exception error) when (error is JSDisconnectedException or JSException or TaskCanceledException or ObjectDisposedException)
        {
            // The browser is gone or offline: it catches up from the server state when it is back.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _session.PendingChanged -= OnPendingChanged;
        _session.LocalEdit -= OnLocalEdit;
        _session.CellsChanged -= OnCellsChanged;
        _session.RemoteApplied -= State.MapThrough;
        _session.MessageReceived -= OnMessage;
        _session.ConflictReceived -= OnConflict;
        _session.Rejected -= OnRejected;
        _session.RoleChanged -= OnRoleChanged;
        try
        {
            if (_grid is not null)
            {
                await _grid.InvokeVoidAsync("detach");
                await _grid.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (Exception error) when (error is JSDisconnectedException or JSException or TaskCanceledException or ObjectDisposedException)
        {
        }

        _reference?.Dispose();
    }
}
