using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using static Collab.IntegrationTests.Protocol.Wire;

namespace Collab.IntegrationTests.Protocol;

/// <summary>
/// A Development host as it starts from the repository's settings (the acceptance checks run against one): a test suite
/// signing the demo accounts in over and over and calling the API many times a minute is not throttled.
/// </summary>
public sealed class ProtocolDevelopmentLimitsTests
{
    /// <summary>The Host with only a private database and in-memory jobs: the rate limits are the settings files'.</summary>
    private sealed class PlainDevelopmentHost : WebApplicationFactory<Program>
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "collab-tests", Guid.NewGuid().ToString("N"));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Path", Path.Combine(_folder, "collab.db"));
            builder.UseSetting("Jobs:Storage", "InMemory");
            builder.UseSetting("Jobs:RunServer", "false");
            builder.UseSetting("Identity:Password:HashIterations", "1000"); // fast sign-ins; the limits are what is tested
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }

        protected override Microsoft.Extensions.Hosting.IHost CreateHost(Microsoft.Extensions.Hosting.IHostBuilder builder)
        {
            lock (Collab.Tests.Support.CollabAppFactory.StartGate)
            {
                return base.CreateHost(builder);
            }
        }
    }

    [Fact]
    public async Task A_suite_of_tests_is_not_rate_limited_on_sign_in_or_on_the_api()
    {
        await using var app = new PlainDevelopmentHost();
        using var client = app.CreateClient();

        string? token = null;
        for (var i = 0; i < 150; i++)
        {
            using var response = await client.PostAsync("/connect/token", PasswordGrant(i % 2 == 0 ? "alice@demo.local" : "bob@demo.local"), Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"token request {i + 1}: {(int)response.StatusCode}");
            token ??= JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("access_token").GetString();
        }

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        for (var i = 0; i < 1300; i++)
        {
            using var response = await client.GetAsync("/api/models", Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"api request {i + 1}: {(int)response.StatusCode}");
        }
    }
}
