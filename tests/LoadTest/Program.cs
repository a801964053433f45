namespace Collab.LoadTest;

/// <summary>
/// <c>dotnet run -c Release --project tests/LoadTest -- --users 500 --models 1 --edits-per-second 0.2 --duration 60</c>:
/// prints a table and appends a row to docs/performance.md; exits 1 on errors or divergence.
/// </summary>
internal static class LoadTestCommand
{
    public static async Task<int> Main(string[] args)
    {
        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (ArgumentException error)
        {
            await Console.Error.WriteLineAsync(error.Message);
            return 2;
        }

        var result = await new LoadRun(options, Console.Out).RunAsync();
        Console.WriteLine();
        Console.Write(LoadRun.Table(result));
        var row = LoadRun.MarkdownRow(result);
        if (options.ReportFile is { } file)
        {
            ReportFile.Append(file, row);
            Console.WriteLine($"Appended to {file}:");
        }

        Console.WriteLine(row);
        return result.Succeeded ? 0 : 1;
    }
}
