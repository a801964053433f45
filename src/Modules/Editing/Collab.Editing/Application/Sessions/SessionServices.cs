using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Collab.Editing.Contracts;
using Collab.Editing.Infrastructure;
using Collab.Permissions.Contracts;
using Collab.Workbooks.Contracts;
using Mediator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Collab.Editing.Application.Sessions;

/// <summary>What every session needs, shared: stores, the authorization service, settings, the clock, metrics.</summary>
internal sealed class SessionServices(
    IWorkbookStore store,
    OpLogStore opLog,
    IModelAuthorization authorization,
    IOptions<EditingOptions> options,
    TimeProvider time,
    EditingMetrics metrics,
    NotificationQueue notifications,
    ILoggerFactory loggers)
{
    public IWorkbookStore Store { get; } = store;

    public OpLogStore OpLog { get; } = opLog;

    public IModelAuthorization Authorization { get; } = authorization;

    public EditingOptions Options { get; } = options.Value;

    public TimeProvider Time { get; } = time;

    public EditingMetrics Metrics { get; } = metrics;

    public NotificationQueue Notifications { get; } = notifications;

    public ILogger Logger { get; } = loggers.CreateLogger("Collab.Editing.ModelSession");
}

/// <summary>
/// Notifications to publish on the mediator, off the sequencer's path: the session queues them, a background service
/// publishes them in order (History, Notifications and the activity feed react there).
/// </summary>
internal sealed class NotificationQueue
{
    private readonly Channel<INotification> _queue = Channel.CreateUnbounded<INotification>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<INotification> Reader => _queue.Reader;

    public void Enqueue(INotification notification) => _queue.Writer.TryWrite(notification);
}

/// <summary>The Editing module's metrics (System.Diagnostics.Metrics, meter <c>Collab.Editing</c>).</summary>
internal sealed class EditingMetrics : IDisposable
{
    public const string MeterName = "Collab.Editing";

    private readonly Meter _meter;

    public EditingMetrics(IMeterFactory meters, SessionRegistry registry)
    {
        _meter = meters.Create(MeterName);
        var sessions = registry.Snapshot;
        OpsApplied = _meter.CreateCounter<long>("collab.editing.ops_applied", description: "Operations applied and stored.");
        Conflicts = _meter.CreateCounter<long>("collab.editing.conflicts", description: "Conflicts sent to authors whose value was lost.");
        Transforms = _meter.CreateCounter<long>("collab.editing.transforms", description: "Transformations of a submission against a concurrent op.");
        Rejected = _meter.CreateCounter<long>("collab.editing.ops_rejected", description: "Submissions refused, by error code.");
        CommitBatchSize = _meter.CreateHistogram<int>("collab.editing.commit_batch_size", description: "Ops stored per transaction.");
        CommitDuration = _meter.CreateHistogram<double>("collab.editing.commit_duration", unit: "ms", description: "Time to store one batch.");
        MembersDropped = _meter.CreateCounter<long>("collab.editing.members_dropped", description: "Members dropped for falling behind.");
        _meter.CreateObservableGauge("collab.editing.queue_depth", () => sessions().Sum(s => (long)s.QueueDepth), description: "Submissions waiting in every session.");
        _meter.CreateObservableGauge("collab.editing.sessions", () => sessions().Count, description: "Open model sessions.");
        _meter.CreateObservableGauge("collab.editing.members", () => sessions().Select(s => new Measurement<int>(s.MemberCount, new KeyValuePair<string, object?>("model", s.ModelId))), description: "Members per session.");
    }

    public Counter<long> OpsApplied { get; }

    public Counter<long> Conflicts { get; }

    public Counter<long> Transforms { get; }

    public Counter<long> Rejected { get; }

    public Histogram<int> CommitBatchSize { get; }

    public Histogram<double> CommitDuration { get; }

    public Counter<long> MembersDropped { get; }

    public void Dispose() => _meter.Dispose();
}
