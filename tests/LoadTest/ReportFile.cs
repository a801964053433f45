namespace Collab.LoadTest;

/// <summary>Appends load-run rows under the "Load test runs" table of docs/performance.md (creating it when missing).</summary>
public static class ReportFile
{
    public const string Heading = "## Load test runs";

    public const string TableHeader =
        "| when (UTC) | label | users | models | edits/s each | seconds | flooders | ops/s | submit-to-ack ms p50 / p95 / p99 / max | seen-by-others ms p50 / p95 / p99 / max | errors | rate-limited | server CPU avg / peak | server memory peak | converged |\n" +
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |";

    public static void Append(string file, string row)
    {
        var text = File.Exists(file) ? File.ReadAllText(file) : "# Performance\n";
        var at = text.IndexOf(Heading, StringComparison.Ordinal);
        if (at < 0)
        {
            text = text.TrimEnd() + "\n\n" + Heading + "\n\nAppended by `dotnet run -c Release --project tests/LoadTest -- ...` (load and server on the same 2-core machine).\n\n" + TableHeader + "\n" + row + "\n";
        }
        else
        {
            // The table ends at the next heading or the end of the file; the row goes last in it.
            var next = text.IndexOf("\n## ", at + Heading.Length, StringComparison.Ordinal);
            var end = next < 0 ? text.Length : next;
            text = text[..end].TrimEnd() + "\n" + row + "\n" + (next < 0 ? "" : "\n" + text[(next + 1)..]);
        }

        File.WriteAllText(file, text);
    }
}
