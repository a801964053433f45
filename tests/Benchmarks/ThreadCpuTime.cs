using System.Runtime.InteropServices;

namespace Collab.Benchmarks;

/// <summary>
/// CPU time consumed by the calling thread (Linux clock_gettime, nanosecond resolution). On a machine shared with
/// other work, wall time includes waiting for a core; thread CPU time is what the code itself costs.
/// </summary>
internal static partial class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    public static bool IsAvailable { get; } = OperatingSystem.IsLinux();

    /// <summary>The thread's CPU time so far in milliseconds (0 where unavailable).</summary>
    public static double Milliseconds()
    {
        if (!IsAvailable || ClockGetTime(ClockThreadCpuTimeId, out var time) != 0)
        {
            return 0;
        }

        return (time.Seconds * 1000.0) + (time.Nanoseconds / 1_000_000.0);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}
