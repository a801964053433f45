using System.IO.Compression;
using System.Text.Json;
using Collab.Workbooks.Engine;

namespace Collab.Workbooks.Infrastructure;

/// <summary>Snapshots are stored as gzip-compressed camelCase JSON.</summary>
internal static class SnapshotCodec
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static byte[] Encode(WorkbookSnapshot snapshot)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(gzip, snapshot, Json);
        }

        return buffer.ToArray();
    }

    public static WorkbookSnapshot Decode(byte[] data)
    {
        using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<WorkbookSnapshot>(gzip, Json) ?? throw new InvalidDataException("The stored snapshot is empty.");
    }
}
