using Collab.Workbooks.Engine;

namespace Collab.Editing.Core;

/// <summary>
/// A document for <see cref="EditingClient"/> that holds a full replica: <see cref="Local"/> (what the person sees:
/// the server state plus the pending ops) and <see cref="Confirmed"/> (the server state at the client's revision,
/// built from the ops as the server applied them). The confirmed copy makes rollback and re-basing exact: the local
/// view can always be rebuilt as confirmed + pending. For the .NET client (load test, integrations) and the tests.
/// While nothing is pending the two are equal, so a server op is applied to the local view only and the confirmed copy
/// catches up when it is next needed (a local edit, a read of <see cref="Confirmed"/>): by replaying the few ops it
/// missed, or, after more than <see cref="MaxLag"/> of them, by copying the local view. Given a
/// <see cref="SharedReplicaState"/>, a replica holds no copy at all while nothing is pending and reads the state it
/// shares with the other connections to the model in the process; an edit is checked against that state and sent
/// without a copy, and the copy (the shared state caught up to this replica's revision, plus its pending ops) is taken
/// only when the view is read before the edit is confirmed.
/// </summary>
public sealed class WorkbookReplica : IEditingClientHost
{
    private readonly Action<PendingOperation> _send;
    private bool _stale;
    private readonly OperationValidator _validator;
    private readonly TimeProvider? _timeProvider;
    private readonly List<Operation> _lag = [];
    private readonly SharedReplicaState? _shared;
    private Workbook? _confirmed;
    private Workbook? _local;
    private bool _attached;
    private bool _holding;
    private string? _divergence;

    /// <summary>Server ops the confirmed copy may fall behind by before it is dropped (and copied again when needed).</summary>
    public const int MaxLag = 64;

    /// <summary>Starts from a snapshot at <paramref name="revision"/>; <paramref name="send"/> submits ops to the server.</summary>
    /// <param name="snapshot">The model as JoinModel returned it.</param>
    /// <param name="revision">The snapshot's revision.</param>
    /// <param name="send">Submits an op (SubmitOperation).</param>
    /// <param name="limits">Validation limits for local edits.</param>
    /// <param name="timeProvider">The clock for TODAY and NOW in the replica (the system clock when null).</param>
    /// <param name="shared">The server state shared with other connections to this model in the process (none when null).</param>
    public WorkbookReplica(WorkbookSnapshot snapshot, long revision, Action<PendingOperation> send, OperationLimits? limits = null, TimeProvider? timeProvider = null, SharedReplicaState? shared = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(send);
        _send = send;
        _timeProvider = timeProvider;
        _validator = OperationValidator.Shared(limits);
        _local = Workbook.FromSnapshot(snapshot, timeProvider);
        Client = new EditingClient(this, revision);
        _shared = shared;
        Share();
    }

    /// <summary>The state machine.</summary>
    public EditingClient Client { get; }

    /// <summary>
    /// The local view: confirmed state plus pending ops. A replica that shares the server state takes a copy of its own
    /// first (<see cref="Read{T}"/> reads without one).
    /// </summary>
    public Workbook Local
    {
        get
        {
            Detach();
            return _local!;
        }
    }

    /// <summary>True while the replica reads the shared server state instead of a copy of its own.</summary>
    public bool IsSharing => _attached;

    /// <summary>
    /// Why this replica's own copy, compared with the shared state at the same revision when it shared again, differed
    /// (or why the shared state stopped); null when nothing differed. Only with a <see cref="SharedReplicaState"/>.
    /// </summary>
    public string? Divergence => _divergence ?? _shared?.Failure;

    /// <summary>
    /// Reads the local view. While the replica shares the server state, that state may already include server ops this
    /// replica has not received yet (another connection did). A replica sharing it with an edit pending takes its own
    /// copy first (the view is the state plus the edit).
    /// </summary>
    public T Read<T>(Func<Workbook, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (_attached && Client.Outstanding is not null)
        {
            Detach();
        }

        if (!_attached)
        {
            return read(_local!);
        }

        lock (_shared!.Gate)
        {
            _shared.Settle();
            return read(_shared.Workbook!);
        }
    }

    /// <summary>A server op from <c>OperationApplied</c>, for <see cref="EditingClient.ServerOperation"/>.</summary>
    public void ServerOperation(long revision, string opId, string userId, Operation op)
    {
        _shared?.Offer(new RemoteOperation(revision, opId, userId, op));
        Client.ServerOperation(revision, opId, userId, op);
        Share();
    }

    /// <summary>The answer to a submission, for <see cref="EditingClient.ServerAck"/>.</summary>
    public void ServerAck(string opId, long revision)
    {
        Client.ServerAck(opId, revision);
        Share();
    }

    /// <summary>The server's state at <see cref="EditingClient.Revision"/>.</summary>
    public Workbook Confirmed
    {
        get
        {
            Detach();
            if (_confirmed is null)
            {
                _confirmed = Clone(_local!);
                _lag.Clear();
            }
            else if (_lag.Count > 0)
            {
                foreach (var op in _lag)
                {
                    OperationApplier.Apply(_confirmed, op);
                }

                _lag.Clear();
            }

            return _confirmed;
        }

        private set
        {
            _confirmed = value;
            _lag.Clear();
        }
    }

    // Nothing pending and the view is exact: the local view is the confirmed state.
    private bool Synchronized => Client.Outstanding is null && !_stale;

    /// <summary>Raised with what changed in <see cref="Local"/> (null when the view was rebuilt whole).</summary>
    public event Action<ApplyResult?>? Changed;

    /// <summary>Raised when the server refused ops: the ops undone and the reason.</summary>
    public event Action<IReadOnlyList<PendingOperation>, string>? Rejected;

    /// <summary>
    /// A person's edit: validated and normalized against the local view, applied to it, and handed to the client.
    /// Returns the pending op and its inverse (for undo), or the reason it is invalid (nothing changes then).
    /// </summary>
    public (PendingOperation? Pending, Operation? Inverse, string? Problem) Edit(Operation op, string? opId = null)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (_attached && Client.Outstanding is null && !_shared!.TakeCopy())
        {
            return EditShared(op, opId);
        }

        var normalized = OperationApplier.Normalize(Local, op); // a sharing replica takes its own copy here
        var problem = _validator.Problem(normalized, Local);
        if (problem is not null)
        {
            return (null, null, problem);
        }

        _ = Confirmed; // caught up before the view moves ahead of it
        var (result, inverse) = OperationApplier.ApplyAndInvert(Local, normalized);
        var pending = Client.ApplyLocal(normalized, opId);
        Changed?.Invoke(result);
        return (pending, inverse, null);
    }

    // An edit of a replica sharing the server state, with nothing pending: checked against the shared state, sent, and
    // applied nowhere yet (the shared state gets it as the server applied it; a read before that takes a copy).
    private (PendingOperation? Pending, Operation? Inverse, string? Problem) EditShared(Operation op, string? opId)
    {
        Operation normalized, inverse;
        long revision;
        lock (_shared!.Gate)
        {
            _shared.Settle();
            var workbook = _shared.Workbook!;
            normalized = OperationApplier.Normalize(workbook, op);
            if (_validator.Problem(normalized, workbook) is { } problem)
            {
                return (null, null, problem);
            }

            inverse = OperationApplier.Invert(workbook, normalized);
            revision = _shared.Revision;
            _shared.Hold(this, revision);
            _holding = true;
        }

        // Based on the state it was made on, which may be ahead of what this connection received.
        Client.FastForward(revision);
        var pending = Client.ApplyLocal(normalized, opId);
        Changed?.Invoke(null);
        return (pending, inverse, null);
    }

    /// <summary>Reconnected and the server had the missed ops: receives them and resubmits the pending op.</summary>
    public IReadOnlyList<PendingOperation> Resync(IEnumerable<RemoteOperation> missed)
    {
        ArgumentNullException.ThrowIfNull(missed);
        var ops = missed as IReadOnlyList<RemoteOperation> ?? [.. missed];
        foreach (var op in ops)
        {
            _shared?.Offer(op);
        }

        var resubmitted = Client.Resync(Client.Revision, ops);
        Share();
        return resubmitted;
    }

    /// <summary>
    /// Reconnected after compaction: re-bases the pending ops onto the snapshot (through the ops that turn the state
    /// they were made on into it) and shows the snapshot with them on top. <paramref name="outstandingApplied"/>: the
    /// server answered the outstanding op's id with a revision.
    /// </summary>
    public IReadOnlyList<PendingOperation> ResyncFromSnapshot(WorkbookSnapshot snapshot, long revision, bool outstandingApplied)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var outstandingId = Client.Outstanding?.OpId;
        Detach();
        if (Client.Outstanding?.OpId != outstandingId)
        {
            // Taking the copy received the outstanding op from the shared log (acknowledged); the next op, now
            // outstanding, was never sent.
            outstandingApplied = false;
        }

        var target = Workbook.FromSnapshot(snapshot, _timeProvider);
        var basis = Confirmed;
        if (outstandingApplied && Client.Outstanding is { } outstanding)
        {
            basis = Clone(Confirmed);
            TryApply(basis, outstanding.Operation);
        }

        var bridge = WorkbookDiff.Between(basis, target);
        var resubmitted = Client.ResyncFromSnapshot(revision, bridge, outstandingApplied);
        Confirmed = target;
        Rebuild();
        Share();
        return resubmitted;
    }

    /// <inheritdoc/>
    void IEditingClientHost.Send(PendingOperation pending) => _send(pending);

    /// <inheritdoc/>
    void IEditingClientHost.ApplyRemote(Operation transformed)
    {
        if (_stale || _attached)
        {
            return; // rebuilt from the confirmed state on the next confirmation; or shared (see Confirmed)
        }

        try
        {
            var result = OperationApplier.Apply(_local!, transformed); // not inside ?.Invoke: that would skip it without subscribers
            if (Synchronized)
            {
                // The confirmed copy gets this op later, when it is needed (see Confirmed), or is dropped.
                _lag.Add(transformed);
                if (_lag.Count > MaxLag)
                {
                    _confirmed = null;
                    _lag.Clear();
                }
            }

            Changed?.Invoke(result);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormulaParseException)
        {
            // The server op does not fit on top of a pending op that the server will refuse: rebuild from the
            // confirmed state, which the server op is about to reach.
            _stale = true;
        }
    }

    /// <inheritdoc/>
    void IEditingClientHost.Confirmed(long revision, Operation applied)
    {
        if (_attached)
        {
            Changed?.Invoke(null); // the shared state has it (this replica or another applied it)
            return;
        }

        if (Synchronized)
        {
            return; // applied to the local view, which is the confirmed state (see ApplyRemote)
        }

        OperationApplier.Apply(Confirmed, applied);
        if (_stale)
        {
            Rebuild();
        }
    }

    /// <inheritdoc/>
    void IEditingClientHost.RolledBack(IReadOnlyList<PendingOperation> undone, string reason)
    {
        Rebuild();
        Share();
        Rejected?.Invoke(undone, reason);
    }

    // Local = confirmed + every pending op that applies; one that does not stays pending (the server will refuse it)
    // and keeps the view marked stale, so it is rebuilt again after each confirmation.
    private void Rebuild()
    {
        _local = Clone(Confirmed);
        _stale = false;
        foreach (var pending in Client.Pending)
        {
            if (!TryApply(_local, pending.Operation))
            {
                _stale = true;
            }
        }

        Changed?.Invoke(null);
    }

    // Shares the server state once nothing is pending: an empty or older shared state becomes this replica's copy; at
    // the same revision (after catching the copy up through the shared log when it is a little behind) the copy must
    // equal the shared state, or the replica reports the divergence and keeps its own copy from then on.
    private void Share()
    {
        if (_holding && Client.Outstanding is null)
        {
            lock (_shared!.Gate)
            {
                _shared.Release(this);
            }

            _holding = false;
        }

        if (_shared is null || _attached || _divergence is not null || !Synchronized)
        {
            return;
        }

        lock (_shared.Gate)
        {
            _shared.Settle();
            var revision = Client.Revision;
            if (_shared.Workbook is null || (_shared.Revision < revision && _shared.Failure is null))
            {
                if (_shared.IsHeld)
                {
                    return; // share once the state caught up: a replica's edit without a copy needs the ops before it
                }

                _shared.Replace(_local!, revision);
            }
            else if (_shared.Failure is not null)
            {
                return;
            }
            else
            {
                if (_shared.Revision > revision)
                {
                    var missed = new List<RemoteOperation>();
                    if (!_shared.TryGetOpsAfter(revision, missed))
                    {
                        return; // too far behind to compare: try again after the next op
                    }

                    foreach (var op in missed)
                    {
                        OperationApplier.Apply(_local!, op.Operation);
                    }

                    _confirmed = null; // copied again from the view when needed
                    _lag.Clear();

                    Client.FastForward(_shared.Revision);
                    _shared.Settle(); // what moving on received (ops that had come early) is queued, not yet applied
                    if (Client.Revision != _shared.Revision)
                    {
                        return;
                    }
                }

                if (WorkbookDiff.FirstDifference(_local!, _shared.Workbook) is { } difference)
                {
                    _divergence = $"At revision {_shared.Revision} this replica's view differed from the shared state: {difference}";
                    return;
                }
            }

            _local = null;
            _confirmed = null;
            _lag.Clear();
            _attached = true;
        }
    }

    // A copy of the shared state of its own, before the view moves away from it (an edit) or is read as a whole. With an
    // edit pending (made without a copy), the client first catches up to the shared state through the ops it kept for
    // this replica, which transforms the pending ops past them as if they had arrived; the copy is that state with the
    // pending ops on top, and the confirmed copy that state.
    private void Detach()
    {
        if (!_attached)
        {
            return;
        }

        if (Client.Outstanding is null)
        {
            long revision;
            lock (_shared!.Gate)
            {
                _shared.Settle();
                _local = Clone(_shared.Workbook!);
                revision = _shared.Revision;
            }

            _attached = false;
            Client.FastForward(revision);
            return;
        }

        var missed = new List<RemoteOperation>();
        Workbook basis;
        lock (_shared!.Gate)
        {
            _shared.Settle();
            if (_shared.Failure is not null || _shared.Revision < Client.Revision || !_shared.TryGetOpsAfter(Client.Revision, missed))
            {
                throw new InvalidOperationException($"The shared state cannot give this replica's view at revision {Client.Revision}: {_shared.Failure ?? "its ops are gone"}");
            }

            basis = Clone(_shared.Workbook!);
            _shared.Release(this);
            _holding = false;
        }

        foreach (var op in missed)
        {
            Client.ServerOperation(op.Revision, op.OpId, op.UserId, op.Operation); // shared: applied to no copy
        }

        _attached = false;
        Confirmed = basis;
        Rebuild();
    }

    private static bool TryApply(Workbook workbook, Operation op)
    {
        try
        {
            OperationApplier.Apply(workbook, op);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormulaParseException)
        {
            return false;
        }
    }

    private static Workbook Clone(Workbook workbook) => workbook.Clone();
}
