using System.Collections.Concurrent;
using Collab.Presence.Contracts;

namespace Collab.Presence.Application.UpdatePresence;

/// <summary>The last presence of each person in each open model, so that someone who opens the model sees the others at once.</summary>
internal sealed class PresenceBoard(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, (PresenceChanged Presence, DateTimeOffset At)>> _models = new(StringComparer.Ordinal);

    public void Set(PresenceChanged presence) =>
        _models.GetOrAdd(presence.ModelId, _ => new(StringComparer.Ordinal))[presence.UserId] = (presence, time.GetUtcNow());

    /// <summary>The last presence of everyone in the model, with when it was reported.</summary>
    public IReadOnlyList<(PresenceChanged Presence, DateTimeOffset At)> Of(string modelId) =>
        _models.TryGetValue(modelId, out var people) ? people.Values.ToList() : [];

    /// <summary>The person left the model.</summary>
    public void Remove(string modelId, string userId)
    {
        if (_models.TryGetValue(modelId, out var people))
        {
            people.TryRemove(userId, out _);
            if (people.IsEmpty)
            {
                _models.TryRemove(new KeyValuePair<string, ConcurrentDictionary<string, (PresenceChanged, DateTimeOffset)>>(modelId, people));
            }
        }
    }
}
