namespace Collab.Editing.Core;

/// <summary>
/// The client side of the protocol, as ot.js's client.js: an explicit state machine (<see cref="EditingClientState"/>)
/// with at most one op in flight. Local ops apply at once (optimistically) and queue behind the one awaiting its ack;
/// server ops are transformed past the pending ones before they reach the document. Document-agnostic: the network
/// and the document are the <see cref="IEditingClientHost"/>. Not thread-safe: call it from one thread (a circuit's
/// dispatcher, a connection's message loop).
/// </summary>
public sealed class EditingClient
{
    /// <summary>The longest op id the server accepts.</summary>
    public const int MaxOpIdLength = 64;

    private readonly IEditingClientHost _host;
    private readonly List<PendingOperation> _buffer = [];
    private readonly SortedDictionary<long, RemoteOperation> _early = [];
    private PendingOperation? _outstanding;
    private long? _ackRevision;
    private bool _connected = true;

    /// <summary>Starts synchronized at <paramref name="revision"/> (the revision of the snapshot the view shows).</summary>
    public EditingClient(IEditingClientHost host, long revision)
    {
        ArgumentNullException.ThrowIfNull(host);
        _host = host;
        Revision = revision;
    }

    /// <summary>The last server revision this client has incorporated.</summary>
    public long Revision { get; private set; }

    /// <summary>The state, by name.</summary>
    public EditingClientState State => _outstanding is null
        ? EditingClientState.Synchronized
        : _buffer.Count == 0 ? EditingClientState.AwaitingConfirm : EditingClientState.AwaitingWithBuffer;

    /// <summary>The op awaiting its ack, if any.</summary>
    public PendingOperation? Outstanding => _outstanding;

    /// <summary>Every local op the server has not acknowledged yet, oldest first (for "pending" marks on cells).</summary>
    public IReadOnlyList<PendingOperation> Pending
    {
        get
        {
            var list = new List<PendingOperation>(_buffer.Count + 1);
            if (_outstanding is not null)
            {
                list.Add(_outstanding);
            }

            list.AddRange(_buffer);
            return list;
        }
    }

    /// <summary>False between <see cref="Disconnected"/> and a resync: local ops queue, nothing is sent.</summary>
    public bool IsConnected => _connected;

    /// <summary>
    /// A local op, already applied to the local view: it is sent now (Synchronized) or queued. Returns it with its op
    /// id, to show as pending until acknowledged.
    /// </summary>
    public PendingOperation ApplyLocal(Operation op, string? opId = null)
    {
        ArgumentNullException.ThrowIfNull(op);
        opId ??= Guid.NewGuid().ToString("N");
        if (opId.Length == 0 || opId.Length > MaxOpIdLength)
        {
            throw new ArgumentException($"An op id has 1 to {MaxOpIdLength} characters.", nameof(opId));
        }

        var pending = new PendingOperation(opId, Revision, op);
        if (_outstanding is null)
        {
            _outstanding = pending;
            if (_connected)
            {
                _host.Send(pending);
            }
        }
        else
        {
            _buffer.Add(pending);
        }

        return pending;
    }

    /// <summary>
    /// The server acknowledged op <paramref name="opId"/>; <paramref name="revision"/> is the server revision after it
    /// (its own revision, or for an op transformed to nothing the revision current then). Acks of ops already
    /// acknowledged (through their broadcast) are ignored; an ack that arrives before the ops ordered ahead of it waits
    /// for them.
    /// </summary>
    public void ServerAck(string opId, long revision)
    {
        if (_outstanding is null || _outstanding.OpId != opId)
        {
            return;
        }

        if (revision <= Revision)
        {
            // Every op up to that revision is here and none was ours: the server applied nothing for it.
            Acknowledge();
            return;
        }

        _ackRevision = revision;
    }

    /// <summary>
    /// An <c>OperationApplied</c> message. Our own op (same op id as the outstanding one) counts as its ack; any other
    /// is transformed past the pending ops and applied to the document. Duplicates are ignored, and an op that arrives
    /// ahead of a missing revision waits for it.
    /// </summary>
    public void ServerOperation(long revision, string opId, string userId, Operation op)
    {
        ArgumentNullException.ThrowIfNull(op);
        if (revision <= Revision)
        {
            return;
        }

        if (revision > Revision + 1)
        {
            _early[revision] = new RemoteOperation(revision, opId, userId, op);
            return;
        }

        Receive(new RemoteOperation(revision, opId, userId, op));
        ReceiveEarly();
    }

    /// <summary>
    /// Synchronized only: moves to <paramref name="revision"/>, whose state the host took from elsewhere (a replica
    /// shared with other connections to the same model, see <see cref="SharedReplicaState"/>); server ops up to it that
    /// arrive later are ignored as already received.
    /// </summary>
    /// <exception cref="InvalidOperationException">Ops are pending.</exception>
    public void FastForward(long revision)
    {
        if (_outstanding is not null)
        {
            throw new InvalidOperationException("Only a synchronized client can move to a revision it did not receive.");
        }

        if (revision <= Revision)
        {
            return;
        }

        Revision = revision;
        ReceiveEarly();
    }

    // Ops that came ahead of their turn, received now that their turn came (older ones are dropped as received).
    private void ReceiveEarly()
    {
        while (_early.Count > 0)
        {
            var first = _early.First();
            _early.Remove(first.Key);
            if (first.Key == Revision + 1)
            {
                Receive(first.Value);
            }
            else if (first.Key > Revision + 1)
            {
                _early[first.Key] = first.Value;
                break;
            }
        }
    }

    /// <summary>The server refused op <paramref name="opId"/>: it and every op queued after it are undone locally.</summary>
    public void ServerReject(string opId, string reason)
    {
        if (_outstanding is null || _outstanding.OpId != opId)
        {
            return;
        }

        var undone = Pending;
        _outstanding = null;
        _ackRevision = null;
        _buffer.Clear();
        _host.RolledBack(undone, reason);
    }

    /// <summary>The connection dropped: nothing is sent until a resync; local ops keep queueing.</summary>
    public void Disconnected()
    {
        _connected = false;
        _ackRevision = null;
        _early.Clear();
    }

    /// <summary>
    /// Reconnected, and the server still had the ops after <paramref name="lastKnownRevision"/> (JoinModel with
    /// sinceRevision = <see cref="Revision"/>): they are received as usual (our outstanding op among them counts as its
    /// ack), then the op still awaiting its ack is resubmitted with its original op id on the new base (the server
    /// answers an op id it has seen with its original revision, never applying it twice). Returns what was resubmitted.
    /// </summary>
    public IReadOnlyList<PendingOperation> Resync(long lastKnownRevision, IEnumerable<RemoteOperation> missed)
    {
        ArgumentNullException.ThrowIfNull(missed);
        if (lastKnownRevision != Revision)
        {
            throw new ArgumentException($"The client is at revision {Revision}; missed ops must follow it, not revision {lastKnownRevision}.", nameof(lastKnownRevision));
        }

        _early.Clear();
        foreach (var op in missed)
        {
            ServerOperation(op.Revision, op.OpId, op.UserId, op.Operation);
        }

        return Resubmit();
    }

    /// <summary>
    /// Reconnected after the log was compacted: the server sent a snapshot at <paramref name="snapshotRevision"/>
    /// instead of the missed ops. <paramref name="bridge"/> are ops that take the state the pending ops were made on
    /// (the confirmed state at <see cref="Revision"/>, plus the outstanding op when the server had applied it) to the
    /// snapshot, such as <see cref="WorkbookDiff.Between"/> computes. The pending ops are transformed past them as past
    /// any server op (never dropped silently: what cannot survive is reported as a conflict by the transform) and
    /// resubmitted with their original op ids. The host then shows the snapshot with <see cref="Pending"/> applied on
    /// top (<see cref="WorkbookReplica"/> does). <paramref name="outstandingApplied"/>: the server answered the
    /// outstanding op's id with a revision (it is in the snapshot), so it is acknowledged instead of resubmitted.
    /// </summary>
    public IReadOnlyList<PendingOperation> ResyncFromSnapshot(long snapshotRevision, IEnumerable<Operation> bridge, bool outstandingApplied)
    {
        ArgumentNullException.ThrowIfNull(bridge);
        _early.Clear();
        _ackRevision = null;
        if (outstandingApplied && _outstanding is not null)
        {
            _outstanding = null;
            if (_buffer.Count > 0)
            {
                _outstanding = _buffer[0];
                _buffer.RemoveAt(0);
            }
        }

        foreach (var op in bridge)
        {
            TransformPending(op);
        }

        Revision = snapshotRevision;
        return Resubmit();
    }

    private IReadOnlyList<PendingOperation> Resubmit()
    {
        _connected = true;
        if (_outstanding is null)
        {
            return [];
        }

        _outstanding = _outstanding with { BaseRevision = Revision };
        _host.Send(_outstanding);
        return [_outstanding];
    }

    private void Receive(RemoteOperation remote)
    {
        if (_outstanding is not null && remote.OpId == _outstanding.OpId)
        {
            Revision = remote.Revision;
            _host.Confirmed(remote.Revision, remote.Operation);
            Acknowledge();
            return;
        }

        var transformed = TransformPending(remote.Operation);
        Revision = remote.Revision;
        _host.ApplyRemote(transformed);
        _host.Confirmed(remote.Revision, remote.Operation);
        if (_ackRevision is { } acked && Revision >= acked)
        {
            // The ack said the server was at this revision after our op, and this op was not ours: ours was a no-op.
            Acknowledge();
        }
    }

    // The server ordered `op` before every pending op: each pending op moves past it, and it moves past each of them.
    private Operation TransformPending(Operation op)
    {
        if (_outstanding is not null)
        {
            var result = OperationTransformer.Transform(_outstanding.Operation, op);
            _outstanding = _outstanding with { Operation = result.Op };
            op = result.Against;
        }

        for (int i = 0; i < _buffer.Count; i++)
        {
            var result = OperationTransformer.Transform(_buffer[i].Operation, op);
            _buffer[i] = _buffer[i] with { Operation = result.Op };
            op = result.Against;
        }

        return op;
    }

    private void Acknowledge()
    {
        _outstanding = null;
        _ackRevision = null;
        if (_buffer.Count == 0)
        {
            return;
        }

        _outstanding = _buffer[0] with { BaseRevision = Revision };
        _buffer.RemoveAt(0);
        if (_connected)
        {
            _host.Send(_outstanding);
        }
    }
}
