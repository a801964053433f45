using System.Net.Http.Json;
using System.Text.Json;
using Collab.Client;
using Collab.Editing.Core;
using Collab.Tests.Support;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Collab.IntegrationTests;

public class ClientTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    private Task<CollabClient> ConnectAsync(string email) =>
        CollabClient.ConnectAsync(app.Server.BaseAddress, CollabCredentials.ForPassword(email, CollabAppFactory.DemoPassword),
            new CollabClientOptions { HttpMessageHandler = app.Server.CreateHandler(), Transports = HttpTransportType.LongPolling });

    private async Task ShareAsync(CollabClient admin, string modelId, string email, string role)
    {
        var users = await admin.Http.GetFromJsonAsync<JsonElement[]>($"api/users?search={email}", TestContext.Current.CancellationToken);
        var id = users!.Single(u => u.GetProperty("email").GetString() == email).GetProperty("id").GetString();
        (await admin.Http.PutAsJsonAsync($"api/models/{modelId}/permissions/{id}", new { role }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Two_clients_editing_concurrently_converge_with_the_server()
    {
        await using var alice = await ConnectAsync("alice@demo.local");
        var modelId = await alice.CreateModelAsync("Client convergence", TestContext.Current.CancellationToken);
        await ShareAsync(alice, modelId, "bob@demo.local", "editor");
        await using var bob = await ConnectAsync("bob@demo.local");
        var aliceModel = await alice.OpenModelAsync(modelId, TestContext.Current.CancellationToken);
        var bobModel = await bob.OpenModelAsync(modelId, TestContext.Current.CancellationToken);

        var ops = new List<CollabEdit>();
        for (var i = 1; i <= 15; i++)
        {
            ops.Add(await aliceModel.EditAsync(new SetCellOperation("Sheet1", $"A{i}", $"{i}"), cancellationToken: TestContext.Current.CancellationToken));
            ops.Add(await bobModel.EditAsync(i % 5 == 0 ? new InsertRowsOperation("Sheet1", 2, 1) : new SetCellOperation("Sheet1", $"B{i}", $"=A{i}*2"), cancellationToken: TestContext.Current.CancellationToken));
        }

        await Task.WhenAll(ops.Select(edit => edit.Acknowledged));
        var (revision, cells) = await alice.GetCellsAsync(modelId, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(30, revision);
        await WaitUntilAsync(() => aliceModel.Revision == revision && bobModel.Revision == revision);

        var server = cells.ToDictionary(c => c.Cell, c => c.Input);
        foreach (var model in new[] { aliceModel, bobModel })
        {
            var replica = model.Read(book => book.EnumerateCells("Sheet1").Where(c => !c.IsEmpty).ToDictionary(c => c.Address.ToString(), c => c.Input!));
            Assert.Equal(server.OrderBy(p => p.Key), replica.OrderBy(p => p.Key));
        }
    }

    [Fact]
    public async Task A_refused_edit_is_rolled_back_with_the_reason()
    {
        await using var alice = await ConnectAsync("alice@demo.local");
        var modelId = await alice.CreateModelAsync("Client refusal", TestContext.Current.CancellationToken);
        await ShareAsync(alice, modelId, "carol@demo.local", "viewer");
        await using var carol = await ConnectAsync("carol@demo.local");
        var model = await carol.OpenModelAsync(modelId, TestContext.Current.CancellationToken);
        // Raised under the model's gate: the test's continuation must not run there (it reads the model, which takes the gate).
        var rejected = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        model.Rejected += (_, reason) => rejected.TrySetResult(reason);

        var edit = await model.EditAsync(new SetCellOperation("Sheet1", "A1", "mine"), cancellationToken: TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<CollabException>(() => edit.Acknowledged);
        Assert.Equal("rejected", error.Code);
        Assert.StartsWith("forbidden:", await rejected.Task, StringComparison.Ordinal);
        Assert.True(model.Read(book => book.GetCell("Sheet1", new Workbooks.Engine.CellAddress(1, 1)).IsEmpty));
    }

    [Fact]
    public async Task An_invalid_edit_is_refused_locally_and_nothing_is_sent()
    {
        await using var alice = await ConnectAsync("alice@demo.local");
        var modelId = await alice.CreateModelAsync("Client validation", TestContext.Current.CancellationToken);
        var model = await alice.OpenModelAsync(modelId, TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => model.EditAsync(new SetCellOperation("Nope", "A1", "1"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("Nope", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, model.PendingCount);
    }

    [Fact]
    public async Task Wrong_credentials_raise_the_oauth_error()
    {
        var error = await Assert.ThrowsAsync<CollabException>(() =>
            CollabClient.ConnectAsync(app.Server.BaseAddress, CollabCredentials.ForPassword("alice@demo.local", "wrong"), new CollabClientOptions { HttpMessageHandler = app.Server.CreateHandler() }, TestContext.Current.CancellationToken));

        Assert.Equal("invalid_grant", error.Code);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true within 10 seconds.");
            await Task.Delay(20);
        }
    }
}

public class RateLimitTests
{
    [Fact]
    public async Task A_flooding_connection_is_rate_limited_and_survives()
    {
        await using var app = WithLimit("RateLimits:HubOperationsPerSecond");
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        var modelId = await CollabAppFactory.CreateModelAsync(alice, "Flood");
        await using var hub = await HubClient.ConnectAsync(app, await app.GetTokenAsync("alice@demo.local"));
        await hub.JoinAsync(modelId);

        var results = (await CallAtOnceAsync(i => hub.SubmitAsync(modelId, 0, new { type = "setCell", sheet = "Sheet1", cell = $"A{i + 1}", input = "1" })))
            .Select(r => r.Split(':')[0]).ToArray();

        Assert.Contains("rate_limited", results);
        Assert.InRange(results.Count(r => r == "ok"), 1, 10);
        // The connection survives: after a pause it submits again.
        await Task.Delay(1100, TestContext.Current.CancellationToken);
        var after = await hub.SubmitAsync(modelId, 0, new { type = "setCell", sheet = "Sheet1", cell = "B1", input = "after" });
        Assert.True(after.GetProperty("revision").GetInt64() > 0);
    }

    [Fact]
    public async Task A_connection_flooding_presence_is_rate_limited_with_the_code_and_survives()
    {
        await using var app = WithLimit("RateLimits:HubPresencePerSecond");
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        var modelId = await CollabAppFactory.CreateModelAsync(alice, "Presence flood");
        await using var hub = await HubClient.ConnectAsync(app, await app.GetTokenAsync("alice@demo.local"));
        await hub.JoinAsync(modelId);

        var results = await CallAtOnceAsync(i => hub.Connection.InvokeAsync("UpdatePresence", new { modelId, sheet = "Sheet1", cell = $"A{i + 1}", editing = false }, TestContext.Current.CancellationToken));

        Assert.Contains("rate_limited: Too many presence updates from this connection; slow down.", results);
        Assert.InRange(results.Count(r => r == "ok"), 1, 10);
        await Task.Delay(1100, TestContext.Current.CancellationToken);
        await hub.Connection.InvokeAsync("UpdatePresence", new { modelId, sheet = "Sheet1", cell = "B2", editing = false }, TestContext.Current.CancellationToken);
    }

    // A server allowing five calls a second of the limited kind, with a one-second burst.
    private static CollabAppFactory WithLimit(string perSecondKey) =>
        new("Development", new Dictionary<string, string?> { [perSecondKey] = "5", ["RateLimits:HubBurstSeconds"] = "1" });

    // Thirty calls started at once: "ok" for each that succeeded, else the hub error's "code: text".
    private static Task<string[]> CallAtOnceAsync(Func<int, Task> call) => Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
    {
        try
        {
            await call(i);
            return "ok";
        }
        catch (Microsoft.AspNetCore.SignalR.HubException error)
        {
            return error.Message[(error.Message.IndexOf("HubException: ", StringComparison.Ordinal) + 14)..];
        }
    }));
}

public class ShortLoadRunTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Twenty_clients_for_ten_seconds_converge_without_errors(bool ownReplicas)
    {
        string[] args = ["--users", "20", "--models", "1", "--edits-per-second", "1", "--duration", "10", "--no-report"];
        var options = LoadTest.LoadOptions.Parse(ownReplicas ? [.. args, "--own-replicas"] : args);
        var result = await new LoadTest.LoadRun(options, TextWriter.Null).RunAsync(TestContext.Current.CancellationToken);

        Assert.True(result.Converged, result.Divergence);
        // Shared: once settled, the clients read the shared state (a replica that had differed would keep its own).
        Assert.Equal(ownReplicas ? 0 : 20, result.SharingReplicas);
        Assert.Equal(0, result.ErrorCount);
        Assert.True(result.Edits >= 100, $"only {result.Edits} edits were made");
        Assert.True(result.Seen.Count > result.Edits, "edits were not seen by the other clients");
        Assert.True(result.WarmUpSeen is { Count: > 0 }, "the warm-up's edits were not timed apart");
    }
}
