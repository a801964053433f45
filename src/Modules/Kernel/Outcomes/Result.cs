using Collab.Kernel.Api;
using Microsoft.AspNetCore.Http;

namespace Collab.Kernel.Outcomes;

/// <summary>Why a use case refused: each kind maps to one HTTP status and one hub error code.</summary>
public enum FailureKind
{
    Invalid,
    NotFound,
    Forbidden,
    Conflict,
    TooLarge,
}

/// <summary>A refusal with a message a person can act on.</summary>
public sealed record Failure(FailureKind Kind, string Message)
{
    public static Failure NotFound(string message = "No such model.") => new(FailureKind.NotFound, message);

    public static Failure Forbidden(string message) => new(FailureKind.Forbidden, message);

    public static Failure Invalid(string message) => new(FailureKind.Invalid, message);

    /// <summary>Refused because the model would be left without an admin.</summary>
    public static Failure LastAdmin(string message) => new(FailureKind.Conflict, message) { SpecificCode = ErrorCodes.LastAdmin };

    /// <summary>A more specific code than the kind's default, when the contract names one.</summary>
    public string? SpecificCode { get; init; }

    /// <summary>The contract's error code for this failure.</summary>
    public string Code => SpecificCode ?? Kind switch
    {
        FailureKind.NotFound => ErrorCodes.NotFound,
        FailureKind.Forbidden => ErrorCodes.Forbidden,
        FailureKind.Conflict => ErrorCodes.Conflict,
        FailureKind.TooLarge => ErrorCodes.TooLarge,
        _ => ErrorCodes.InvalidInput,
    };

    /// <summary>The failure as problem details.</summary>
    public IResult ToProblem() => ApiProblem.Create(Kind switch
    {
        FailureKind.NotFound => StatusCodes.Status404NotFound,
        FailureKind.Forbidden => StatusCodes.Status403Forbidden,
        FailureKind.Conflict => StatusCodes.Status409Conflict,
        FailureKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status422UnprocessableEntity,
    }, Code, Message);
}

/// <summary>The outcome of a use case: a value or a failure.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Failure? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }

    public Failure? Failure { get; }

    public bool IsSuccess => Failure is null;

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Fail(Failure failure) => new(default, failure);

    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(Failure failure) => Fail(failure);
}
