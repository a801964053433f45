using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Collab.Client;
using Collab.LoadTest;
using Microsoft.AspNetCore.SignalR.Client;

namespace Collab.IntegrationTests;

/// <summary>A real Host process killed with SIGKILL while it receives submissions loses nothing it acknowledged.</summary>
public class CrashDurabilityTests
{
    [Fact]
    public async Task Every_acknowledged_op_survives_a_killed_process_and_none_is_half_applied()
    {
        var log = new StringWriter();
        var unlimited = new Dictionary<string, string> { ["RateLimits__HubOperationsPerSecond"] = "0" };
        var folder = Path.Combine(Path.GetTempPath(), "collab-crash", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var first = await ServerProcess.StartAsync(log, folder, unlimited);
        string modelId;
        var acknowledged = new ConcurrentDictionary<int, long>();
        try
        {
            await using var client = await CollabClient.ConnectAsync(first.Url, CollabCredentials.ForPassword("alice@demo.local", "Collab!2026"), new CollabClientOptions { AutomaticReconnect = false }, TestContext.Current.CancellationToken);
            modelId = await client.CreateModelAsync("Crash", TestContext.Current.CancellationToken);
            await client.Connection.InvokeAsync<JsonElement>("JoinModel", modelId, null, TestContext.Current.CancellationToken);

            // Eight submitters; op i writes A{i} and B{i} in one setRange, so a half-applied op would show one without the other.
            using var stop = new CancellationTokenSource();
            var next = 0;
            Exception? failure = null;
            var submitters = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var i = Interlocked.Increment(ref next);
                    try
                    {
                        var ack = await client.Connection.InvokeAsync<JsonElement>("SubmitOperation", new
                        {
                            modelId,
                            opId = $"op-{i}",
                            baseRevision = 0,
                            op = new { type = "setRange", sheet = "Sheet1", range = $"A{i}:B{i}", inputs = new[] { new[] { $"{i}", $"={i}*2" } } },
                        });
                        acknowledged[i] = ack.GetProperty("revision").GetInt64();
                    }
                    catch (Exception error)
                    {
                        failure ??= error; // the server is gone (or refused: reported below)
                        return;
                    }
                }
            })).ToList();

            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (acknowledged.Count < 150)
            {
                Assert.True(failure is null, $"A submission failed before the kill: {failure}");
                Assert.True(DateTime.UtcNow < deadline, "150 ops were not acknowledged within 60 seconds.");
                await Task.Delay(10, TestContext.Current.CancellationToken);
            }

            await first.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(submitters);
        }
        finally
        {
            await first.DisposeAsync();
        }

        await using var second = await ServerProcess.StartAsync(log, folder, unlimited);
        try
        {
            using var http = new HttpClient { BaseAddress = second.Url };
            http.DefaultRequestHeaders.Authorization = new("Bearer", await CollabClient.RequestTokenAsync(http, CollabCredentials.ForPassword("alice@demo.local", "Collab!2026"), cancellationToken: TestContext.Current.CancellationToken));
            var body = await http.GetFromJsonAsync<JsonElement>($"api/models/{modelId}/cells", TestContext.Current.CancellationToken);
            var cells = body.GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("cell").GetString()!, c => c);

            foreach (var (i, revision) in acknowledged)
            {
                Assert.True(cells.ContainsKey($"A{i}"), $"op {i}, acknowledged at revision {revision}, was lost");
            }

            var rows = cells.Keys.Select(k => int.Parse(k[1..], System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();
            foreach (var row in rows)
            {
                Assert.True(cells.ContainsKey($"A{row}") && cells.ContainsKey($"B{row}"), $"op {row} is half applied");
                Assert.Equal(row * 2, cells[$"B{row}"].GetProperty("value").GetDouble());
            }

            // Every stored op counts once: the revision is the number of ops applied.
            Assert.Equal(rows.Count, body.GetProperty("revision").GetInt64());
            Assert.True(acknowledged.Values.Distinct().Count() == acknowledged.Count, "two ops were acknowledged with one revision");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
