using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Collab.Kernel.Modules;
using Collab.Tests.Support;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Collab.IntegrationTests;

public class HostTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    [Fact]
    public async Task Health_answers_when_the_database_does()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_carry_a_content_security_policy()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/account/login", TestContext.Current.CancellationToken);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task An_unknown_page_shows_the_not_found_page_with_404()
    {
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/no/such/page", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Nothing is here", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_api_address_is_404_problem_details()
    {
        using var client = await app.CreateClientForAsync("alice@demo.local");
        using var response = await client.GetAsync("/api/no-such-thing", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_hub_accepts_a_token_in_the_query_string()
    {
        var token = await app.GetTokenAsync("alice@demo.local");
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/collab?access_token=" + Uri.EscapeDataString(token)), options =>
            {
                options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
            })
            .Build();

        await connection.StartAsync(TestContext.Current.CancellationToken);
        var me = await connection.InvokeAsync<JsonElement>("WhoAmI", TestContext.Current.CancellationToken);

        Assert.Equal("Alice Anders", me.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task The_hub_refuses_a_connection_without_a_token()
    {
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/collab"), options =>
            {
                options.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                options.Transports = HttpTransportType.LongPolling;
            })
            .Build();

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task The_query_string_token_is_ignored_outside_the_hub_path()
    {
        var token = await app.GetTokenAsync("alice@demo.local");
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/api/models?access_token=" + Uri.EscapeDataString(token), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Only_a_system_admin_creates_users_and_anyone_signed_in_finds_them()
    {
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        using (var refused = await alice.PostAsJsonAsync("/api/users", new { email = "x@demo.local", displayName = "X", password = CollabAppFactory.DemoPassword }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var admin = await app.CreateClientForAsync("admin@demo.local");
        using (var created = await admin.PostAsJsonAsync("/api/users", new { email = "dave@demo.local", displayName = "Dave Dunn", password = CollabAppFactory.DemoPassword }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.False(string.IsNullOrEmpty((await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()));
        }

        using (var duplicate = await admin.PostAsJsonAsync("/api/users", new { email = "dave@demo.local", displayName = "Dave Again", password = CollabAppFactory.DemoPassword }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        }

        using (var weak = await admin.PostAsJsonAsync("/api/users", new { email = "weak@demo.local", displayName = "Weak", password = "short" }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, weak.StatusCode);
        }

        using (var invalid = await admin.PostAsJsonAsync("/api/users", new { email = "not-an-email", displayName = "", password = CollabAppFactory.DemoPassword }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        }

        var found = await alice.GetFromJsonAsync<JsonElement[]>("/api/users?search=dunn", TestContext.Current.CancellationToken);
        var dave = Assert.Single(found!);
        Assert.Equal("dave@demo.local", dave.GetProperty("email").GetString());
        Assert.Equal("Dave Dunn", dave.GetProperty("displayName").GetString());
        Assert.Equal(3, dave.EnumerateObject().Count());

        // The new user signs in.
        Assert.False(string.IsNullOrEmpty(await app.GetTokenAsync("dave@demo.local")));
    }
}

public class EnvironmentTests
{
    [Fact]
    public async Task Outside_development_the_demo_accounts_are_not_seeded()
    {
        await using var production = new CollabAppFactory("Production", new Dictionary<string, string?> { ["Auth:RequireHttps"] = "false" });
        using var client = production.CreateClient();

        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "alice@demo.local",
            ["password"] = CollabAppFactory.DemoPassword,
            ["client_id"] = "collab-cli",
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public void Disabling_a_core_module_stops_start_up_with_a_clear_message()
    {
        using var factory = new CollabAppFactory("Development", new Dictionary<string, string?> { ["Modules:Workbooks:Enabled"] = "false" });

        var error = Assert.Throws<ModuleConfigurationException>(() => factory.CreateClient());
        Assert.Contains("'Workbooks' is a core module and cannot be disabled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_service_client_gets_a_token_with_client_credentials()
    {
        await using var factory = new CollabAppFactory("Development", new Dictionary<string, string?>
        {
            ["Auth:Clients:0:ClientId"] = "reporting",
            ["Auth:Clients:0:ClientSecret"] = "s3cret-value-for-tests",
            ["Auth:Clients:0:DisplayName"] = "Reporting service",
        });
        using var client = factory.CreateClient();

        using var good = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "reporting",
            ["client_secret"] = "s3cret-value-for-tests",
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);

        using var bad = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "reporting",
            ["client_secret"] = "wrong",
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode); // PROTOCOL.md: wrong credentials are 400 with an OAuth error
        Assert.Contains("invalid_client", await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
