using MudBlazor;

namespace Collab.Host.Components.Layout;

/// <summary>Collab's colors and type; system fonts only (the intranet has no web fonts).</summary>
internal static class CollabTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#1b5e20", Secondary = "#00695c", AppbarBackground = "#1b5e20" },
        PaletteDark = new PaletteDark { Primary = "#66bb6a", Secondary = "#4db6ac" },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };
}
