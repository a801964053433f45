namespace Collab.Workbooks.Domain;

/// <summary>Rules every model name obeys, wherever it is typed.</summary>
internal static class ModelRules
{
    public const int MaxNameLength = 200;
}
