using System.Diagnostics;
using Collab.Workbooks.Engine;

namespace Collab.Editing.Core.Tests;

[CollectionDefinition(DisableParallelization = true)]
public sealed class PerformanceCollection
{
}

[Collection(nameof(PerformanceCollection))]
public class PerformanceTests
{
    [Fact]
    public void Transforming_set_cell_against_set_cell_allocates_nothing()
    {
        var a = new SetCellOperation("Sheet1", "B5", "1");
        var b = new SetCellOperation("Sheet1", "C7", "2");
        var same = new SetCellOperation("sheet1", "B5", "1");
        for (int i = 0; i < 1_000; i++)
        {
            OperationTransformer.Transform(a, b);
            OperationTransformer.Transform(a, same);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            var result = OperationTransformer.Transform(a, b);
            Assert.Same(b, result.Against);
            OperationTransformer.Transform(a, same);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Addresses_are_parsed_once_per_op()
    {
        var op = new SetCellOperation("Sheet1", "AB1234", "1");
        Assert.Equal(new CellAddress(1234, 28), op.Address);
        var range = new SetRangeOperation("Sheet1", "A1:B2", [["1", "2"], ["3", "4"]]);
        Assert.Equal(4, range.Address!.Value.CellCount);
    }

    // Alternates blocks of the same setCell stream on two identical workbooks: engine alone, then transform + apply.
    internal static (double Ours, double Engine) MeasureInterleaved(int count)
    {
        var mine = SampleBook();
        var engine = SampleBook();
        var random = new Random(3);
        var ops = new SetCellOperation[count];
        for (int i = 0; i < count; i++)
        {
            ops[i] = new SetCellOperation("Sheet1", new CellAddress(random.Next(1, 200), random.Next(1, 11)), random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var ourTime = new Stopwatch();
        var engineTime = new Stopwatch();
        var log = new List<Operation>(count);
        for (int block = 0; block < count; block += 500)
        {
            int end = Math.Min(count, block + 500);
            engineTime.Start();
            for (int i = block; i < end; i++)
            {
                engine.SetCellInput(ops[i].Sheet, ops[i].Address!.Value, ops[i].Input);
            }

            engineTime.Stop();
            ourTime.Start();
            for (int i = block; i < end; i++)
            {
                int missed = Math.Min(log.Count, i % 4);
                var (op, _) = OperationTransformer.TransformThrough(ops[i], log.GetRange(log.Count - missed, missed));
                OperationApplier.Apply(mine, op);
                log.Add(op);
            }

            ourTime.Stop();
        }

        return (count / ourTime.Elapsed.TotalSeconds, count / engineTime.Elapsed.TotalSeconds);
    }

    private static Workbook SampleBook()
    {
        var workbook = new Workbook(TimeProvider.System, new Random(1));
        workbook.AddSheet("Sheet1");
        for (int r = 1; r <= 200; r++)
        {
            for (int c = 1; c <= 10; c++)
            {
                workbook.SetCellInput("Sheet1", new CellAddress(r, c), (r * c).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            workbook.SetCellInput("Sheet1", new CellAddress(r, 12), $"=SUM(A{r}:J{r})");
        }

        return workbook;
    }

    // The engine's own cost, for comparison: the part of transform+apply that is not ours.
    internal static (double CellRate, double StructuralMs) MeasureEngine(int count)
    {
        var workbook = SampleBook();
        var random = new Random(7);
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            workbook.SetCellInput("Sheet1", new CellAddress(random.Next(1, 200), random.Next(1, 11)), random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        double cellRate = count / watch.Elapsed.TotalSeconds;
        watch.Restart();
        for (int i = 0; i < 50; i++)
        {
            workbook.InsertRows("Sheet1", 100, 1);
            workbook.DeleteRows("Sheet1", 100, 1);
        }

        return (cellRate, watch.Elapsed.TotalMilliseconds / 50);
    }

    internal static (double Rate, double TransformRate) Measure(int count, int structuralPercent = 5)
    {
        var workbook = new Workbook(TimeProvider.System, new Random(1));
        workbook.AddSheet("Sheet1");
        for (int r = 1; r <= 200; r++)
        {
            for (int c = 1; c <= 10; c++)
            {
                workbook.SetCellInput("Sheet1", new CellAddress(r, c), (r * c).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            workbook.SetCellInput("Sheet1", new CellAddress(r, 12), $"=SUM(A{r}:J{r})");
        }

        var random = new Random(7);
        var ops = new Operation[count];
        for (int i = 0; i < count; i++)
        {
            int row = random.Next(2, 190);
            ops[i] = random.Next(100) switch
            {
                var p when p >= structuralPercent => new SetCellOperation("Sheet1", new CellAddress(random.Next(1, 200), random.Next(1, 11)), random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                var p when p >= structuralPercent / 2 => new InsertRowsOperation("Sheet1", row, 1),
                _ => new DeleteRowsOperation("Sheet1", row, 1),
            };
        }

        var log = new List<Operation>(count);
        var transformed = new Operation[count];
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            int missed = Math.Min(log.Count, i % 4);
            var (op, _) = OperationTransformer.TransformThrough(ops[i], log.GetRange(log.Count - missed, missed));
            transformed[i] = op;
            OperationApplier.Apply(workbook, op);
            log.Add(op);
        }

        double rate = count / watch.Elapsed.TotalSeconds;
        watch.Restart();
        for (int i = 0; i < count; i++)
        {
            int missed = Math.Min(i, i % 4);
            OperationTransformer.TransformThrough(ops[i], log.GetRange(i - missed, missed));
        }

        return (rate, count / watch.Elapsed.TotalSeconds);
    }
}
