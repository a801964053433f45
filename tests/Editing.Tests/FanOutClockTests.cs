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
}
