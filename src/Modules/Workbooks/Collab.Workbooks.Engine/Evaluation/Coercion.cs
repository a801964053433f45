namespace Collab.Workbooks.Engine;

/// <summary>Excel's conversions between value types, and its comparison order.</summary>
internal static class Coercion
{
    private const double Epsilon48 = 1.0 / (1L << 48);

    /// <summary>
    /// A value as a number the way arithmetic sees it: blank is 0, TRUE is 1, text is read as VALUE reads it
    /// ("3", "1e3", "50%", "$1,234.50", "(42)", "31-Jan-2027", "1/31/2027", "12:30"; <see cref="Functions.TextToNumber"/>)
    /// or gives #VALUE!, errors pass through. <paramref name="clock"/> gives the year of dates written without one.
    /// </summary>
    public static bool TryToNumber(in CellValue value, TimeProvider clock, out double number, out ErrorValue error)
    {
        error = default;
        switch (value.Kind)
        {
            case CellValueKind.Number:
                number = value.Number;
                return true;
            case CellValueKind.Blank:
                number = 0;
                return true;
            case CellValueKind.Boolean:
                number = value.Boolean ? 1 : 0;
                return true;
            case CellValueKind.Text:
                if (Functions.TextToNumber.TryParse(value.Text, clock, out number))
                {
                    return true;
                }

                error = ErrorValue.Value;
                return false;
            default:
                number = 0;
                error = value.Error;
                return false;
        }
    }

    /// <summary>A value as text the way &amp; sees it: numbers in General format (15 significant digits), TRUE/FALSE, blank is "".</summary>
    public static bool TryToText(in CellValue value, out string text, out ErrorValue error)
    {
        error = default;
        if (value.IsError)
        {
            text = string.Empty;
            error = value.Error;
            return false;
        }

        text = value.Kind == CellValueKind.Text ? value.Text : value.ToDisplayText();
        return true;
    }

    /// <summary>A value as a boolean: numbers are TRUE unless 0, blank is FALSE, text "TRUE"/"FALSE" is read, other text is #VALUE!.</summary>
    public static bool TryToBoolean(in CellValue value, out bool result, out ErrorValue error)
    {
        error = default;
        switch (value.Kind)
        {
            case CellValueKind.Boolean:
                result = value.Boolean;
                return true;
            case CellValueKind.Number:
                result = value.Number != 0;
                return true;
            case CellValueKind.Blank:
                result = false;
                return true;
            case CellValueKind.Text:
                if (value.Text.Equals("TRUE", StringComparison.OrdinalIgnoreCase))
                {
                    result = true;
                    return true;
                }

                if (value.Text.Equals("FALSE", StringComparison.OrdinalIgnoreCase))
                {
                    result = false;
                    return true;
                }

                result = false;
                error = ErrorValue.Value;
                return false;
            default:
                result = false;
                error = value.Error;
                return false;
        }
    }

    /// <summary>
    /// Excel's order for comparison operators: numbers &lt; text &lt; booleans; text case-insensitive; a blank
    /// compares as 0, "" or FALSE depending on the other side. Neither side may be an error.
    /// </summary>
    public static int Compare(in CellValue a, in CellValue b)
    {
        var ka = a.Kind;
        var kb = b.Kind;
        if (ka == CellValueKind.Blank && kb == CellValueKind.Blank)
        {
            return 0;
        }

        if (ka == CellValueKind.Blank)
        {
            return -Compare(b, BlankAs(kb));
        }

        if (kb == CellValueKind.Blank)
        {
            return Compare(a, BlankAs(ka));
        }

        int ra = Rank(ka);
        int rb = Rank(kb);
        if (ra != rb)
        {
            return ra.CompareTo(rb);
        }

        return ka switch
        {
            CellValueKind.Number => CompareNumbers(a.Number, b.Number),
            CellValueKind.Text => CompareText(a.Text, b.Text),
            _ => a.Boolean.CompareTo(b.Boolean),
        };
    }

    /// <summary>Case-insensitive text order used by comparisons, sorting and lookups.</summary>
    public static int CompareText(string a, string b) => string.Compare(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>Numbers that agree to about 15 significant digits are equal (so 0.1+0.2=0.3 is TRUE, as in Excel).</summary>
    public static int CompareNumbers(double a, double b) => ApproxEqual(a, b) ? 0 : a.CompareTo(b);

    public static bool ApproxEqual(double a, double b)
    {
        if (a == b)
        {
            return true;
        }

        if (a == 0 || b == 0)
        {
            return false;
        }

        double d = Math.Abs(a - b);
        return d < Math.Abs(a) * Epsilon48 && d < Math.Abs(b) * Epsilon48;
    }

    /// <summary>Addition that gives exactly 0 when the operands cancel to within 15 digits.</summary>
    public static double ApproxAdd(double a, double b)
    {
        if (((a < 0 && b > 0) || (b < 0 && a > 0)) && ApproxEqual(a, -b))
        {
            return 0;
        }

        return a + b;
    }

    /// <summary>Subtraction that gives exactly 0 when the operands are equal to within 15 digits.</summary>
    public static double ApproxSubtract(double a, double b)
    {
        if (((a < 0 && b < 0) || (a > 0 && b > 0)) && ApproxEqual(a, b))
        {
            return 0;
        }

        return a - b;
    }

    private static int Rank(CellValueKind kind) => kind switch
    {
        CellValueKind.Number => 0,
        CellValueKind.Text => 1,
        _ => 2,
    };

    private static CellValue BlankAs(CellValueKind kind) => kind switch
    {
        CellValueKind.Number => CellValue.FromNumber(0),
        CellValueKind.Text => CellValue.EmptyText,
        CellValueKind.Boolean => CellValue.False,
        _ => CellValue.Blank,
    };
}
