using Mediator;

namespace Collab.Kernel.Events;

/// <summary>A model was created (published by Workbooks after the model is stored).</summary>
public sealed record ModelCreated(string ModelId, string Name, string CreatedByUserId) : INotification;

/// <summary>A model was deleted (published by Workbooks after the model is removed).</summary>
public sealed record ModelDeleted(string ModelId, string DeletedByUserId) : INotification;
