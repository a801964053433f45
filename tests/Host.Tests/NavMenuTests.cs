using System.Security.Claims;
using Bunit;
using Collab.Host.Components.Layout;
using Collab.Kernel.Modules;
using Collab.Kernel.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Collab.Host.Tests;

public class NavMenuTests : BunitContext
{
    private sealed class PageModule(string name, int order) : IModule
    {
        public string Name => name;

        public IReadOnlyList<NavigationEntry> Navigation => [new(name, "/" + name.ToLowerInvariant(), "", order)];

        public void RegisterServices(IServiceCollection services, IConfiguration configuration)
        {
        }
    }

    public NavMenuTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    private void UseModules(params (string Name, bool Enabled)[] modules)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(modules.Select(m => new KeyValuePair<string, string?>(ModuleCatalog.ToggleKey(m.Name), m.Enabled ? "true" : "false")))
            .Build();
        Services.AddSingleton(ModuleCatalog.Load(modules.Select((m, i) => (IModule)new PageModule(m.Name, i)), configuration));
    }

    private string[] LinkTitles(IRenderedComponent<NavMenu> menu) =>
        menu.FindAll("a.mud-nav-link").Select(a => a.TextContent.Trim()).ToArray();

    [Fact]
    public void The_drawer_lists_exactly_the_enabled_modules_then_the_host_pages()
    {
        UseModules(("Models", true), ("Chat", false), ("Meetings", true));
        AddAuthorization().SetAuthorized("Alice");

        var menu = Render<NavMenu>();

        Assert.Equal(["Models", "Meetings", "Profile"], LinkTitles(menu));
    }

    [Fact]
    public void A_system_admin_also_sees_the_users_page()
    {
        UseModules(("Models", true));
        AddAuthorization().SetAuthorized("Ada").SetClaims(new Claim(ClaimTypes.Role, CollabClaims.SystemAdminRole));

        var menu = Render<NavMenu>();

        Assert.Equal(["Models", "Profile", "Users"], LinkTitles(menu));
        Assert.Equal("/admin/users", menu.Find("a[data-testid='nav-users']").GetAttribute("href"));
    }

    [Fact]
    public void An_anonymous_visitor_sees_no_navigation()
    {
        UseModules(("Models", true));
        AddAuthorization();

        var menu = Render<NavMenu>();

        Assert.Empty(menu.FindAll("a"));
    }
}
