using System.Collections.Concurrent;
using Collab.Kernel.Events;
using Collab.Kernel.Modules;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Collab.Workbooks.Infrastructure;

/// <summary>Which models exist, answered from the catalog and remembered (models are created and deleted only here).</summary>
internal sealed class ModelDirectory(IDbContextFactory<WorkbooksDbContext> contexts) : IModelDirectory
{
    private readonly ConcurrentDictionary<string, bool> _exists = new(StringComparer.Ordinal);

    public async ValueTask<bool> ExistsAsync(string modelId, CancellationToken cancellationToken = default)
    {
        if (_exists.TryGetValue(modelId, out var known))
        {
            return known;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var exists = await db.Models.AsNoTracking().AnyAsync(m => m.Id == modelId, cancellationToken);
        if (exists)
        {
            // Only positive answers are remembered: a model that does not exist yet may be created in a moment.
            _exists[modelId] = true;
        }

        return exists;
    }

    public async ValueTask<string?> NameOfAsync(string modelId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Models.AsNoTracking().Where(m => m.Id == modelId).Select(m => m.Name).FirstOrDefaultAsync(cancellationToken);
    }

    public void Forget(string modelId) => _exists.TryRemove(modelId, out _);
}

/// <summary>Drops a deleted model from the directory's memory.</summary>
internal sealed class ForgetDeletedModel(ModelDirectory directory) : INotificationHandler<ModelDeleted>
{
    public ValueTask Handle(ModelDeleted notification, CancellationToken cancellationToken)
    {
        directory.Forget(notification.ModelId);
        return ValueTask.CompletedTask;
    }
}
