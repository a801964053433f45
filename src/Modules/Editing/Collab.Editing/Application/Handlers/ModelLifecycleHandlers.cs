using Collab.Editing.Application.Sessions;
using Collab.Editing.Infrastructure;
using Collab.Kernel.Events;
using Collab.Permissions.Contracts;
using Mediator;

namespace Collab.Editing.Application.Handlers;

/// <summary>A role change reaches the person's open connections at once; a removed member leaves the session.</summary>
internal sealed class RoleChangedHandler(SessionRegistry registry) : INotificationHandler<ModelRoleChanged>
{
    public ValueTask Handle(ModelRoleChanged notification, CancellationToken cancellationToken)
    {
        if (registry.TryGet(notification.ModelId, out var session))
        {
            session.RoleChanged(notification.UserId, notification.NewRole);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A deleted model's session closes (its members are told why) and its op log goes.</summary>
internal sealed class ModelDeletedHandler(ModelSessionManager sessions, OpLogStore opLog) : INotificationHandler<ModelDeleted>
{
    public async ValueTask Handle(ModelDeleted notification, CancellationToken cancellationToken)
    {
        await sessions.CloseAsync(notification.ModelId, "The model was deleted.");
        await opLog.DeleteModelAsync(notification.ModelId, cancellationToken);
    }
}
