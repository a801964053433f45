using Collab.Editing.Core;
using Collab.Permissions.Contracts;
using Collab.Workbooks.Engine;
using Mediator;

namespace Collab.Editing.Contracts;

/// <summary>An op the session applied and stored (published after the commit, off the hot path).</summary>
/// <param name="ModelId">The model.</param>
/// <param name="Revision">Its revision.</param>
/// <param name="OpId">The author's op id.</param>
/// <param name="UserId">The author.</param>
/// <param name="Op">The op as transformed and applied.</param>
/// <param name="ChangedCells">Cells whose input or value changed.</param>
/// <param name="At">When it was applied.</param>
public sealed record OperationApplied(string ModelId, long Revision, string OpId, string UserId, Operation Op, IReadOnlyList<CellLocation> ChangedCells, DateTimeOffset At) : INotification;

/// <summary>Someone joined a model's session (their first connection to it); <c>Kind</c> is <c>browser</c> or <c>hub</c>.</summary>
public sealed record MemberJoinedModel(string ModelId, string UserId, string DisplayName, string Color, string Kind) : INotification;

/// <summary>Someone left a model's session (their last connection to it closed).</summary>
public sealed record MemberLeftModel(string ModelId, string UserId) : INotification;

/// <summary>A person in a model's session, as others see them.</summary>
/// <param name="MemberId">The connection (hub connection id or browser session id).</param>
/// <param name="UserId">The person.</param>
/// <param name="DisplayName">Their name.</param>
/// <param name="Color">Their presence color.</param>
/// <param name="Role">Their role on the model.</param>
public sealed record SessionMemberInfo(string MemberId, string UserId, string DisplayName, string Color, ModelRole Role);

/// <summary>Lets other modules (Presence) reach the people in a model's session.</summary>
public interface IModelSessions
{
    /// <summary>The members of an open session (empty when the model is not open).</summary>
    IReadOnlyList<SessionMemberInfo> Members(string modelId);

    /// <summary>Queues a message (<paramref name="method"/> is its hub method name) for every member but one.</summary>
    void Broadcast(string modelId, string method, object payload, string? exceptMemberId = null);

    /// <summary>True when the member is in the model's session.</summary>
    bool IsMember(string modelId, string memberId);
}
