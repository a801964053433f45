using System.Net.Http.Json;
using System.Text.Json;
using Collab.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.IntegrationTests;

public class HubSessionTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    private async Task<HubClient> ConnectAsync(string email) => await HubClient.ConnectAsync(app, await app.GetTokenAsync(email));

    private async Task<(HttpClient Alice, string ModelId)> NewModelAsync(string name)
    {
        var alice = await app.CreateClientForAsync("alice@demo.local");
        return (alice, await CollabAppFactory.CreateModelAsync(alice, name));
    }

    private static async Task<Dictionary<string, JsonElement>> CellsAsync(HttpClient client, string modelId)
    {
        var body = await client.GetFromJsonAsync<JsonElement>($"/api/models/{modelId}/cells", TestContext.Current.CancellationToken);
        return body.GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("cell").GetString()!, c => c);
    }

    private async Task ShareAsync(HttpClient admin, string modelId, string email, string role)
    {
        var id = await AuthorizationMatrixTests.UserIdAsync(admin, email);
        (await admin.PutAsJsonAsync($"/api/models/{modelId}/permissions/{id}", new { role }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
    }

    /// <summary>
    /// The contract's part of a hub error: SignalR prefixes what the server throws with "An unexpected error occurred
    /// invoking 'X' on the server. HubException: ", then comes "CODE: text".
    /// </summary>
    private static async Task<string> ErrorOf(Func<Task> call)
    {
        var message = (await Assert.ThrowsAsync<HubException>(call)).Message;
        const string marker = "HubException: ";
        var at = message.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, $"Not a hub error with a code: {message}");
        return message[(at + marker.Length)..];
    }

    [Fact]
    public async Task Fan_out_writes_bytes_serialized_once_to_connections_the_lifetime_manager_knows()
    {
        var manager = Assert.IsType<Kernel.Hubs.CollabHubLifetimeManager>(app.Services.GetRequiredService<HubLifetimeManager<Kernel.Hubs.CollabHub>>());
        var (alice, id) = await NewModelAsync("Fan-out");
        using var http = alice;
        await ShareAsync(alice, id, "bob@demo.local", "editor");
        await ShareAsync(alice, id, "carol@demo.local", "viewer");
        await using var aliceHub = await ConnectAsync("alice@demo.local");
        await using var bobHub = await ConnectAsync("bob@demo.local");
        await using var carolHub = await ConnectAsync("carol@demo.local");
        Assert.True(manager.TryGetConnection(bobHub.Connection.ConnectionId!, out _));
        await aliceHub.JoinAsync(id);
        await bobHub.JoinAsync(id);
        await carolHub.JoinAsync(id);

        await aliceHub.SubmitAsync(id, 0, new { type = "setCell", sheet = "Sheet1", cell = "C3", input = "=1+2" }, "fan-out-1");

        var texts = new List<string>();
        foreach (var hub in new[] { aliceHub, bobHub, carolHub })
        {
            var applied = await hub.WaitForAsync("OperationApplied", m => m.GetProperty("opId").GetString() == "fan-out-1");
            Assert.Equal(1, applied.GetProperty("revision").GetInt64());
            Assert.Equal(id, applied.GetProperty("modelId").GetString());
            texts.Add(applied.GetRawText());
        }

        Assert.Single(texts.Distinct());
        Assert.Contains("\"cell\":\"C3\"", texts[0], StringComparison.Ordinal);

        var closing = bobHub.Connection.ConnectionId!;
        await bobHub.Connection.StopAsync(TestContext.Current.CancellationToken);
        await WaitUntilAsync(() => !manager.TryGetConnection(closing, out _));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.True(condition());
    }

    [Fact]
    public async Task Joining_a_new_model_gives_revision_0_the_role_an_empty_snapshot_and_the_users()
    {
        var (alice, id) = await NewModelAsync("Join me");
        using var _ = alice;
        await using var hub = await ConnectAsync("alice@demo.local");

        var joined = await hub.JoinAsync(id);

        Assert.Equal(0, joined.GetProperty("revision").GetInt64());
        Assert.Equal("admin", joined.GetProperty("role").GetString());
        var sheet = Assert.Single(joined.GetProperty("snapshot").GetProperty("sheets").EnumerateArray());
        Assert.Equal("Sheet1", sheet.GetProperty("name").GetString());
        Assert.Equal(0, sheet.GetProperty("cells").GetArrayLength());
        Assert.Equal("Alice Anders", Assert.Single(joined.GetProperty("users").EnumerateArray()).GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task A_submitted_op_is_acknowledged_stored_computed_and_sent_to_every_member()
    {
        var (alice, id) = await NewModelAsync("Submit");
        using var _ = alice;
        await ShareAsync(alice, id, "bob@demo.local", "editor");
        await using var aliceHub = await ConnectAsync("alice@demo.local");
        await using var bobHub = await ConnectAsync("bob@demo.local");
        await aliceHub.JoinAsync(id);
        await bobHub.JoinAsync(id);

        var first = await aliceHub.SubmitAsync(id, 0, new { type = "setRange", sheet = "Sheet1", range = "A1:A2", inputs = new[] { new[] { "40" }, new[] { "2" } } });
        var second = await aliceHub.SubmitAsync(id, 1, new { type = "setCell", sheet = "Sheet1", cell = "B4", input = "=sum(a1:a2)" });

        Assert.Equal(1, first.GetProperty("revision").GetInt64());
        Assert.Equal(2, second.GetProperty("revision").GetInt64());
        var seen = await bobHub.WaitForAsync("OperationApplied", m => m.GetProperty("revision").GetInt64() == 2);
        Assert.Equal("setCell", seen.GetProperty("op").GetProperty("type").GetString());
        Assert.Equal("B4", seen.GetProperty("op").GetProperty("cell").GetString());
        Assert.False(string.IsNullOrEmpty(seen.GetProperty("userId").GetString()));
        await aliceHub.WaitForAsync("OperationApplied", m => m.GetProperty("revision").GetInt64() == 2);

        var cells = await CellsAsync(alice, id);
        Assert.Equal("=SUM(A1:A2)", cells["B4"].GetProperty("input").GetString());
        Assert.Equal(42, cells["B4"].GetProperty("value").GetDouble());
        Assert.Equal("number", cells["B4"].GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_same_op_id_twice_is_applied_once_and_acknowledged_with_the_same_revision()
    {
        var (alice, id) = await NewModelAsync("Idempotent");
        using var _ = alice;
        await using var hub = await ConnectAsync("alice@demo.local");
        await hub.JoinAsync(id);

        var op = new { type = "insertRows", sheet = "Sheet1", at = 1, count = 1 };
        var once = await hub.SubmitAsync(id, 0, op, "op-1");
        var again = await hub.SubmitAsync(id, 0, op, "op-1");
        var next = await hub.SubmitAsync(id, 1, new { type = "setCell", sheet = "Sheet1", cell = "A1", input = "x" });

        Assert.Equal(1, once.GetProperty("revision").GetInt64());
        Assert.Equal(1, again.GetProperty("revision").GetInt64());
        Assert.Equal(2, next.GetProperty("revision").GetInt64());
    }

    [Fact]
    public async Task Submitting_without_joining_is_not_joined()
    {
        var (alice, id) = await NewModelAsync("Not joined");
        using var _ = alice;
        await using var hub = await ConnectAsync("alice@demo.local");

        var error = await ErrorOf(() => hub.SubmitAsync(id, 0, new { type = "setCell", sheet = "Sheet1", cell = "A1", input = "1" }));

        Assert.StartsWith("not_joined:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_cannot_edit_and_nothing_changes()
    {
        var (alice, id) = await NewModelAsync("Read only");
        using var _ = alice;
        await ShareAsync(alice, id, "carol@demo.local", "viewer");
        await using var hub = await ConnectAsync("carol@demo.local");
        var joined = await hub.JoinAsync(id);
        Assert.Equal("viewer", joined.GetProperty("role").GetString());

        var error = await ErrorOf(() => hub.SubmitAsync(id, 0, new { type = "setCell", sheet = "Sheet1", cell = "A1", input = "1" }));

        Assert.StartsWith("forbidden:", error, StringComparison.Ordinal);
        Assert.Empty(await CellsAsync(alice, id));
    }

    [Theory]
    [InlineData("""{"type":"setCell","sheet":"Nope","cell":"A1","input":"1"}""")]
    [InlineData("""{"type":"setCell","sheet":"Sheet1","cell":"A0","input":"1"}""")]
    [InlineData("""{"type":"setCell","sheet":"Sheet1","cell":"XFE1","input":"1"}""")]
    [InlineData("""{"type":"explode","sheet":"Sheet1"}""")]
    [InlineData("""{"sheet":"Sheet1","cell":"A1","input":"1"}""")]
    [InlineData("""{"type":"setRange","sheet":"Sheet1","range":"A1:B1","inputs":[["1"]]}""")]
    [InlineData("""{"type":"insertRows","sheet":"Sheet1","at":0,"count":1}""")]
    [InlineData("""{"type":"deleteSheet","sheet":"Sheet1"}""")]
    [InlineData("""[1,2]""")]
    public async Task A_malformed_or_invalid_op_is_invalid_operation_and_changes_nothing(string op)
    {
        var (alice, id) = await NewModelAsync("Invalid");
        using var _ = alice;
        await using var hub = await ConnectAsync("alice@demo.local");
        await hub.JoinAsync(id);

        var error = await ErrorOf(() => hub.SubmitAsync(id, 0, JsonDocument.Parse(op).RootElement));

        Assert.StartsWith("invalid_operation:", error, StringComparison.Ordinal);
        var cells = await alice.GetFromJsonAsync<JsonElement>($"/api/models/{id}/cells", TestContext.Current.CancellationToken);
        Assert.Equal(0, cells.GetProperty("revision").GetInt64());
    }

    [Fact]
    public async Task Joining_an_unknown_model_is_not_found()
    {
        await using var hub = await ConnectAsync("alice@demo.local");

        Assert.StartsWith("not_found:", await ErrorOf(() => hub.JoinAsync("no-such-model")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_one_may_not_see_is_not_found_over_the_hub_too()
    {
        var (alice, id) = await NewModelAsync("Hidden");
        using var _ = alice;
        await using var hub = await ConnectAsync("bob@demo.local");

        Assert.StartsWith("not_found:", await ErrorOf(() => hub.JoinAsync(id)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_below_a_concurrent_row_insert_lands_on_the_moved_cell_with_its_formula_shifted()
    {
        var (alice, id) = await NewModelAsync("Concurrent insert");
        using var _ = alice;
        await ShareAsync(alice, id, "bob@demo.local", "editor");
        await using var aliceHub = await ConnectAsync("alice@demo.local");
        await using var bobHub = await ConnectAsync("bob@demo.local");
        await aliceHub.JoinAsync(id);
        await bobHub.JoinAsync(id);

        await aliceHub.SubmitAsync(id, 0, new { type = "insertRows", sheet = "Sheet1", at = 2, count = 1 });
        var bobs = await bobHub.SubmitAsync(id, 0, new { type = "setCell", sheet = "Sheet1", cell = "B5", input = "=SUM(A1:A4)" });

        Assert.Equal(2, bobs.GetProperty("revision").GetInt64());
        var applied = await aliceHub.WaitForAsync("OperationApplied", m => m.GetProperty("revision").GetInt64() == 2);
        Assert.Equal("B6", applied.GetProperty("op").GetProperty("cell").GetString());
        Assert.Equal("=SUM(A1:A5)", applied.GetProperty("op").GetProperty("input").GetString());
        var cells = await CellsAsync(alice, id);
        Assert.Equal("=SUM(A1:A5)", cells["B6"].GetProperty("input").GetString());
        Assert.False(cells.ContainsKey("B5"));
    }

    [Fact]
    public async Task Concurrent_writes_to_one_cell_keep_the_later_and_tell_the_overwritten_author()
    {
        var (alice, id) = await NewModelAsync("Same cell");
        using var _ = alice;
        await ShareAsync(alice, id, "bob@demo.local", "editor");
        await using var aliceHub = await ConnectAsync("alice@demo.local");
        await using var bobHub = await ConnectAsync("bob@demo.local");
        await aliceHub.JoinAsync(id);
        await bobHub.JoinAsync(id);
        var bobId = await AuthorizationMatrixTests.UserIdAsync(alice, "bob@demo.local");

        await aliceHub.SubmitAsync(id, 0, new { type = "setCell", sheet = "Sheet1", cell = "B4", input = "100" });
        var later = await bobHub.SubmitAsync(id, 0, new { type = "setCell", sheet = "Sheet1", cell = "B4", input = "200" });

        Assert.Equal(2, later.GetProperty("revision").GetInt64());
        var conflict = await aliceHub.WaitForAsync("Conflict");
        Assert.Equal(id, conflict.GetProperty("modelId").GetString());
        Assert.Equal("B4", conflict.GetProperty("cell").GetString());
        Assert.Equal("100", conflict.GetProperty("yourValue").GetString());
        Assert.Equal("200", conflict.GetProperty("theirValue").GetString());
        Assert.Equal(bobId, conflict.GetProperty("byUserId").GetString());
        Assert.DoesNotContain(bobHub.Received, r => r.Method == "Conflict");
        Assert.Equal(200, (await CellsAsync(alice, id))["B4"].GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task A_write_into_a_concurrently_deleted_row_is_dropped_acknowledged_and_reported()
    {
        var (alice, id) = await NewModelAsync("Dropped");
        using var _ = alice;
        await ShareAsync(alice, id, "bob@demo.local", "editor");
        await using var aliceHub = await ConnectAsync("alice@demo.local");
        await using var bobHub = await ConnectAsync("bob@demo.local");
        await aliceHub.JoinAsync(id);
        await bobHub.JoinAsync(id);

        await aliceHub.SubmitAsync(id, 0, new { type = "deleteRows", sheet = "Sheet1", at = 3, count = 2 });
        var dropped = await bobHub.SubmitAsync(id, 0, new { type = "setCell", sheet = "Sheet1", cell = "C4", input = "lost" });

        Assert.Equal(1, dropped.GetProperty("revision").GetInt64());
        var conflict = await bobHub.WaitForAsync("Conflict");
        Assert.Equal("C4", conflict.GetProperty("cell").GetString());
        Assert.Equal("lost", conflict.GetProperty("yourValue").GetString());
        Assert.Empty(await CellsAsync(alice, id));
    }

    [Fact]
    public async Task Rejoining_with_a_revision_returns_the_missed_operations()
    {
        var (alice, id) = await NewModelAsync("Catch up");
        using var _ = alice;
        await using var writer = await ConnectAsync("alice@demo.local");
        await writer.JoinAsync(id);
        for (var i = 0; i < 5; i++)
        {
            await writer.SubmitAsync(id, i, new { type = "setCell", sheet = "Sheet1", cell = $"A{i + 1}", input = $"{i}" });
        }

        await using var reader = await ConnectAsync("alice@demo.local");
        var joined = await reader.JoinAsync(id, 2);

        Assert.Equal(5, joined.GetProperty("revision").GetInt64());
        Assert.False(joined.TryGetProperty("snapshot", out var snapshot) && snapshot.ValueKind != JsonValueKind.Null);
        Assert.Equal([3L, 4L, 5L], joined.GetProperty("operations").EnumerateArray().Select(o => o.GetProperty("revision").GetInt64()).ToArray());
    }

    [Fact]
    public async Task A_downgraded_editor_is_told_at_once_and_refused_and_a_removed_member_is_removed()
    {
        var (alice, id) = await NewModelAsync("Revoke live");
        using var _ = alice;
        await ShareAsync(alice, id, "bob@demo.local", "editor");
        await using var bobHub = await ConnectAsync("bob@demo.local");
        await bobHub.JoinAsync(id);
        await bobHub.SubmitAsync(id, 0, new { type = "setCell", sheet = "Sheet1", cell = "A1", input = "ok" });

        await ShareAsync(alice, id, "bob@demo.local", "viewer");
        var changed = await bobHub.WaitForAsync("RoleChanged", m => m.GetProperty("role").GetString() == "viewer");
        Assert.Equal(id, changed.GetProperty("modelId").GetString());
        Assert.StartsWith("forbidden:", await ErrorOf(() => bobHub.SubmitAsync(id, 1, new { type = "setCell", sheet = "Sheet1", cell = "A2", input = "no" })), StringComparison.Ordinal);

        var bobId = await AuthorizationMatrixTests.UserIdAsync(alice, "bob@demo.local");
        (await alice.DeleteAsync($"/api/models/{id}/permissions/{bobId}", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await bobHub.WaitForAsync("RoleChanged", m => m.GetProperty("role").GetString() == "none");
        // The server removed the connection from the model, and the model no longer exists for Bob.
        Assert.StartsWith("not_joined:", await ErrorOf(() => bobHub.SubmitAsync(id, 1, new { type = "setCell", sheet = "Sheet1", cell = "A2", input = "no" })), StringComparison.Ordinal);
        Assert.StartsWith("not_found:", await ErrorOf(() => bobHub.JoinAsync(id)), StringComparison.Ordinal);
    }
}
