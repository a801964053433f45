using Hangfire;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.Kernel.Modules;

/// <summary>
/// A feature module: one class at the root of a module project. The Host creates every module,
/// reads <c>Modules:&lt;Name&gt;:Enabled</c> once at start-up, and calls the members below only for
/// enabled modules, so a disabled module registers nothing at all.
/// </summary>
public interface IModule
{
    /// <summary>The module's name; also its toggle key under <c>Modules</c> in appsettings.json.</summary>
    string Name { get; }

    /// <summary>Core modules cannot be disabled; start-up stops when someone tries.</summary>
    bool IsCore => false;

    /// <summary>Names of the modules this one builds on; start-up stops when one of them is disabled.</summary>
    IReadOnlyList<string> Requires => [];

    /// <summary>Registers the module's services (its DbContext, handlers' dependencies, options).</summary>
    void RegisterServices(IServiceCollection services, IConfiguration configuration);

    /// <summary>Maps the module's HTTP endpoints.</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
    }

    /// <summary>Entries the navigation drawer shows for this module.</summary>
    IReadOnlyList<NavigationEntry> Navigation => [];

    /// <summary>Schedules the module's recurring jobs.</summary>
    void RegisterJobs(IRecurringJobManager jobs, IConfiguration configuration)
    {
    }

    /// <summary>True when the module has Razor pages the router must discover.</summary>
    bool HasPages => false;
}

/// <summary>One link in the navigation drawer.</summary>
/// <param name="Title">Text shown in the drawer.</param>
/// <param name="Href">Relative address of the page.</param>
/// <param name="Icon">MudBlazor icon SVG.</param>
/// <param name="Order">Sort key; lower comes first.</param>
/// <param name="RequiresSystemAdmin">Shown only to system administrators.</param>
public sealed record NavigationEntry(string Title, string Href, string Icon, int Order = 100, bool RequiresSystemAdmin = false);
