namespace Collab.Workbooks.Engine;

/// <summary>What kind of value a cell holds.</summary>
public enum CellValueKind : byte
{
    /// <summary>Nothing: an empty cell.</summary>
    Blank,

    /// <summary>A number (dates are serial numbers).</summary>
    Number,

    /// <summary>Text.</summary>
    Text,

    /// <summary>TRUE or FALSE.</summary>
    Boolean,

    /// <summary>An error such as #DIV/0!.</summary>
    Error,
}

/// <summary>
/// A computed cell value: blank, number, text, boolean or error. A small immutable struct (no boxing);
/// equality is exact (numbers compare by value, text ordinally).
/// </summary>
public readonly struct CellValue : IEquatable<CellValue>
{
    private readonly double _number;
    private readonly string? _text;

    private CellValue(CellValueKind kind, double number, string? text)
    {
        Kind = kind;
        _number = number;
        _text = text;
    }

    /// <summary>The empty value.</summary>
    public static CellValue Blank => default;

    /// <summary>TRUE.</summary>
    public static CellValue True { get; } = new(CellValueKind.Boolean, 1, null);

    /// <summary>FALSE.</summary>
    public static CellValue False { get; } = new(CellValueKind.Boolean, 0, null);

    /// <summary>The empty text "".</summary>
    public static CellValue EmptyText { get; } = new(CellValueKind.Text, 0, string.Empty);

    /// <summary>The kind of value.</summary>
    public CellValueKind Kind { get; }

    /// <summary>True for a blank value.</summary>
    public bool IsBlank => Kind == CellValueKind.Blank;

    /// <summary>True for a number.</summary>
    public bool IsNumber => Kind == CellValueKind.Number;

    /// <summary>True for text.</summary>
    public bool IsText => Kind == CellValueKind.Text;

    /// <summary>True for a boolean.</summary>
    public bool IsBoolean => Kind == CellValueKind.Boolean;

    /// <summary>True for an error.</summary>
    public bool IsError => Kind == CellValueKind.Error;

    /// <summary>The number (0 unless <see cref="IsNumber"/>).</summary>
    public double Number => Kind == CellValueKind.Number ? _number : 0;

    /// <summary>The text ("" unless <see cref="IsText"/>).</summary>
    public string Text => Kind == CellValueKind.Text ? _text! : string.Empty;

    /// <summary>The boolean (false unless <see cref="IsBoolean"/>).</summary>
    public bool Boolean => Kind == CellValueKind.Boolean && _number != 0;

    /// <summary>The error (meaningful only when <see cref="IsError"/>).</summary>
    public ErrorValue Error => Kind == CellValueKind.Error ? (ErrorValue)(int)_number : default;

    /// <summary>
    /// The wire type name: "number", "text", "bool" or "error"; "blank" for an empty cell
    /// (which the wire never lists).
    /// </summary>
    public string TypeName => Kind switch
    {
        CellValueKind.Number => "number",
        CellValueKind.Text => "text",
        CellValueKind.Boolean => "bool",
        CellValueKind.Error => "error",
        _ => "blank",
    };

    /// <summary>A number value. NaN and infinities become #NUM!, as Excel never holds them.</summary>
    public static CellValue FromNumber(double number) =>
        double.IsFinite(number) ? new(CellValueKind.Number, number == 0 ? 0 : number, null) : FromError(ErrorValue.Number);

    /// <summary>A text value.</summary>
    public static CellValue FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(CellValueKind.Text, 0, text);
    }

    /// <summary>A boolean value.</summary>
    public static CellValue FromBoolean(bool value) => value ? True : False;

    /// <summary>An error value.</summary>
    public static CellValue FromError(ErrorValue error) => new(CellValueKind.Error, (int)error, null);

    /// <summary>
    /// The value as Excel shows it in a General-formatted cell without width limit: numbers with at most
    /// 15 significant digits ("0.3" for 0.1+0.2), TRUE/FALSE, the error text, "" for blank.
    /// </summary>
    public string ToDisplayText() => Kind switch
    {
        CellValueKind.Number => NumberText.ToGeneral(_number),
        CellValueKind.Text => _text!,
        CellValueKind.Boolean => _number != 0 ? "TRUE" : "FALSE",
        CellValueKind.Error => Error.ToText(),
        _ => string.Empty,
    };

    /// <inheritdoc />
    public bool Equals(CellValue other) =>
        Kind == other.Kind && (Kind == CellValueKind.Text
            ? string.Equals(_text, other._text, StringComparison.Ordinal)
            : _number.Equals(other._number));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is CellValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() =>
        Kind == CellValueKind.Text ? HashCode.Combine(Kind, _text) : HashCode.Combine(Kind, _number);

    /// <summary>Exact equality.</summary>
    public static bool operator ==(CellValue left, CellValue right) => left.Equals(right);

    /// <summary>Exact inequality.</summary>
    public static bool operator !=(CellValue left, CellValue right) => !left.Equals(right);

    /// <summary>The display text (see <see cref="ToDisplayText"/>).</summary>
    public override string ToString() => ToDisplayText();
}
