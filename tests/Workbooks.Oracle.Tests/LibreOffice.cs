using System.Diagnostics;

namespace Workbooks.Oracle.Tests;

/// <summary>Runs LibreOffice headless to recalculate and re-save .xlsx files.</summary>
internal static class LibreOffice
{
    public const string Executable = "/usr/bin/soffice";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    // LibreOffice trusts the values cached in .xlsx files unless told to recalculate on load ("always" = 0).
    private const string RecalculateOnLoad = """
        <?xml version="1.0" encoding="UTF-8"?>
        <oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
        <item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
        </oor:items>
        """;

    /// <summary>
    /// Opens <paramref name="input"/>, recalculates every formula and saves it as .xlsx in <paramref name="outputDirectory"/>;
    /// returns the saved file's path. Each call uses its own profile directory so parallel runs do not share state.
    /// </summary>
    public static string RecalculateAndSave(string input, string outputDirectory)
    {
        if (!File.Exists(Executable))
        {
            Assert.Fail($"LibreOffice is missing: {Executable} does not exist. Install it with `apt-get install -y libreoffice-calc-nogui` (./test.sh does so on CI); the oracle test does not run without it.");
        }

        string profile = Path.Combine(Path.GetTempPath(), "collab-oracle-profile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(profile, "user"));
        File.WriteAllText(Path.Combine(profile, "user", "registrymodifications.xcu"), RecalculateOnLoad);
        try
        {
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "-env:UserInstallation=file://" + profile, "--headless", "--norestore", "--nolockcheck", "--convert-to", "xlsx", "--outdir", outputDirectory, input })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("soffice did not start.");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"LibreOffice did not finish converting {input} within {Timeout.TotalSeconds} s.");
            }

            string saved = Path.Combine(outputDirectory, Path.GetFileName(input));
            if (process.ExitCode != 0 || !File.Exists(saved))
            {
                Assert.Fail($"LibreOffice failed to convert {input} (exit code {process.ExitCode}).{Environment.NewLine}{output.Result}{errors.Result}");
            }

            return saved;
        }
        finally
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // A profile file still held by an exiting soffice; it is only temporary data.
            }
        }
    }
}
