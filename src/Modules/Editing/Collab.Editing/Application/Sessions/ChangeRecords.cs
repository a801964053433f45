using Collab.Editing.Core;
using Collab.Editing.Domain;
using Collab.Workbooks.Engine;

namespace Collab.Editing.Application.Sessions;

/// <summary>
/// The seed's ModelChange records: for every cell an op writes or deletes, its input before and after. Captured from
/// the workbook just before the op applies, completed just after. Cells that a structural op only moves, and formulas
/// elsewhere whose references shift, are consequences and are not recorded.
/// </summary>
internal static class ChangeRecords
{
    /// <summary>A cell the op touches: where it is and what it held.</summary>
    internal readonly record struct Touched(string Sheet, CellAddress Cell, string? OldInput, bool Deleted);

    public static List<Touched> Before(Workbook workbook, Operation op)
    {
        var touched = new List<Touched>();
        Collect(workbook, op, touched);
        return touched;
    }

    public static List<ModelChangeRecord> After(Workbook workbook, List<Touched> touched, string modelId, long revision, string userId, DateTimeOffset at)
    {
        var records = new List<ModelChangeRecord>(touched.Count);
        var millis = at.ToUnixTimeMilliseconds();
        foreach (var cell in touched)
        {
            var newInput = cell.Deleted || !workbook.HasSheet(cell.Sheet) ? null : workbook.GetCell(cell.Sheet, cell.Cell).Input;
            if (!string.Equals(cell.OldInput, newInput, StringComparison.Ordinal))
            {
                records.Add(new ModelChangeRecord
                {
                    ModelId = modelId,
                    Revision = revision,
                    UserId = userId,
                    Sheet = cell.Sheet,
                    Cell = cell.Cell.ToString(),
                    OldInput = cell.OldInput,
                    NewInput = newInput,
                    At = millis,
                });
            }
        }

        return records;
    }

    private static void Collect(Workbook workbook, Operation op, List<Touched> touched)
    {
        switch (op)
        {
            case SetCellOperation set when set.Address is { } address && workbook.HasSheet(set.Sheet):
                touched.Add(new(workbook.GetSheetName(set.Sheet), address, workbook.GetCell(set.Sheet, address).Input, false));
                break;
            case SetRangeOperation range when range.Address is { } area && workbook.HasSheet(range.Sheet):
                var sheet = workbook.GetSheetName(range.Sheet);
                for (var row = area.Start.Row; row <= area.End.Row; row++)
                {
                    for (var column = area.Start.Column; column <= area.End.Column; column++)
                    {
                        var address = new CellAddress(row, column);
                        touched.Add(new(sheet, address, workbook.GetCell(sheet, address).Input, false));
                    }
                }

                break;
            case ClearRangeOperation clear when clear.Address is { } cleared && workbook.HasSheet(clear.Sheet):
                AddExisting(workbook, clear.Sheet, cleared.Contains, touched, deleted: false);
                break;
            case DeleteRowsOperation rows when workbook.HasSheet(rows.Sheet):
                AddExisting(workbook, rows.Sheet, c => c.Row >= rows.At && c.Row < rows.At + rows.Count, touched, deleted: true);
                break;
            case DeleteColumnsOperation columns when workbook.HasSheet(columns.Sheet):
                AddExisting(workbook, columns.Sheet, c => c.Column >= columns.At && c.Column < columns.At + columns.Count, touched, deleted: true);
                break;
            case DeleteSheetOperation deleted when workbook.HasSheet(deleted.Sheet):
                AddExisting(workbook, deleted.Sheet, _ => true, touched, deleted: true);
                break;
            case BatchOperation batch:
                foreach (var part in batch.Ops)
                {
                    Collect(workbook, part, touched);
                }

                break;
        }
    }

    private static void AddExisting(Workbook workbook, string sheetName, Func<CellAddress, bool> where, List<Touched> touched, bool deleted)
    {
        var sheet = workbook.GetSheetName(sheetName);
        foreach (var cell in workbook.EnumerateCells(sheet))
        {
            if (!cell.IsEmpty && where(cell.Address))
            {
                touched.Add(new(sheet, cell.Address, cell.Input, deleted));
            }
        }
    }
}
