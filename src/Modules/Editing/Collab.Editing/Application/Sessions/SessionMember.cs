using System.Diagnostics;
using System.Threading.Channels;
using Collab.Kernel.Security;
using Collab.Permissions.Contracts;

namespace Collab.Editing.Application.Sessions;

/// <summary>Where a member is connected from.</summary>
internal enum MemberKind
{
    Browser,
    Hub,
}

/// <summary>Someone in a model's session: a browser circuit or a hub connection.</summary>
internal interface ISessionMember
{
    /// <summary>Unique per connection (hub connection id, or a browser session id).</summary>
    string MemberId { get; }

    Actor Actor { get; }

    string DisplayName { get; }

    string Color { get; }

    MemberKind Kind { get; }

    /// <summary>Delivers messages in order; called from the member's own sender, never from the sequencer.</summary>
    Task DeliverAsync(IReadOnlyList<SessionMessage> messages);

    /// <summary>The server removed the member (fell behind, access removed, model deleted); it may rejoin.</summary>
    void Dropped(string reason);
}

/// <summary>
/// A member inside a session: its role and a bounded outbox drained by its own sender task, so that the sequencer never
/// waits on anyone. A member whose outbox is full has fallen behind: it is dropped and rejoins from a snapshot. After a
/// delivery the sender waits out the fan-out interval before the next one, so that a busy model's ops reach each member
/// in batches (fewer, larger messages) while an idle member's next message goes out at once.
/// </summary>
internal sealed class MemberConnection
{
    private readonly Channel<SessionMessage> _outbox;
    private readonly Task _sender;
    private readonly FanOutClock? _clock;

    /// <param name="member">Who receives.</param>
    /// <param name="role">The member's role in the model.</param>
    /// <param name="capacity">Messages the outbox holds before the member counts as fallen behind.</param>
    /// <param name="clock">The model's fan-out clock (no batching when null or its interval is zero).</param>
    public MemberConnection(ISessionMember member, ModelRole role, int capacity, FanOutClock? clock = null)
    {
        _clock = clock;
        Member = member;
        Role = role;
        _outbox = Channel.CreateBounded<SessionMessage>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = false,
            // Wait mode: TryWrite answers false when full (the Drop modes would drop silently and still answer true).
            FullMode = BoundedChannelFullMode.Wait,
        });
        _sender = Task.Run(SendLoopAsync);
    }

    public ISessionMember Member { get; }

    public ModelRole Role { get; set; }

    /// <summary>Messages waiting to go out.</summary>
    public int Backlog => _outbox.Reader.Count;

    /// <summary>Queues a message; false when the outbox is full (the member fell behind) or closed.</summary>
    public bool TryEnqueue(SessionMessage message) => _outbox.Writer.TryWrite(message);

    /// <summary>Stops the sender after what is queued went out.</summary>
    public Task CloseAsync()
    {
        _outbox.Writer.TryComplete();
        return _sender;
    }

    private async Task SendLoopAsync()
    {
        try
        {
            await SendAllAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The sender itself failed (waiting, not delivering): nothing more would reach the member, so the outbox
            // closes; the session's next message finds it closed and drops the member, who rejoins from a snapshot.
            _outbox.Writer.TryComplete();
        }
    }

    private async Task SendAllAsync()
    {
        var batch = new List<SessionMessage>();
        long? lastDelivery = null;
        while (await _outbox.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            if (lastDelivery is { } last && _clock is { } clock && clock.Interval - Stopwatch.GetElapsedTime(last) is { Ticks: > 0 } wait)
            {
                await clock.NextTickAsync(wait).ConfigureAwait(false);
            }

            while (batch.Count < 1000 && _outbox.Reader.TryRead(out var message))
            {
                batch.Add(message);
            }

            try
            {
                await Member.DeliverAsync(batch).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // A member that cannot be reached is cleaned up by its disconnect; the session goes on.
            }

            batch.Clear();
            lastDelivery = Stopwatch.GetTimestamp();
        }
    }
}

/// <summary>
/// The batched fan-out's clock, one per model: a member that delivered less than <see cref="Interval"/> ago waits for
/// the next tick, and every member waiting then shares it (one timer per model instead of one per member and batch).
/// A tick is armed by the first member to wait after the previous one, for when that member's interval ends.
/// </summary>
internal sealed class FanOutClock(Func<TimeSpan> interval)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource? _next;

    /// <summary>The interval now (zero: no batching).</summary>
    public TimeSpan Interval => interval();

    /// <summary>Completes at the next tick; none armed, one is, <paramref name="wait"/> from now.</summary>
    public Task NextTickAsync(TimeSpan wait)
    {
        TaskCompletionSource tick;
        lock (_gate)
        {
            if (_next is not null)
            {
                return _next.Task;
            }

            tick = _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _ = TickAfterAsync(wait, tick); // outside the lock: a wait under a millisecond completes at once
        return tick.Task;
    }

    private async Task TickAfterAsync(TimeSpan wait, TaskCompletionSource tick)
    {
        await Task.Delay(wait).ConfigureAwait(false);
        lock (_gate)
        {
            if (_next == tick)
            {
                _next = null;
            }
        }

        tick.TrySetResult();
    }
}
