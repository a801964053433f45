using Collab.Kernel.Outcomes;
using Collab.Kernel.Security;
using Collab.Permissions.Contracts;
using Mediator;

namespace Collab.Permissions.Application.Members;

/// <summary>The people with access to a model (anyone who may view it).</summary>
internal sealed record ListMembers(Actor Actor, string ModelId) : IQuery<Result<IReadOnlyList<ModelMemberInfo>>>;

/// <summary>Gives a person a role on a model, or changes it (model admins).</summary>
internal sealed record SetMemberRole(Actor Actor, string ModelId, string UserId, ModelRole Role) : ICommand<Result<ModelMemberInfo>>;

/// <summary>Removes a person's access (model admins).</summary>
internal sealed record RemoveMember(Actor Actor, string ModelId, string UserId) : ICommand<Result<bool>>;

/// <summary>The permission changes on a model, newest first (model admins).</summary>
internal sealed record ListPermissionAudit(Actor Actor, string ModelId) : IQuery<Result<IReadOnlyList<PermissionAuditInfo>>>;
