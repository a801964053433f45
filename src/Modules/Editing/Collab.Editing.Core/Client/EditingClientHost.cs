namespace Collab.Editing.Core;

/// <summary>An op the client sends: <c>{opId, baseRevision, op}</c> of PROTOCOL's SubmitOperation.</summary>
/// <param name="OpId">Chosen by the client (a GUID), at most 64 characters; kept across resubmissions.</param>
/// <param name="BaseRevision">The server revision the op was made against.</param>
/// <param name="Operation">The op, transformed so far against the server ops that came in after it.</param>
public sealed record PendingOperation(string OpId, long BaseRevision, Operation Operation);

/// <summary>A server op as received in an <c>OperationApplied</c> message.</summary>
/// <param name="Revision">Its revision.</param>
/// <param name="OpId">Its author's op id.</param>
/// <param name="UserId">Its author.</param>
/// <param name="Operation">The op as the server applied it.</param>
public sealed record RemoteOperation(long Revision, string OpId, string UserId, Operation Operation);

/// <summary>The named states of <see cref="EditingClient"/> (ot.js's client.js).</summary>
public enum EditingClientState
{
    /// <summary>Nothing pending: the view is the server's state at <see cref="EditingClient.Revision"/>.</summary>
    Synchronized,

    /// <summary>One op sent, not yet acknowledged.</summary>
    AwaitingConfirm,

    /// <summary>One op sent, more made locally since, waiting their turn.</summary>
    AwaitingWithBuffer,
}

/// <summary>
/// What <see cref="EditingClient"/> needs from its surroundings: the network (<see cref="Send"/>) and the document
/// (the rest). A Blazor circuit implements the document as its pending overlay on the shared workbook; a .NET client
/// with a replica can use <see cref="WorkbookReplica"/>.
/// </summary>
public interface IEditingClientHost
{
    /// <summary>Submit the op to the server (SubmitOperation). Called for one op at a time.</summary>
    void Send(PendingOperation pending);

    /// <summary>Apply a server op, already transformed past every pending local op, to the local view.</summary>
    void ApplyRemote(Operation transformed);

    /// <summary>
    /// The server refused an op: it and every pending op made after it are dropped. Undo them in the local view (a
    /// replica returns to the confirmed state) and tell the person <paramref name="reason"/>.
    /// </summary>
    void RolledBack(IReadOnlyList<PendingOperation> undone, string reason);

    /// <summary>
    /// The server state moved to <paramref name="revision"/> by <paramref name="applied"/> (the op as the server applied
    /// it, our own included). For a confirmed copy of the server state; nothing to do by default.
    /// </summary>
    void Confirmed(long revision, Operation applied)
    {
    }
}
