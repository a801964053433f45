using Collab.Host.Auth;
using Collab.Host.Components;
using Collab.Host.Api;
using Collab.Kernel.Hubs;
using Collab.Host.Identity;
using Collab.Host.Security;
using Collab.Kernel.Data;
using Collab.Kernel.Modules;
using FluentValidation;
using Hangfire;
using Hangfire.Storage.SQLite;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration.Json;
using MudBlazor.Services;

namespace Collab.Host.Composition;

/// <summary>Composes the Host from the enabled modules; Program.cs calls these three methods and nothing else.</summary>
public static class CollabComposition
{
    /// <summary>Registers everything: configuration, database, auth, the UI, the hub and every enabled module.</summary>
    public static void AddCollab(this WebApplicationBuilder builder, IReadOnlyList<IModule> modules)
    {
        AddTopLevelConfiguration(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;

        var catalog = ModuleCatalog.Load(modules, configuration);
        services.AddSingleton(catalog);
        services.AddSingleton(TimeProvider.System);

        var database = new CollabDatabase(ResolveDatabasePath(configuration, builder.Environment));
        Directory.CreateDirectory(database.Folder);
        services.AddSingleton(database);

        builder.AddCollabAuth(database);
        services.AddCollabRateLimits(configuration);
        services.AddProblemDetails();
        // Malformed JSON is the caller's mistake: answer 400 problem details, in every environment.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        // Well above Editing:MaxOperationJsonLength: an oversized op is answered too_large (PROTOCOL.md) instead of the
        // transport closing the connection; only a message beyond this closes it.
        services.AddSignalR(options => options.MaximumReceiveMessageSize = configuration.GetValue("Hub:MaximumReceiveMessageSize", 16 * 1024 * 1024))
            .AddJsonProtocol(options => options.PayloadSerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);
        services.AddSingleton<Kernel.Hubs.HubRateLimiter>();
        services.AddSingleton<Kernel.Hubs.CollabHubLifetimeManager>();
        services.AddSingleton<Microsoft.AspNetCore.SignalR.HubLifetimeManager<Kernel.Hubs.CollabHub>>(sp => sp.GetRequiredService<Kernel.Hubs.CollabHubLifetimeManager>());
        services.Configure<ForwardedHeadersOptions>(options => options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

        // The mediator sees every module assembly; handlers of disabled modules exist as code but their services are absent.
        services.AddMediator((Mediator.MediatorOptions options) =>
        {
            options.Assemblies = [typeof(CollabComposition), typeof(Collab.Permissions.PermissionsModule), typeof(Collab.Workbooks.WorkbooksModule), typeof(Collab.Editing.EditingModule), typeof(Collab.Presence.PresenceModule)];
            options.ServiceLifetime = ServiceLifetime.Scoped;
        });

        AddJobs(services, configuration, database);

        foreach (var module in catalog.Enabled)
        {
            services.AddValidatorsFromAssembly(module.GetType().Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
            module.RegisterServices(services, configuration);
        }

        services.AddValidatorsFromAssembly(typeof(CollabComposition).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
    }

    /// <summary>Applies every module's migrations and seeds what this environment needs.</summary>
    public static async Task PrepareCollabAsync(this WebApplication app)
    {
        var database = app.Services.GetRequiredService<CollabDatabase>();
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode=WAL;";
            await pragma.ExecuteNonQueryAsync();
        }

        foreach (var registration in app.Services.GetServices<ModuleDbContextRegistration>())
        {
            var factoryType = typeof(IDbContextFactory<>).MakeGenericType(registration.ContextType);
            dynamic factory = app.Services.GetRequiredService(factoryType);
            await using DbContext context = factory.CreateDbContext();
            await context.Database.MigrateAsync();
        }

        await using var scope = app.Services.CreateAsyncScope();
        var seedDemo = app.Environment.IsDevelopment() && app.Configuration.GetValue("Demo:Seed", true);
        await DemoAccounts.SeedAsync(scope.ServiceProvider, seedDemo);
        foreach (var seeder in scope.ServiceProvider.GetServices<IStartupSeeder>())
        {
            await seeder.SeedAsync(seedDemo, app.Lifetime.ApplicationStopping);
        }

        var catalog = app.Services.GetRequiredService<ModuleCatalog>();
        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        foreach (var module in catalog.Enabled)
        {
            module.RegisterJobs(jobs, app.Configuration);
        }
    }

    /// <summary>The middleware pipeline and every endpoint of the enabled modules.</summary>
    public static void UseCollab(this WebApplication app)
    {
        var catalog = app.Services.GetRequiredService<ModuleCatalog>();
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        else
        {
            app.UseExceptionHandler();
        }

        // People get the 404 page; API callers get problem details, written by the inner handler so the outer one skips them.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseStatusCodePages(WriteApiStatusAsync);
        app.UseSecurityHeaders();
        app.UseHubTokenFromQueryString();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = DatabaseHealthCheck.WriteAsync }).AllowAnonymous();
        app.MapTokenEndpoint();
        app.MapAccountEndpoints();
        app.MapUserEndpoints();
        app.MapHub<CollabHub>("/hubs/collab");
        foreach (var module in catalog.Enabled)
        {
            module.MapEndpoints(app);
        }

        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode()
            .AddAdditionalAssemblies([.. catalog.PageAssemblies]);
    }

    private static async Task WriteApiStatusAsync(StatusCodeContext context)
    {
        var response = context.HttpContext.Response;
        if (!AuthSetup.IsApi(context.HttpContext.Request) || response.HasStarted || response.ContentLength is not null || !string.IsNullOrEmpty(response.ContentType))
        {
            return;
        }

        var (code, detail) = response.StatusCode switch
        {
            400 => (Kernel.Api.ErrorCodes.InvalidInput, "The request could not be read: check its JSON or form body and its parameters."),
            401 => (Kernel.Api.ErrorCodes.Unauthorized, "Sign in, or send a bearer token from /connect/token."),
            403 => (Kernel.Api.ErrorCodes.Forbidden, "You may not do this."),
            404 => (Kernel.Api.ErrorCodes.NotFound, "Nothing is here."),
            405 => ("method_not_allowed", "This address does not accept that method."),
            413 => (Kernel.Api.ErrorCodes.TooLarge, "The request is too large."),
            415 => (Kernel.Api.ErrorCodes.InvalidInput, "Send the body as application/json."),
            _ => ("error", "The request failed."),
        };
        await Kernel.Api.ApiProblem.Create(response.StatusCode, code, detail).ExecuteAsync(context.HttpContext);
    }

    private static void AddJobs(IServiceCollection services, IConfiguration configuration, CollabDatabase database)
    {
        var storage = configuration["Jobs:Storage"] ?? "SQLite";
        services.AddHangfire(hangfire =>
        {
            hangfire.SetDataCompatibilityLevel(Hangfire.CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            if (string.Equals(storage, "InMemory", StringComparison.OrdinalIgnoreCase))
            {
                hangfire.UseInMemoryStorage();
            }
            else
            {
                hangfire.UseSQLiteStorage(Path.Combine(database.Folder, "jobs.db"), new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromMilliseconds(500) });
            }
        });
        if (configuration.GetValue("Jobs:RunServer", true))
        {
            services.AddHangfireServer(options => options.WorkerCount = Math.Max(2, Environment.ProcessorCount));
        }
    }

    private static void AddTopLevelConfiguration(WebApplicationBuilder builder)
    {
        // appsettings.json lives at the repository's top level and is copied beside the Host's binaries;
        // it goes first so that environment variables and the command line still override it.
        var baseDirectory = AppContext.BaseDirectory;
        var sources = builder.Configuration.Sources;
        sources.Insert(0, JsonFile(Path.Combine(baseDirectory, "appsettings.json")));
        sources.Insert(1, JsonFile(Path.Combine(baseDirectory, $"appsettings.{builder.Environment.EnvironmentName}.json")));
    }

    private static JsonConfigurationSource JsonFile(string path)
    {
        var source = new JsonConfigurationSource { Path = path, Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        return source;
    }

    private static string ResolveDatabasePath(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var path = configuration["Database:Path"] ?? "data/collab.db";
        return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(environment.ContentRootPath, path));
    }
}
