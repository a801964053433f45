using Collab.Kernel.Data;
using Collab.Kernel.Modules;
using Collab.Permissions.Contracts;
using Collab.Permissions.Application.Members;
using Collab.Permissions.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.Permissions;

/// <summary>Roles per model and the one authorization service every other module asks.</summary>
public sealed class PermissionsModule : IModule
{
    public string Name => "Permissions";

    public bool IsCore => true;

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapPermissionEndpoints();

    public void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<PermissionsDbContext>(PermissionsDbContext.TablePrefix);
        services.AddSingleton<ModelAuthorization>();
        services.AddSingleton<IModelAuthorization>(sp => sp.GetRequiredService<ModelAuthorization>());
    }
}
