using System.Diagnostics;
using System.Globalization;
using Collab.Workbooks.Engine;
using Collab.Workbooks.Engine.Xlsx;

namespace Collab.Benchmarks;

/// <summary>
/// A fast self-timed run of every scenario (no BenchmarkDotNet): medians and 95th percentiles against the targets,
/// and the memory of the 100,000-cell models. Used for smoke runs (--quick) and for the memory figures (--memory).
/// </summary>
public static class QuickRun
{
    private sealed record Result(string Name, Timing Timing, string Unit, double Scale, double Target, bool LowerIsBetter);

    /// <summary>Per operation: wall and thread-CPU medians and 95th percentiles, in milliseconds.</summary>
    public readonly record struct Timing(double WallMedian, double WallP95, double CpuMedian, double CpuP95);

    /// <summary>Runs every scenario and prints the figures with a verdict per target (a smoke run: it does not fail on a miss).</summary>
    public static void Run(TextWriter output, int samples)
    {
        var results = new List<Result>();
        var parse = Time(() =>
        {
            foreach (var text in Models.TypicalFormulas)
            {
                Formula.Parse(text);
            }
        }, samples, batch: 2000, warmup: 40_000); // about a second: tiered compilation settles before the samples
        double perFormula = 1.0 / Models.TypicalFormulas.Length;
        results.Add(new("Parse typical formulas", Scale(parse, perFormula), "formulas/s", 0, 1_000_000, false));

        var model = Models.FinancialModel();
        results.Add(new("Full recalculation, 100k formulas", Time(() => model.RecalculateAll(), samples, batch: 1, warmup: 3), "ms", 1, 150, true));

        int counter = 0;
        var fan = Models.FanOut();
        results.Add(new("Edit with 10,000 direct dependents", Time(() => fan.SetCellInput("S", new CellAddress(1, 1), (++counter % 2 == 0) ? "2" : "3"), samples, batch: 5, warmup: 10), "ms", 1, 10, true));

        var chain = Models.Chain();
        results.Add(new("Edit with 10,000 chained dependents", Time(() => chain.SetCellInput("S", new CellAddress(1, 1), (++counter % 2 == 0) ? "2" : "3"), samples, batch: 5, warmup: 10), "ms", 1, 10, true));

        results.Add(new("Edit, 10 dependents, by lookup table", Time(() => model.SetCellInput("Inputs", Models.TenDependentsInput, (++counter % 2 == 0) ? "2" : "3"), samples, batch: 500, warmup: 1000), "µs", 1000, 50, true));
        results.Add(new("Edit, 10 dependents, away from ranges", Time(() => model.SetCellInput("Inputs", Models.TenDependentsFarInput, (++counter % 2 == 0) ? "2" : "3"), samples, batch: 500, warmup: 1000), "µs", 1000, 50, true));

        results.AddRange(Structural(samples));

        byte[] file;
        using (var stream = new MemoryStream())
        {
            XlsxExporter.Export(model, stream);
            file = stream.ToArray();
        }

        results.Add(new("xlsx export, 100k formula cells", Time(() => XlsxExporter.Export(model, new MemoryStream()), Math.Max(3, samples / 2), batch: 1, warmup: 1), "ms", 1, double.NaN, true));
        results.Add(new("xlsx import, 100k formula cells", Time(() => XlsxImporter.Import(new MemoryStream(file)), Math.Max(3, samples / 2), batch: 1, warmup: 1), "ms", 1, double.NaN, true));

        Print(output, results);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"xlsx file of the model: {file.Length / 1024.0 / 1024:N2} MB"));
        Memory(output);
    }

    /// <summary>Only the structural scenarios (--structural).</summary>
    public static void RunStructural(TextWriter output, int samples) => Print(output, Structural(samples));

    /// <summary>
    /// Inserting one row in the middle of the 100,000-formula model's Calc sheet (row 5,000 of 10,000: half its
    /// formulas move, the column totals grow), then deleting such an empty row again.
    /// </summary>
    private static List<Result> Structural(int samples)
    {
        var model = Models.FinancialModel();
        const int warmup = 2;
        var insert = Time(() => model.InsertRows("Calc", 5000), samples, batch: 1, warmup);
        var delete = Time(() => model.DeleteRows("Calc", 5000), samples, batch: 1, warmup);
        return
        [
            new("Insert a row, 100k-formula model", insert, "ms", 1, double.NaN, true),
            new("Delete an empty row, 100k-formula model", delete, "ms", 1, double.NaN, true),
        ];
    }

    private static void Print(TextWriter output, List<Result> results)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"scenario",-38} {"wall median",14} {"wall p95",12} {"cpu median",12} {"cpu p95",12}  unit        target"));
        foreach (var result in results)
        {
            var t = result.Timing;
            double[] shown = result.LowerIsBetter
                ? [t.WallMedian * result.Scale, t.WallP95 * result.Scale, t.CpuMedian * result.Scale, t.CpuP95 * result.Scale]
                : [1000 / t.WallMedian, 1000 / t.WallP95, 1000 / t.CpuMedian, 1000 / t.CpuP95];
            string verdict = "(no target)";
            if (!double.IsNaN(result.Target))
            {
                bool wallMet = result.LowerIsBetter ? shown[0] <= result.Target : shown[0] >= result.Target;
                bool cpuMet = result.LowerIsBetter ? shown[2] <= result.Target : shown[2] >= result.Target;
                verdict = string.Create(CultureInfo.InvariantCulture, $"{(result.LowerIsBetter ? "<=" : ">=")} {result.Target:N0}: wall {(wallMet ? "met" : "MISSED")}, cpu {(cpuMet ? "met" : "MISSED")}");
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Name,-38} {shown[0],14:N1} {shown[1],12:N1} {shown[2],12:N1} {shown[3],12:N1}  {result.Unit,-10}  {verdict}"));
        }
    }

    private static Timing Scale(Timing t, double factor) => new(t.WallMedian * factor, t.WallP95 * factor, t.CpuMedian * factor, t.CpuP95 * factor);

    /// <summary>Retained managed memory of each 100,000-cell model (target: at most 60 MB).</summary>
    public static void Memory(TextWriter output)
    {
        Measure(output, "100,000 constants (10,000 x 10)", Models.Values);
        Measure(output, "100,000 formulas + inputs (the financial model)", Models.FinancialModel);
    }

    private static void Measure(TextWriter output, string name, Func<Workbook> build)
    {
        long before = Settle();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var workbook = build();
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        long after = Settle();
        int cells = workbook.SheetNames.Sum(s => workbook.EnumerateCells(s).Count);
        double retained = (after - before) / 1024.0 / 1024;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory, {name}: {cells:N0} cells, retained {retained:N1} MB ({(after - before) / (double)cells:N0} bytes/cell), allocated while building {allocated / 1024.0 / 1024:N1} MB; target <= 60 MB: {(retained <= 60 ? "met" : "MISSED")}"));
        GC.KeepAlive(workbook);
    }

    private static long Settle()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    // Milliseconds per operation over samples of `batch` operations each: wall and thread-CPU median and 95th percentile.
    private static Timing Time(Action action, int samples, int batch, int warmup)
    {
        for (int i = 0; i < warmup; i++)
        {
            action();
        }

        var wall = new double[samples];
        var cpu = new double[samples];
        for (int i = 0; i < samples; i++)
        {
            double cpuStart = ThreadCpuTime.Milliseconds();
            long start = Stopwatch.GetTimestamp();
            for (int j = 0; j < batch; j++)
            {
                action();
            }

            wall[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds / batch;
            cpu[i] = (ThreadCpuTime.Milliseconds() - cpuStart) / batch;
        }

        Array.Sort(wall);
        Array.Sort(cpu);
        int p95 = Math.Min(samples - 1, (int)Math.Ceiling(samples * 0.95) - 1);
        return new Timing(wall[samples / 2], wall[p95], cpu[samples / 2], cpu[p95]);
    }
}
