using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Collab.Editing.Core;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.Client;

/// <summary>How the client signs in.</summary>
public abstract record CollabCredentials
{
    /// <summary>A person: the password flow of the first-party public client <c>collab-cli</c>.</summary>
    public static CollabCredentials ForPassword(string email, string password) => new PasswordCredentials(email, password);

    /// <summary>A service integration configured in the server's <c>Auth:Clients</c>: the client-credentials flow.</summary>
    public static CollabCredentials ForClient(string clientId, string clientSecret) => new ClientSecretCredentials(clientId, clientSecret);

    /// <summary>An access token obtained elsewhere.</summary>
    public static CollabCredentials ForToken(string accessToken) => new TokenCredentials(accessToken);

    internal sealed record PasswordCredentials(string Email, string Password) : CollabCredentials;

    internal sealed record ClientSecretCredentials(string ClientId, string ClientSecret) : CollabCredentials;

    internal sealed record TokenCredentials(string AccessToken) : CollabCredentials;
}

/// <summary>Connection settings.</summary>
public sealed class CollabClientOptions
{
    /// <summary>The public client id for the password flow.</summary>
    public string PublicClientId { get; set; } = "collab-cli";

    /// <summary>Reconnect automatically after the connection drops (on by default), keeping pending ops.</summary>
    public bool AutomaticReconnect { get; set; } = true;

    /// <summary>Delays between reconnect attempts (defaults: 0, 1, 2, 5, 10, 10, 10... seconds).</summary>
    public IReadOnlyList<TimeSpan>? ReconnectDelays { get; set; }

    /// <summary>An HTTP handler to use (tests pass an in-memory server's handler).</summary>
    public HttpMessageHandler? HttpMessageHandler { get; set; }

    /// <summary>Transports to allow (all by default).</summary>
    public HttpTransportType? Transports { get; set; }

    /// <summary>How long a rate-limited submission waits before it is sent again.</summary>
    public TimeSpan RateLimitBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Server state shared by the replicas of every client given the same instance (none by default): for a process
    /// that opens one model on many connections (a load generator, many bots), where each replica would otherwise
    /// apply every op to a copy of its own. See <see cref="SharedReplicas"/>.
    /// </summary>
    public SharedReplicas? SharedReplicas { get; set; }
}

/// <summary>
/// The server state of each model, shared by the replicas of the clients in one process that open it on the same
/// server (<see cref="CollabClientOptions.SharedReplicas"/>): a replica reads the shared state, which the first
/// replica to receive each op advances. An edit is checked against it and sent without a copy; the replica takes a
/// copy of its own (the shared state plus its pending edit) only when it is read before the edit is confirmed. One edit
/// in <see cref="CopyEvery"/> takes the copy at once and, once confirmed, compares it with the shared state
/// (<see cref="CollabModel.Divergence"/> reports a difference).
/// </summary>
public sealed class SharedReplicas
{
    private readonly ConcurrentDictionary<string, SharedReplicaState> _models = new(StringComparer.Ordinal);

    /// <summary>The shared state of model <paramref name="modelId"/> on <paramref name="server"/>.</summary>
    public SharedReplicaState For(Uri server, string modelId)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(modelId);
        return _models.GetOrAdd(server.AbsoluteUri + "\n" + modelId, _ => new() { CopyEvery = CopyEvery });
    }

    /// <summary>
    /// One edit in this many takes a copy of its own at once and is compared with the shared state once confirmed (a
    /// check of the client's transformation); 1 copies every edit, 0 none. Default 16.
    /// </summary>
    public int CopyEvery { get; init; } = 16;
}

/// <summary>Raised when a call to the server fails with one of the contract's error codes.</summary>
public sealed class CollabException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The contract's error code (<c>forbidden</c>, <c>not_found</c>, <c>invalid_operation</c>, ...).</summary>
    public string Code { get; } = code;

    /// <summary>Reads the <c>CODE: text</c> part of a hub error (SignalR puts its own words before it).</summary>
    internal static CollabException FromHub(Exception error)
    {
        const string marker = "HubException: ";
        var message = error.Message;
        var at = message.IndexOf(marker, StringComparison.Ordinal);
        var text = at >= 0 ? message[(at + marker.Length)..] : message;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && !text[..colon].Contains(' ', StringComparison.Ordinal)
            ? new CollabException(text[..colon], text[(colon + 1)..].Trim(), error)
            : new CollabException("error", text, error);
    }
}

/// <summary>
/// A connection to a Collab server for programs: REST with a bearer token and the hub <c>/hubs/collab</c>, with
/// open models kept as local replicas through the client state machine. Reconnects automatically; pending ops
/// survive a reconnect and are resubmitted with their original op ids.
/// </summary>
public sealed class CollabClient : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, CollabModel> _models = new(StringComparer.Ordinal);
    private readonly CollabClientOptions _options;
    private readonly SemaphoreSlim _renewing = new(1, 1);
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly TokenHolder _token;
    private CollabCredentials? _credentials;

    private CollabClient(HttpClient http, HubConnection connection, TokenHolder token, CollabClientOptions options)
    {
        Http = http;
        Connection = connection;
        _token = token;
        _options = options;
    }

    /// <summary>An HTTP client for the REST API: base address set, bearer token sent.</summary>
    public HttpClient Http { get; }

    /// <summary>The hub connection.</summary>
    public HubConnection Connection { get; }

    /// <summary>The access token in use (renewed from the credentials when the server says it expired).</summary>
    public string AccessToken => _token.Value;

    /// <summary>The signed-in user's id.</summary>
    public string UserId { get; private set; } = "";

    /// <summary>Raised when the connection drops (true) and when it is back and every model resynced (false).</summary>
    public event Action<bool>? Reconnecting;

    internal CollabClientOptions Options => _options;

    /// <summary>Signs in, connects to the hub and returns the client.</summary>
    public static async Task<CollabClient> ConnectAsync(Uri server, CollabCredentials credentials, CollabClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(credentials);
        options ??= new CollabClientOptions();
        var http = options.HttpMessageHandler is { } handler ? new HttpClient(handler, disposeHandler: false) : new HttpClient();
        http.BaseAddress = server;
        var token = credentials is CollabCredentials.TokenCredentials given ? new TokenHolder(given.AccessToken) : await RequestTokenHolderAsync(http, credentials, options, cancellationToken);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        CollabClient? created = null;

        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(server, "hubs/collab"), o =>
            {
                // Each (re)connect asks: a token about to expire is renewed first, so a reconnect after a drop works.
                o.AccessTokenProvider = () => created is null ? Task.FromResult<string?>(token.Value) : created.CurrentTokenAsync();
                if (options.HttpMessageHandler is { } h)
                {
                    o.HttpMessageHandlerFactory = _ => h;
                }

                if (options.Transports is { } transports)
                {
                    o.Transports = transports;
                }
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions = new JsonSerializerOptions(WireJson.Options));
        if (options.AutomaticReconnect)
        {
            builder.WithAutomaticReconnect(new ForeverRetryPolicy(options.ReconnectDelays));
        }

        var client = new CollabClient(http, builder.Build(), token, options)
        {
            _credentials = credentials is CollabCredentials.TokenCredentials ? null : credentials,
        };
        created = client;
        client.Subscribe();
        await client.Connection.StartAsync(cancellationToken);
        var me = await client.Connection.InvokeAsync<JsonElement>("WhoAmI", cancellationToken);
        client.UserId = me.GetProperty("userId").GetString() ?? "";
        return client;
    }

    /// <summary>Requests an access token from <c>/connect/token</c>.</summary>
    public static async Task<string> RequestTokenAsync(HttpClient http, CollabCredentials credentials, CollabClientOptions? options = null, CancellationToken cancellationToken = default) =>
        (await RequestTokenHolderAsync(http, credentials, options, cancellationToken)).Value;

    // The token and when it expires (from expires_in).
    private static async Task<TokenHolder> RequestTokenHolderAsync(HttpClient http, CollabCredentials credentials, CollabClientOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        options ??= new CollabClientOptions();
        var form = credentials switch
        {
            CollabCredentials.PasswordCredentials p => new Dictionary<string, string> { ["grant_type"] = "password", ["username"] = p.Email, ["password"] = p.Password, ["client_id"] = options.PublicClientId },
            CollabCredentials.ClientSecretCredentials c => new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = c.ClientId, ["client_secret"] = c.ClientSecret },
            _ => throw new ArgumentException("Token credentials need no request.", nameof(credentials)),
        };
        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(new Uri("connect/token", UriKind.Relative), content, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var error = body.TryGetProperty("error", out var e) ? e.GetString() : null;
            var description = body.TryGetProperty("error_description", out var d) ? d.GetString() : null;
            throw new CollabException(error ?? "unauthorized", description ?? $"The token request failed with {(int)response.StatusCode}.");
        }

        var lifetime = body.TryGetProperty("expires_in", out var seconds) && seconds.TryGetDouble(out var s) ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
        return new TokenHolder(body.GetProperty("access_token").GetString()!, lifetime);
    }

    /// <summary>
    /// The token to present on a (re)connect: renewed from the credentials first when most of its lifetime is gone
    /// (a client given a bare token presents it as it is; a failed renewal presents the old one, and the server says why).
    /// </summary>
    internal async Task<string?> CurrentTokenAsync()
    {
        if (_credentials is null || !_token.NearlyExpired)
        {
            return _token.Value;
        }

        await _refreshing.WaitAsync();
        try
        {
            if (_token.NearlyExpired)
            {
                Replace(await RequestTokenHolderAsync(Http, _credentials, _options, CancellationToken.None));
            }
        }
        catch (Exception error) when (error is HttpRequestException or CollabException or TaskCanceledException or JsonException)
        {
            // Presented as it is: the connect is refused and retried.
        }
        finally
        {
            _refreshing.Release();
        }

        return _token.Value;
    }

    private void Replace(TokenHolder renewed)
    {
        _token.Set(renewed);
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _token.Value);
    }

    /// <summary>Joins a model and keeps a local replica of it.</summary>
    public async Task<CollabModel> OpenModelAsync(string modelId, CancellationToken cancellationToken = default)
    {
        if (_models.TryGetValue(modelId, out var open))
        {
            return open;
        }

        var joined = await InvokeAsync<WireJoinResult>("JoinModel", [modelId, null], cancellationToken);
        var model = new CollabModel(this, modelId, joined);
        _models[modelId] = model;
        return model;
    }

    /// <summary>Creates a model through REST; returns its id.</summary>
    public async Task<string> CreateModelAsync(string name, CancellationToken cancellationToken = default)
    {
        using var response = await Http.PostAsJsonAsync(new Uri("api/models", UriKind.Relative), new { name }, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetString()!;
    }

    /// <summary>The non-empty cells of a sheet through REST (<c>GET /api/models/{id}/cells</c>).</summary>
    public async Task<(long Revision, IReadOnlyList<WireCell> Cells)> GetCellsAsync(string modelId, string? sheet = null, string? range = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (sheet is not null)
        {
            query.Add("sheet=" + Uri.EscapeDataString(sheet));
        }

        if (range is not null)
        {
            query.Add("range=" + Uri.EscapeDataString(range));
        }

        using var response = await Http.GetAsync(new Uri($"api/models/{Uri.EscapeDataString(modelId)}/cells{(query.Count > 0 ? "?" + string.Join('&', query) : "")}", UriKind.Relative), cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(WireJson.Options, cancellationToken);
        return (body.GetProperty("revision").GetInt64(), body.GetProperty("cells").Deserialize<List<WireCell>>(WireJson.Options)!);
    }

    internal async Task<T> InvokeAsync<T>(string method, object?[] arguments, CancellationToken cancellationToken = default)
    {
        try
        {
            return await Connection.InvokeCoreAsync<T>(method, arguments, cancellationToken);
        }
        catch (Microsoft.AspNetCore.SignalR.HubException error)
        {
            throw CollabException.FromHub(error);
        }
    }

    internal void Forget(string modelId) => _models.TryRemove(modelId, out _);

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        string code = "error", detail = text;
        try
        {
            var problem = JsonDocument.Parse(text).RootElement;
            code = problem.TryGetProperty("code", out var c) ? c.GetString() ?? code : code;
            detail = problem.TryGetProperty("detail", out var d) ? d.GetString() ?? text : text;
        }
        catch (JsonException)
        {
        }

        throw new CollabException(code, $"{(int)response.StatusCode}: {detail}");
    }

    private void Subscribe()
    {
        Connection.On<WireOperationApplied>("OperationApplied", op => Route(op.ModelId, m => m.OnAppliedAsync([op])));
        Connection.On<List<WireOperationApplied>>("OperationsApplied", ops =>
        {
            if (ops.Count > 0 && ops.TrueForAll(o => o.ModelId == ops[0].ModelId))
            {
                Route(ops[0].ModelId, m => m.OnAppliedAsync(ops)); // the usual batch: one model's ops
                return;
            }

            foreach (var group in ops.GroupBy(o => o.ModelId))
            {
                Route(group.Key, m => m.OnAppliedAsync(group.ToList()));
            }
        });
        Connection.On<WireConflict>("Conflict", c => Route(c.ModelId, m => m.OnConflict(c)));
        Connection.On<WirePresence>("PresenceChanged", p => Route(p.ModelId, m => m.OnPresence(p)));
        Connection.On<WireUser>("UserJoined", u => Route(u.ModelId!, m => m.OnUser(u, joined: true)));
        Connection.On<WireUser>("UserLeft", u => Route(u.ModelId!, m => m.OnUser(u, joined: false)));
        Connection.On<WireRoleChanged>("RoleChanged", r => Route(r.ModelId, m => m.OnRoleChanged(r)));
        Connection.On<WireDropped>("Dropped", d => Route(d.ModelId, m => m.RejoinAsync()));
        Connection.Reconnecting += _ =>
        {
            foreach (var model in _models.Values)
            {
                model.OnDisconnected();
            }

            Reconnecting?.Invoke(true);
            return Task.CompletedTask;
        };
        Connection.Reconnected += async _ =>
        {
            foreach (var model in _models.Values)
            {
                await model.RejoinAsync();
            }

            Reconnecting?.Invoke(false);
        };
    }

    /// <summary>
    /// The server answered <c>unauthorized</c> (the token expired on the open connection): requests a new token with the
    /// credentials, reconnects with it and rejoins every open model, which resubmits their pending ops. False when the
    /// client was given a bare token (nothing to renew it with) or the renewal failed.
    /// </summary>
    internal bool CanRenew => _credentials is not null;

    internal async Task<bool> RenewAsync(string expiredToken)
    {
        if (_credentials is null)
        {
            return false;
        }

        await _renewing.WaitAsync();
        try
        {
            if (_token.Value == expiredToken)
            {
                Replace(await RequestTokenHolderAsync(Http, _credentials, _options, CancellationToken.None));
                await Connection.StopAsync();
                foreach (var model in _models.Values)
                {
                    model.OnDisconnected();
                }

                await Connection.StartAsync();
                foreach (var model in _models.Values)
                {
                    await model.RejoinAsync();
                }
            }

            return true;
        }
        catch (Exception error) when (error is HttpRequestException or CollabException or InvalidOperationException or TaskCanceledException)
        {
            return false;
        }
        finally
        {
            _renewing.Release();
        }
    }

    private void Route(string modelId, Func<CollabModel, Task> handle)
    {
        if (modelId is not null && _models.TryGetValue(modelId, out var model))
        {
            _ = handle(model);
        }
    }

    private void Route(string modelId, Action<CollabModel> handle)
    {
        if (modelId is not null && _models.TryGetValue(modelId, out var model))
        {
            handle(model);
        }
    }

    /// <summary>Closes the hub connection and the HTTP client.</summary>
    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        Http.Dispose();
    }

    private sealed class ForeverRetryPolicy(IReadOnlyList<TimeSpan>? delays) : IRetryPolicy
    {
        private static readonly TimeSpan[] Default = [TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)];

        public TimeSpan? NextRetryDelay(RetryContext retryContext)
        {
            var list = delays is { Count: > 0 } ? delays : Default;
            return list[(int)Math.Min(retryContext.PreviousRetryCount, list.Count - 1)];
        }
    }
}

/// <summary>The access token a connection presents, replaced when it is renewed.</summary>
internal sealed class TokenHolder(string value, TimeSpan? lifetime = null)
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _renewAfter = Renewal(lifetime);

    public string Value { get; private set; } = value;

    /// <summary>Nine tenths of its lifetime gone (never for a token of unknown lifetime).</summary>
    public bool NearlyExpired
    {
        get
        {
            lock (_lock)
            {
                return _renewAfter is { } after && DateTimeOffset.UtcNow >= after;
            }
        }
    }

    public void Set(TokenHolder renewed)
    {
        lock (_lock)
        {
            Value = renewed.Value;
            _renewAfter = renewed._renewAfter;
        }
    }

    private static DateTimeOffset? Renewal(TimeSpan? lifetime) => lifetime is { } l ? DateTimeOffset.UtcNow + l * 0.9 : null;
}
