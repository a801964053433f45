using System.Text.Json.Serialization;
using Collab.Workbooks.Engine;

namespace Collab.Workbooks.Contracts;

/// <summary>A stored snapshot of a model's workbook at a revision.</summary>
/// <param name="Revision">The revision the snapshot reflects (0 for a new or imported model).</param>
/// <param name="Snapshot">The workbook's inputs.</param>
public sealed record StoredSnapshot(long Revision, WorkbookSnapshot Snapshot);

/// <summary>Durable snapshots of model workbooks (table <c>Workbooks_Snapshots</c>).</summary>
public interface IWorkbookStore
{
    /// <summary>The newest snapshot of the model, or null when it has none.</summary>
    Task<StoredSnapshot?> LoadLatestAsync(string modelId, CancellationToken cancellationToken = default);

    /// <summary>Stores a snapshot (replacing one at the same revision).</summary>
    Task SaveAsync(string modelId, long revision, WorkbookSnapshot snapshot, CancellationToken cancellationToken = default);

    /// <summary>Deletes the model's snapshots older than <paramref name="revision"/>, keeping the newest.</summary>
    Task DeleteOlderThanAsync(string modelId, long revision, CancellationToken cancellationToken = default);
}

/// <summary>
/// Reads a model's current workbook. The Editing module implements it over the live session (current to the last
/// acknowledged operation); reading never copies the workbook.
/// </summary>
public interface IModelContent
{
    /// <summary>Runs <paramref name="read"/> on the model's current workbook and revision, with no writer running meanwhile.</summary>
    Task<T> ReadAsync<T>(string modelId, Func<Workbook, long, T> read, CancellationToken cancellationToken = default);
}

/// <summary>A cell as the wire contract shows it: <c>{cell, input, value, type}</c>.</summary>
/// <param name="Cell">A1 address.</param>
/// <param name="Input">What was typed.</param>
/// <param name="Value">A JSON number, string or boolean; for errors the error's text such as "#REF!".</param>
/// <param name="Type"><c>number</c>, <c>text</c>, <c>bool</c> or <c>error</c>.</param>
/// <param name="NumberFormat">The cell's number format (left out for General).</param>
/// <param name="Bold">True for bold (left out otherwise).</param>
public sealed record WireCell(
    string Cell,
    string Input,
    object Value,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? NumberFormat = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Bold = null)
{
    /// <summary>The wire form of a non-empty cell.</summary>
    public static WireCell From(CellInfo cell) => new(
        cell.Address.ToString(), cell.Input ?? "", ValueOf(cell.Value), cell.Value.TypeName,
        cell.Format?.NumberFormat, cell.Format is { Bold: true } ? true : null);

    /// <summary>The JSON value of a computed value (blank counts as the number 0, as Excel shows it in formulas).</summary>
    public static object ValueOf(CellValue value) => value.Kind switch
    {
        CellValueKind.Number => value.Number,
        CellValueKind.Text => value.Text,
        CellValueKind.Boolean => value.Boolean,
        CellValueKind.Error => value.ToDisplayText(),
        _ => "",
    };
}
