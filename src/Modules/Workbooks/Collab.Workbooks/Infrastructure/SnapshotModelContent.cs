using Collab.Workbooks.Contracts;
using Collab.Workbooks.Engine;

namespace Collab.Workbooks.Infrastructure;

/// <summary>
/// Reads a model from its newest stored snapshot. The Editing module registers the live implementation over open
/// sessions after this one; this one serves a build or a test host composed without Editing.
/// </summary>
internal sealed class SnapshotModelContent(IWorkbookStore store) : IModelContent
{
    public async Task<T> ReadAsync<T>(string modelId, Func<Workbook, long, T> read, CancellationToken cancellationToken = default)
    {
        var stored = await store.LoadLatestAsync(modelId, cancellationToken) ?? throw new KeyNotFoundException($"Model {modelId} has no stored workbook.");
        return read(Workbook.FromSnapshot(stored.Snapshot), stored.Revision);
    }
}
