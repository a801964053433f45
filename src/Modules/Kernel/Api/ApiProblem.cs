using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Collab.Kernel.Api;

/// <summary>The stable error codes of the wire contract (PROTOCOL.md).</summary>
public static class ErrorCodes
{
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not_found";
    public const string NotJoined = "not_joined";
    public const string InvalidOperation = "invalid_operation";
    public const string StaleRevision = "stale_revision";
    public const string RateLimited = "rate_limited";
    public const string TooLarge = "too_large";
    public const string InvalidInput = "invalid_input";
    public const string Conflict = "conflict";
    public const string LastAdmin = "last_admin";
}

/// <summary>RFC 7807 problem details with a stable <c>code</c> extension.</summary>
public static class ApiProblem
{
    /// <summary>A problem result with the given status, stable code and human-readable detail.</summary>
    public static IResult Create(int status, string code, string detail, IDictionary<string, object?>? extensions = null)
    {
        var ext = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { ["code"] = code };
        return Results.Problem(detail: detail, statusCode: status, title: TitleFor(status), type: $"https://collab.local/problems/{code}", extensions: ext);
    }

    public static IResult NotFound(string detail = "No such model.") => Create(StatusCodes.Status404NotFound, ErrorCodes.NotFound, detail);

    public static IResult Forbidden(string detail) => Create(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, detail);

    public static IResult Invalid(string detail) => Create(StatusCodes.Status422UnprocessableEntity, ErrorCodes.InvalidInput, detail);

    public static IResult TooLarge(string detail) => Create(StatusCodes.Status413PayloadTooLarge, ErrorCodes.TooLarge, detail);

    /// <summary>A 422 validation problem listing every failure by property.</summary>
    public static IResult Validation(IEnumerable<ValidationFailure> failures)
    {
        var errors = failures.GroupBy(f => ToCamelCase(f.PropertyName)).ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).ToArray());
        return Results.ValidationProblem(errors, statusCode: StatusCodes.Status422UnprocessableEntity, title: "The request is invalid.",
            type: $"https://collab.local/problems/{ErrorCodes.InvalidInput}", extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.InvalidInput });
    }

    private static string ToCamelCase(string name) => string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private static string TitleFor(int status) => status switch
    {
        400 => "Bad request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        413 => "Payload too large",
        422 => "Invalid input",
        429 => "Too many requests",
        _ => "Error",
    };
}

/// <summary>Validates an endpoint's body with its FluentValidation validator before the handler runs.</summary>
public static class ValidationEndpointFilter
{
    /// <summary>Runs the registered <see cref="IValidator{T}"/> for the first argument of type <typeparamref name="T"/>; answers 422 when it fails.</summary>
    public static RouteHandlerBuilder Validate<T>(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var argument = context.Arguments.OfType<T>().FirstOrDefault();
            if (argument is null)
            {
                return ApiProblem.Invalid("The request body is missing or is not valid JSON.");
            }

            var validator = context.HttpContext.RequestServices.GetRequiredService<IValidator<T>>();
            var result = await validator.ValidateAsync(argument, context.HttpContext.RequestAborted);
            return result.IsValid ? await next(context) : ApiProblem.Validation(result.Errors);
        });
}
