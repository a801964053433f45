using System.Threading.RateLimiting;
using Collab.Kernel.Api;
using Collab.Kernel.Security;
using Microsoft.AspNetCore.RateLimiting;

namespace Collab.Host.Security;

/// <summary>HTTP rate limits from <c>RateLimits</c> in appsettings.json: per user on the API, stricter per address on <c>/connect/token</c>.</summary>
internal static class RateLimits
{
    public const string TokenPolicy = "token";
    public const string ApiPolicy = "api";

    public sealed class Settings
    {
        /// <summary>Token requests per minute from one address.</summary>
        public int TokenRequestsPerMinute { get; set; } = 120;

        /// <summary>API requests per minute per signed-in user (or address when anonymous).</summary>
        public int ApiRequestsPerMinute { get; set; } = 1200;
    }

    public static void AddCollabRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection("RateLimits").Get<Settings>() ?? new Settings();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await ApiProblem.Create(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited, "Too many requests; slow down and retry later.")
                    .ExecuteAsync(context.HttpContext);
            };
            options.AddPolicy(TokenPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                "token:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.TokenRequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.AddPolicy(ApiPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                "api:" + (context.User.GetUserId() ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = settings.ApiRequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
    }
}
