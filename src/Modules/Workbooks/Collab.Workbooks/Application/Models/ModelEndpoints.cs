using Collab.Workbooks.Contracts;
using Collab.Kernel.Security;
using Collab.Permissions.Contracts;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;

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

        group.MapPost("/import", async (HttpRequest request, ClaimsPrincipal user, IMediator mediator, Transfer.ImportSettings settings, CancellationToken cancellationToken) =>
        {
            // Read here rather than bound: a request that is not a multipart form is invalid input (422), not a bare 400.
            var file = request.HasFormContentType ? (await request.ReadFormAsync(cancellationToken)).Files is { Count: > 0 } files ? files.GetFile("file") ?? files[0] : null : null;
            if (file is null || file.Length == 0)
            {
                return Kernel.Api.ApiProblem.Invalid("Send the workbook as a multipart form file (field name \"file\").");
            }

            if (file.Length > settings.MaxFileBytes)
            {
                return Kernel.Api.ApiProblem.TooLarge($"The file has {file.Length:N0} bytes; the limit is {settings.MaxFileBytes:N0}.");
            }

            await using var stream = file.OpenReadStream();
            var result = await mediator.Send(new Transfer.ImportModel(user.ToActor(), file.FileName, stream), cancellationToken);
            return result.IsSuccess
                ? Results.Created($"/api/models/{result.Value!.Id}", new { id = result.Value.Id, report = ReportView(result.Value.Report) })
                : result.Failure!.ToProblem();
        }).DisableAntiforgery()
            // The server refuses a larger body itself (413) before reading it: the file limit plus room for the form.
            .WithMetadata(new RequestSizeLimitAttribute(ImportBodyLimit(endpoints)))
            .WithMetadata(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = ImportBodyLimit(endpoints) });

        group.MapGet("/{id}/export", async (string id, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
        {
            var result = await mediator.Send(new Transfer.ExportModel(user.ToActor(), id), cancellationToken);
            return result.IsSuccess
                ? Results.File(result.Value!.Content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", result.Value.FileName)
                : result.Failure!.ToProblem();
        });

        return group;
    }

    private static long ImportBodyLimit(IEndpointRouteBuilder endpoints) =>
        endpoints.ServiceProvider.GetRequiredService<Transfer.ImportSettings>().MaxFileBytes + (1024 * 1024);

    private static object ReportView(Engine.Xlsx.ImportReport report) => new
    {
        sheets = report.Sheets.Select(s => new { name = s.Name, cells = s.CellCount, formulas = s.FormulaCount }),
        cells = report.CellCount,
        formulas = report.FormulaCount,
        names = report.NameCount,
        unsupportedFunctions = report.UnsupportedFunctions,
        notes = report.Notes.Select(n => new { kind = n.Kind.ToString(), location = n.Location, reason = n.Reason }),
        omittedNotes = report.OmittedNoteCount,
    };
}
