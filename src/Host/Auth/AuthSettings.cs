namespace Collab.Host.Auth;

/// <summary>Token settings from <c>Auth</c> in appsettings.json.</summary>
public sealed class AuthSettings
{
    /// <summary>Lifetime of access tokens from <c>/connect/token</c>.</summary>
    public double AccessTokenMinutes { get; set; } = 60;

    /// <summary>Demand HTTPS on the token endpoint. Null: required outside Development.</summary>
    public bool? RequireHttps { get; set; }

    /// <summary>Service integrations allowed the client-credentials flow.</summary>
    public List<ClientSettings> Clients { get; set; } = [];

    public sealed class ClientSettings
    {
        public string ClientId { get; set; } = "";

        public string ClientSecret { get; set; } = "";

        public string DisplayName { get; set; } = "";

        /// <summary>Service clients act as system administrators when true.</summary>
        public bool SystemAdmin { get; set; }
    }
}
