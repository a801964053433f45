namespace Collab.Presence.Contracts;

/// <summary>Settings of presence, from <c>Presence</c> in appsettings.json.</summary>
public sealed class PresenceOptions
{
    /// <summary>Most presence updates sent per person (per connection) and second; more are coalesced, the latest wins.</summary>
    public int MaxUpdatesPerSecond { get; set; } = 20;

    /// <summary>Minutes without a presence update after which a person shows as away.</summary>
    public int AwayAfterMinutes { get; set; } = 5;
}
