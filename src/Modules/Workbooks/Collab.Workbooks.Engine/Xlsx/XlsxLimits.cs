namespace Collab.Workbooks.Engine.Xlsx;

/// <summary>
/// Bounds on what <see cref="XlsxImporter"/> accepts, so an upload cannot exhaust the server. A file over a limit
/// is refused with an <see cref="XlsxImportException"/> that names the limit.
/// </summary>
public sealed record XlsxLimits
{
    /// <summary>The defaults: 50 MB files, 1,000,000 cells, 255 sheets, 256 MiB of XML in any one part.</summary>
    public static XlsxLimits Default { get; } = new();

    /// <summary>Largest accepted file, in bytes (compressed, as uploaded).</summary>
    public long MaxFileBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>Most cells (with a value, a formula or a format) over all sheets.</summary>
    public int MaxCells { get; init; } = 1_000_000;

    /// <summary>Most worksheets.</summary>
    public int MaxSheets { get; init; } = 255;

    /// <summary>
    /// Most characters of XML in one part of the package once decompressed: guards against a small file that
    /// expands to gigabytes (a zip bomb).
    /// </summary>
    public long MaxPartCharacters { get; init; } = 256L * 1024 * 1024;
}
