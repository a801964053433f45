using System.Globalization;
using Collab.Workbooks.Engine;
using FluentValidation;
using FluentValidation.Results;

namespace Collab.Editing.Core;

/// <summary>
/// Checks an op against the workbook it is about to apply to (FluentValidation): the sheet exists, addresses are
/// well-formed and on the sheet, shapes and sizes fit <see cref="OperationLimits"/>, inputs are at most 32,767
/// characters and formulas parse and name existing sheets, sheet names follow Excel's rules and stay unique, a
/// workbook keeps at least one sheet (a batch may delete the last one when a later part of it adds another). An invalid op must be rejected (the session answers <c>invalid_operation</c> with
/// <see cref="Problem(Operation)"/>) and changes nothing. Validate the op as transformed, against the current workbook.
/// The validator reads the workbook each time it validates: build one per workbook (per open model) and reuse it,
/// since building the rules costs far more than checking an op.
/// </summary>
public sealed class OperationValidator : AbstractValidator<Operation>
{
    /// <summary>A validator reading the workbook's current sheets each time it validates.</summary>
    public OperationValidator(Workbook workbook, OperationLimits? limits = null)
        : this(new WorkbookCatalog(workbook ?? throw new ArgumentNullException(nameof(workbook))), limits ?? OperationLimits.Default, () => workbook.SheetNames)
    {
    }

    private OperationValidator(ISheetCatalog catalog, OperationLimits limits, Func<IReadOnlyList<string>> sheetNames)
    {
        RuleFor(op => op).NotNull().WithMessage("An operation is required.");
        RuleFor(op => op).SetInheritanceValidator(v =>
        {
            v.Add(new SetCellRules(catalog, limits));
            v.Add(new SetRangeRules(catalog, limits));
            v.Add(new ClearRangeRules(catalog, limits));
            v.Add(new SetFormatRules(catalog, limits));
            v.Add<InsertRowsOperation>(new StructuralRules(catalog));
            v.Add<DeleteRowsOperation>(new StructuralRules(catalog));
            v.Add<InsertColumnsOperation>(new StructuralRules(catalog));
            v.Add<DeleteColumnsOperation>(new StructuralRules(catalog));
            v.Add(new AddSheetRules(catalog));
            v.Add(new RenameSheetRules(catalog));
            v.Add(new DeleteSheetRules(catalog));
            v.Add(new BatchRules(catalog, limits, sheetNames));
        });
    }

    /// <summary>The error code of a failure that is about size only (more cells or characters than the limits allow).</summary>
    public const string TooLargeCode = "too_large";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<OperationLimits, OperationValidator> SharedByLimits = new();

    /// <summary>
    /// One validator per limits for any number of workbooks (replicas of many clients in one process), thread-safe:
    /// validate with <see cref="Problem(Operation, Workbook)"/>, which reads the workbook it is given.
    /// </summary>
    public static OperationValidator Shared(OperationLimits? limits = null) =>
        SharedByLimits.GetOrAdd(limits ?? OperationLimits.Default, l => new OperationValidator(new AmbientCatalog(), l, () => AmbientCatalog.Current.SheetNames));

    /// <summary>Why the op is invalid against <paramref name="workbook"/>, for a <see cref="Shared"/> validator; null when it is valid.</summary>
    public string? Problem(Operation op, Workbook workbook)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        var previous = AmbientCatalog.Swap(workbook);
        try
        {
            return Problem(op);
        }
        finally
        {
            AmbientCatalog.Swap(previous);
        }
    }

    /// <summary>Why the op is invalid, every reason in one line; null when it is valid.</summary>
    public string? Problem(Operation op) => Check(op)?.Message;

    /// <summary>
    /// Why the op is invalid, and whether it is only too large (well-formed, but over <see cref="OperationLimits"/>:
    /// the session answers <c>too_large</c> then, <c>invalid_operation</c> otherwise); null when it is valid.
    /// </summary>
    public OperationProblem? Check(Operation op)
    {
        var result = Validate(op);
        return result.IsValid
            ? null
            : new OperationProblem(
                string.Join(" ", result.Errors.Select(e => e.ErrorMessage).Distinct()),
                result.Errors.All(e => e.ErrorCode == TooLargeCode));
    }

    private static ValidationFailure TooLarge(string property, string message) => new(property, message) { ErrorCode = TooLargeCode };

    internal static OperationValidator ForCatalog(ISheetCatalog catalog, OperationLimits limits, Func<IReadOnlyList<string>> names) =>
        new(catalog, limits, names);

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static void SheetMustExist<T>(AbstractValidator<T> v, System.Linq.Expressions.Expression<Func<T, string>> sheet, ISheetCatalog catalog) =>
        v.RuleFor(sheet)
            .NotEmpty().WithMessage("The sheet is required.")
            .Must(s => catalog.Exists(s)).WithMessage((_, s) => $"The sheet '{s}' does not exist.");

    private static long EffectiveCells(RangeAddress range, RangeAddress? used)
    {
        long rows = range.IsWholeColumns ? Math.Max(0, Math.Min(range.End.Row, used?.End.Row ?? 0) - range.Start.Row + 1) : range.RowCount;
        long columns = range.IsWholeRows ? Math.Max(0, Math.Min(range.End.Column, used?.End.Column ?? 0) - range.Start.Column + 1) : range.ColumnCount;
        return rows * columns;
    }

    private static void InputRules<T>(AbstractValidator<T> v, Func<T, string?> input, ISheetCatalog catalog, OperationLimits limits)
    {
        v.RuleFor(op => input(op)).Custom((text, context) =>
        {
            if (text is null)
            {
                context.AddFailure("input", "The input is required (\"\" clears the cell).");
                return;
            }

            if (text.Length > limits.MaxInputLength)
            {
                context.AddFailure(TooLarge("input", $"An input can have at most {Count(limits.MaxInputLength)} characters; this one has {Count(text.Length)}."));
                return;
            }

            if (FormulaSheets.Problem(text, catalog.Exists) is { } problem)
            {
                context.AddFailure("input", problem);
            }
        });
    }

    private sealed class SetCellRules : AbstractValidator<SetCellOperation>
    {
        public SetCellRules(ISheetCatalog catalog, OperationLimits limits)
        {
            SheetMustExist(this, op => op.Sheet, catalog);
            RuleFor(op => op.Cell).Must((op, _) => op.Address is not null)
                .WithMessage(op => $"'{op.Cell}' is not a cell address such as B4 (rows 1 to 1,048,576, columns A to XFD).");
            InputRules(this, op => op.Input, catalog, limits);
        }
    }

    private sealed class SetRangeRules : AbstractValidator<SetRangeOperation>
    {
        public SetRangeRules(ISheetCatalog catalog, OperationLimits limits)
        {
            SheetMustExist(this, op => op.Sheet, catalog);
            RuleFor(op => op.Range).Must((op, _) => op.Address is not null)
                .WithMessage(op => $"'{op.Range}' is not a range such as A1:C10.");
            RuleFor(op => op).Custom((op, context) =>
            {
                if (op.Address is not { } range)
                {
                    return;
                }

                if (range.CellCount > limits.MaxSetRangeCells)
                {
                    context.AddFailure(TooLarge("range", $"A setRange can write at most {Count(limits.MaxSetRangeCells)} cells; {op.Range} has {Count(range.CellCount)}."));
                    return;
                }

                if (op.Inputs is null || op.Inputs.Count != range.RowCount)
                {
                    context.AddFailure("inputs", $"The range {op.Range} has {range.RowCount} rows but {op.Inputs?.Count ?? 0} rows of inputs were given.");
                    return;
                }

                for (int r = 0; r < op.Inputs.Count; r++)
                {
                    if (op.Inputs[r] is null || op.Inputs[r].Count != range.ColumnCount)
                    {
                        context.AddFailure("inputs", $"The range {op.Range} has {range.ColumnCount} columns but row {r + 1} of the inputs has {op.Inputs[r]?.Count ?? 0}.");
                        return;
                    }

                    for (int c = 0; c < op.Inputs[r].Count; c++)
                    {
                        string? text = op.Inputs[r][c];
                        string where = new CellAddress(range.Start.Row + r, range.Start.Column + c).ToString();
                        if (text is null)
                        {
                            context.AddFailure("inputs", $"The input for {where} is missing (\"\" clears a cell).");
                            return;
                        }

                        if (text.Length > limits.MaxInputLength)
                        {
                            context.AddFailure(TooLarge("inputs", $"The input for {where} has {Count(text.Length)} characters; at most {Count(limits.MaxInputLength)} are allowed."));
                            return;
                        }

                        if (FormulaSheets.Problem(text, catalog.Exists) is { } problem)
                        {
                            context.AddFailure("inputs", $"{where}: {problem}");
                            return;
                        }
                    }
                }
            });
        }
    }

    private sealed class ClearRangeRules : AbstractValidator<ClearRangeOperation>
    {
        public ClearRangeRules(ISheetCatalog catalog, OperationLimits limits)
        {
            SheetMustExist(this, op => op.Sheet, catalog);
            RuleFor(op => op.Range).Must((op, _) => op.Address is not null)
                .WithMessage(op => $"'{op.Range}' is not a range such as A1:C10, A:C or 3:5.");
            RuleFor(op => op).Must(op => op.Address is not { } r || !catalog.Exists(op.Sheet) || EffectiveCells(r, catalog.UsedRange(op.Sheet)) <= limits.MaxRangeCells)
                .WithMessage(op => $"A clearRange can touch at most {Count(limits.MaxRangeCells)} cells; {op.Range} is larger.")
                .WithErrorCode(TooLargeCode);
        }
    }

    private sealed class SetFormatRules : AbstractValidator<SetFormatOperation>
    {
        public SetFormatRules(ISheetCatalog catalog, OperationLimits limits)
        {
            SheetMustExist(this, op => op.Sheet, catalog);
            RuleFor(op => op.Range).Must((op, _) => op.Address is not null)
                .WithMessage(op => $"'{op.Range}' is not a range such as A1:C10, A:C or 3:5.");
            RuleFor(op => op.Format).NotNull().WithMessage("The format is required, such as {\"numberFormat\": \"#,##0.00\", \"bold\": true}.");
            RuleFor(op => op.Format.NumberFormat).MaximumLength(limits.MaxNumberFormatLength)
                .When(op => op.Format is not null)
                .WithMessage($"A number format can have at most {limits.MaxNumberFormatLength} characters.")
                .WithErrorCode(TooLargeCode);
            RuleFor(op => op).Must(op => op.Address is not { } r || !catalog.Exists(op.Sheet) || EffectiveCells(r, catalog.UsedRange(op.Sheet)) <= limits.MaxRangeCells)
                .WithMessage(op => $"A setFormat can touch at most {Count(limits.MaxRangeCells)} cells; {op.Range} is larger.")
                .WithErrorCode(TooLargeCode);
        }
    }

    private sealed class StructuralRules : AbstractValidator<StructuralOperation>
    {
        public StructuralRules(ISheetCatalog catalog)
        {
            SheetMustExist(this, op => op.Sheet, catalog);
            RuleFor(op => op).Custom((op, context) =>
            {
                int max = op.AffectsRows ? CellAddress.MaxRows : CellAddress.MaxColumns;
                string what = op.AffectsRows ? "rows" : "columns";
                if (op.Count < 1 || op.Count > max)
                {
                    context.AddFailure("count", $"count must be between 1 and {Count(max)}; it is {op.Count}.");
                    return;
                }

                if (op.At < 1 || op.At > max)
                {
                    context.AddFailure("at", $"at must be between 1 and {Count(max)} (the sheet's {what}); it is {op.At}.");
                    return;
                }

                if (!op.IsInsert && (long)op.At + op.Count - 1 > max)
                {
                    context.AddFailure("count", $"Deleting {op.Count} {what} from {op.At} goes past the last of the sheet's {Count(max)} {what}.");
                    return;
                }

                if (op.IsInsert && catalog.Exists(op.Sheet) && catalog.UsedRange(op.Sheet) is { } used)
                {
                    int lastUsed = op.AffectsRows ? used.End.Row : used.End.Column;
                    if (lastUsed >= op.At && (long)lastUsed + op.Count > max)
                    {
                        context.AddFailure("count", $"Inserting {op.Count} {what} would push cells past the last of the sheet's {Count(max)} {what}.");
                    }
                }
            });
        }
    }

    private sealed class AddSheetRules : AbstractValidator<AddSheetOperation>
    {
        public AddSheetRules(ISheetCatalog catalog)
        {
            RuleFor(op => op.Name).Custom((name, context) =>
            {
                if (SheetNames.Validate(name) is { } problem)
                {
                    context.AddFailure("name", problem);
                }
                else if (catalog.Exists(name))
                {
                    context.AddFailure("name", $"A sheet named '{name}' already exists.");
                }
            });
            RuleFor(op => op.Index).Must(i => i is null || (i >= 0 && i <= catalog.Count))
                .WithMessage(op => $"index must be between 0 and {catalog.Count} (the number of sheets); it is {op.Index}.");
        }
    }

    private sealed class RenameSheetRules : AbstractValidator<RenameSheetOperation>
    {
        public RenameSheetRules(ISheetCatalog catalog)
        {
            SheetMustExist(this, op => op.Sheet, catalog);
            RuleFor(op => op.Name).Custom((name, context) =>
            {
                var op = context.InstanceToValidate;
                if (SheetNames.Validate(name) is { } problem)
                {
                    context.AddFailure("name", problem);
                }
                else if (catalog.Exists(name) && !SheetNames.Comparer.Equals(name, op.Sheet))
                {
                    context.AddFailure("name", $"A sheet named '{name}' already exists.");
                }
            });
        }
    }

    private sealed class DeleteSheetRules : AbstractValidator<DeleteSheetOperation>
    {
        public DeleteSheetRules(ISheetCatalog catalog)
        {
            SheetMustExist(this, op => op.Sheet, catalog);
            // Inside a batch the last sheet may go when a later part adds one (the batch as a whole must keep one).
            RuleFor(op => op.Sheet).Must(_ => catalog.Count > 1)
                .When(op => catalog is not BatchCatalog && !string.IsNullOrEmpty(op.Sheet) && catalog.Exists(op.Sheet))
                .WithMessage("A workbook must keep at least one sheet: the last sheet cannot be deleted.");
        }
    }

    private sealed class BatchRules : AbstractValidator<BatchOperation>
    {
        public BatchRules(ISheetCatalog catalog, OperationLimits limits, Func<IReadOnlyList<string>> sheetNames)
        {
            RuleFor(op => op.Ops).NotNull().WithMessage("A batch needs its ops.");
            RuleFor(op => op.Ops.Count).LessThanOrEqualTo(limits.MaxBatchOperations)
                .When(op => op.Ops is not null)
                .WithMessage($"A batch can hold at most {Count(limits.MaxBatchOperations)} ops.")
                .WithErrorCode(TooLargeCode);
            RuleFor(op => op).Custom((batch, context) =>
            {
                if (batch.Ops is null || batch.Ops.Count > limits.MaxBatchOperations)
                {
                    return;
                }

                // Each op is checked against the sheets as the ops before it leave them.
                var overlay = new BatchCatalog(catalog, sheetNames());
                var inner = ForCatalog(overlay, limits, () => overlay.Names);
                for (int i = 0; i < batch.Ops.Count; i++)
                {
                    var part = batch.Ops[i];
                    if (part is null)
                    {
                        context.AddFailure("ops", $"ops[{i}] is missing.");
                        return;
                    }

                    var result = inner.Validate(part);
                    if (!result.IsValid)
                    {
                        foreach (var error in result.Errors)
                        {
                            context.AddFailure(new ValidationFailure($"ops[{i}]", $"ops[{i}] ({part.TypeName}): {error.ErrorMessage}") { ErrorCode = error.ErrorCode });
                        }

                        return;
                    }

                    overlay.Apply(part);
                }

                // A batch within a batch may leave no sheet for its parent's next part to add one; the outermost may not.
                if (overlay.Count == 0 && catalog is not BatchCatalog)
                {
                    context.AddFailure("ops", "A workbook must keep at least one sheet: the batch deletes every sheet without adding one.");
                }
            });
        }
    }
}

/// <summary>Why an op is invalid.</summary>
/// <param name="Message">Every reason, in one line.</param>
/// <param name="TooLarge">True when the op is well-formed but over a size limit (<c>too_large</c> on the wire).</param>
public sealed record OperationProblem(string Message, bool TooLarge);
