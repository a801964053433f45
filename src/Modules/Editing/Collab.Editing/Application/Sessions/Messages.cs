using System.Text.Json;
using System.Text.Json.Serialization;
using Collab.Editing.Core;
using Collab.Workbooks.Contracts;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Collab.Editing.Application.Sessions;

/// <summary>One message for a member, by its hub method name (<c>OperationApplied</c>, <c>Conflict</c>, ...).</summary>
internal sealed record SessionMessage(string Method, object Payload)
{
    private SerializedHubMessage? _wire;
    private byte[]? _payloadJson;

    /// <summary>
    /// The payload as the hub's JSON protocol writes an argument (serialized once with the hub's payload options), for
    /// batches composed per member from the messages' bytes.
    /// </summary>
    public ReadOnlySpan<byte> PayloadJson(JsonSerializerOptions options)
    {
        var json = _payloadJson;
        if (json is null)
        {
            json = JsonSerializer.SerializeToUtf8Bytes(Payload, Payload.GetType(), options);
            json = Interlocked.CompareExchange(ref _payloadJson, json, null) ?? json;
        }

        return json;
    }

    /// <summary>
    /// The hub invocation of this message, serialized at most once per protocol however many hub members receive it
    /// (a session sends the same instance to every member).
    /// </summary>
    public SerializedHubMessage Wire
    {
        get
        {
            var wire = _wire;
            if (wire is null)
            {
                wire = new SerializedHubMessage(new InvocationMessage(Method, [Payload]));
                wire = Interlocked.CompareExchange(ref _wire, wire, null) ?? wire;
            }

            return wire;
        }
    }
}

/// <summary>Hub method names of the server-to-client messages (PROTOCOL.md).</summary>
internal static class Methods
{
    public const string OperationApplied = "OperationApplied";
    public const string OperationsApplied = "OperationsApplied";
    public const string Conflict = "Conflict";
    public const string UserJoined = "UserJoined";
    public const string UserLeft = "UserLeft";
    public const string RoleChanged = "RoleChanged";
    public const string PresenceChanged = "PresenceChanged";
}

/// <summary>
/// <c>OperationApplied</c>: the op as transformed and applied. Its JSON is made once, on first use, and shared by the op
/// log and every member on the wire (written raw into each message).
/// </summary>
internal sealed record OperationAppliedMessage(string ModelId, long Revision, string OpId, string UserId)
{
    private byte[]? _opUtf8;

    /// <summary>The op itself, for in-process members.</summary>
    [JsonIgnore]
    public required Operation Op { get; init; }

    /// <summary>Cells whose value changed, for in-process members that re-render only those.</summary>
    [JsonIgnore]
    public IReadOnlyList<Workbooks.Engine.CellLocation> ChangedCells { get; init; } = [];

    /// <summary>The op's JSON (UTF-8), serialized once; a benign race may serialize it twice, to equal bytes.</summary>
    [JsonPropertyName("op")]
    [JsonConverter(typeof(RawJsonConverter))]
    public byte[] OpJson
    {
        get => _opUtf8 ??= JsonSerializer.SerializeToUtf8Bytes(Op, OperationJson.Options);
        init => _opUtf8 = value;
    }

    public static OperationAppliedMessage Create(string modelId, long revision, string opId, string userId, Operation op, IReadOnlyList<Workbooks.Engine.CellLocation> changed) =>
        new(modelId, revision, opId, userId) { Op = op, ChangedCells = changed };
}

/// <summary>Writes bytes that already are JSON as they are (and reads a JSON value back into its bytes).</summary>
internal sealed class RawJsonConverter : JsonConverter<byte[]>
{
    public override byte[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return JsonSerializer.SerializeToUtf8Bytes(document.RootElement);
    }

    public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options) => writer.WriteRawValue(value, skipInputValidation: true);
}

/// <summary><c>Conflict</c>: your value was overwritten by a later write, or dropped because its place was deleted.</summary>
/// <remarks>Every field of PROTOCOL.md is always written: <c>theirValue</c> is null (not left out) when the cell was deleted.</remarks>
internal sealed record ConflictMessage(
    string ModelId,
    long Revision,
    string Sheet,
    string Cell,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? YourValue,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? TheirValue,
    string ByUserId);

/// <summary><c>UserJoined</c> / <c>UserLeft</c>.</summary>
internal sealed record UserMessage(string ModelId, string UserId, string DisplayName, string Color);

/// <summary><c>RoleChanged</c>: <c>none</c> when access was removed.</summary>
internal sealed record RoleChangedMessage(string ModelId, string Role);

/// <summary>The <c>JoinModel</c> result.</summary>
internal sealed record JoinResult(long Revision, string Role, SnapshotView? Snapshot, IReadOnlyList<OperationAppliedMessage>? Operations, IReadOnlyList<UserView> Users);

/// <summary>A person in the session.</summary>
internal sealed record UserView(string UserId, string DisplayName, string Color);

/// <summary>
/// The workbook as the wire shows it: <c>{sheets: [{name, cells: [{cell, input, value, type}]}], names}</c>; the defined
/// names (and the cells' formats) are added so that a replica computes the same values.
/// </summary>
internal sealed record SnapshotView(IReadOnlyList<SheetView> Sheets, IReadOnlyList<NameView> Names);

/// <summary>A defined name.</summary>
internal sealed record NameView(string Name, string RefersTo);

/// <summary>One sheet of a <see cref="SnapshotView"/>.</summary>
internal sealed record SheetView(string Name, IReadOnlyList<WireCell> Cells);

/// <summary>The result of a submission: its revision, or an error with the contract's code.</summary>
internal sealed record SubmitOutcome(long Revision, Operation? Inverse, string? ErrorCode, string? ErrorMessage)
{
    public bool Succeeded => ErrorCode is null;

    public static SubmitOutcome Ok(long revision, Operation? inverse) => new(revision, inverse, null, null);

    public static SubmitOutcome Error(string code, string message) => new(0, null, code, message);
}
