using Collab.Editing.Application.Sessions;

namespace Collab.Editing.Tests;

/// <summary>The batched fan-out's clock: members that must wait share one tick per model.</summary>
public class FanOutClockTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Members_waiting_before_the_tick_share_it_and_the_next_wait_arms_a_new_one()
    {
        var clock = new FanOutClock(() => TimeSpan.FromMilliseconds(20));
        var first = clock.NextTickAsync(TimeSpan.FromMilliseconds(50));
        var second = clock.NextTickAsync(TimeSpan.FromMinutes(10)); // armed already: it gets the same tick

        Assert.Same(first, second);
        await first.WaitAsync(Long, TestContext.Current.CancellationToken);

        var next = clock.NextTickAsync(TimeSpan.FromMilliseconds(10));
        Assert.NotSame(first, next);
        await next.WaitAsync(Long, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5_000)]
    public async Task A_wait_shorter_than_a_millisecond_ticks_at_once(long ticks)
    {
        // Task.Delay of under a millisecond completes synchronously: the tick must still be handed out and re-armed.
        var clock = new FanOutClock(() => TimeSpan.FromMilliseconds(20));
        for (var i = 0; i < 3; i++)
        {
            await clock.NextTickAsync(TimeSpan.FromTicks(ticks)).WaitAsync(Long, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public void The_interval_is_read_each_time()
    {
        var interval = TimeSpan.Zero;
        var clock = new FanOutClock(() => interval);
        Assert.Equal(TimeSpan.Zero, clock.Interval);
        interval = TimeSpan.FromMilliseconds(20);
        Assert.Equal(TimeSpan.FromMilliseconds(20), clock.Interval);
    }

    [Fact]
    public async Task A_sender_that_fails_while_waiting_closes_the_outbox_so_the_session_drops_the_member()
    {
        var calls = 0;
        var clock = new FanOutClock(() => ++calls == 1 ? TimeSpan.FromMilliseconds(1) : throw new InvalidOperationException("broken clock"));
        var member = new RecordingMember();
        var connection = new MemberConnection(member, Permissions.Contracts.ModelRole.Editor, capacity: 100, clock);

        Assert.True(connection.TryEnqueue(new SessionMessage("PresenceChanged", 1)));
        await member.Delivered.Task.WaitAsync(Long, TestContext.Current.CancellationToken);
        Assert.True(connection.TryEnqueue(new SessionMessage("PresenceChanged", 2))); // waits: the clock answers
        Assert.True(connection.TryEnqueue(new SessionMessage("PresenceChanged", 3))); // waits: the clock throws

        // Without the guard the sender died silently and the outbox kept accepting until 100 messages had piled up.
        var deadline = DateTime.UtcNow + Long;
        while (connection.TryEnqueue(new SessionMessage("PresenceChanged", 4)) && connection.Backlog < 50 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.False(connection.TryEnqueue(new SessionMessage("PresenceChanged", 5)));
        await connection.CloseAsync().WaitAsync(Long, TestContext.Current.CancellationToken); // ended, not faulted
    }

    private sealed class RecordingMember : ISessionMember
    {
        public TaskCompletionSource Delivered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string MemberId => "m1";

        public Kernel.Security.Actor Actor => throw new NotSupportedException();

        public string DisplayName => "M";

        public string Color => "#000";

        public MemberKind Kind => MemberKind.Hub;

        public Task DeliverAsync(IReadOnlyList<SessionMessage> messages)
        {
            Delivered.TrySetResult();
            return Task.CompletedTask;
        }

        public void Dropped(string reason)
        {
        }
    }
}

