namespace Collab.Kernel.Modules;

/// <summary>Answers whether a model exists and what it is called; implemented by the Workbooks module, used by modules below it (Permissions) and beside it.</summary>
public interface IModelDirectory
{
    /// <summary>True when a model with this id exists.</summary>
    ValueTask<bool> ExistsAsync(string modelId, CancellationToken cancellationToken = default);

    /// <summary>The model's name, or null when it does not exist. Callers check the person's access first.</summary>
    ValueTask<string?> NameOfAsync(string modelId, CancellationToken cancellationToken = default);
}
