using System.Net.Http.Json;
using System.Text.Json;
using Collab.Tests.Support;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Collab.IntegrationTests.Protocol;

/// <summary>
/// The hub over real WebSockets on a real port, as a deployed host is spoken to: the token as the <c>access_token</c>
/// query parameter (the browser SignalR client's way) and as the <c>Authorization</c> header (the .NET client's way).
/// </summary>
public sealed class ProtocolWebSocketTests : IAsyncLifetime
{
    private readonly CollabAppFactory _app = new("Development");
    private Uri _base = default!;

    public ValueTask InitializeAsync()
    {
        _app.UseKestrel(0);
        _app.StartServer();
        _base = _app.ClientOptions.BaseAddress;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<string> TokenAsync(string email)
    {
        using var http = new HttpClient { BaseAddress = _base };
        using var response = await http.PostAsync("/connect/token", Wire.PasswordGrant(email), Wire.Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Wire.Ct)).GetProperty("access_token").GetString()!;
    }

    private HubConnection Connect(string token, bool inHeader, bool skipNegotiation) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(_base, inHeader ? "/hubs/collab" : "/hubs/collab?access_token=" + Uri.EscapeDataString(token)), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = skipNegotiation;
                if (inHeader)
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                }
            })
            .Build();

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task Over_websockets_the_token_works_as_query_parameter_or_header(bool inHeader, bool skipNegotiation)
    {
        var token = await TokenAsync("alice@demo.local");
        using var http = new HttpClient { BaseAddress = _base };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var modelId = await Wire.CreateModelAsync(http, "Over websockets");
        await using var connection = Connect(token, inHeader, skipNegotiation);
        var applied = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement>("OperationApplied", m => applied.TrySetResult(m));

        await connection.StartAsync(Wire.Ct);
        var joined = await connection.InvokeAsync<JsonElement>("JoinModel", modelId, null, Wire.Ct);
        var ack = await connection.InvokeAsync<JsonElement>("SubmitOperation", new { modelId, opId = Guid.NewGuid().ToString(), baseRevision = 0, op = new { type = "setCell", sheet = "Sheet1", cell = "A1", input = "ws" } }, Wire.Ct);

        Assert.Equal("admin", joined.GetProperty("role").GetString());
        Assert.Equal(1, ack.GetProperty("revision").GetInt64());
        Assert.Equal(1, (await applied.Task.WaitAsync(TimeSpan.FromSeconds(20), Wire.Ct)).GetProperty("revision").GetInt64());
    }

    [Fact]
    public async Task Over_websockets_a_connection_without_a_valid_token_is_refused()
    {
        await using var noToken = new HubConnectionBuilder()
            .WithUrl(new Uri(_base, "/hubs/collab"), options => options.Transports = HttpTransportType.WebSockets)
            .Build();
        await Assert.ThrowsAnyAsync<Exception>(() => noToken.StartAsync(Wire.Ct));

        await using var badToken = Connect("not-a-token", inHeader: false, skipNegotiation: true);
        await Assert.ThrowsAnyAsync<Exception>(() => badToken.StartAsync(Wire.Ct));
    }
}
