using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Collab.Tests.Support;

namespace Collab.IntegrationTests;

public class PermissionsApiTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    private static Task<string> UserIdAsync(HttpClient client, string email) => AuthorizationMatrixTests.UserIdAsync(client, email);

    [Fact]
    public async Task A_shared_model_appears_in_the_members_list_with_its_role()
    {
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        var id = await CollabAppFactory.CreateModelAsync(alice, "Shared plan");
        var bob = await UserIdAsync(alice, "bob@demo.local");

        using var put = await alice.PutAsJsonAsync($"/api/models/{id}/permissions/{bob}", new { role = "editor" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var members = await alice.GetFromJsonAsync<JsonElement[]>($"/api/models/{id}/permissions", TestContext.Current.CancellationToken);
        Assert.Equal(["admin", "editor"], members!.Select(m => m.GetProperty("role").GetString()!).ToArray());
        Assert.Equal("bob@demo.local", members![1].GetProperty("email").GetString());

        using var bobClient = await app.CreateClientForAsync("bob@demo.local");
        var bobsModels = await bobClient.GetFromJsonAsync<JsonElement[]>("/api/models", TestContext.Current.CancellationToken);
        Assert.Equal("editor", bobsModels!.Single(m => m.GetProperty("id").GetString() == id).GetProperty("role").GetString());
    }

    [Fact]
    public async Task The_last_admin_cannot_be_removed_or_downgraded()
    {
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        var id = await CollabAppFactory.CreateModelAsync(alice, "One admin");
        var aliceId = await UserIdAsync(alice, "alice@demo.local");

        using var downgrade = await alice.PutAsJsonAsync($"/api/models/{id}/permissions/{aliceId}", new { role = "editor" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, downgrade.StatusCode);
        var problem = await downgrade.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("last_admin", problem.GetProperty("code").GetString());
        Assert.Contains("only admin", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var remove = await alice.DeleteAsync($"/api/models/{id}/permissions/{aliceId}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, remove.StatusCode);

        // With a second admin, the first may step down.
        var bob = await UserIdAsync(alice, "bob@demo.local");
        (await alice.PutAsJsonAsync($"/api/models/{id}/permissions/{bob}", new { role = "admin" }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        using var stepDown = await alice.PutAsJsonAsync($"/api/models/{id}/permissions/{aliceId}", new { role = "viewer" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, stepDown.StatusCode);

        var roles = await alice.GetFromJsonAsync<JsonElement[]>($"/api/models/{id}/permissions", TestContext.Current.CancellationToken);
        Assert.Equal("viewer", roles!.Single(m => m.GetProperty("userId").GetString() == aliceId).GetProperty("role").GetString());
    }

    [Fact]
    public async Task Removing_access_takes_effect_at_once()
    {
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        var id = await CollabAppFactory.CreateModelAsync(alice, "Revoked");
        var carol = await UserIdAsync(alice, "carol@demo.local");
        (await alice.PutAsJsonAsync($"/api/models/{id}/permissions/{carol}", new { role = "viewer" }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        using var carolClient = await app.CreateClientForAsync("carol@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await carolClient.GetAsync($"/api/models/{id}", TestContext.Current.CancellationToken)).StatusCode);

        using var removed = await alice.DeleteAsync($"/api/models/{id}/permissions/{carol}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await carolClient.GetAsync($"/api/models/{id}", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_model_nobody_may_see_is_404_for_every_permissions_call_even_for_a_system_admin_when_it_does_not_exist()
    {
        using var admin = await app.CreateClientForAsync("admin@demo.local");
        var bob = await UserIdAsync(admin, "bob@demo.local");

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/models/missing/permissions", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"/api/models/missing/permissions/{bob}", new { role = "viewer" }, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/models/missing/permissions/{bob}", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Theory]
    [InlineData("owner")]
    [InlineData("")]
    [InlineData("none")]
    [InlineData("Editor")]
    public async Task An_unknown_role_is_422_and_changes_nothing(string role)
    {
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        var id = await CollabAppFactory.CreateModelAsync(alice, "Roles");
        var bob = await UserIdAsync(alice, "bob@demo.local");

        using var response = await alice.PutAsJsonAsync($"/api/models/{id}/permissions/{bob}", new { role }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var members = await alice.GetFromJsonAsync<JsonElement[]>($"/api/models/{id}/permissions", TestContext.Current.CancellationToken);
        Assert.Single(members!);
    }

    [Fact]
    public async Task Sharing_with_an_unknown_user_is_404()
    {
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        var id = await CollabAppFactory.CreateModelAsync(alice, "Nobody");

        using var response = await alice.PutAsJsonAsync($"/api/models/{id}/permissions/no-such-user", new { role = "viewer" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No such user", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_permission_change_is_audited_with_who_whom_old_and_new_role()
    {
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        var id = await CollabAppFactory.CreateModelAsync(alice, "Audited");
        var aliceId = await UserIdAsync(alice, "alice@demo.local");
        var bob = await UserIdAsync(alice, "bob@demo.local");

        (await alice.PutAsJsonAsync($"/api/models/{id}/permissions/{bob}", new { role = "viewer" }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        (await alice.PutAsJsonAsync($"/api/models/{id}/permissions/{bob}", new { role = "editor" }, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        (await alice.DeleteAsync($"/api/models/{id}/permissions/{bob}", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        var audit = await alice.GetFromJsonAsync<JsonElement[]>($"/api/models/{id}/permissions/audit", TestContext.Current.CancellationToken);
        var changes = audit!.Select(a => (a.GetProperty("actorUserId").GetString(), a.GetProperty("userId").GetString(), a.GetProperty("oldRole").GetString(), a.GetProperty("newRole").GetString())).ToArray();
        Assert.Equal(
            [(aliceId, bob, "editor", "none"), (aliceId, bob, "viewer", "editor"), (aliceId, bob, "none", "viewer"), (aliceId, aliceId, "none", "admin")],
            changes);
        Assert.All(audit!, a => Assert.True(a.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5)));
    }
}
