namespace Collab.Workbooks.Engine;

/// <summary>A reference to a rectangle of cells on one sheet, as a formula value (not yet dereferenced).</summary>
internal sealed class Reference(Sheet sheet, int row1, int column1, int row2, int column2)
{
    public Sheet Sheet { get; } = sheet;

    public int Row1 { get; } = row1;

    public int Column1 { get; } = column1;

    public int Row2 { get; } = row2;

    public int Column2 { get; } = column2;

    public int Rows => Row2 - Row1 + 1;

    public int Columns => Column2 - Column1 + 1;

    public bool IsSingleCell => Row1 == Row2 && Column1 == Column2;
}

/// <summary>A rectangular array of values (array constants and array results of expressions).</summary>
internal sealed class ArrayValue
{
    public ArrayValue(int rows, int columns, CellValue[] items)
    {
        Rows = rows;
        Columns = columns;
        Items = items;
    }

    public ArrayValue(int rows, int columns)
        : this(rows, columns, new CellValue[rows * columns])
    {
    }

    public int Rows { get; }

    public int Columns { get; }

    public CellValue[] Items { get; }

    public CellValue this[int row, int column]
    {
        get => Items[(row * Columns) + column];
        set => Items[(row * Columns) + column] = value;
    }
}

/// <summary>
/// The value of an expression during evaluation: a scalar <see cref="CellValue"/>, a <see cref="Engine.Reference"/>
/// or an <see cref="ArrayValue"/>. A small struct; references are kept as references until a scalar is needed.
/// </summary>
internal readonly struct Operand
{
    private readonly object? _payload;

    public Operand(CellValue value)
    {
        Value = value;
        _payload = null;
    }

    public Operand(Reference reference)
    {
        Value = default;
        _payload = reference;
    }

    public Operand(ArrayValue array)
    {
        Value = default;
        _payload = array;
    }

    /// <summary>The scalar value (meaningful when neither a reference nor an array).</summary>
    public CellValue Value { get; }

    public bool IsReference => _payload is Reference;

    public bool IsArray => _payload is ArrayValue;

    public bool IsScalar => _payload is null;

    public bool IsError => _payload is null && Value.IsError;

    public Reference? Reference => _payload as Reference;

    public ArrayValue? Array => _payload as ArrayValue;

    public static Operand Error(ErrorValue error) => new(CellValue.FromError(error));

    public static Operand Number(double value) => new(CellValue.FromNumber(value));

    public static Operand Boolean(bool value) => new(CellValue.FromBoolean(value));

    public static Operand Text(string value) => new(CellValue.FromText(value));

    public static implicit operator Operand(CellValue value) => new(value);

    public static implicit operator Operand(Reference reference) => new(reference);

    public static implicit operator Operand(ArrayValue array) => new(array);
}
