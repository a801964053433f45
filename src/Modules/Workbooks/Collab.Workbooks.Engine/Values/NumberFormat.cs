using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Collab.Workbooks.Engine;

/// <summary>
/// Excel number format codes: how a cell shows its value ("#,##0.00", "0.0%", "mmm yyyy", "0;(0)",
/// "[Red][&lt;0]0.00;0.00", "# ?/?", "@"...). Compiled formats are cached by their code, so showing a cell is a
/// dictionary look-up and one pass over a few tokens. Nothing here throws on a bad code: an invalid code shows
/// values in General format and is reported by <see cref="IsValid"/> and <see cref="TryParse"/>.
/// </summary>
public static class NumberFormat
{
    private const int CacheLimit = 4096;

    private static readonly ConcurrentDictionary<string, NumberFormatCode> Cache = new(StringComparer.Ordinal);

    /// <summary>The text of a value in a format (null or "" is General). Never throws.</summary>
    public static string Format(CellValue value, string? formatCode) => Compile(formatCode).Format(value).Text;

    /// <summary>The text of a value and the colour its section asks for ([Red], [Color10]...).</summary>
    public static FormatResult FormatWithColor(CellValue value, string? formatCode) => Compile(formatCode).Format(value);

    /// <summary>True when Excel would accept the code (null and "" are General, which is valid).</summary>
    public static bool IsValid(string? formatCode) => Compile(formatCode).IsValid;

    /// <summary>The compiled format, or false with a short reason when the code is invalid.</summary>
    public static bool TryParse(string? formatCode, [NotNullWhen(true)] out NumberFormatCode? format, [NotNullWhen(false)] out string? error)
    {
        var compiled = Compile(formatCode);
        if (compiled.IsValid)
        {
            format = compiled;
            error = null;
            return true;
        }

        format = null;
        error = compiled.Error!;
        return false;
    }

    /// <summary>
    /// The compiled (cached) format of a code. An invalid code compiles to a format that shows values in
    /// General and has <see cref="NumberFormatCode.IsValid"/> false.
    /// </summary>
    public static NumberFormatCode Compile(string? formatCode)
    {
        if (string.IsNullOrEmpty(formatCode))
        {
            return NumberFormatCode.General;
        }

        if (Cache.TryGetValue(formatCode, out var cached))
        {
            return cached;
        }

        var compiled = NumberFormatParser.Parse(formatCode);
        if (Cache.Count >= CacheLimit)
        {
            Cache.Clear();
        }

        Cache.TryAdd(formatCode, compiled);
        return compiled;
    }
}

/// <summary>A formatted value: the text, the colour of the section used (#RRGGBB, or null) and whether it overflowed.</summary>
/// <param name="Text">The text as Excel shows it (no column-width effects).</param>
/// <param name="Color">The section's colour as "#RRGGBB" ([Red] is "#FF0000"), or null for the default colour.</param>
/// <param name="IsOverflow">
/// True when the value cannot be shown in the format (a negative or too large date or time): Excel fills the cell
/// with '#', and <see cref="Text"/> is "########".
/// </param>
public readonly record struct FormatResult(string Text, string? Color, bool IsOverflow = false);

/// <summary>One compiled number format code; obtain it from <see cref="NumberFormat.Compile"/>.</summary>
public sealed class NumberFormatCode
{
    private static readonly FormatSection[] NoSections = [];

    private readonly FormatSection[] _numeric;
    private readonly FormatSection? _text;

    internal NumberFormatCode(string code, FormatSection[] numeric, FormatSection? text)
    {
        Code = code;
        _numeric = numeric;
        _text = text;
        IsValid = true;
        IsDateTime = numeric.Length > 0 && numeric[0].Kind == SectionKind.DateTime;
        IsGeneral = numeric.Length == 0 || (numeric.Length == 1 && numeric[0].IsPlainGeneral);
    }

    private NumberFormatCode(string code, string error)
    {
        Code = code;
        Error = error;
        _numeric = NoSections;
        IsGeneral = true;
    }

    /// <summary>The General format.</summary>
    public static NumberFormatCode General { get; } = new("General", NoSections, null);

    /// <summary>The code as given.</summary>
    public string Code { get; }

    /// <summary>False when the code is not a valid Excel format (values are then shown in General).</summary>
    public bool IsValid { get; }

    /// <summary>Why the code is invalid, or null.</summary>
    public string? Error { get; }

    /// <summary>True when numbers are shown as dates or times (the first section has date or time codes).</summary>
    public bool IsDateTime { get; }

    /// <summary>True when numbers are shown in the General format.</summary>
    public bool IsGeneral { get; }

    /// <summary>A value in this format: numbers by their section, text by the text section (or as is), TRUE/FALSE, errors by their text, blank as "".</summary>
    public FormatResult Format(CellValue value) => value.Kind switch
    {
        CellValueKind.Number => Format(value.Number),
        CellValueKind.Text => FormatText(value.Text),
        CellValueKind.Boolean => new FormatResult(value.Boolean ? "TRUE" : "FALSE", null),
        CellValueKind.Error => new FormatResult(value.Error.ToText(), null),
        _ => new FormatResult(string.Empty, null),
    };

    /// <summary>A number in this format.</summary>
    public FormatResult Format(double number)
    {
        if (!double.IsFinite(number))
        {
            return new FormatResult(ErrorValue.Number.ToText(), null);
        }

        if (!SelectSection(number, out var section, out int index))
        {
            return new FormatResult(NumberText.ToGeneral(number), null);
        }

        // The first section of a single-section format and the sections after the second show a minus sign;
        // the negative section and a conditional first section show the magnitude.
        bool negative = number < 0 && index != 1 && !(index == 0 && section.Condition is not null);
        return NumberFormatRenderer.Render(section, Math.Abs(number), negative);
    }

    /// <summary>Text in this format: the text section with @ replaced by the text, or the text unchanged.</summary>
    public FormatResult FormatText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return _text is null ? new FormatResult(text, null) : NumberFormatRenderer.RenderText(_text, text);
    }

    /// <inheritdoc />
    public override string ToString() => Code;

    internal static NumberFormatCode Invalid(string code, string error) => new(code, error);

    // Section choice as Excel does: without conditions positive;negative;zero (two sections: the first also
    // takes zero); a condition on the first or second section takes the values it accepts, and the next
    // unconditional section takes the rest.
    private bool SelectSection(double value, [NotNullWhen(true)] out FormatSection? section, out int index)
    {
        var sections = _numeric;
        section = null;
        index = -1;
        if (sections.Length == 0)
        {
            return false;
        }

        var first = sections[0];
        if (first.Condition is not null)
        {
            if (first.Condition.Value.Accepts(value))
            {
                (section, index) = (first, 0);
                return true;
            }
        }
        else if (sections.Length == 1 || (sections.Length == 2 && value >= 0) || value > 0)
        {
            (section, index) = (first, 0);
            return true;
        }

        if (sections.Length < 2)
        {
            return false;
        }

        var second = sections[1];
        if (second.Condition is not null)
        {
            if (second.Condition.Value.Accepts(value))
            {
                (section, index) = (second, 1);
                return true;
            }
        }
        else if (value < 0 || (sections.Length == 2 && first.Condition is not null))
        {
            (section, index) = (second, 1);
            return true;
        }

        if (sections.Length < 3)
        {
            return false;
        }

        (section, index) = (sections[2], 2);
        return true;
    }
}
