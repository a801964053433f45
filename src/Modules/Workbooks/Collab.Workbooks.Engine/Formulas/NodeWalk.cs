namespace Collab.Workbooks.Engine;

/// <summary>Walks a formula's syntax tree.</summary>
internal static class NodeWalk
{
    /// <summary>
    /// Every node, parents before their children, without recursion (binary chains can be thousands deep). For the
    /// questions asked of a whole tree; the binder and the evaluator keep their own walks, whose order matters.
    /// </summary>
    public static IEnumerable<Node> All(Node root)
    {
        var stack = new Stack<Node>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            switch (node)
            {
                case FunctionNode f:
                    foreach (var arg in f.Args)
                    {
                        stack.Push(arg);
                    }

                    break;
                case BinaryNode b:
                    stack.Push(b.Right);
                    stack.Push(b.Left);
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
                    stack.Push(r.Right);
                    stack.Push(r.Left);
                    break;
            }
        }
    }
}
