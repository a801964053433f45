using Collab.Workbooks.Engine.Functions;

namespace Collab.Workbooks.Engine.Xlsx;

/// <summary>Questions the importer asks of a parsed formula.</summary>
internal static class FormulaInspection
{
    // Functions whose result changes when the engine evaluates them in array mode (they test FunctionArgs.ArrayMode:
    // IF's condition, the lookup value, the *IF(S) criteria, RANK's number, PERCENTILE's k... lifted over a range).
    private static readonly HashSet<string> ArrayModeAware = new(StringComparer.OrdinalIgnoreCase)
    {
        "IF", "IFERROR", "IFNA", "ROW", "COLUMN", "CHOOSE",
        "SUMIF", "SUMIFS", "COUNTIF", "COUNTIFS", "AVERAGEIF", "AVERAGEIFS", "MAXIFS", "MINIFS",
        "VLOOKUP", "HLOOKUP", "MATCH", "XLOOKUP", "XMATCH",
        "LARGE", "SMALL", "RANK", "RANK.EQ", "RANK.AVG", "PERCENTILE", "PERCENTILE.INC", "QUARTILE", "QUARTILE.INC",
    };

    /// <summary>Adds the names of functions the engine does not know.</summary>
    public static void CollectUnknownFunctions(Node root, ISet<string> names)
    {
        foreach (var node in NodeWalk.All(root))
        {
            if (node is FunctionNode { Definition: null } f && !VerbatimFormula.IsMarker(f))
            {
                names.Add(f.Name);
            }
        }
    }

    /// <summary>
    /// True when the formula's value could differ between an array evaluation (Excel's array formulas) and the
    /// engine's ordinary evaluation: somewhere a range, an array or a reference-returning function is an operand
    /// of an operator or an argument of a function that works item by item. Conservative: may say true needlessly.
    /// </summary>
    /// <param name="root">The formula.</param>
    /// <param name="isSingleValueName">Whether a defined name stands for one cell or one value.</param>
    public static bool NeedsArrayEvaluation(Node root, Func<string, bool> isSingleValueName) => Sensitive(root, false, isSingleValueName);

    private static bool Sensitive(Node node, bool valuePosition, Func<string, bool> isSingleValueName)
    {
        while (true)
        {
            switch (node)
            {
                case AreaRefNode or RangeOpNode or ArrayNode:
                    return valuePosition;
                case NameNode name:
                    return valuePosition && !isSingleValueName(name.Name);
                case ParenNode p:
                    node = p.Inner;
                    continue;
                case UnaryNode u:
                    node = u.Operand;
                    valuePosition = true;
                    continue;
                case PercentNode p:
                    node = p.Operand;
                    valuePosition = true;
                    continue;
                case BinaryNode b:
                {
                    // Walk the left spine iteratively: long sums are deep on the left.
                    Node current = b;
                    while (current is BinaryNode chain)
                    {
                        if (Sensitive(chain.Right, true, isSingleValueName))
                        {
                            return true;
                        }

                        current = chain.Left;
                    }

                    node = current;
                    valuePosition = true;
                    continue;
                }

                case FunctionNode f:
                {
                    var definition = f.Definition;
                    if (definition is null)
                    {
                        return false;
                    }

                    if (valuePosition && definition.ReturnsReference)
                    {
                        return true;
                    }

                    bool argumentsAreValues = definition.IsScalar || ArrayModeAware.Contains(definition.Name);
                    for (int i = 0; i < f.Args.Length; i++)
                    {
                        if (definition.ModeOf(i) != ArgMode.Array && Sensitive(f.Args[i], argumentsAreValues, isSingleValueName))
                        {
                            return true;
                        }
                    }

                    return false;
                }

                default:
                    return false;
            }
        }
    }

    /// <summary>True when a defined name's formula is one cell or one constant.</summary>
    public static bool IsSingleValue(Node root) =>
        root is CellRefNode or NumberNode or TextNode or BooleanNode or ErrorNode
        || (root is AreaRefNode a && a.Kind == AreaKind.Cells && a.Row1 == a.Row2 && a.Column1 == a.Column2)
        || (root is UnaryNode u && IsSingleValue(u.Operand));
}
