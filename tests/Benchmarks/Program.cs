using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Collab.Benchmarks;

// --quick: a self-timed smoke run of every scenario with medians against the targets (exit code 1 when one is missed).
// --memory: only the memory of the 100,000-cell models.
// Anything else goes to BenchmarkDotNet, e.g. --filter '*' or --filter '*Recalculation*' --job short.
if (args.Contains("--memory"))
{
    QuickRun.Memory(Console.Out);
    return 0;
}

if (args.Contains("--quick"))
{
    return QuickRun.Run(Console.Out, samples: 15);
}

var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15).AsDefault())
    .AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Min, StatisticColumn.Max);
BenchmarkSwitcher.FromAssembly(typeof(Models).Assembly).Run(args, config);
return 0;
