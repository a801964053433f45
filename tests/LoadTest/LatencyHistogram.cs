namespace Collab.LoadTest;

/// <summary>
/// A lock-free latency histogram: buckets 1% wide on a log scale from 1 µs to 10 minutes, so that tens of thousands of
/// samples a second cost one interlocked increment each and percentiles stay within 1%.
/// </summary>
public sealed class LatencyHistogram
{
    private const double Growth = 1.01;
    private static readonly double LogGrowth = Math.Log(Growth);
    private readonly long[] _buckets = new long[(int)(Math.Log(600_000_000.0) / Math.Log(Growth)) + 2];
    private long _count;
    private long _maxTicks;

    public long Count => Interlocked.Read(ref _count);

    /// <summary>Records one latency.</summary>
    public void Record(TimeSpan latency)
    {
        var micros = Math.Max(1.0, latency.TotalMicroseconds);
        var index = Math.Min(_buckets.Length - 1, (int)(Math.Log(micros) / LogGrowth));
        Interlocked.Increment(ref _buckets[index]);
        Interlocked.Increment(ref _count);
        long ticks = latency.Ticks, seen;
        while (ticks > (seen = Interlocked.Read(ref _maxTicks)) && Interlocked.CompareExchange(ref _maxTicks, ticks, seen) != seen)
        {
        }
    }

    public TimeSpan Max => TimeSpan.FromTicks(Interlocked.Read(ref _maxTicks));

    /// <summary>The latency below which <paramref name="percentile"/> percent of the samples fall.</summary>
    public TimeSpan Percentile(double percentile)
    {
        var total = Count;
        if (total == 0)
        {
            return TimeSpan.Zero;
        }

        var target = (long)Math.Ceiling(total * percentile / 100.0);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += Interlocked.Read(ref _buckets[i]);
            if (seen >= target)
            {
                var upper = TimeSpan.FromMicroseconds(Math.Pow(Growth, i + 1));
                return upper < Max ? upper : Max;
            }
        }

        return Max;
    }
}
