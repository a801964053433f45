using Collab.Kernel.Outcomes;
using Collab.Kernel.Security;
using Collab.Permissions.Contracts;
using Mediator;

namespace Collab.Workbooks.Contracts;

/// <summary>A model as its catalog lists it for one person.</summary>
/// <param name="Id">Model id.</param>
/// <param name="Name">Model name.</param>
/// <param name="Role">The person's role on it.</param>
/// <param name="UpdatedAt">Last change of the name or contents.</param>
public sealed record ModelSummary(string Id, string Name, ModelRole Role, DateTimeOffset UpdatedAt);

/// <summary>One model with the actor's role on it; <c>not_found</c> when the actor may not see it.</summary>
public sealed record GetModel(Actor Actor, string ModelId) : IQuery<Result<ModelSummary>>;
