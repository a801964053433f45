using System.Globalization;
using System.Text;

namespace Collab.Workbooks.Engine;

/// <summary>Prints a formula tree as normalised Excel text: upper-case functions and references, no spaces.</summary>
internal static class FormulaPrinter
{
    public static string Print(Node node, bool withEquals = true) => Print(node, 0, 0, withEquals);

    /// <summary>Prints a tree whose relative coordinates are offsets from (<paramref name="originRow"/>, <paramref name="originColumn"/>): a cell's shape.</summary>
    public static string Print(Node node, int originRow, int originColumn, bool withEquals = true)
    {
        var sb = new StringBuilder(32);
        if (withEquals)
        {
            sb.Append('=');
        }

        AppendNode(sb, node, originRow, originColumn);
        return sb.ToString();
    }

    private static void AppendNode(StringBuilder sb, Node node, int originRow, int originColumn)
    {
        // Left spines of binary chains are walked with an explicit stack: long sums must not recurse deeply.
        if (node is BinaryNode chain)
        {
            var spine = new Stack<BinaryNode>();
            Node current = chain;
            while (current is BinaryNode b)
            {
                spine.Push(b);
                current = b.Left;
            }

            AppendNode(sb, current, originRow, originColumn);
            while (spine.Count > 0)
            {
                var b = spine.Pop();
                sb.Append(OperatorText(b.Operator));
                AppendNode(sb, b.Right, originRow, originColumn);
            }

            return;
        }

        switch (node)
        {
            case NumberNode n:
                sb.Append(NumberText.ToLiteral(n.Value));
                break;
            case TextNode t:
                AppendString(sb, t.Value);
                break;
            case BooleanNode b:
                sb.Append(b.Value ? "TRUE" : "FALSE");
                break;
            case ErrorNode e:
                sb.Append(e.Value.ToText());
                break;
            case MissingNode:
                break;
            case CellRefNode c:
                AppendSheet(sb, c.SheetName is null ? null : c.Sheet?.Name ?? c.SheetName);
                AppendColumn(sb, c.ColumnAt(originColumn), c.ColumnAbsolute);
                AppendRow(sb, c.RowAt(originRow), c.RowAbsolute);
                break;
            case AreaRefNode a:
                AppendSheet(sb, a.SheetName is null ? null : a.Sheet?.Name ?? a.SheetName);
                switch (a.Kind)
                {
                    case AreaKind.Columns:
                        AppendColumn(sb, a.Column1At(originColumn), a.Column1Absolute);
                        sb.Append(':');
                        AppendColumn(sb, a.Column2At(originColumn), a.Column2Absolute);
                        break;
                    case AreaKind.Rows:
                        AppendRow(sb, a.Row1At(originRow), a.Row1Absolute);
                        sb.Append(':');
                        AppendRow(sb, a.Row2At(originRow), a.Row2Absolute);
                        break;
                    default:
                        AppendColumn(sb, a.Column1At(originColumn), a.Column1Absolute);
                        AppendRow(sb, a.Row1At(originRow), a.Row1Absolute);
                        sb.Append(':');
                        AppendColumn(sb, a.Column2At(originColumn), a.Column2Absolute);
                        AppendRow(sb, a.Row2At(originRow), a.Row2Absolute);
                        break;
                }

                break;
            case NameNode name:
                sb.Append(name.Definition?.Name ?? name.Name);
                break;
            case FunctionNode f:
                sb.Append(f.Name).Append('(');
                for (int i = 0; i < f.Args.Length; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    AppendNode(sb, f.Args[i], originRow, originColumn);
                }

                sb.Append(')');
                break;
            case UnaryNode u:
                sb.Append(u.Operator == UnaryOperator.Negate ? '-' : '+');
                AppendNode(sb, u.Operand, originRow, originColumn);
                break;
            case PercentNode p:
                AppendNode(sb, p.Operand, originRow, originColumn);
                sb.Append('%');
                break;
            case ParenNode p:
                sb.Append('(');
                AppendNode(sb, p.Inner, originRow, originColumn);
                sb.Append(')');
                break;
            case ArrayNode arr:
                AppendArray(sb, arr.Value);
                break;
            case RangeOpNode r:
                AppendNode(sb, r.Left, originRow, originColumn);
                sb.Append(':');
                AppendNode(sb, r.Right, originRow, originColumn);
                break;
            default:
                throw new InvalidOperationException($"Unknown node {node.GetType().Name}.");
        }
    }

    private static void AppendSheet(StringBuilder sb, string? sheet)
    {
        if (sheet is not null)
        {
            sb.Append(SheetNames.Quote(sheet)).Append('!');
        }
    }

    private static void AppendColumn(StringBuilder sb, int column, bool absolute)
    {
        if (absolute)
        {
            sb.Append('$');
        }

        sb.Append(CellAddress.ColumnName(column));
    }

    private static void AppendRow(StringBuilder sb, int row, bool absolute)
    {
        if (absolute)
        {
            sb.Append('$');
        }

        sb.Append(row.ToString(CultureInfo.InvariantCulture));
    }

    private static void AppendString(StringBuilder sb, string value)
    {
        sb.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static void AppendArray(StringBuilder sb, ArrayValue array)
    {
        sb.Append('{');
        for (int r = 0; r < array.Rows; r++)
        {
            if (r > 0)
            {
                sb.Append(';');
            }

            for (int c = 0; c < array.Columns; c++)
            {
                if (c > 0)
                {
                    sb.Append(',');
                }

                var v = array[r, c];
                switch (v.Kind)
                {
                    case CellValueKind.Number:
                        sb.Append(NumberText.ToLiteral(v.Number));
                        break;
                    case CellValueKind.Text:
                        AppendString(sb, v.Text);
                        break;
                    default:
                        sb.Append(v.ToDisplayText());
                        break;
                }
            }
        }

        sb.Append('}');
    }

    private static string OperatorText(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Power => "^",
        BinaryOperator.Concat => "&",
        BinaryOperator.Equal => "=",
        BinaryOperator.NotEqual => "<>",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        _ => ">=",
    };
}
