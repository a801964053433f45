using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Collab.Editing.Core;

/// <summary>
/// One edit of a workbook, exactly as PROTOCOL.md's <c>op</c>: immutable, serialized as JSON with a <c>"type"</c>
/// discriminator and camelCase properties (use <see cref="OperationJson.Options"/>). Positions are A1 strings;
/// they are parsed once, when the record is created, and the parsed form is cached (never serialized).
/// Two extra types exist besides PROTOCOL's eleven: <see cref="BatchOperation"/> (several ops applied atomically,
/// produced by transformation and by undo) and <see cref="NoOperation"/> (an op that transformation reduced to nothing).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(SetCellOperation), "setCell")]
[JsonDerivedType(typeof(SetRangeOperation), "setRange")]
[JsonDerivedType(typeof(ClearRangeOperation), "clearRange")]
[JsonDerivedType(typeof(InsertRowsOperation), "insertRows")]
[JsonDerivedType(typeof(DeleteRowsOperation), "deleteRows")]
[JsonDerivedType(typeof(InsertColumnsOperation), "insertColumns")]
[JsonDerivedType(typeof(DeleteColumnsOperation), "deleteColumns")]
[JsonDerivedType(typeof(AddSheetOperation), "addSheet")]
[JsonDerivedType(typeof(RenameSheetOperation), "renameSheet")]
[JsonDerivedType(typeof(DeleteSheetOperation), "deleteSheet")]
[JsonDerivedType(typeof(SetFormatOperation), "setFormat")]
[JsonDerivedType(typeof(BatchOperation), "batch")]
[JsonDerivedType(typeof(NoOperation), "noop")]
public abstract record Operation
{
    private protected Operation()
    {
    }

    /// <summary>The op that changes nothing.</summary>
    public static Operation None => NoOperation.Instance;

    /// <summary>True when applying this op changes nothing (a <see cref="NoOperation"/> or an empty batch).</summary>
    [JsonIgnore]
    public virtual bool IsNoOp => false;

    /// <summary>The wire type name ("setCell", "batch", ...).</summary>
    [JsonIgnore]
    public abstract string TypeName { get; }

    /// <summary>Parses one op from its JSON text.</summary>
    /// <exception cref="JsonException">The text is not an op.</exception>
    public static Operation FromJson(string json) =>
        JsonSerializer.Deserialize<Operation>(json, OperationJson.Options) ?? throw new JsonException("null is not an operation.");

    /// <summary>Reads one op from a parsed JSON value, without going through text.</summary>
    /// <exception cref="JsonException">The value is not an op.</exception>
    public static Operation FromJson(JsonElement json) =>
        json.Deserialize<Operation>(OperationJson.Options) ?? throw new JsonException("null is not an operation.");

    /// <summary>
    /// Reads one op at the reader's position (its start object) and leaves the reader on the op's last token, as a
    /// converter does. The commonest op as servers write it, <c>{"type":"setCell","sheet":..,"cell":..,"input":..}</c>
    /// with string values, is read directly (a client reads every op once per connection); anything else goes
    /// through the serializer with <paramref name="options"/>, so both read the same text to the same op.
    /// </summary>
    /// <exception cref="JsonException">The value is not an op.</exception>
    public static Operation Read(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        var probe = reader;
        if (OperationJson.TryReadPlainSetCell(ref probe) is { } setCell)
        {
            reader = probe;
            return setCell;
        }

        return JsonSerializer.Deserialize<Operation>(ref reader, options) ?? throw new JsonException("null is not an operation.");
    }

    /// <summary>The op as compact JSON, as sent on the wire.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, OperationJson.Options);

    /// <summary>The op as compact JSON.</summary>
    public sealed override string ToString() => ToJson();
}

/// <summary>The JSON settings every producer and consumer of ops must use.</summary>
public static class OperationJson
{
    /// <summary>
    /// camelCase, nulls left out when writing, the "type" discriminator accepted anywhere in the object, formulas
    /// unescaped; a required property that is missing or null fails to parse (answer <c>invalid_operation</c>).
    /// </summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            AllowOutOfOrderMetadataProperties = true,
            NumberHandling = JsonNumberHandling.Strict,

            // A missing or null sheet, cell, input, range or ops is a JSON error, before any transform sees it.
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,

            // Formulas stay readable on the wire ("=A1+B2", not "=A1\u002BB2"); ops are never embedded in HTML.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        // An input is what a person types, a string; a program that sends 42 or true means what typing it means.
        options.Converters.Add(new TypedTextConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    // The last sheet name read by the direct reader: ops name the same few sheets, so most reads reuse the string.
    private static string? _lastSheet;

    /// <summary>
    /// A setCell op whose "type" comes first and whose sheet, cell and input are strings, each once and nothing else
    /// (as every server writes it), read without the serializer; null for anything else (the caller's reader is
    /// then left where it was, as this one works on a copy).
    /// </summary>
    internal static SetCellOperation? TryReadPlainSetCell(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject
            || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("type"u8)
            || !reader.Read() || reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("setCell"u8))
        {
            return null;
        }

        string? sheet = null, cell = null, input = null;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return sheet is null || cell is null || input is null ? null : new SetCellOperation(sheet, cell, input);
            }

            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                return null;
            }

            var name = reader.ValueTextEquals("sheet"u8) ? 0 : reader.ValueTextEquals("cell"u8) ? 1 : reader.ValueTextEquals("input"u8) ? 2 : -1;
            if (name < 0 || (name == 0 ? sheet : name == 1 ? cell : input) is not null || !reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                return null;
            }

            switch (name)
            {
                case 0:
                    sheet = _lastSheet is { } last && reader.ValueTextEquals(last) ? last : _lastSheet = reader.GetString()!;
                    break;
                case 1:
                    cell = reader.GetString()!;
                    break;
                default:
                    input = reader.GetString()!;
                    break;
            }
        }

        return null;
    }
}

/// <summary>
/// Reads a JSON string as it is, and a JSON number or boolean as the text one would type for it (<c>42.5</c> as
/// "42.5", <c>true</c> as "TRUE"); writes strings as strings. Lets <c>"input": 42</c> mean <c>"input": "42"</c>.
/// </summary>
internal sealed class TypedTextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
        JsonTokenType.True => "TRUE",
        JsonTokenType.False => "FALSE",
        _ => throw new JsonException($"Expected a string, not {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
