using Collab.Permissions.Contracts;

namespace Collab.Workbooks.Contracts;

/// <summary>A model as its catalog lists it for one person.</summary>
/// <param name="Id">Model id.</param>
/// <param name="Name">Model name.</param>
/// <param name="Role">The person's role on it.</param>
/// <param name="UpdatedAt">Last change of the name or contents.</param>
public sealed record ModelSummary(string Id, string Name, ModelRole Role, DateTimeOffset UpdatedAt);
