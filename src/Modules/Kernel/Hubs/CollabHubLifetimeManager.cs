using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace Collab.Kernel.Hubs;

/// <summary>
/// SignalR's default lifetime manager for <see cref="CollabHub"/>, which also remembers each connection's
/// <see cref="HubConnectionContext"/> so that a message sent to many members one by one (each through its own bounded
/// outbox) can be serialized once: <see cref="HubConnectionContext.WriteAsync(SerializedHubMessage, CancellationToken)"/>
/// reuses the bytes a <see cref="SerializedHubMessage"/> cached for the first member.
/// </summary>
public sealed class CollabHubLifetimeManager(ILogger<DefaultHubLifetimeManager<CollabHub>> logger) : DefaultHubLifetimeManager<CollabHub>(logger)
{
    private readonly ConcurrentDictionary<string, HubConnectionContext> _connections = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        _connections[connection.ConnectionId] = connection;
        return base.OnConnectedAsync(connection);
    }

    /// <inheritdoc />
    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        _connections.TryRemove(connection.ConnectionId, out _);
        return base.OnDisconnectedAsync(connection);
    }

    /// <summary>The open connection with this id, if any.</summary>
    public bool TryGetConnection(string connectionId, [NotNullWhen(true)] out HubConnectionContext? connection) =>
        _connections.TryGetValue(connectionId, out connection);
}
