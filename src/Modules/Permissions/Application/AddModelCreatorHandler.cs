using Collab.Permissions.Contracts;
using Collab.Permissions.Domain;
using Collab.Permissions.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Collab.Permissions.Application;

internal sealed class AddModelCreatorHandler(IDbContextFactory<PermissionsDbContext> contexts, TimeProvider time) : ICommandHandler<AddModelCreator>
{
    public async ValueTask<Unit> Handle(AddModelCreator command, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        db.Members.Add(new ModelMember { ModelId = command.ModelId, UserId = command.UserId, Role = ModelRole.Admin, GrantedAt = now, GrantedBy = command.UserId });
        db.Audit.Add(new PermissionAuditEntry { ModelId = command.ModelId, ActorUserId = command.UserId, TargetUserId = command.UserId, OldRole = ModelRole.None, NewRole = ModelRole.Admin, At = now });
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
