using System.Reflection;

namespace Collab.Workbooks.Engine.Functions;

/// <summary>
/// Every worksheet function by name (case-insensitive). Filled once, at first use, from the static classes
/// marked <see cref="FunctionLibraryAttribute"/>: each family lives in its own file and no shared list is edited.
/// </summary>
internal sealed class FunctionRegistry
{
    private static readonly Lazy<FunctionRegistry> Instance = new(Build);

    private readonly Dictionary<string, FunctionDefinition> _functions = new(StringComparer.OrdinalIgnoreCase);

    private FunctionRegistry()
    {
    }

    /// <summary>The names of all functions, upper-case.</summary>
    public static IReadOnlyCollection<string> Names => Instance.Value._functions.Keys;

    /// <summary>The function with this name, or null for an unknown one.</summary>
    public static FunctionDefinition? Find(string name) =>
        Instance.Value._functions.TryGetValue(name, out var f) ? f : null;

    /// <summary>The function with this name (any case), or null for an unknown one; allocates nothing.</summary>
    public static FunctionDefinition? Find(ReadOnlySpan<char> name) =>
        Instance.Value._functions.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var f) ? f : null;

    /// <summary>Adds a function; a duplicate name is a programming error and throws.</summary>
    public void Add(FunctionDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!_functions.TryAdd(definition.Name, definition))
        {
            throw new InvalidOperationException($"The function {definition.Name} is registered twice.");
        }
    }

    /// <summary>Adds a function with all-value arguments.</summary>
    public void Add(string name, int minArgs, int maxArgs, FunctionBody body, FunctionFlags flags = FunctionFlags.None, params ArgMode[] modes) =>
        Add(new FunctionDefinition(name, minArgs, maxArgs, body, flags, modes));

    private static FunctionRegistry Build()
    {
        var registry = new FunctionRegistry();
        var libraries = new List<Type>();
        foreach (var type in typeof(FunctionRegistry).Assembly.GetTypes())
        {
            if (type.IsDefined(typeof(FunctionLibraryAttribute), false))
            {
                libraries.Add(type);
            }
        }

        // A stable order keeps duplicate-name errors deterministic.
        libraries.Sort((a, b) => string.CompareOrdinal(a.FullName, b.FullName));
        foreach (var type in libraries)
        {
            var register = type.GetMethod("Register", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, [typeof(FunctionRegistry)])
                ?? throw new InvalidOperationException($"{type.FullName} is a [FunctionLibrary] without static Register(FunctionRegistry).");
            register.Invoke(null, [registry]);
        }

        return registry;
    }
}
