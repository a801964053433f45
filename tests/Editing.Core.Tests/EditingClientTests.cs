using static Collab.Editing.Core.Tests.Ops;

namespace Collab.Editing.Core.Tests;

public class EditingClientTests
{
    private sealed class Host : IEditingClientHost
    {
        public List<PendingOperation> Sent { get; } = [];

        public List<Operation> Applied { get; } = [];

        public List<(long, Operation)> ConfirmedOps { get; } = [];

        public List<(IReadOnlyList<PendingOperation> Undone, string Reason)> Rollbacks { get; } = [];

        public void Send(PendingOperation pending) => Sent.Add(pending);

        public void ApplyRemote(Operation transformed) => Applied.Add(transformed);

        public void RolledBack(IReadOnlyList<PendingOperation> undone, string reason) => Rollbacks.Add((undone, reason));

        public void Confirmed(long revision, Operation applied) => ConfirmedOps.Add((revision, applied));
    }

    [Fact]
    public void A_local_op_is_sent_at_once_and_later_ones_wait_for_its_ack()
    {
        var host = new Host();
        var client = new EditingClient(host, 5);
        Assert.Equal(EditingClientState.Synchronized, client.State);

        var first = client.ApplyLocal(P("sc Sheet1!A1 1"), "op-1");
        Assert.Equal(EditingClientState.AwaitingConfirm, client.State);
        Assert.Equal(new PendingOperation("op-1", 5, P("sc Sheet1!A1 1")), Assert.Single(host.Sent));

        client.ApplyLocal(P("sc Sheet1!A2 2"), "op-2");
        client.ApplyLocal(P("sc Sheet1!A3 3"), "op-3");
        Assert.Equal(EditingClientState.AwaitingWithBuffer, client.State);
        Assert.Single(host.Sent);
        Assert.Equal(["op-1", "op-2", "op-3"], client.Pending.Select(p => p.OpId));

        client.ServerOperation(6, "op-1", "me", first.Operation); // our own broadcast counts as the ack
        Assert.Equal(6, client.Revision);
        Assert.Equal(new PendingOperation("op-2", 6, P("sc Sheet1!A2 2")), host.Sent[^1]);
        client.ServerAck("op-1", 6); // the hub's answer after the broadcast changes nothing
        Assert.Equal(2, host.Sent.Count);

        client.ServerAck("op-2", 7);
        Assert.Equal(2, host.Sent.Count); // the ack waits for revision 7 to arrive
        client.ServerOperation(7, "op-2", "me", P("sc Sheet1!A2 2"));
        Assert.Equal("op-3", host.Sent[^1].OpId);
        client.ServerOperation(8, "op-3", "me", P("sc Sheet1!A3 3"));
        Assert.Equal(EditingClientState.Synchronized, client.State);
        Assert.Empty(host.Applied);
        Assert.Equal([6L, 7, 8], host.ConfirmedOps.Select(c => c.Item1));
    }

    [Fact]
    public void A_remote_op_is_transformed_past_the_pending_ones()
    {
        var host = new Host();
        var client = new EditingClient(host, 0);
        client.ApplyLocal(P("sc Sheet1!B5 =A5"), "mine");
        client.ApplyLocal(P("ir Sheet1 1 1"), "mine-2");

        client.ServerOperation(1, "theirs", "bob", P("ir Sheet1 2 1"));

        Assert.Equal(P("sc Sheet1!B6 =A6").ToJson(), client.Outstanding!.Operation.ToJson());
        Assert.Equal(P("ir Sheet1 1 1").ToJson(), client.Pending[1].Operation.ToJson());
        Assert.Equal(P("ir Sheet1 3 1").ToJson(), Assert.Single(host.Applied).ToJson());
        Assert.Equal(1, client.Revision);
    }

    [Fact]
    public void An_ack_for_an_op_transformed_to_nothing_carries_the_current_revision()
    {
        var host = new Host();
        var client = new EditingClient(host, 0);
        client.ApplyLocal(P("sc Sheet1!B5 x"), "mine");
        client.ApplyLocal(P("sc Sheet1!C1 y"), "next");
        client.ServerOperation(1, "theirs", "bob", P("dr Sheet1 5 1"));
        Assert.True(client.Outstanding!.Operation.IsNoOp);

        client.ServerAck("mine", 1);
        Assert.Equal("next", client.Outstanding!.OpId);
        Assert.Equal(1, client.Outstanding.BaseRevision);
    }

    [Fact]
    public void An_early_no_op_ack_waits_for_the_ops_ordered_before_it()
    {
        var host = new Host();
        var client = new EditingClient(host, 0);
        client.ApplyLocal(P("sc Sheet1!B5 x"), "mine");
        client.ServerAck("mine", 1); // arrives before revision 1, which deletes row 5
        Assert.Equal(EditingClientState.AwaitingConfirm, client.State);

        client.ServerOperation(1, "theirs", "bob", P("dr Sheet1 5 1"));
        Assert.Equal(EditingClientState.Synchronized, client.State);
        Assert.Equal(1, client.Revision);
    }

    [Fact]
    public void Ops_arriving_out_of_order_wait_for_the_gap_and_duplicates_are_ignored()
    {
        var host = new Host();
        var client = new EditingClient(host, 0);
        client.ServerOperation(2, "b", "bob", P("sc Sheet1!A2 2"));
        Assert.Empty(host.Applied);
        client.ServerOperation(1, "a", "bob", P("sc Sheet1!A1 1"));
        client.ServerOperation(1, "a", "bob", P("sc Sheet1!A1 1"));
        Assert.Equal(["A1", "A2"], host.Applied.Cast<SetCellOperation>().Select(s => s.Cell));
        Assert.Equal(2, client.Revision);
    }

    [Fact]
    public void A_rejected_op_and_everything_queued_after_it_are_rolled_back()
    {
        var host = new Host();
        var client = new EditingClient(host, 3);
        client.ApplyLocal(P("ds Data"), "bad");
        client.ApplyLocal(P("sc Sheet1!A1 1"), "after");
        client.ServerReject("other", "ignored");
        Assert.Empty(host.Rollbacks);

        client.ServerReject("bad", "forbidden: viewers cannot edit");

        var (undone, reason) = Assert.Single(host.Rollbacks);
        Assert.Equal(["bad", "after"], undone.Select(p => p.OpId));
        Assert.Equal("forbidden: viewers cannot edit", reason);
        Assert.Equal(EditingClientState.Synchronized, client.State);
        Assert.Empty(client.Pending);
    }

    [Fact]
    public void Reconnecting_resubmits_the_outstanding_op_with_its_original_id_after_the_missed_ops()
    {
        var host = new Host();
        var client = new EditingClient(host, 10);
        client.ApplyLocal(P("sc Sheet1!B5 x"), "kept-id");
        client.Disconnected();
        client.ApplyLocal(P("sc Sheet1!C5 y"), "queued");
        Assert.Single(host.Sent);

        var resubmitted = client.Resync(10, [new RemoteOperation(11, "theirs", "bob", P("ir Sheet1 1 2"))]);

        var again = Assert.Single(resubmitted);
        Assert.Equal(new PendingOperation("kept-id", 11, P("sc Sheet1!B7 x")), again);
        Assert.Equal(again, host.Sent[^1]);
        Assert.Equal(P("sc Sheet1!C7 y").ToJson(), client.Pending[1].Operation.ToJson());
        Assert.Throws<ArgumentException>(() => client.Resync(3, []));
    }

    [Fact]
    public void Reconnecting_finds_the_outstanding_op_among_the_missed_ones()
    {
        var host = new Host();
        var client = new EditingClient(host, 10);
        client.ApplyLocal(P("sc Sheet1!B5 x"), "kept-id");
        client.Disconnected();
        client.ApplyLocal(P("sc Sheet1!C5 y"), "queued");

        var resubmitted = client.Resync(10, [new RemoteOperation(11, "kept-id", "me", P("sc Sheet1!B5 x"))]);

        var next = new PendingOperation("queued", 11, P("sc Sheet1!C5 y"));
        Assert.Equal(next, Assert.Single(host.Sent.Skip(1))); // acknowledged: the queued op goes next, once
        Assert.Equal(next, Assert.Single(resubmitted));
        Assert.Empty(host.Applied);
    }

    [Fact]
    public void After_compaction_pending_ops_are_rebased_through_the_bridge_and_keep_their_ids()
    {
        var host = new Host();
        var client = new EditingClient(host, 10);
        client.ApplyLocal(P("sc Sheet1!B5 x"), "first");
        client.ApplyLocal(P("sc Data!A1 y"), "second");
        client.Disconnected();

        var resubmitted = client.ResyncFromSnapshot(40, [P("ds Data|1"), P("sc Sheet1!B5 theirs")], outstandingApplied: false);

        Assert.Equal(new PendingOperation("first", 40, P("sc Sheet1!B5 x")), Assert.Single(resubmitted));
        Assert.True(client.Pending[1].Operation.IsNoOp); // its sheet is gone: kept as nothing, acknowledged later
        Assert.Equal(40, client.Revision);
    }

    [Fact]
    public void After_compaction_an_outstanding_op_the_server_had_applied_is_not_resubmitted()
    {
        var host = new Host();
        var client = new EditingClient(host, 10);
        client.ApplyLocal(P("ir Sheet1 1 1"), "applied");
        client.ApplyLocal(P("sc Sheet1!A1 y"), "second");
        client.Disconnected();

        var resubmitted = client.ResyncFromSnapshot(40, [], outstandingApplied: true);

        Assert.Equal(new PendingOperation("second", 40, P("sc Sheet1!A1 y")), Assert.Single(resubmitted));
        Assert.Equal(EditingClientState.AwaitingConfirm, client.State);
    }

    [Fact]
    public void Op_ids_are_at_most_64_characters()
    {
        var client = new EditingClient(new Host(), 0);
        Assert.Throws<ArgumentException>(() => client.ApplyLocal(Operation.None, new string('x', 65)));
        Assert.Equal(32, client.ApplyLocal(Operation.None).OpId.Length);
    }

    [Fact]
    public void A_replica_applies_remote_ops_to_its_view_and_its_confirmed_copy()
    {
        var start = TransformTableTests.Base();
        var sent = new List<PendingOperation>();
        var replica = new WorkbookReplica(start.ToSnapshot(), 0, sent.Add);
        var (pending, inverse, problem) = replica.Edit(P("sc Sheet1!A1 100"));
        Assert.Null(problem);
        Assert.Equal(P("sc Sheet1!A1 1").ToJson(), inverse!.ToJson());
        Assert.Equal("100", Books.Input(replica.Local, "Sheet1", "A1"));
        Assert.Equal("1", Books.Input(replica.Confirmed, "Sheet1", "A1"));

        replica.Client.ServerOperation(1, "x", "bob", P("as New|0"));
        Assert.Equal(["New", "Sheet1", "Data", "Inputs"], replica.Local.SheetNames);
        Assert.Equal(["New", "Sheet1", "Data", "Inputs"], replica.Confirmed.SheetNames);

        replica.Client.ServerOperation(2, pending!.OpId, "me", pending.Operation);
        Assert.Equal(Books.Dump(replica.Confirmed), Books.Dump(replica.Local));
        Assert.NotNull(replica.Edit(P("sc Ghost!A1 1")).Problem);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(WorkbookReplica.MaxLag + 40)]
    public void A_synchronized_replica_applies_server_ops_once_and_its_confirmed_copy_catches_up_when_needed(int opsWhileSynchronized)
    {
        // The server's own copy, fed the same ops in the same order: what Confirmed must equal.
        var server = TransformTableTests.Base();
        var sent = new List<PendingOperation>();
        var replica = new WorkbookReplica(server.ToSnapshot(), 0, sent.Add);
        long revision = 0;
        void FromServer(Operation op, string opId)
        {
            OperationApplier.Apply(server, op);
            replica.Client.ServerOperation(++revision, opId, "bob", op);
        }

        for (var i = 0; i < opsWhileSynchronized; i++)
        {
            FromServer(i % 10 == 9 ? P("ir Sheet1 2 1") : P($"sc Sheet1!C{i % 7 + 1} {i}"), $"bob-{i}");
        }

        // A local edit: the confirmed copy must be the server's state before it, whether replayed or copied.
        var (pending, _, problem) = replica.Edit(P("sc Sheet1!A1 mine"));
        Assert.Null(problem);
        Assert.Equal(Books.Dump(server), Books.Dump(replica.Confirmed));

        FromServer(P("ir Sheet1 1 1"), "bob-insert");
        Assert.Equal(Books.Dump(server), Books.Dump(replica.Confirmed));
        Assert.Equal("mine", Books.Input(replica.Local, "Sheet1", "A2"));

        Assert.Single(sent);
        var mine = replica.Client.Outstanding!.Operation;
        OperationApplier.Apply(server, mine);
        replica.Client.ServerOperation(++revision, pending!.OpId, "me", mine);
        FromServer(P("sc Sheet1!B9 after"), "bob-last");

        Assert.Equal(EditingClientState.Synchronized, replica.Client.State);
        Assert.Equal(Books.Dump(server), Books.Dump(replica.Local));
        Assert.Equal(Books.Dump(server), Books.Dump(replica.Confirmed));
    }
}
