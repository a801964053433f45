namespace Collab.Workbooks.Engine.Functions;

/// <summary>Logical functions. IF, IFS, IFERROR, IFNA, SWITCH evaluate only the branch they return.</summary>
[FunctionLibrary]
internal static class LogicalFunctions
{
    public static void Register(FunctionRegistry registry)
    {
        registry.Add("IF", 2, 3, If, FunctionFlags.ReturnsReference, ArgMode.Value, ArgMode.Lazy);
        registry.Add("IFS", 2, FunctionDefinition.Unlimited, Ifs, FunctionFlags.ReturnsReference, ArgMode.Lazy);
        registry.Add("IFERROR", 2, 2, args => IfError(args, onlyNotAvailable: false), FunctionFlags.None, ArgMode.Value, ArgMode.Lazy);
        registry.Add("IFNA", 2, 2, args => IfError(args, onlyNotAvailable: true), FunctionFlags.None, ArgMode.Value, ArgMode.Lazy);
        registry.Add("SWITCH", 3, FunctionDefinition.Unlimited, Switch, FunctionFlags.ReturnsReference, ArgMode.Value, ArgMode.Lazy);
        registry.Add("AND", 1, FunctionDefinition.Unlimited, args => Logical(args, LogicalOp.And));
        registry.Add("OR", 1, FunctionDefinition.Unlimited, args => Logical(args, LogicalOp.Or));
        registry.Add("XOR", 1, FunctionDefinition.Unlimited, args => Logical(args, LogicalOp.Xor));
        registry.Add("NOT", 1, 1, Not, FunctionFlags.Scalar);
        registry.Add("TRUE", 0, 0, _ => Operand.Boolean(true));
        registry.Add("FALSE", 0, 0, _ => Operand.Boolean(false));
    }

    private static Operand If(FunctionArgs args)
    {
        var condition = args[0];
        // An array condition (an array constant anywhere, a range in an array expression) chooses item by item:
        // SUM(IF({1,0,1},{10,20,30})) is 40.
        if (condition.IsArray || (args.ArrayMode && condition.Reference is { IsSingleCell: false }))
        {
            return IfArray(args, args.Context.ToArray(condition));
        }

        if (!args.TryBoolean(0, out bool test, out var error))
        {
            return error;
        }

        if (test)
        {
            return args[1];
        }

        return args.Count > 2 ? args[2] : Operand.Boolean(false);
    }

    // In array mode IF picks item by item: SUMPRODUCT(IF(A1:A3>1,B1:B3,0)).
    private static Operand IfArray(FunctionArgs args, ArrayValue condition)
    {
        var context = args.Context;
        var whenTrue = context.ToArray(args[1]);
        var whenFalse = args.Count > 2 ? context.ToArray(args[2]) : new ArrayValue(1, 1, [CellValue.False]);
        int rows = Evaluator.BroadcastSize(condition.Rows, Evaluator.BroadcastSize(whenTrue.Rows, whenFalse.Rows));
        int columns = Evaluator.BroadcastSize(condition.Columns, Evaluator.BroadcastSize(whenTrue.Columns, whenFalse.Columns));
        var result = new ArrayValue(rows, columns);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                var test = Evaluator.Element(condition, r, c);
                if (!Coercion.TryToBoolean(test, out bool b, out var e))
                {
                    result[r, c] = CellValue.FromError(e);
                    continue;
                }

                result[r, c] = Evaluator.Element(b ? whenTrue : whenFalse, r, c);
            }
        }

        return result;
    }

    private static Operand Ifs(FunctionArgs args)
    {
        if (args.Count % 2 != 0)
        {
            return Operand.Error(ErrorValue.NotAvailable);
        }

        for (int i = 0; i < args.Count; i += 2)
        {
            var test = args.Context.Scalar(args[i]);
            if (!Coercion.TryToBoolean(test, out bool b, out var e))
            {
                return Operand.Error(e);
            }

            if (b)
            {
                return args[i + 1];
            }
        }

        return Operand.Error(ErrorValue.NotAvailable);
    }

    private static Operand IfError(FunctionArgs args, bool onlyNotAvailable)
    {
        var value = args[0];
        if (value.Array is { } array)
        {
            CellValue? fallback = null;
            var result = new ArrayValue(array.Rows, array.Columns);
            for (int i = 0; i < array.Items.Length; i++)
            {
                var item = array.Items[i];
                if (IsCaught(item, onlyNotAvailable))
                {
                    fallback ??= args.Context.Scalar(args[1]);
                    item = fallback.Value;
                }

                result.Items[i] = item;
            }

            return result;
        }

        if (value.Reference is { IsSingleCell: false } && args.ArrayMode)
        {
            return IfError(args, onlyNotAvailable, args.Context.ToArray(value));
        }

        var scalar = args.Context.Scalar(value);
        if (IsCaught(scalar, onlyNotAvailable))
        {
            return args[1];
        }

        return value.IsReference ? new Operand(scalar) : value;
    }

    private static Operand IfError(FunctionArgs args, bool onlyNotAvailable, ArrayValue array)
    {
        CellValue? fallback = null;
        var result = new ArrayValue(array.Rows, array.Columns);
        for (int i = 0; i < array.Items.Length; i++)
        {
            var item = array.Items[i];
            if (IsCaught(item, onlyNotAvailable))
            {
                fallback ??= args.Context.Scalar(args[1]);
                item = fallback.Value;
            }

            result.Items[i] = item;
        }

        return result;
    }

    private static bool IsCaught(in CellValue value, bool onlyNotAvailable) =>
        value.IsError && (!onlyNotAvailable || value.Error == ErrorValue.NotAvailable);

    // SWITCH(expression, value1, result1, ..., [default]): exact match (text case-insensitive).
    private static Operand Switch(FunctionArgs args)
    {
        var expression = args.Scalar(0);
        if (expression.IsError)
        {
            return expression;
        }

        int pairs = (args.Count - 1) / 2;
        for (int i = 0; i < pairs; i++)
        {
            var candidate = args.Context.Scalar(args[1 + (2 * i)]);
            if (candidate.IsError)
            {
                return candidate;
            }

            if (SameValue(expression, candidate))
            {
                return args[2 + (2 * i)];
            }
        }

        return (args.Count - 1) % 2 == 1 ? args[args.Count - 1] : Operand.Error(ErrorValue.NotAvailable);
    }

    private static bool SameValue(in CellValue a, in CellValue b)
    {
        if (a.IsBlank || b.IsBlank)
        {
            return Coercion.Compare(a, b) == 0;
        }

        return a.Kind == b.Kind && Coercion.Compare(a, b) == 0;
    }

    private enum LogicalOp
    {
        And,
        Or,
        Xor,
    }

    private struct LogicalVisitor : IValueVisitor
    {
        public int Count;
        public int TrueCount;
        public ErrorValue? Error;

        public bool Visit(in CellValue value, bool direct)
        {
            switch (value.Kind)
            {
                case CellValueKind.Boolean:
                case CellValueKind.Number:
                    Count++;
                    if (value.IsBoolean ? value.Boolean : value.Number != 0)
                    {
                        TrueCount++;
                    }

                    return true;
                case CellValueKind.Error:
                    Error = value.Error;
                    return false;
                case CellValueKind.Text when direct:
                    if (Coercion.TryToBoolean(value, out bool b, out _))
                    {
                        Count++;
                        TrueCount += b ? 1 : 0;
                        return true;
                    }

                    Error = ErrorValue.Value;
                    return false;
                case CellValueKind.Blank when direct:
                    Count++;
                    return true;
                default:
                    return true;
            }
        }
    }

    // AND/OR/XOR: booleans and numbers count; text and blanks in ranges are skipped; no logical value at all is #VALUE!.
    private static Operand Logical(FunctionArgs args, LogicalOp op)
    {
        var visitor = default(LogicalVisitor);
        Aggregation.VisitValues(args, 0, args.Count, ref visitor);
        if (visitor.Error is { } error)
        {
            return Operand.Error(error);
        }

        if (visitor.Count == 0)
        {
            return Operand.Error(ErrorValue.Value);
        }

        return op switch
        {
            LogicalOp.And => Operand.Boolean(visitor.TrueCount == visitor.Count),
            LogicalOp.Or => Operand.Boolean(visitor.TrueCount > 0),
            _ => Operand.Boolean(visitor.TrueCount % 2 == 1),
        };
    }

    private static Operand Not(FunctionArgs args) =>
        args.TryBoolean(0, out bool b, out var error) ? Operand.Boolean(!b) : error;
}
