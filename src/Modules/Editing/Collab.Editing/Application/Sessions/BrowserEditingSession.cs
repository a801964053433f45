using Collab.Editing.Core;
using Collab.Kernel.Api;
using Collab.Kernel.Security;
using Collab.Permissions.Contracts;
using Collab.Workbooks.Engine;

namespace Collab.Editing.Application.Sessions;

/// <summary>
/// One browser circuit's membership in one model's session. The circuit holds view state only: it reads the shared
/// workbook (never a copy), and runs the client state machine in process for its pending ops (shown as pending until
/// acknowledged, transformed when others' ops arrive) and the person's undo history. Every callback into the page runs
/// on the circuit's dispatcher (<c>dispatch</c>, the component's InvokeAsync).
/// </summary>
internal sealed class BrowserEditingSession : ISessionMember, IEditingClientHost, IAsyncDisposable
{
    private readonly ModelSessionManager _sessions;
    private readonly Func<Action, Task> _dispatch;
    private readonly Dictionary<string, EditOrigin> _origins = new(StringComparer.Ordinal);
    private ModelSession? _session;
    private bool _disposed;

    public BrowserEditingSession(ModelSessionManager sessions, string modelId, Actor actor, string displayName, string color, Func<Action, Task> dispatch)
    {
        _sessions = sessions;
        ModelId = modelId;
        Actor = actor;
        DisplayName = displayName;
        Color = color;
        _dispatch = dispatch;
        MemberId = "browser:" + Guid.NewGuid().ToString("N");
    }

    public string ModelId { get; }

    public string MemberId { get; }

    public Actor Actor { get; }

    public string DisplayName { get; }

    public string Color { get; }

    public MemberKind Kind => MemberKind.Browser;

    /// <summary>The person's role on the model; updated live.</summary>
    public ModelRole Role { get; private set; }

    /// <summary>The state machine of the pending ops (null until joined).</summary>
    public EditingClient? Client { get; private set; }

    /// <summary>The person's undo and redo.</summary>
    public UndoManager Undo { get; } = new();

    /// <summary>The people in the session when joined (later changes arrive as messages).</summary>
    public IReadOnlyList<UserView> UsersAtJoin { get; private set; } = [];

    /// <summary>Cells whose value or input changed (remote ops, acks, rollbacks); layoutChanged for structural changes.</summary>
    public event Action<IReadOnlyList<CellLocation>, bool>? CellsChanged;

    /// <summary>
    /// An edit of the person's (of any kind: typed, pasted, cleared, structural, sheets, formats, undo and redo) joined
    /// the pending ops. The page keeps it in the browser too, so that it survives the circuit until settled.
    /// </summary>
    public event Action<PendingOperation>? LocalEdit;

    /// <summary>Pending ops changed (one added, acknowledged or rolled back).</summary>
    public event Action? PendingChanged;

    /// <summary>Our value was overwritten by a later write, or dropped because its place was deleted.</summary>
    public event Action<ConflictMessage>? ConflictReceived;

    /// <summary>The server refused ops; they were rolled back.</summary>
    public event Action<IReadOnlyList<PendingOperation>, string>? Rejected;

    /// <summary>Our role changed (None: access removed, the session is left).</summary>
    public event Action<ModelRole>? RoleChanged;

    /// <summary>Any other message (UserJoined, UserLeft, PresenceChanged) for the page and other modules' components.</summary>
    public event Action<SessionMessage>? MessageReceived;

    /// <summary>The connection state changed (dropped and rejoining, or back).</summary>
    public event Action<bool>? ConnectionChanged;

    /// <summary>
    /// Someone else's op reached this view, transformed past our pending ops (the frame of what the person sees): the
    /// page moves what it holds by position (the selection, the cell being typed into, others' cursors) through it.
    /// </summary>
    public event Action<Operation>? RemoteApplied;

    /// <summary>Joins the session. Returns false when the model does not exist for this person.</summary>
    public async Task<bool> JoinAsync(CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            _session = await _sessions.GetAsync(ModelId, cancellationToken);
            if (_session is null)
            {
                return false;
            }

            var joined = await _session.JoinAsync(this, Client?.Revision, wantState: Client is not null);
            switch (joined.Status)
            {
                case JoinStatus.NotFound:
                    return false;
                case JoinStatus.Joined:
                    Role = joined.Role;
                    UsersAtJoin = joined.Users;
                    if (Client is null)
                    {
                        Client = new EditingClient(this, joined.Revision);
                        Undo.Applied(joined.Revision, Operation.None, own: false);
                    }
                    else
                    {
                        Resync(joined);
                    }

                    ConnectionChanged?.Invoke(true);
                    return true;
            }
        }

        return false;
    }

    /// <summary>The size limits the server validates ops against.</summary>
    public OperationLimits Limits => _session?.Limits ?? new OperationLimits();

    /// <summary>Reads the shared workbook at the session's current revision.</summary>
    public T Read<T>(Func<Workbook, long, T> read) =>
        _session is { IsClosed: false } session ? session.Read(read) : throw new InvalidOperationException("The model is not open.");

    /// <summary>
    /// Edits: applied optimistically (the op shows as pending at once) and submitted. Returns the pending op, or null
    /// when the person may not edit (the page shows why).
    /// </summary>
    public PendingOperation? Edit(Operation op, EditOrigin origin = EditOrigin.Edit, string? opId = null)
    {
        if (Client is null || !Role.Allows(ModelAction.Edit) || op.IsNoOp)
        {
            return null;
        }

        var pending = Client.ApplyLocal(op, opId);
        _origins[pending.OpId] = origin;
        LocalEdit?.Invoke(pending);
        PendingChanged?.Invoke();
        return pending;
    }

    /// <summary>Undoes the person's last own op (never someone else's); false when there is nothing to undo.</summary>
    public bool UndoLast() => Step(Undo.Undo(PendingOps()), EditOrigin.Undo);

    /// <summary>Redoes the last undone op; false when there is nothing to redo.</summary>
    public bool RedoLast() => Step(Undo.Redo(PendingOps()), EditOrigin.Redo);

    private bool Step(Operation? op, EditOrigin origin) => op is not null && Edit(op, origin) is not null;

    private List<Operation> PendingOps() => Client?.Pending.Select(p => p.Operation).ToList() ?? [];

    /// <summary>
    /// Resubmits ops typed before the page was rebuilt, or while the browser was offline (same op ids: the server
    /// applies each once and answers a known one with its revision). Returns, per op id, null when the server has it
    /// (applied now or before) or the reason it was refused (the page then tells the person; nothing is retried).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string?>> ResubmitAsync(IEnumerable<PendingOperation> ops)
    {
        var outcomes = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (_session is null)
        {
            return outcomes;
        }

        foreach (var pending in ops)
        {
            var outcome = await _session.SubmitAsync(Actor, MemberId, pending.OpId, pending.BaseRevision, pending.Operation);
            if (outcome.Succeeded)
            {
                outcomes[pending.OpId] = null;
                continue;
            }

            var reason = outcome.ErrorCode == ErrorCodes.StaleRevision
                ? "The edit was made too long ago to be placed safely; type it again."
                : outcome.ErrorMessage ?? outcome.ErrorCode!;
            outcomes[pending.OpId] = reason;
            await _dispatch(() => Rejected?.Invoke([pending], reason));
        }

        return outcomes;
    }

    void IEditingClientHost.Send(PendingOperation pending) => _ = SendAsync(pending);

    private async Task SendAsync(PendingOperation pending)
    {
        var session = _session;
        var outcome = session is null
            ? SubmitOutcome.Error(ErrorCodes.NotJoined, "The model is not open.")
            : await session.SubmitAsync(Actor, MemberId, pending.OpId, pending.BaseRevision, pending.Operation);
        await _dispatch(() =>
        {
            if (Client is null || _disposed)
            {
                return;
            }

            if (outcome.Succeeded)
            {
                var origin = _origins.Remove(pending.OpId, out var o) ? o : EditOrigin.Edit;
                if (outcome.Inverse is { } inverse)
                {
                    Undo.Record(outcome.Revision, inverse, origin);
                }

                Client.ServerAck(pending.OpId, outcome.Revision);
                PendingChanged?.Invoke();
            }
            else if (outcome.ErrorCode is ErrorCodes.NotJoined or "unavailable")
            {
                // The session went away under us: rejoin; the state machine resends what is pending.
                Client.Disconnected();
                _ = RejoinAsync();
            }
            else
            {
                Client.ServerReject(pending.OpId, outcome.ErrorMessage ?? outcome.ErrorCode!);
            }
        });
    }

    void IEditingClientHost.ApplyRemote(Operation transformed)
    {
        // The shared workbook already has it; the page re-renders and moves the positions it holds.
        if (!transformed.IsNoOp)
        {
            RemoteApplied?.Invoke(transformed);
        }
    }

    void IEditingClientHost.RolledBack(IReadOnlyList<PendingOperation> undone, string reason)
    {
        foreach (var op in undone)
        {
            _origins.Remove(op.OpId);
        }

        Rejected?.Invoke(undone, reason);
        PendingChanged?.Invoke();
    }

    public Task DeliverAsync(IReadOnlyList<SessionMessage> messages) => _dispatch(() =>
    {
        if (Client is null || _disposed)
        {
            return;
        }

        var changed = new List<CellLocation>();
        var layout = false;
        foreach (var message in messages)
        {
            switch (message.Payload)
            {
                case OperationAppliedMessage applied:
                    var own = applied.UserId == Actor.UserId && Client.Pending.Any(p => p.OpId == applied.OpId);
                    if (applied.Revision > Client.Revision)
                    {
                        Client.ServerOperation(applied.Revision, applied.OpId, applied.UserId, applied.Op);
                        Undo.Applied(applied.Revision, applied.Op, own || applied.UserId == Actor.UserId);
                    }

                    changed.AddRange(applied.ChangedCells);
                    layout |= applied.Op is StructuralOperation or AddSheetOperation or RenameSheetOperation or DeleteSheetOperation or BatchOperation;
                    break;
                case ConflictMessage conflict:
                    ConflictReceived?.Invoke(conflict);
                    break;
                case RoleChangedMessage role:
                    Role = ModelRoles.TryParseWire(role.Role, out var parsed) ? parsed : ModelRole.None;
                    RoleChanged?.Invoke(Role);
                    break;
                default:
                    MessageReceived?.Invoke(message);
                    break;
            }
        }

        if (changed.Count > 0 || layout)
        {
            CellsChanged?.Invoke(changed, layout);
            PendingChanged?.Invoke();
        }
    });

    public void Dropped(string reason)
    {
        if (_disposed || Role == ModelRole.None)
        {
            return;
        }

        _ = _dispatch(() =>
        {
            Client?.Disconnected();
            ConnectionChanged?.Invoke(false);
        });
        _ = RejoinAsync();
    }

    private async Task RejoinAsync()
    {
        if (!_disposed && !await JoinAsync())
        {
            await _dispatch(() => RoleChanged?.Invoke(ModelRole.None));
        }
    }

    private void Resync(JoinOutcome joined)
    {
        _ = _dispatch(() =>
        {
            if (Client is null)
            {
                return;
            }

            if (joined.Operations is { } missed)
            {
                foreach (var op in missed)
                {
                    Undo.Applied(op.Revision, op.Op, op.UserId == Actor.UserId);
                }

                Client.Resync(Client.Revision, missed.Select(m => new RemoteOperation(m.Revision, m.OpId, m.UserId, m.Op)));
            }
            else
            {
                // The missed ops were compacted away: pending ops are re-based on the current state.
                Client.ResyncFromSnapshot(joined.Revision, [], outstandingApplied: false);
            }

            CellsChanged?.Invoke([], true);
            PendingChanged?.Invoke();
        });
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_session is { } session)
        {
            await session.LeaveAsync(MemberId);
        }
    }
}
