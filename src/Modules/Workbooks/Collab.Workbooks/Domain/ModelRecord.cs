namespace Collab.Workbooks.Domain;

/// <summary>A financial model in the catalog: its name and who made it. Its cells live in snapshots and the op log.</summary>
internal sealed class ModelRecord
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    public required string CreatedBy { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}
