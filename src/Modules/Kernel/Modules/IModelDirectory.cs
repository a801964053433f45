namespace Collab.Kernel.Modules;

/// <summary>Answers whether a model exists; implemented by the Workbooks module, used by modules below it (Permissions).</summary>
public interface IModelDirectory
{
    /// <summary>True when a model with this id exists.</summary>
    ValueTask<bool> ExistsAsync(string modelId, CancellationToken cancellationToken = default);
}
