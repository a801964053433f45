using Collab.Permissions.Contracts;

namespace Collab.Permissions.Domain;

/// <summary>One person's role on one model.</summary>
internal sealed class ModelMember
{
    public required string ModelId { get; init; }

    public required string UserId { get; init; }

    public ModelRole Role { get; set; }

    public DateTimeOffset GrantedAt { get; set; }

    public required string GrantedBy { get; set; }
}

/// <summary>A recorded change of someone's role (who changed whom, from what to what, when).</summary>
internal sealed class PermissionAuditEntry
{
    public long Id { get; init; }

    public required string ModelId { get; init; }

    public required string ActorUserId { get; init; }

    public required string TargetUserId { get; init; }

    public ModelRole OldRole { get; init; }

    public ModelRole NewRole { get; init; }

    public DateTimeOffset At { get; init; }
}
