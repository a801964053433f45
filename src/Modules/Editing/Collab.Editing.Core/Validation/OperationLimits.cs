namespace Collab.Editing.Core;

/// <summary>The size limits an op must respect (configurable per deployment).</summary>
public sealed record OperationLimits
{
    /// <summary>The defaults: 10,000 cells per setRange, 100,000 per clearRange or setFormat, Excel's text and format limits.</summary>
    public static OperationLimits Default { get; } = new();

    /// <summary>Most cells one setRange may write.</summary>
    public int MaxSetRangeCells { get; init; } = 10_000;

    /// <summary>Most cells one clearRange or setFormat may touch (whole rows and columns count within the sheet's used extent).</summary>
    public int MaxRangeCells { get; init; } = 100_000;

    /// <summary>Longest input (Excel's cell limit).</summary>
    public int MaxInputLength { get; init; } = 32_767;

    /// <summary>Longest number format.</summary>
    public int MaxNumberFormatLength { get; init; } = 255;

    /// <summary>Most ops in one batch.</summary>
    public int MaxBatchOperations { get; init; } = 100_000;
}
