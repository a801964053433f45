using System.Diagnostics;
using System.Globalization;
using Collab.Tests.Support;

namespace Collab.IntegrationTests.Protocol;

/// <summary>
/// Editing:FanOutIntervalMs and Editing:FanOutBatchingMembers: in a model with enough members, what reaches a member
/// within the interval after a delivery goes out as one OperationsApplied batch; in a smaller model nothing waits.
/// </summary>
public class FanOutBatchingTests
{
    private sealed record Setup(CollabAppFactory App, RawHub Writer, RawHub Reader, string ModelId) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Writer.DisposeAsync();
            await Reader.DisposeAsync();
            await App.DisposeAsync();
        }
    }

    private static async Task<Setup> StartAsync(int batchingMembers, int intervalMs)
    {
        var app = new CollabAppFactory("Development", new Dictionary<string, string?>
        {
            ["Editing:FanOutBatchingMembers"] = batchingMembers.ToString(CultureInfo.InvariantCulture),
            ["Editing:FanOutIntervalMs"] = intervalMs.ToString(CultureInfo.InvariantCulture),
        });
        using var alice = await app.CreateClientForAsync("alice@demo.local");
        var id = await CollabAppFactory.CreateModelAsync(alice, "Fan-out");
        var writer = await RawHub.ConnectAsync(app, "alice@demo.local");
        var reader = await RawHub.ConnectAsync(app, "alice@demo.local");
        await writer.JoinAsync(id);
        await reader.JoinAsync(id);
        return new Setup(app, writer, reader, id);
    }

    private static object Set(int row) => new { type = "setCell", sheet = "Sheet1", cell = $"A{row}", input = $"{row}" };

    [Fact]
    public async Task In_a_model_busy_enough_ops_arriving_within_the_interval_reach_a_member_as_one_batch()
    {
        await using var setup = await StartAsync(batchingMembers: 2, intervalMs: 1500);
        var (_, writer, reader, id) = setup;

        // The first op after a quiet spell goes out at once; the next three, submitted one after the other right
        // after it, wait for the interval and come together.
        await writer.SubmitAsync(id, 0, Set(1));
        await reader.WaitForRevisionAsync(1);
        for (var row = 2; row <= 4; row++)
        {
            await writer.SubmitAsync(id, 0, Set(row));
        }

        await reader.WaitForRevisionAsync(4);
        var messages = reader.Received.Where(m => m.Method is "OperationApplied" or "OperationsApplied").ToList();
        Assert.Equal(["OperationApplied", "OperationsApplied"], messages.Select(m => m.Method));
        Assert.Equal([2L, 3L, 4L], messages[1].Payload.EnumerateArray().Select(e => e.GetProperty("revision").GetInt64()));

        // The batch is written from each op's own bytes: its items are the envelopes OperationApplied carries.
        static string[] Fields(System.Text.Json.JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
        Assert.All(messages[1].Payload.EnumerateArray(), e => Assert.Equal(Fields(messages[0].Payload), Fields(e)));
        Assert.All(messages[1].Payload.EnumerateArray(), e => Assert.Equal(id, e.GetProperty("modelId").GetString()));
        Assert.Equal("3", messages[1].Payload[1].GetProperty("op").GetProperty("input").GetString());
    }

    [Fact]
    public async Task In_a_model_with_fewer_members_than_the_threshold_nothing_waits_for_the_interval()
    {
        await using var setup = await StartAsync(batchingMembers: 50, intervalMs: 10_000);
        var (_, writer, reader, id) = setup;

        var watch = Stopwatch.StartNew();
        for (var row = 1; row <= 4; row++)
        {
            await writer.SubmitAsync(id, 0, Set(row));
            await reader.WaitForRevisionAsync(row);
        }

        // Batched, ops 2 to 4 would have waited 10 seconds.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"four ops took {watch.Elapsed}");
        Assert.Equal([1L, 2L, 3L, 4L], reader.Applied.Select(e => e.GetProperty("revision").GetInt64()));
    }
}
