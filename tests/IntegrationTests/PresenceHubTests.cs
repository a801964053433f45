using System.Net.Http.Json;
using Collab.Tests.Support;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Collab.IntegrationTests;

public class PresenceHubTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    private static async Task<string> ErrorOf(Func<Task> call)
    {
        var message = (await Assert.ThrowsAsync<HubException>(call)).Message;
        const string marker = "HubException: ";
        var at = message.IndexOf(marker, StringComparison.Ordinal);
        return at >= 0 ? message[(at + marker.Length)..] : message;
    }

    [Fact]
    public async Task UpdatePresence_reaches_the_other_members_as_PresenceChanged_and_refuses_strangers_and_bad_positions()
    {
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        var id = await CollabAppFactory.CreateModelAsync(alice, "Presence");
        var bobId = await AuthorizationMatrixTests.UserIdAsync(alice, "bob@demo.local");
        (await alice.PutAsJsonAsync($"/api/models/{id}/permissions/{bobId}", new { role = "viewer" }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await using var aliceHub = await HubClient.ConnectAsync(app, await app.GetTokenAsync("alice@demo.local"));
        await using var bobHub = await HubClient.ConnectAsync(app, await app.GetTokenAsync("bob@demo.local"));

        Assert.StartsWith("not_joined:", await ErrorOf(() => bobHub.Connection.InvokeAsync("UpdatePresence", new { modelId = id, sheet = "Sheet1", cell = "B4", selection = "B4", editing = false }, TestContext.Current.CancellationToken)), StringComparison.Ordinal);
        await aliceHub.JoinAsync(id);
        await bobHub.JoinAsync(id);
        Assert.StartsWith("invalid_input:", await ErrorOf(() => bobHub.Connection.InvokeAsync("UpdatePresence", new { modelId = id, sheet = "Sheet1", cell = "not a cell", selection = "B4", editing = false }, TestContext.Current.CancellationToken)), StringComparison.Ordinal);
        Assert.StartsWith("invalid_input:", await ErrorOf(() => bobHub.Connection.InvokeAsync("UpdatePresence", new { modelId = id, sheet = "Sheet1", cell = "B4", selection = "B4:?", editing = false }, TestContext.Current.CancellationToken)), StringComparison.Ordinal);

        // A viewer's whereabouts are shared too: presence is not editing.
        await bobHub.Connection.InvokeAsync("UpdatePresence", new { modelId = id, sheet = "Sheet1", cell = "c3", selection = "C3:D5", editing = true }, TestContext.Current.CancellationToken);

        var seen = await aliceHub.WaitForAsync("PresenceChanged");
        Assert.Equal(id, seen.GetProperty("modelId").GetString());
        Assert.Equal(bobId, seen.GetProperty("userId").GetString());
        Assert.Equal("Bob Brown", seen.GetProperty("displayName").GetString());
        Assert.False(string.IsNullOrEmpty(seen.GetProperty("color").GetString()));
        Assert.Equal("C3", seen.GetProperty("cell").GetString());
        Assert.Equal("C3:D5", seen.GetProperty("selection").GetString());
        Assert.True(seen.GetProperty("editing").GetBoolean());
        Assert.DoesNotContain(bobHub.Received, m => m.Method == "PresenceChanged");
    }

    [Fact]
    public async Task With_presence_disabled_UpdatePresence_is_not_found_while_editing_still_works_and_no_menu_entry_exists()
    {
        await using var factory = new CollabAppFactory("Development", new Dictionary<string, string?> { ["Modules:Presence:Enabled"] = "false" });
        using var alice = await factory.CreateClientForAsync("alice@demo.local");
        var id = await CollabAppFactory.CreateModelAsync(alice, "No presence");
        await using var hub = await HubClient.ConnectAsync(factory, await factory.GetTokenAsync("alice@demo.local"));
        await hub.JoinAsync(id);

        Assert.StartsWith("not_found:", await ErrorOf(() => hub.Connection.InvokeAsync("UpdatePresence", new { modelId = id, sheet = "Sheet1", cell = "B4", selection = "B4", editing = false }, TestContext.Current.CancellationToken)), StringComparison.Ordinal);
        var submitted = await hub.SubmitAsync(id, 0, new { type = "setCell", sheet = "Sheet1", cell = "A1", input = "1" });
        Assert.Equal(1, submitted.GetProperty("revision").GetInt64());

        var catalog = factory.Services.GetService(typeof(Collab.Kernel.Modules.ModuleCatalog)) as Collab.Kernel.Modules.ModuleCatalog;
        Assert.False(catalog!.IsEnabled("Presence"));
        Assert.DoesNotContain(catalog.Navigation, e => e.Title.Contains("Presence", StringComparison.OrdinalIgnoreCase));
        Assert.Null(factory.Services.GetService(typeof(Collab.Kernel.Hubs.IPresenceHub)));
        Assert.Empty((IEnumerable<Collab.Editing.Contracts.GridContribution>)factory.Services.GetService(typeof(IEnumerable<Collab.Editing.Contracts.GridContribution>))!);
    }
}
