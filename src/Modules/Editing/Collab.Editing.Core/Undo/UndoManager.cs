namespace Collab.Editing.Core;

/// <summary>Why an acknowledged op of ours was made: a new edit, an undo or a redo.</summary>
public enum EditOrigin
{
    /// <summary>A new edit: its inverse goes on the undo stack and the redo stack is cleared.</summary>
    Edit,

    /// <summary>An undo: its inverse (the redo) goes on the redo stack.</summary>
    Undo,

    /// <summary>A redo: its inverse goes back on the undo stack, the redo stack stays.</summary>
    Redo,
}

/// <summary>
/// One person's undo and redo. It never undoes someone else's op: it holds the inverses of this person's own ops,
/// each in the frame of the server revision it was made at, and moves them through every op the server applies after
/// (others' and our own, <see cref="Applied"/>), so that undoing a setCell on B5 after someone inserted a row at 2
/// sets B6 back. Where someone else later wrote a cell, their write stays (undo yields to it); where our own later
/// op wrote it, undoing in order gives the older value back. The inverse is computed where the exact state before
/// the op is known: the server (<see cref="OperationApplier.ApplyAndInvert"/>, sent back with the ack) or a client
/// with a replica.
/// </summary>
public sealed class UndoManager
{
    private readonly int _capacity;
    private readonly int _historyLength;
    private readonly List<Entry> _undo = [];
    private readonly List<Entry> _redo = [];
    private readonly LinkedList<(long Revision, Operation Op, bool Own)> _history = new();

    /// <summary>Keeps at most <paramref name="capacity"/> steps; remembers the last <paramref name="historyLength"/> applied ops for late entries.</summary>
    public UndoManager(int capacity = 100, int historyLength = 1_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(historyLength);
        _capacity = capacity;
        _historyLength = historyLength;
    }

    /// <summary>True when an undo step is available.</summary>
    public bool CanUndo => _undo.Count > 0;

    /// <summary>True when a redo step is available.</summary>
    public bool CanRedo => _redo.Count > 0;

    /// <summary>The undo steps, oldest first.</summary>
    public int UndoCount => _undo.Count;

    /// <summary>The redo steps.</summary>
    public int RedoCount => _redo.Count;

    /// <summary>The last server revision seen through <see cref="Applied"/>.</summary>
    public long Revision { get; private set; }

    /// <summary>
    /// Our op applied at <paramref name="revision"/> has inverse <paramref name="inverse"/> (valid right after that
    /// revision). An entry that arrives after later ops is moved through them from the remembered history.
    /// </summary>
    public void Record(long revision, Operation inverse, EditOrigin origin = EditOrigin.Edit)
    {
        ArgumentNullException.ThrowIfNull(inverse);
        var entry = new Entry(revision, inverse);
        foreach (var (r, op, own) in _history)
        {
            if (r > revision)
            {
                Move(entry, r, op, own);
            }
        }

        switch (origin)
        {
            case EditOrigin.Undo:
                _redo.Add(entry);
                break;
            case EditOrigin.Redo:
                Push(_undo, entry);
                break;
            default:
                Push(_undo, entry);
                _redo.Clear();
                break;
        }
    }

    /// <summary>
    /// The server applied <paramref name="op"/> at <paramref name="revision"/> (every op, in revision order;
    /// <paramref name="own"/> when it is ours). Every step made before it moves past it.
    /// </summary>
    public void Applied(long revision, Operation op, bool own)
    {
        ArgumentNullException.ThrowIfNull(op);
        Revision = Math.Max(Revision, revision);
        foreach (var entry in _undo)
        {
            Move(entry, revision, op, own);
        }

        foreach (var entry in _redo)
        {
            Move(entry, revision, op, own);
        }

        if (_historyLength > 0)
        {
            _history.AddLast((revision, op, own));
            while (_history.Count > _historyLength)
            {
                _history.RemoveFirst();
            }
        }
    }

    /// <summary>
    /// The op that undoes our last op, in the frame of the local view: moved past <paramref name="pendingLocal"/>
    /// (our ops not yet acknowledged, oldest first). Steps that nothing is left of (their cells were deleted) are
    /// skipped. Null when there is nothing to undo. Submit it like any edit and <see cref="Record"/> its inverse with
    /// <see cref="EditOrigin.Undo"/>.
    /// </summary>
    public Operation? Undo(IReadOnlyList<Operation>? pendingLocal = null) => Pop(_undo, pendingLocal);

    /// <summary>The op that redoes the last undone op; as <see cref="Undo"/>. Record its inverse with <see cref="EditOrigin.Redo"/>.</summary>
    public Operation? Redo(IReadOnlyList<Operation>? pendingLocal = null) => Pop(_redo, pendingLocal);

    private static Operation? Pop(List<Entry> stack, IReadOnlyList<Operation>? pendingLocal)
    {
        while (stack.Count > 0)
        {
            var entry = stack[^1];
            stack.RemoveAt(stack.Count - 1);
            var op = entry.Inverse;
            foreach (var pending in pendingLocal ?? [])
            {
                op = OperationTransformer.Transform(op, pending, SameCellWinner.Op).Op;
            }

            if (!op.IsNoOp)
            {
                return op;
            }
        }

        return null;
    }

    private void Push(List<Entry> stack, Entry entry)
    {
        stack.Add(entry);
        if (stack.Count > _capacity)
        {
            stack.RemoveAt(0);
        }
    }

    // Our later ops do not block our older steps (undo goes back in order); someone else's later write does.
    private static void Move(Entry entry, long revision, Operation op, bool own)
    {
        if (revision <= entry.Revision)
        {
            return;
        }

        entry.Inverse = OperationTransformer.Transform(entry.Inverse, op, own ? SameCellWinner.Op : SameCellWinner.Against).Op;
        entry.Revision = revision;
    }

    private sealed class Entry(long revision, Operation inverse)
    {
        public long Revision { get; set; } = revision;

        public Operation Inverse { get; set; } = inverse;
    }
}
