using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Collab.Kernel.Modules;

/// <summary>Raised at start-up when the module toggles are inconsistent.</summary>
public sealed class ModuleConfigurationException(string message) : Exception(message);

/// <summary>
/// The modules that are on in this process, in dependency order. Built once at start-up from the
/// toggles in configuration; everything that composes the application (services, endpoints, navigation,
/// router assemblies, jobs) reads it.
/// </summary>
public sealed class ModuleCatalog
{
    private readonly HashSet<string> _enabledNames;

    private ModuleCatalog(IReadOnlyList<IModule> enabled, IReadOnlyList<IModule> all)
    {
        Enabled = enabled;
        All = all;
        _enabledNames = new HashSet<string>(enabled.Select(m => m.Name), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The enabled modules, each after the modules it requires.</summary>
    public IReadOnlyList<IModule> Enabled { get; }

    /// <summary>Every module the Host knows, enabled or not.</summary>
    public IReadOnlyList<IModule> All { get; }

    /// <summary>True when the named module is enabled.</summary>
    public bool IsEnabled(string name) => _enabledNames.Contains(name);

    /// <summary>Navigation entries of the enabled modules, in display order.</summary>
    public IReadOnlyList<NavigationEntry> Navigation =>
        Enabled.SelectMany(m => m.Navigation).OrderBy(e => e.Order).ThenBy(e => e.Title, StringComparer.Ordinal).ToList();

    /// <summary>Assemblies of the enabled modules that contain routable pages.</summary>
    public IReadOnlyList<Assembly> PageAssemblies => Enabled.Where(m => m.HasPages).Select(m => m.GetType().Assembly).Distinct().ToList();

    /// <summary>The configuration key that turns a module on or off.</summary>
    public static string ToggleKey(string moduleName) => $"Modules:{moduleName}:Enabled";

    /// <summary>
    /// Reads the toggles (a module is on unless <c>Modules:&lt;Name&gt;:Enabled</c> is false) and checks them:
    /// core modules cannot be turned off, and an enabled module's requirements must be enabled too.
    /// </summary>
    /// <exception cref="ModuleConfigurationException">The toggles are inconsistent; the message says how.</exception>
    public static ModuleCatalog Load(IEnumerable<IModule> modules, IConfiguration configuration)
    {
        var all = modules.ToList();
        var byName = new Dictionary<string, IModule>(StringComparer.OrdinalIgnoreCase);
        foreach (var module in all)
        {
            if (!byName.TryAdd(module.Name, module))
            {
                throw new ModuleConfigurationException($"Two modules are named '{module.Name}'.");
            }
        }

        var problems = new List<string>();
        var enabled = new List<IModule>();
        foreach (var module in all)
        {
            var on = IsOn(configuration, module.Name, problems);
            if (!on && module.IsCore)
            {
                problems.Add($"Module '{module.Name}' is a core module and cannot be disabled: remove '{ToggleKey(module.Name)}: false' from appsettings.json.");
                continue;
            }

            if (on)
            {
                enabled.Add(module);
            }
        }

        var enabledNames = new HashSet<string>(enabled.Select(m => m.Name), StringComparer.OrdinalIgnoreCase);
        foreach (var module in enabled)
        {
            foreach (var required in module.Requires)
            {
                if (!byName.ContainsKey(required))
                {
                    problems.Add($"Module '{module.Name}' requires module '{required}', which this build does not contain.");
                }
                else if (!enabledNames.Contains(required))
                {
                    problems.Add($"Module '{module.Name}' requires module '{required}', which is disabled: enable '{required}' ('{ToggleKey(required)}: true') or disable '{module.Name}'.");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new ModuleConfigurationException("The module configuration is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => " - " + p)));
        }

        return new ModuleCatalog(SortByDependencies(enabled, byName), all);
    }

    private static bool IsOn(IConfiguration configuration, string name, List<string> problems)
    {
        var raw = configuration[ToggleKey(name)];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return true;
        }

        if (bool.TryParse(raw, out var value))
        {
            return value;
        }

        problems.Add(string.Format(CultureInfo.InvariantCulture, "'{0}' must be true or false, not '{1}'.", ToggleKey(name), raw));
        return true;
    }

    private static List<IModule> SortByDependencies(List<IModule> enabled, Dictionary<string, IModule> byName)
    {
        var sorted = new List<IModule>(enabled.Count);
        var state = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase); // 1 visiting, 2 done
        foreach (var module in enabled)
        {
            Visit(module, []);
        }

        return sorted;

        void Visit(IModule module, List<string> path)
        {
            if (state.TryGetValue(module.Name, out var s))
            {
                if (s == 1)
                {
                    throw new ModuleConfigurationException($"Modules require each other in a cycle: {string.Join(" -> ", path.Append(module.Name))}.");
                }

                return;
            }

            state[module.Name] = 1;
            path.Add(module.Name);
            foreach (var required in module.Requires)
            {
                Visit(byName[required], path);
            }

            path.RemoveAt(path.Count - 1);
            state[module.Name] = 2;
            sorted.Add(module);
        }
    }
}
