using Collab.Kernel.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.Kernel.Tests;

public class ModuleCatalogTests
{
    private sealed class TestModule(string name, bool core = false, params string[] requires) : IModule
    {
        public string Name => name;

        public bool IsCore => core;

        public IReadOnlyList<string> Requires => requires;

        public IReadOnlyList<NavigationEntry> Navigation => [new(name, "/" + name.ToLowerInvariant(), "icon")];

        public void RegisterServices(IServiceCollection services, IConfiguration configuration) => services.AddSingleton(this);
    }

    private static IConfiguration Toggles(params (string Module, string Value)[] toggles) =>
        new ConfigurationBuilder().AddInMemoryCollection(toggles.Select(t => new KeyValuePair<string, string?>(ModuleCatalog.ToggleKey(t.Module), t.Value))).Build();

    [Fact]
    public void A_module_without_a_toggle_is_enabled()
    {
        var catalog = ModuleCatalog.Load([new TestModule("Chat")], Toggles());

        Assert.True(catalog.IsEnabled("Chat"));
        Assert.Single(catalog.Enabled);
    }

    [Fact]
    public void A_module_toggled_off_is_left_out_of_everything()
    {
        var catalog = ModuleCatalog.Load([new TestModule("Chat"), new TestModule("Comments")], Toggles(("Chat", "false")));

        Assert.False(catalog.IsEnabled("Chat"));
        Assert.Equal(["Comments"], catalog.Enabled.Select(m => m.Name));
        Assert.Equal(["Comments"], catalog.Navigation.Select(n => n.Title));
        Assert.Equal(2, catalog.All.Count);
    }

    [Fact]
    public void Toggles_are_case_insensitive_about_the_module_name()
    {
        var catalog = ModuleCatalog.Load([new TestModule("Chat")], Toggles(("chat", "False")));

        Assert.False(catalog.IsEnabled("Chat"));
    }

    [Fact]
    public void A_core_module_refuses_to_be_disabled_with_a_clear_message()
    {
        var error = Assert.Throws<ModuleConfigurationException>(() =>
            ModuleCatalog.Load([new TestModule("Editing", core: true)], Toggles(("Editing", "false"))));

        Assert.Contains("'Editing' is a core module and cannot be disabled", error.Message);
    }

    [Fact]
    public void A_module_whose_dependency_is_disabled_stops_start_up_naming_both()
    {
        var error = Assert.Throws<ModuleConfigurationException>(() =>
            ModuleCatalog.Load([new TestModule("Editing"), new TestModule("Comments", false, "Editing")], Toggles(("Editing", "false"))));

        Assert.Contains("Module 'Comments' requires module 'Editing', which is disabled", error.Message);
    }

    [Fact]
    public void A_disabled_module_may_depend_on_a_disabled_module()
    {
        var catalog = ModuleCatalog.Load(
            [new TestModule("Editing"), new TestModule("Comments", false, "Editing")],
            Toggles(("Editing", "false"), ("Comments", "false")));

        Assert.Empty(catalog.Enabled);
    }

    [Fact]
    public void A_missing_dependency_is_reported()
    {
        var error = Assert.Throws<ModuleConfigurationException>(() => ModuleCatalog.Load([new TestModule("Chat", false, "Ghost")], Toggles()));

        Assert.Contains("requires module 'Ghost', which this build does not contain", error.Message);
    }

    [Fact]
    public void A_toggle_that_is_not_a_boolean_is_reported()
    {
        var error = Assert.Throws<ModuleConfigurationException>(() => ModuleCatalog.Load([new TestModule("Chat")], Toggles(("Chat", "maybe"))));

        Assert.Contains("'Modules:Chat:Enabled' must be true or false, not 'maybe'", error.Message);
    }

    [Fact]
    public void Enabled_modules_come_after_the_modules_they_require()
    {
        var catalog = ModuleCatalog.Load(
            [new TestModule("Meetings", false, "Chat", "Presence"), new TestModule("Chat", false, "Presence"), new TestModule("Presence")],
            Toggles());

        Assert.Equal(["Presence", "Chat", "Meetings"], catalog.Enabled.Select(m => m.Name));
    }

    [Fact]
    public void Modules_that_require_each_other_are_reported_as_a_cycle()
    {
        var error = Assert.Throws<ModuleConfigurationException>(() =>
            ModuleCatalog.Load([new TestModule("A", false, "B"), new TestModule("B", false, "A")], Toggles()));

        Assert.Contains("cycle", error.Message);
    }

    [Fact]
    public void Two_modules_with_one_name_are_refused()
    {
        Assert.Throws<ModuleConfigurationException>(() => ModuleCatalog.Load([new TestModule("Chat"), new TestModule("chat")], Toggles()));
    }
}
