using Collab.Host.Identity;
using Collab.Kernel.Api;
using Collab.Kernel.Security;
using FluentValidation;
using Microsoft.AspNetCore.Identity;

namespace Collab.Host.Api;

/// <summary>The body of <c>POST /api/users</c>.</summary>
public sealed record CreateUserRequest(string Email, string DisplayName, string Password);

internal sealed class CreateUserRequestValidator : AbstractValidator<CreateUserRequest>
{
    public CreateUserRequestValidator()
    {
        RuleFor(r => r.Email).NotEmpty().MaximumLength(256).EmailAddress();
        RuleFor(r => r.DisplayName).NotEmpty().MaximumLength(100);
        RuleFor(r => r.Password).NotEmpty().MaximumLength(200);
    }
}

/// <summary><c>POST /api/users</c> (system admin) and <c>GET /api/users?search=</c> (signed in).</summary>
internal static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/users").RequireRateLimiting(Security.RateLimits.ApiPolicy);

        group.MapPost("/", async (CreateUserRequest request, UserAccounts accounts, UserManager<CollabUser> users) =>
        {
            if (await users.FindByEmailAsync(request.Email.Trim()) is not null)
            {
                return ApiProblem.Create(StatusCodes.Status409Conflict, ErrorCodes.Conflict, $"A user with the email '{request.Email}' exists already.");
            }

            var (user, errors) = await accounts.CreateAsync(request.Email, request.DisplayName, request.Password);
            return user is null
                ? ApiProblem.Invalid(string.Join(" ", errors))
                : Results.Created($"/api/users/{user.Id}", new { id = user.Id });
        }).RequireAuthorization(CollabPolicies.SystemAdmin).Validate<CreateUserRequest>();

        group.MapGet("/", async (string? search, IUserDirectory directory, CancellationToken cancellationToken) =>
        {
            var found = await directory.SearchAsync(search ?? "", 20, cancellationToken);
            return Results.Ok(found.Select(u => new { id = u.Id, email = u.Email, displayName = u.DisplayName }));
        }).RequireAuthorization(CollabPolicies.Api);
    }
}
