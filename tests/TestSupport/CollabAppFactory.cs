using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Collab.Tests.Support;

/// <summary>
/// The real Host on a real SQLite file in a fresh temporary folder. Development by default (the demo accounts exist);
/// jobs use Hangfire's in-memory storage without a server; HTTP rate limits are raised so tests are not throttled.
/// </summary>
public class CollabAppFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Collab!2026";

    private readonly string _environment;
    private readonly Dictionary<string, string?> _settings;

    public CollabAppFactory(string environment, IDictionary<string, string?>? settings = null)
    {
        _environment = environment;
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        DataFolder = Path.Combine(Path.GetTempPath(), "collab-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataFolder);
    }

    /// <summary>The folder holding this host's database, keys and job storage.</summary>
    public string DataFolder { get; }

    /// <summary>The database file.</summary>
    public string DatabasePath => Path.Combine(DataFolder, "collab.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("Database:Path", DatabasePath);
        builder.UseSetting("Jobs:Storage", "InMemory");
        builder.UseSetting("Jobs:RunServer", "false");
        builder.UseSetting("RateLimits:TokenRequestsPerMinute", "100000");
        builder.UseSetting("RateLimits:ApiRequestsPerMinute", "100000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>
    /// Held while a host starts. Hosts of one test process starting at once race inside EF Core's migrator (the
    /// migrations' snapshot model is shared and finalized lazily: "The model must be finalized ... before
    /// 'GetRelationalModel' can be used"); one process runs one host in production, so tests start theirs one at a time.
    /// </summary>
    public static readonly Lock StartGate = new();

    protected override Microsoft.Extensions.Hosting.IHost CreateHost(Microsoft.Extensions.Hosting.IHostBuilder builder)
    {
        lock (StartGate)
        {
            return base.CreateHost(builder);
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _tokens = new();

    /// <summary>An access token from <c>/connect/token</c> with the password flow (one per user and password, reused).</summary>
    public async Task<string> GetTokenAsync(string email, string password = DemoPassword)
    {
        if (_tokens.TryGetValue(email + "\n" + password, out var cached))
        {
            return cached;
        }

        var token = await RequestTokenAsync(email, password);
        _tokens[email + "\n" + password] = token;
        return token;
    }

    private async Task<string> RequestTokenAsync(string email, string password)
    {
        using var client = CreateClient();
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = email,
            ["password"] = password,
            ["client_id"] = "collab-cli",
        }));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Token request for {email} failed: {(int)response.StatusCode} {body}");
        }

        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>A client that sends a bearer token for the user.</summary>
    public async Task<HttpClient> CreateClientForAsync(string email, string password = DemoPassword)
    {
        var token = await GetTokenAsync(email, password);
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates a model through REST and returns its id.</summary>
    public static async Task<string> CreateModelAsync(HttpClient client, string name)
    {
        using var response = await client.PostAsJsonAsync("/api/models", new { name });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(DataFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by SQLite's pool; the temp folder is cleaned by the OS.
            }
        }
    }
}

/// <summary>The Host in Development (demo accounts seeded), shared by the tests of one class.</summary>
public sealed class DevelopmentApp : CollabAppFactory
{
    public DevelopmentApp()
        : base("Development")
    {
    }
}
