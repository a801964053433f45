using Collab.Kernel.Outcomes;
using Collab.Permissions.Contracts;
using Collab.Workbooks.Contracts;
using Collab.Workbooks.Engine;
using Mediator;

namespace Collab.Workbooks.Application.Models;

internal sealed class GetCellsHandler(IModelAuthorization authorization, IModelContent content) : IQueryHandler<GetCells, Result<CellsView>>
{
    /// <summary>The most cells one call returns; larger ranges must be read in parts.</summary>
    public const int MaxCells = 200_000;

    public async ValueTask<Result<CellsView>> Handle(GetCells query, CancellationToken cancellationToken)
    {
        var role = await authorization.GetRoleAsync(query.Actor, query.ModelId, cancellationToken);
        if (role == ModelRole.None)
        {
            return Failure.NotFound();
        }

        RangeAddress? range = null;
        if (!string.IsNullOrWhiteSpace(query.Range))
        {
            if (!RangeAddress.TryParse(query.Range.Trim(), out var parsed))
            {
                return Failure.Invalid($"'{query.Range}' is not a cell range such as A1:D20.");
            }

            range = parsed;
        }

        return await content.ReadAsync<Result<CellsView>>(query.ModelId, (workbook, revision) =>
        {
            var sheet = string.IsNullOrWhiteSpace(query.Sheet) ? workbook.SheetNames.FirstOrDefault() : query.Sheet.Trim();
            if (sheet is null || !workbook.HasSheet(sheet))
            {
                return Failure.Invalid($"The model has no sheet named '{query.Sheet}'.");
            }

            var cells = new List<WireCell>();
            foreach (var cell in workbook.EnumerateCells(sheet))
            {
                if (cell.IsEmpty || (range is { } r && !r.Contains(cell.Address)))
                {
                    continue;
                }

                if (cells.Count == MaxCells)
                {
                    return new Failure(FailureKind.TooLarge, $"The range holds more than {MaxCells:N0} cells; ask for a smaller range.");
                }

                cells.Add(WireCell.From(cell));
            }

            return new CellsView(revision, cells);
        }, cancellationToken);
    }
}
