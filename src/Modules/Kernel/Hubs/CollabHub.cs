using Collab.Kernel.Api;
using Collab.Kernel.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Collab.Kernel.Hubs;

/// <summary>
/// <c>/hubs/collab</c>: the wire contract for programs (PROTOCOL.md). It holds no logic: each method hands the call to
/// the module that owns it (Editing for sessions, Presence for presence). A method whose module is disabled answers
/// <c>not_found</c>. Errors reach the client as a HubException whose message is <c>CODE: human-readable text</c>.
/// </summary>
[Authorize(Policy = CollabPolicies.Api)]
public sealed class CollabHub(IServiceProvider services, HubRateLimiter limiter, ILogger<CollabHub> logger) : Hub
{
    /// <summary>Joins a model's session: returns <c>{revision, role, snapshot?, operations?, users}</c>.</summary>
    public Task<object> JoinModel(string? modelId, long? sinceRevision) =>
        CallAsync<IModelSessionHub, object>(hub => hub.JoinModelAsync(Caller(), modelId, sinceRevision, Context.ConnectionAborted));

    /// <summary>Submits an operation: returns <c>{revision}</c> once it is durably stored.</summary>
    public Task<object> SubmitOperation(SubmitOperationRequest? submission) =>
        Limited<IModelSessionHub>(HubCallKind.Operation)
            ? RateLimited<object>("Too many operations from this connection; slow down.")
            : CallAsync<IModelSessionHub, object>(hub => submission is null
                ? throw new HubErrorException(ErrorCodes.InvalidOperation, "The submission is missing.")
                : hub.SubmitOperationAsync(Caller(), submission, Context.ConnectionAborted));

    /// <summary>Reports where the caller is and whether they are typing.</summary>
    public Task UpdatePresence(PresenceUpdateRequest? presence) =>
        Limited<IPresenceHub>(HubCallKind.Presence)
        ? RateLimited<bool>("Too many presence updates from this connection; slow down.")
        : CallAsync<IPresenceHub, bool>(async hub =>
        {
            if (presence is null)
            {
                throw new HubErrorException(ErrorCodes.InvalidInput, "The presence update is missing.");
            }

            await hub.UpdatePresenceAsync(Caller(), presence, Context.ConnectionAborted);
            return true;
        });

    /// <summary>Leaves a model's session.</summary>
    public Task LeaveModel(string? modelId) =>
        CallAsync<IModelSessionHub, bool>(async hub =>
        {
            await hub.LeaveModelAsync(Caller(), modelId, Context.ConnectionAborted);
            return true;
        });

    /// <summary>Who the connection is signed in as (for clients checking their token).</summary>
    public object WhoAmI() => new { userId = Context.User!.GetUserId(), displayName = Context.User!.GetDisplayName(), systemAdmin = Context.User!.IsSystemAdmin() };

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        limiter.Forget(Context.ConnectionId);
        if (services.GetService<IModelSessionHub>() is { } sessions)
        {
            await sessions.DisconnectedAsync(Caller());
        }

        await base.OnDisconnectedAsync(exception);
    }

    // The token was checked when the connection opened; a connection outlives it, so each call checks its expiry
    // (the authentication result of the connection's request carries it).
    private bool TokenExpired() =>
        Context.GetHttpContext()?.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties?.ExpiresUtc is { } expires
        && expires <= DateTimeOffset.UtcNow;

    private HubCaller Caller() => new(
        Context.ConnectionId,
        Context.User!.ToActor(),
        Context.User!.GetDisplayName(),
        Context.User!.FindFirst(CollabClaims.Color)?.Value ?? "#1e88e5");

    // Over the connection's limit, checked after what CallAsync checks first (an expired token, a disabled module),
    // so that those answer as before.
    private bool Limited<THandler>(HubCallKind kind)
        where THandler : class =>
        !TokenExpired() && services.GetService<THandler>() is not null && !limiter.TryAcquire(Context.ConnectionId, kind);

    // A flood is mostly rate-limited calls: each is answered with a faulted task instead of exceptions thrown and
    // caught here (two throws per message cost more than the rest of its answer).
    private static Task<T> RateLimited<T>(string text) => Task.FromException<T>(new HubException($"{ErrorCodes.RateLimited}: {text}"));

    private async Task<TResult> CallAsync<THandler, TResult>(Func<THandler, Task<TResult>> call)
        where THandler : class
    {
        if (TokenExpired())
        {
            throw new HubException($"{ErrorCodes.Unauthorized}: the access token has expired; connect again with a new one.");
        }

        var handler = services.GetService<THandler>() ?? throw new HubException($"{ErrorCodes.NotFound}: this feature is disabled on this server.");
        try
        {
            return await call(handler);
        }
        catch (HubErrorException error)
        {
            throw new HubException($"{error.Code}: {error.Message}");
        }
        catch (OperationCanceledException) when (Context.ConnectionAborted.IsCancellationRequested)
        {
            throw new HubException($"{ErrorCodes.NotJoined}: the connection closed.");
        }
        catch (Exception error) when (error is not HubException)
        {
            logger.LogError(error, "Hub call failed on connection {ConnectionId}", Context.ConnectionId);
            throw new HubException("error: the server could not complete the call.");
        }
    }
}
