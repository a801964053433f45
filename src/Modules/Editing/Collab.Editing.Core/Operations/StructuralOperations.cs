using System.Text.Json.Serialization;
using Collab.Workbooks.Engine;

namespace Collab.Editing.Core;

/// <summary>An insert or delete of rows or columns: 1-based <see cref="At"/>, <see cref="Count"/> of them.</summary>
public abstract record StructuralOperation : Operation
{
    private protected StructuralOperation(string sheet, int at, int count)
    {
        Sheet = sheet;
        At = at;
        Count = count;
    }

    /// <summary>The sheet's name.</summary>
    public string Sheet { get; init; }

    /// <summary>The first inserted or deleted row or column (1-based).</summary>
    public int At { get; init; }

    /// <summary>How many rows or columns.</summary>
    public int Count { get; init; }

    /// <summary>The engine's description of the change, whose position mapping every transformation uses.</summary>
    [JsonIgnore]
    public StructuralChange Change => new(Kind, Sheet, At, Count);

    /// <summary>Which change this is.</summary>
    [JsonIgnore]
    public abstract StructuralChangeKind Kind { get; }

    /// <summary>True for row changes.</summary>
    [JsonIgnore]
    public bool AffectsRows => Kind is StructuralChangeKind.InsertRows or StructuralChangeKind.DeleteRows;

    /// <summary>True for inserts.</summary>
    [JsonIgnore]
    public bool IsInsert => Kind is StructuralChangeKind.InsertRows or StructuralChangeKind.InsertColumns;

    /// <summary>An op of the same kind on the same sheet at another place.</summary>
    public StructuralOperation Moved(int at, int count) => Create(Kind, Sheet, at, count);

    /// <summary>Creates the op for a kind.</summary>
    public static StructuralOperation Create(StructuralChangeKind kind, string sheet, int at, int count) => kind switch
    {
        StructuralChangeKind.InsertRows => new InsertRowsOperation(sheet, at, count),
        StructuralChangeKind.DeleteRows => new DeleteRowsOperation(sheet, at, count),
        StructuralChangeKind.InsertColumns => new InsertColumnsOperation(sheet, at, count),
        _ => new DeleteColumnsOperation(sheet, at, count),
    };
}

/// <summary>Inserts rows: the new rows are At..At+Count-1, the old row At moves to At+Count.</summary>
[method: JsonConstructor]
public sealed record InsertRowsOperation(string Sheet, int At, int Count) : StructuralOperation(Sheet, At, Count)
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override string TypeName => "insertRows";

    /// <inheritdoc/>
    [JsonIgnore]
    public override StructuralChangeKind Kind => StructuralChangeKind.InsertRows;
}

/// <summary>Deletes rows At..At+Count-1.</summary>
[method: JsonConstructor]
public sealed record DeleteRowsOperation(string Sheet, int At, int Count) : StructuralOperation(Sheet, At, Count)
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override string TypeName => "deleteRows";

    /// <inheritdoc/>
    [JsonIgnore]
    public override StructuralChangeKind Kind => StructuralChangeKind.DeleteRows;
}

/// <summary>Inserts columns, as rows.</summary>
[method: JsonConstructor]
public sealed record InsertColumnsOperation(string Sheet, int At, int Count) : StructuralOperation(Sheet, At, Count)
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override string TypeName => "insertColumns";

    /// <inheritdoc/>
    [JsonIgnore]
    public override StructuralChangeKind Kind => StructuralChangeKind.InsertColumns;
}

/// <summary>Deletes columns, as rows.</summary>
[method: JsonConstructor]
public sealed record DeleteColumnsOperation(string Sheet, int At, int Count) : StructuralOperation(Sheet, At, Count)
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override string TypeName => "deleteColumns";

    /// <inheritdoc/>
    [JsonIgnore]
    public override StructuralChangeKind Kind => StructuralChangeKind.DeleteColumns;
}
