using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

namespace Collab.Workbooks.Engine.Xlsx;

/// <summary>A workbook read from an .xlsx file, and what the import kept, changed and left out.</summary>
/// <param name="Workbook">The workbook, fully recalculated by the engine.</param>
/// <param name="Report">Sheets, counts, unsupported functions and notes.</param>
public sealed record XlsxImportResult(Workbook Workbook, ImportReport Report);

/// <summary>
/// Reads .xlsx files (Excel 2007 and later, and what LibreOffice and others write) into a <see cref="Workbook"/>:
/// sheets in order, values, formulas (shared formulas expanded, array formulas kept as plain formulas where that
/// gives the same value), workbook-scoped defined names, number formats, bold and column widths. Values cached in
/// the file are not trusted: every formula is recalculated by the engine.
/// </summary>
public static class XlsxImporter
{
    /// <summary>Reads an .xlsx workbook.</summary>
    /// <param name="stream">The file; read from its current position. Not closed.</param>
    /// <param name="limits">Size limits (<see cref="XlsxLimits.Default"/> when null).</param>
    /// <param name="timeProvider">The new workbook's clock for TODAY and NOW.</param>
    /// <exception cref="XlsxImportException">The file is not an .xlsx workbook, is damaged, or exceeds a limit.</exception>
    public static XlsxImportResult Import(Stream stream, XlsxLimits? limits = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        limits ??= XlsxLimits.Default;
        var seekable = Buffer(stream, limits);
        WorkbookSnapshot snapshot;
        ImportReport report;
        try
        {
            using var document = SpreadsheetDocument.Open(seekable, false, new OpenSettings { MaxCharactersInPart = limits.MaxPartCharacters });
            (snapshot, report) = new XlsxWorkbookReader(document, limits).Read();
        }
        catch (XmlException e) when (e.Message.Contains("MaxCharactersInDocument", StringComparison.Ordinal))
        {
            throw new XlsxImportException(XlsxImportProblem.PartTooLarge,
                $"A part of the workbook expands to more than {limits.MaxPartCharacters.ToString("N0", CultureInfo.InvariantCulture)} characters of XML; the file is too large or damaged.", e);
        }
        catch (Exception e) when (IsDamagedPackage(e))
        {
            throw new XlsxImportException(XlsxImportProblem.NotAnXlsxWorkbook, "The file is not a valid .xlsx workbook: " + Describe(e), e);
        }
        finally
        {
            if (!ReferenceEquals(seekable, stream))
            {
                seekable.Dispose();
            }
        }

        return new XlsxImportResult(Workbook.FromSnapshot(snapshot, timeProvider), report);
    }

    // What the zip, packaging and XML layers throw for a file that is not an intact .xlsx package.
    private static bool IsDamagedPackage(Exception e) =>
        e is OpenXmlPackageException or InvalidDataException or FileFormatException or XmlException or EndOfStreamException
        || (e is IOException && e is not FileNotFoundException)
        || (e is ArgumentException or KeyNotFoundException or InvalidOperationException && e.StackTrace?.Contains("System.IO.Packaging", StringComparison.Ordinal) == true);

    private static string Describe(Exception e) => e switch
    {
        InvalidDataException or EndOfStreamException => "it is not a zip archive, or the archive is damaged or truncated.",
        XmlException => "a part of it is not well-formed XML.",
        _ => "it is not a spreadsheet package, or the package is damaged.",
    };

    // A seekable view of the upload within the byte limit (packages are read by random access).
    private static Stream Buffer(Stream stream, XlsxLimits limits)
    {
        if (stream.CanSeek)
        {
            long length = stream.Length - stream.Position;
            if (length > limits.MaxFileBytes)
            {
                throw TooLarge(length, limits);
            }

            return stream;
        }

        var memory = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            memory.Write(buffer, 0, read);
            if (memory.Length > limits.MaxFileBytes)
            {
                memory.Dispose();
                throw new XlsxImportException(XlsxImportProblem.FileTooLarge,
                    $"The file is larger than {Bytes(limits.MaxFileBytes)}, the limit.");
            }
        }

        memory.Position = 0;
        return memory;
    }

    private static XlsxImportException TooLarge(long length, XlsxLimits limits) =>
        new(XlsxImportProblem.FileTooLarge, $"The file is {Bytes(length)}; the limit is {Bytes(limits.MaxFileBytes)}.");

    internal static string Bytes(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " bytes",
    };
}
