namespace Collab.Editing.Contracts;

/// <summary>Settings of the sequencer and the op log, from <c>Editing</c> in appsettings.json.</summary>
public sealed class EditingOptions
{
    /// <summary>A snapshot is stored after this many ops (and when a session unloads).</summary>
    public int SnapshotEvery { get; set; } = 1000;

    /// <summary>A session with no members unloads after this many seconds.</summary>
    public int IdleUnloadSeconds { get; set; } = 300;

    /// <summary>Messages waiting for one member before it counts as fallen behind and is dropped (it rejoins).</summary>
    public int OutboxCapacity { get; set; } = 20_000;

    /// <summary>
    /// In a model with at least <see cref="FanOutBatchingMembers"/> members: milliseconds a member's messages wait after
    /// the previous delivery to it, so that what arrives meanwhile goes out as one batch (<c>OperationsApplied</c>); a
    /// member that received nothing for this long gets the next message at once. 0 sends every message when ready.
    /// </summary>
    public int FanOutIntervalMs { get; set; } = 20;

    /// <summary>Members a model needs before its messages are batched by <see cref="FanOutIntervalMs"/>.</summary>
    public int FanOutBatchingMembers { get; set; } = 50;

    /// <summary>Submissions committed together in one transaction, at most.</summary>
    public int MaxCommitBatch { get; set; } = 512;

    /// <summary>Ops kept in memory for transforming late submissions and for catch-up.</summary>
    public int RecentOpsInMemory { get; set; } = 20_000;

    /// <summary>Ops older than this many days are folded into snapshots and deleted (their change records stay).</summary>
    public int OpRetentionDays { get; set; } = 30;

    /// <summary>Cells one setRange may write.</summary>
    public int MaxSetRangeCells { get; set; } = 10_000;

    /// <summary>Cells one clearRange or setFormat may cover.</summary>
    public int MaxRangeCells { get; set; } = 100_000;

    /// <summary>Largest op, as JSON characters.</summary>
    public int MaxOperationJsonLength { get; set; } = 1_000_000;
}
