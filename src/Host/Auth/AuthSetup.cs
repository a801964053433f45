using Collab.Host.Identity;
using Collab.Kernel.Data;
using Collab.Kernel.Security;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using OpenIddict.Validation.AspNetCore;

namespace Collab.Host.Auth;

/// <summary>Identity (cookie for the browser) and OpenIddict (tokens for programs), behind one policy scheme.</summary>
internal static class AuthSetup
{
    public const string Scheme = "collab";
    public const string HubPath = "/hubs";

    public static void AddCollabAuth(this WebApplicationBuilder builder, CollabDatabase database)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.Configure<IdentitySettings>(configuration.GetSection("Identity"));
        services.Configure<AuthSettings>(configuration.GetSection("Auth"));
        var identitySettings = configuration.GetSection("Identity").Get<IdentitySettings>() ?? new IdentitySettings();
        var authSettings = configuration.GetSection("Auth").Get<AuthSettings>() ?? new AuthSettings();
        var development = builder.Environment.IsDevelopment();

        services.AddDbContextFactory<AuthDbContext>(options =>
        {
            options.UseSqlite(database.ConnectionString, sqlite => sqlite.MigrationsHistoryTable("__Migrations_Auth"));
            options.UseOpenIddict();
        });
        services.AddSingleton(new ModuleDbContextRegistration(typeof(AuthDbContext)));

        services.AddDataProtection()
            .SetApplicationName("Collab")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(database.Folder, "keys")));

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = Scheme;
                options.DefaultChallengeScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Cookie or bearer token", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme
                        : IdentityConstants.ApplicationScheme)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(options =>
            {
                options.LoginPath = "/account/login";
                options.LogoutPath = "/account/logout";
                options.AccessDeniedPath = "/account/denied";
                options.Cookie.Name = "collab.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
            }));

        services.AddIdentityCore<CollabUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = identitySettings.Password.RequiredLength;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = identitySettings.Lockout.MaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(identitySettings.Lockout.Minutes);
                options.ClaimsIdentity.UserIdClaimType = System.Security.Claims.ClaimTypes.NameIdentifier;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AuthDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<CollabClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        // AddEntityFrameworkStores resolves the context itself; give it one from the factory.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AuthDbContext>>().CreateDbContext());
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        // PBKDF2 work per password check; only lowered for load runs that create hundreds of users on one machine.
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = identitySettings.Password.HashIterations);

        services.AddScoped<SignInGuard>();
        services.AddScoped<UserAccounts>();
        services.AddSingleton<IUserDirectory, UserDirectory>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();

        var keyFolder = Path.Combine(database.Folder, "keys");
        services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<AuthDbContext>())
            .AddServer(options =>
            {
                options.SetTokenEndpointUris("connect/token");
                options.AllowPasswordFlow().AllowClientCredentialsFlow();
                options.SetAccessTokenLifetime(TimeSpan.FromMinutes(authSettings.AccessTokenMinutes));
                options.AddSigningKey(TokenKeys.LoadOrCreate(keyFolder, "token-signing"));
                options.AddEncryptionKey(TokenKeys.LoadOrCreate(keyFolder, "token-encryption"));
                options.AddEventHandler<OpenIddictServerEvents.ApplyTokenResponseContext>(handler => handler
                    .UseInlineHandler(AnswerFailedClientAuthenticationWith400)
                    .SetOrder(OpenIddictServerAspNetCoreHandlers.AttachWwwAuthenticateHeader<OpenIddictServerEvents.ApplyTokenResponseContext>.Descriptor.Order + 1)
                    .SetType(OpenIddictServerHandlerType.Custom));
                var aspnet = options.UseAspNetCore().EnableTokenEndpointPassthrough();
                if (!(authSettings.RequireHttps ?? !development))
                {
                    aspnet.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(options =>
            {
                options.UseLocalServer();
                options.UseAspNetCore();
                options.EnableTokenEntryValidation();
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(CollabPolicies.Api, policy => policy
                .AddAuthenticationSchemes(Scheme)
                .RequireAuthenticatedUser())
            .AddPolicy(CollabPolicies.SystemAdmin, policy => policy
                .AddAuthenticationSchemes(Scheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.IsSystemAdmin()));
        services.AddHostedService<OpenIddictClientSeeder>();
    }

    /// <summary>
    /// PROTOCOL.md: wrong credentials answer HTTP 400 with an OAuth error body, a wrong client secret included. OpenIddict
    /// answers a failed client authentication 401; RFC 6749 (5.2) requires 401 only when the client authenticated with the
    /// Authorization header, so a secret sent in the form gets 400 <c>invalid_client</c>.
    /// </summary>
    private static ValueTask AnswerFailedClientAuthenticationWith400(OpenIddictServerEvents.ApplyTokenResponseContext context)
    {
        if (context.Response.Error == OpenIddict.Abstractions.OpenIddictConstants.Errors.InvalidClient
            && context.Transaction.GetHttpRequest() is { } request
            && string.IsNullOrEmpty(request.Headers.Authorization))
        {
            request.HttpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
            request.HttpContext.Response.Headers.Remove(Microsoft.Net.Http.Headers.HeaderNames.WWWAuthenticate);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Lets a hub client send its token as <c>access_token</c> in the query string, on the hub path only.</summary>
    public static IApplicationBuilder UseHubTokenFromQueryString(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(HubPath)
                && string.IsNullOrEmpty(context.Request.Headers.Authorization)
                && context.Request.Query.TryGetValue("access_token", out var token)
                && !string.IsNullOrEmpty(token))
            {
                context.Request.Headers.Authorization = "Bearer " + token;
            }

            return next(context);
        });

    private static Task ApiAwareRedirect(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsApi(context.Request))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    public static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments(HubPath) || request.Path.StartsWithSegments("/connect");
}
