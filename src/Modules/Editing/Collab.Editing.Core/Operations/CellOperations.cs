using System.Text.Json.Serialization;
using Collab.Workbooks.Engine;

namespace Collab.Editing.Core;

/// <summary>Sets what a person typed into one cell ("" clears it).</summary>
public sealed record SetCellOperation : Operation
{
    private readonly string _cell = string.Empty;

    /// <summary>Creates the op; <paramref name="cell"/> is parsed once (an invalid address is kept for the validator to reject).</summary>
    [JsonConstructor]
    public SetCellOperation(string sheet, string cell, string input)
    {
        Sheet = sheet;
        Cell = cell;
        Input = input;
    }

    /// <summary>Creates the op from a parsed address.</summary>
    public SetCellOperation(string sheet, CellAddress address, string input)
    {
        Sheet = sheet;
        _cell = address.ToString();
        Address = address;
        Input = input;
    }

    /// <inheritdoc/>
    [JsonIgnore]
    public override string TypeName => "setCell";

    /// <summary>The sheet's name (matched case-insensitively).</summary>
    public string Sheet { get; init; }

    /// <summary>The A1 address, such as "B4".</summary>
    public string Cell
    {
        get => _cell;
        init
        {
            _cell = value;
            Address = CellAddress.TryParse(value, out var parsed) ? parsed : null;
        }
    }

    /// <summary>The input: a number, text, TRUE/FALSE or a formula starting with '='; "" clears the cell.</summary>
    public string Input { get; init; }

    /// <summary>The parsed <see cref="Cell"/>; null when it is not a valid address.</summary>
    [JsonIgnore]
    public CellAddress? Address { get; private init; }
}

/// <summary>Sets a block of inputs, row by row; the block has the range's shape.</summary>
public sealed record SetRangeOperation : Operation
{
    private readonly string _range = string.Empty;

    /// <summary>Creates the op; <paramref name="range"/> is parsed once.</summary>
    [JsonConstructor]
    public SetRangeOperation(string sheet, string range, IReadOnlyList<IReadOnlyList<string>> inputs)
    {
        Sheet = sheet;
        Range = range;
        Inputs = inputs;
    }

    /// <summary>Creates the op from a parsed range.</summary>
    public SetRangeOperation(string sheet, RangeAddress range, IReadOnlyList<IReadOnlyList<string>> inputs)
    {
        Sheet = sheet;
        _range = range.ToString();
        Address = range;
        Inputs = inputs;
    }

    /// <inheritdoc/>
    [JsonIgnore]
    public override string TypeName => "setRange";

    /// <summary>The sheet's name.</summary>
    public string Sheet { get; init; }

    /// <summary>The A1 range, such as "A1:C2".</summary>
    public string Range
    {
        get => _range;
        init
        {
            _range = value;
            Address = RangeAddress.TryParse(value, out var parsed) ? parsed : null;
        }
    }

    /// <summary>The inputs, rows of columns.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Inputs { get; init; }

    /// <summary>The parsed <see cref="Range"/>; null when it is not a valid range.</summary>
    [JsonIgnore]
    public RangeAddress? Address { get; private init; }

    /// <summary>Value equality, the inputs compared cell by cell.</summary>
    public bool Equals(SetRangeOperation? other) =>
        other is not null && Sheet == other.Sheet && Range == other.Range && InputsEqual(Inputs, other.Inputs);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Sheet, Range, Inputs?.Count);

    private static bool InputsEqual(IReadOnlyList<IReadOnlyList<string>>? a, IReadOnlyList<IReadOnlyList<string>>? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.Count != b.Count)
        {
            return false;
        }

        for (int r = 0; r < a.Count; r++)
        {
            if (a[r] is null || b[r] is null || a[r].Count != b[r].Count)
            {
                if (!ReferenceEquals(a[r], b[r]))
                {
                    return false;
                }

                continue;
            }

            for (int c = 0; c < a[r].Count; c++)
            {
                if (!string.Equals(a[r][c], b[r][c], StringComparison.Ordinal))
                {
                    return false;
                }
            }
        }

        return true;
    }
}

/// <summary>Clears the inputs of a range (formats stay).</summary>
public sealed record ClearRangeOperation : Operation
{
    private readonly string _range = string.Empty;

    /// <summary>Creates the op; <paramref name="range"/> is parsed once.</summary>
    [JsonConstructor]
    public ClearRangeOperation(string sheet, string range)
    {
        Sheet = sheet;
        Range = range;
    }

    /// <summary>Creates the op from a parsed range.</summary>
    public ClearRangeOperation(string sheet, RangeAddress range)
    {
        Sheet = sheet;
        _range = range.ToString();
        Address = range;
    }

    /// <inheritdoc/>
    [JsonIgnore]
    public override string TypeName => "clearRange";

    /// <summary>The sheet's name.</summary>
    public string Sheet { get; init; }

    /// <summary>The A1 range ("A1:C2", "A:C", "3:5").</summary>
    public string Range
    {
        get => _range;
        init
        {
            _range = value;
            Address = RangeAddress.TryParse(value, out var parsed) ? parsed : null;
        }
    }

    /// <summary>The parsed <see cref="Range"/>; null when it is not a valid range.</summary>
    [JsonIgnore]
    public RangeAddress? Address { get; private init; }
}

/// <summary>What a <see cref="SetFormatOperation"/> changes: each non-null part is set, null parts stay.</summary>
/// <param name="NumberFormat">An Excel number format such as "#,##0.00"; "" or "General" resets it.</param>
/// <param name="Bold">Bold on or off.</param>
public sealed record FormatPatch(string? NumberFormat = null, bool? Bold = null)
{
    /// <summary>True when the patch sets nothing.</summary>
    [JsonIgnore]
    public bool IsEmpty => NumberFormat is null && Bold is null;
}

/// <summary>Sets the number format and/or bold of every cell of a range.</summary>
public sealed record SetFormatOperation : Operation
{
    private readonly string _range = string.Empty;

    /// <summary>Creates the op; <paramref name="range"/> is parsed once.</summary>
    [JsonConstructor]
    public SetFormatOperation(string sheet, string range, FormatPatch format)
    {
        Sheet = sheet;
        Range = range;
        Format = format;
    }

    /// <summary>Creates the op from a parsed range.</summary>
    public SetFormatOperation(string sheet, RangeAddress range, FormatPatch format)
    {
        Sheet = sheet;
        _range = range.ToString();
        Address = range;
        Format = format;
    }

    /// <inheritdoc/>
    [JsonIgnore]
    public override string TypeName => "setFormat";

    /// <summary>The sheet's name.</summary>
    public string Sheet { get; init; }

    /// <summary>The A1 range.</summary>
    public string Range
    {
        get => _range;
        init
        {
            _range = value;
            Address = RangeAddress.TryParse(value, out var parsed) ? parsed : null;
        }
    }

    /// <summary>What to set.</summary>
    public FormatPatch Format { get; init; }

    /// <summary>The parsed <see cref="Range"/>; null when it is not a valid range.</summary>
    [JsonIgnore]
    public RangeAddress? Address { get; private init; }
}
