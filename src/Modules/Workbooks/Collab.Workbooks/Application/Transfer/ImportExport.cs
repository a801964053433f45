using Collab.Kernel.Outcomes;
using Collab.Kernel.Security;
using Collab.Permissions.Contracts;
using Collab.Workbooks.Application.Models;
using Collab.Workbooks.Contracts;
using Collab.Workbooks.Engine;
using Collab.Workbooks.Engine.Xlsx;
using Mediator;
using Microsoft.Extensions.Configuration;

namespace Collab.Workbooks.Application.Transfer;

/// <summary>Import limits from <c>Import</c> in appsettings.json.</summary>
internal sealed class ImportSettings
{
    public long MaxFileBytes { get; set; } = XlsxLimits.Default.MaxFileBytes;

    public int MaxCells { get; set; } = XlsxLimits.Default.MaxCells;

    public int MaxSheets { get; set; } = XlsxLimits.Default.MaxSheets;

    public XlsxLimits Limits => XlsxLimits.Default with { MaxFileBytes = MaxFileBytes, MaxCells = MaxCells, MaxSheets = MaxSheets };

    public static ImportSettings From(IConfiguration configuration) => configuration.GetSection("Import").Get<ImportSettings>() ?? new ImportSettings();
}

/// <summary>A new model from an .xlsx file; the file is recalculated by the engine (its cached values are not trusted).</summary>
internal sealed record ImportModel(Actor Actor, string FileName, Stream File) : ICommand<Result<ImportedModel>>;

/// <summary>The new model and what the import kept, changed and left out.</summary>
internal sealed record ImportedModel(string Id, string Name, ImportReport Report);

/// <summary>The model as an .xlsx file (formulas and their values), at the current revision.</summary>
internal sealed record ExportModel(Actor Actor, string ModelId) : IQuery<Result<ExportedFile>>;

/// <summary>An exported file.</summary>
internal sealed record ExportedFile(string FileName, byte[] Content);

internal sealed class ImportModelHandler(IMediator mediator, ImportSettings settings) : ICommandHandler<ImportModel, Result<ImportedModel>>
{
    public async ValueTask<Result<ImportedModel>> Handle(ImportModel command, CancellationToken cancellationToken)
    {
        if (!command.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            return Failure.Invalid("Choose an Excel workbook (.xlsx).");
        }

        Workbook workbook;
        ImportReport report;
        try
        {
            (workbook, report) = XlsxImporter.Import(command.File, settings.Limits);
        }
        catch (XlsxImportException error)
        {
            return error.Problem is XlsxImportProblem.FileTooLarge or XlsxImportProblem.TooManyCells or XlsxImportProblem.TooManySheets or XlsxImportProblem.PartTooLarge
                ? new Failure(FailureKind.TooLarge, error.Message)
                : Failure.Invalid(error.Message);
        }

        var name = Path.GetFileNameWithoutExtension(command.FileName).Trim();
        if (name.Length == 0)
        {
            name = "Imported workbook";
        }

        var created = await mediator.Send(new CreateModel(command.Actor, name.Length > 200 ? name[..200] : name, workbook.ToSnapshot()), cancellationToken);
        return created.IsSuccess ? new ImportedModel(created.Value!, name, report) : created.Failure!;
    }
}

internal sealed class ExportModelHandler(IModelAuthorization authorization, IModelContent content, IMediator mediator) : IQueryHandler<ExportModel, Result<ExportedFile>>
{
    public async ValueTask<Result<ExportedFile>> Handle(ExportModel query, CancellationToken cancellationToken)
    {
        var role = await authorization.GetRoleAsync(query.Actor, query.ModelId, cancellationToken);
        if (role == ModelRole.None)
        {
            return Failure.NotFound();
        }

        if (!role.Allows(ModelAction.Export))
        {
            return Failure.Forbidden("You may not export this model.");
        }

        var model = await mediator.Send(new GetModel(query.Actor, query.ModelId), cancellationToken);
        if (!model.IsSuccess)
        {
            return model.Failure!;
        }

        var bytes = await content.ReadAsync(query.ModelId, (workbook, _) =>
        {
            using var stream = new MemoryStream();
            XlsxExporter.Export(workbook, stream);
            return stream.ToArray();
        }, cancellationToken);
        return new ExportedFile(SafeFileName(model.Value!.Name) + ".xlsx", bytes);
    }

    internal static string SafeFileName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string(name.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray()).Trim();
        return safe.Length == 0 ? "model" : safe;
    }
}
