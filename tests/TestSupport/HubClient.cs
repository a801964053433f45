using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace Collab.Tests.Support;

/// <summary>A hub connection for tests that records every server message, by method name.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Method, JsonElement Payload)> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private HubClient(HubConnection connection)
    {
        Connection = connection;
        foreach (var method in new[] { "OperationApplied", "OperationsApplied", "Conflict", "UserJoined", "UserLeft", "RoleChanged", "PresenceChanged", "Dropped" })
        {
            connection.On<JsonElement>(method, payload =>
            {
                _received.Enqueue((method, payload));
                _arrived.Release();
            });
        }
    }

    public HubConnection Connection { get; }

    /// <summary>Every message received so far.</summary>
    public IReadOnlyList<(string Method, JsonElement Payload)> Received => _received.ToList();

    /// <summary>Connects to <c>/hubs/collab</c> of an in-memory test server as the user (token in the query string).</summary>
    public static async Task<HubClient> ConnectAsync<TEntryPoint>(WebApplicationFactory<TEntryPoint> app, string token)
        where TEntryPoint : class
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/collab?access_token=" + Uri.EscapeDataString(token)), options =>
            {
                options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        await connection.StartAsync();
        return new HubClient(connection);
    }

    /// <summary>Connects to <c>/hubs/collab</c> of a host on a real port (browser tests) as the user.</summary>
    public static async Task<HubClient> ConnectAsync(Uri baseAddress, string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/hubs/collab?access_token=" + Uri.EscapeDataString(token)))
            .Build();
        await connection.StartAsync();
        return new HubClient(connection);
    }

    public Task<JsonElement> JoinAsync(string modelId, long? since = null) => Connection.InvokeAsync<JsonElement>("JoinModel", modelId, since);

    public Task<JsonElement> SubmitAsync(string modelId, long baseRevision, object op, string? opId = null) =>
        Connection.InvokeAsync<JsonElement>("SubmitOperation", new { modelId, opId = opId ?? Guid.NewGuid().ToString("N"), baseRevision, op });

    /// <summary>Waits until a message matching <paramref name="match"/> arrived (or fails after the timeout).</summary>
    public async Task<JsonElement> WaitForAsync(string method, Func<JsonElement, bool>? match = null, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            foreach (var (m, payload) in _received)
            {
                if (m == method && (match is null || match(payload)))
                {
                    return payload;
                }

                if (m == "OperationsApplied" && method == "OperationApplied")
                {
                    foreach (var item in payload.EnumerateArray())
                    {
                        if (match is null || match(item))
                        {
                            return item;
                        }
                    }
                }
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                throw new TimeoutException($"No {method} arrived; received: {string.Join(", ", _received.Select(r => r.Method))}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        _arrived.Dispose();
    }
}
