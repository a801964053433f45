using Collab.Workbooks.Engine;

namespace Collab.Editing.Core;

/// <summary>What applying an op changed, so that a grid re-renders only that.</summary>
/// <param name="Cells">The cells whose input, value or format changed (positions after the op).</param>
/// <param name="LayoutChanged">
/// True when rows, columns or sheets moved, appeared, disappeared or were renamed: re-render the affected sheets whole.
/// </param>
public sealed record ApplyResult(IReadOnlyList<CellLocation> Cells, bool LayoutChanged)
{
    /// <summary>Nothing changed.</summary>
    public static ApplyResult Nothing { get; } = new([], false);
}
