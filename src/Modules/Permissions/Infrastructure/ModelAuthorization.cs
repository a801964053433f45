using Collab.Kernel.Security;
using Collab.Permissions.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Collab.Permissions.Infrastructure;

/// <summary>Answers role questions from the members table.</summary>
internal sealed class ModelAuthorization(IDbContextFactory<PermissionsDbContext> contexts) : IModelAuthorization
{
    public async Task<ModelRole> GetRoleAsync(Actor actor, string modelId, CancellationToken cancellationToken = default)
    {
        if (actor.IsSystemAdmin)
        {
            return ModelRole.Admin;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var role = await db.Members.AsNoTracking()
            .Where(m => m.ModelId == modelId && m.UserId == actor.UserId)
            .Select(m => (ModelRole?)m.Role)
            .FirstOrDefaultAsync(cancellationToken);
        return role ?? ModelRole.None;
    }

    public async Task<IReadOnlyDictionary<string, ModelRole>> GetMembershipsAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Members.AsNoTracking().Where(m => m.UserId == userId).ToDictionaryAsync(m => m.ModelId, m => m.Role, cancellationToken);
    }
}
