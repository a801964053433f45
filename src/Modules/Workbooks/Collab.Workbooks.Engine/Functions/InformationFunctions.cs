namespace Collab.Workbooks.Engine.Functions;

/// <summary>Information functions: IS* tests (they never propagate errors), NA, N, T, TYPE.</summary>
[FunctionLibrary]
internal static class InformationFunctions
{
    private const FunctionFlags Scalar = FunctionFlags.Scalar;

    public static void Register(FunctionRegistry registry)
    {
        registry.Add("ISBLANK", 1, 1, args => Test(args, static v => v.IsBlank), Scalar);
        registry.Add("ISNUMBER", 1, 1, args => Test(args, static v => v.IsNumber), Scalar);
        registry.Add("ISTEXT", 1, 1, args => Test(args, static v => v.IsText), Scalar);
        registry.Add("ISNONTEXT", 1, 1, args => Test(args, static v => !v.IsText), Scalar);
        registry.Add("ISLOGICAL", 1, 1, args => Test(args, static v => v.IsBoolean), Scalar);
        registry.Add("ISERROR", 1, 1, args => Test(args, static v => v.IsError), Scalar);
        registry.Add("ISERR", 1, 1, args => Test(args, static v => v.IsError && v.Error != ErrorValue.NotAvailable), Scalar);
        registry.Add("ISNA", 1, 1, args => Test(args, static v => v.IsError && v.Error == ErrorValue.NotAvailable), Scalar);
        registry.Add("ISEVEN", 1, 1, args => Parity(args, even: true), Scalar);
        registry.Add("ISODD", 1, 1, args => Parity(args, even: false), Scalar);
        registry.Add("NA", 0, 0, _ => Operand.Error(ErrorValue.NotAvailable));
        registry.Add("N", 1, 1, N, Scalar);
        registry.Add("T", 1, 1, T, Scalar);
        registry.Add("TYPE", 1, 1, TypeOf);
    }

    private static Operand Test(FunctionArgs args, Func<CellValue, bool> test) => Operand.Boolean(test(args.Scalar(0)));

    private static Operand Parity(FunctionArgs args, bool even)
    {
        var value = args.Scalar(0);
        if (value.IsBoolean)
        {
            return Operand.Error(ErrorValue.Value);
        }

        if (!args.TryNumber(0, out double x, out var error))
        {
            return error;
        }

        bool isEven = Math.Truncate(x) % 2 == 0;
        return Operand.Boolean(even == isEven);
    }

    private static Operand N(FunctionArgs args)
    {
        var value = args.Scalar(0);
        return value.Kind switch
        {
            CellValueKind.Number => value,
            CellValueKind.Boolean => Operand.Number(value.Boolean ? 1 : 0),
            CellValueKind.Error => value,
            _ => Operand.Number(0),
        };
    }

    private static Operand T(FunctionArgs args)
    {
        var value = args.Scalar(0);
        return value.Kind switch
        {
            CellValueKind.Text => value,
            CellValueKind.Error => value,
            _ => Operand.Text(string.Empty),
        };
    }

    // TYPE: 1 number (and blank), 2 text, 4 boolean, 16 error, 64 array or multi-cell range.
    private static Operand TypeOf(FunctionArgs args)
    {
        var operand = args[0];
        if (operand.IsArray || operand.Reference is { IsSingleCell: false })
        {
            return Operand.Number(64);
        }

        var value = args.Scalar(0);
        return Operand.Number(value.Kind switch
        {
            CellValueKind.Text => 2,
            CellValueKind.Boolean => 4,
            CellValueKind.Error => 16,
            _ => 1,
        });
    }
}
