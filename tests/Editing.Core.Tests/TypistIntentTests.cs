using Collab.Editing.Core;

namespace Collab.Editing.Core.Tests;

/// <summary>What the live grid relies on when someone types while others change the sheet's structure.</summary>
public class TypistIntentTests
{
    [Fact]
    public void A_write_made_before_rows_were_inserted_above_lands_on_the_moved_cell_with_its_references_shifted()
    {
        var typed = new SetCellOperation("Sheet1", "B10", "=B9*2");
        var insert = new InsertRowsOperation("Sheet1", 2, 3);

        var result = OperationTransformer.Transform(typed, insert);

        var moved = Assert.IsType<SetCellOperation>(result.Op);
        Assert.Equal("B13", moved.Cell);
        Assert.Equal("=B12*2", moved.Input);
        Assert.Empty(result.Conflicts);
    }

    [Fact]
    public void A_write_into_a_row_deleted_meanwhile_is_dropped_and_reported_as_lost()
    {
        var typed = new SetCellOperation("Sheet1", "C4", "42");
        var delete = new DeleteRowsOperation("Sheet1", 3, 2);

        var result = OperationTransformer.Transform(typed, delete);

        Assert.True(result.Op.IsNoOp);
        var lost = Assert.Single(result.Conflicts);
        Assert.Equal("C4", lost.Cell);
        Assert.Equal("42", lost.YourValue);
    }

    [Fact]
    public void A_pending_edit_in_the_client_moves_past_a_remote_insert_and_is_sent_at_its_new_place()
    {
        var sent = new List<PendingOperation>();
        var client = new EditingClient(new Host(sent), revision: 5);
        client.ApplyLocal(new SetCellOperation("Sheet1", "A1", "first"), "op-1");
        client.ApplyLocal(new SetCellOperation("Sheet1", "B10", "mine"), "op-2");
        Assert.Equal(EditingClientState.AwaitingWithBuffer, client.State);

        client.ServerOperation(6, "theirs", "bob", new InsertRowsOperation("Sheet1", 2, 1));
        client.ServerAck("op-1", 7);
        client.ServerOperation(7, "op-1", "alice", new SetCellOperation("Sheet1", "A1", "first"));

        var second = sent[^1];
        Assert.Equal("op-2", second.OpId);
        Assert.Equal(7, second.BaseRevision);
        Assert.Equal("B11", Assert.IsType<SetCellOperation>(second.Operation).Cell);
    }

    private sealed class Host(List<PendingOperation> sent) : IEditingClientHost
    {
        public void Send(PendingOperation pending) => sent.Add(pending);

        public void ApplyRemote(Operation transformed)
        {
        }

        public void RolledBack(IReadOnlyList<PendingOperation> undone, string reason)
        {
        }
    }
}
