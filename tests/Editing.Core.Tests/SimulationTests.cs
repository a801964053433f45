using CsCheck;
using Collab.Workbooks.Engine;

namespace Collab.Editing.Core.Tests;

/// <summary>
/// 2 to 8 clients, each an <see cref="EditingClient"/> with its own replica, talk to an in-memory server over
/// per-client FIFO channels delivered in random interleavings, making random edits of every type (and undos),
/// disconnecting and reconnecting (resync from the log or, after compaction, from a snapshot, resubmitting with the
/// original op ids). At the end every replica equals the server.
/// </summary>
public class SimulationTests
{
    /// <summary>
    /// <paramref name="shared"/>: the clients' replicas share the server state (<see cref="SharedReplicaState"/>), as the
    /// .NET client's replicas in one process can, one edit in <paramref name="copyEvery"/> taking a copy at once (0:
    /// none, only a read while the edit is pending does); each must still equal the server, and none may report a
    /// divergence.
    /// </summary>
    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    [InlineData(true, 0)]
    [InlineData(true, 3)]
    public void Clients_over_reordered_channels_with_reconnects_converge_to_the_server(bool shared, int copyEvery)
    {
        Stats.Clear();
        Property.Check(seed => new Simulation(seed, shared, copyEvery).Run(), 300);

        // The runs must have gone through the paths they exist for, not only the happy one. A rare path (a refusal
        // needs an op made invalid by a concurrent one) may miss 300 runs of a varying seed: more runs, up to 3,000.
        string[] paths = ["resync from log", "resync from snapshot", "undo", "reject", "no-op ack", "ack before broadcast",
            .. shared ? new[] { "sharing" } : [], .. shared && copyEvery != 1 ? new[] { "edit without a copy", "view copied while pending" } : []];
        for (var more = 0; more < 9 && paths.Any(path => Stats.GetValueOrDefault(path) == 0); more++)
        {
            Property.Check(seed => new Simulation(seed, shared, copyEvery).Run(), 300);
        }

        foreach (var path in paths)
        {
            Assert.True(Stats.GetValueOrDefault(path) > 0, $"no run went through '{path}': {string.Join(", ", Stats)}");
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Stats = new();

    private static void Count(string path) => Stats.AddOrUpdate(path, 1, (_, n) => n + 1);

    private abstract record Message;

    private sealed record Applied(RemoteOperation Remote) : Message;

    private sealed record Ack(string OpId, long Revision, Operation? Inverse) : Message;

    private sealed record Reject(string OpId, string Reason) : Message;

    private sealed class SimClient
    {
        public SimClient(string userId, WorkbookSnapshot snapshot, long revision, SharedReplicaState? shared)
        {
            UserId = userId;
            Replica = new WorkbookReplica(snapshot, revision, p => ToServer.Enqueue(p), shared: shared);
            UndoRevision = revision;
        }

        public string UserId { get; }

        public WorkbookReplica Replica { get; }

        public Queue<PendingOperation> ToServer { get; } = new();

        public Queue<Message> ToClient { get; } = new();

        public bool Connected { get; set; } = true;

        public UndoManager Undo { get; set; } = new();

        public long UndoRevision { get; set; }

        public Dictionary<string, EditOrigin> Origins { get; } = [];
    }

    private sealed class Simulation
    {
        private readonly Random _random;
        private readonly SimServer _server;
        private readonly List<SimClient> _clients = [];
        private readonly List<string> _trace = [];

        public Simulation(int seed, bool shared, int copyEvery)
        {
            _random = new Random(seed);
            _server = new SimServer(Scenarios.RandomWorkbook(_random));
            var state = shared ? new SharedReplicaState { CopyEvery = copyEvery } : null;
            int count = _random.Next(2, 9);
            for (int i = 0; i < count; i++)
            {
                _clients.Add(new SimClient("user" + i, _server.Document.ToSnapshot(), 0, state));
            }
        }

        public void Run()
        {
            try
            {
                int steps = _random.Next(15, 45);
                for (int step = 0; step < steps; step++)
                {
                    Step();
                }

                foreach (var client in _clients.Where(c => !c.Connected))
                {
                    Reconnect(client);
                }

                for (int guard = 0; guard < 10_000 && DeliverAny(); guard++)
                {
                }

                string expected = Books.Dump(_server.Document);
                foreach (var client in _clients)
                {
                    Assert.True(client.Replica.Client.State == EditingClientState.Synchronized, $"{client.UserId} is {client.Replica.Client.State}");
                    Assert.True(_server.Revision == client.Replica.Client.Revision, $"{client.UserId} is at {client.Replica.Client.Revision}, the server at {_server.Revision}");
                    Assert.True(client.Replica.Divergence is null, client.Replica.Divergence);
                    string read = client.Replica.Read(Books.Dump);
                    Assert.True(expected == read, $"{client.UserId}'s view (read) differs\n--- server\n{expected}--- {client.UserId}\n{read}");
                    string confirmed = Books.Dump(client.Replica.Confirmed);
                    Assert.True(expected == confirmed, $"{client.UserId}'s confirmed copy differs\n--- server\n{expected}--- {client.UserId}\n{confirmed}");
                    string local = Books.Dump(client.Replica.Local);
                    Assert.True(expected == local, $"{client.UserId}'s view differs\n--- server\n{expected}--- {client.UserId}\n{local}");
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new InvalidOperationException("simulation failed; trace:\n" + string.Join("\n", _trace.TakeLast(60)), e);
            }
        }

        private void Step()
        {
            int roll = _random.Next(100);
            var client = _clients[_random.Next(_clients.Count)];
            if (roll < 35)
            {
                if (client.Replica.IsSharing && client.Replica.Client.Outstanding is not null)
                {
                    Count("view copied while pending"); // the read below takes the copy
                }

                var op = client.Replica.Read(book => Scenarios.RandomOp(_random, book));
                var (pending, _, problem) = client.Replica.Edit(op);
                Assert.Null(problem);
                if (client.Replica.IsSharing)
                {
                    Count("edit without a copy");
                }

                client.Origins[pending!.OpId] = EditOrigin.Edit;
                _trace.Add($"{client.UserId} edits {pending.OpId[..6]} {op}");
            }
            else if (roll < 40)
            {
                var undo = _random.Next(3) == 0 ? client.Undo.Redo(Pending(client)) : client.Undo.Undo(Pending(client));
                if (undo is not null && client.Replica.Read(book => Scenarios.ValidatorFor(book).Problem(undo)) is null)
                {
                    var (pending, _, _) = client.Replica.Edit(undo);
                    client.Origins[pending!.OpId] = EditOrigin.Undo;
                    _trace.Add($"{client.UserId} undoes/redoes {pending.OpId[..6]} {undo}");
                    Count("undo");
                }
            }
            else if (roll < 93)
            {
                DeliverAny();
            }
            else if (roll < 96)
            {
                if (client.Connected)
                {
                    client.Connected = false;
                    client.ToServer.Clear();
                    client.ToClient.Clear();
                    client.Replica.Client.Disconnected();
                    _trace.Add($"{client.UserId} disconnects");
                }
                else
                {
                    Reconnect(client);
                }
            }
            else if (roll < 98)
            {
                _server.Compact();
                _trace.Add($"server compacts at {_server.Revision}");
            }
        }

        private static List<Operation> Pending(SimClient client) => [.. client.Replica.Client.Pending.Select(p => p.Operation)];

        private void Reconnect(SimClient client)
        {
            client.Connected = true;
            var missed = _server.Since(client.Replica.Client.Revision);
            if (missed is not null)
            {
                _trace.Add($"{client.UserId} resyncs from {client.Replica.Client.Revision} with {missed.Count} ops");
                Count("resync from log");
                foreach (var remote in missed)
                {
                    FeedUndo(client, remote);
                }

                client.Replica.Resync(missed);
            }
            else
            {
                // The log was compacted: the outstanding op's fate is learnt by resending its id (answered with a
                // revision when the server has it), then the pending ops are re-based onto a snapshot.
                bool applied = client.Replica.Client.Outstanding is { } outstanding && _server.HasSeen(outstanding.OpId);
                _trace.Add($"{client.UserId} resyncs from snapshot at {_server.Revision} (outstanding applied: {applied})");
                Count("resync from snapshot");
                client.Replica.ResyncFromSnapshot(_server.Document.ToSnapshot(), _server.Revision, applied);
                client.Undo = new UndoManager();
                client.UndoRevision = _server.Revision;
            }
        }

        private static void FeedUndo(SimClient client, RemoteOperation remote)
        {
            if (remote.Revision > client.UndoRevision)
            {
                client.Undo.Applied(remote.Revision, remote.Operation, remote.UserId == client.UserId);
                client.UndoRevision = remote.Revision;
            }
        }

        private bool DeliverAny()
        {
            var candidates = new List<Action>();
            foreach (var client in _clients.Where(c => c.Connected))
            {
                if (client.ToServer.Count > 0)
                {
                    candidates.Add(() => DeliverToServer(client));
                }

                if (client.ToClient.Count > 0)
                {
                    candidates.Add(() => DeliverToClient(client));
                }
            }

            if (candidates.Count == 0)
            {
                return false;
            }

            candidates[_random.Next(candidates.Count)]();
            return true;
        }

        private void DeliverToServer(SimClient client)
        {
            var pending = client.ToServer.Dequeue();
            var outcome = _server.Submit(client.UserId, pending);
            if (outcome.Stale)
            {
                _trace.Add($"server: {pending.OpId[..6]} stale; {client.UserId} rejoins");
                client.Connected = false;
                client.ToServer.Clear();
                client.ToClient.Clear();
                client.Replica.Client.Disconnected();
                Reconnect(client);
                return;
            }

            if (outcome.Rejection is not null)
            {
                _trace.Add($"server rejects {pending.OpId[..6]}: {outcome.Rejection}");
                Count("reject");
                client.ToClient.Enqueue(new Reject(pending.OpId, outcome.Rejection));
                return;
            }

            _trace.Add($"server {(outcome.Applied is null ? "acks (no-op or seen)" : "applies")} {pending.OpId[..6]} at {outcome.Revision}: {outcome.Applied}");
            bool ackFirst = _random.Next(4) == 0;
            Count(outcome.Applied is null ? "no-op ack" : ackFirst ? "ack before broadcast" : "ack after broadcast");
            if (ackFirst)
            {
                client.ToClient.Enqueue(new Ack(pending.OpId, outcome.Revision!.Value, outcome.Inverse));
            }

            if (outcome.Applied is not null)
            {
                var remote = new RemoteOperation(outcome.Revision!.Value, pending.OpId, client.UserId, outcome.Applied);
                foreach (var member in _clients.Where(c => c.Connected))
                {
                    member.ToClient.Enqueue(new Applied(remote));
                }
            }

            if (!ackFirst)
            {
                client.ToClient.Enqueue(new Ack(pending.OpId, outcome.Revision!.Value, outcome.Inverse));
            }
        }

        private void DeliverToClient(SimClient client)
        {
            var message = client.ToClient.Dequeue();
            switch (message)
            {
                case Applied applied:
                    FeedUndo(client, applied.Remote);
                    client.Replica.ServerOperation(applied.Remote.Revision, applied.Remote.OpId, applied.Remote.UserId, applied.Remote.Operation);
                    break;
                case Ack ack:
                    client.Replica.ServerAck(ack.OpId, ack.Revision);
                    if (ack.Inverse is not null && client.Origins.TryGetValue(ack.OpId, out var origin))
                    {
                        client.Undo.Record(ack.Revision, ack.Inverse, origin);
                    }

                    break;
                case Reject reject:
                    client.Replica.Client.ServerReject(reject.OpId, reject.Reason);
                    break;
            }

            if (client.Replica.IsSharing)
            {
                Count("sharing");
            }
        }
    }
}
