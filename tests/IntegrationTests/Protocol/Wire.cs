using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Collab.IntegrationTests.Protocol;

/// <summary>
/// What an outsider who only read PROTOCOL.md would write: raw form posts to <c>/connect/token</c>, raw JSON over REST,
/// and the stock SignalR client with the JSON protocol (no Collab.Client, no server types).
/// </summary>
internal static class Wire
{
    public const string Password = "Collab!2026";

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static FormUrlEncodedContent PasswordGrant(string email, string password = Password) => new(new Dictionary<string, string>
    {
        ["grant_type"] = "password",
        ["username"] = email,
        ["password"] = password,
        ["client_id"] = "collab-cli",
    });

    public static async Task<string> TokenAsync<T>(WebApplicationFactory<T> app, string email, string password = Password)
        where T : class
    {
        using var client = app.CreateClient();
        using var response = await client.PostAsync("/connect/token", PasswordGrant(email, password), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"token for {email}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    public static async Task<HttpClient> HttpAsync<T>(WebApplicationFactory<T> app, string email)
        where T : class
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(app, email));
        return client;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();

    /// <summary>POST /api/models: asserts 201 with {id}, returns the id.</summary>
    public static async Task<string> CreateModelAsync(HttpClient client, string name)
    {
        using var response = await client.PostAsJsonAsync("/api/models", new { name }, Ct);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await JsonAsync(response)).GetProperty("id").GetString()!;
    }

    public static async Task<string> UserIdAsync(HttpClient client, string email)
    {
        var found = await client.GetFromJsonAsync<JsonElement>("/api/users?search=" + Uri.EscapeDataString(email), Ct);
        return found.EnumerateArray().Single(u => u.GetProperty("email").GetString() == email).GetProperty("id").GetString()!;
    }

    public static async Task ShareAsync(HttpClient admin, string modelId, string email, string role)
    {
        var userId = await UserIdAsync(admin, email);
        using var response = await admin.PutAsJsonAsync($"/api/models/{modelId}/permissions/{userId}", new { role }, Ct);
        Assert.True(response.IsSuccessStatusCode, $"share: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }

    /// <summary>GET cells: the whole body.</summary>
    public static Task<JsonElement> CellsBodyAsync(HttpClient client, string modelId, string query = "") =>
        client.GetFromJsonAsync<JsonElement>($"/api/models/{modelId}/cells{query}", Ct);

    /// <summary>GET cells: by address.</summary>
    public static async Task<Dictionary<string, JsonElement>> CellsAsync(HttpClient client, string modelId, string? sheet = null)
    {
        var body = await CellsBodyAsync(client, modelId, sheet is null ? "" : "?sheet=" + Uri.EscapeDataString(sheet));
        return body.GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("cell").GetString()!, c => c);
    }

    /// <summary>The contract's part of a HubException message: what follows "HubException: ".</summary>
    public static async Task<string> HubErrorAsync(Func<Task> call)
    {
        var message = (await Assert.ThrowsAsync<HubException>(call)).Message;
        const string marker = "HubException: ";
        var at = message.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"Not a hub error with a code: {message}");
        var contract = message[(at + marker.Length)..];
        Assert.Matches("^[a-z_]+: .+", contract);
        return contract;
    }

    public static async Task<string> HubErrorCodeAsync(Func<Task> call) => (await HubErrorAsync(call)).Split(':')[0];
}

/// <summary>A stock SignalR connection to <c>/hubs/collab</c> that records every server message.</summary>
internal sealed class RawHub : IAsyncDisposable
{
    public static readonly string[] ServerMessages = ["OperationApplied", "OperationsApplied", "Conflict", "UserJoined", "UserLeft", "RoleChanged", "PresenceChanged"];

    private readonly ConcurrentQueue<(string Method, JsonElement Payload)> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private RawHub(HubConnection connection)
    {
        Connection = connection;
        foreach (var method in ServerMessages)
        {
            connection.On<JsonElement>(method, payload =>
            {
                _received.Enqueue((method, payload.Clone()));
                _arrived.Release();
            });
        }
    }

    public HubConnection Connection { get; }

    public IReadOnlyList<(string Method, JsonElement Payload)> Received => [.. _received];

    /// <summary>Every OperationApplied envelope received so far, single or batched, in arrival order.</summary>
    public IReadOnlyList<JsonElement> Applied =>
        [.. _received.SelectMany(r => r.Method == "OperationsApplied" ? r.Payload.EnumerateArray().ToArray() : r.Method == "OperationApplied" ? [r.Payload] : [])];

    /// <summary>Connects with the token as the <c>Authorization</c> header (<paramref name="inHeader"/>) or the <c>access_token</c> query parameter.</summary>
    public static async Task<RawHub> ConnectWithTokenAsync<T>(WebApplicationFactory<T> app, string token, bool inHeader)
        where T : class
    {
        var url = new Uri(app.Server.BaseAddress, inHeader ? "/hubs/collab" : "/hubs/collab?access_token=" + Uri.EscapeDataString(token));
        var connection = new HubConnectionBuilder()
            .WithUrl(url, options =>
            {
                options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
                if (inHeader)
                {
                    options.Headers["Authorization"] = "Bearer " + token;
                }
            })
            .Build();
        await connection.StartAsync(Wire.Ct);
        return new RawHub(connection);
    }

    public static async Task<RawHub> ConnectAsync<T>(WebApplicationFactory<T> app, string email, string password = Wire.Password)
        where T : class => await ConnectWithTokenAsync(app, await Wire.TokenAsync(app, email, password), inHeader: false);

    public Task<JsonElement> JoinAsync(string modelId, long? sinceRevision = null) =>
        Connection.InvokeAsync<JsonElement>("JoinModel", modelId, sinceRevision, Wire.Ct);

    public Task<JsonElement> SubmitAsync(string modelId, long baseRevision, object op, string? opId = null) =>
        Connection.InvokeAsync<JsonElement>("SubmitOperation", new { modelId, opId = opId ?? Guid.NewGuid().ToString(), baseRevision, op }, Wire.Ct);

    /// <summary>Submits and returns the acknowledged revision.</summary>
    public async Task<long> SubmitRevisionAsync(string modelId, long baseRevision, object op, string? opId = null) =>
        (await SubmitAsync(modelId, baseRevision, op, opId)).GetProperty("revision").GetInt64();

    /// <summary>Waits (up to 20 s) for a message; OperationApplied also matches each item of an OperationsApplied batch.</summary>
    public async Task<JsonElement> WaitForAsync(string method, Func<JsonElement, bool>? match = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            foreach (var (m, payload) in _received)
            {
                if (m == method && (match is null || match(payload)))
                {
                    return payload;
                }

                if (method == "OperationApplied" && m == "OperationsApplied")
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
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left, Wire.Ct))
            {
                throw new TimeoutException($"No {method} arrived; received: {string.Join(", ", _received.Select(r => r.Method + " " + r.Payload.GetRawText()))}");
            }
        }
    }

    /// <summary>Waits until the envelope of <paramref name="revision"/> arrived: every message sent before it arrived too (one connection is ordered).</summary>
    public Task<JsonElement> WaitForRevisionAsync(long revision) => WaitForAsync("OperationApplied", m => m.GetProperty("revision").GetInt64() == revision);

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        _arrived.Dispose();
    }
}
