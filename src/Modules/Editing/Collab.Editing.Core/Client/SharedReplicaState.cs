using Collab.Workbooks.Engine;

namespace Collab.Editing.Core;

/// <summary>
/// The server state of one model, shared by the <see cref="WorkbookReplica"/>s of many connections to it in one process
/// (a load generator, a service running many bots). Every connection receives the same server ops in the same order,
/// so a replica with nothing pending need not apply each of them to a copy of its own: the first replica to receive an
/// op applies it here and the others only move their revision. A replica takes a copy of its own when it edits, and
/// shares again once nothing is pending, after comparing its copy with this state at the same revision (a difference
/// is reported as <see cref="WorkbookReplica.Divergence"/>). Thread-safe.
/// </summary>
public sealed class SharedReplicaState
{
    /// <summary>Server ops kept so that a replica a little behind this state can catch up its own copy and compare.</summary>
    public const int LogCapacity = 256;

    private readonly Dictionary<long, Operation> _log = [];

    /// <summary>Held while the state is read or changed.</summary>
    internal object Gate { get; } = new();

    /// <summary>The state at <see cref="Revision"/>; null until a replica first shares its own.</summary>
    internal Workbook? Workbook { get; private set; }

    /// <summary>The server revision of <see cref="Workbook"/>.</summary>
    internal long Revision { get; private set; } = -1;

    /// <summary>Set when a server op did not apply to the shared state (the state stays at the revision before it).</summary>
    public string? Failure { get; private set; }

    /// <summary>The server revision the shared state has reached (-1 before any replica shared one).</summary>
    public long CurrentRevision
    {
        get
        {
            lock (Gate)
            {
                return Revision;
            }
        }
    }

    /// <summary>A replica received server op <paramref name="revision"/>: applied here when it is the next one.</summary>
    internal void Offer(long revision, Operation op)
    {
        lock (Gate)
        {
            if (Workbook is null || Failure is not null || revision != Revision + 1)
            {
                return; // already here, or this state is behind (a replica ahead of it replaces it when it shares)
            }

            try
            {
                OperationApplier.Apply(Workbook, op);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormulaParseException)
            {
                Failure = $"Server op {revision} did not apply to the shared state: {e.Message}";
                return;
            }

            Revision = revision;
            _log[revision] = op;
            _log.Remove(revision - LogCapacity);
        }
    }

    /// <summary>A replica's own copy, exact at <paramref name="revision"/>, becomes the shared state (it was behind).</summary>
    internal void Replace(Workbook workbook, long revision)
    {
        Workbook = workbook;
        Revision = revision;
        _log.Clear();
    }

    /// <summary>The server ops after <paramref name="revision"/> up to this state's, when all of them are still kept.</summary>
    internal bool TryGetOpsAfter(long revision, List<Operation> ops)
    {
        ops.Clear();
        for (var r = revision + 1; r <= Revision; r++)
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
