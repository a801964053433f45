using System.Globalization;
using System.Text;

namespace Collab.Workbooks.Engine.Xlsx;

/// <summary>
/// The _xHHHH_ escapes of .xlsx strings (ECMA-376 ST_Xstring): characters XML cannot hold, such as control
/// characters, are written as _x0001_; a literal "_x0041_" in the text is written with its underscore escaped.
/// </summary>
internal static class EscapedText
{
    public static string Decode(string text)
    {
        if (!text.Contains("_x", StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            if (IsEscape(text, i))
            {
                sb.Append((char)int.Parse(text.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 7;
                continue;
            }

            sb.Append(text[i++]);
        }

        return sb.ToString();
    }

    public static string Encode(string text)
    {
        bool needed = false;
        for (int i = 0; i < text.Length && !needed; i++)
        {
            needed = IsUnwritable(text[i]) || IsEscape(text, i);
        }

        if (!needed)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (IsUnwritable(c) || (c == '_' && IsEscape(text, i)))
            {
                sb.Append("_x").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('_');
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    // Characters outside XML 1.0 (control characters other than tab and newline), and carriage returns, which XML
    // readers turn into newlines (Excel writes them as _x000D_ too).
    private static bool IsUnwritable(char c) =>
        (c < 0x20 && c is not ('\t' or '\n')) || c is '\uFFFE' or '\uFFFF';

    private static bool IsEscape(string text, int i) =>
        i + 6 < text.Length && text[i] == '_' && text[i + 1] == 'x' && text[i + 6] == '_'
        && char.IsAsciiHexDigit(text[i + 2]) && char.IsAsciiHexDigit(text[i + 3]) && char.IsAsciiHexDigit(text[i + 4]) && char.IsAsciiHexDigit(text[i + 5]);
}
