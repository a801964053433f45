using Collab.Kernel.Data;
using Collab.Kernel.Modules;
using Collab.Permissions.Contracts;
using Collab.Permissions.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.Permissions;

/// <summary>Roles per model and the one authorization service every other module asks.</summary>
public sealed class PermissionsModule : IModule
{
    public string Name => "Permissions";

    public bool IsCore => true;

    public void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<PermissionsDbContext>(PermissionsDbContext.TablePrefix);
        services.AddSingleton<IModelAuthorization, ModelAuthorization>();
    }
}
