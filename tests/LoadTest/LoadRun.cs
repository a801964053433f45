using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Collab.Client;
using Collab.Editing.Core;
using Collab.Workbooks.Engine;
using Microsoft.AspNetCore.SignalR.Client;

namespace Collab.LoadTest;

/// <summary>What a load run measured.</summary>
public sealed record LoadResult(
    LoadOptions Options,
    long Edits,
    double OpsPerSecond,
    LatencyHistogram Ack,
    LatencyHistogram Seen,
    IReadOnlyDictionary<string, long> Errors,
    long RateLimited,
    (double AverageCpu, double PeakCpu, long PeakRssBytes)? Server,
    bool Converged,
    string? Divergence,
    int SharingReplicas = 0,
    LatencyHistogram? WarmUpSeen = null)
{
    public long ErrorCount => Errors.Values.Sum();

    /// <summary>True when the run had no errors and every replica equals the server.</summary>
    public bool Succeeded => ErrorCount == 0 && Converged;
}

/// <summary>
/// Many hub clients editing the same models: each keeps a replica through the client state machine and edits at a
/// fixed rate (a share of them structural); at the end every replica must equal the server's cells.
/// </summary>
public sealed class LoadRun(LoadOptions options, TextWriter log)
{
    private const string Sheet = LoadEdits.Sheet;

    private readonly ConcurrentDictionary<string, long> _sentAt = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly LatencyHistogram _ack = new();
    private readonly LatencyHistogram _seen = new();
    private readonly LatencyHistogram _warmUpSeen = new();
    private readonly SharedReplicas? _sharing = options.OwnReplicas ? null : new SharedReplicas { CopyEvery = options.CopyEvery };
    private long _edits;
    private long _measureFrom = long.MaxValue; // edits started from this timestamp on are measured
    private long _rateLimited;

    public async Task<LoadResult> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var server = options.Url is null ? await ServerProcess.StartAsync(log) : null;
        var url = options.Url ?? server!.Url;
        log.WriteLine($"Target {url}; {options.Users} users on {options.Models} model(s), {options.EditsPerSecond} edits/s each for {options.DurationSeconds} s, {options.StructuralShare:P0} structural, {options.Flooders} flooder(s), {(options.OwnReplicas ? "a replica of its own per client" : "replicas shared between a model's clients")}.");

        var (modelIds, emails) = await SetUpAsync(url, cancellationToken);
        var clients = await ConnectAsync(url, emails, modelIds, cancellationToken);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var editors = clients.Select((c, i) => Task.Run(() => EditLoopAsync(c.Model, i, stop.Token), CancellationToken.None)).ToList();
        var flooders = await StartFloodersAsync(url, modelIds[0], stop.Token);
        if (options.WarmUpSeconds > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(options.WarmUpSeconds), cancellationToken);
            log.WriteLine($"Warmed up for {options.WarmUpSeconds} s (those edits are not in the figures).");
        }

        server?.ResetUsage();
        var watch = Stopwatch.StartNew();
        Interlocked.Exchange(ref _measureFrom, Stopwatch.GetTimestamp());
        await Task.Delay(TimeSpan.FromSeconds(options.DurationSeconds), cancellationToken);
        await stop.CancelAsync();
        await Task.WhenAll(editors.Concat(flooders));
        var elapsed = watch.Elapsed.TotalSeconds;
        var usage = server?.Usage();

        var (converged, divergence) = await ConvergeAsync(clients, cancellationToken);
        var sharing = clients.Count(c => c.Model.IsSharing);
        foreach (var (client, model) in clients)
        {
            await model.DisposeAsync();
            await client.DisposeAsync();
        }

        return new LoadResult(options, Interlocked.Read(ref _edits), Interlocked.Read(ref _edits) / elapsed, _ack, _seen,
            new Dictionary<string, long>(_errors), Interlocked.Read(ref _rateLimited), usage, converged, divergence, sharing, _warmUpSeen);
    }

    private async Task<(List<string> ModelIds, List<string> Emails)> SetUpAsync(Uri url, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(2) };
        var adminToken = await CollabClient.RequestTokenAsync(http, CollabCredentials.ForPassword(options.AdminEmail, options.Password), cancellationToken: cancellationToken);
        http.DefaultRequestHeaders.Authorization = new("Bearer", adminToken);
        var run = Guid.NewGuid().ToString("N")[..8];

        var modelIds = new List<string>();
        for (var m = 0; m < options.Models; m++)
        {
            using var created = await http.PostAsJsonAsync(new Uri("api/models", UriKind.Relative), new { name = $"Load {run} #{m + 1}" }, cancellationToken);
            created.EnsureSuccessStatusCode();
            modelIds.Add((await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetString()!);
        }

        var emails = new string[options.Users];
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Users), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (u, ct) =>
        {
            var email = $"load-{run}-{u}@load.local";
            using var user = await http.PostAsJsonAsync(new Uri("api/users", UriKind.Relative), new { email, displayName = $"Load user {u}", password = options.Password }, ct);
            user.EnsureSuccessStatusCode();
            var id = (await user.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;
            using var granted = await http.PutAsJsonAsync(new Uri($"api/models/{modelIds[u % modelIds.Count]}/permissions/{id}", UriKind.Relative), new { role = "editor" }, ct);
            granted.EnsureSuccessStatusCode();
            emails[u] = email;
        });
        log.WriteLine($"Created {options.Users} users and {options.Models} model(s).");
        return (modelIds, emails.ToList());
    }

    private async Task<List<(CollabClient Client, CollabModel Model)>> ConnectAsync(Uri url, List<string> emails, List<string> modelIds, CancellationToken cancellationToken)
    {
        var clients = new (CollabClient, CollabModel)[emails.Count];
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, emails.Count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (u, ct) =>
        {
            var client = await CollabClient.ConnectAsync(url, CollabCredentials.ForPassword(emails[u], options.Password), new CollabClientOptions { SharedReplicas = _sharing }, ct);
            var model = await client.OpenModelAsync(modelIds[u % modelIds.Count], ct);
            model.OperationReceived += applied =>
            {
                if (applied.UserId != client.UserId && _sentAt.TryGetValue(applied.OpId, out var sent))
                {
                    (Measured(sent) ? _seen : _warmUpSeen).Record(Stopwatch.GetElapsedTime(sent));
                }
            };
            model.Rejected += (_, reason) => Count(reason.Split(':')[0]);
            clients[u] = (client, model);
        });
        log.WriteLine($"Connected {emails.Count} clients in {watch.Elapsed.TotalSeconds:F1} s.");
        return clients.ToList();
    }

    private async Task EditLoopAsync(CollabModel model, int index, CancellationToken stop)
    {
        var random = new Random(index * 7919 + 17);
        var interval = TimeSpan.FromSeconds(1 / options.EditsPerSecond);
        try
        {
            // Spread the clients over the first interval so they do not all edit in the same millisecond.
            await Task.Delay(TimeSpan.FromMilliseconds(random.NextDouble() * interval.TotalMilliseconds), stop);
            using var timer = new PeriodicTimer(interval);
            do
            {
                await EditOnceAsync(model, random);
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task EditOnceAsync(CollabModel model, Random random)
    {
        var op = LoadEdits.Random(random, random.NextDouble() < options.StructuralShare);
        var started = Stopwatch.GetTimestamp();
        CollabEdit edit;
        try
        {
            var opId = Guid.NewGuid().ToString("N");
            _sentAt[opId] = started;
            edit = await model.EditAsync(op, opId);
        }
        catch (ArgumentException)
        {
            // Invalid on the replica right now (a structural edit racing another): nothing was sent.
            Count("local_invalid");
            return;
        }

        var measured = Measured(started);
        if (measured)
        {
            Interlocked.Increment(ref _edits);
        }

        _ = edit.Acknowledged.ContinueWith(
            ack =>
            {
                if (measured && ack.IsCompletedSuccessfully)
                {
                    _ack.Record(Stopwatch.GetElapsedTime(started));
                }
            },
            TaskScheduler.Default);
    }

    // Whether an edit started at this timestamp is in the figures (after the warm-up).
    private bool Measured(long started) => started >= Interlocked.Read(ref _measureFrom);

    private async Task<List<Task>> StartFloodersAsync(Uri url, string modelId, CancellationToken stop)
    {
        var tasks = new List<Task>();
        for (var f = 0; f < options.Flooders; f++)
        {
            var client = await CollabClient.ConnectAsync(url, CollabCredentials.ForPassword(options.AdminEmail, options.Password));
            await client.OpenModelAsync(modelId, stop);
            tasks.Add(Task.Run(async () =>
            {
                var interval = TimeSpan.FromSeconds(1 / options.FloodRate);
                var inFlight = new SemaphoreSlim(200);
                var next = Stopwatch.GetTimestamp();
                try
                {
                    while (!stop.IsCancellationRequested)
                    {
                        await inFlight.WaitAsync(stop);
                        _ = FloodOnceAsync(client, modelId).ContinueWith(_ => inFlight.Release(), TaskScheduler.Default);
                        next += (long)(interval.TotalSeconds * Stopwatch.Frequency);
                        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                        if (wait > TimeSpan.FromMilliseconds(1))
                        {
                            await Task.Delay(wait, stop);
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                }
                finally
                {
                    await client.DisposeAsync();
                }
            }, CancellationToken.None));
        }

        return tasks;
    }

    private async Task FloodOnceAsync(CollabClient client, string modelId)
    {
        try
        {
            // Against revision 0: ops past the log's memory are refused, the rest write one cell far from the others.
            await client.Connection.InvokeAsync<JsonElement>("SubmitOperation", new { modelId, opId = Guid.NewGuid().ToString("N"), baseRevision = 0, op = new { type = "setCell", sheet = Sheet, cell = "ZZ1", input = "flood" } });
        }
        catch (Microsoft.AspNetCore.SignalR.HubException error) when (error.Message.Contains("rate_limited", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _rateLimited);
        }
        catch (Exception)
        {
            // The flooder's own other failures (a closed connection at the end) are not the others' errors.
        }
    }

    private async Task<(bool Converged, string? Divergence)> ConvergeAsync(List<(CollabClient Client, CollabModel Model)> clients, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var byModel = clients.GroupBy(c => c.Model.ModelId).ToList();
        foreach (var group in byModel)
        {
            var reader = group.First().Client;
            while (true)
            {
                var (revision, _) = await reader.GetCellsAsync(group.Key, Sheet, cancellationToken: cancellationToken);
                if (group.All(c => c.Model.PendingCount == 0 && c.Model.Revision == revision))
                {
                    break;
                }

                if (DateTime.UtcNow > deadline)
                {
                    var behind = group.Count(c => c.Model.PendingCount > 0 || c.Model.Revision != revision);
                    return (false, $"{behind} client(s) of model {group.Key} did not reach revision {revision} within 60 s.");
                }

                await Task.Delay(100, cancellationToken);
            }

            var (serverRevision, cells) = await reader.GetCellsAsync(group.Key, Sheet, cancellationToken: cancellationToken);
            var expected = cells.ToDictionary(c => c.Cell, c => Describe(c.Input, c.Type, c.Value.ToString()));
            foreach (var (_, model) in group)
            {
                if (model.Divergence is { } differed)
                {
                    return (false, $"A replica of model {group.Key}, compared with the state it shares: {differed}");
                }

                var actual = model.Read(book => book.EnumerateCells(Sheet).Where(c => !c.IsEmpty)
                    .ToDictionary(c => c.Address.ToString(), c => Describe(c.Input!, c.Value.TypeName, WireValue(c.Value))));
                var difference = expected.Where(e => !actual.TryGetValue(e.Key, out var a) || a != e.Value).Select(e => $"{e.Key}: server {e.Value}, replica {(actual.TryGetValue(e.Key, out var a) ? a : "(empty)")}")
                    .Concat(actual.Keys.Except(expected.Keys).Select(k => $"{k}: server (empty), replica {actual[k]}")).Take(5).ToList();
                if (difference.Count > 0)
                {
                    return (false, $"A replica of model {group.Key} at revision {serverRevision} differs from the server: {string.Join("; ", difference)}");
                }
            }
        }

        return (true, null);
    }

    private static string Describe(string input, string type, string value) => $"{input} = {value} ({type})";

    private static string WireValue(CellValue value) => value.Kind switch
    {
        CellValueKind.Number => JsonSerializer.Serialize(value.Number),
        CellValueKind.Boolean => value.Boolean ? "True" : "False",
        _ => value.ToDisplayText(),
    };

    private void Count(string code) => _errors.AddOrUpdate(code, 1, (_, n) => n + 1);

    /// <summary>The result as a table for the console.</summary>
    public static string Table(LoadResult r)
    {
        static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"users {r.Options.Users}, models {r.Options.Models}, {r.Options.EditsPerSecond} edits/s each, {r.Options.DurationSeconds} s measured after {r.Options.WarmUpSeconds} s of warm-up, flooders {r.Options.Flooders}");
        text.AppendLine(CultureInfo.InvariantCulture, $"edits {r.Edits:N0} ({r.OpsPerSecond:F1} ops/s)");
        text.AppendLine("latency (ms)        p50     p95     p99     max   samples");
        text.AppendLine(CultureInfo.InvariantCulture, $"submit-to-ack   {Ms(r.Ack.Percentile(50)),7} {Ms(r.Ack.Percentile(95)),7} {Ms(r.Ack.Percentile(99)),7} {Ms(r.Ack.Max),7} {r.Ack.Count,9:N0}");
        text.AppendLine(CultureInfo.InvariantCulture, $"seen-by-others  {Ms(r.Seen.Percentile(50)),7} {Ms(r.Seen.Percentile(95)),7} {Ms(r.Seen.Percentile(99)),7} {Ms(r.Seen.Max),7} {r.Seen.Count,9:N0}");
        if (r.WarmUpSeen is { Count: > 0 } warm)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"warm-up ({r.Options.WarmUpSeconds} s before, not above): seen-by-others p50 {Ms(warm.Percentile(50))} p99 {Ms(warm.Percentile(99))} max {Ms(warm.Max)} ({warm.Count:N0} samples)");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"errors {r.ErrorCount} {(r.Errors.Count > 0 ? "(" + string.Join(", ", r.Errors.Select(e => $"{e.Key}: {e.Value}")) + ")" : "")}; rate-limited answers {r.RateLimited:N0}");
        if (r.Server is { } s)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"server CPU avg {s.AverageCpu:F0}% peak {s.PeakCpu:F0}% of {Environment.ProcessorCount} cores; peak memory {s.PeakRssBytes / 1024 / 1024} MiB");
        }

        text.AppendLine(r.Options.OwnReplicas ? "replicas: one of its own per client" : $"replicas: shared per model, a copy for one edit in {r.Options.CopyEvery} ({r.SharingReplicas:N0} of {r.Options.Users:N0} clients reading the shared state at the end)");
        text.AppendLine(r.Converged ? "converged: every replica equals the server" : "DIVERGED: " + r.Divergence);
        return text.ToString();
    }

    /// <summary>The result as one markdown table row (see docs/performance.md for the header).</summary>
    public static string MarkdownRow(LoadResult r)
    {
        static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture);
        var server = r.Server is { } s ? $"{s.AverageCpu:F0}% / {s.PeakCpu:F0}% | {s.PeakRssBytes / 1024 / 1024} MiB" : "n/a | n/a";
        return string.Create(CultureInfo.InvariantCulture,
            $"| {DateTime.UtcNow:yyyy-MM-dd HH:mm} | {string.Join("; ", new[] { r.Options.Label, r.Options.OwnReplicas ? "own replicas" : null }.Where(l => !string.IsNullOrEmpty(l)))} | {r.Options.Users} | {r.Options.Models} | {r.Options.EditsPerSecond} | {r.Options.DurationSeconds}{(r.Options.WarmUpSeconds > 0 ? $" (+{r.Options.WarmUpSeconds} warm-up)" : "")} | {r.Options.Flooders} | {r.OpsPerSecond:F1} | {Ms(r.Ack.Percentile(50))} / {Ms(r.Ack.Percentile(95))} / {Ms(r.Ack.Percentile(99))} / {Ms(r.Ack.Max)} | {Ms(r.Seen.Percentile(50))} / {Ms(r.Seen.Percentile(95))} / {Ms(r.Seen.Percentile(99))} / {Ms(r.Seen.Max)} | {r.ErrorCount} | {r.RateLimited} | {server} | {(r.Converged ? "yes" : "NO")} |");
    }
}
