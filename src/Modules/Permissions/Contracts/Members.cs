using Mediator;

namespace Collab.Permissions.Contracts;

/// <summary>A person with access to a model.</summary>
public sealed record ModelMemberInfo(string UserId, string Email, string DisplayName, string Color, ModelRole Role);

/// <summary>A recorded change of someone's role.</summary>
public sealed record PermissionAuditInfo(string ActorUserId, string ActorName, string TargetUserId, string TargetName, ModelRole OldRole, ModelRole NewRole, DateTimeOffset At);

/// <summary>
/// Someone's role on a model changed (<see cref="ModelRole.None"/>: access removed). Published after the change is stored;
/// modules that hold open sessions push it to the person's connections.
/// </summary>
public sealed record ModelRoleChanged(string ModelId, string UserId, ModelRole OldRole, ModelRole NewRole, string ByUserId) : INotification;
