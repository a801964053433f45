using Collab.Permissions.Contracts;
using Collab.Permissions.Domain;
using Collab.Permissions.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Collab.Permissions.Application;

internal sealed class GrantModelRoleHandler(IDbContextFactory<PermissionsDbContext> contexts, ModelAuthorization authorization, TimeProvider time) : ICommandHandler<GrantModelRole>
{
    public async ValueTask<Unit> Handle(GrantModelRole command, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var member = await db.Members.FirstOrDefaultAsync(m => m.ModelId == command.ModelId && m.UserId == command.UserId, cancellationToken);
        var oldRole = member?.Role ?? ModelRole.None;
        if (member is null)
        {
            db.Members.Add(new ModelMember { ModelId = command.ModelId, UserId = command.UserId, Role = command.Role, GrantedAt = now, GrantedBy = command.ByUserId });
        }
        else
        {
            member.Role = command.Role;
            member.GrantedAt = now;
            member.GrantedBy = command.ByUserId;
        }

        db.Audit.Add(new PermissionAuditEntry { ModelId = command.ModelId, ActorUserId = command.ByUserId, TargetUserId = command.UserId, OldRole = oldRole, NewRole = command.Role, At = now });
        await db.SaveChangesAsync(cancellationToken);
        authorization.Forget(command.ModelId, command.UserId);
        return Unit.Value;
    }
}
