namespace Collab.Editing.Core;

/// <summary>An op failed validation (the session answers <c>invalid_operation</c> with the message); nothing changed.</summary>
public sealed class OperationRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OperationRejectedException()
    {
    }

    /// <summary>Creates the exception with the reason.</summary>
    public OperationRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the reason and its cause.</summary>
    public OperationRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
