using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Collab.Tests.Support;
using static Collab.IntegrationTests.Protocol.Wire;

namespace Collab.IntegrationTests.Protocol;

/// <summary>PROTOCOL.md, Authentication: <c>POST /connect/token</c> and how tokens reach REST and the hub.</summary>
public class ProtocolAuthTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    private static readonly Dictionary<string, string?> ServiceClient = new()
    {
        ["Auth:Clients:0:ClientId"] = "reporting",
        ["Auth:Clients:0:ClientSecret"] = "s3cret-value-for-tests",
        ["Auth:Clients:0:DisplayName"] = "Reporting service",
    };

    private static void AssertTokenResponse(JsonElement body)
    {
        Assert.False(string.IsNullOrEmpty(body.GetProperty("access_token").GetString()));
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("expires_in").ValueKind);
        Assert.True(body.GetProperty("expires_in").GetInt64() > 0);
    }

    [Theory]
    [InlineData("admin@demo.local")]
    [InlineData("alice@demo.local")]
    [InlineData("bob@demo.local")]
    [InlineData("carol@demo.local")]
    public async Task The_password_grant_answers_access_token_token_type_Bearer_and_expires_in_for_every_demo_account(string email)
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsync("/connect/token", PasswordGrant(email), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await JsonAsync(response);
        AssertTokenResponse(body);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("access_token").GetString());
        using var models = await client.GetAsync("/api/models", Ct);
        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
    }

    [Theory]
    [InlineData("alice@demo.local", "wrong-password")]
    [InlineData("nobody@demo.local", Password)]
    public async Task Wrong_credentials_are_400_with_an_oauth_error_body(string email, string password)
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsync("/connect/token", PasswordGrant(email, password), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
        Assert.False(body.TryGetProperty("access_token", out _));
    }

    [Fact]
    public async Task A_missing_password_is_400_with_an_oauth_error_body()
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsync("/connect/token", PasswordGrant("alice@demo.local", ""), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrEmpty((await JsonAsync(response)).GetProperty("error").GetString()));
    }

    [Fact]
    public async Task The_client_credentials_grant_gives_a_configured_service_a_token_and_a_wrong_secret_is_400()
    {
        await using var serviceApp = new CollabAppFactory("Development", ServiceClient);
        using var client = serviceApp.CreateClient();

        using var good = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "reporting",
            ["client_secret"] = "s3cret-value-for-tests",
        }), Ct);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var token = await JsonAsync(good);
        AssertTokenResponse(token);

        using var bad = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "reporting",
            ["client_secret"] = "wrong",
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("invalid_client", (await JsonAsync(bad)).GetProperty("error").GetString());

        using var unknown = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "no-such-client",
            ["client_secret"] = "whatever",
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("invalid_client", (await JsonAsync(unknown)).GetProperty("error").GetString());

        // The service's token works on REST and at the hub.
        using var api = serviceApp.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        using var models = await api.GetAsync("/api/models", Ct);
        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        using var created = await api.PostAsync("/api/models", JsonContent.Create(new { name = "Service model" }), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await using var hub = await RawHub.ConnectWithTokenAsync(serviceApp, token.GetProperty("access_token").GetString()!, inHeader: true);
        var joined = await hub.JoinAsync((await JsonAsync(created)).GetProperty("id").GetString()!);
        Assert.Equal("admin", joined.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_and_the_right_password_is_refused_with_400()
    {
        await using var lockApp = new CollabAppFactory("Development");
        using var client = lockApp.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await client.PostAsync("/connect/token", PasswordGrant("carol@demo.local", "wrong-" + i), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using var locked = await client.PostAsync("/connect/token", PasswordGrant("carol@demo.local"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        Assert.Equal("invalid_grant", (await JsonAsync(locked)).GetProperty("error").GetString());

        // Someone else is not affected.
        using var other = await client.PostAsync("/connect/token", PasswordGrant("bob@demo.local"), Ct);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task The_hub_takes_the_token_as_the_authorization_header_and_as_the_access_token_query_parameter()
    {
        var token = await TokenAsync(app, "alice@demo.local");
        using var alice = await HttpAsync(app, "alice@demo.local");
        var modelId = await CreateModelAsync(alice, "Token places");

        await using var byHeader = await RawHub.ConnectWithTokenAsync(app, token, inHeader: true);
        await using var byQuery = await RawHub.ConnectWithTokenAsync(app, token, inHeader: false);

        Assert.Equal("admin", (await byHeader.JoinAsync(modelId)).GetProperty("role").GetString());
        Assert.Equal("admin", (await byQuery.JoinAsync(modelId)).GetProperty("role").GetString());
    }

    [Fact]
    public async Task Rest_without_a_token_or_with_a_bad_one_is_401_problem_details()
    {
        using var client = app.CreateClient();

        foreach (var (method, path) in new[] { ("GET", "/api/models"), ("POST", "/api/models"), ("GET", "/api/users?search=a"), ("POST", "/api/users"), ("GET", "/api/models/x/cells"), ("GET", "/api/models/x/export"), ("PUT", "/api/models/x/permissions/y"), ("DELETE", "/api/models/x/permissions/y") })
        {
            foreach (var authorization in new string?[] { null, "Bearer not-a-token" })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (authorization is not null)
                {
                    request.Headers.TryAddWithoutValidation("Authorization", authorization);
                }

                if (method is "POST" or "PUT")
                {
                    request.Content = JsonContent.Create(new { name = "x", role = "viewer" });
                }

                using var response = await client.SendAsync(request, Ct);
                Assert.True(HttpStatusCode.Unauthorized == response.StatusCode, $"{method} {path} ({authorization ?? "no token"}): {(int)response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                var problem = await JsonAsync(response);
                Assert.Equal(401, problem.GetProperty("status").GetInt32());
                Assert.Equal("unauthorized", problem.GetProperty("code").GetString());
            }
        }
    }
}
