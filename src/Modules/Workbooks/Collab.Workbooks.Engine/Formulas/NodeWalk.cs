namespace Collab.Workbooks.Engine;

/// <summary>Walks a formula's syntax tree.</summary>
internal static class NodeWalk
{
    // One spare stack per thread: walks happen on every structural change, bind and import, usually not nested.
    [ThreadStatic]
    private static Stack<Node>? t_spare;

    /// <summary>
    /// Every node, parents before their children, without recursion (binary chains can be thousands deep). For the
    /// questions asked of a whole tree; the binder and the evaluator keep their own walks, whose order matters.
    /// A struct enumerator over a pooled stack: a walk allocates nothing.
    /// </summary>
    public static Walker All(Node root) => new(root);

    /// <summary>A stack for a walk, from the thread's spare when it is free.</summary>
    private static Stack<Node> RentStack()
    {
        var stack = t_spare ?? new Stack<Node>();
        t_spare = null;
        return stack;
    }

    /// <summary>Gives a rented stack back.</summary>
    private static void ReturnStack(Stack<Node> stack)
    {
        stack.Clear();
        t_spare = stack;
    }

    /// <summary>Pushes a node's children (a function's arguments pop last first, an operator's left operand first).</summary>
    private static void PushChildren(Stack<Node> stack, Node node)
    {
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

    /// <summary>The walk (its own enumerator, for <c>foreach</c>).</summary>
    internal struct Walker(Node root) : IDisposable
    {
        private Stack<Node>? _stack;
        private bool _started;

        public Node Current { get; private set; } = null!;

        public readonly Walker GetEnumerator() => this;

        public bool MoveNext()
        {
            if (!_started)
            {
                _started = true;
                _stack = RentStack();
                _stack.Push(root);
            }

            if (_stack is null || _stack.Count == 0)
            {
                return false;
            }

            var node = _stack.Pop();
            PushChildren(_stack, node);
            Current = node;
            return true;
        }

        public void Dispose()
        {
            if (_stack is not null)
            {
                ReturnStack(_stack);
                _stack = null;
            }
        }
    }
}
