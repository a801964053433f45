using System.Globalization;

namespace Collab.Workbooks.Engine.Functions;

/// <summary>Functions that take or return references: ROW, ROWS, COLUMN, COLUMNS, OFFSET, INDIRECT, INDEX, CHOOSE.</summary>
[FunctionLibrary]
internal static class ReferenceFunctions
{
    public static void Register(FunctionRegistry registry)
    {
        registry.Add("ROW", 0, 1, args => RowOrColumn(args, row: true), FunctionFlags.None, ArgMode.ReferenceOnly);
        registry.Add("COLUMN", 0, 1, args => RowOrColumn(args, row: false), FunctionFlags.None, ArgMode.ReferenceOnly);
        registry.Add("ROWS", 1, 1, args => Size(args, rows: true), FunctionFlags.None, ArgMode.ReferenceOnly);
        registry.Add("COLUMNS", 1, 1, args => Size(args, rows: false), FunctionFlags.None, ArgMode.ReferenceOnly);
        registry.Add("OFFSET", 3, 5, Offset, FunctionFlags.Volatile | FunctionFlags.ReturnsReference, ArgMode.ReferenceOnly, ArgMode.Value);
        registry.Add("INDIRECT", 1, 2, Indirect, FunctionFlags.Volatile | FunctionFlags.ReturnsReference);
        registry.Add("INDEX", 2, 4, Index, FunctionFlags.ReturnsReference);
        registry.Add("CHOOSE", 2, FunctionDefinition.Unlimited, Choose, FunctionFlags.ReturnsReference, ArgMode.Value, ArgMode.Lazy);
    }

    // ROW([reference]) / COLUMN: the formula's own row without an argument; the first row of a range, or in
    // array mode every row of it as a vertical array.
    private static Operand RowOrColumn(FunctionArgs args, bool row)
    {
        if (args.IsMissing(0))
        {
            return Operand.Number(row ? args.Context.HostRow : args.Context.HostColumn);
        }

        var operand = args[0];
        if (operand.IsError)
        {
            return operand;
        }

        if (operand.Reference is not { } r)
        {
            return Operand.Error(ErrorValue.Value);
        }

        int count = row ? r.Rows : r.Columns;
        if (args.ArrayMode && count > 1)
        {
            var array = row ? new ArrayValue(count, 1) : new ArrayValue(1, count);
            for (int i = 0; i < count; i++)
            {
                array.Items[i] = CellValue.FromNumber((row ? r.Row1 : r.Column1) + i);
            }

            return array;
        }

        return Operand.Number(row ? r.Row1 : r.Column1);
    }

    private static Operand Size(FunctionArgs args, bool rows)
    {
        var operand = args[0];
        if (operand.Reference is { } r)
        {
            return Operand.Number(rows ? r.Rows : r.Columns);
        }

        if (operand.Array is { } a)
        {
            return Operand.Number(rows ? a.Rows : a.Columns);
        }

        return operand.IsError ? operand : Operand.Number(1);
    }

    // OFFSET(reference, rows, cols, [height], [width]): a reference moved and resized; outside the sheet is #REF!.
    private static Operand Offset(FunctionArgs args)
    {
        var operand = args[0];
        if (operand.IsError)
        {
            return operand;
        }

        if (operand.Reference is not { } r)
        {
            return Operand.Error(ErrorValue.Value);
        }

        if (!args.TryNumber(1, 0, out double rows, out var error) || !args.TryNumber(2, 0, out double columns, out error)
            || !args.TryNumber(3, r.Rows, out double height, out error) || !args.TryNumber(4, r.Columns, out double width, out error))
        {
            return error;
        }

        long h = (long)Math.Truncate(height);
        long w = (long)Math.Truncate(width);
        if (h == 0 || w == 0)
        {
            return Operand.Error(ErrorValue.Reference);
        }

        long row1 = r.Row1 + (long)Math.Truncate(rows);
        long column1 = r.Column1 + (long)Math.Truncate(columns);
        long row2 = h > 0 ? row1 + h - 1 : row1;
        long column2 = w > 0 ? column1 + w - 1 : column1;
        if (h < 0)
        {
            row1 += h + 1;
        }

        if (w < 0)
        {
            column1 += w + 1;
        }

        if (row1 < 1 || column1 < 1 || row2 > CellAddress.MaxRows || column2 > CellAddress.MaxColumns)
        {
            return Operand.Error(ErrorValue.Reference);
        }

        return args.Context.DynamicReference(new Reference(r.Sheet, (int)row1, (int)column1, (int)row2, (int)column2));
    }

    // INDIRECT(ref_text, [a1=TRUE]): a reference from text, A1 style ("Sheet2!B4", "A1:C3", a defined name) or R1C1 style.
    private static Operand Indirect(FunctionArgs args)
    {
        if (!args.TryText(0, out string text, out var error) || !args.TryBoolean(1, true, out bool a1, out error))
        {
            return error;
        }

        text = text.Trim();
        if (text.Length == 0)
        {
            return Operand.Error(ErrorValue.Reference);
        }

        var context = args.Context;
        return a1 ? IndirectA1(context, text) : IndirectR1C1(context, text);
    }

    private static Operand IndirectA1(Evaluator context, string text)
    {
        Node node;
        try
        {
            node = FormulaParser.Parse(text);
        }
        catch (FormulaParseException)
        {
            return Operand.Error(ErrorValue.Reference);
        }

        switch (node)
        {
            case CellRefNode c:
            {
                var sheet = ResolveSheet(context, c.SheetName);
                return sheet is null ? Operand.Error(ErrorValue.Reference) : context.DynamicReference(new Reference(sheet, c.Row, c.Column, c.Row, c.Column));
            }

            case AreaRefNode a:
            {
                var sheet = ResolveSheet(context, a.SheetName);
                return sheet is null ? Operand.Error(ErrorValue.Reference) : context.DynamicReference(new Reference(sheet, a.Row1, a.Column1, a.Row2, a.Column2));
            }

            case NameNode n:
            {
                var definition = context.Workbook.FindName(n.Name);
                if (definition?.Root is null)
                {
                    return Operand.Error(ErrorValue.Reference);
                }

                var value = context.EvaluateDefinition(definition, false);
                return value.Reference is { } reference ? context.DynamicReference(reference) : Operand.Error(ErrorValue.Reference);
            }

            default:
                return Operand.Error(ErrorValue.Reference);
        }
    }

    private static Sheet? ResolveSheet(Evaluator context, string? name) =>
        name is null ? context.HostSheet : context.Workbook.FindSheet(name);

    private static Operand IndirectR1C1(Evaluator context, string text)
    {
        Sheet? sheet = context.HostSheet;
        int bang = text.LastIndexOf('!');
        if (bang >= 0)
        {
            string name = text[..bang];
            if (name.Length >= 2 && name[0] == '\'' && name[^1] == '\'')
            {
                name = name[1..^1].Replace("''", "'", StringComparison.Ordinal);
            }

            sheet = context.Workbook.FindSheet(name);
            text = text[(bang + 1)..];
        }

        if (sheet is null)
        {
            return Operand.Error(ErrorValue.Reference);
        }

        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (!TryR1C1Cell(context, colon < 0 ? text : text[..colon], out int r1, out int c1))
        {
            return Operand.Error(ErrorValue.Reference);
        }

        int r2 = r1;
        int c2 = c1;
        if (colon >= 0 && !TryR1C1Cell(context, text[(colon + 1)..], out r2, out c2))
        {
            return Operand.Error(ErrorValue.Reference);
        }

        return context.DynamicReference(new Reference(sheet, Math.Min(r1, r2), Math.Min(c1, c2), Math.Max(r1, r2), Math.Max(c1, c2)));
    }

    // R2C3, R[-1]C[2], RC (this cell).
    private static bool TryR1C1Cell(Evaluator context, string text, out int row, out int column)
    {
        row = 0;
        column = 0;
        int pos = 0;
        if (!TryR1C1Part(text, ref pos, 'R', context.HostRow, out row) || !TryR1C1Part(text, ref pos, 'C', context.HostColumn, out column))
        {
            return false;
        }

        return pos == text.Length && row is >= 1 and <= CellAddress.MaxRows && column is >= 1 and <= CellAddress.MaxColumns;
    }

    private static bool TryR1C1Part(string text, ref int pos, char letter, int host, out int value)
    {
        value = host;
        if (pos >= text.Length || char.ToUpperInvariant(text[pos]) != letter)
        {
            return false;
        }

        pos++;
        if (pos < text.Length && text[pos] == '[')
        {
            int close = text.IndexOf(']', pos);
            if (close < 0 || !int.TryParse(text.AsSpan(pos + 1, close - pos - 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int offset))
            {
                return false;
            }

            value = host + offset;
            pos = close + 1;
            return true;
        }

        int start = pos;
        while (pos < text.Length && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        if (pos > start)
        {
            value = int.Parse(text.AsSpan(start, Math.Min(pos - start, 8)), CultureInfo.InvariantCulture);
        }

        return true;
    }

    // INDEX(array, row_num, [column_num], [area_num]): a reference into a range (so INDEX can stand beside ':'),
    // or an item of an array. 0 selects a whole row or column; one index into a single row counts columns.
    private static Operand Index(FunctionArgs args)
    {
        var source = args[0];
        if (source.IsError)
        {
            return source;
        }

        if (!args.TryNumber(1, 0, out double rowArg, out var error) || !args.TryNumber(2, 0, out double columnArg, out error)
            || !args.TryNumber(3, 1, out double area, out error))
        {
            return error;
        }

        if (Math.Truncate(area) != 1)
        {
            return Operand.Error(ErrorValue.Reference);
        }

        int rows = source.Reference?.Rows ?? source.Array?.Rows ?? 1;
        int columns = source.Reference?.Columns ?? source.Array?.Columns ?? 1;
        long row = (long)Math.Truncate(rowArg);
        long column = (long)Math.Truncate(columnArg);
        if (row < 0 || column < 0)
        {
            return Operand.Error(ErrorValue.Value);
        }

        if (args.IsMissing(2) && rows == 1 && columns > 1)
        {
            column = row;
            row = 1;
        }

        if (row > rows || column > columns)
        {
            return Operand.Error(ErrorValue.Reference);
        }

        int r1 = row == 0 ? 0 : (int)row - 1;
        int r2 = row == 0 ? rows - 1 : (int)row - 1;
        int c1 = column == 0 ? 0 : (int)column - 1;
        int c2 = column == 0 ? columns - 1 : (int)column - 1;
        if (source.Reference is { } r)
        {
            return new Reference(r.Sheet, r.Row1 + r1, r.Column1 + c1, r.Row1 + r2, r.Column1 + c2);
        }

        if (source.Array is { } a)
        {
            if (r1 == r2 && c1 == c2)
            {
                return a[r1, c1];
            }

            var result = new ArrayValue(r2 - r1 + 1, c2 - c1 + 1);
            for (int i = r1; i <= r2; i++)
            {
                for (int j = c1; j <= c2; j++)
                {
                    result[i - r1, j - c1] = a[i, j];
                }
            }

            return result;
        }

        return source;
    }

    private static Operand Choose(FunctionArgs args)
    {
        // An array of indexes (an array constant anywhere, a range in an array expression) chooses item by item.
        if (args.TryLift(0, 0, Choose, out var lifted))
        {
            return lifted;
        }

        if (!args.TryNumber(0, out double index, out var error))
        {
            return error;
        }

        int i = (int)Math.Truncate(Math.Clamp(index, -1, 1000));
        if (i < 1 || i >= args.Count)
        {
            return Operand.Error(ErrorValue.Value);
        }

        return args[i];
    }
}
