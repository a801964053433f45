using Collab.Editing.Application.Sessions;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Collab.Editing.Infrastructure;

/// <summary>Publishes the sessions' notifications on the mediator in order, away from the sequencers.</summary>
internal sealed class NotificationPublisher(NotificationQueue queue, IServiceScopeFactory scopes, ILogger<NotificationPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var notification in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(notification, stoppingToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    logger.LogError(error, "A handler of {Notification} failed", notification.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
