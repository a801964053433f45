using Collab.Editing;
using Collab.Kernel.Modules;
using Collab.Permissions;
using Collab.Presence;
using Collab.Workbooks;

namespace Collab.Host.Composition;

/// <summary>Every module this build contains; the toggles decide which of them run.</summary>
public static class HostModules
{
    public static IReadOnlyList<IModule> All() =>
    [
        new PermissionsModule(),
        new WorkbooksModule(),
        new EditingModule(),
        new PresenceModule(),
    ];
}
