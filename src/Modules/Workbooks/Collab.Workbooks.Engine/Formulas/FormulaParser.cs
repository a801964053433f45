using Collab.Workbooks.Engine.Functions;

namespace Collab.Workbooks.Engine;

/// <summary>
/// Hand-written recursive descent parser for Excel formulas. Precedence, loosest first: comparisons,
/// &amp;, + -, * /, ^, %, unary - +, the range operator ':'. Binary operators are left-associative.
/// </summary>
internal struct FormulaParser
{
    /// <summary>Excel's limit on formula length.</summary>
    public const int MaxLength = 8192;

    private const int MaxNesting = 100;

    // Arguments of the functions being parsed, innermost last: one list per thread instead of one per call.
    [ThreadStatic]
    private static List<Node>? t_arguments;

    // Sheet and defined names repeat across a model's formulas: one string each, shared (bounded, case kept).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Words = new(StringComparer.Ordinal);

    private readonly string _text;
    private int _pos;
    private int _nesting;

    private FormulaParser(string text, int start)
    {
        _text = text;
        _pos = start;
    }

    /// <summary>Parses formula text, with or without the leading '='.</summary>
    public static Node Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
        {
            throw new FormulaParseException($"A formula can have at most {MaxLength} characters", MaxLength + 1);
        }

        int start = text.Length > 0 && text[0] == '=' ? 1 : 0;
        var parser = new FormulaParser(text, start);
        parser.SkipSpaces();
        if (parser.AtEnd)
        {
            throw parser.Error("Expected an expression");
        }

        var node = parser.ParseComparison();
        parser.SkipSpaces();
        if (!parser.AtEnd)
        {
            throw parser.Peek == ','
                ? parser.Error("Unexpected ',' (a union of references is not supported)")
                : parser.Error($"Unexpected '{parser.Peek}', expected an operator or the end of the formula");
        }

        return node;
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Peek => _pos < _text.Length ? _text[_pos] : '\0';

    private char PeekAt(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

    private FormulaParseException Error(string description) => new(description, _pos + 1);

    private FormulaParseException Error(string description, int index) => new(description, index + 1);

    private void SkipSpaces()
    {
        while (_pos < _text.Length && (_text[_pos] == ' ' || _text[_pos] == '\n' || _text[_pos] == '\r' || _text[_pos] == '\t'))
        {
            _pos++;
        }
    }

    private Node ParseComparison()
    {
        var left = ParseConcat();
        while (true)
        {
            SkipSpaces();
            BinaryOperator op;
            char c = Peek;
            if (c == '=')
            {
                op = BinaryOperator.Equal;
                _pos++;
            }
            else if (c == '<')
            {
                if (PeekAt(1) == '>')
                {
                    op = BinaryOperator.NotEqual;
                    _pos += 2;
                }
                else if (PeekAt(1) == '=')
                {
                    op = BinaryOperator.LessOrEqual;
                    _pos += 2;
                }
                else
                {
                    op = BinaryOperator.Less;
                    _pos++;
                }
            }
            else if (c == '>')
            {
                if (PeekAt(1) == '=')
                {
                    op = BinaryOperator.GreaterOrEqual;
                    _pos += 2;
                }
                else
                {
                    op = BinaryOperator.Greater;
                    _pos++;
                }
            }
            else
            {
                return left;
            }

            left = new BinaryNode(op, left, ParseConcat());
        }
    }

    private Node ParseConcat()
    {
        var left = ParseAdditive();
        while (true)
        {
            SkipSpaces();
            if (Peek != '&')
            {
                return left;
            }

            _pos++;
            left = new BinaryNode(BinaryOperator.Concat, left, ParseAdditive());
        }
    }

    private Node ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (true)
        {
            SkipSpaces();
            char c = Peek;
            if (c != '+' && c != '-')
            {
                return left;
            }

            _pos++;
            left = new BinaryNode(c == '+' ? BinaryOperator.Add : BinaryOperator.Subtract, left, ParseMultiplicative());
        }
    }

    private Node ParseMultiplicative()
    {
        var left = ParsePower();
        while (true)
        {
            SkipSpaces();
            char c = Peek;
            if (c != '*' && c != '/')
            {
                return left;
            }

            _pos++;
            left = new BinaryNode(c == '*' ? BinaryOperator.Multiply : BinaryOperator.Divide, left, ParsePower());
        }
    }

    private Node ParsePower()
    {
        var left = ParsePercent();
        while (true)
        {
            SkipSpaces();
            if (Peek != '^')
            {
                return left;
            }

            _pos++;
            left = new BinaryNode(BinaryOperator.Power, left, ParsePercent());
        }
    }

    private Node ParsePercent()
    {
        var operand = ParseUnary();
        while (true)
        {
            SkipSpaces();
            if (Peek != '%')
            {
                return operand;
            }

            _pos++;
            operand = new PercentNode(operand);
        }
    }

    private Node ParseUnary()
    {
        SkipSpaces();
        char c = Peek;
        if (c == '-' || c == '+')
        {
            _pos++;
            Enter();
            var operand = ParseUnary();
            _nesting--;
            return new UnaryNode(c == '-' ? UnaryOperator.Negate : UnaryOperator.Plus, operand);
        }

        return ParseRange();
    }

    private void Enter()
    {
        if (++_nesting > MaxNesting)
        {
            throw Error($"The formula is nested more than {MaxNesting} levels deep");
        }
    }

    private Node ParseRange()
    {
        var left = ParsePrimary();
        while (true)
        {
            SkipSpaces();
            if (Peek != ':')
            {
                return left;
            }

            int colon = _pos;
            _pos++;
            SkipSpaces();
            if (AtEnd)
            {
                throw Error("Expected a reference after ':'");
            }

            var right = ParsePrimary();
            if (!IsReferenceLike(left) || !IsReferenceLike(right))
            {
                throw Error("The range operator ':' needs references on both sides", colon);
            }

            left = Combine(left, right);
        }
    }

    private static bool IsReferenceLike(Node node) =>
        node is CellRefNode or AreaRefNode or NameNode or RangeOpNode or ParenNode or ErrorNode
        || (node is FunctionNode f && (f.Definition is null || f.Definition.ReturnsReference));

    // Two plain cell references on the same sheet form one area (Sheet1!A1:Sheet1!B2 becomes Sheet1!A1:B2).
    private static Node Combine(Node left, Node right)
    {
        if (left is CellRefNode a && right is CellRefNode b
            && (b.SheetName is null || string.Equals(a.SheetName, b.SheetName, StringComparison.OrdinalIgnoreCase)))
        {
            return MakeArea(a.SheetName, (a.Row, a.Column, a.RowAbsolute, a.ColumnAbsolute), (b.Row, b.Column, b.RowAbsolute, b.ColumnAbsolute));
        }

        return new RangeOpNode(left, right);
    }

    private static AreaRefNode MakeArea(string? sheet, (int Row, int Column, bool RowAbsolute, bool ColumnAbsolute) a, (int Row, int Column, bool RowAbsolute, bool ColumnAbsolute) b)
    {
        // Normalise corners to top-left and bottom-right, as Excel does; each coordinate keeps its $ flag.
        bool rowSwap = a.Row > b.Row;
        bool colSwap = a.Column > b.Column;
        var r1 = rowSwap ? b : a;
        var r2 = rowSwap ? a : b;
        var c1 = colSwap ? b : a;
        var c2 = colSwap ? a : b;
        return new AreaRefNode(sheet, AreaKind.Cells, r1.Row, c1.Column, r2.Row, c2.Column,
            r1.RowAbsolute, c1.ColumnAbsolute, r2.RowAbsolute, c2.ColumnAbsolute);
    }

    private Node ParsePrimary()
    {
        SkipSpaces();
        if (AtEnd)
        {
            throw Error("Expected an expression");
        }

        char c = Peek;
        switch (c)
        {
            case '(':
            {
                _pos++;
                Enter();
                var inner = ParseComparison();
                _nesting--;
                SkipSpaces();
                if (Peek == ',')
                {
                    throw Error("Unexpected ',' (a union of references is not supported), expected ')'");
                }

                if (Peek != ')')
                {
                    throw Error("Expected ')'");
                }

                _pos++;
                return new ParenNode(inner);
            }

            case '"':
                return new TextNode(ParseString());
            case '{':
                return ParseArray();
            case '#':
                return new ErrorNode(ParseErrorLiteral());
            case '\'':
            {
                int start = _pos;
                string sheet = ParseQuotedSheetName();
                if (Peek != '!')
                {
                    throw Error("Expected '!' after the sheet name");
                }

                _pos++;
                return ParseReferenceAfterSheet(sheet, start);
            }
        }

        if (char.IsAsciiDigit(c) || c == '.')
        {
            var rows = TryParseReference(null);
            return rows ?? NumberNode.Of(ParseNumber());
        }

        if (c == '$')
        {
            return TryParseReference(null) ?? throw Error("Expected a cell reference after '$'");
        }

        if (IsNameStart(c))
        {
            return ParseWord();
        }

        throw Error($"Unexpected '{c}', expected a value, a reference, a name or a function");
    }

    private static bool IsNameStart(char c) => char.IsLetter(c) || c == '_' || c == '\\';

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '.' || c == '\\' || c == '?';

    private Node ParseWord()
    {
        int start = _pos;
        int end = _pos;
        while (end < _text.Length && IsNameChar(_text[end]))
        {
            end++;
        }

        var word = _text.AsSpan(start, end - start);
        if (end < _text.Length && _text[end] == '(')
        {
            _pos = end + 1;
            return ParseFunction(word, start);
        }

        if (end < _text.Length && _text[end] == '!')
        {
            _pos = end + 1;
            return ParseReferenceAfterSheet(Intern(word), start);
        }

        var reference = TryParseReference(null);
        if (reference is not null)
        {
            return reference;
        }

        _pos = end;
        if (word.Equals("TRUE", StringComparison.OrdinalIgnoreCase))
        {
            return BooleanNode.True;
        }

        if (word.Equals("FALSE", StringComparison.OrdinalIgnoreCase))
        {
            return BooleanNode.False;
        }

        return new NameNode(Intern(word));
    }

    private static string Intern(ReadOnlySpan<char> word)
    {
        var words = Words.GetAlternateLookup<ReadOnlySpan<char>>();
        if (words.TryGetValue(word, out var known))
        {
            return known;
        }

        var text = word.ToString();
        return Words.Count < 10_000 ? Words.GetOrAdd(text, text) : text;
    }

    private Node ParseReferenceAfterSheet(string sheet, int start)
    {
        if (Peek == '#' && string.Compare(_text, _pos, "#REF!", 0, 5, StringComparison.OrdinalIgnoreCase) == 0)
        {
            _pos += 5;
            return new ErrorNode(ErrorValue.Reference);
        }

        var reference = TryParseReference(sheet);
        if (reference is null)
        {
            throw Error($"Expected a cell reference after '{_text[start.._pos]}'");
        }

        return reference;
    }

    private Node ParseFunction(ReadOnlySpan<char> rawName, int start)
    {
        if (rawName.StartsWith("_XLFN.", StringComparison.OrdinalIgnoreCase) || rawName.StartsWith("_XLWS.", StringComparison.OrdinalIgnoreCase))
        {
            rawName = rawName[6..];
        }

        var definition = FunctionRegistry.Find(rawName);
        string name = definition?.Name ?? rawName.ToString().ToUpperInvariant();

        Enter();
        var arguments = t_arguments ??= new List<Node>(32);
        int bottom = arguments.Count;
        Node[] args;
        try
        {
            SkipSpaces();
            if (Peek == ')')
            {
                _pos++;
            }
            else
            {
                while (true)
                {
                    SkipSpaces();
                    arguments.Add(Peek == ',' || Peek == ')' ? MissingNode.Instance : ParseComparison());
                    SkipSpaces();
                    if (Peek == ',')
                    {
                        _pos++;
                        continue;
                    }

                    if (Peek == ')')
                    {
                        _pos++;
                        break;
                    }

                    throw Error(AtEnd ? $"Expected ')' to close {name}(" : "Expected ',' or ')'");
                }
            }

            int count = arguments.Count - bottom;
            args = count == 0 ? [] : new Node[count];
            arguments.CopyTo(bottom, args, 0, count);
        }
        finally
        {
            arguments.RemoveRange(bottom, arguments.Count - bottom);
        }

        _nesting--;
        if (definition is not null && (args.Length < definition.MinArgs || args.Length > definition.MaxArgs))
        {
            string expected = definition.MinArgs == definition.MaxArgs
                ? $"{definition.MinArgs}"
                : definition.MaxArgs >= FunctionDefinition.Unlimited ? $"at least {definition.MinArgs}" : $"{definition.MinArgs} to {definition.MaxArgs}";
            throw Error($"{name} takes {expected} argument{(expected == "1" ? string.Empty : "s")}, not {args.Length},", start);
        }

        return new FunctionNode(name, definition, args);
    }

    private string ParseString()
    {
        int start = _pos;
        _pos++;
        var sb = new System.Text.StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw Error("Expected '\"' to close the text that starts", start);
            }

            char c = _text[_pos++];
            if (c == '"')
            {
                if (Peek == '"')
                {
                    sb.Append('"');
                    _pos++;
                    continue;
                }

                return sb.ToString();
            }

            sb.Append(c);
        }
    }

    private string ParseQuotedSheetName()
    {
        int start = _pos;
        int close = _text.IndexOf('\'', start + 1);
        if (close > start + 1 && (close + 1 >= _text.Length || _text[close + 1] != '\''))
        {
            // The usual name, without a doubled quote inside: no builder needed.
            _pos = close + 1;
            return Intern(_text.AsSpan(start + 1, close - start - 1));
        }

        _pos++;
        var sb = new System.Text.StringBuilder();
        while (true)
        {
            if (AtEnd)
            {
                throw Error("Expected ' to close the sheet name that starts", start);
            }

            char c = _text[_pos++];
            if (c == '\'')
            {
                if (Peek == '\'')
                {
                    sb.Append('\'');
                    _pos++;
                    continue;
                }

                if (sb.Length == 0)
                {
                    throw Error("Expected a sheet name", start);
                }

                return sb.ToString();
            }

            sb.Append(c);
        }
    }

    private ErrorValue ParseErrorLiteral()
    {
        foreach (var (text, error) in ErrorLiterals)
        {
            if (string.Compare(_text, _pos, text, 0, text.Length, StringComparison.OrdinalIgnoreCase) == 0 && _pos + text.Length <= _text.Length)
            {
                _pos += text.Length;
                return error;
            }
        }

        throw Error("Expected an error value such as #N/A or #DIV/0!");
    }

    private static readonly (string Text, ErrorValue Error)[] ErrorLiterals = [.. ErrorValues.Literals()];

    private double ParseNumber()
    {
        int start = _pos;
        while (char.IsAsciiDigit(Peek))
        {
            _pos++;
        }

        if (Peek == '.')
        {
            _pos++;
            while (char.IsAsciiDigit(Peek))
            {
                _pos++;
            }
        }

        if (_pos == start + 1 && _text[start] == '.')
        {
            throw Error("Expected a digit after '.'", start + 1);
        }

        if (Peek is 'e' or 'E')
        {
            int save = _pos;
            _pos++;
            if (Peek is '+' or '-')
            {
                _pos++;
            }

            if (!char.IsAsciiDigit(Peek))
            {
                throw Error("Expected digits in the exponent", _pos);
            }

            _ = save;
            while (char.IsAsciiDigit(Peek))
            {
                _pos++;
            }
        }

        if (!double.TryParse(_text.AsSpan(start, _pos - start), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value)
            || !double.IsFinite(value))
        {
            throw Error("The number is too large", start);
        }

        return value;
    }

    private ArrayNode ParseArray()
    {
        int start = _pos;
        _pos++;
        var rows = new List<List<CellValue>> { new() };
        while (true)
        {
            SkipSpaces();
            rows[^1].Add(ParseArrayItem());
            SkipSpaces();
            char c = Peek;
            _pos++;
            if (c == ',')
            {
                continue;
            }

            if (c == ';')
            {
                rows.Add([]);
                continue;
            }

            if (c == '}')
            {
                break;
            }

            _pos--;
            throw Error("Expected ',', ';' or '}' in the array constant");
        }

        int columns = rows[0].Count;
        foreach (var row in rows)
        {
            if (row.Count != columns)
            {
                throw Error("Every row of an array constant needs the same number of items", start);
            }
        }

        var items = new CellValue[rows.Count * columns];
        for (int r = 0; r < rows.Count; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                items[(r * columns) + c] = rows[r][c];
            }
        }

        return new ArrayNode(new ArrayValue(rows.Count, columns, items));
    }

    private CellValue ParseArrayItem()
    {
        char c = Peek;
        if (c == '"')
        {
            return CellValue.FromText(ParseString());
        }

        if (c == '#')
        {
            return CellValue.FromError(ParseErrorLiteral());
        }

        if (c is '-' or '+')
        {
            _pos++;
            SkipSpaces();
            if (!(char.IsAsciiDigit(Peek) || Peek == '.'))
            {
                throw Error("Expected a number");
            }

            double v = ParseNumber();
            return CellValue.FromNumber(c == '-' ? -v : v);
        }

        if (char.IsAsciiDigit(c) || c == '.')
        {
            return CellValue.FromNumber(ParseNumber());
        }

        if (string.Compare(_text, _pos, "TRUE", 0, 4, StringComparison.OrdinalIgnoreCase) == 0)
        {
            _pos += 4;
            return CellValue.True;
        }

        if (string.Compare(_text, _pos, "FALSE", 0, 5, StringComparison.OrdinalIgnoreCase) == 0)
        {
            _pos += 5;
            return CellValue.False;
        }

        throw Error("Expected a number, text, TRUE, FALSE or an error value in the array constant");
    }

    // Reference forms at _pos: [$]COL[$]ROW, optionally ':' [$]COL[$]ROW; [$]COL:[$]COL; [$]ROW:[$]ROW.
    // Returns null (and leaves _pos) when the text there is not a reference.
    private Node? TryParseReference(string? sheet)
    {
        int save = _pos;
        if (TryCell(out int row, out int col, out bool rowAbs, out bool colAbs))
        {
            int afterFirst = _pos;
            if (Peek == ':')
            {
                _pos++;
                if (TryCell(out int row2, out int col2, out bool rowAbs2, out bool colAbs2))
                {
                    // The area straight from the corners (no node for each corner).
                    return MakeArea(sheet, (row, col, rowAbs, colAbs), (row2, col2, rowAbs2, colAbs2));
                }

                _pos = afterFirst;
            }

            return new CellRefNode(sheet, row, col, rowAbs, colAbs);
        }

        _pos = save;
        if (TryColumnPart(out int c1, out bool c1Abs) && Peek == ':')
        {
            _pos++;
            if (TryColumnPart(out int c2, out bool c2Abs) && !IsNameChar(Peek) && Peek != '(' && Peek != '!')
            {
                bool swap = c1 > c2;
                return new AreaRefNode(sheet, AreaKind.Columns, 1, swap ? c2 : c1, CellAddress.MaxRows, swap ? c1 : c2,
                    false, swap ? c2Abs : c1Abs, false, swap ? c1Abs : c2Abs);
            }
        }

        _pos = save;
        if (TryRowPart(out int r1, out bool r1Abs) && Peek == ':')
        {
            _pos++;
            if (TryRowPart(out int r2, out bool r2Abs) && !IsNameChar(Peek) && Peek != '(')
            {
                bool swap = r1 > r2;
                return new AreaRefNode(sheet, AreaKind.Rows, swap ? r2 : r1, 1, swap ? r1 : r2, CellAddress.MaxColumns,
                    swap ? r2Abs : r1Abs, false, swap ? r1Abs : r2Abs, false);
            }
        }

        _pos = save;
        return null;
    }

    private bool TryCell(out int row, out int col, out bool rowAbs, out bool colAbs)
    {
        row = 0;
        int save = _pos;
        if (!TryColumnPart(out col, out colAbs) || !TryRowPart(out row, out rowAbs) || IsNameChar(Peek) || Peek == '(' || Peek == '!')
        {
            _pos = save;
            rowAbs = false;
            return false;
        }

        return true;
    }

    private bool TryColumnPart(out int column, out bool absolute)
    {
        int p = _pos;
        absolute = false;
        column = 0;
        if (p < _text.Length && _text[p] == '$')
        {
            absolute = true;
            p++;
        }

        int start = p;
        while (p < _text.Length && char.IsAsciiLetter(_text[p]) && p - start < 4)
        {
            p++;
        }

        column = CellAddress.ColumnNumber(_text.AsSpan(start, p - start));
        if (column == 0 || (p < _text.Length && char.IsAsciiLetter(_text[p])))
        {
            return false;
        }

        _pos = p;
        return true;
    }

    private bool TryRowPart(out int row, out bool absolute)
    {
        int p = _pos;
        absolute = false;
        row = 0;
        if (p < _text.Length && _text[p] == '$')
        {
            absolute = true;
            p++;
        }

        int start = p;
        long value = 0;
        while (p < _text.Length && char.IsAsciiDigit(_text[p]))
        {
            value = (value * 10) + (_text[p] - '0');
            if (value > CellAddress.MaxRows)
            {
                return false;
            }

            p++;
        }

        if (p == start || value < 1 || (p < _text.Length && (_text[p] == '.' || _text[p] is 'e' or 'E')))
        {
            return false;
        }

        row = (int)value;
        _pos = p;
        return true;
    }
}
