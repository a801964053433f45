using Collab.Workbooks.Engine;
using static Collab.Editing.Core.Tests.Ops;

namespace Collab.Editing.Core.Tests;

/// <summary>Replicas of several connections to one model sharing its server state (<see cref="SharedReplicaState"/>).</summary>
public class SharedReplicaTests
{
    // copyEvery 1: every edit takes a copy of its own and compares it once confirmed; 0: none does.
    private static (Workbook Server, SharedReplicaState Shared, List<PendingOperation> Sent, WorkbookReplica[] Replicas) Start(int count, int copyEvery = 1)
    {
        var server = TransformTableTests.Base();
        var shared = new SharedReplicaState { CopyEvery = copyEvery };
        var sent = new List<PendingOperation>();
        var snapshot = server.ToSnapshot();
        var replicas = Enumerable.Range(0, count).Select(_ => new WorkbookReplica(snapshot, 0, sent.Add, shared: shared)).ToArray();
        return (server, shared, sent, replicas);
    }

    // Replica `index` shares the server state again, without a divergence, and every replica reads the server's state.
    private static void AssertSharingAgain(Workbook server, SharedReplicaState shared, WorkbookReplica[] replicas, int index, long revision)
    {
        Assert.True(replicas[index].IsSharing);
        Assert.Null(replicas[index].Divergence);
        Assert.Equal(revision, shared.CurrentRevision);
        Assert.All(replicas, r => Assert.Equal(Books.Dump(server), r.Read(Books.Dump)));
    }

    [Fact]
    public void Replicas_with_nothing_pending_share_one_state_that_the_first_receiver_advances()
    {
        var (server, shared, _, replicas) = Start(3);
        Assert.All(replicas, r => Assert.True(r.IsSharing));
        Assert.Equal(0, shared.CurrentRevision);

        var op = P("sc Sheet1!A1 42");
        OperationApplier.Apply(server, op);
        replicas[0].ServerOperation(1, "x", "bob", op);

        // Applied once, to the shared state: the others read it before they receive the op themselves.
        Assert.Equal(1, shared.CurrentRevision);
        Assert.Equal(1, replicas[0].Client.Revision);
        Assert.Equal(0, replicas[1].Client.Revision);
        Assert.Equal("42", replicas[1].Read(book => Books.Input(book, "Sheet1", "A1")));

        replicas[1].ServerOperation(1, "x", "bob", op);
        replicas[2].ServerOperation(1, "x", "bob", op);
        Assert.All(replicas, r => Assert.Equal(1, r.Client.Revision));
        Assert.All(replicas, r => Assert.True(r.IsSharing));
        Assert.All(replicas, r => Assert.Equal(Books.Dump(server), r.Read(Books.Dump)));
        Assert.All(replicas, r => Assert.Null(r.Divergence));
    }

    [Fact]
    public void An_edit_on_a_replica_behind_the_shared_state_is_based_on_the_state_it_was_made_on()
    {
        var (server, shared, sent, replicas) = Start(2);
        var insert = P("ir Sheet1 1 1");
        OperationApplier.Apply(server, insert);
        replicas[0].ServerOperation(1, "x", "bob", insert);

        // replicas[1] has not received the insert, but it edits the state it reads, which has it: the edit must say
        // so (base revision 1), or the server would shift it past the insert a second time.
        var (pending, _, problem) = replicas[1].Edit(P("sc Sheet1!A2 mine"));
        Assert.Null(problem);
        Assert.False(replicas[1].IsSharing);
        Assert.Equal(1, pending!.BaseRevision);
        Assert.Equal(1, Assert.Single(sent).BaseRevision);
        Assert.Equal("mine", Books.Input(replicas[1].Local, "Sheet1", "A2"));
        Assert.Equal(Books.Input(server, "Sheet1", "A2"), Books.Input(replicas[1].Confirmed, "Sheet1", "A2"));

        // The insert arriving late changes nothing; the edit's broadcast confirms it and the replica shares again.
        replicas[1].ServerOperation(1, "x", "bob", insert);
        Assert.Equal("mine", Books.Input(replicas[1].Local, "Sheet1", "A2"));
        OperationApplier.Apply(server, pending.Operation);
        replicas[0].ServerOperation(2, pending.OpId, "me", pending.Operation);
        replicas[1].ServerOperation(2, pending.OpId, "me", pending.Operation);
        AssertSharingAgain(server, shared, replicas, 1, 2);
    }

    [Fact]
    public void A_replica_whose_own_copy_fell_behind_catches_it_up_through_the_shared_log_before_comparing()
    {
        var (server, shared, _, replicas) = Start(2);
        var (pending, _, _) = replicas[1].Edit(P("sc Sheet1!B2 mine"));
        var mine = pending!.Operation;
        OperationApplier.Apply(server, mine);
        replicas[0].ServerOperation(1, pending.OpId, "me", mine);
        for (var i = 2; i <= 5; i++)
        {
            var op = i == 3 ? P("dr Sheet1 1 1") : P($"sc Sheet1!C{i} {i}");
            OperationApplier.Apply(server, op);
            replicas[0].ServerOperation(i, "bob-" + i, "bob", op);
        }

        // Its own op comes back while the shared state is at 5: the copy is at 1 and takes ops 2 to 5 from the log.
        replicas[1].ServerAck(pending.OpId, 1);
        Assert.False(replicas[1].IsSharing);
        replicas[1].ServerOperation(1, pending.OpId, "me", mine);
        Assert.True(replicas[1].IsSharing);
        Assert.Null(replicas[1].Divergence);
        Assert.Equal(5, replicas[1].Client.Revision);
        Assert.Equal(Books.Dump(server), replicas[1].Read(Books.Dump));
        Assert.Equal(5, shared.CurrentRevision);
    }

    [Fact]
    public void A_replica_ahead_of_the_shared_state_hands_over_its_own_copy()
    {
        var (server, shared, sent, replicas) = Start(1);
        var ops = new[] { P("sc Sheet1!A1 one"), P("ir Sheet1 1 1") };
        foreach (var op in ops)
        {
            OperationApplier.Apply(server, op);
        }

        // A connection that joins later, from a snapshot at revision 2, while nobody received ops 1 and 2 yet.
        var late = new WorkbookReplica(server.ToSnapshot(), 2, sent.Add, shared: shared);
        Assert.True(late.IsSharing);
        Assert.Equal(2, shared.CurrentRevision);
        Assert.Equal(Books.Dump(server), replicas[0].Read(Books.Dump));

        replicas[0].ServerOperation(1, "a", "bob", ops[0]);
        replicas[0].ServerOperation(2, "b", "bob", ops[1]);
        Assert.Equal(2, replicas[0].Client.Revision);
        Assert.True(replicas[0].IsSharing);
        Assert.Equal(Books.Dump(server), replicas[0].Read(Books.Dump));
    }

    [Fact]
    public void Ops_received_by_a_replica_ahead_of_the_others_wait_until_the_ones_before_them_arrive()
    {
        var (server, shared, sent, replicas) = Start(1);
        var ahead = new WorkbookReplica(server.ToSnapshot(), 0, sent.Add, shared: shared);
        var (pending, _, _) = ahead.Edit(P("sc Sheet1!A1 mine"));

        // The server moves to 4 without it; it reconnects from a snapshot at 4 with its op still pending.
        var ops = Enumerable.Range(1, 4).Select(i => P($"sc Sheet1!C{i} c{i}")).ToList();
        ops.ForEach(op => OperationApplier.Apply(server, op));
        ahead.Client.Disconnected();
        ahead.ResyncFromSnapshot(server.ToSnapshot(), 4, outstandingApplied: false);
        Assert.False(ahead.IsSharing);

        // Its op becomes revision 5 and reaches it before anyone else received 1 to 4: 5 waits in the shared state.
        var mine = ahead.Client.Outstanding!.Operation;
        OperationApplier.Apply(server, mine);
        var other = P("sc Sheet1!D1 other");
        ahead.Edit(other); // still not shared after 5: another op pending
        ahead.ServerOperation(5, pending!.OpId, "me", mine);
        Assert.Equal(0, shared.CurrentRevision);

        for (var i = 1; i <= 4; i++)
        {
            replicas[0].ServerOperation(i, "bob-" + i, "bob", ops[i - 1]);
            Assert.Equal(i == 4 ? 5 : i, shared.CurrentRevision);
        }

        replicas[0].ServerOperation(5, pending.OpId, "me", mine);
        Assert.Equal(Books.Dump(server), replicas[0].Read(Books.Dump));
        Assert.True(replicas[0].IsSharing);
    }

    [Fact]
    public void A_replica_whose_copy_differs_from_the_shared_state_reports_it_and_keeps_its_copy()
    {
        var (_, _, _, replicas) = Start(2);
        var (pending, _, _) = replicas[1].Edit(P("sc Sheet1!A1 mine"));

        // Something changes the copy behind the state machine's back: what the comparison exists to catch.
        OperationApplier.Apply(replicas[1].Local, P("sc Sheet1!Z9 stray"));
        replicas[0].ServerOperation(1, pending!.OpId, "me", pending.Operation);
        replicas[1].ServerOperation(1, pending.OpId, "me", pending.Operation);

        Assert.False(replicas[1].IsSharing);
        Assert.Contains("differed", replicas[1].Divergence);
        Assert.Contains("Z9", replicas[1].Divergence);
        Assert.True(replicas[0].IsSharing);
        Assert.Null(replicas[0].Divergence);
    }

    [Fact]
    public void An_edit_without_a_copy_is_sent_and_reaches_the_view_through_the_shared_state()
    {
        var (server, shared, sent, replicas) = Start(2, copyEvery: 0);
        var insert = P("ir Sheet1 1 1");
        OperationApplier.Apply(server, insert);
        replicas[0].ServerOperation(1, "x", "bob", insert);

        // Checked against the shared state (which has the insert) and based on it, without a copy of its own.
        var (pending, inverse, problem) = replicas[1].Edit(P("sc Sheet1!A2 mine"));
        Assert.Null(problem);
        Assert.True(replicas[1].IsSharing);
        Assert.Equal(1, Assert.Single(sent).BaseRevision);
        Assert.Equal(P("sc Sheet1!A2 1").ToJson(), inverse!.ToJson()); // the insert moved A1's 1 to A2
        Assert.Equal("1", replicas[0].Read(book => Books.Input(book, "Sheet1", "A2"))); // not applied anywhere yet

        OperationApplier.Apply(server, pending!.Operation);
        replicas[0].ServerOperation(2, pending.OpId, "me", pending.Operation);
        replicas[1].ServerOperation(1, "x", "bob", insert);
        replicas[1].ServerOperation(2, pending.OpId, "me", pending.Operation);
        Assert.Equal(EditingClientState.Synchronized, replicas[1].Client.State);
        AssertSharingAgain(server, shared, replicas, 1, 2);
    }

    [Fact]
    public void Reading_while_an_edit_without_a_copy_is_pending_shows_it_on_the_state_the_others_moved_on()
    {
        var (server, shared, _, replicas) = Start(2, copyEvery: 0);
        var (pending, _, _) = replicas[1].Edit(P("sc Sheet1!B4 mine"));

        // The server orders a row delete and other edits first; another connection receives them, this one does not.
        var ops = new[] { P("dr Sheet1 1 1"), P("sc Sheet1!C1 c"), P("sc Sheet1!B3 theirs") };
        for (var i = 0; i < ops.Length; i++)
        {
            OperationApplier.Apply(server, ops[i]);
            replicas[0].ServerOperation(i + 1, "bob-" + i, "bob", ops[i]);
        }

        // The view is the shared state with the edit moved past the delete (B4 is now B3, where it wins over theirs).
        Assert.Equal("mine", replicas[1].Read(book => Books.Input(book, "Sheet1", "B3")));
        Assert.False(replicas[1].IsSharing);
        Assert.Equal(3, replicas[1].Client.Revision);
        Assert.Equal("theirs", Books.Input(replicas[1].Confirmed, "Sheet1", "B3"));

        // The ops it took from the shared log arriving now change nothing; the edit's broadcast shares again.
        for (var i = 0; i < ops.Length; i++)
        {
            replicas[1].ServerOperation(i + 1, "bob-" + i, "bob", ops[i]);
        }

        var mine = P("sc Sheet1!B3 mine");
        OperationApplier.Apply(server, mine);
        replicas[0].ServerOperation(4, pending!.OpId, "me", mine);
        replicas[1].ServerOperation(4, pending.OpId, "me", mine);
        AssertSharingAgain(server, shared, replicas, 1, 4);
    }

    [Fact]
    public void The_shared_log_keeps_what_a_pending_edit_without_a_copy_needs_beyond_its_capacity()
    {
        var (server, _, _, replicas) = Start(2, copyEvery: 0);
        var (pending, _, _) = replicas[1].Edit(P("sc Sheet1!A1 mine"));
        var count = SharedReplicaState.LogCapacity + 40;
        for (var i = 1; i <= count; i++)
        {
            var op = P($"sc Sheet1!C{1 + (i % 50)} {i}");
            OperationApplier.Apply(server, op);
            replicas[0].ServerOperation(i, "bob-" + i, "bob", op);
        }

        Assert.Equal("mine", replicas[1].Read(book => Books.Input(book, "Sheet1", "A1")));
        Assert.Equal(count, replicas[1].Client.Revision);
        Assert.Equal(Books.Input(server, "Sheet1", "C20"), Books.Input(replicas[1].Local, "Sheet1", "C20"));
        _ = pending;
    }

    [Fact]
    public void A_refused_edit_without_a_copy_leaves_the_replica_sharing_the_server_state()
    {
        var (server, _, _, replicas) = Start(1, copyEvery: 0);
        var (pending, _, _) = replicas[0].Edit(P("sc Sheet1!A1 mine"));
        replicas[0].Client.ServerReject(pending!.OpId, "forbidden: viewers cannot edit");

        Assert.Equal(EditingClientState.Synchronized, replicas[0].Client.State);
        Assert.True(replicas[0].IsSharing);
        Assert.Equal(Books.Dump(server), replicas[0].Read(Books.Dump));
    }

    [Fact]
    public void A_client_with_pending_ops_cannot_fast_forward()
    {
        var (_, _, _, replicas) = Start(1);
        replicas[0].Edit(P("sc Sheet1!A1 1"));
        Assert.Throws<InvalidOperationException>(() => replicas[0].Client.FastForward(5));
    }

    /// <summary>
    /// Eight threads, each owning one replica, edit and receive the same server's ops at once, as the load generator's
    /// connections do: the shared state is read, advanced and compared while other threads queue ops. None may report
    /// a divergence, and every one ends equal to the server.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(3)]
    public async Task Replicas_on_their_own_threads_converge_without_divergence(int copyEvery)
    {
        var server = new SimServer(TransformTableTests.Base());
        var shared = new SharedReplicaState { CopyEvery = copyEvery };
        const int count = 8;
        var inboxes = Enumerable.Range(0, count).Select(_ => new System.Collections.Concurrent.ConcurrentQueue<(RemoteOperation? Op, string? AckId, long AckRevision)>()).ToArray();
        var outboxes = Enumerable.Range(0, count).Select(_ => new Queue<PendingOperation>()).ToArray();
        var snapshot = server.Document.ToSnapshot();
        var replicas = Enumerable.Range(0, count).Select(i => new WorkbookReplica(snapshot, 0, outboxes[i].Enqueue, shared: shared)).ToArray();

        void Submit(int i)
        {
            while (outboxes[i].TryDequeue(out var pending))
            {
                lock (server)
                {
                    var outcome = server.Submit("user" + i, pending);
                    Assert.Null(outcome.Rejection);
                    if (outcome.Applied is not null)
                    {
                        var remote = new RemoteOperation(outcome.Revision!.Value, pending.OpId, "user" + i, outcome.Applied);
                        foreach (var inbox in inboxes)
                        {
                            inbox.Enqueue((remote, null, 0));
                        }
                    }

                    inboxes[i].Enqueue((null, pending.OpId, outcome.Revision!.Value));
                }
            }
        }

        void Receive(int i)
        {
            while (inboxes[i].TryDequeue(out var message))
            {
                if (message.Op is { } op)
                {
                    replicas[i].ServerOperation(op.Revision, op.OpId, op.UserId, op.Operation);
                }
                else
                {
                    replicas[i].ServerAck(message.AckId!, message.AckRevision);
                }
            }
        }

        var workers = Enumerable.Range(0, count).Select(i => Task.Run(() =>
        {
            var random = new Random(i);
            for (var step = 0; step < 600; step++)
            {
                if (random.Next(2) == 0 && replicas[i].Client.State == EditingClientState.Synchronized)
                {
                    var op = random.Next(10) == 0
                        ? (random.Next(2) == 0 ? P($"ir Sheet1 {random.Next(1, 6)} 1") : P($"dr Sheet1 {random.Next(1, 6)} 1"))
                        : P($"sc Sheet1!{(char)('A' + random.Next(5))}{random.Next(1, 9)} {i}-{step}");
                    Assert.Null(replicas[i].Edit(op).Problem);
                }

                Submit(i);
                Receive(i);
                if (random.Next(3) == 0)
                {
                    Thread.Yield();
                }
            }
        }, TestContext.Current.CancellationToken)).ToArray();
        await Task.WhenAll(workers);

        for (var round = 0; round < 10; round++)
        {
            for (var i = 0; i < count; i++)
            {
                Submit(i);
                Receive(i);
            }
        }

        var expected = Books.Dump(server.Document);
        Assert.True(server.Revision > 50, $"only {server.Revision} ops were applied");
        for (var i = 0; i < count; i++)
        {
            Assert.True(replicas[i].Divergence is null, replicas[i].Divergence);
            Assert.Equal(server.Revision, replicas[i].Client.Revision);
            Assert.True(replicas[i].IsSharing);
            Assert.Equal(expected, replicas[i].Read(Books.Dump));
        }
    }
}
