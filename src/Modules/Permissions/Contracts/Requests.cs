using Mediator;

namespace Collab.Permissions.Contracts;

/// <summary>
/// Gives a person a role on a model on behalf of the system: the creator of a new model (sent by Workbooks when it
/// creates one) or the demo seed. People change roles through the share dialog and REST, which check the actor.
/// </summary>
/// <param name="ModelId">The model.</param>
/// <param name="UserId">The person.</param>
/// <param name="Role">The role to give.</param>
/// <param name="ByUserId">Who the audit names as having made the change.</param>
public sealed record GrantModelRole(string ModelId, string UserId, ModelRole Role, string ByUserId) : ICommand;
