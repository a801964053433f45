namespace Collab.Editing.Domain;

/// <summary>One applied op in the log: unique (model, revision) orders them, unique (model, opId) makes resubmission idempotent.</summary>
internal sealed class OpRecord
{
    public required string ModelId { get; init; }

    public long Revision { get; init; }

    public required string OpId { get; init; }

    public required string UserId { get; init; }

    /// <summary>The op as applied (transformed), JSON.</summary>
    public required string Op { get; init; }

    /// <summary>Unix milliseconds.</summary>
    public long CreatedAt { get; init; }
}

/// <summary>A cell's input changed (for History and the activity feed); kept when old ops are compacted.</summary>
internal sealed class ModelChangeRecord
{
    public long Id { get; init; }

    public required string ModelId { get; init; }

    public long Revision { get; init; }

    public required string UserId { get; init; }

    public required string Sheet { get; init; }

    public required string Cell { get; init; }

    public string? OldInput { get; init; }

    public string? NewInput { get; init; }

    /// <summary>Unix milliseconds.</summary>
    public long At { get; init; }
}

/// <summary>Who was in which model, joined and left when.</summary>
internal sealed class SessionRecord
{
    public long Id { get; init; }

    public required string ModelId { get; init; }

    public required string UserId { get; init; }

    /// <summary><c>browser</c> or <c>hub</c>.</summary>
    public required string Kind { get; init; }

    public long JoinedAt { get; init; }

    public long? LeftAt { get; set; }
}
