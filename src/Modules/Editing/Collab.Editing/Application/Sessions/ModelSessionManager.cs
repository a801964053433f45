using System.Collections.Concurrent;
using Collab.Editing.Contracts;
using Collab.Kernel.Modules;
using Collab.Workbooks.Contracts;
using Collab.Workbooks.Engine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Collab.Editing.Application.Sessions;

/// <summary>
/// Opens a model's session on first use (one per model, shared by every member), and unloads it after an idle time.
/// Also the live <see cref="IModelContent"/>: reads see the workbook as of the last applied op.
/// </summary>
internal sealed class ModelSessionManager(
    SessionRegistry registry,
    SessionServices services,
    IModelDirectory models,
    ILogger<ModelSessionManager> logger) : IModelSessions, IModelContent, IHostedService, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ModelSession>>> _loading = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private int _stopped;
    private Task _sweeper = Task.CompletedTask;

    /// <summary>The open session of the model, loaded when needed; null when the model does not exist.</summary>
    public async Task<ModelSession?> GetAsync(string modelId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(modelId) || modelId.Length > 64 || !await models.ExistsAsync(modelId, cancellationToken))
        {
            return null;
        }

        while (true)
        {
            if (registry.TryGet(modelId, out var open))
            {
                if (!open.IsClosed)
                {
                    return open;
                }

                registry.Remove(open);
            }

            var loading = _loading.GetOrAdd(modelId, id => new Lazy<Task<ModelSession>>(() => LoadAsync(id)));
            try
            {
                var session = await loading.Value.WaitAsync(cancellationToken);
                if (!session.IsClosed)
                {
                    return session;
                }
            }
            finally
            {
                _loading.TryRemove(new KeyValuePair<string, Lazy<Task<ModelSession>>>(modelId, loading));
            }
        }
    }

    private async Task<ModelSession> LoadAsync(string modelId)
    {
        var session = await ModelSession.LoadAsync(modelId, services, _stopping.Token);
        registry.Add(session);
        logger.LogInformation("Opened model {ModelId} at revision {Revision}", modelId, session.Revision);
        return session;
    }

    public async Task<T> ReadAsync<T>(string modelId, Func<Workbook, long, T> read, CancellationToken cancellationToken = default)
    {
        var session = await GetAsync(modelId, cancellationToken) ?? throw new KeyNotFoundException($"No model {modelId}.");
        return session.Read(read);
    }

    public IReadOnlyList<SessionMemberInfo> Members(string modelId) =>
        registry.TryGet(modelId, out var session) ? session.Members : [];

    public void Broadcast(string modelId, string method, object payload, string? exceptMemberId = null)
    {
        if (registry.TryGet(modelId, out var session))
        {
            session.Broadcast(method, payload, exceptMemberId);
        }
    }

    public bool IsMember(string modelId, string memberId) => registry.TryGet(modelId, out var session) && session.IsMember(memberId);

    /// <summary>Closes the model's session now (the model was deleted), telling its members why.</summary>
    public async Task CloseAsync(string modelId, string reason)
    {
        if (registry.TryGet(modelId, out var session))
        {
            registry.Remove(session);
            await session.CloseAsync(reason);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _sweeper = Task.Run(() => SweepAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Once only: a host may stop twice (an application stop, then the factory's disposal) or be disposed first.
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _sweeper.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        foreach (var session in registry.Snapshot())
        {
            registry.Remove(session);
            await session.CloseAsync("The server is shutting down; reconnect in a moment.");
        }
    }

    private async Task SweepAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Clamp(services.Options.IdleUnloadSeconds / 4, 1, 30)), services.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                var idleSince = services.Time.GetUtcNow() - TimeSpan.FromSeconds(services.Options.IdleUnloadSeconds);
                foreach (var session in registry.Snapshot().Where(s => s.MemberCount == 0 && s.QueueDepth == 0 && s.LastActivity < idleSince))
                {
                    registry.Remove(session);
                    await session.CloseAsync("The model was idle.");
                    logger.LogInformation("Unloaded idle model {ModelId} at revision {Revision}", session.ModelId, session.Revision);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _stopping.Dispose();
    }
}
