using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Collab.LoadTest;

/// <summary>
/// The Host started as its own process on a free loopback port, with a fresh database in a temporary folder, demo
/// accounts, and the HTTP limits raised for a load run; samples its CPU and memory from /proc.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private readonly List<(double Cpu, long Rss)> _samples = [];

    private readonly bool _ownsFolder;

    private ServerProcess(Process process, string folder, Uri url, bool ownsFolder)
    {
        _process = process;
        _folder = folder;
        _ownsFolder = ownsFolder;
        Url = url;
        _sampler = Task.Run(SampleAsync);
    }

    public Uri Url { get; }

    public int ProcessId => _process.Id;

    /// <summary>The folder holding the server's database.</summary>
    public string DataFolder => _folder;

    /// <summary>Average and peak CPU (percent of the whole machine) and peak resident memory since the last reset.</summary>
    public (double AverageCpu, double PeakCpu, long PeakRssBytes) Usage()
    {
        lock (_samples)
        {
            return _samples.Count == 0 ? (0, 0, 0) : (_samples.Average(s => s.Cpu), _samples.Max(s => s.Cpu), _samples.Max(s => s.Rss));
        }
    }

    public void ResetUsage()
    {
        lock (_samples)
        {
            _samples.Clear();
        }
    }

    /// <summary>Starts the Host; with <paramref name="dataFolder"/> it reuses that folder's database (a restart).</summary>
    public static async Task<ServerProcess> StartAsync(TextWriter log, string? dataFolder = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var root = RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var hostDll = Path.Combine(root, "src", "Host", "bin", configuration, "net10.0", "Collab.Host.dll");
        if (!File.Exists(hostDll))
        {
            throw new InvalidOperationException($"The Host is not built at {hostDll}; build the solution in {configuration} first.");
        }

        var port = FreePort();
        var folder = dataFolder ?? Path.Combine(Path.GetTempPath(), "collab-load", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var url = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet", [hostDll, "--urls", url.ToString().TrimEnd('/')])
        {
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__Path"] = Path.Combine(folder, "collab.db");
        start.Environment["Jobs__Storage"] = "InMemory";
        start.Environment["RateLimits__TokenRequestsPerMinute"] = "1000000";
        start.Environment["RateLimits__ApiRequestsPerMinute"] = "1000000";
        start.Environment["Identity__Password__HashIterations"] = "1000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["DOTNET_gcServer"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Host.");
        process.OutputDataReceived += (_, e) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                log.WriteLine("[server] " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = url };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The Host exited with code {process.ExitCode} while starting.");
            }

            try
            {
                using var health = await http.GetAsync(new Uri("health", UriKind.Relative));
                if (health.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("The Host did not answer /health within 90 seconds.");
            }

            await Task.Delay(250);
        }

        return new ServerProcess(process, folder, url, ownsFolder: dataFolder is null);
    }

    private async Task SampleAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        var ticksPerSecond = 100.0; // USER_HZ on Linux
        var cores = Environment.ProcessorCount;
        var last = CpuTicks();
        var lastTime = Stopwatch.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var now = CpuTicks();
                var time = Stopwatch.GetTimestamp();
                var seconds = Stopwatch.GetElapsedTime(lastTime, time).TotalSeconds;
                var cpu = (now - last) / ticksPerSecond / seconds / cores * 100;
                (last, lastTime) = (now, time);
                lock (_samples)
                {
                    _samples.Add((cpu, Rss()));
                }
            }
        }
        catch (Exception error) when (error is OperationCanceledException or IOException or InvalidOperationException)
        {
        }
    }

    private long CpuTicks()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    private long Rss()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Collab.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Collab.sln).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Kills the server at once (SIGKILL): no shutdown, no final snapshot; the database folder stays.</summary>
    public async Task KillAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampler;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _stop.Dispose();
        if (_ownsFolder)
        {
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
