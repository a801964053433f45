using Collab.Workbooks.Engine.Functions;

namespace Collab.Workbooks.Engine;

/// <summary>
/// Binding of formulas to sheets and names, dependency registration, and the recalculation pass:
/// dirty marking by an explicit worklist, then evaluation in topological order (Kahn's algorithm), with
/// Tarjan's algorithm (iterative) only when cells are left waiting on each other: those cycles get #CIRC!.
/// </summary>
public sealed partial class Workbook
{
    private readonly HashSet<Cell> _volatileCells = [];
    private readonly HashSet<Cell> _unresolvedCells = [];
    private readonly HashSet<Cell> _nameUsers = [];

    // Formulas with a reference in a reference-only argument (ROW(A5), OFFSET's anchor): it registers no dependency,
    // so a structural change finds them here to rewrite them.
    private readonly HashSet<Cell> _referenceArgumentUsers = [];
    private readonly HashSet<(int Sheet, long Key)> _seenPoints = [];
    private readonly HashSet<(int Sheet, int Row1, int Column1, int Row2, int Column2)> _seenRanges = [];
    private readonly HashSet<DefinedName> _seenNames = [];
    private readonly Stack<Node> _walk = new();
    private readonly List<Cell> _pending = [];
    private readonly Stack<Cell> _work = new();
    private readonly Queue<Cell> _ready = new();
    private readonly List<Cell> _dependents = [];
    private readonly List<Cell> _edges = [];
    private readonly Dictionary<Cell, List<Cell>> _dynamicEdges = [];
    private readonly Dictionary<Cell, CycleGroup> _cycleOf = [];
    private readonly Queue<CycleGroup> _cycleCandidates = new();
    private readonly List<(Sheet Sheet, long Key)> _bindPoints = [];
    private readonly List<RangeDependency> _bindRanges = [];
    private int _passId;

    /// <summary>What starts a pass: edited formulas, edited positions, and the cells already known to have changed.</summary>
    private sealed class PassSeeds
    {
        public List<Cell> Formulas { get; } = [];

        public List<(Sheet Sheet, int Row, int Column)> Positions { get; } = [];

        public List<(Sheet Sheet, int Row, int Column)> Changed { get; } = [];

        public IReadOnlyList<CellLocation> ChangedLocations()
        {
            var result = new List<CellLocation>(Changed.Count);
            var seen = new HashSet<(int, int, int)>();
            foreach (var (sheet, row, column) in Changed)
            {
                if (seen.Add((sheet.Id, row, column)))
                {
                    result.Add(new CellLocation(sheet.Name, new CellAddress(row, column)));
                }
            }

            return result;
        }
    }

    internal IReadOnlyCollection<Cell> VolatileCells => _volatileCells;

    /// <summary>How many formulas the last pass computed (for tests of how much an edit recalculates).</summary>
    internal int LastPassFormulas { get; private set; }

    /// <summary>Formula cells that depend on a cell position: point references plus ranges containing it.</summary>
    internal void CollectDependents(Sheet sheet, int row, int column, List<Cell> output)
    {
        if (sheet.PointDependents.Count > 0 && sheet.PointDependents.TryGetValue(Sheet.PackKey(row, column), out var entry))
        {
            if (entry is Cell single)
            {
                output.Add(single);
            }
            else
            {
                var list = (DependentList)entry;
                for (int i = 0; i < list.Count; i++)
                {
                    output.Add(list[i]);
                }
            }
        }

        sheet.RangeDependents.Query(row, column, output);
    }

    private void Bind(Cell cell)
    {
        var formula = cell.Formula!;
        formula.IsVolatile = false;
        formula.IsNondeterministic = false;
        formula.UsesNames = false;
        formula.HasUnresolved = false;
        formula.HasReferenceArguments = false;
        _seenPoints.Clear();
        _seenRanges.Clear();
        _seenNames.Clear();
        _bindPoints.Clear();
        _bindRanges.Clear();
        _walk.Clear();
        _walk.Push(formula.Root);
        while (_walk.Count > 0)
        {
            var node = _walk.Pop();
            switch (node)
            {
                case CellRefNode c:
                {
                    var sheet = BindCell(c, cell.Sheet);
                    if (sheet is null)
                    {
                        formula.HasUnresolved = true;
                    }
                    else
                    {
                        AddPoint(cell, formula, sheet, c.RowAt(cell.Row), c.ColumnAt(cell.Column));
                    }

                    break;
                }

                case AreaRefNode a:
                {
                    var sheet = BindArea(a, cell.Sheet);
                    if (sheet is null)
                    {
                        formula.HasUnresolved = true;
                    }
                    else
                    {
                        AddRange(cell, formula, sheet, a.Row1At(cell.Row), a.Column1At(cell.Column), a.Row2At(cell.Row), a.Column2At(cell.Column));
                    }

                    break;
                }

                case NameNode n:
                {
                    formula.UsesNames = true;
                    var definition = FindName(n.Name);
                    n.Definition = definition;
                    if (definition is null)
                    {
                        formula.HasUnresolved = true;
                    }
                    else
                    {
                        AddNamePrecedents(cell, formula, definition);
                    }

                    break;
                }

                case FunctionNode f:
                    MarkFunction(formula, f);
                    PushArguments(cell, formula, f);
                    break;
                case BinaryNode b:
                    _walk.Push(b.Right);
                    _walk.Push(b.Left);
                    break;
                case UnaryNode u:
                    _walk.Push(u.Operand);
                    break;
                case PercentNode p:
                    _walk.Push(p.Operand);
                    break;
                case ParenNode p:
                    _walk.Push(p.Inner);
                    break;
                case RangeOpNode r:
                    // A range built at run time (A1:INDEX(...)) covers cells no static edge names: recalculate it every pass.
                    formula.IsVolatile = true;
                    _walk.Push(r.Right);
                    _walk.Push(r.Left);
                    break;
            }
        }

        formula.Points = _bindPoints.Count == 0 ? [] : [.. _bindPoints];
        formula.Ranges = _bindRanges.Count == 0 ? [] : [.. _bindRanges];
        if (formula.IsVolatile)
        {
            _volatileCells.Add(cell);
        }

        if (formula.HasUnresolved)
        {
            _unresolvedCells.Add(cell);
        }

        if (formula.UsesNames)
        {
            _nameUsers.Add(cell);
        }

        if (formula.HasReferenceArguments)
        {
            _referenceArgumentUsers.Add(cell);
        }
    }

    // A plain reference in a reference-only argument (ROW(A1), OFFSET's anchor) is bound but adds no dependency.
    private void PushArguments(Cell cell, FormulaState formula, FunctionNode f)
    {
        var nodes = f.Args;
        for (int i = nodes.Length - 1; i >= 0; i--)
        {
            if (f.Definition?.ModeOf(i) == ArgMode.ReferenceOnly && nodes[i] is CellRefNode or AreaRefNode)
            {
                BindWithoutDependency(cell, formula, nodes[i]);
                continue;
            }

            _walk.Push(nodes[i]);
        }
    }

    private void BindWithoutDependency(Cell cell, FormulaState formula, Node node)
    {
        formula.HasReferenceArguments = true;
        if (node is CellRefNode c)
        {
            formula.HasUnresolved |= BindCell(c, cell.Sheet) is null;
        }
        else if (node is AreaRefNode a)
        {
            formula.HasUnresolved |= BindArea(a, cell.Sheet) is null;
        }
    }

    // Binds a reference to its sheet (unqualified: the host sheet, null for a defined name) and, when no coordinate
    // depends on the origin, to its one reference object. The tree may be shared by cells of the host sheet.
    /// <summary>
    /// Binds a tree's reference and name nodes for cells on <paramref name="host"/> without registering dependencies:
    /// a defined name's formula (no host: its references name their sheets), or a new shape of a formula whose
    /// registrations were kept (a structural change that only moved it).
    /// </summary>
    private void BindFields(Node root, Sheet? host)
    {
        foreach (var node in NodeWalk.All(root))
        {
            switch (node)
            {
                case CellRefNode c:
                    BindCell(c, host);
                    break;
                case AreaRefNode a:
                    BindArea(a, host);
                    break;
                case NameNode n:
                    n.Definition = FindName(n.Name);
                    break;
            }
        }
    }

    private Sheet? BindCell(CellRefNode c, Sheet? host)
    {
        var sheet = c.SheetName is null ? host : FindSheet(c.SheetName);
        c.Sheet = sheet;
        c.FixedReference = sheet is not null && c.RowAbsolute && c.ColumnAbsolute
            ? (c.FixedReference is { } r && ReferenceEquals(r.Sheet, sheet) ? r : new Reference(sheet, c.Row, c.Column, c.Row, c.Column))
            : null;
        return sheet;
    }

    private Sheet? BindArea(AreaRefNode a, Sheet? host)
    {
        var sheet = a.SheetName is null ? host : FindSheet(a.SheetName);
        a.Sheet = sheet;
        a.FixedReference = sheet is not null && a.IsFixed
            ? (a.FixedReference is { } r && ReferenceEquals(r.Sheet, sheet) ? r : new Reference(sheet, a.Row1, a.Column1, a.Row2, a.Column2))
            : null;
        return sheet;
    }

    private static void MarkFunction(FormulaState formula, FunctionNode f)
    {
        if (f.Definition is { } d)
        {
            formula.IsVolatile |= d.IsVolatile;
            formula.IsNondeterministic |= d.IsNondeterministic;
        }
    }

    // A formula that uses a name depends on what the name refers to (through nested names too).
    private void AddNamePrecedents(Cell cell, FormulaState formula, DefinedName definition)
    {
        if (!_seenNames.Add(definition))
        {
            return;
        }

        var stack = new Stack<Node>();
        stack.Push(definition.Root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            switch (node)
            {
                case CellRefNode c:
                    if (c.Sheet is null)
                    {
                        formula.HasUnresolved = true;
                    }
                    else
                    {
                        AddPoint(cell, formula, c.Sheet, c.Row, c.Column);
                    }

                    break;
                case AreaRefNode a:
                    if (a.Sheet is null)
                    {
                        formula.HasUnresolved = true;
                    }
                    else
                    {
                        AddRange(cell, formula, a.Sheet, a.Row1, a.Column1, a.Row2, a.Column2);
                    }

                    break;
                case NameNode n:
                    if (n.Definition is null)
                    {
                        formula.HasUnresolved = true;
                    }
                    else if (_seenNames.Add(n.Definition))
                    {
                        stack.Push(n.Definition.Root);
                    }

                    break;
                case FunctionNode f:
                    MarkFunction(formula, f);
                    foreach (var arg in f.Args)
                    {
                        stack.Push(arg);
                    }

                    break;
                case BinaryNode b:
                    stack.Push(b.Left);
                    stack.Push(b.Right);
                    break;
                case UnaryNode u:
                    stack.Push(u.Operand);
                    break;
                case PercentNode p:
                    stack.Push(p.Operand);
                    break;
                case ParenNode p:
                    stack.Push(p.Inner);
                    break;
                case RangeOpNode r:
                    formula.IsVolatile = true;
                    stack.Push(r.Left);
                    stack.Push(r.Right);
                    break;
            }
        }
    }

    private void AddPoint(Cell cell, FormulaState formula, Sheet sheet, int row, int column)
    {
        long key = Sheet.PackKey(row, column);
        if (!_seenPoints.Add((sheet.Id, key)))
        {
            return;
        }

        AddPointEntry(sheet, key, cell);
        _bindPoints.Add((sheet, key));
    }

    /// <summary>Files <paramref name="cell"/> under a cell position of the point index.</summary>
    private static void AddPointEntry(Sheet sheet, long key, Cell cell)
    {
        ref var entry = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(sheet.PointDependents, key, out bool exists);
        if (!exists)
        {
            entry = cell;
        }
        else if (entry is DependentList list)
        {
            list.Add(cell);
        }
        else
        {
            var pair = new DependentList();
            pair.Add((Cell)entry!);
            pair.Add(cell);
            entry = pair;
        }
    }

    /// <summary>Removes <paramref name="cell"/> from a cell position of the point index.</summary>
    private static void RemovePoint(Sheet sheet, long key, Cell cell)
    {
        if (!sheet.PointDependents.TryGetValue(key, out var entry))
        {
            return;
        }

        if (entry is DependentList list)
        {
            list.Remove(cell);
            if (list.Count == 1)
            {
                sheet.PointDependents[key] = list[0];
            }
        }
        else if (ReferenceEquals(entry, cell))
        {
            sheet.PointDependents.Remove(key);
        }
    }

    private void AddRange(Cell cell, FormulaState formula, Sheet sheet, int row1, int column1, int row2, int column2)
    {
        if (!_seenRanges.Add((sheet.Id, row1, column1, row2, column2)))
        {
            return;
        }

        _bindRanges.Add(sheet.RangeDependents.Add(cell, sheet, row1, column1, row2, column2));
    }

    private void Unbind(Cell cell)
    {
        var formula = cell.Formula!;
        foreach (var (sheet, key) in formula.Points)
        {
            RemovePoint(sheet, key, cell);
        }

        foreach (var dependency in formula.Ranges)
        {
            dependency.Sheet.RangeDependents.Remove(dependency, cell);
        }

        formula.Points = [];
        formula.Ranges = [];
        _volatileCells.Remove(cell);
        _unresolvedCells.Remove(cell);
        _nameUsers.Remove(cell);
        _referenceArgumentUsers.Remove(cell);
    }

    private void BindName(DefinedName definition) => BindFields(definition.Root, null);

    /// <summary>Drops every dependency registration and binds all names and formulas again.</summary>
    private void RebindEverything()
    {
        _volatileCells.Clear();
        _unresolvedCells.Clear();
        _nameUsers.Clear();
        _referenceArgumentUsers.Clear();
        foreach (var sheet in _sheets)
        {
            sheet.PointDependents.Clear();
            sheet.RangeDependents.Clear();
        }

        foreach (var definition in _names.Values)
        {
            BindName(definition);
        }

        foreach (var sheet in _sheets)
        {
            foreach (var cell in sheet.AllCells())
            {
                if (cell.Formula is not null)
                {
                    Bind(cell);
                }
            }
        }
    }

    private bool Enqueue(Cell cell, int pass)
    {
        var formula = cell.Formula!;
        if (formula.PassId == pass)
        {
            return false;
        }

        formula.PassId = pass;
        formula.State = PassState.Pending;
        formula.InDegree = 0;
        formula.OutStart = 0;
        formula.OutCount = 0;
        _pending.Add(cell);
        _work.Push(cell);
        return true;
    }

    private void RunPass(PassSeeds seeds, bool all)
    {
        int pass = ++_passId;
        _evaluator.PassId = pass;
        _pending.Clear();
        _work.Clear();
        _ready.Clear();
        _edges.Clear();
        _dynamicEdges.Clear();
        _cycleOf.Clear();
        _cycleCandidates.Clear();

        if (all)
        {
            foreach (var sheet in _sheets)
            {
                foreach (var cell in sheet.AllCells())
                {
                    if (cell.Formula is not null)
                    {
                        Enqueue(cell, pass);
                    }
                }
            }
        }

        foreach (var cell in seeds.Formulas)
        {
            if (cell.Formula is not null && ReferenceEquals(cell.Sheet.Get(cell.Row, cell.Column), cell))
            {
                Enqueue(cell, pass);
            }
        }

        foreach (var cell in _volatileCells)
        {
            Enqueue(cell, pass);
        }

        foreach (var (sheet, row, column) in seeds.Positions)
        {
            _dependents.Clear();
            CollectDependents(sheet, row, column, _dependents);
            foreach (var dependent in _dependents)
            {
                Enqueue(dependent, pass);
            }
        }

        // Dirty marking: every pending cell records its pending dependents as edges (with in-degrees).
        while (_work.Count > 0)
        {
            var cell = _work.Pop();
            _dependents.Clear();
            CollectDependents(cell.Sheet, cell.Row, cell.Column, _dependents);
            if (_dependents.Count == 0)
            {
                continue;
            }

            var formula = cell.Formula!;
            formula.OutStart = _edges.Count;
            formula.OutCount = _dependents.Count;
            foreach (var dependent in _dependents)
            {
                Enqueue(dependent, pass);
                _edges.Add(dependent);
                dependent.Formula!.InDegree++;
            }
        }

        foreach (var cell in _pending)
        {
            if (cell.Formula!.InDegree == 0)
            {
                _ready.Enqueue(cell);
            }
        }

        int done = 0;
        while (true)
        {
            while (_ready.Count > 0)
            {
                var cell = _ready.Dequeue();
                var formula = cell.Formula!;
                if (formula.State != PassState.Pending)
                {
                    continue;
                }

                var value = _evaluator.EvaluateCell(cell);
                formula.UsesPosition = _evaluator.UsedPosition;
                if (_evaluator.Unready.Count > 0)
                {
                    // Read a cell not computed yet (INDIRECT, OFFSET): wait for it and evaluate again.
                    foreach (var precedent in _evaluator.Unready)
                    {
                        AddDynamicEdge(precedent, cell);
                    }

                    continue;
                }

                Complete(cell, value, seeds);
                done++;
            }

            if (done == _pending.Count)
            {
                break;
            }

            if (_cycleCandidates.Count > 0)
            {
                done += ConfirmCycle(_cycleCandidates.Dequeue(), seeds);
                continue;
            }

            if (FindWaitingCycles(pass) == 0)
            {
                // Cannot happen when the edge counts are right; evaluate what is left rather than loop forever.
                foreach (var cell in _pending)
                {
                    if (cell.Formula!.State == PassState.Pending)
                    {
                        cell.Formula.UsesPosition = true;
                        Complete(cell, _evaluator.EvaluateCell(cell), seeds);
                        done++;
                    }
                }

                break;
            }
        }

        LastPassFormulas = _pending.Count;
        _pending.Clear();
        _edges.Clear();
        _dynamicEdges.Clear();
        _cycleOf.Clear();
        _cycleCandidates.Clear();
    }

    /// <summary>Records that <paramref name="reader"/> must wait for the pending <paramref name="precedent"/>.</summary>
    private void AddDynamicEdge(Cell precedent, Cell reader)
    {
        if (!_dynamicEdges.TryGetValue(precedent, out var extra))
        {
            extra = [];
            _dynamicEdges[precedent] = extra;
        }

        extra.Add(reader);
        reader.Formula!.InDegree++;
    }

    private void Complete(Cell cell, CellValue value, PassSeeds seeds)
    {
        var formula = cell.Formula!;
        formula.State = PassState.Done;
        if (cell.Value != value)
        {
            cell.Value = value;
            seeds.Changed.Add((cell.Sheet, cell.Row, cell.Column));
        }

        for (int i = formula.OutStart, end = formula.OutStart + formula.OutCount; i < end; i++)
        {
            Release(cell, _edges[i]);
        }

        if (_dynamicEdges.Count > 0 && _dynamicEdges.TryGetValue(cell, out var extra))
        {
            foreach (var dependent in extra)
            {
                Release(cell, dependent);
            }
        }
    }

    private void Release(Cell precedent, Cell dependent)
    {
        var f = dependent.Formula!;
        if (--f.InDegree == 0 && f.State == PassState.Pending)
        {
            _ready.Enqueue(dependent);
        }

        // A cycle waits until nothing outside it that it depends on is pending; then it is confirmed.
        if (_cycleOf.Count > 0 && _cycleOf.TryGetValue(dependent, out var group) && !group.IsDone
            && !(_cycleOf.TryGetValue(precedent, out var from) && ReferenceEquals(from, group))
            && --group.External == 0)
        {
            _cycleCandidates.Enqueue(group);
        }
    }

    /// <summary>A pending cell's dependents in the running pass: static edges plus dynamic ones.</summary>
    private List<Cell> PassEdges(Cell cell)
    {
        var formula = cell.Formula!;
        var list = new List<Cell>(formula.OutCount);
        for (int i = formula.OutStart, end = formula.OutStart + formula.OutCount; i < end; i++)
        {
            list.Add(_edges[i]);
        }

        if (_dynamicEdges.TryGetValue(cell, out var extra))
        {
            list.AddRange(extra);
        }

        return list;
    }

    /// <summary>A cycle among the cells still pending, with the number of its pending precedents outside it.</summary>
    private sealed class CycleGroup(List<Cell> members)
    {
        public List<Cell> Members { get; } = members;

        /// <summary>Edges into the group from pending cells outside it.</summary>
        public int External { get; set; }

        public bool IsDone { get; set; }
    }

    /// <summary>
    /// Called when no cell is ready but some are pending: an iterative Tarjan finds the cycles among them (static
    /// edges and the dynamic ones recorded so far). A cycle is not given #CIRC! yet: cells it depends on may still
    /// be pending, and a cell blocked behind them may, once computed, read into the cycle and so belong to it. Each
    /// cycle is confirmed only when nothing outside it that it depends on is pending (<see cref="ConfirmCycle"/>), so
    /// what is circular does not depend on the order of evaluation nor on which cells a pass recomputes.
    /// Returns the number of cycles ready to be confirmed (at least one whenever there is a cycle: the first in
    /// dependency order has no pending precedent outside it).
    /// </summary>
    private int FindWaitingCycles(int pass)
    {
        _cycleOf.Clear();
        _cycleCandidates.Clear();
        var cycles = FindCycles(_pending, cell => cell.Formula!.PassId == pass && cell.Formula.State == PassState.Pending, PassEdges);
        foreach (var members in cycles)
        {
            var group = new CycleGroup(members);
            foreach (var member in members)
            {
                _cycleOf[member] = group;
            }
        }

        foreach (var cell in _pending)
        {
            if (cell.Formula!.State != PassState.Pending)
            {
                continue;
            }

            _cycleOf.TryGetValue(cell, out var own);
            foreach (var dependent in PassEdges(cell))
            {
                if (_cycleOf.TryGetValue(dependent, out var group) && !ReferenceEquals(group, own))
                {
                    group.External++;
                }
            }
        }

        foreach (var members in cycles)
        {
            var group = _cycleOf[members[0]];
            if (group.External == 0)
            {
                _cycleCandidates.Enqueue(group);
            }
        }

        return _cycleCandidates.Count;
    }

    /// <summary>
    /// A cycle whose outside precedents are all computed: each member is evaluated with the members reading as
    /// #CIRC!. When none of them reads another pending cell, every member gets #CIRC!; otherwise the cells read
    /// become precedents of the cycle (it is confirmed once they are computed, or grows if they depend on it).
    /// Returns the number of cells completed.
    /// </summary>
    private int ConfirmCycle(CycleGroup group, PassSeeds seeds)
    {
        if (group.IsDone || group.External > 0)
        {
            return 0;
        }

        foreach (var member in group.Members)
        {
            member.Formula!.State = PassState.Cycle;
            member.Formula.UsesPosition = true;
        }

        bool waits = false;
        foreach (var member in group.Members)
        {
            _evaluator.EvaluateCell(member);
            foreach (var precedent in _evaluator.Unready)
            {
                AddDynamicEdge(precedent, member);
                group.External++;
                waits = true;
            }
        }

        if (waits)
        {
            foreach (var member in group.Members)
            {
                member.Formula!.State = PassState.Pending;
            }

            return 0;
        }

        group.IsDone = true;
        var circular = CellValue.FromError(ErrorValue.Circular);
        foreach (var member in group.Members)
        {
            Complete(member, circular, seeds);
        }

        return group.Members.Count;
    }

    /// <summary>
    /// Strongly connected components with a cycle (more than one cell, or a cell depending on itself) among the
    /// nodes accepted by <paramref name="include"/>, found without recursion.
    /// </summary>
    internal static List<List<Cell>> FindCycles(IEnumerable<Cell> nodes, Func<Cell, bool> include, Func<Cell, IReadOnlyList<Cell>?> edges)
    {
        var index = new Dictionary<Cell, int>();
        var low = new Dictionary<Cell, int>();
        var onStack = new HashSet<Cell>();
        var stack = new Stack<Cell>();
        var calls = new Stack<(Cell Node, int Edge, IReadOnlyList<Cell>? Outs)>();
        var result = new List<List<Cell>>();
        int counter = 0;
        foreach (var root in nodes)
        {
            if (!include(root) || index.ContainsKey(root))
            {
                continue;
            }

            index[root] = low[root] = counter++;
            stack.Push(root);
            onStack.Add(root);
            calls.Push((root, 0, edges(root)));
            while (calls.Count > 0)
            {
                // Each frame keeps its edge list, fetched once: a cell with many dependents is resumed many times.
                var (node, edge, outs) = calls.Pop();
                bool descended = false;
                while (outs is not null && edge < outs.Count)
                {
                    var next = outs[edge++];
                    if (!include(next))
                    {
                        continue;
                    }

                    if (!index.ContainsKey(next))
                    {
                        calls.Push((node, edge, outs));
                        index[next] = low[next] = counter++;
                        stack.Push(next);
                        onStack.Add(next);
                        calls.Push((next, 0, edges(next)));
                        descended = true;
                        break;
                    }

                    if (onStack.Contains(next))
                    {
                        low[node] = Math.Min(low[node], index[next]);
                    }
                }

                if (descended)
                {
                    continue;
                }

                if (low[node] == index[node])
                {
                    var component = new List<Cell>();
                    Cell member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (!ReferenceEquals(member, node));

                    if (component.Count > 1 || HasSelfEdge(node, outs))
                    {
                        component.Reverse();
                        result.Add(component);
                    }
                }

                if (calls.Count > 0)
                {
                    var parent = calls.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }
            }
        }

        return result;
    }

    private static bool HasSelfEdge(Cell node, IReadOnlyList<Cell>? outs)
    {
        if (outs is null)
        {
            return false;
        }

        for (int i = 0; i < outs.Count; i++)
        {
            if (ReferenceEquals(outs[i], node))
            {
                return true;
            }
        }

        return false;
    }
}
