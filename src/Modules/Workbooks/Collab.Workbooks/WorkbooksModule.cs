using Collab.Kernel.Data;
using Collab.Kernel.Modules;
using Collab.Workbooks.Application.Models;
using Collab.Workbooks.Contracts;
using Collab.Workbooks.Infrastructure;
using Collab.Workbooks.Infrastructure.Demo;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Collab.Workbooks;

/// <summary>The financial models: the catalog, their workbooks, import and export.</summary>
public sealed class WorkbooksModule : IModule
{
    public string Name => "Workbooks";

    public bool IsCore => true;

    public IReadOnlyList<string> Requires => ["Permissions"];

    public bool HasPages => true;

    public IReadOnlyList<NavigationEntry> Navigation => [new("Models", "/models", Icons.Material.Filled.GridOn, 10)];

    public void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<WorkbooksDbContext>(WorkbooksDbContext.TablePrefix);
        services.AddSingleton(Application.Transfer.ImportSettings.From(configuration));
        services.AddSingleton<IWorkbookStore, WorkbookStore>();
        services.AddSingleton<IModelContent, SnapshotModelContent>();
        services.AddSingleton<ModelDirectory>();
        services.AddSingleton<IStartupSeeder, DemoModelSeeder>();
        services.AddSingleton<IModelDirectory>(sp => sp.GetRequiredService<ModelDirectory>());
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapModelEndpoints();
}
