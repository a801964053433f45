namespace Collab.Workbooks.Engine.Xlsx;

/// <summary>Why an .xlsx file was refused.</summary>
public enum XlsxImportProblem
{
    /// <summary>The file is not an .xlsx workbook: not a zip, a damaged or truncated zip, or no workbook inside.</summary>
    NotAnXlsxWorkbook,

    /// <summary>The file is larger than <see cref="XlsxLimits.MaxFileBytes"/>.</summary>
    FileTooLarge,

    /// <summary>The workbook has more cells than <see cref="XlsxLimits.MaxCells"/>.</summary>
    TooManyCells,

    /// <summary>The workbook has more sheets than <see cref="XlsxLimits.MaxSheets"/>.</summary>
    TooManySheets,

    /// <summary>A part of the package expands beyond <see cref="XlsxLimits.MaxPartCharacters"/>.</summary>
    PartTooLarge,

    /// <summary>The workbook holds something Collab cannot represent at all, such as a sheet name Excel would refuse.</summary>
    UnsupportedContent,
}

/// <summary>An .xlsx file that cannot be imported. The message is written for the person who uploaded it.</summary>
public sealed class XlsxImportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public XlsxImportException()
        : this(XlsxImportProblem.NotAnXlsxWorkbook, "The file is not a valid .xlsx workbook.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public XlsxImportException(string message)
        : this(XlsxImportProblem.NotAnXlsxWorkbook, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public XlsxImportException(string message, Exception innerException)
        : this(XlsxImportProblem.NotAnXlsxWorkbook, message, innerException)
    {
    }

    /// <summary>Creates the exception for a problem.</summary>
    public XlsxImportException(XlsxImportProblem problem, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
    }

    /// <summary>What was wrong with the file.</summary>
    public XlsxImportProblem Problem { get; }
}
