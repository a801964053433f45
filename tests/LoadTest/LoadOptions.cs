using System.Globalization;

namespace Collab.LoadTest;

/// <summary>The load run's settings, from the command line.</summary>
public sealed record LoadOptions
{
    public int Users { get; init; } = 20;

    public int Models { get; init; } = 1;

    public double EditsPerSecond { get; init; } = 0.2;

    public double DurationSeconds { get; init; } = 10;

    /// <summary>
    /// Seconds of editing before the measured <see cref="DurationSeconds"/> (--warmup): those edits are made and checked
    /// for convergence like the others, but their latencies are reported apart and not in the figures, since a run's
    /// first seconds carry one-time costs (code compiled on first use in both processes, the joins' backlog).
    /// </summary>
    public double WarmUpSeconds { get; init; } = 5;

    /// <summary>Share of edits that insert or delete rows (the rest write cells).</summary>
    public double StructuralShare { get; init; } = 0.05;

    /// <summary>A running server to target; null starts one on a free loopback port.</summary>
    public Uri? Url { get; init; }

    /// <summary>Extra connections that flood SubmitOperation (to show rate limiting).</summary>
    public int Flooders { get; init; }

    /// <summary>Messages per second each flooder sends.</summary>
    public double FloodRate { get; init; } = 10_000;

    /// <summary>Where to append the markdown row (docs/performance.md when left out); null with --no-report.</summary>
    public string? ReportFile { get; init; } = DefaultReportFile;

    private static string? DefaultReportFile => Path.Combine(ServerProcess.RepositoryRoot(), "docs", "performance.md");

    /// <summary>Password of the load users (and of the admin when <see cref="Url"/> is given).</summary>
    public string Password { get; init; } = "Collab!2026";

    public string AdminEmail { get; init; } = "admin@demo.local";

    /// <summary>A label for the report row.</summary>
    public string? Label { get; init; }

    /// <summary>
    /// Each client keeps a replica of its own (--own-replicas) instead of sharing the server state with the other
    /// clients of its model in this process (<see cref="Collab.Client.SharedReplicas"/>).
    /// </summary>
    public bool OwnReplicas { get; init; }

    /// <summary>With shared replicas, one edit in this many takes a copy and is compared once confirmed (--copy-every).</summary>
    public int CopyEvery { get; init; } = 16;

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            double Number() => double.Parse(Next(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--users" => options with { Users = (int)Number() },
                "--models" => options with { Models = (int)Number() },
                "--edits-per-second" => options with { EditsPerSecond = Number() },
                "--duration" => options with { DurationSeconds = Number() },
                "--warmup" => options with { WarmUpSeconds = Number() },
                "--structural" => options with { StructuralShare = Number() },
                "--url" => options with { Url = new Uri(Next().TrimEnd('/') + "/") },
                "--flooders" => options with { Flooders = (int)Number() },
                "--flood-rate" => options with { FloodRate = Number() },
                "--report" => options with { ReportFile = Next() },
                "--no-report" => options with { ReportFile = null },
                "--password" => options with { Password = Next() },
                "--admin" => options with { AdminEmail = Next() },
                "--label" => options with { Label = Next() },
                "--own-replicas" => options with { OwnReplicas = true },
                "--copy-every" => options with { CopyEvery = (int)Number() },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --users N --models N --edits-per-second R --duration S --warmup S --structural SHARE --url URL --flooders N --flood-rate R --report FILE --no-report --label TEXT --own-replicas --copy-every N"),
            };
        }

        if (options.Users < 1 || options.Models < 1 || options.Models > options.Users || options.EditsPerSecond <= 0 || options.DurationSeconds <= 0 || options.WarmUpSeconds < 0)
        {
            throw new ArgumentException("Need users >= models >= 1, a positive edit rate, a positive duration and a warm-up of zero or more seconds.");
        }

        return options;
    }
}
