namespace Collab.Kernel.Security;

/// <summary>Authorization policy names the Host defines and modules use.</summary>
public static class CollabPolicies
{
    /// <summary>Signed in by the browser cookie or by a bearer token from <c>/connect/token</c>.</summary>
    public const string Api = "collab-api";

    /// <summary>A signed-in system administrator (cookie or token).</summary>
    public const string SystemAdmin = "collab-system-admin";
}
