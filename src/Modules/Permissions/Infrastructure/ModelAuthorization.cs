using System.Collections.Concurrent;
using Collab.Kernel.Modules;
using Collab.Kernel.Security;
using Collab.Permissions.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Collab.Permissions.Infrastructure;

/// <summary>
/// Answers role questions from the members table, cached in process: every change goes through this module,
/// which drops the cached entries it touched, so the cache is never stale on this single server.
/// </summary>
internal sealed class ModelAuthorization(IDbContextFactory<PermissionsDbContext> contexts, IModelDirectory models) : IModelAuthorization
{
    private readonly ConcurrentDictionary<(string ModelId, string UserId), ModelRole> _roles = new();

    public async Task<ModelRole> GetRoleAsync(Actor actor, string modelId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(modelId) || !await models.ExistsAsync(modelId, cancellationToken))
        {
            return ModelRole.None;
        }

        if (actor.IsSystemAdmin)
        {
            return ModelRole.Admin;
        }

        if (_roles.TryGetValue((modelId, actor.UserId), out var cached))
        {
            return cached;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var role = await db.Members.AsNoTracking()
            .Where(m => m.ModelId == modelId && m.UserId == actor.UserId)
            .Select(m => (ModelRole?)m.Role)
            .FirstOrDefaultAsync(cancellationToken) ?? ModelRole.None;
        _roles[(modelId, actor.UserId)] = role;
        return role;
    }

    public async Task<IReadOnlyDictionary<string, ModelRole>> GetMembershipsAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Members.AsNoTracking().Where(m => m.UserId == userId).ToDictionaryAsync(m => m.ModelId, m => m.Role, cancellationToken);
    }

    /// <summary>Forgets the cached role of one member (after their role changed).</summary>
    public void Forget(string modelId, string userId) => _roles.TryRemove((modelId, userId), out _);

    /// <summary>Forgets every cached role on a model (after it was deleted).</summary>
    public void ForgetModel(string modelId)
    {
        foreach (var key in _roles.Keys.Where(k => k.ModelId == modelId))
        {
            _roles.TryRemove(key, out _);
        }
    }
}
