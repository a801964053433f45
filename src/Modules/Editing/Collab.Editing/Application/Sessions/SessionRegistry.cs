using System.Collections.Concurrent;

namespace Collab.Editing.Application.Sessions;

/// <summary>The open sessions, by model id.</summary>
internal sealed class SessionRegistry
{
    private readonly ConcurrentDictionary<string, ModelSession> _sessions = new(StringComparer.Ordinal);

    public IReadOnlyCollection<ModelSession> Snapshot() => _sessions.Values.ToList();

    public bool TryGet(string modelId, out ModelSession session) => _sessions.TryGetValue(modelId, out session!);

    public void Add(ModelSession session) => _sessions[session.ModelId] = session;

    public bool Remove(ModelSession session) => _sessions.TryRemove(new KeyValuePair<string, ModelSession>(session.ModelId, session));
}
