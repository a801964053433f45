using Collab.Kernel.Events;
using Collab.Kernel.Outcomes;
using Collab.Permissions.Contracts;
using Collab.Workbooks.Contracts;
using Collab.Workbooks.Domain;
using Collab.Workbooks.Infrastructure;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Collab.Workbooks.Application.Models;

internal sealed class CreateModelHandler(
    IDbContextFactory<WorkbooksDbContext> contexts,
    IValidator<CreateModel> validator,
    IMediator mediator,
    TimeProvider time) : ICommandHandler<CreateModel, Result<string>>
{
    public async ValueTask<Result<string>> Handle(CreateModel command, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(command, cancellationToken);
        if (!validation.IsValid)
        {
            return Failure.Invalid(validation.Errors[0].ErrorMessage);
        }

        var now = time.GetUtcNow();
        var model = new ModelRecord
        {
            Id = Guid.CreateVersion7().ToString("N"),
            Name = command.Name.Trim(),
            CreatedBy = command.Actor.UserId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            // The model and its first workbook are stored together: a model never exists without content.
            db.Models.Add(model);
            db.Snapshots.Add(new SnapshotRecord { ModelId = model.Id, Revision = 0, Data = SnapshotCodec.Encode(command.Content ?? WorkbookStore.Empty()), CreatedAt = now });
            await db.SaveChangesAsync(cancellationToken);
        }

        try
        {
            await mediator.Send(new GrantModelRole(model.Id, command.Actor.UserId, ModelRole.Admin, command.Actor.UserId), cancellationToken);
        }
        catch
        {
            // A model nobody administers must not exist.
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            await db.Models.Where(m => m.Id == model.Id).ExecuteDeleteAsync(CancellationToken.None);
            await db.Snapshots.Where(s => s.ModelId == model.Id).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }

        await mediator.Publish(new ModelCreated(model.Id, model.Name, command.Actor.UserId), cancellationToken);
        return model.Id;
    }
}

internal sealed class ListModelsHandler(IDbContextFactory<WorkbooksDbContext> contexts, IModelAuthorization authorization)
    : IQueryHandler<ListModels, IReadOnlyList<ModelSummary>>
{
    public async ValueTask<IReadOnlyList<ModelSummary>> Handle(ListModels query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (query.Actor.IsSystemAdmin)
        {
            var all = await db.Models.AsNoTracking().ToListAsync(cancellationToken);
            return all.OrderByDescending(m => m.UpdatedAt).Select(m => new ModelSummary(m.Id, m.Name, ModelRole.Admin, m.UpdatedAt)).ToList();
        }

        var memberships = await authorization.GetMembershipsAsync(query.Actor.UserId, cancellationToken);
        var ids = memberships.Keys.ToList();
        var models = await db.Models.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync(cancellationToken);
        return models.OrderByDescending(m => m.UpdatedAt).Select(m => new ModelSummary(m.Id, m.Name, memberships[m.Id], m.UpdatedAt)).ToList();
    }
}

internal sealed class GetModelHandler(IDbContextFactory<WorkbooksDbContext> contexts, IModelAuthorization authorization)
    : IQueryHandler<GetModel, Result<ModelSummary>>
{
    public async ValueTask<Result<ModelSummary>> Handle(GetModel query, CancellationToken cancellationToken)
    {
        var role = await authorization.GetRoleAsync(query.Actor, query.ModelId, cancellationToken);
        if (role == ModelRole.None)
        {
            return Failure.NotFound();
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var model = await db.Models.AsNoTracking().FirstOrDefaultAsync(m => m.Id == query.ModelId, cancellationToken);
        return model is null ? Failure.NotFound() : new ModelSummary(model.Id, model.Name, role, model.UpdatedAt);
    }
}

internal sealed class RenameModelHandler(
    IDbContextFactory<WorkbooksDbContext> contexts,
    IModelAuthorization authorization,
    IValidator<RenameModel> validator,
    TimeProvider time) : ICommandHandler<RenameModel, Result<ModelSummary>>
{
    public async ValueTask<Result<ModelSummary>> Handle(RenameModel command, CancellationToken cancellationToken)
    {
        var role = await authorization.GetRoleAsync(command.Actor, command.ModelId, cancellationToken);
        if (role == ModelRole.None)
        {
            return Failure.NotFound();
        }

        if (!role.Allows(ModelAction.Rename))
        {
            return Failure.Forbidden("Only the model's admins can rename it.");
        }

        var validation = await validator.ValidateAsync(command, cancellationToken);
        if (!validation.IsValid)
        {
            return Failure.Invalid(validation.Errors[0].ErrorMessage);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var model = await db.Models.FirstOrDefaultAsync(m => m.Id == command.ModelId, cancellationToken);
        if (model is null)
        {
            return Failure.NotFound();
        }

        model.Name = command.Name.Trim();
        model.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return new ModelSummary(model.Id, model.Name, role, model.UpdatedAt);
    }
}

internal sealed class DeleteModelHandler(
    IDbContextFactory<WorkbooksDbContext> contexts,
    IModelAuthorization authorization,
    IMediator mediator) : ICommandHandler<DeleteModel, Result<bool>>
{
    public async ValueTask<Result<bool>> Handle(DeleteModel command, CancellationToken cancellationToken)
    {
        var role = await authorization.GetRoleAsync(command.Actor, command.ModelId, cancellationToken);
        if (role == ModelRole.None)
        {
            return Failure.NotFound();
        }

        if (!role.Allows(ModelAction.Delete))
        {
            return Failure.Forbidden("Only the model's admins can delete it.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deleted = await db.Models.Where(m => m.Id == command.ModelId).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            return Failure.NotFound();
        }

        await db.Snapshots.Where(s => s.ModelId == command.ModelId).ExecuteDeleteAsync(cancellationToken);

        await mediator.Publish(new ModelDeleted(command.ModelId, command.Actor.UserId), cancellationToken);
        return true;
    }
}
