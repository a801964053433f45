using Collab.Kernel.Security;
using Collab.Permissions.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using System.Security.Claims;

namespace Collab.Workbooks.Application.Models;

/// <summary>The body of <c>POST /api/models</c> and <c>PUT /api/models/{id}</c>.</summary>
public sealed record ModelNameBody(string? Name);

/// <summary><c>/api/models</c>: the catalog over REST (PROTOCOL.md).</summary>
internal static class ModelEndpoints
{
    public static RouteGroupBuilder MapModelEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/models").RequireAuthorization(CollabPolicies.Api).RequireRateLimiting("api");

        group.MapPost("/", async (ModelNameBody? body, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var result = await mediator.Send(new CreateModel(user.ToActor(), body?.Name ?? ""), cancellationToken);
            return result.IsSuccess ? Results.Created($"/api/models/{result.Value}", new { id = result.Value }) : result.Failure!.ToProblem();
        });

        group.MapGet("/", async (ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var models = await mediator.Send(new ListModels(user.ToActor()), cancellationToken);
            return Results.Ok(models.Select(m => new { id = m.Id, name = m.Name, role = m.Role.ToWire(), updatedAt = m.UpdatedAt }));
        });

        group.MapGet("/{id}", async (string id, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var result = await mediator.Send(new GetModel(user.ToActor(), id), cancellationToken);
            return result.IsSuccess
                ? Results.Ok(new { id = result.Value!.Id, name = result.Value.Name, role = result.Value.Role.ToWire(), updatedAt = result.Value.UpdatedAt })
                : result.Failure!.ToProblem();
        });

        group.MapPut("/{id}", async (string id, ModelNameBody? body, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var result = await mediator.Send(new RenameModel(user.ToActor(), id, body?.Name ?? ""), cancellationToken);
            return result.IsSuccess ? Results.NoContent() : result.Failure!.ToProblem();
        });

        group.MapDelete("/{id}", async (string id, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var result = await mediator.Send(new DeleteModel(user.ToActor(), id), cancellationToken);
            return result.IsSuccess ? Results.NoContent() : result.Failure!.ToProblem();
        });

        group.MapGet("/{id}/cells", async (string id, string? sheet, string? range, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var result = await mediator.Send(new GetCells(user.ToActor(), id, sheet, range), cancellationToken);
            return result.IsSuccess ? Results.Ok(new { revision = result.Value!.Revision, cells = result.Value.Cells }) : result.Failure!.ToProblem();
        });

        return group;
    }
}
