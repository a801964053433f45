using Collab.Kernel.Security;

namespace Collab.Permissions.Contracts;

/// <summary>
/// The one place that answers "may this person do that on this model". Every REST endpoint, hub method
/// and UI command asks here; nothing else reads the roles table.
/// </summary>
public interface IModelAuthorization
{
    /// <summary>The actor's role on the model (<see cref="ModelRole.Admin"/> for system administrators).</summary>
    Task<ModelRole> GetRoleAsync(Actor actor, string modelId, CancellationToken cancellationToken = default);

    /// <summary>True when the actor's role on the model allows the action.</summary>
    async Task<bool> IsAllowedAsync(Actor actor, ModelAction action, string modelId, CancellationToken cancellationToken = default) =>
        (await GetRoleAsync(actor, modelId, cancellationToken).ConfigureAwait(false)).Allows(action);

    /// <summary>The models the user is a member of, with the role on each (system administrators' implicit access is not listed).</summary>
    Task<IReadOnlyDictionary<string, ModelRole>> GetMembershipsAsync(string userId, CancellationToken cancellationToken = default);
}
