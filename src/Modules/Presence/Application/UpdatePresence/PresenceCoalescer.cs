using Collab.Presence.Contracts;
using Microsoft.Extensions.Options;

namespace Collab.Presence.Application.UpdatePresence;

/// <summary>
/// Keeps presence traffic to at most <see cref="PresenceOptions.MaxUpdatesPerSecond"/> sends per connection: an update
/// within the interval after the last send waits, a newer one replaces it, and the latest goes out when the interval
/// ends. Cursors stay current without flooding everyone's outbox.
/// </summary>
internal sealed class PresenceCoalescer(TimeProvider time, IOptions<PresenceOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private int _submissions;

    private TimeSpan Interval => TimeSpan.FromSeconds(1.0 / Math.Max(1, options.Value.MaxUpdatesPerSecond));

    /// <summary>Connections with a slot (for tests).</summary>
    public int Tracked
    {
        get
        {
            lock (_gate)
            {
                return _slots.Count;
            }
        }
    }

    /// <summary>Sends now when the connection's last send is an interval old, else keeps <paramref name="send"/> as the latest to send.</summary>
    public void Submit(string connection, Action send)
    {
        Action? now = null;
        lock (_gate)
        {
            var at = time.GetUtcNow();
            if (++_submissions % 256 == 0)
            {
                Sweep(at);
            }

            if (!_slots.TryGetValue(connection, out var slot))
            {
                _slots[connection] = slot = new Slot();
            }

            var elapsed = slot.LastSent is { } last ? at - last : TimeSpan.MaxValue;
            if (slot.Timer is null && elapsed >= Interval)
            {
                slot.LastSent = at;
                now = send;
            }
            else
            {
                slot.Pending = send;
                if (slot.Timer is null)
                {
                    var due = Interval - elapsed;
                    slot.Timer = time.CreateTimer(_ => Flush(connection), null, due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
                }
            }
        }

        now?.Invoke();
    }

    /// <summary>The connection closed: what waits for it is dropped.</summary>
    public void Forget(string connection)
    {
        lock (_gate)
        {
            if (_slots.Remove(connection, out var slot))
            {
                slot.Timer?.Dispose();
            }
        }
    }

    private void Flush(string connection)
    {
        Action? send;
        lock (_gate)
        {
            if (!_slots.TryGetValue(connection, out var slot))
            {
                return;
            }

            slot.Timer?.Dispose();
            slot.Timer = null;
            send = slot.Pending;
            slot.Pending = null;
            if (send is not null)
            {
                slot.LastSent = time.GetUtcNow();
            }
        }

        send?.Invoke();
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, slot) in _slots.Where(s => s.Value.Timer is null && s.Value.LastSent < now - TimeSpan.FromMinutes(1)).ToList())
        {
            _slots.Remove(key);
        }
    }

    private sealed class Slot
    {
        public DateTimeOffset? LastSent { get; set; }

        public Action? Pending { get; set; }

        public ITimer? Timer { get; set; }
    }
}
