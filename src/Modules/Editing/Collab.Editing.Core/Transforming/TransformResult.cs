using Collab.Workbooks.Engine;

namespace Collab.Editing.Core;

/// <summary>Which of the two transformed ops lost a cell.</summary>
public enum ConflictLoser
{
    /// <summary>The op being transformed (ordered later): its cell was dropped because its row, column or sheet was deleted.</summary>
    Op,

    /// <summary>The op ordered first: its write to the cell was overwritten by the later op.</summary>
    Against,
}

/// <summary>Which op keeps a cell both ops write.</summary>
public enum SameCellWinner
{
    /// <summary>The op being transformed (the one the server ordered later): the normal rule.</summary>
    Op,

    /// <summary>
    /// The op it is transformed against: used by undo, so that undoing never overwrites someone else's later write,
    /// and an undo that would delete rows, columns or a sheet that someone else has written in since is dropped.
    /// </summary>
    Against,
}

/// <summary>A value lost to a concurrent op, for PROTOCOL's <c>Conflict</c> message to the loser's author.</summary>
/// <param name="Loser">Whose value was lost.</param>
/// <param name="Sheet">The sheet (as named by the loser's op).</param>
/// <param name="Cell">The cell, such as "B4" (where it was when the conflict happened).</param>
/// <param name="YourValue">The loser's input.</param>
/// <param name="TheirValue">The winner's input; null when the cell was deleted.</param>
public sealed record ConflictInfo(ConflictLoser Loser, string Sheet, string Cell, string? YourValue, string? TheirValue)
{
    /// <summary>The cell with its sheet, such as "Sheet1!B4" or "'Cash Flow'!B4".</summary>
    public string QualifiedCell => SheetNames.Quote(Sheet) + "!" + Cell;
}

/// <summary>The outcome of transforming <c>op</c> against <c>against</c> (which the server ordered first).</summary>
/// <param name="Op">op', to apply after against.</param>
/// <param name="Against">against', to apply after op.</param>
/// <param name="Conflicts">Cells whose value one side lost.</param>
public readonly record struct TransformResult(Operation Op, Operation Against, IReadOnlyList<ConflictInfo> Conflicts);
