using System.Collections.Concurrent;
using Collab.Workbooks.Engine;

namespace Collab.Editing.Core;

/// <summary>
/// The server state of one model, shared by the <see cref="WorkbookReplica"/>s of many connections to it in one process
/// (a load generator, a service running many bots). Every connection receives the same server ops in the same order,
/// so a replica with nothing pending need not apply each of them to a copy of its own: the first replica to receive an
/// op applies it here and the others only move their revision. An edit is checked against this state and sent without
/// a copy; the replica takes a copy of its own only when its view is read while the edit is pending (this state plus
/// the edit). One edit in <see cref="CopyEvery"/> takes a copy at once instead and, once confirmed, compares it with
/// this state at the same revision, a check of the client's transformation (a difference is reported as
/// <see cref="WorkbookReplica.Divergence"/>). Thread-safe; receiving an op never waits: an op another thread is busy
/// with is queued, and whoever reads the state next applies what is queued first.
/// </summary>
public sealed class SharedReplicaState
{
    /// <summary>Server ops kept so that a replica a little behind this state can catch up its own copy and compare.</summary>
    public const int LogCapacity = 256;

    private readonly Dictionary<long, RemoteOperation> _log = [];
    private readonly ConcurrentDictionary<long, RemoteOperation> _incoming = new();
    private readonly Dictionary<object, long> _holds = [];
    private Workbook? _workbook;
    private long _revision = -1;
    private long _logStart;
    private long _edits;

    /// <summary>
    /// One edit in this many (across the model's replicas) takes a copy of its own and is compared with this state once
    /// confirmed; 1 copies and checks every edit, 0 none. Default 16.
    /// </summary>
    public int CopyEvery { get; init; } = 16;

    /// <summary>Held while the state is read or changed.</summary>
    internal object Gate { get; } = new();

    /// <summary>
    /// The state at <see cref="Revision"/>; null until a replica first shares its own. Under <see cref="Gate"/>, after
    /// <see cref="Settle"/>: it stays as it is while the gate is held (other threads only queue ops meanwhile).
    /// </summary>
    internal Workbook? Workbook => _workbook;

    /// <summary>The server revision of <see cref="Workbook"/> (under <see cref="Gate"/>, after <see cref="Settle"/>).</summary>
    internal long Revision => _revision;

    /// <summary>Set when a server op did not apply to the shared state (the state stays at the revision before it).</summary>
    public string? Failure { get; private set; }

    /// <summary>The server revision the shared state has reached (-1 before any replica shared one).</summary>
    public long CurrentRevision
    {
        get
        {
            lock (Gate)
            {
                Settle();
                return _revision;
            }
        }
    }

    /// <summary>
    /// A replica received server op <paramref name="op"/> (it may be its own): queued unless it is here or queued already, and applied
    /// at once unless another thread holds the state (then the next reader applies it).
    /// </summary>
    internal void Offer(RemoteOperation op)
    {
        if (op.Revision <= Volatile.Read(ref _revision) || !_incoming.TryAdd(op.Revision, op))
        {
            return; // here already, or queued by another replica
        }

        if (!Monitor.IsEntered(Gate) && Monitor.TryEnter(Gate))
        {
            try
            {
                Settle();
            }
            finally
            {
                Monitor.Exit(Gate);
            }
        }
    }

    /// <summary>A replica's own copy, exact at <paramref name="revision"/>, becomes the shared state (it was behind).</summary>
    internal void Replace(Workbook workbook, long revision)
    {
        _workbook = workbook;
        Volatile.Write(ref _revision, revision);
        _log.Clear();
        _logStart = revision + 1;
    }

    /// <summary>Whether the next edit takes a copy of its own (see <see cref="CopyEvery"/>).</summary>
    internal bool TakeCopy() => CopyEvery > 0 && Interlocked.Increment(ref _edits) % CopyEvery == 0;

    /// <summary>
    /// Under the gate: keeps the server ops after <paramref name="revision"/> in the log until <see cref="Release"/>, for
    /// <paramref name="owner"/>, a replica whose edit is pending without a copy, to catch up through them when its view
    /// is read (the state moves on meanwhile).
    /// </summary>
    internal void Hold(object owner, long revision) => _holds[owner] = revision;

    /// <summary>Under the gate: the ops <paramref name="owner"/> held may go.</summary>
    internal void Release(object owner) => _holds.Remove(owner);

    /// <summary>
    /// Under the gate: true while a replica holds ops. A replica ahead of the state does not hand over its copy then
    /// (<see cref="Replace"/> would drop the ops the holder needs); the holder's own connection brings the state on.
    /// </summary>
    internal bool IsHeld => _holds.Count > 0;

    /// <summary>
    /// Under the gate, before reading the state: applies the queued ops that follow it, in order, and drops the ones it
    /// has. An op that does not follow yet (the state is behind a replica that joined later) waits for the ops before it
    /// or for that replica to share its copy.
    /// </summary>
    internal void Settle()
    {
        if (_incoming.IsEmpty || Failure is not null)
        {
            return;
        }

        foreach (var key in _incoming.Keys)
        {
            if (key <= _revision)
            {
                _incoming.TryRemove(key, out _);
            }
        }

        if (_workbook is null)
        {
            return;
        }

        while (_incoming.TryRemove(_revision + 1, out var op))
        {
            try
            {
                OperationApplier.Apply(_workbook, op.Operation);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormulaParseException)
            {
                Failure = $"Server op {_revision + 1} did not apply to the shared state: {e.Message}";
                return;
            }

            Volatile.Write(ref _revision, _revision + 1);
            _log[_revision] = op;
        }

        Trim();
    }

    // The log keeps the last LogCapacity ops, and every op after a held revision.
    private void Trim()
    {
        var keepFrom = _revision - LogCapacity + 1;
        foreach (var held in _holds.Values)
        {
            keepFrom = Math.Min(keepFrom, held + 1);
        }

        for (; _logStart < keepFrom; _logStart++)
        {
            _log.Remove(_logStart);
        }
    }

    /// <summary>The server ops after <paramref name="revision"/> up to this state's, when all of them are still kept.</summary>
    internal bool TryGetOpsAfter(long revision, List<RemoteOperation> ops)
    {
        ops.Clear();
        for (var r = revision + 1; r <= _revision; r++)
        {
            if (!_log.TryGetValue(r, out var op))
            {
                ops.Clear();
                return false;
            }

            ops.Add(op);
        }

        return true;
    }
}
