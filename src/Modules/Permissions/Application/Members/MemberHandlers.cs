using Collab.Kernel.Outcomes;
using Collab.Kernel.Security;
using Collab.Permissions.Contracts;
using Collab.Permissions.Domain;
using Collab.Permissions.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Collab.Permissions.Application.Members;

/// <summary>The checks every member request starts with: unseen models are 404, other refusals 403.</summary>
internal static class MemberAccess
{
    public static async Task<Failure?> CheckAsync(IModelAuthorization authorization, Actor actor, string modelId, ModelAction action, CancellationToken cancellationToken)
    {
        var role = await authorization.GetRoleAsync(actor, modelId, cancellationToken);
        if (role == ModelRole.None)
        {
            return Failure.NotFound();
        }

        return role.Allows(action) ? null : Failure.Forbidden($"Only the model's admins can {Describe(action)}.");
    }

    private static string Describe(ModelAction action) => action switch
    {
        ModelAction.Share => "share it or change who has access",
        ModelAction.ViewAudit => "see the history of access changes",
        _ => "do this",
    };
}

internal sealed class ListMembersHandler(IDbContextFactory<PermissionsDbContext> contexts, IModelAuthorization authorization, IUserDirectory users)
    : IQueryHandler<ListMembers, Result<IReadOnlyList<ModelMemberInfo>>>
{
    public async ValueTask<Result<IReadOnlyList<ModelMemberInfo>>> Handle(ListMembers query, CancellationToken cancellationToken)
    {
        if (await MemberAccess.CheckAsync(authorization, query.Actor, query.ModelId, ModelAction.View, cancellationToken) is { } failure)
        {
            return failure;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var members = await db.Members.AsNoTracking().Where(m => m.ModelId == query.ModelId).ToListAsync(cancellationToken);
        var people = await users.FindManyAsync(members.Select(m => m.UserId), cancellationToken);
        return members
            .Where(m => people.ContainsKey(m.UserId))
            .Select(m => new ModelMemberInfo(m.UserId, people[m.UserId].Email, people[m.UserId].DisplayName, people[m.UserId].Color, m.Role))
            .OrderByDescending(m => m.Role).ThenBy(m => m.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }
}

internal sealed class SetMemberRoleHandler(
    IDbContextFactory<PermissionsDbContext> contexts,
    ModelAuthorization authorization,
    IUserDirectory users,
    IMediator mediator,
    TimeProvider time) : ICommandHandler<SetMemberRole, Result<ModelMemberInfo>>
{
    public async ValueTask<Result<ModelMemberInfo>> Handle(SetMemberRole command, CancellationToken cancellationToken)
    {
        if (await MemberAccess.CheckAsync(authorization, command.Actor, command.ModelId, ModelAction.Share, cancellationToken) is { } failure)
        {
            return failure;
        }

        if (command.Role == ModelRole.None || !Enum.IsDefined(command.Role))
        {
            return Failure.Invalid("The role must be viewer, commenter, editor or admin.");
        }

        var person = await users.FindAsync(command.UserId, cancellationToken);
        if (person is null)
        {
            return Failure.NotFound("No such user.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var member = await db.Members.FirstOrDefaultAsync(m => m.ModelId == command.ModelId && m.UserId == command.UserId, cancellationToken);
        var oldRole = member?.Role ?? ModelRole.None;
        if (oldRole == command.Role)
        {
            return new ModelMemberInfo(person.Id, person.Email, person.DisplayName, person.Color, oldRole);
        }

        if (oldRole == ModelRole.Admin && await IsLastAdminAsync(db, command.ModelId, cancellationToken))
        {
            return Failure.LastAdmin($"{person.DisplayName} is the model's only admin; make someone else admin first.");
        }

        var now = time.GetUtcNow();
        if (member is null)
        {
            db.Members.Add(new ModelMember { ModelId = command.ModelId, UserId = command.UserId, Role = command.Role, GrantedAt = now, GrantedBy = command.Actor.UserId });
        }
        else
        {
            member.Role = command.Role;
            member.GrantedAt = now;
            member.GrantedBy = command.Actor.UserId;
        }

        db.Audit.Add(new PermissionAuditEntry { ModelId = command.ModelId, ActorUserId = command.Actor.UserId, TargetUserId = command.UserId, OldRole = oldRole, NewRole = command.Role, At = now });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        authorization.Forget(command.ModelId, command.UserId);

        await mediator.Publish(new ModelRoleChanged(command.ModelId, command.UserId, oldRole, command.Role, command.Actor.UserId), cancellationToken);
        return new ModelMemberInfo(person.Id, person.Email, person.DisplayName, person.Color, command.Role);
    }

    internal static async Task<bool> IsLastAdminAsync(PermissionsDbContext db, string modelId, CancellationToken cancellationToken) =>
        await db.Members.CountAsync(m => m.ModelId == modelId && m.Role == ModelRole.Admin, cancellationToken) <= 1;
}

internal sealed class RemoveMemberHandler(
    IDbContextFactory<PermissionsDbContext> contexts,
    ModelAuthorization authorization,
    IMediator mediator,
    TimeProvider time) : ICommandHandler<RemoveMember, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(RemoveMember command, CancellationToken cancellationToken)
    {
        if (await MemberAccess.CheckAsync(authorization, command.Actor, command.ModelId, ModelAction.Share, cancellationToken) is { } failure)
        {
            return failure;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var member = await db.Members.FirstOrDefaultAsync(m => m.ModelId == command.ModelId && m.UserId == command.UserId, cancellationToken);
        if (member is null)
        {
            return Failure.NotFound("That person has no access to this model.");
        }

        if (member.Role == ModelRole.Admin && await SetMemberRoleHandler.IsLastAdminAsync(db, command.ModelId, cancellationToken))
        {
            return Failure.LastAdmin("This is the model's only admin; make someone else admin first.");
        }

        db.Members.Remove(member);
        db.Audit.Add(new PermissionAuditEntry { ModelId = command.ModelId, ActorUserId = command.Actor.UserId, TargetUserId = command.UserId, OldRole = member.Role, NewRole = ModelRole.None, At = time.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        authorization.Forget(command.ModelId, command.UserId);

        await mediator.Publish(new ModelRoleChanged(command.ModelId, command.UserId, member.Role, ModelRole.None, command.Actor.UserId), cancellationToken);
        return true;
    }
}

internal sealed class ListPermissionAuditHandler(IDbContextFactory<PermissionsDbContext> contexts, IModelAuthorization authorization, IUserDirectory users)
    : IQueryHandler<ListPermissionAudit, Result<IReadOnlyList<PermissionAuditInfo>>>
{
    public async ValueTask<Result<IReadOnlyList<PermissionAuditInfo>>> Handle(ListPermissionAudit query, CancellationToken cancellationToken)
    {
        if (await MemberAccess.CheckAsync(authorization, query.Actor, query.ModelId, ModelAction.ViewAudit, cancellationToken) is { } failure)
        {
            return failure;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entries = await db.Audit.AsNoTracking().Where(a => a.ModelId == query.ModelId).OrderByDescending(a => a.Id).Take(500).ToListAsync(cancellationToken);
        var people = await users.FindManyAsync(entries.SelectMany(e => new[] { e.ActorUserId, e.TargetUserId }), cancellationToken);
        string NameOf(string id) => people.TryGetValue(id, out var p) ? p.DisplayName : id;
        return entries.Select(e => new PermissionAuditInfo(e.ActorUserId, NameOf(e.ActorUserId), e.TargetUserId, NameOf(e.TargetUserId), e.OldRole, e.NewRole, e.At)).ToList();
    }
}
