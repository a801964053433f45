using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Collab.Editing.Core;
using Collab.Workbooks.Engine;

namespace Collab.Client;

/// <summary>A cell as the server sends it: <c>{cell, input, value, type}</c> (plus its format when it has one).</summary>
/// <param name="Cell">A1 address.</param>
/// <param name="Input">What was typed.</param>
/// <param name="Value">A number, string or boolean; for errors the error text.</param>
/// <param name="Type"><c>number</c>, <c>text</c>, <c>bool</c> or <c>error</c>.</param>
/// <param name="NumberFormat">The number format, when not General.</param>
/// <param name="Bold">True when bold.</param>
public sealed record WireCell(string Cell, string Input, JsonElement Value, string Type, string? NumberFormat = null, bool? Bold = null);

/// <summary>One sheet of a snapshot.</summary>
public sealed record WireSheet(string Name, IReadOnlyList<WireCell> Cells);

/// <summary>A defined name of a snapshot.</summary>
public sealed record WireName(string Name, string RefersTo);

/// <summary>The workbook as <c>JoinModel</c> returns it.</summary>
public sealed record WireSnapshot(IReadOnlyList<WireSheet> Sheets, IReadOnlyList<WireName>? Names)
{
    /// <summary>The engine's snapshot of the same workbook (inputs, formats and names; values are recomputed).</summary>
    public WorkbookSnapshot ToWorkbookSnapshot() => new(
        Sheets.Select(s => new SheetSnapshot(s.Name, s.Cells.Select(c => new CellSnapshot(c.Cell, c.Input, c.NumberFormat, c.Bold ?? false)).ToList(), [])).ToList(),
        (Names ?? []).Select(n => new NameSnapshot(n.Name, n.RefersTo)).ToList());
}

/// <summary>An <c>OperationApplied</c> message: the op as the server applied it, read straight from the message.</summary>
[JsonConverter(typeof(WireOperationAppliedConverter))]
public sealed record WireOperationApplied(string ModelId, long Revision, string OpId, string UserId, Operation Op);

/// <summary>
/// Reads <see cref="WireOperationApplied"/> field by field (a client receives one per op per member, so the generic
/// reader for records of five constructor parameters, which caches every argument first, was a large share of a
/// busy client's time); the op goes to the polymorphic <see cref="Operation"/> reader.
/// </summary>
internal sealed class WireOperationAppliedConverter : JsonConverter<WireOperationApplied>
{
    public override WireOperationApplied Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("An OperationApplied message must be an object.");
        }

        string? modelId = null, opId = null, userId = null;
        long? revision = null;
        Operation? op = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                throw new JsonException("Expected a property name.");
            }

            if (reader.ValueTextEquals("modelId"u8))
            {
                reader.Read();
                modelId = WireStrings.Read(ref reader);
            }
            else if (reader.ValueTextEquals("revision"u8))
            {
                reader.Read();
                revision = reader.GetInt64();
            }
            else if (reader.ValueTextEquals("opId"u8))
            {
                reader.Read();
                opId = reader.GetString();
            }
            else if (reader.ValueTextEquals("userId"u8))
            {
                reader.Read();
                userId = WireStrings.Read(ref reader);
            }
            else if (reader.ValueTextEquals("op"u8))
            {
                reader.Read();
                op = Operation.Read(ref reader, options);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new WireOperationApplied(
            modelId ?? throw new JsonException("OperationApplied without modelId."),
            revision ?? throw new JsonException("OperationApplied without revision."),
            opId ?? throw new JsonException("OperationApplied without opId."),
            userId ?? throw new JsonException("OperationApplied without userId."),
            op ?? throw new JsonException("OperationApplied without op."));
    }

    public override void Write(Utf8JsonWriter writer, WireOperationApplied value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("modelId"u8, value.ModelId);
        writer.WriteNumber("revision"u8, value.Revision);
        writer.WriteString("opId"u8, value.OpId);
        writer.WriteString("userId"u8, value.UserId);
        writer.WritePropertyName("op"u8);
        JsonSerializer.Serialize(writer, value.Op, options);
        writer.WriteEndObject();
    }
}

/// <summary>
/// The model and user ids of received ops, kept once: every connection of a process receives every op of its models,
/// each naming the same few ids, so reading them as new strings each time was garbage for nothing.
/// </summary>
internal static class WireStrings
{
    private const int MaxLength = 64;
    private const int MaxKept = 8192;
    private static readonly ConcurrentDictionary<string, string> Kept = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> KeptBySpan = Kept.GetAlternateLookup<ReadOnlySpan<char>>();
    private static int _count;

    /// <summary>The string token at the reader (null for a JSON null), the kept instance when there is one.</summary>
    public static string? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || (reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length) > MaxLength)
        {
            return reader.GetString();
        }

        Span<char> chars = stackalloc char[MaxLength];
        var text = chars[..reader.CopyString(chars)];
        if (KeptBySpan.TryGetValue(text, out var kept))
        {
            return kept;
        }

        var value = new string(text);
        if (Volatile.Read(ref _count) < MaxKept && Kept.TryAdd(value, value))
        {
            Interlocked.Increment(ref _count);
        }

        return value;
    }
}

/// <summary>A person in a model: <c>UserJoined</c>, <c>UserLeft</c>, and the <c>users</c> of a join.</summary>
public sealed record WireUser(string? ModelId, string UserId, string DisplayName, string Color);

/// <summary>The result of <c>JoinModel</c>.</summary>
public sealed record WireJoinResult(long Revision, string Role, WireSnapshot? Snapshot, IReadOnlyList<WireOperationApplied>? Operations, IReadOnlyList<WireUser> Users);

/// <summary>A <c>Conflict</c>: your value was overwritten by a later write or dropped because its place was deleted.</summary>
public sealed record WireConflict(string ModelId, long Revision, string? Sheet, string Cell, string? YourValue, string? TheirValue, string ByUserId);

/// <summary>A <c>PresenceChanged</c> message.</summary>
public sealed record WirePresence(string ModelId, string UserId, string DisplayName, string Color, string? Sheet, string? Cell, string? Selection, bool Editing);

/// <summary>A <c>RoleChanged</c> message (<c>none</c> when access was removed).</summary>
public sealed record WireRoleChanged(string ModelId, string Role);

/// <summary>The server dropped this connection from a model (it fell behind); the client rejoins.</summary>
public sealed record WireDropped(string ModelId, string Reason);

/// <summary>The acknowledgement of <c>SubmitOperation</c>.</summary>
public sealed record WireAck(long Revision);

/// <summary>JSON settings matching the server's (camelCase, nulls left out).</summary>
internal static class WireJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

        // An op's "type" may come after its other properties (the server writes it first; other senders may not).
        AllowOutOfOrderMetadataProperties = true,
    };
}
