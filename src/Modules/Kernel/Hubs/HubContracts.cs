using System.Text.Json;

namespace Collab.Kernel.Hubs;

/// <summary>The argument of <c>SubmitOperation</c> (PROTOCOL.md): the op stays JSON until the Editing module parses it.</summary>
public sealed record SubmitOperationRequest(string? ModelId, string? OpId, long? BaseRevision, JsonElement Op);

/// <summary>The argument of <c>UpdatePresence</c> (PROTOCOL.md).</summary>
public sealed record PresenceUpdateRequest(string? ModelId, string? Sheet, string? Cell, string? Selection, bool Editing);

/// <summary>A caller of the hub: its connection and who it is.</summary>
/// <param name="ConnectionId">The SignalR connection id.</param>
/// <param name="Actor">The signed-in person or service.</param>
/// <param name="DisplayName">Their display name.</param>
/// <param name="Color">Their presence color.</param>
public sealed record HubCaller(string ConnectionId, Security.Actor Actor, string DisplayName, string Color);

/// <summary>The model-session half of the hub, implemented by the Editing module.</summary>
public interface IModelSessionHub
{
    Task<object> JoinModelAsync(HubCaller caller, string? modelId, long? sinceRevision, CancellationToken cancellationToken);

    Task<object> SubmitOperationAsync(HubCaller caller, SubmitOperationRequest request, CancellationToken cancellationToken);

    Task LeaveModelAsync(HubCaller caller, string? modelId, CancellationToken cancellationToken);

    /// <summary>The connection closed: leave every model it joined.</summary>
    Task DisconnectedAsync(HubCaller caller);
}

/// <summary>The presence half of the hub, implemented by the Presence module when it is enabled.</summary>
public interface IPresenceHub
{
    Task UpdatePresenceAsync(HubCaller caller, PresenceUpdateRequest request, CancellationToken cancellationToken);
}

/// <summary>Thrown by hub handlers; the hub turns it into a HubException whose message is <c>CODE: text</c>.</summary>
public sealed class HubErrorException(string code, string message) : Exception(message)
{
    /// <summary>The contract's error code, such as <c>forbidden</c>.</summary>
    public string Code { get; } = code;
}
