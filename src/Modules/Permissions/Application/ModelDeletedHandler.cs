using Collab.Kernel.Events;
using Collab.Permissions.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Collab.Permissions.Application;

/// <summary>Removes the memberships of a deleted model (its audit stays).</summary>
internal sealed class ModelDeletedHandler(IDbContextFactory<PermissionsDbContext> contexts, ModelAuthorization authorization) : INotificationHandler<ModelDeleted>
{
    public async ValueTask Handle(ModelDeleted notification, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Members.Where(m => m.ModelId == notification.ModelId).ExecuteDeleteAsync(cancellationToken);
        authorization.ForgetModel(notification.ModelId);
    }
}
