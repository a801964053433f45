using Collab.Kernel.Outcomes;
using Collab.Kernel.Security;
using Collab.Workbooks.Contracts;
using Mediator;

namespace Collab.Workbooks.Application.Models;

/// <summary>Creates an empty model with one sheet <c>Sheet1</c>; the actor becomes its admin.</summary>
internal sealed record CreateModel(Actor Actor, string Name) : ICommand<Result<string>>;

/// <summary>The models the actor may see, newest change first.</summary>
internal sealed record ListModels(Actor Actor) : IQuery<IReadOnlyList<ModelSummary>>;

/// <summary>One model, if the actor may see it.</summary>
internal sealed record GetModel(Actor Actor, string ModelId) : IQuery<Result<ModelSummary>>;

/// <summary>Renames a model (model admins).</summary>
internal sealed record RenameModel(Actor Actor, string ModelId, string Name) : ICommand<Result<ModelSummary>>;

/// <summary>Deletes a model and everything in it (model admins).</summary>
internal sealed record DeleteModel(Actor Actor, string ModelId) : ICommand<Result<bool>>;
