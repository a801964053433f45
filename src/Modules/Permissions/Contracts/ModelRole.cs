namespace Collab.Permissions.Contracts;

/// <summary>A person's role on one model; each includes everything the ones before it allow.</summary>
public enum ModelRole
{
    /// <summary>No access: the model does not exist for this person.</summary>
    None = 0,

    /// <summary>Reads and exports.</summary>
    Viewer = 1,

    /// <summary>Viewer, plus comments and chat.</summary>
    Commenter = 2,

    /// <summary>Commenter, plus editing cells and sheets.</summary>
    Editor = 3,

    /// <summary>Editor, plus sharing, renaming, deleting and restoring versions.</summary>
    Admin = 4,
}

/// <summary>The closed list of things a person may try to do on a model.</summary>
public enum ModelAction
{
    View,
    Export,
    Comment,
    Chat,
    Edit,
    Share,
    Rename,
    Delete,
    RestoreVersion,
    ViewAudit,
}

/// <summary>Wire names and the rules that tie actions to roles.</summary>
public static class ModelRoles
{
    /// <summary>The least role that may perform the action.</summary>
    public static ModelRole MinimumRole(ModelAction action) => action switch
    {
        ModelAction.View or ModelAction.Export => ModelRole.Viewer,
        ModelAction.Comment or ModelAction.Chat => ModelRole.Commenter,
        ModelAction.Edit => ModelRole.Editor,
        ModelAction.Share or ModelAction.Rename or ModelAction.Delete or ModelAction.RestoreVersion or ModelAction.ViewAudit => ModelRole.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown action."),
    };

    /// <summary>True when the role allows the action.</summary>
    public static bool Allows(this ModelRole role, ModelAction action) => role >= MinimumRole(action);

    /// <summary>The role's name on the wire: <c>viewer</c>, <c>commenter</c>, <c>editor</c>, <c>admin</c> or <c>none</c>.</summary>
    public static string ToWire(this ModelRole role) => role switch
    {
        ModelRole.Viewer => "viewer",
        ModelRole.Commenter => "commenter",
        ModelRole.Editor => "editor",
        ModelRole.Admin => "admin",
        _ => "none",
    };

    /// <summary>Parses a wire role name (not <c>none</c>); false for anything else.</summary>
    public static bool TryParseWire(string? text, out ModelRole role)
    {
        role = text switch
        {
            "viewer" => ModelRole.Viewer,
            "commenter" => ModelRole.Commenter,
            "editor" => ModelRole.Editor,
            "admin" => ModelRole.Admin,
            _ => ModelRole.None,
        };
        return role != ModelRole.None;
    }
}
