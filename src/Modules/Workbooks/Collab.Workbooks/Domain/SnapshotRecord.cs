namespace Collab.Workbooks.Domain;

/// <summary>A stored workbook snapshot: the JSON of <c>WorkbookSnapshot</c>, gzip-compressed.</summary>
internal sealed class SnapshotRecord
{
    public required string ModelId { get; init; }

    public long Revision { get; init; }

    public required byte[] Data { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
