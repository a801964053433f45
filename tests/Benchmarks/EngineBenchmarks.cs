using BenchmarkDotNet.Attributes;
using Collab.Workbooks.Engine;
using Collab.Workbooks.Engine.Xlsx;

namespace Collab.Benchmarks;

/// <summary>Parsing the typical formulas of <see cref="Models.TypicalFormulas"/>; one operation parses all 20 (target: at least 1,000,000 formulas/s, so at most 20 µs per operation).</summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    [Benchmark(OperationsPerInvoke = 20)]
    public int ParseTypicalFormulas()
    {
        int length = 0;
        foreach (var text in Models.TypicalFormulas)
        {
            length += Formula.Parse(text).GetHashCode() & 1;
        }

        return length;
    }
}

/// <summary>Full recalculation of the 100,000-formula model (target: at most 150 ms).</summary>
[MemoryDiagnoser]
public class RecalculationBenchmarks
{
    private Workbook _model = null!;

    [GlobalSetup]
    public void Setup() => _model = Models.FinancialModel();

    [Benchmark]
    public int RecalculateAll100kFormulas() => _model.RecalculateAll().Count;
}

/// <summary>One edit and its incremental recalculation (targets: 10,000 dependents at most 10 ms; 10 dependents at most 50 µs).</summary>
[MemoryDiagnoser]
public class EditBenchmarks
{
    private Workbook _fanOut = null!;
    private Workbook _chain = null!;
    private Workbook _model = null!;
    private int _counter;

    [GlobalSetup]
    public void Setup()
    {
        _fanOut = Models.FanOut();
        _chain = Models.Chain();
        _model = Models.FinancialModel();
    }

    private string NextValue() => (++_counter % 2 == 0 ? "2" : "3");

    [Benchmark]
    public int Edit_10000_direct_dependents() => _fanOut.SetCellInput("S", new CellAddress(1, 1), NextValue()).Count;

    [Benchmark]
    public int Edit_10000_chained_dependents() => _chain.SetCellInput("S", new CellAddress(1, 1), NextValue()).Count;

    [Benchmark]
    public int Edit_10_dependents_beside_lookup_table() => _model.SetCellInput("Inputs", Models.TenDependentsInput, NextValue()).Count;

    [Benchmark]
    public int Edit_10_dependents_away_from_ranges() => _model.SetCellInput("Inputs", Models.TenDependentsFarInput, NextValue()).Count;
}

/// <summary>xlsx export and import of the 100,000-formula model (100,000 formula cells plus inputs).</summary>
[MemoryDiagnoser]
public class XlsxBenchmarks
{
    private Workbook _model = null!;
    private byte[] _file = null!;

    [GlobalSetup]
    public void Setup()
    {
        _model = Models.FinancialModel();
        using var stream = new MemoryStream();
        XlsxExporter.Export(_model, stream);
        _file = stream.ToArray();
    }

    [Benchmark]
    public long Export100kCells()
    {
        using var stream = new MemoryStream();
        XlsxExporter.Export(_model, stream);
        return stream.Length;
    }

    [Benchmark]
    public int Import100kCells() => XlsxImporter.Import(new MemoryStream(_file)).Report.CellCount;
}
