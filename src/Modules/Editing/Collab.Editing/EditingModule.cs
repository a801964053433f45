using Collab.Editing.Application.Sessions;
using Collab.Editing.Contracts;
using Collab.Editing.Infrastructure;
using Collab.Kernel.Data;
using Collab.Kernel.Hubs;
using Collab.Kernel.Modules;
using Collab.Workbooks.Contracts;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Collab.Editing;

/// <summary>Live editing: the model sessions (the sequencer), the op log and snapshots, and the grid page.</summary>
public sealed class EditingModule : IModule
{
    public string Name => "Editing";

    public bool IsCore => true;

    public IReadOnlyList<string> Requires => ["Workbooks", "Permissions"];

    public bool HasPages => true;

    public void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EditingOptions>(configuration.GetSection("Editing"));
        services.AddModuleDbContext<EditingDbContext>(EditingDbContext.TablePrefix);
        services.AddSingleton<OpLogStore>();
        services.AddSingleton<SessionRegistry>();
        services.AddSingleton<NotificationQueue>();
        services.AddSingleton<EditingMetrics>();
        services.AddSingleton<SessionServices>();
        services.AddSingleton<ModelSessionManager>();
        services.AddSingleton<IModelSessions>(sp => sp.GetRequiredService<ModelSessionManager>());
        // Registered after Workbooks' snapshot reader, so reads see the live session.
        services.AddSingleton<IModelContent>(sp => sp.GetRequiredService<ModelSessionManager>());
        services.AddHostedService(sp => sp.GetRequiredService<ModelSessionManager>());
        services.AddHostedService<NotificationPublisher>();
        services.AddSingleton<HubSessions>();
        services.AddSingleton<IModelSessionHub>(sp => sp.GetRequiredService<HubSessions>());
        services.AddTransient<OpLogCompactionJob>();
    }

    public void RegisterJobs(IRecurringJobManager jobs, IConfiguration configuration) =>
        jobs.AddOrUpdate<OpLogCompactionJob>(OpLogCompactionJob.JobId, job => job.RunAsync(CancellationToken.None), Cron.Daily(3));
}
