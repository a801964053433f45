using Collab.Editing.Core;
using Collab.Workbooks.Engine;

namespace Collab.Client;

/// <summary>An edit made through <see cref="CollabModel.EditAsync"/>.</summary>
/// <param name="OpId">The op id it was submitted with.</param>
/// <param name="Acknowledged">Completes with the op's revision once the server stored it; faults when the server refused it.</param>
public sealed record CollabEdit(string OpId, Task<long> Acknowledged);

/// <summary>
/// An open model: a local replica kept current through the client state machine. Edits apply locally at once and go
/// to the server one at a time; others' ops are transformed past pending ones. Every member of this class is safe to
/// call from any thread (calls are serialized).
/// </summary>
public sealed class CollabModel : IAsyncDisposable
{
    private readonly CollabClient _client;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, TaskCompletionSource<long>> _acks = new(StringComparer.Ordinal);
    private WorkbookReplica _replica;

    internal CollabModel(CollabClient client, string modelId, WireJoinResult joined)
    {
        _client = client;
        ModelId = modelId;
        Role = joined.Role;
        Users = joined.Users;
        var snapshot = joined.Snapshot ?? throw new CollabException("error", "JoinModel returned no snapshot.");
        _replica = NewReplica(snapshot.ToWorkbookSnapshot(), joined.Revision);
    }

    /// <summary>The model's id.</summary>
    public string ModelId { get; }

    /// <summary>The caller's role (<c>viewer</c>, <c>commenter</c>, <c>editor</c>, <c>admin</c>; <c>none</c> once removed).</summary>
    public string Role { get; private set; }

    /// <summary>The people in the model when it was opened.</summary>
    public IReadOnlyList<WireUser> Users { get; }

    /// <summary>The last server revision incorporated.</summary>
    public long Revision => _replica.Client.Revision;

    /// <summary>
    /// With <see cref="CollabClientOptions.SharedReplicas"/>: why this replica's own copy differed from the shared server
    /// state at the same revision (or why the shared state stopped); null when nothing differed.
    /// </summary>
    public string? Divergence => _replica.Divergence;

    /// <summary>True while the replica reads the server state it shares (see <see cref="CollabClientOptions.SharedReplicas"/>).</summary>
    public bool IsSharing
    {
        get
        {
            _gate.Wait();
            try
            {
                return _replica.IsSharing;
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Ops sent or queued, not yet acknowledged.</summary>
    public int PendingCount => _replica.Client.Pending.Count;

    /// <summary>Raised for every op the server applied (others' and our own), after it reached the replica.</summary>
    public event Action<WireOperationApplied>? OperationReceived;

    /// <summary>Raised when the server acknowledged one of our ops: its op id and revision.</summary>
    public event Action<string, long>? Acknowledged;

    /// <summary>Raised when the server refused ops: they were rolled back locally; the reason says why.</summary>
    public event Action<IReadOnlyList<PendingOperation>, string>? Rejected;

    /// <summary>Raised when our value was overwritten by a later write, or dropped because its place was deleted.</summary>
    public event Action<WireConflict>? ConflictReceived;

    /// <summary>Raised for others' presence.</summary>
    public event Action<WirePresence>? PresenceChanged;

    /// <summary>Raised when someone joins (true) or leaves (false).</summary>
    public event Action<WireUser, bool>? UserChanged;

    /// <summary>Raised when our role changed.</summary>
    public event Action<string>? RoleChanged;

    /// <summary>Reads the local replica (the server state plus our pending ops).</summary>
    public T Read<T>(Func<Workbook, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        _gate.Wait();
        try
        {
            return _replica.Read(read);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Edits: validated and applied to the replica at once, then submitted. Returns the op id and a task that completes
    /// with the op's revision once the server stored it (it faults when the server refused the op).
    /// </summary>
    /// <exception cref="ArgumentException">The op is invalid here (the message says why); nothing changed.</exception>
    public async Task<CollabEdit> EditAsync(Operation op, string? opId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(op);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var (pending, _, problem) = _replica.Edit(op, opId);
            if (pending is null)
            {
                throw new ArgumentException(problem ?? "The op is invalid.", nameof(op));
            }

            var ack = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            _acks[pending.OpId] = ack;
            return new CollabEdit(pending.OpId, ack.Task);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Tells the others where we are (<c>UpdatePresence</c>).</summary>
    public Task UpdatePresenceAsync(string sheet, string cell, string? selection = null, bool editing = false, CancellationToken cancellationToken = default) =>
        _client.InvokeAsync<object?>("UpdatePresence", [new { modelId = ModelId, sheet, cell, selection = selection ?? cell, editing }], cancellationToken);

    /// <summary>Leaves the model.</summary>
    public async ValueTask DisposeAsync()
    {
        _client.Forget(ModelId);
        try
        {
            await _client.InvokeAsync<object?>("LeaveModel", [ModelId]);
        }
        catch (Exception error) when (error is CollabException or InvalidOperationException)
        {
            // Leaving a connection that is gone needs nothing more.
        }

        _gate.Dispose();
    }

    private WorkbookReplica NewReplica(WorkbookSnapshot snapshot, long revision)
    {
        var shared = _client.Options.SharedReplicas?.For(_client.Http.BaseAddress!, ModelId);
        var replica = new WorkbookReplica(snapshot, revision, Send, shared: shared);
        replica.Rejected += (ops, reason) =>
        {
            foreach (var op in ops)
            {
                if (_acks.Remove(op.OpId, out var ack))
                {
                    ack.TrySetException(new CollabException("rejected", reason));
                }
            }

            Rejected?.Invoke(ops, reason);
        };
        return replica;
    }

    // Called by the state machine (inside the gate): submits in the background; the answer comes back through the gate.
    private void Send(PendingOperation pending) => _ = SubmitAsync(pending);

    private async Task SubmitAsync(PendingOperation pending)
    {
        while (true)
        {
            var token = _client.AccessToken;
            try
            {
                var ack = await _client.InvokeAsync<WireAck>("SubmitOperation", [new { modelId = ModelId, opId = pending.OpId, baseRevision = pending.BaseRevision, op = pending.Operation }]);
                await UnderGateAsync(() =>
                {
                    _replica.ServerAck(pending.OpId, ack.Revision);
                    Settle(pending.OpId, ack.Revision);
                });
                return;
            }
            catch (CollabException error) when (error.Code == "rate_limited")
            {
                await Task.Delay(_client.Options.RateLimitBackoff);
            }
            catch (CollabException error) when (error.Code == "unauthorized" && _client.CanRenew)
            {
                // The token expired on the open connection: a new token, a new connection, a rejoin that resubmits
                // this op; refused only when no new token can be had.
                if (!await _client.RenewAsync(token))
                {
                    await UnderGateAsync(() => _replica.Client.ServerReject(pending.OpId, $"{error.Code}: {error.Message}"));
                }

                return;
            }
            catch (CollabException error) when (error.Code is "not_joined" or "stale_revision" or "unavailable")
            {
                // The server dropped us from the model or lost the base: rejoin, which resubmits what is pending.
                await RejoinAsync();
                return;
            }
            catch (CollabException error)
            {
                await UnderGateAsync(() => _replica.Client.ServerReject(pending.OpId, $"{error.Code}: {error.Message}"));
                return;
            }
            catch (Exception) when (_client.Connection.State != Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected)
            {
                // Disconnected mid-call: the reconnect resubmits it with the same op id.
                return;
            }
        }
    }

    internal async Task OnAppliedAsync(IReadOnlyList<WireOperationApplied> ops)
    {
        await UnderGateAsync(() =>
        {
            foreach (var applied in ops)
            {
                var before = _replica.Client.Revision;
                _replica.ServerOperation(applied.Revision, applied.OpId, applied.UserId, applied.Op);
                if (_replica.Client.Revision > before && applied.UserId == _client.UserId)
                {
                    Settle(applied.OpId, applied.Revision);
                }
            }
        });
        foreach (var applied in ops)
        {
            OperationReceived?.Invoke(applied);
        }
    }

    private void Settle(string opId, long revision)
    {
        if (_acks.Remove(opId, out var ack))
        {
            ack.TrySetResult(revision);
            Acknowledged?.Invoke(opId, revision);
        }
    }

    internal void OnConflict(WireConflict conflict) => ConflictReceived?.Invoke(conflict);

    internal void OnPresence(WirePresence presence) => PresenceChanged?.Invoke(presence);

    internal void OnUser(WireUser user, bool joined) => UserChanged?.Invoke(user, joined);

    internal void OnRoleChanged(WireRoleChanged change)
    {
        Role = change.Role;
        RoleChanged?.Invoke(change.Role);
    }

    internal void OnDisconnected() => _ = UnderGateAsync(() => _replica.Client.Disconnected());

    /// <summary>Joins again after a reconnect or a drop: receives the missed ops (or a snapshot) and resubmits pending ops.</summary>
    internal async Task RejoinAsync()
    {
        await UnderGateAsync(() => _replica.Client.Disconnected());
        var joined = await _client.InvokeAsync<WireJoinResult>("JoinModel", [ModelId, Revision]);
        Role = joined.Role;
        if (joined.Operations is { } missed)
        {
            await UnderGateAsync(() => _replica.Resync(missed.Select(m => new RemoteOperation(m.Revision, m.OpId, m.UserId, m.Op))));
            return;
        }

        // The missed ops were compacted: learn whether the op in flight was applied, then re-base onto the snapshot.
        var outstanding = _replica.Client.Outstanding;
        var applied = false;
        if (outstanding is not null)
        {
            try
            {
                var ack = await _client.InvokeAsync<WireAck>("SubmitOperation", [new { modelId = ModelId, opId = outstanding.OpId, baseRevision = outstanding.BaseRevision, op = outstanding.Operation }]);
                applied = ack.Revision <= joined.Revision;
            }
            catch (CollabException error) when (error.Code == "stale_revision")
            {
                applied = false;
            }
        }

        await UnderGateAsync(() => _replica.ResyncFromSnapshot(joined.Snapshot!.ToWorkbookSnapshot(), joined.Revision, applied));
    }

    private async Task UnderGateAsync(Action action)
    {
        await _gate.WaitAsync();
        try
        {
            action();
        }
        finally
        {
            _gate.Release();
        }
    }
}
