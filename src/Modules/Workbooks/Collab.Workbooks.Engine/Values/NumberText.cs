using System.Globalization;

namespace Collab.Workbooks.Engine;

/// <summary>Numbers to text and back, as Excel does in the General format and when coercing text.</summary>
public static class NumberText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// The General text of a number: rounded to 15 significant digits, no trailing zeros; scientific
    /// notation ("1E+20", "1.23456789012346E+17", "1E-10") from 1E+15 up and below 1E-9.
    /// </summary>
    public static string ToGeneral(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        if (!double.IsFinite(value))
        {
            return ErrorValue.Number.ToText();
        }

        // "E14" rounds to 15 significant digits: d.ddddddddddddddE+xxx
        string e = value.ToString("E14", Inv);
        bool negative = e[0] == '-';
        int start = negative ? 1 : 0;
        int ePos = e.IndexOf('E', StringComparison.Ordinal);
        Span<char> digits = stackalloc char[15];
        int n = 0;
        for (int i = start; i < ePos; i++)
        {
            if (e[i] != '.')
            {
                digits[n++] = e[i];
            }
        }

        while (n > 1 && digits[n - 1] == '0')
        {
            n--;
        }

        int exponent = int.Parse(e.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, Inv);
        var sb = new System.Text.StringBuilder(24);
        if (negative)
        {
            sb.Append('-');
        }

        if (exponent >= 15 || exponent < -9)
        {
            sb.Append(digits[0]);
            if (n > 1)
            {
                sb.Append('.').Append(digits[1..n]);
            }

            sb.Append('E').Append(exponent < 0 ? '-' : '+');
            int abs = Math.Abs(exponent);
            if (abs < 10)
            {
                sb.Append('0');
            }

            sb.Append(abs.ToString(Inv));
            return sb.ToString();
        }

        if (exponent >= 0)
        {
            for (int i = 0; i <= exponent; i++)
            {
                sb.Append(i < n ? digits[i] : '0');
            }

            if (n > exponent + 1)
            {
                sb.Append('.').Append(digits[(exponent + 1)..n]);
            }
        }
        else
        {
            sb.Append("0.");
            sb.Append('0', -exponent - 1);
            sb.Append(digits[..n]);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Parses text as Excel coerces it to a number: optional sign, optional leading "$", digits with
    /// optional thousands separators, decimal point, exponent, and a trailing "%" (divides by 100).
    /// Leading and trailing spaces are ignored. Invariant culture.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        text = text.Trim();
        if (text.IsEmpty)
        {
            return false;
        }

        bool percent = false;
        if (text[^1] == '%')
        {
            percent = true;
            text = text[..^1].TrimEnd();
        }

        bool negative = false;
        if (text.Length > 0 && (text[0] == '-' || text[0] == '+'))
        {
            negative = text[0] == '-';
            text = text[1..].TrimStart();
        }

        if (text.Length > 0 && text[0] == '$')
        {
            text = text[1..];
        }

        if (text.IsEmpty || !(char.IsAsciiDigit(text[0]) || text[0] == '.'))
        {
            return false;
        }

        Span<char> buffer = text.Length <= 128 ? stackalloc char[text.Length] : new char[text.Length];
        int n = 0;
        bool seenDot = false;
        bool seenExp = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == ',')
            {
                // Thousands separators only in the integer part, each followed by exactly three digits.
                if (seenDot || seenExp || i == 0 || !char.IsAsciiDigit(text[i - 1]) || !IsGroup(text, i + 1))
                {
                    return false;
                }

                continue;
            }

            if (c == '.')
            {
                if (seenDot || seenExp)
                {
                    return false;
                }

                seenDot = true;
            }
            else if (c is 'e' or 'E')
            {
                if (seenExp)
                {
                    return false;
                }

                seenExp = true;
            }
            else if ((c == '+' || c == '-') && !(n > 0 && buffer[n - 1] is 'e' or 'E'))
            {
                return false;
            }
            else if (!char.IsAsciiDigit(c) && c != '+' && c != '-')
            {
                return false;
            }

            buffer[n++] = c;
        }

        if (!double.TryParse(buffer[..n], NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, Inv, out value)
            || !double.IsFinite(value))
        {
            value = 0;
            return false;
        }

        if (negative)
        {
            value = -value;
        }

        if (percent)
        {
            value /= 100;
        }

        return true;
    }

    private static bool IsGroup(ReadOnlySpan<char> text, int start) =>
        start + 3 <= text.Length && char.IsAsciiDigit(text[start]) && char.IsAsciiDigit(text[start + 1]) && char.IsAsciiDigit(text[start + 2])
        && (start + 3 == text.Length || !char.IsAsciiDigit(text[start + 3]));

    /// <summary>The shortest text that parses back to the same number (used to print number literals).</summary>
    internal static string ToLiteral(double value) => value.ToString("R", Inv);
}
