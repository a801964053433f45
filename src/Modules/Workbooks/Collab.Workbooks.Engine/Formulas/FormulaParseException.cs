namespace Collab.Workbooks.Engine;

/// <summary>A formula that cannot be parsed. The message names the position and what was expected.</summary>
public sealed class FormulaParseException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public FormulaParseException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public FormulaParseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public FormulaParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a position.</summary>
    public FormulaParseException(string description, int position)
        : base($"{description} at position {position}")
    {
        Description = description;
        Position = position;
    }

    /// <summary>What went wrong, without the position ("Expected ')'").</summary>
    public string Description { get; } = string.Empty;

    /// <summary>1-based character position in the formula text as given (the leading '=' is position 1).</summary>
    public int Position { get; }
}
