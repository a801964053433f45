using Collab.Workbooks.Engine;

namespace Collab.Editing.Core.Tests;

/// <summary>
/// The single authority of the simulation, as ModelSession: transforms an incoming op through its log since the op's
/// base revision, validates and applies it (computing its inverse), appends it, acks the author and broadcasts it.
/// An op id it has seen is answered with its original revision and never applied twice. It can compact its log.
/// </summary>
internal sealed class SimServer(Workbook document)
{
    private readonly List<RemoteOperation> _log = [];
    private readonly Dictionary<string, long> _seen = [];
    private readonly OperationValidator _validator = new(document);

    public Workbook Document { get; } = document;

    public long Revision { get; private set; }

    /// <summary>Ops at or below this revision are gone from the log.</summary>
    public long CompactedThrough { get; private set; }

    public sealed record Outcome(long? Revision, Operation? Applied, Operation? Inverse, string? Rejection, bool Stale);

    public Outcome Submit(string userId, PendingOperation pending)
    {
        if (_seen.TryGetValue(pending.OpId, out long original))
        {
            return new Outcome(original, null, null, null, false);
        }

        if (pending.BaseRevision < CompactedThrough)
        {
            return new Outcome(null, null, null, null, true);
        }

        var concurrent = _log.Where(e => e.Revision > pending.BaseRevision).Select(e => e.Operation);
        var (op, _) = OperationTransformer.TransformThrough(pending.Operation, concurrent);
        op = OperationApplier.Normalize(Document, op);
        if (op.IsNoOp)
        {
            _seen[pending.OpId] = Revision;
            return new Outcome(Revision, null, null, null, false);
        }

        var problem = _validator.Problem(op);
        if (problem is not null)
        {
            return new Outcome(null, null, null, problem, false);
        }

        var (_, inverse) = OperationApplier.ApplyAndInvert(Document, op);
        Revision++;
        _log.Add(new RemoteOperation(Revision, pending.OpId, userId, op));
        _seen[pending.OpId] = Revision;
        return new Outcome(Revision, op, inverse, null, false);
    }

    public bool HasSeen(string opId) => _seen.ContainsKey(opId);

    /// <summary>The ops after <paramref name="revision"/>, or null when the log no longer has them all.</summary>
    public IReadOnlyList<RemoteOperation>? Since(long revision) =>
        revision < CompactedThrough ? null : _log.Where(e => e.Revision > revision).ToList();

    public void Compact()
    {
        CompactedThrough = Revision;
        _log.Clear();
    }
}
