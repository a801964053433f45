namespace Collab.Workbooks.Engine.Functions;

/// <summary>How the evaluator passes one argument to a function.</summary>
internal enum ArgMode : byte
{
    /// <summary>Evaluated before the call; references stay references (the function decides: iterate, or take a scalar).</summary>
    Value,

    /// <summary>Evaluated before the call in array mode: operators over ranges work item by item (SUMPRODUCT((A1:A5>2)*B1:B5)).</summary>
    Array,

    /// <summary>Not evaluated before the call; the function evaluates it on demand through <see cref="FunctionArgs"/> (IF, IFERROR, CHOOSE).</summary>
    Lazy,

    /// <summary>
    /// Evaluated like <see cref="Value"/>, but only the position of a reference written there is used, never its
    /// values (ROW, COLUMN, ROWS, COLUMNS, OFFSET's anchor): such a reference adds no dependency, so =ROW(A1)
    /// in A1 is not circular.
    /// </summary>
    ReferenceOnly,
}

/// <summary>Properties of a function that the engine must know.</summary>
[Flags]
internal enum FunctionFlags
{
    None = 0,

    /// <summary>Recalculated on every pass (TODAY, NOW, RAND, OFFSET, INDIRECT).</summary>
    Volatile = 1,

    /// <summary>May give a different result for the same inputs (RAND, NOW); a recalculation is not expected to reproduce it.</summary>
    Nondeterministic = 2,

    /// <summary>May return a reference (INDEX, OFFSET, INDIRECT, CHOOSE, IF), so it can stand beside ':'.</summary>
    ReturnsReference = 4,

    /// <summary>Every argument is a single value: in array mode the function is applied item by item over array arguments.</summary>
    Scalar = 8,
}

/// <summary>The body of a function: receives the arguments and returns a value, reference or array.</summary>
internal delegate Operand FunctionBody(FunctionArgs args);

/// <summary>One worksheet function: name, argument count, flags, argument modes and body.</summary>
internal sealed class FunctionDefinition
{
    /// <summary>MaxArgs for "any number" (Excel's limit is 255).</summary>
    public const int Unlimited = 255;

    private readonly ArgMode[] _modes;

    /// <summary>Defines a function.</summary>
    /// <param name="name">Upper-case name, such as "SUMIF" or "CEILING.MATH".</param>
    /// <param name="minArgs">Fewest arguments.</param>
    /// <param name="maxArgs">Most arguments (<see cref="Unlimited"/> for any number).</param>
    /// <param name="body">The implementation.</param>
    /// <param name="flags">Volatile, scalar, returns-reference...</param>
    /// <param name="modes">Per-argument modes; the last one repeats for later arguments; empty means all <see cref="ArgMode.Value"/>.</param>
    public FunctionDefinition(string name, int minArgs, int maxArgs, FunctionBody body, FunctionFlags flags = FunctionFlags.None, params ArgMode[] modes)
    {
        Name = name;
        MinArgs = minArgs;
        MaxArgs = maxArgs;
        Body = body;
        Flags = flags;
        _modes = modes;
    }

    public string Name { get; }

    public int MinArgs { get; }

    public int MaxArgs { get; }

    public FunctionBody Body { get; }

    public FunctionFlags Flags { get; }

    public bool IsVolatile => (Flags & FunctionFlags.Volatile) != 0;

    public bool IsNondeterministic => (Flags & FunctionFlags.Nondeterministic) != 0;

    public bool ReturnsReference => (Flags & FunctionFlags.ReturnsReference) != 0;

    public bool IsScalar => (Flags & FunctionFlags.Scalar) != 0;

    public ArgMode ModeOf(int index) => _modes.Length == 0 ? ArgMode.Value : _modes[Math.Min(index, _modes.Length - 1)];
}

/// <summary>
/// Marks a static class that adds a family of functions. The class must have
/// <c>public static void Register(FunctionRegistry registry)</c>; the registry finds it by reflection once at start-up,
/// so adding a family is adding one file.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class FunctionLibraryAttribute : Attribute
{
}
