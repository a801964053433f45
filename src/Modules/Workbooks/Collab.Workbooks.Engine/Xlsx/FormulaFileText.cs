using System.Text;
using System.Text.RegularExpressions;

namespace Collab.Workbooks.Engine.Xlsx;

/// <summary>
/// Formula text as .xlsx stores it (no leading '=', newer functions prefixed with _xlfn.) and as the engine holds it.
/// Works on text, skipping string literals, quoted sheet names and bracketed parts, so it also handles formulas
/// the engine cannot parse.
/// </summary>
internal static partial class FormulaFileText
{
    // Functions added after Excel 2007: a file must name them with the _xlfn. prefix or Excel shows #NAME?.
    private static readonly HashSet<string> FutureFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "ACOT", "ACOTH", "AGGREGATE", "ARABIC", "ARRAYTOTEXT", "BASE", "BETA.DIST", "BETA.INV", "BINOM.DIST",
        "BINOM.DIST.RANGE", "BINOM.INV", "BITAND", "BITLSHIFT", "BITOR", "BITRSHIFT", "BITXOR", "BYCOL", "BYROW",
        "CEILING.MATH", "CEILING.PRECISE", "CHISQ.DIST", "CHISQ.DIST.RT", "CHISQ.INV", "CHISQ.INV.RT", "CHISQ.TEST",
        "CHOOSECOLS", "CHOOSEROWS", "COMBINA", "CONCAT", "CONFIDENCE.NORM", "CONFIDENCE.T", "COT", "COTH",
        "COVARIANCE.P", "COVARIANCE.S", "CSC", "CSCH", "DAYS", "DECIMAL", "DROP", "ECMA.CEILING", "ERF.PRECISE",
        "ERFC.PRECISE", "EXPAND", "EXPON.DIST", "F.DIST", "F.DIST.RT", "F.INV", "F.INV.RT", "F.TEST", "FILTERXML",
        "FLOOR.MATH", "FLOOR.PRECISE", "FORECAST.ETS", "FORECAST.ETS.CONFINT", "FORECAST.ETS.SEASONALITY",
        "FORECAST.ETS.STAT", "FORECAST.LINEAR", "FORMULATEXT", "GAMMA", "GAMMA.DIST", "GAMMA.INV",
        "GAMMALN.PRECISE", "GAUSS", "GROUPBY", "HSTACK", "HYPGEOM.DIST", "IFNA", "IFS", "IMAGE", "IMCOSH", "IMCOT",
        "IMCSC", "IMCSCH", "IMSEC", "IMSECH", "IMSINH", "IMTAN", "ISFORMULA", "ISOMITTED", "ISOWEEKNUM", "LAMBDA",
        "LET", "LOGNORM.DIST", "LOGNORM.INV", "MAKEARRAY", "MAP", "MAXIFS", "MINIFS", "MODE.MULT", "MODE.SNGL",
        "MUNIT", "NEGBINOM.DIST", "NETWORKDAYS.INTL", "NORM.DIST", "NORM.INV", "NORM.S.DIST", "NORM.S.INV",
        "NUMBERVALUE", "PDURATION", "PERCENTILE.EXC", "PERCENTILE.INC", "PERCENTOF", "PERCENTRANK.EXC",
        "PERCENTRANK.INC", "PERMUTATIONA", "PHI", "PIVOTBY", "POISSON.DIST", "QUARTILE.EXC", "QUARTILE.INC",
        "QUERYSTRING", "RANDARRAY", "RANK.AVG", "RANK.EQ", "REDUCE", "REGEXEXTRACT", "REGEXREPLACE", "REGEXTEST",
        "RRI", "SCAN", "SEC", "SECH", "SEQUENCE", "SHEET", "SHEETS", "SINGLE", "SKEW.P", "SORTBY", "STDEV.P",
        "STDEV.S", "STOCKHISTORY", "SWITCH", "T.DIST", "T.DIST.2T", "T.DIST.RT", "T.INV", "T.INV.2T", "T.TEST",
        "TAKE", "TEXTAFTER", "TEXTBEFORE", "TEXTJOIN", "TEXTSPLIT", "TOCOL", "TOROW", "TRIMRANGE", "UNICHAR",
        "UNICODE", "UNIQUE", "VALUETOTEXT", "VAR.P", "VAR.S", "VSTACK", "WEBSERVICE", "WEIBULL.DIST",
        "WORKDAY.INTL", "WRAPCOLS", "WRAPROWS", "XLOOKUP", "XMATCH", "XOR", "Z.TEST", "ANCHORARRAY",
    };

    // These two carry a second prefix in files: _xlfn._xlws.SORT.
    private static readonly HashSet<string> WorksheetFutureFunctions = new(StringComparer.OrdinalIgnoreCase) { "FILTER", "SORT" };

    /// <summary>The engine's text for a formula read from a file: _xlfn. and _xlws. prefixes removed, '=' added.</summary>
    public static string FromFile(string fileText)
    {
        ArgumentNullException.ThrowIfNull(fileText);
        if (fileText.Contains("_xl", StringComparison.OrdinalIgnoreCase))
        {
            fileText = RewriteFunctionNames(fileText, static name =>
            {
                while (true)
                {
                    if (name.StartsWith("_xlfn.", StringComparison.OrdinalIgnoreCase) || name.StartsWith("_xlws.", StringComparison.OrdinalIgnoreCase))
                    {
                        name = name[6..];
                        continue;
                    }

                    return name;
                }
            });
        }

        return "=" + fileText;
    }

    /// <summary>A file's text for a formula in the engine's normalised form: no '=', newer functions prefixed.</summary>
    public static string ToFile(string engineText)
    {
        ArgumentNullException.ThrowIfNull(engineText);
        string text = engineText.StartsWith('=') ? engineText[1..] : engineText;
        return RewriteFunctionNames(text, static name =>
            WorksheetFutureFunctions.Contains(name) ? "_xlfn._xlws." + name
            : FutureFunctions.Contains(name) ? "_xlfn." + name
            : name);
    }

    /// <summary>
    /// Moves the relative references of a formula by rows and columns, as Excel does when a formula is copied; a
    /// reference or range moved off the sheet becomes #REF!. The text counterpart of <see cref="CopyRewriter"/>, for
    /// formulas the engine cannot parse: copies of such a shared formula on import, and such formulas kept verbatim
    /// when they are pasted elsewhere (<see cref="FormulaRewriter.Shift"/>).
    /// </summary>
    public static string Shift(string fileText, int rows, int columns)
    {
        var sb = new StringBuilder(fileText.Length + 8);
        int i = 0;
        while (i < fileText.Length)
        {
            int protectedEnd = ProtectedEnd(fileText, i);
            if (protectedEnd > i)
            {
                sb.Append(fileText, i, protectedEnd - i);
                i = protectedEnd;
                continue;
            }

            int start = i;
            while (i < fileText.Length && ProtectedEnd(fileText, i) == i)
            {
                i++;
            }

            sb.Append(ReferencePattern().Replace(fileText[start..i], m => ShiftMatch(m, rows, columns)));
        }

        return sb.ToString();
    }

    private static string ShiftMatch(Match m, int rows, int columns)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        if (m.Groups["cc"].Success)
        {
            // A range of cells with one end off the sheet is #REF! as a whole, as in Excel.
            var first = ShiftCell(m, "", rows, columns);
            var second = m.Groups["cc2"].Success ? ShiftCell(m, "2", rows, columns) : "";
            return first is null || second is null ? "#REF!" : second.Length == 0 ? first : first + ":" + second;
        }

        if (m.Groups["c1"].Success)
        {
            int first = CellAddress.ColumnNumber(m.Groups["c1"].Value);
            int last = CellAddress.ColumnNumber(m.Groups["c2"].Value);
            if (first == 0 || last == 0)
            {
                return m.Value;
            }

            int? c1 = CopyRewriter.Move(first, m.Groups["a1"].Length > 0, columns, CellAddress.MaxColumns);
            int? c2 = CopyRewriter.Move(last, m.Groups["a2"].Length > 0, columns, CellAddress.MaxColumns);
            return c1 is null || c2 is null ? "#REF!" : m.Groups["a1"].Value + CellAddress.ColumnName(c1.Value) + ":" + m.Groups["a2"].Value + CellAddress.ColumnName(c2.Value);
        }

        int top = int.Parse(m.Groups["r1"].Value, inv);
        int bottom = int.Parse(m.Groups["r2"].Value, inv);
        if (top < 1 || bottom < 1 || top > CellAddress.MaxRows || bottom > CellAddress.MaxRows)
        {
            return m.Value;
        }

        int? r1 = CopyRewriter.Move(top, m.Groups["b1"].Length > 0, rows, CellAddress.MaxRows);
        int? r2 = CopyRewriter.Move(bottom, m.Groups["b2"].Length > 0, rows, CellAddress.MaxRows);
        return r1 is null || r2 is null ? "#REF!" : FormattableString.Invariant($"{m.Groups["b1"].Value}{r1}:{m.Groups["b2"].Value}{r2}");
    }

    // One end of a cell reference or range (group suffix "" or "2") moved; null when it leaves the sheet. Text that
    // is no cell of the sheet (a row past the last) stays as it was.
    private static string? ShiftCell(Match m, string end, int rows, int columns)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        Group absoluteColumn = m.Groups["ca" + end], letters = m.Groups["cc" + end], absoluteRow = m.Groups["ra" + end], digits = m.Groups["cr" + end];
        int column = CellAddress.ColumnNumber(letters.Value);
        int row = int.Parse(digits.Value, inv);
        if (column == 0 || row < 1 || row > CellAddress.MaxRows)
        {
            return absoluteColumn.Value + letters.Value + absoluteRow.Value + digits.Value;
        }

        int? c = CopyRewriter.Move(column, absoluteColumn.Length > 0, columns, CellAddress.MaxColumns);
        int? r = CopyRewriter.Move(row, absoluteRow.Length > 0, rows, CellAddress.MaxRows);
        return c is null || r is null ? null : absoluteColumn.Value + CellAddress.ColumnName(c.Value) + absoluteRow.Value + r.Value.ToString(inv);
    }

    // Cell references A1/$A$1 and ranges of them A1:B2, column ranges A:C and row ranges 1:3, not inside a longer word,
    // not a function or sheet name.
    [GeneratedRegex(@"(?<![A-Za-z0-9_.\\$])(?:(?<ca>\$?)(?<cc>[A-Za-z]{1,3})(?<ra>\$?)(?<cr>[0-9]{1,7})(?::(?<ca2>\$?)(?<cc2>[A-Za-z]{1,3})(?<ra2>\$?)(?<cr2>[0-9]{1,7}))?|(?<a1>\$?)(?<c1>[A-Za-z]{1,3}):(?<a2>\$?)(?<c2>[A-Za-z]{1,3})|(?<b1>\$?)(?<r1>[0-9]{1,7}):(?<b2>\$?)(?<r2>[0-9]{1,7}))(?![A-Za-z0-9_.(!\\])", RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();

    // Applies a renaming to every name directly followed by '(' outside strings, quoted sheet names and brackets.
    private static string RewriteFunctionNames(string text, Func<string, string> rename)
    {
        StringBuilder? sb = null;
        int copied = 0;
        int i = 0;
        while (i < text.Length)
        {
            int protectedEnd = ProtectedEnd(text, i);
            if (protectedEnd > i)
            {
                i = protectedEnd;
                continue;
            }

            char c = text[i];
            if (char.IsLetter(c) || c == '_' || c == '\\')
            {
                int start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.' or '\\'))
                {
                    i++;
                }

                if (i < text.Length && text[i] == '(')
                {
                    string name = text[start..i];
                    string renamed = rename(name);
                    if (!string.Equals(name, renamed, StringComparison.Ordinal))
                    {
                        sb ??= new StringBuilder(text.Length + 16);
                        sb.Append(text, copied, start - copied).Append(renamed);
                        copied = i;
                    }
                }

                continue;
            }

            i++;
        }

        if (sb is null)
        {
            return text;
        }

        sb.Append(text, copied, text.Length - copied);
        return sb.ToString();
    }

    // The end of a string literal, quoted sheet name or bracketed part starting at i; i itself when none starts there.
    private static int ProtectedEnd(string text, int i)
    {
        char c = text[i];
        if (c is '"' or '\'')
        {
            int j = i + 1;
            while (j < text.Length)
            {
                if (text[j] == c)
                {
                    if (j + 1 < text.Length && text[j + 1] == c)
                    {
                        j += 2;
                        continue;
                    }

                    return j + 1;
                }

                j++;
            }

            return text.Length;
        }

        if (c == '[')
        {
            int depth = 0;
            for (int j = i; j < text.Length; j++)
            {
                if (text[j] == '[')
                {
                    depth++;
                }
                else if (text[j] == ']' && --depth == 0)
                {
                    return j + 1;
                }
            }

            return text.Length;
        }

        return i;
    }
}
