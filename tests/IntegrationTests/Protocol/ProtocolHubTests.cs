using System.Net.Http.Json;
using System.Text.Json;
using Collab.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using static Collab.IntegrationTests.Protocol.Wire;

namespace Collab.IntegrationTests.Protocol;

/// <summary>PROTOCOL.md, Hub <c>/hubs/collab</c>: methods, results, server messages and error codes, spoken raw.</summary>
public class ProtocolHubTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    private static readonly object A1 = new { type = "setCell", sheet = "Sheet1", cell = "A1", input = "1" };

    private async Task<(HttpClient Alice, string ModelId)> NewModelAsync(string name)
    {
        var alice = await HttpAsync(app, "alice@demo.local");
        return (alice, await CreateModelAsync(alice, name));
    }

    private static void AssertEnvelope(JsonElement envelope, string modelId)
    {
        Assert.Equal(["modelId", "op", "opId", "revision", "userId"], envelope.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(modelId, envelope.GetProperty("modelId").GetString());
        Assert.Equal(JsonValueKind.Number, envelope.GetProperty("revision").ValueKind);
        Assert.Equal(JsonValueKind.String, envelope.GetProperty("opId").ValueKind);
        Assert.Equal(JsonValueKind.String, envelope.GetProperty("userId").ValueKind);
        Assert.Equal(JsonValueKind.Object, envelope.GetProperty("op").ValueKind);
    }

    [Fact]
    public async Task JoinModel_with_null_answers_revision_role_snapshot_and_users()
    {
        var (alice, id) = await NewModelAsync("Join shape");
        using var _ = alice;
        await ShareAsync(alice, id, "bob@demo.local", "commenter");
        await using var aliceHub = await RawHub.ConnectAsync(app, "alice@demo.local");
        await aliceHub.JoinAsync(id);
        await aliceHub.SubmitAsync(id, 0, new { type = "setRange", sheet = "Sheet1", range = "A1:B1", inputs = new[] { new[] { "2", "=A1*3" } } });
        await aliceHub.SubmitAsync(id, 1, new { type = "addSheet", name = "Notes" });
        await aliceHub.SubmitAsync(id, 2, new { type = "setCell", sheet = "Notes", cell = "C3", input = "hi" });
        await using var bobHub = await RawHub.ConnectAsync(app, "bob@demo.local");

        var joined = await bobHub.JoinAsync(id, null);

        Assert.Equal(3, joined.GetProperty("revision").GetInt64());
        Assert.Equal("commenter", joined.GetProperty("role").GetString());
        Assert.False(joined.TryGetProperty("operations", out var ops) && ops.ValueKind != JsonValueKind.Null);
        var sheets = joined.GetProperty("snapshot").GetProperty("sheets").EnumerateArray().ToArray();
        Assert.Equal(["Sheet1", "Notes"], sheets.Select(s => s.GetProperty("name").GetString()).ToArray());
        var sheet1 = sheets[0].GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("cell").GetString()!);
        Assert.Equal("=A1*3", sheet1["B1"].GetProperty("input").GetString());
        Assert.Equal(6, sheet1["B1"].GetProperty("value").GetDouble());
        Assert.Equal("number", sheet1["B1"].GetProperty("type").GetString());
        Assert.Equal("hi", Assert.Single(sheets[1].GetProperty("cells").EnumerateArray()).GetProperty("value").GetString());
        var users = joined.GetProperty("users").EnumerateArray().ToArray();
        Assert.Equal(2, users.Length);
        Assert.All(users, u =>
        {
            Assert.False(string.IsNullOrEmpty(u.GetProperty("userId").GetString()));
            Assert.False(string.IsNullOrEmpty(u.GetProperty("displayName").GetString()));
            Assert.False(string.IsNullOrEmpty(u.GetProperty("color").GetString()));
        });
        Assert.Contains(users, u => u.GetProperty("displayName").GetString() == "Bob Brown");
    }

    [Fact]
    public async Task JoinModel_with_a_revision_answers_the_missed_OperationApplied_envelopes_after_it()
    {
        var (alice, id) = await NewModelAsync("Join since");
        using var _ = alice;
        await using var writer = await RawHub.ConnectAsync(app, "alice@demo.local");
        await writer.JoinAsync(id);
        var opIds = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            opIds.Add($"op-{i}-{Guid.NewGuid():N}");
            await writer.SubmitAsync(id, i, new { type = "setCell", sheet = "Sheet1", cell = $"A{i + 1}", input = $"{i}" }, opIds[^1]);
        }

        await using var reader = await RawHub.ConnectAsync(app, "alice@demo.local", Password);
        var joined = await reader.JoinAsync(id, 1);

        Assert.Equal(4, joined.GetProperty("revision").GetInt64());
        Assert.False(joined.TryGetProperty("snapshot", out var snapshot) && snapshot.ValueKind != JsonValueKind.Null);
        var operations = joined.GetProperty("operations").EnumerateArray().ToArray();
        Assert.Equal([2L, 3L, 4L], operations.Select(o => o.GetProperty("revision").GetInt64()).ToArray());
        foreach (var envelope in operations)
        {
            AssertEnvelope(envelope, id);
        }

        Assert.Equal(opIds[1..], operations.Select(o => o.GetProperty("opId").GetString()).ToArray());
        Assert.Equal("A2", operations[0].GetProperty("op").GetProperty("cell").GetString());
        Assert.Equal("setCell", operations[0].GetProperty("op").GetProperty("type").GetString());

        var upToDate = await reader.JoinAsync(id, 4);
        Assert.Empty(upToDate.GetProperty("operations").EnumerateArray());

        // A revision the model never had: a snapshot instead.
        var future = await reader.JoinAsync(id, 99);
        Assert.Equal(4, future.GetProperty("snapshot").GetProperty("sheets")[0].GetProperty("cells").GetArrayLength());
    }

    [Fact]
    public async Task SubmitOperation_answers_revision_and_every_member_gets_the_OperationApplied_envelope()
    {
        var (alice, id) = await NewModelAsync("Submit shape");
        using var _ = alice;
        await ShareAsync(alice, id, "bob@demo.local", "viewer");
        var aliceId = await UserIdAsync(alice, "alice@demo.local");
        await using var aliceHub = await RawHub.ConnectAsync(app, "alice@demo.local");
        await using var bobHub = await RawHub.ConnectAsync(app, "bob@demo.local");
        Assert.Equal(0, (await aliceHub.JoinAsync(id)).GetProperty("revision").GetInt64());
        await bobHub.JoinAsync(id);
        var opId = Guid.NewGuid().ToString();

        var ack = await aliceHub.SubmitAsync(id, 0, new { type = "setCell", sheet = "Sheet1", cell = "B4", input = "=SUM(B1:B3)" }, opId);

        Assert.Equal(["revision"], ack.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(1, ack.GetProperty("revision").GetInt64());
        foreach (var hub in new[] { aliceHub, bobHub })
        {
            var envelope = await hub.WaitForAsync("OperationApplied", m => m.GetProperty("opId").GetString() == opId);
            AssertEnvelope(envelope, id);
            Assert.Equal(1, envelope.GetProperty("revision").GetInt64());
            Assert.Equal(aliceId, envelope.GetProperty("userId").GetString());
            var op = envelope.GetProperty("op");
            Assert.Equal("setCell", op.GetProperty("type").GetString());
            Assert.Equal("Sheet1", op.GetProperty("sheet").GetString());
            Assert.Equal("B4", op.GetProperty("cell").GetString());
            Assert.Equal("=SUM(B1:B3)", op.GetProperty("input").GetString());
        }
    }

    [Fact]
    public async Task The_same_opId_twice_is_applied_once_and_acknowledged_with_the_same_revision()
    {
        var (alice, id) = await NewModelAsync("Twice");
        using var _ = alice;
        await using var hub = await RawHub.ConnectAsync(app, "alice@demo.local");
        await hub.JoinAsync(id);
        var opId = Guid.NewGuid().ToString();

        var first = await hub.SubmitRevisionAsync(id, 0, new { type = "insertRows", sheet = "Sheet1", at = 1, count = 1 }, opId);
        await hub.SubmitRevisionAsync(id, 1, new { type = "setCell", sheet = "Sheet1", cell = "A1", input = "x" });
        var again = await hub.SubmitRevisionAsync(id, 0, new { type = "insertRows", sheet = "Sheet1", at = 1, count = 1 }, opId);

        Assert.Equal(1, first);
        Assert.Equal(1, again);
        var cells = await CellsBodyAsync(alice, id);
        Assert.Equal(2, cells.GetProperty("revision").GetInt64());
        Assert.Equal("A1", Assert.Single(cells.GetProperty("cells").EnumerateArray()).GetProperty("cell").GetString());

        // Another connection resending it after a reconnect gets the same answer.
        await using var other = await RawHub.ConnectAsync(app, "alice@demo.local");
        await other.JoinAsync(id, 2);
        Assert.Equal(1, await other.SubmitRevisionAsync(id, 0, new { type = "insertRows", sheet = "Sheet1", at = 1, count = 1 }, opId));
        Assert.Equal(2, (await CellsBodyAsync(alice, id)).GetProperty("revision").GetInt64());
        Assert.Single(hub.Applied, e => e.GetProperty("opId").GetString() == opId);
    }

    [Fact]
    public async Task Errors_are_HubExceptions_CODE_colon_text_with_the_contract_codes()
    {
        var (alice, id) = await NewModelAsync("Codes");
        using var _ = alice;
        await ShareAsync(alice, id, "carol@demo.local", "viewer");
        await using var aliceHub = await RawHub.ConnectAsync(app, "alice@demo.local");
        await using var carolHub = await RawHub.ConnectAsync(app, "carol@demo.local");
        await using var bobHub = await RawHub.ConnectAsync(app, "bob@demo.local");

        Assert.Equal("not_joined", await HubErrorCodeAsync(() => aliceHub.SubmitAsync(id, 0, A1)));
        Assert.Equal("not_found", await HubErrorCodeAsync(() => bobHub.JoinAsync(id)));
        Assert.Equal("not_found", await HubErrorCodeAsync(() => bobHub.JoinAsync("no-such-model")));

        await aliceHub.JoinAsync(id);
        await carolHub.JoinAsync(id);
        Assert.StartsWith("forbidden: ", await HubErrorAsync(() => carolHub.SubmitAsync(id, 0, A1)), StringComparison.Ordinal);
        Assert.Equal("invalid_operation", await HubErrorCodeAsync(() => aliceHub.SubmitAsync(id, 0, new { type = "setCell", sheet = "Sheet1", cell = "A1", input = "1" }, new string('x', 65))));
        Assert.Equal(1, await aliceHub.SubmitRevisionAsync(id, 0, A1, new string('y', 64)));
        Assert.Equal("invalid_operation", await HubErrorCodeAsync(() => aliceHub.SubmitAsync(id, 1, new { type = "setCell", sheet = "Nope", cell = "A1", input = "1" })));
        Assert.Equal("invalid_operation", await HubErrorCodeAsync(() => aliceHub.SubmitAsync(id, 1, new { type = "frobnicate" })));
        Assert.Equal("invalid_operation", await HubErrorCodeAsync(() => aliceHub.SubmitAsync(id, 1, new { type = "setCell", sheet = "Sheet1", cell = "not-a-cell", input = "1" })));

        // Nothing of the refused ops was applied.
        Assert.Equal(1, (await CellsBodyAsync(alice, id)).GetProperty("revision").GetInt64());
    }

    [Fact]
    public async Task An_op_too_large_is_refused_too_large_changes_nothing_and_the_connection_goes_on()
    {
        var (alice, id) = await NewModelAsync("Too large");
        using var _ = alice;
        await using var hub = await RawHub.ConnectAsync(app, "alice@demo.local");
        await hub.JoinAsync(id);
        var wide = Enumerable.Range(0, 200).Select(_ => Enumerable.Range(0, 200).Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray();

        Assert.StartsWith("too_large: ", await HubErrorAsync(() => hub.SubmitAsync(id, 0, new { type = "setCell", sheet = "Sheet1", cell = "A1", input = new string('x', 3_000_000) })), StringComparison.Ordinal);
        Assert.Equal("too_large", await HubErrorCodeAsync(() => hub.SubmitAsync(id, 0, new { type = "setCell", sheet = "Sheet1", cell = "A1", input = new string('x', 40_000) })));
        Assert.Equal("too_large", await HubErrorCodeAsync(() => hub.SubmitAsync(id, 0, new { type = "setRange", sheet = "Sheet1", range = "A1:GR200", inputs = wide })));

        Assert.Equal(0, (await CellsBodyAsync(alice, id)).GetProperty("revision").GetInt64());
        Assert.Equal(1, await hub.SubmitRevisionAsync(id, 0, A1));
    }

    [Fact]
    public async Task A_program_bursting_a_hundred_ops_and_cursor_moves_is_served_not_refused()
    {
        var (alice, id) = await NewModelAsync("Burst");
        using var _ = alice;
        await ShareAsync(alice, id, "bob@demo.local", "viewer");
        await using var writer = await RawHub.ConnectAsync(app, "alice@demo.local");
        await using var watcher = await RawHub.ConnectAsync(app, "bob@demo.local");
        await writer.JoinAsync(id);
        await watcher.JoinAsync(id);

        var acks = await Task.WhenAll(Enumerable.Range(1, 100).Select(i => writer.SubmitRevisionAsync(id, 0, new { type = "setCell", sheet = "Sheet1", cell = $"A{i}", input = $"{i}" })));
        for (var row = 1; row <= 60; row++)
        {
            await writer.Connection.InvokeAsync("UpdatePresence", new { modelId = id, sheet = "Sheet1", cell = $"B{row}", selection = $"B{row}", editing = false }, Ct);
        }

        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), acks.Order());
        await watcher.WaitForRevisionAsync(100);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), watcher.Applied.Select(e => e.GetProperty("revision").GetInt64()));
        await watcher.WaitForAsync("PresenceChanged", p => p.GetProperty("cell").GetString() == "B60");
    }

    [Fact]
    public async Task A_submission_for_a_model_joined_on_another_connection_only_is_not_joined()
    {
        var (alice, id) = await NewModelAsync("Per connection");
        using var _ = alice;
        var other = await CreateModelAsync(alice, "Other model");
        await using var joinedHub = await RawHub.ConnectAsync(app, "alice@demo.local");
        await using var freshHub = await RawHub.ConnectAsync(app, "alice@demo.local");
        await joinedHub.JoinAsync(id);

        Assert.Equal("not_joined", await HubErrorCodeAsync(() => freshHub.SubmitAsync(id, 0, A1)));
        Assert.Equal("not_joined", await HubErrorCodeAsync(() => joinedHub.SubmitAsync(other, 0, A1)));
    }

    [Fact]
    public async Task UserJoined_and_UserLeft_tell_the_others_and_LeaveModel_ends_the_membership()
    {
        var (alice, id) = await NewModelAsync("Join leave");
        using var _ = alice;
        await ShareAsync(alice, id, "bob@demo.local", "editor");
        var bobId = await UserIdAsync(alice, "bob@demo.local");
        await using var aliceHub = await RawHub.ConnectAsync(app, "alice@demo.local");
        await using var bobHub = await RawHub.ConnectAsync(app, "bob@demo.local");
        await aliceHub.JoinAsync(id);

        var bobJoin = await bobHub.JoinAsync(id);
        Assert.Equal(2, bobJoin.GetProperty("users").GetArrayLength());
        var joined = await aliceHub.WaitForAsync("UserJoined");
        Assert.Equal(id, joined.GetProperty("modelId").GetString());
        Assert.Equal(bobId, joined.GetProperty("userId").GetString());
        Assert.Equal("Bob Brown", joined.GetProperty("displayName").GetString());
        Assert.False(string.IsNullOrEmpty(joined.GetProperty("color").GetString()));

        await bobHub.Connection.InvokeAsync("LeaveModel", id, Ct);
        var left = await aliceHub.WaitForAsync("UserLeft");
        Assert.Equal(id, left.GetProperty("modelId").GetString());
        Assert.Equal(bobId, left.GetProperty("userId").GetString());
        Assert.Equal("Bob Brown", left.GetProperty("displayName").GetString());
        Assert.False(string.IsNullOrEmpty(left.GetProperty("color").GetString()));
        Assert.Equal("not_joined", await HubErrorCodeAsync(() => bobHub.SubmitAsync(id, 0, A1)));

        // Closing a connection leaves every model it joined.
        await using (var bobAgain = await RawHub.ConnectAsync(app, "bob@demo.local"))
        {
            await bobAgain.JoinAsync(id);
            await aliceHub.WaitForAsync("UserJoined", m => aliceHub.Received.Count(r => r.Method == "UserJoined") == 2);
        }

        Assert.Equal(bobId, (await aliceHub.WaitForAsync("UserLeft", m => aliceHub.Received.Count(r => r.Method == "UserLeft") == 2)).GetProperty("userId").GetString());

        // Leaving no longer delivers the model's ops.
        var revision = await aliceHub.SubmitRevisionAsync(id, 0, A1);
        await aliceHub.WaitForRevisionAsync(revision);
        Assert.DoesNotContain(bobHub.Applied, e => e.GetProperty("modelId").GetString() == id);
    }

    [Fact]
    public async Task UpdatePresence_reaches_the_others_as_PresenceChanged()
    {
        var (alice, id) = await NewModelAsync("Presence shape");
        using var _ = alice;
        await ShareAsync(alice, id, "bob@demo.local", "viewer");
        var bobId = await UserIdAsync(alice, "bob@demo.local");
        await using var aliceHub = await RawHub.ConnectAsync(app, "alice@demo.local");
        await using var bobHub = await RawHub.ConnectAsync(app, "bob@demo.local");
        await aliceHub.JoinAsync(id);
        await bobHub.JoinAsync(id);

        await bobHub.Connection.InvokeAsync("UpdatePresence", new { modelId = id, sheet = "Sheet1", cell = "B4", selection = "B4:C9", editing = true }, Ct);

        var seen = await aliceHub.WaitForAsync("PresenceChanged");
        Assert.Equal(["cell", "color", "displayName", "editing", "modelId", "selection", "sheet", "userId"], seen.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(id, seen.GetProperty("modelId").GetString());
        Assert.Equal(bobId, seen.GetProperty("userId").GetString());
        Assert.Equal("Bob Brown", seen.GetProperty("displayName").GetString());
        Assert.Equal("Sheet1", seen.GetProperty("sheet").GetString());
        Assert.Equal("B4", seen.GetProperty("cell").GetString());
        Assert.Equal("B4:C9", seen.GetProperty("selection").GetString());
        Assert.True(seen.GetProperty("editing").GetBoolean());
    }

    [Fact]
    public async Task A_concurrent_overwrite_sends_the_loser_a_Conflict_with_every_field()
    {
        var (alice, id) = await NewModelAsync("Overwrite");
        using var _ = alice;
        await ShareAsync(alice, id, "bob@demo.local", "editor");
        var bobId = await UserIdAsync(alice, "bob@demo.local");
        await using var aliceHub = await RawHub.ConnectAsync(app, "alice@demo.local");
        await using var bobHub = await RawHub.ConnectAsync(app, "bob@demo.local");
        await aliceHub.JoinAsync(id);
        await bobHub.JoinAsync(id);

        Assert.Equal(1, await aliceHub.SubmitRevisionAsync(id, 0, new { type = "setCell", sheet = "Sheet1", cell = "C3", input = "mine" }));
        Assert.Equal(2, await bobHub.SubmitRevisionAsync(id, 0, new { type = "setCell", sheet = "Sheet1", cell = "C3", input = "theirs" }));

        var conflict = await aliceHub.WaitForAsync("Conflict");
        Assert.Equal(id, conflict.GetProperty("modelId").GetString());
        Assert.Equal(2, conflict.GetProperty("revision").GetInt64());
        Assert.Equal("C3", conflict.GetProperty("cell").GetString());
        Assert.Equal("mine", conflict.GetProperty("yourValue").GetString());
        Assert.Equal("theirs", conflict.GetProperty("theirValue").GetString());
        Assert.Equal(bobId, conflict.GetProperty("byUserId").GetString());
        await bobHub.WaitForRevisionAsync(2);
        Assert.DoesNotContain(bobHub.Received, m => m.Method == "Conflict");
    }

    [Fact]
    public async Task An_op_reduced_to_nothing_is_acked_with_the_current_revision_applies_nothing_and_its_author_gets_a_Conflict()
    {
        var (alice, id) = await NewModelAsync("Reduced");
        using var _ = alice;
        await ShareAsync(alice, id, "bob@demo.local", "editor");
        var aliceId = await UserIdAsync(alice, "alice@demo.local");
        await using var aliceHub = await RawHub.ConnectAsync(app, "alice@demo.local");
        await using var bobHub = await RawHub.ConnectAsync(app, "bob@demo.local");
        await aliceHub.JoinAsync(id);
        await bobHub.JoinAsync(id);
        Assert.Equal(1, await aliceHub.SubmitRevisionAsync(id, 0, new { type = "setCell", sheet = "Sheet1", cell = "A1", input = "keep" }));
        Assert.Equal(2, await aliceHub.SubmitRevisionAsync(id, 1, new { type = "deleteRows", sheet = "Sheet1", at = 3, count = 2 }));

        var opId = Guid.NewGuid().ToString();
        var ack = await bobHub.SubmitRevisionAsync(id, 1, new { type = "setCell", sheet = "Sheet1", cell = "D4", input = "lost" }, opId);

        Assert.Equal(2, ack);
        var conflict = await bobHub.WaitForAsync("Conflict");
        Assert.Equal(id, conflict.GetProperty("modelId").GetString());
        Assert.Equal(2, conflict.GetProperty("revision").GetInt64());
        Assert.Equal("D4", conflict.GetProperty("cell").GetString());
        Assert.Equal("lost", conflict.GetProperty("yourValue").GetString());
        Assert.True(conflict.TryGetProperty("theirValue", out var theirs), conflict.GetRawText());
        Assert.Equal(JsonValueKind.Null, theirs.ValueKind);
        Assert.Equal(aliceId, conflict.GetProperty("byUserId").GetString());
        var cells = await CellsBodyAsync(alice, id);
        Assert.Equal(2, cells.GetProperty("revision").GetInt64());
        Assert.Equal("A1", Assert.Single(cells.GetProperty("cells").EnumerateArray()).GetProperty("cell").GetString());
        Assert.Equal(3, await aliceHub.SubmitRevisionAsync(id, 2, A1));
        await bobHub.WaitForRevisionAsync(3);
        Assert.DoesNotContain(bobHub.Applied, e => e.GetProperty("opId").GetString() == opId);
    }

    [Fact]
    public async Task An_op_reduced_to_nothing_by_the_same_person_on_another_connection_still_tells_its_author()
    {
        var (alice, id) = await NewModelAsync("Reduced by myself");
        using var _ = alice;
        await using var laptop = await RawHub.ConnectAsync(app, "alice@demo.local");
        await using var phone = await RawHub.ConnectAsync(app, "alice@demo.local");
        await laptop.JoinAsync(id);
        await phone.JoinAsync(id);
        Assert.Equal(1, await laptop.SubmitRevisionAsync(id, 0, new { type = "addSheet", name = "Scratch" }));
        Assert.Equal(2, await laptop.SubmitRevisionAsync(id, 1, new { type = "deleteSheet", sheet = "Scratch" }));

        Assert.Equal(2, await phone.SubmitRevisionAsync(id, 1, new { type = "setCell", sheet = "Scratch", cell = "B2", input = "gone" }));

        var conflict = await phone.WaitForAsync("Conflict");
        Assert.Equal("B2", conflict.GetProperty("cell").GetString());
        Assert.Equal("gone", conflict.GetProperty("yourValue").GetString());
    }

    [Fact]
    public async Task RoleChanged_tells_the_member_their_new_role_and_none_removes_them_from_the_model()
    {
        var (alice, id) = await NewModelAsync("Role live");
        using var _ = alice;
        await ShareAsync(alice, id, "bob@demo.local", "editor");
        await using var aliceHub = await RawHub.ConnectAsync(app, "alice@demo.local");
        await using var bobHub = await RawHub.ConnectAsync(app, "bob@demo.local");
        await aliceHub.JoinAsync(id);
        Assert.Equal("editor", (await bobHub.JoinAsync(id)).GetProperty("role").GetString());

        await ShareAsync(alice, id, "bob@demo.local", "commenter");
        var changed = await bobHub.WaitForAsync("RoleChanged");
        Assert.Equal(["modelId", "role"], changed.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(id, changed.GetProperty("modelId").GetString());
        Assert.Equal("commenter", changed.GetProperty("role").GetString());
        Assert.Equal("forbidden", await HubErrorCodeAsync(() => bobHub.SubmitAsync(id, 0, A1)));

        var bobId = await UserIdAsync(alice, "bob@demo.local");
        using (var removed = await alice.DeleteAsync($"/api/models/{id}/permissions/{bobId}", Ct))
        {
            Assert.True(removed.IsSuccessStatusCode);
        }

        var none = await bobHub.WaitForAsync("RoleChanged", m => m.GetProperty("role").GetString() == "none");
        Assert.Equal(id, none.GetProperty("modelId").GetString());
        Assert.Equal(bobId, (await aliceHub.WaitForAsync("UserLeft")).GetProperty("userId").GetString());

        // Removed from the model: no more ops reach Bob.
        var revision = await aliceHub.SubmitRevisionAsync(id, 0, A1);
        await aliceHub.WaitForRevisionAsync(revision);
        Assert.Contains(await HubErrorCodeAsync(() => bobHub.SubmitAsync(id, 0, A1)), new[] { "not_joined", "not_found" });
        Assert.DoesNotContain(bobHub.Applied, e => e.GetProperty("revision").GetInt64() == revision);
        Assert.Equal("not_found", await HubErrorCodeAsync(() => bobHub.JoinAsync(id)));
    }

    [Fact]
    public async Task A_batch_of_waiting_ops_may_arrive_as_OperationsApplied_in_revision_order()
    {
        var (alice, id) = await NewModelAsync("Batched");
        using var _ = alice;
        await using var writer = await RawHub.ConnectAsync(app, "alice@demo.local");
        await using var reader = await RawHub.ConnectAsync(app, "alice@demo.local");
        await writer.JoinAsync(id);
        await reader.JoinAsync(id);

        var acks = await Task.WhenAll(Enumerable.Range(1, 30).Select(i => writer.SubmitAsync(id, 0, new { type = "setCell", sheet = "Sheet1", cell = $"A{i}", input = $"{i}" })));

        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), acks.Select(a => a.GetProperty("revision").GetInt64()).Order());
        await reader.WaitForRevisionAsync(30);
        var revisions = reader.Applied.Select(e => e.GetProperty("revision").GetInt64()).ToArray();
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), revisions);
        foreach (var batch in reader.Received.Where(m => m.Method == "OperationsApplied"))
        {
            Assert.Equal(JsonValueKind.Array, batch.Payload.ValueKind);
            foreach (var envelope in batch.Payload.EnumerateArray())
            {
                AssertEnvelope(envelope, id);
            }
        }
    }
}
