using System.Collections.Concurrent;
using Collab.Editing.Contracts;
using Collab.Presence.Contracts;

namespace Collab.Presence.Application.UpdatePresence;

/// <summary>
/// The last presence of each person in each open model, so that someone who opens the model sees the others at once.
/// Only people still in a model's session are kept: a person whose last connection or page left (disconnected, circuit
/// gone) is dropped, and so is a model nobody is in any more. Pruning runs when someone leaves (the page hears
/// <c>UserLeft</c>), every <see cref="PruneEverySets"/> updates, and on a timer every <see cref="PruneInterval"/>, so
/// memory follows the people online, not everyone who ever was.
/// </summary>
internal sealed class PresenceBoard : IDisposable
{
    /// <summary>How often the whole board is pruned.</summary>
    public static readonly TimeSpan PruneInterval = TimeSpan.FromMinutes(1);

    /// <summary>Updates between prunes of the whole board.</summary>
    public const int PruneEverySets = 256;

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, (PresenceChanged Presence, DateTimeOffset At)>> _models = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly IModelSessions _sessions;
    private readonly ITimer _timer;
    private int _sets;

    public PresenceBoard(TimeProvider time, IModelSessions sessions)
    {
        _time = time;
        _sessions = sessions;
        _timer = time.CreateTimer(_ => Prune(), null, PruneInterval, PruneInterval);
    }

    /// <summary>Models with at least one remembered presence (for tests and measurement).</summary>
    public int ModelCount => _models.Count;

    /// <summary>Remembered presences over all models (for tests and measurement).</summary>
    public int EntryCount => _models.Values.Sum(p => p.Count);

    public void Set(PresenceChanged presence)
    {
        _models.GetOrAdd(presence.ModelId, _ => new(StringComparer.Ordinal))[presence.UserId] = (presence, _time.GetUtcNow());
        if (Interlocked.Increment(ref _sets) % PruneEverySets == 0)
        {
            Prune();
        }
    }

    /// <summary>The last presence of everyone still in the model, with when it was reported.</summary>
    public IReadOnlyList<(PresenceChanged Presence, DateTimeOffset At)> Of(string modelId)
    {
        Prune(modelId);
        return _models.TryGetValue(modelId, out var people) ? people.Values.ToList() : [];
    }

    /// <summary>The person left the model (every connection of theirs).</summary>
    public void Remove(string modelId, string userId)
    {
        if (_models.TryGetValue(modelId, out var people))
        {
            people.TryRemove(userId, out _);
            DropIfEmpty(modelId, people);
        }
    }

    /// <summary>Drops, in every model, the people no longer in its session, and the models left empty. Returns how many entries went.</summary>
    public int Prune()
    {
        var removed = 0;
        foreach (var modelId in _models.Keys)
        {
            removed += Prune(modelId);
        }

        return removed;
    }

    /// <summary>Drops the people no longer in the model's session (the model too when nobody is left).</summary>
    public int Prune(string modelId)
    {
        if (!_models.TryGetValue(modelId, out var people))
        {
            return 0;
        }

        var present = _sessions.Members(modelId).Select(m => m.UserId).ToHashSet(StringComparer.Ordinal);
        var removed = 0;
        foreach (var userId in people.Keys)
        {
            if (!present.Contains(userId) && people.TryRemove(userId, out _))
            {
                removed++;
            }
        }

        DropIfEmpty(modelId, people);
        return removed;
    }

    private void DropIfEmpty(string modelId, ConcurrentDictionary<string, (PresenceChanged, DateTimeOffset)> people)
    {
        if (people.IsEmpty)
        {
            _models.TryRemove(new KeyValuePair<string, ConcurrentDictionary<string, (PresenceChanged, DateTimeOffset)>>(modelId, people));
        }
    }

    public void Dispose() => _timer.Dispose();
}
