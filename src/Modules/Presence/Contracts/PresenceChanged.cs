namespace Collab.Presence.Contracts;

/// <summary><c>PresenceChanged</c> (PROTOCOL.md): where someone is in a model and whether they are typing.</summary>
/// <param name="ModelId">The model.</param>
/// <param name="UserId">The person.</param>
/// <param name="DisplayName">Their name.</param>
/// <param name="Color">Their color.</param>
/// <param name="Sheet">The sheet they look at.</param>
/// <param name="Cell">Their active cell, such as <c>B4</c>.</param>
/// <param name="Selection">Their selection, such as <c>B4:C9</c>.</param>
/// <param name="Editing">True while they type into <paramref name="Cell"/>.</param>
public sealed record PresenceChanged(string ModelId, string UserId, string DisplayName, string Color, string Sheet, string Cell, string Selection, bool Editing)
{
    /// <summary>The hub method name of the message.</summary>
    public const string Method = "PresenceChanged";
}
