using System.Text.Json.Serialization;

namespace Collab.Editing.Core;

/// <summary>Adds an empty sheet at a 0-based position among the sheets (last when <see cref="Index"/> is null).</summary>
/// <param name="Name">The new sheet's name.</param>
/// <param name="Index">Its 0-based position; null appends it. <see cref="OperationApplier.Normalize"/> resolves null.</param>
[method: JsonConstructor]
public sealed record AddSheetOperation(string Name, int? Index = null) : Operation
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override string TypeName => "addSheet";
}

/// <summary>Renames a sheet; every formula that refers to it follows.</summary>
/// <param name="Sheet">The sheet's current name.</param>
/// <param name="Name">Its new name.</param>
[method: JsonConstructor]
public sealed record RenameSheetOperation(string Sheet, string Name) : Operation
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override string TypeName => "renameSheet";
}

/// <summary>Deletes a sheet; references to it elsewhere become #REF!.</summary>
/// <param name="Sheet">The sheet's name.</param>
/// <param name="Index">
/// Optional (an addition to PROTOCOL's shape, left out of the JSON when null): the sheet's 0-based position where
/// the op applies. Transformation needs it to move a concurrent addSheet's index; the server fills it on every op it
/// applies (<see cref="OperationApplier.Normalize"/>), and a client with a replica fills it for its own ops.
/// </param>
[method: JsonConstructor]
public sealed record DeleteSheetOperation(string Sheet, int? Index = null) : Operation
{
    /// <inheritdoc/>
    [JsonIgnore]
    public override string TypeName => "deleteSheet";
}

/// <summary>
/// Several ops applied in order, atomically (all or none): <c>{"type":"batch","ops":[...]}</c>. Transformation uses it
/// when one op must become several (a setRange split by an insert inside it, a rename that resolves a sheet name
/// clash), and undo uses it to restore what a delete removed.
/// </summary>
public sealed record BatchOperation : Operation
{
    /// <summary>Creates a batch.</summary>
    [JsonConstructor]
    public BatchOperation(IReadOnlyList<Operation> ops) => Ops = ops;

    /// <inheritdoc/>
    [JsonIgnore]
    public override string TypeName => "batch";

    /// <summary>The ops, applied in this order.</summary>
    public IReadOnlyList<Operation> Ops { get; init; }

    /// <inheritdoc/>
    [JsonIgnore]
    public override bool IsNoOp
    {
        get
        {
            foreach (var op in Ops)
            {
                if (!op.IsNoOp)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>
    /// The simplest op for a sequence: nested batches are flattened and no-ops dropped; nothing left gives
    /// <see cref="NoOperation"/>, one op gives that op.
    /// </summary>
    public static Operation Of(IEnumerable<Operation> ops)
    {
        ArgumentNullException.ThrowIfNull(ops);
        var list = new List<Operation>();
        Flatten(ops, list);
        return list.Count switch
        {
            0 => NoOperation.Instance,
            1 => list[0],
            _ => new BatchOperation(list),
        };
    }

    /// <inheritdoc cref="Of(IEnumerable{Operation})"/>
    public static Operation Of(params Operation[] ops) => Of((IEnumerable<Operation>)ops);

    /// <summary>Value equality, the ops compared one by one.</summary>
    public bool Equals(BatchOperation? other)
    {
        if (other is null || Ops.Count != other.Ops.Count)
        {
            return false;
        }

        for (int i = 0; i < Ops.Count; i++)
        {
            if (!Equals(Ops[i], other.Ops[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override int GetHashCode() => Ops.Count;

    private static void Flatten(IEnumerable<Operation> ops, List<Operation> into)
    {
        foreach (var op in ops)
        {
            if (op is BatchOperation batch)
            {
                Flatten(batch.Ops, into);
            }
            else if (!op.IsNoOp)
            {
                into.Add(op);
            }
        }
    }
}

/// <summary>The op that changes nothing: what transformation leaves of an op whose cells or sheet were deleted.</summary>
public sealed record NoOperation : Operation
{
    [JsonConstructor]
    private NoOperation()
    {
    }

    /// <summary>The one instance.</summary>
    public static NoOperation Instance { get; } = new();

    /// <inheritdoc/>
    [JsonIgnore]
    public override string TypeName => "noop";

    /// <inheritdoc/>
    [JsonIgnore]
    public override bool IsNoOp => true;
}
