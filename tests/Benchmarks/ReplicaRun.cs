using System.Diagnostics;
using System.Globalization;
using Collab.Editing.Core;
using Collab.LoadTest;
using Collab.Workbooks.Engine;

namespace Collab.Benchmarks;

/// <summary>
/// What one load-test client's replica pays (<c>--replica</c>): the load test's sheet and edit mix
/// (<see cref="LoadEdits"/>, 5% of edits inserting or deleting a row),
/// built from 4,000 edits, then 30 rounds of 1,000 more: the median time of a row insert or delete (every client
/// applies each one), and of copying the replica (a client copies its confirmed state when it edits after a while).
/// </summary>
internal static class ReplicaRun
{
    public static void Run(TextWriter output, int rounds = 30)
    {
        var random = new Random(42);
        var workbook = new Workbook();
        workbook.AddSheet("Sheet1");
        for (var i = 0; i < 4_000; i++)
        {
            OperationApplier.Apply(workbook, LoadEdits.Random(random, random.NextDouble() < 0.05));
        }

        var structural = new List<double>();
        var copies = new List<double>();
        var snapshots = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            long ticks = 0;
            var count = 0;
            for (var i = 0; i < 1_000; i++)
            {
                var op = LoadEdits.Random(random, random.NextDouble() < 0.05);
                var started = Stopwatch.GetTimestamp();
                OperationApplier.Apply(workbook, op);
                if (op is not SetCellOperation)
                {
                    ticks += Stopwatch.GetTimestamp() - started;
                    count++;
                }
            }

            structural.Add(Stopwatch.GetElapsedTime(0, ticks).TotalMicroseconds / Math.Max(1, count));
            copies.Add(Time(20, () => workbook.Clone()));
            snapshots.Add(Time(20, () => Workbook.FromSnapshot(workbook.ToSnapshot())));
        }

        var cells = workbook.EnumerateCells("Sheet1");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load-test sheet: {cells.Count:N0} cells, {cells.Count(c => c.IsFormula):N0} formulas; {rounds} rounds of 1,000 edits"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"row insert/delete: median {Median(structural):F0} us (p10 {Percentile(structural, 10):F0}, p90 {Percentile(structural, 90):F0})"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"replica copy (Workbook.Clone): median {Median(copies):F0} us; through a snapshot (FromSnapshot(ToSnapshot())): median {Median(snapshots):F0} us"));
    }

    private static double Time(int times, Action action)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < times; i++)
        {
            action();
        }

        return watch.Elapsed.TotalMicroseconds / times;
    }

    private static double Median(List<double> values) => Percentile(values, 50);

    private static double Percentile(List<double> values, int percent)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, sorted.Count * percent / 100)];
    }
}
