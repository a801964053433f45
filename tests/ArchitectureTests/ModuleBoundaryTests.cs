using System.Reflection;
using Collab.Kernel.Modules;
using NetArchTest.Rules;

namespace Collab.ArchitectureTests;

/// <summary>Modules touch each other only through contracts; the pure libraries stay pure.</summary>
public class ModuleBoundaryTests
{
    /// <summary>Every module the Host composes, found from the Host's own list so that a new module is checked at once.</summary>
    public static TheoryData<string> ModuleNames() => new(Host.Composition.HostModules.All().Select(m => m.Name));

    private static Assembly AssemblyOf(string moduleName) =>
        Host.Composition.HostModules.All().Single(m => m.Name == moduleName).GetType().Assembly;

    private static string RootNamespace(Assembly moduleAssembly) =>
        moduleAssembly.GetTypes().Single(t => typeof(IModule).IsAssignableFrom(t) && !t.IsAbstract).Namespace!;

    /// <summary>The names in a module that others may not use: everything outside its Contracts namespace.</summary>
    private static string[] Internals(Assembly moduleAssembly)
    {
        var root = RootNamespace(moduleAssembly);
        return moduleAssembly.GetTypes()
            .Where(t => t.Namespace is not null && t.Namespace.StartsWith(root, StringComparison.Ordinal))
            .Where(t => !t.Namespace!.StartsWith(root + ".Contracts", StringComparison.Ordinal))
            .Where(t => !t.Name.StartsWith('<'))
            .Select(t => t.Namespace == root ? t.FullName! : t.Namespace!)
            .Distinct()
            .ToArray();
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void A_module_uses_other_modules_only_through_their_contracts(string moduleName)
    {
        var assembly = AssemblyOf(moduleName);
        var others = Host.Composition.HostModules.All().Select(m => m.GetType().Assembly).Where(a => a != assembly).Distinct();

        foreach (var other in others)
        {
            var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(Internals(other)).GetResult();
            Assert.True(result.IsSuccessful, $"{moduleName} reaches into {other.GetName().Name}: {string.Join(", ", result.FailingTypeNames ?? [])}");
        }
    }

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void A_module_does_not_depend_on_the_host(string moduleName)
    {
        var result = Types.InAssembly(AssemblyOf(moduleName)).ShouldNot().HaveDependencyOn("Collab.Host").GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void The_kernel_depends_on_no_module()
    {
        var modules = Host.Composition.HostModules.All().Select(m => RootNamespace(m.GetType().Assembly)).ToArray();

        var result = Types.InAssembly(typeof(IModule).Assembly).ShouldNot().HaveDependencyOnAny(modules).GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void The_workbook_engine_references_no_aspnet_and_no_database()
    {
        var engine = Assembly.Load("Collab.Workbooks.Engine");

        var referenced = engine.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(referenced, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(referenced, name => name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.DoesNotContain(referenced, name => name.StartsWith("Collab.", StringComparison.Ordinal));
    }

    [Fact]
    public void Handlers_are_internal_and_sealed()
    {
        var handlers = Host.Composition.HostModules.All().Select(m => m.GetType().Assembly).Distinct()
            .SelectMany(a => a.GetTypes())
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.Namespace == "Mediator" && i.Name.Contains("Handler", StringComparison.Ordinal)))
            .ToList();

        Assert.NotEmpty(handlers);
        Assert.All(handlers, h => Assert.True(!h.IsPublic && h.IsSealed, $"{h.FullName} should be internal sealed."));
    }
}
