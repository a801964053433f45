using Collab.Editing.Contracts;
using Collab.Editing.Core;
using Collab.Workbooks.Contracts;
using Collab.Workbooks.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Collab.Editing.Infrastructure;

/// <summary>
/// Hangfire recurring job: folds ops older than the retention into a snapshot and deletes them, keeping the change
/// records. A model's newest ops always stay, so open sessions and catching-up clients are unaffected.
/// </summary>
internal sealed class OpLogCompactionJob(
    IDbContextFactory<EditingDbContext> contexts,
    OpLogStore opLog,
    IWorkbookStore store,
    IOptions<EditingOptions> options,
    TimeProvider time,
    ILogger<OpLogCompactionJob> logger)
{
    public const string JobId = "editing-compact-op-log";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().AddDays(-options.Value.OpRetentionDays).ToUnixTimeMilliseconds();
        List<(string ModelId, long Through)> candidates;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            candidates = (await db.Ops.AsNoTracking().Where(o => o.CreatedAt < cutoff)
                    .GroupBy(o => o.ModelId)
                    .Select(g => new { ModelId = g.Key, Through = g.Max(o => o.Revision) })
                    .ToListAsync(cancellationToken))
                .Select(c => (c.ModelId, c.Through)).ToList();
        }

        foreach (var (modelId, through) in candidates)
        {
            var deleted = await CompactAsync(modelId, through, cancellationToken);
            logger.LogInformation("Compacted {Count} ops of model {ModelId} through revision {Revision}", deleted, modelId, through);
        }
    }

    /// <summary>Makes sure a snapshot at or after <paramref name="through"/> exists, then deletes the ops up to it.</summary>
    public async Task<int> CompactAsync(string modelId, long through, CancellationToken cancellationToken)
    {
        var latest = await store.LoadLatestAsync(modelId, cancellationToken);
        if (latest is null)
        {
            return 0;
        }

        if (latest.Revision < through)
        {
            var workbook = Workbook.FromSnapshot(latest.Snapshot, time);
            foreach (var record in await opLog.LoadSinceAsync(modelId, latest.Revision, cancellationToken))
            {
                if (record.Revision > through)
                {
                    break;
                }

                OperationApplier.Apply(workbook, Operation.FromJson(record.Op));
            }

            await store.SaveAsync(modelId, through, workbook.ToSnapshot(), cancellationToken);
        }

        var deleted = await opLog.DeleteThroughAsync(modelId, through, cancellationToken);
        await store.DeleteOlderThanAsync(modelId, through, cancellationToken);
        return deleted;
    }
}
