using Mediator;

namespace Collab.Permissions.Contracts;

/// <summary>Makes the creator of a new model its admin (sent by Workbooks when a model is created).</summary>
/// <param name="ModelId">The new model.</param>
/// <param name="UserId">Its creator.</param>
public sealed record AddModelCreator(string ModelId, string UserId) : ICommand;
