using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Collab.Tests.Support;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.IntegrationTests;

/// <summary>Hub inputs at the edges of the contract: tokens, sizes.</summary>
public class HubContractTests
{
    private static string CodeOf(HubException error) =>
        error.Message[(error.Message.IndexOf("HubException: ", StringComparison.Ordinal) + "HubException: ".Length)..].Split(':')[0];

    [Fact]
    public async Task An_expired_token_is_refused_at_the_hub()
    {
        await using var app = new CollabAppFactory("Development", new Dictionary<string, string?> { ["Auth:AccessTokenMinutes"] = "0.01" });
        var token = await app.GetTokenAsync("alice@demo.local");
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/collab?access_token=" + Uri.EscapeDataString(token)), options =>
            {
                options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
            })
            .Build();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task A_token_that_expires_on_an_open_websocket_is_answered_unauthorized()
    {
        // Over WebSockets a connection outlives its token (long polling authenticates every request instead).
        await using var app = new CollabAppFactory("Development", new Dictionary<string, string?> { ["Auth:AccessTokenMinutes"] = "0.1" });
        app.UseKestrel(0);
        app.StartServer();
        var baseAddress = app.ClientOptions.BaseAddress;
        using var http = new HttpClient { BaseAddress = baseAddress };
        using var tokenResponse = await http.PostAsync("/connect/token", Protocol.Wire.PasswordGrant("alice@demo.local"), TestContext.Current.CancellationToken);
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("access_token").GetString()!;
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var modelId = await Protocol.Wire.CreateModelAsync(http, "Expiring");
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/hubs/collab"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        await connection.StartAsync(TestContext.Current.CancellationToken);
        await connection.InvokeAsync<JsonElement>("JoinModel", modelId, (long?)null, TestContext.Current.CancellationToken); // still valid

        await Task.Delay(TimeSpan.FromSeconds(7), TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<JsonElement>("SubmitOperation",
            new { modelId, opId = "late", baseRevision = 0, op = new { type = "setCell", sheet = "Sheet1", cell = "A1", input = "1" } },
            TestContext.Current.CancellationToken));

        Assert.Equal("unauthorized", CodeOf(error));
        Assert.Equal(HubConnectionState.Connected, connection.State);
        using var fresh = await app.CreateClientForAsync("alice@demo.local");
        var cells = await fresh.GetFromJsonAsync<JsonElement>($"/api/models/{modelId}/cells", TestContext.Current.CancellationToken);
        Assert.Equal(0, cells.GetProperty("cells").GetArrayLength());
    }

    // A server on a real port whose tokens live 6 seconds, and a Collab.Client signed in with a password over
    // WebSockets (a connection outlives its token there) with a model open.
    private sealed record ShortTokenClient(CollabAppFactory App, Collab.Client.CollabClient Client, string ModelId, Collab.Client.CollabModel Model) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            await App.DisposeAsync();
        }
    }

    private static async Task<ShortTokenClient> ShortTokenClientAsync(string modelName)
    {
        var app = new CollabAppFactory("Development", new Dictionary<string, string?> { ["Auth:AccessTokenMinutes"] = "0.1" });
        app.UseKestrel(0);
        app.StartServer();
        var client = await Collab.Client.CollabClient.ConnectAsync(app.ClientOptions.BaseAddress,
            Collab.Client.CollabCredentials.ForPassword("alice@demo.local", CollabAppFactory.DemoPassword),
            new Collab.Client.CollabClientOptions { Transports = HttpTransportType.WebSockets }, TestContext.Current.CancellationToken);
        var modelId = await client.CreateModelAsync(modelName, TestContext.Current.CancellationToken);
        return new ShortTokenClient(app, client, modelId, await client.OpenModelAsync(modelId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Collab_client_renews_an_expired_token_and_its_pending_edit_lands()
    {
        await using var setup = await ShortTokenClientAsync("Renewed");
        var (_, client, modelId, model) = setup;
        var first = client.AccessToken;

        await Task.Delay(TimeSpan.FromSeconds(7), TestContext.Current.CancellationToken);
        var edit = await model.EditAsync(new Collab.Editing.Core.SetCellOperation("Sheet1", "A1", "42"), cancellationToken: TestContext.Current.CancellationToken);
        var revision = await edit.Acknowledged.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(1, revision);
        Assert.NotEqual(first, client.AccessToken);
        var (_, cells) = await client.GetCellsAsync(modelId, "Sheet1", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("42", Assert.Single(cells).Input);
    }

    [Fact]
    public async Task Collab_client_reconnecting_after_its_token_expired_renews_it_first()
    {
        await using var setup = await ShortTokenClientAsync("Dropped");
        var (app, client, modelId, model) = setup;
        var first = client.AccessToken;
        var back = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Reconnecting += dropped =>
        {
            if (!dropped)
            {
                back.TrySetResult();
            }
        };

        // The token expires while the connection is open; then the connection drops. The reconnect's negotiation must
        // present a renewed token (the old one is refused with 401 on every attempt).
        await Task.Delay(TimeSpan.FromSeconds(7), TestContext.Current.CancellationToken);
        var connections = app.Services.GetRequiredService<Collab.Kernel.Hubs.CollabHubLifetimeManager>();
        Assert.True(connections.TryGetConnection(client.Connection.ConnectionId!, out var connection));
        connection.GetHttpContext()!.Abort(); // the TCP connection, as a network drop (a hub Abort closes without reconnect)
        await back.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.NotEqual(first, client.AccessToken);
        var edit = await model.EditAsync(new Collab.Editing.Core.SetCellOperation("Sheet1", "A1", "after"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1, await edit.Acknowledged.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        var (_, cells) = await client.GetCellsAsync(modelId, "Sheet1", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("after", Assert.Single(cells).Input);
    }

    [Fact]
    public async Task A_forged_token_is_refused()
    {
        await using var app = new CollabAppFactory("Development");
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");

        using var response = await client.GetAsync("/api/models", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_oversized_op_is_too_large_and_changes_nothing()
    {
        await using var app = new CollabAppFactory("Development", new Dictionary<string, string?> { ["Editing:MaxOperationJsonLength"] = "2000" });
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        var modelId = await CollabAppFactory.CreateModelAsync(alice, "Big op");
        await using var hub = await HubClient.ConnectAsync(app, await app.GetTokenAsync("alice@demo.local"));
        await hub.JoinAsync(modelId);

        var error = await Assert.ThrowsAsync<HubException>(() => hub.SubmitAsync(modelId, 0, new { type = "setCell", sheet = "Sheet1", cell = "A1", input = new string('x', 5000) }));

        Assert.Equal("too_large", CodeOf(error));
        var cells = await alice.GetFromJsonAsync<JsonElement>($"/api/models/{modelId}/cells", TestContext.Current.CancellationToken);
        Assert.Equal(0, cells.GetProperty("revision").GetInt64());
        // The connection goes on.
        Assert.Equal(1, (await hub.SubmitAsync(modelId, 0, new { type = "setCell", sheet = "Sheet1", cell = "A1", input = "small" })).GetProperty("revision").GetInt64());
    }

    [Fact]
    public async Task A_range_op_over_the_cell_limit_is_too_large()
    {
        await using var app = new CollabAppFactory("Development");
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        var modelId = await CollabAppFactory.CreateModelAsync(alice, "Huge clear");
        await using var hub = await HubClient.ConnectAsync(app, await app.GetTokenAsync("alice@demo.local"));
        await hub.JoinAsync(modelId);

        var error = await Assert.ThrowsAsync<HubException>(() => hub.SubmitAsync(modelId, 0, new { type = "clearRange", sheet = "Sheet1", range = "A1:Z100000" }));

        Assert.Equal("too_large", CodeOf(error));
    }
}
