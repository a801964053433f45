using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Collab.Tests.Support;

namespace Collab.IntegrationTests;

public partial class AuthenticationTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    private static FormUrlEncodedContent PasswordGrant(string email, string password) => new(new Dictionary<string, string>
    {
        ["grant_type"] = "password",
        ["username"] = email,
        ["password"] = password,
        ["client_id"] = "collab-cli",
    });

    [Fact]
    public async Task A_demo_user_gets_a_bearer_token_that_the_api_accepts()
    {
        using var client = app.CreateClient();
        using var response = await client.PostAsync("/connect/token", PasswordGrant("alice@demo.local", CollabAppFactory.DemoPassword), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.True(body.GetProperty("expires_in").GetInt32() > 0);

        client.DefaultRequestHeaders.Authorization = new("Bearer", body.GetProperty("access_token").GetString());
        using var models = await client.GetAsync("/api/models", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_gets_400_with_an_oauth_error()
    {
        using var client = app.CreateClient();
        using var response = await client.PostAsync("/connect/token", PasswordGrant("bob@demo.local", "not-the-password"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_against_the_right_password()
    {
        using var admin = await app.CreateClientForAsync("admin@demo.local");
        const string email = "lockme@demo.local";
        using (var created = await admin.PostAsJsonAsync("/api/users", new { email, displayName = "Lock Me", password = CollabAppFactory.DemoPassword }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var client = app.CreateClient();
        for (var i = 0; i < 4; i++)
        {
            using var wrong = await client.PostAsync("/connect/token", PasswordGrant(email, "wrong"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        // Four failures do not lock: the right password still works.
        using (var right = await client.PostAsync("/connect/token", PasswordGrant(email, CollabAppFactory.DemoPassword), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        }

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await client.PostAsync("/connect/token", PasswordGrant(email, "wrong"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using var locked = await client.PostAsync("/connect/token", PasswordGrant(email, CollabAppFactory.DemoPassword), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Signing_in_with_the_form_sets_a_cookie_that_opens_the_models_page_and_signing_out_clears_it()
    {
        using var client = app.CreateClient();
        using (var anonymous = await client.GetAsync("/models", TestContext.Current.CancellationToken))
        {
            Assert.Contains("/account/login", anonymous.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        }

        var loginPage = await client.GetStringAsync("/account/login", TestContext.Current.CancellationToken);
        using var signIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = AntiforgeryToken(loginPage),
            ["Input.Email"] = "carol@demo.local",
            ["Input.Password"] = CollabAppFactory.DemoPassword,
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal("/models", signIn.RequestMessage!.RequestUri!.AbsolutePath);
        var page = await signIn.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("Carol Chen", page, StringComparison.Ordinal);

        using var api = await client.GetAsync("/api/models", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);

        var models = await client.GetStringAsync("/models", TestContext.Current.CancellationToken);
        using var signOut = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(models),
        }), TestContext.Current.CancellationToken);
        Assert.Equal("/account/login", signOut.RequestMessage!.RequestUri!.AbsolutePath);

        using var after = await client.GetAsync("/api/models", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task An_unknown_model_and_a_model_one_may_not_see_both_open_the_not_found_page_with_404()
    {
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        using var created = await alice.PostAsJsonAsync("/api/models", new { name = "Alice only" }, TestContext.Current.CancellationToken);
        var hidden = (await created.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetString()!;
        using (var unknownApi = await alice.GetAsync("/api/models/no-such-model", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknownApi.StatusCode);
        }

        using var client = app.CreateClient();
        var loginPage = await client.GetStringAsync("/account/login", TestContext.Current.CancellationToken);
        using var signIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = AntiforgeryToken(loginPage),
            ["Input.Email"] = "carol@demo.local",
            ["Input.Password"] = CollabAppFactory.DemoPassword,
        }), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);

        // The same answer for both: whether the model exists does not leak.
        foreach (var id in new[] { "no-such-model", hidden })
        {
            using var page = await client.GetAsync($"/models/{id}", TestContext.Current.CancellationToken);
            var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.Contains("data-testid=\"not-found\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Alice only", html, StringComparison.Ordinal);
            Assert.DoesNotContain("forbidden", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("access-removed", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_wrong_password_in_the_form_shows_an_error_and_sets_no_cookie()
    {
        using var client = app.CreateClient();
        var loginPage = await client.GetStringAsync("/account/login", TestContext.Current.CancellationToken);
        using var signIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = AntiforgeryToken(loginPage),
            ["Input.Email"] = "carol@demo.local",
            ["Input.Password"] = "nope",
        }), TestContext.Current.CancellationToken);

        Assert.Contains("The email or password is wrong.", await signIn.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var api = await client.GetAsync("/api/models", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task The_sign_in_form_refuses_a_post_without_the_antiforgery_token()
    {
        using var client = app.CreateClient();
        using var signIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Email"] = "carol@demo.local",
            ["Input.Password"] = CollabAppFactory.DemoPassword,
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
    }

    private static string AntiforgeryToken(string html) =>
        AntiforgeryPattern().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No antiforgery token in the page.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();
}
