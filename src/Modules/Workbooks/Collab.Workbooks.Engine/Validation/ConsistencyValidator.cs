namespace Collab.Workbooks.Engine;

/// <summary>What kind of problem the validator found.</summary>
public enum ValidationIssueKind
{
    /// <summary>A formula refers to a sheet or defined name that does not exist.</summary>
    UnresolvedReference,

    /// <summary>Formulas depend on each other in a cycle (their cells show #CIRC!).</summary>
    CircularReference,

    /// <summary>A stored value differs from what a recalculation from scratch gives.</summary>
    ValueMismatch,
}

/// <summary>One problem found by <see cref="ConsistencyValidator"/>.</summary>
/// <param name="Kind">The kind of problem.</param>
/// <param name="Message">A sentence naming the cells, such as "Circular reference: Sheet1!A1 -> Sheet1!B1 -> Sheet1!A1".</param>
/// <param name="Cells">The cells involved (for a cycle, in cycle order).</param>
public sealed record ValidationIssue(ValidationIssueKind Kind, string Message, IReadOnlyList<CellLocation> Cells);

/// <summary>The validator's findings.</summary>
/// <param name="Issues">Every problem found.</param>
public sealed record ValidationReport(IReadOnlyList<ValidationIssue> Issues)
{
    /// <summary>True when nothing was found.</summary>
    public bool IsValid => Issues.Count == 0;

    /// <summary>The issues of one kind.</summary>
    public IReadOnlyList<ValidationIssue> OfKind(ValidationIssueKind kind)
    {
        var list = new List<ValidationIssue>();
        foreach (var issue in Issues)
        {
            if (issue.Kind == kind)
            {
                list.Add(issue);
            }
        }

        return list;
    }
}

/// <summary>
/// Checks a workbook: references to missing sheets or names, circular references (each cycle named cell by
/// cell), and data integrity: every stored value equals a from-scratch recalculation of a copy built from the
/// inputs (cells that depend on RAND, RANDBETWEEN, NOW or TODAY are not compared).
/// </summary>
public static class ConsistencyValidator
{
    /// <summary>Runs every check.</summary>
    public static ValidationReport Validate(Workbook workbook)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        var issues = new List<ValidationIssue>();
        issues.AddRange(FindUnresolved(workbook));
        issues.AddRange(FindCycles(workbook));
        issues.AddRange(CheckIntegrity(workbook));
        return new ValidationReport(issues);
    }

    /// <summary>Formulas and names that refer to a missing sheet or name.</summary>
    public static IReadOnlyList<ValidationIssue> FindUnresolved(Workbook workbook)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        var issues = new List<ValidationIssue>();
        foreach (var sheet in workbook.Sheets)
        {
            foreach (var cell in OrderedFormulaCells(sheet))
            {
                foreach (var missing in MissingTargets(workbook, cell.Formula!.Root, sheet.Name))
                {
                    var location = Location(cell);
                    issues.Add(new ValidationIssue(ValidationIssueKind.UnresolvedReference, $"{location} refers to {missing}, which does not exist", [location]));
                }
            }
        }

        foreach (var definition in workbook.DefinedNames)
        {
            foreach (var missing in MissingTargets(workbook, definition.Root, null))
            {
                issues.Add(new ValidationIssue(ValidationIssueKind.UnresolvedReference, $"The name {definition.Name} refers to {missing}, which does not exist", []));
            }
        }

        return issues;
    }

    /// <summary>Every reference cycle among formulas, static references and names included, each named in order.</summary>
    public static IReadOnlyList<ValidationIssue> FindCycles(Workbook workbook)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        var cells = new List<Cell>();
        foreach (var sheet in workbook.Sheets)
        {
            cells.AddRange(OrderedFormulaCells(sheet));
        }

        var edges = new Dictionary<Cell, List<Cell>>();
        foreach (var cell in cells)
        {
            var dependents = new List<Cell>();
            workbook.CollectDependents(cell.Sheet, cell.Row, cell.Column, dependents);
            edges[cell] = dependents;
        }

        var issues = new List<ValidationIssue>();
        var inStaticCycle = new HashSet<Cell>();
        foreach (var component in Workbook.FindCycles(cells, _ => true, c => edges.TryGetValue(c, out var e) ? e : null))
        {
            var path = CyclePath(component, edges);
            inStaticCycle.UnionWith(component);
            var locations = new List<CellLocation>();
            foreach (var cell in path)
            {
                locations.Add(Location(cell));
            }

            var text = string.Join(" -> ", locations) + " -> " + locations[0];
            issues.Add(new ValidationIssue(ValidationIssueKind.CircularReference, "Circular reference: " + text, locations));
        }

        // Cycles through INDIRECT or OFFSET exist only at run time: their cells hold #CIRC! without a static cycle.
        foreach (var cell in cells)
        {
            if (!inStaticCycle.Contains(cell) && cell.Value.IsError && cell.Value.Error == ErrorValue.Circular && CanBeInDynamicCycle(cell))
            {
                var location = Location(cell);
                issues.Add(new ValidationIssue(ValidationIssueKind.CircularReference, $"Circular reference through a dynamic reference at {location}", [location]));
            }
        }

        return issues;
    }

    // Only formulas with dynamic references (INDIRECT, OFFSET) can close a cycle that the static graph lacks.
    private static bool CanBeInDynamicCycle(Cell cell) => cell.Formula!.IsVolatile;

    /// <summary>Values that differ from a full recalculation of a fresh copy of the workbook.</summary>
    public static IReadOnlyList<ValidationIssue> CheckIntegrity(Workbook workbook)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        var fresh = Workbook.FromSnapshot(workbook.ToSnapshot(), workbook.TimeProvider, new Random(0));
        var skip = NondeterministicCells(fresh);
        var issues = new List<ValidationIssue>();
        foreach (var sheet in workbook.Sheets)
        {
            var freshSheet = fresh.RequireSheet(sheet.Name);
            foreach (var cell in OrderedCells(sheet))
            {
                var freshCell = freshSheet.Get(cell.Row, cell.Column);
                if (freshCell is not null && skip.Contains(freshCell))
                {
                    continue;
                }

                var expected = freshCell?.Value ?? CellValue.Blank;
                if (expected != cell.Value)
                {
                    var location = Location(cell);
                    issues.Add(new ValidationIssue(ValidationIssueKind.ValueMismatch,
                        $"{location} holds {Describe(cell.Value)} but a full recalculation gives {Describe(expected)}", [location]));
                }
            }
        }

        return issues;
    }

    /// <summary>
    /// The dependency index against a fresh copy's: every formula registers the same precedents (cells and ranges,
    /// by position) as when bound from scratch, the index holds each registration, and nothing else.
    /// </summary>
    internal static IReadOnlyList<string> CheckDependencies(Workbook workbook)
    {
        var fresh = Workbook.FromSnapshot(workbook.ToSnapshot(), workbook.TimeProvider, new Random(0));
        var problems = new List<string>();
        long points = 0;
        long ranges = 0;
        foreach (var sheet in workbook.Sheets)
        {
            var freshSheet = fresh.RequireSheet(sheet.Name);
            foreach (var cell in OrderedFormulaCells(sheet))
            {
                var formula = cell.Formula!;
                var freshFormula = freshSheet.Get(cell.Row, cell.Column)?.Formula;
                string where = Location(cell).ToString();
                if (freshFormula is null)
                {
                    problems.Add($"{where} has a formula the fresh copy lacks");
                    continue;
                }

                var mine = Registrations(formula);
                var theirs = Registrations(freshFormula);
                if (!mine.SetEquals(theirs))
                {
                    problems.Add($"{where} registers [{string.Join(", ", mine.Order())}] but binding from scratch gives [{string.Join(", ", theirs.Order())}]");
                }

                if (formula.IsVolatile != workbook.VolatileCells.Contains(cell))
                {
                    problems.Add($"{where}: volatile set out of date");
                }

                foreach (var (precedentSheet, key) in formula.Points)
                {
                    points++;
                    if (!precedentSheet.PointDependents.TryGetValue(key, out var entry)
                        || !(ReferenceEquals(entry, cell) || (entry is DependentList list && Contains(list, cell))))
                    {
                        problems.Add($"{where} is missing from the point index");
                    }
                }

                foreach (var range in formula.Ranges)
                {
                    ranges++;
                    var found = new List<Cell>();
                    range.Sheet.RangeDependents.Query(range.Row1, range.Column1, found);
                    var found2 = new List<Cell>();
                    range.Sheet.RangeDependents.Query(range.Row2, range.Column2, found2);
                    if (!found.Contains(cell) || !found2.Contains(cell))
                    {
                        problems.Add($"{where} is missing from the range index");
                    }
                }
            }
        }

        long indexedPoints = 0;
        long indexedRanges = 0;
        foreach (var sheet in workbook.Sheets)
        {
            foreach (var entry in sheet.PointDependents.Values)
            {
                indexedPoints += entry is DependentList list ? list.Count : 1;
            }

            foreach (var range in sheet.RangeDependents.Entries)
            {
                indexedRanges += range.Dependents is DependentList list ? list.Count : 1;
            }
        }

        if (indexedPoints != points || indexedRanges != ranges)
        {
            problems.Add($"The index holds {indexedPoints} point and {indexedRanges} range registrations; the formulas have {points} and {ranges}");
        }

        return problems;
    }

    private static bool Contains(DependentList list, Cell cell)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (ReferenceEquals(list[i], cell))
            {
                return true;
            }
        }

        return false;
    }

    private static HashSet<string> Registrations(FormulaState formula)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (sheet, key) in formula.Points)
        {
            var (row, column) = Sheet.UnpackKey(key);
            set.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{sheet.Name}!R{row}C{column}"));
        }

        foreach (var range in formula.Ranges)
        {
            set.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{range.Sheet.Name}!R{range.Row1}C{range.Column1}:R{range.Row2}C{range.Column2}"));
        }

        return set;
    }

    private static HashSet<Cell> NondeterministicCells(Workbook workbook)
    {
        var result = new HashSet<Cell>();
        var work = new Stack<Cell>();
        foreach (var sheet in workbook.Sheets)
        {
            foreach (var cell in sheet.AllCells())
            {
                if (cell.Formula is { IsNondeterministic: true } && result.Add(cell))
                {
                    work.Push(cell);
                }
            }
        }

        var dependents = new List<Cell>();
        while (work.Count > 0)
        {
            var cell = work.Pop();
            dependents.Clear();
            workbook.CollectDependents(cell.Sheet, cell.Row, cell.Column, dependents);
            foreach (var dependent in dependents)
            {
                if (result.Add(dependent))
                {
                    work.Push(dependent);
                }
            }
        }

        // Volatile formulas (INDIRECT, OFFSET) may read such cells without a static edge.
        if (result.Count > 0)
        {
            foreach (var cell in workbook.VolatileCells)
            {
                result.Add(cell);
            }
        }

        return result;
    }

    private static string Describe(CellValue value) => value.Kind switch
    {
        CellValueKind.Blank => "nothing",
        CellValueKind.Text => "\"" + value.Text + "\"",
        _ => value.ToDisplayText(),
    };

    private static List<Cell> CyclePath(List<Cell> component, Dictionary<Cell, List<Cell>> edges)
    {
        // Breadth-first search inside the component from its first cell back to itself.
        var members = new HashSet<Cell>(component);
        var start = component[0];
        var previous = new Dictionary<Cell, Cell>();
        var queue = new Queue<Cell>();
        queue.Enqueue(start);
        Cell? last = null;
        while (queue.Count > 0 && last is null)
        {
            var cell = queue.Dequeue();
            foreach (var next in edges[cell])
            {
                if (!members.Contains(next))
                {
                    continue;
                }

                if (ReferenceEquals(next, start))
                {
                    last = cell;
                    break;
                }

                if (previous.TryAdd(next, cell))
                {
                    queue.Enqueue(next);
                }
            }
        }

        var path = new List<Cell>();
        for (var cell = last; cell is not null && !ReferenceEquals(cell, start); cell = previous[cell])
        {
            path.Add(cell);
        }

        path.Add(start);
        path.Reverse();

        // Edges run from a cell to the cells that use it; a cycle reads better as "A1 uses B1 uses A1".
        path.Reverse(1, path.Count - 1);
        return path;
    }

    private static IEnumerable<string> MissingTargets(Workbook workbook, Node root, string? host)
    {
        foreach (var node in NodeWalk.All(root))
        {
            switch (node)
            {
                case CellRefNode c when (c.SheetName ?? host) is { } s && workbook.FindSheet(s) is null:
                    yield return "sheet '" + s + "'";
                    break;
                case CellRefNode c when c.SheetName is null && host is null:
                    yield return "a cell without a sheet";
                    break;
                case AreaRefNode a when (a.SheetName ?? host) is { } s && workbook.FindSheet(s) is null:
                    yield return "sheet '" + s + "'";
                    break;
                case NameNode n when workbook.FindName(n.Name) is null:
                    yield return "the name " + n.Name;
                    break;
            }
        }
    }

    private static List<Cell> OrderedCells(Sheet sheet)
    {
        var cells = new List<Cell>(sheet.AllCells());
        cells.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : a.Column.CompareTo(b.Column));
        return cells;
    }

    private static List<Cell> OrderedFormulaCells(Sheet sheet)
    {
        var cells = OrderedCells(sheet);
        cells.RemoveAll(c => c.Formula is null);
        return cells;
    }

    private static CellLocation Location(Cell cell) => new(cell.Sheet.Name, new CellAddress(cell.Row, cell.Column));
}
