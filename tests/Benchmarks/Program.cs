using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Collab.Benchmarks;

// --quick: a self-timed smoke run of every scenario: wall and thread-CPU medians against the targets.
// --memory: only the memory of the 100,000-cell models.
// --structural: only the structural scenarios of the quick run (insert/delete a row in the 100,000-formula model).
// --durable: only the durable sequencing scenario of --editing, five runs (to profile the commit path).
// --replica: what a load-test client's replica pays per row insert/delete and per copy of itself (the load test's sheet).
// --editing: the Editing targets (transform+apply, durable sequencing with group commit, catch-up), a warm-up and five runs.
// Anything else goes to BenchmarkDotNet, e.g. --filter '*' or --filter '*Recalculation*'.

namespace Collab.Benchmarks
{
    /// <summary>Entry point of the benchmarks (see docs/performance.md for the commands).</summary>
    internal static class BenchmarksCommand
    {
        public static async Task<int> Main(string[] args)
        {
            if (args.Contains("--memory"))
            {
                QuickRun.Memory(Console.Out);
                return 0;
            }

            if (args.Contains("--editing"))
            {
                await EditingRun.RunAsync(Console.Out, runs: 5);
                return 0;
            }

            if (args.Contains("--durable"))
            {
                // Only the durable sequencing part of --editing, five runs (for profiling the commit path).
                for (var run = 0; run < 5; run++)
                {
                    var (opsPerSecond, averageBatch, _) = await EditingRun.DurableAsync(submitters: 100, opsEach: 100);
                    Console.WriteLine($"durable {opsPerSecond:N0} acked ops/s (average commit batch {averageBatch:F1})");
                }

                return 0;
            }

            if (args.Contains("--replica"))
            {
                ReplicaRun.Run(Console.Out);
                return 0;
            }

            if (args.Contains("--structural"))
            {
                QuickRun.RunStructural(Console.Out, samples: 15);
                return 0;
            }

            if (args.Contains("--quick"))
            {
                QuickRun.Run(Console.Out, samples: 15);
                return 0;
            }

            var config = DefaultConfig.Instance
                .AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15).AsDefault())
                .AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Min, StatisticColumn.Max);
            BenchmarkSwitcher.FromAssembly(typeof(Models).Assembly).Run(args, config);
            return 0;

        }
    }
}
