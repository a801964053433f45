using CsCheck;
using Collab.Workbooks.Engine;
using static Collab.Editing.Core.Tests.Ops;

namespace Collab.Editing.Core.Tests;

public class UndoTests
{
    /// <summary>A server with a log, applying ops and feeding one person's undo manager as a session would.</summary>
    private sealed class Session(Workbook document)
    {
        public Workbook Document { get; } = document;

        public UndoManager Undo { get; } = new();

        public long Revision { get; private set; }

        public void Apply(Operation op, bool mine, EditOrigin origin = EditOrigin.Edit)
        {
            var (_, inverse) = OperationApplier.ApplyAndInvert(Document, OperationApplier.Normalize(Document, op));
            Revision++;
            Undo.Applied(Revision, op, mine);
            if (mine)
            {
                Undo.Record(Revision, inverse, origin);
            }
        }

        public bool UndoLast()
        {
            var op = Undo.Undo();
            if (op is null)
            {
                return false;
            }

            Apply(op, mine: true, EditOrigin.Undo);
            return true;
        }

        public bool RedoLast()
        {
            var op = Undo.Redo();
            if (op is null)
            {
                return false;
            }

            Apply(op, mine: true, EditOrigin.Redo);
            return true;
        }
    }

    [Fact]
    public void Undo_after_someone_inserted_a_row_above_sets_the_moved_cell_back()
    {
        var session = new Session(Books.Create(("B5", "old")));
        session.Apply(P("sc Sheet1!B5 mine"), mine: true);
        session.Apply(P("ir Sheet1 2 1"), mine: false);
        Assert.Equal("mine", Books.Input(session.Document, "Sheet1", "B6"));

        Assert.True(session.UndoLast());

        Assert.Equal("old", Books.Input(session.Document, "Sheet1", "B6"));
    }

    [Fact]
    public void Undo_reverts_only_my_op_never_someone_elses()
    {
        var session = new Session(Books.Create(("A1", "a"), ("A2", "b")));
        session.Apply(P("sc Sheet1!A1 mine"), mine: true);
        session.Apply(P("sc Sheet1!A2 theirs"), mine: false);

        Assert.True(session.UndoLast());

        Assert.Equal("a", Books.Input(session.Document, "Sheet1", "A1"));
        Assert.Equal("theirs", Books.Input(session.Document, "Sheet1", "A2"));
        Assert.False(session.UndoLast());
    }

    [Fact]
    public void Undo_yields_to_a_later_write_by_someone_else_on_the_same_cell()
    {
        var session = new Session(Books.Create(("A1", "a"), ("A2", "b")));
        session.Apply(P("sr Sheet1!A1:A2 x;y"), mine: true);
        session.Apply(P("sc Sheet1!A2 theirs"), mine: false);

        Assert.True(session.UndoLast());

        Assert.Equal("a", Books.Input(session.Document, "Sheet1", "A1"));
        Assert.Equal("theirs", Books.Input(session.Document, "Sheet1", "A2"));
    }

    [Fact]
    public void Undoing_my_ops_in_turn_goes_back_through_my_own_overwrites()
    {
        var session = new Session(Books.Create(("A1", "0")));
        session.Apply(P("sc Sheet1!A1 1"), mine: true);
        session.Apply(P("sc Sheet1!A1 2"), mine: true);

        Assert.True(session.UndoLast());
        Assert.Equal("1", Books.Input(session.Document, "Sheet1", "A1"));
        Assert.True(session.UndoLast());
        Assert.Equal("0", Books.Input(session.Document, "Sheet1", "A1"));
        Assert.True(session.RedoLast());
        Assert.Equal("1", Books.Input(session.Document, "Sheet1", "A1"));
        Assert.True(session.RedoLast());
        Assert.Equal("2", Books.Input(session.Document, "Sheet1", "A1"));
        Assert.False(session.RedoLast());
    }

    [Fact]
    public void A_new_edit_clears_the_redo_steps()
    {
        var session = new Session(Books.Create(("A1", "0")));
        session.Apply(P("sc Sheet1!A1 1"), mine: true);
        session.UndoLast();
        Assert.True(session.Undo.CanRedo);
        session.Apply(P("sc Sheet1!A2 new"), mine: true);
        Assert.False(session.Undo.CanRedo);
    }

    [Fact]
    public void Undo_of_a_row_delete_after_others_edits_restores_rows_and_formulas()
    {
        var session = new Session(Books.Create(("A1", "1"), ("A2", "2"), ("A3", "3"), ("B1", "=SUM(A1:A3)"), ("C9", "=A2*10")));
        session.Apply(P("dr Sheet1 2 1"), mine: true);
        Assert.Equal("=#REF!*10", Books.Input(session.Document, "Sheet1", "C8"));
        session.Apply(P("ic Sheet1 1 1"), mine: false);
        session.Apply(P("sc Sheet1!E1 other"), mine: false);

        Assert.True(session.UndoLast());

        Assert.Equal("2", Books.Input(session.Document, "Sheet1", "B2"));
        Assert.Equal("=B2*10", Books.Input(session.Document, "Sheet1", "D9"));
        Assert.Equal("=SUM(B1:B3)", Books.Input(session.Document, "Sheet1", "C1"));
        Assert.Equal("other", Books.Input(session.Document, "Sheet1", "E1"));
    }

    [Fact]
    public void A_step_whose_cells_were_deleted_is_skipped()
    {
        var session = new Session(Books.Create(("A1", "0"), ("A5", "5")));
        session.Apply(P("sc Sheet1!A1 first"), mine: true);
        session.Apply(P("sc Sheet1!A5 second"), mine: true);
        session.Apply(P("dr Sheet1 5 1"), mine: false);

        Assert.True(session.UndoLast()); // the A5 step is gone with its row; the A1 step is undone
        Assert.Equal("0", Books.Input(session.Document, "Sheet1", "A1"));
    }

    [Fact]
    public void Undo_never_deletes_what_someone_else_typed_into_my_new_rows_or_sheet()
    {
        var session = new Session(Books.Create(("A1", "1"), ("A2", "2")));
        session.Apply(P("ir Sheet1 2 1"), mine: true);
        session.Apply(P("as Plan|1"), mine: true);
        session.Apply(P("sc Sheet1!B2 theirs"), mine: false);
        session.Apply(P("sc Plan!A1 theirs too"), mine: false);

        Assert.False(session.UndoLast()); // both steps yield to the others' work

        Assert.Equal("theirs", Books.Input(session.Document, "Sheet1", "B2"));
        Assert.Equal("theirs too", Books.Input(session.Document, "Plan", "A1"));
    }

    [Fact]
    public void Undo_of_an_insert_nobody_wrote_into_removes_the_rows()
    {
        var session = new Session(Books.Create(("A1", "1"), ("A2", "2")));
        session.Apply(P("ir Sheet1 2 1"), mine: true);
        session.Apply(P("sc Sheet1!B1 elsewhere"), mine: false);

        Assert.True(session.UndoLast());

        Assert.Equal("2", Books.Input(session.Document, "Sheet1", "A2"));
        Assert.Equal("elsewhere", Books.Input(session.Document, "Sheet1", "B1"));
    }

    [Fact]
    public void An_entry_recorded_late_is_moved_through_the_ops_that_came_before_it()
    {
        var undo = new UndoManager();
        undo.Applied(1, P("sc Sheet1!B5 mine"), own: true);
        undo.Applied(2, P("ir Sheet1 1 3"), own: false);
        undo.Record(1, P("sc Sheet1!B5 old"));

        Assert.Equal(P("sc Sheet1!B8 old").ToJson(), undo.Undo()!.ToJson());
    }

    [Fact]
    public void The_undo_op_moves_past_my_pending_ops()
    {
        var undo = new UndoManager();
        undo.Applied(1, P("sc Sheet1!B5 mine"), own: true);
        undo.Record(1, P("sc Sheet1!B5 old"));

        Assert.Equal(P("sc Sheet1!B6 old").ToJson(), undo.Undo([P("ir Sheet1 1 1")])!.ToJson());
    }

    // Undo then redo returns to the state before the undo; and where nobody else wrote or deleted my cell, undo
    // restores its old value, wherever concurrent structural edits moved it.
    [Fact]
    public void Undo_restores_my_change_after_random_ops_by_others_and_redo_returns()
    {
        Property.Check(seed =>
        {
            var random = new Random(seed);
            var session = new Session(Scenarios.RandomWorkbook(random));
            string sheet = session.Document.SheetNames[0];
            var cell = new CellAddress(random.Next(1, 6), random.Next(1, 6));
            session.Document.SetCellInput(sheet, cell, "41");
            Operation mine = new SetCellOperation(sheet, cell, "42");
            session.Apply(mine, mine: true);

            Operation tracked = mine;
            int others = random.Next(0, 6);
            for (int i = 0; i < others; i++)
            {
                var op = Scenarios.RandomOp(random, session.Document);
                tracked = OperationTransformer.Transform(tracked, op, SameCellWinner.Against).Op;
                session.Apply(op, mine: false);
            }

            string beforeUndo = Books.Dump(session.Document);
            var undoOp = session.Undo.Undo();
            if (tracked is SetCellOperation where)
            {
                Assert.NotNull(undoOp);
                session.Apply(undoOp, mine: true, EditOrigin.Undo);
                Assert.Equal("41", Books.Input(session.Document, where.Sheet, where.Cell));

                Assert.True(session.RedoLast());
                Assert.Equal(beforeUndo, Books.Dump(session.Document));
            }
            else
            {
                Assert.Null(undoOp); // my cell was deleted or overwritten by someone else: nothing of mine to undo
            }
        }, 400);
    }

    [Fact]
    public void Undo_then_redo_of_random_ops_returns_to_the_same_workbook()
    {
        Property.Check(seed =>
        {
            var random = new Random(seed);
            var session = new Session(Scenarios.RandomWorkbook(random));
            string original = Books.Dump(session.Document);
            session.Apply(Scenarios.RandomOp(random, session.Document), mine: true);
            string edited = Books.Dump(session.Document);

            Assert.True(session.UndoLast() || edited == original);
            Assert.Equal(original, Books.Dump(session.Document));
            if (edited != original)
            {
                Assert.True(session.RedoLast());
                Assert.Equal(edited, Books.Dump(session.Document));
            }
        }, 400);
    }
}
