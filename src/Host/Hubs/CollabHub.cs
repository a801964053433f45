using Collab.Kernel.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Collab.Host.Hubs;

/// <summary>
/// <c>/hubs/collab</c>: the wire contract for programs (PROTOCOL.md). Accepts the browser cookie or a bearer
/// token (header, or <c>access_token</c> in the query string on this path only).
/// </summary>
[Authorize(Policy = CollabPolicies.Api)]
internal sealed class CollabHub : Hub
{
    /// <summary>Who the connection is signed in as (for clients checking their token).</summary>
    public object WhoAmI() => new { userId = Context.User!.GetUserId(), displayName = Context.User!.GetDisplayName(), systemAdmin = Context.User!.IsSystemAdmin() };
}
