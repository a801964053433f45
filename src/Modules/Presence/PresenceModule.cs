using Collab.Editing.Contracts;
using Collab.Kernel.Hubs;
using Collab.Kernel.Modules;
using Collab.Presence.Application.UpdatePresence;
using Collab.Presence.Components;
using Collab.Presence.Contracts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.Presence;

/// <summary>
/// Who is in a model and where: the hub's <c>UpdatePresence</c> (coalesced, fanned out as <c>PresenceChanged</c>), and
/// on the model page the avatars, others' cursors and selections, "is editing" hints, follow and jump. Not core: with it
/// off the grid works alone and nothing of this module is registered.
/// </summary>
public sealed class PresenceModule : IModule
{
    public string Name => "Presence";

    public IReadOnlyList<string> Requires => ["Editing"];

    public void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PresenceOptions>(configuration.GetSection("Presence"));
        services.AddSingleton<PresenceBoard>();
        services.AddSingleton<PresenceCoalescer>();
        services.AddSingleton<PresenceHub>();
        services.AddSingleton<IPresenceHub>(sp => sp.GetRequiredService<PresenceHub>());
        services.AddScoped(sp => new PresenceView(
            sp.GetRequiredService<IModelSessions>(), sp.GetRequiredService<PresenceHub>(), sp.GetRequiredService<PresenceBoard>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<PresenceOptions>>()));
        services.AddSingleton(new GridContribution(GridSlot.Toolbar, typeof(PresenceAvatars), 10));
        services.AddSingleton(new GridContribution(GridSlot.Overlay, typeof(PresenceCursors), 10));
    }
}
