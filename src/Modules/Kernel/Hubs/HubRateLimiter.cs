using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;

namespace Collab.Kernel.Hubs;

/// <summary>What a hub call spends from the caller's budget.</summary>
public enum HubCallKind
{
    Operation,
    Presence,
}

/// <summary>
/// Per-connection token buckets for hub calls (<c>RateLimits:HubOperationsPerSecond</c>, default 50, and
/// <c>RateLimits:HubPresencePerSecond</c>, default 20) holding <c>RateLimits:HubBurstSeconds</c> (default 5) seconds'
/// worth, so a program's short burst (a paste, a cursor sweep) is served and only a sustained flood is refused. A flooding
/// connection is answered <c>rate_limited</c> and keeps its connection; others are unaffected.
/// </summary>
public sealed class HubRateLimiter(IConfiguration configuration, TimeProvider time)
{
    private readonly double _operationsPerSecond = configuration.GetValue("RateLimits:HubOperationsPerSecond", 50.0);
    private readonly double _presencePerSecond = configuration.GetValue("RateLimits:HubPresencePerSecond", 20.0);
    private readonly double _burstSeconds = Math.Max(1.0, configuration.GetValue("RateLimits:HubBurstSeconds", 5.0));
    private readonly ConcurrentDictionary<(string Connection, HubCallKind Kind), Bucket> _buckets = new();

    /// <summary>Takes one token; false when the connection is over its rate for this kind of call.</summary>
    public bool TryAcquire(string connectionId, HubCallKind kind)
    {
        var rate = kind == HubCallKind.Operation ? _operationsPerSecond : _presencePerSecond;
        if (rate <= 0)
        {
            return true;
        }

        var capacity = rate * _burstSeconds;
        var bucket = _buckets.GetOrAdd((connectionId, kind), _ => new Bucket(capacity, time.GetTimestamp()));
        return bucket.TryTake(rate, capacity, time.GetTimestamp(), time.TimestampFrequency);
    }

    /// <summary>Forgets a closed connection's buckets.</summary>
    public void Forget(string connectionId)
    {
        _buckets.TryRemove((connectionId, HubCallKind.Operation), out _);
        _buckets.TryRemove((connectionId, HubCallKind.Presence), out _);
    }

    private sealed class Bucket(double tokens, long stamp)
    {
        private readonly Lock _gate = new();
        private double _tokens = tokens;
        private long _stamp = stamp;

        public bool TryTake(double rate, double capacity, long now, long frequency)
        {
            lock (_gate)
            {
                _tokens = Math.Min(capacity, _tokens + ((now - _stamp) * rate / frequency));
                _stamp = now;
                if (_tokens < 1)
                {
                    return false;
                }

                _tokens -= 1;
                return true;
            }
        }
    }
}
