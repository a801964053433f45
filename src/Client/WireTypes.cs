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
public sealed record WireOperationApplied(string ModelId, long Revision, string OpId, string UserId, Operation Op);

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
