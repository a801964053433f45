using Collab.Kernel.Data;
using Collab.Workbooks.Contracts;
using Collab.Workbooks.Domain;
using Collab.Workbooks.Engine;
using Microsoft.EntityFrameworkCore;

namespace Collab.Workbooks.Infrastructure;

/// <summary>Snapshots in <c>Workbooks_Snapshots</c>.</summary>
internal sealed class WorkbookStore(IDbContextFactory<WorkbooksDbContext> contexts, TimeProvider time, CollabDatabase database) : IWorkbookStore
{
    public async Task<StoredSnapshot?> LoadLatestAsync(string modelId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var record = await db.Snapshots.AsNoTracking().Where(s => s.ModelId == modelId).OrderByDescending(s => s.Revision).FirstOrDefaultAsync(cancellationToken);
        return record is null ? null : new StoredSnapshot(record.Revision, SnapshotCodec.Decode(record.Data));
    }

    public async Task SaveAsync(string modelId, long revision, WorkbookSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        var data = SnapshotCodec.Encode(snapshot);
        await database.WriteGate.WaitAsync(cancellationToken);
        try
        {
            await SaveCoreAsync(modelId, revision, data, cancellationToken);
        }
        finally
        {
            database.WriteGate.Release();
        }
    }

    private async Task SaveCoreAsync(string modelId, long revision, byte[] data, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.Snapshots.FirstOrDefaultAsync(s => s.ModelId == modelId && s.Revision == revision, cancellationToken);
        if (existing is null)
        {
            db.Snapshots.Add(new SnapshotRecord { ModelId = modelId, Revision = revision, Data = data, CreatedAt = time.GetUtcNow() });
        }
        else
        {
            existing.Data = data;
            existing.CreatedAt = time.GetUtcNow();
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DeleteOlderThanAsync(string modelId, long revision, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Snapshots.Where(s => s.ModelId == modelId && s.Revision < revision).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The workbook of a new model: one empty sheet, Sheet1.</summary>
    public static WorkbookSnapshot Empty()
    {
        var workbook = new Workbook();
        workbook.AddSheet("Sheet1");
        return workbook.ToSnapshot();
    }
}
