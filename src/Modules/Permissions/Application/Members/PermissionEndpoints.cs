using System.Security.Claims;
using Collab.Kernel.Security;
using Collab.Permissions.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Collab.Permissions.Application.Members;

/// <summary>The body of <c>PUT /api/models/{id}/permissions/{userId}</c>.</summary>
public sealed record RoleBody(string? Role);

/// <summary><c>/api/models/{id}/permissions</c>: who has access (PROTOCOL.md).</summary>
internal static class PermissionEndpoints
{
    public static void MapPermissionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/models/{id}/permissions").RequireAuthorization(CollabPolicies.Api).RequireRateLimiting("api");

        group.MapGet("/", async (string id, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var result = await mediator.Send(new ListMembers(user.ToActor(), id), cancellationToken);
            return result.IsSuccess
                ? Results.Ok(result.Value!.Select(m => new { userId = m.UserId, email = m.Email, displayName = m.DisplayName, role = m.Role.ToWire() }))
                : result.Failure!.ToProblem();
        });

        group.MapGet("/audit", async (string id, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var result = await mediator.Send(new ListPermissionAudit(user.ToActor(), id), cancellationToken);
            return result.IsSuccess
                ? Results.Ok(result.Value!.Select(a => new
                {
                    actorUserId = a.ActorUserId,
                    actorName = a.ActorName,
                    userId = a.TargetUserId,
                    userName = a.TargetName,
                    oldRole = a.OldRole.ToWire(),
                    newRole = a.NewRole.ToWire(),
                    at = a.At,
                }))
                : result.Failure!.ToProblem();
        });

        group.MapPut("/{userId}", async (string id, string userId, RoleBody? body, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
        {
            // An unknown role parses to None, which the handler refuses after its access checks (404, 403, then 422).
            ModelRoles.TryParseWire(body?.Role, out var role);
            var result = await mediator.Send(new SetMemberRole(user.ToActor(), id, userId, role), cancellationToken);
            return result.IsSuccess
                ? Results.Ok(new { userId = result.Value!.UserId, email = result.Value.Email, displayName = result.Value.DisplayName, role = result.Value.Role.ToWire() })
                : result.Failure!.ToProblem();
        });

        group.MapDelete("/{userId}", async (string id, string userId, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var result = await mediator.Send(new RemoveMember(user.ToActor(), id, userId), cancellationToken);
            return result.IsSuccess ? Results.NoContent() : result.Failure!.ToProblem();
        });
    }
}
