using System.Globalization;
using Collab.Workbooks.Engine;

namespace Collab.Editing.Core.Tests;

/// <summary>
/// Random small workbooks (2-3 sheets of about 5x5 cells: numbers, text, formulas with ranges and cross-sheet
/// references, formats) and random valid ops of every type, from a seeded <see cref="Random"/>.
/// </summary>
internal static class Scenarios
{
    /// <summary>Which op types to favour.</summary>
    public enum Focus
    {
        All,
        Structural,
        Sheets,
    }

    public static readonly string[] SheetPool = ["Sheet1", "Data", "Cash Flow", "Q1"];
    public static readonly string[] NewSheetPool = ["New", "Plan", "Q1", "Data", "new", "Summary 2026"];

    /// <summary>How many cases a property runs: COLLAB_PROPERTY_RUNS, else the CI-friendly default.</summary>
    public static long Runs(long ciDefault)
    {
        string? text = Environment.GetEnvironmentVariable("COLLAB_PROPERTY_RUNS");
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long runs) && runs > 0 ? runs : ciDefault;
    }

    public static Workbook RandomWorkbook(Random random)
    {
        int count = random.Next(2, 4);
        var names = SheetPool.OrderBy(_ => random.Next()).Take(count).ToArray();
        var workbook = Books.Create(names);
        foreach (var sheet in names)
        {
            for (int r = 1; r <= 5; r++)
            {
                for (int c = 1; c <= 5; c++)
                {
                    if (random.NextDouble() < 0.55)
                    {
                        workbook.SetCellInput(sheet, new CellAddress(r, c), RandomInput(random, names, sheet));
                    }

                    if (random.NextDouble() < 0.1)
                    {
                        workbook.SetFormat(sheet, RangeAddress.FromCell(new CellAddress(r, c)), random.Next(2) == 0 ? "0.00" : null, random.Next(2) == 0);
                    }
                }
            }
        }

        return workbook;
    }

    public static string Cell(Random random) => new CellAddress(random.Next(1, 8), random.Next(1, 7)).ToString();

    public static string RandomInput(Random random, IReadOnlyList<string> sheets, string host)
    {
        string Ref() => Cell(random);
        string Area()
        {
            int r = random.Next(1, 6), c = random.Next(1, 5);
            return new RangeAddress(r, c, r + random.Next(0, 4), c + random.Next(0, 2)).ToString();
        }

        string Other() => SheetNames.Quote(sheets[random.Next(sheets.Count)]);
        return random.Next(14) switch
        {
            12 => $"=SUM({CellAddress.ColumnName(random.Next(1, 6))}:{CellAddress.ColumnName(random.Next(1, 6))})",
            13 => $"=SUM({Other()}!{random.Next(1, 6)}:{random.Next(1, 6)})",
            0 or 1 or 2 => random.Next(-50, 100).ToString(CultureInfo.InvariantCulture),
            3 => (random.Next(0, 1000) / 10.0).ToString(CultureInfo.InvariantCulture),
            4 => new[] { "abc", "Revenue", "TRUE", "x y" }[random.Next(4)],
            5 => "",
            6 => $"={Ref()}+{Ref()}",
            7 => $"=SUM({Area()})",
            8 => $"={Other()}!{Ref()}*2",
            9 => $"=SUM({Other()}!{Area()})+{Ref()}",
            10 => $"=IF({Ref()}>10,{Ref()},{random.Next(5)})",
            _ => $"=COUNT({Area()})",
        };
    }

    /// <summary>A random op valid on <paramref name="workbook"/>, normalized against it.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Workbook, OperationValidator> Validators = [];

    /// <summary>One validator per workbook: it reads the workbook live, and building one is the expensive part.</summary>
    public static OperationValidator ValidatorFor(Workbook workbook) => Validators.GetValue(workbook, w => new OperationValidator(w));

    public static Operation RandomOp(Random random, Workbook workbook, Focus focus = Focus.All)
    {
        var validator = ValidatorFor(workbook);
        for (int attempt = 0; ; attempt++)
        {
            int kind = focus switch
            {
                Focus.Structural => random.Next(3) == 0 ? random.Next(8) : 8 + random.Next(4),
                Focus.Sheets => random.Next(3) == 0 ? random.Next(12) : 12 + random.Next(5),
                _ => random.Next(18),
            };
            var op = kind == 17 ? RandomBatch(random, workbook) : OperationApplier.Normalize(workbook, Candidate(random, workbook, kind));
            if (validator.Validate(op).IsValid)
            {
                return op;
            }

            if (attempt > 200)
            {
                throw new InvalidOperationException("No valid op found: " + op);
            }
        }
    }

    // Two random ops in a row, the second made on the state the first leaves.
    private static Operation RandomBatch(Random random, Workbook workbook)
    {
        var scratch = Books.Clone(workbook);
        var first = RandomOp(random, scratch, Focus.All);
        OperationApplier.Apply(scratch, first);
        var second = RandomOp(random, scratch, Focus.All);
        return new BatchOperation([first, second]);
    }

    private static Operation Candidate(Random random, Workbook workbook, int kind)
    {
        var sheets = workbook.SheetNames;
        string sheet = sheets[random.Next(sheets.Count)];
        int at = random.Next(1, 8);
        int count = random.Next(1, 3);
        switch (kind)
        {
            case 0 or 1 or 2 or 3:
                return new SetCellOperation(sheet, Cell(random), RandomInput(random, sheets, sheet));
            case 4 or 5:
            {
                int r = random.Next(1, 7), c = random.Next(1, 6), h = random.Next(1, 4), w = random.Next(1, 4);
                var inputs = Enumerable.Range(0, h)
                    .Select(_ => (IReadOnlyList<string>)Enumerable.Range(0, w).Select(_ => RandomInput(random, sheets, sheet)).ToArray())
                    .ToArray();
                return new SetRangeOperation(sheet, new RangeAddress(r, c, r + h - 1, c + w - 1), inputs);
            }

            case 6:
            {
                int r = random.Next(1, 7), c = random.Next(1, 6);
                var range = random.Next(8) == 0 ? RangeAddress.Columns(c, c) : new RangeAddress(r, c, r + random.Next(0, 4), c + random.Next(0, 3));
                return new ClearRangeOperation(sheet, range);
            }

            case 7:
            {
                int r = random.Next(1, 7), c = random.Next(1, 6);
                var patch = random.Next(3) switch
                {
                    0 => new FormatPatch(new[] { "0.00", "#,##0", "General", "0%" }[random.Next(4)], null),
                    1 => new FormatPatch(null, random.Next(2) == 0),
                    _ => new FormatPatch("0.0", random.Next(2) == 0),
                };
                var range = random.Next(8) == 0 ? RangeAddress.Rows(r, r) : new RangeAddress(r, c, r + random.Next(0, 3), c + random.Next(0, 3));
                return new SetFormatOperation(sheet, range, patch);
            }

            case 8:
                return new InsertRowsOperation(sheet, at, count);
            case 9:
                return new DeleteRowsOperation(sheet, at, count);
            case 10:
                return new InsertColumnsOperation(sheet, at, count);
            case 11:
                return new DeleteColumnsOperation(sheet, at, count);
            case 12 or 13:
                return new AddSheetOperation(NewSheetPool[random.Next(NewSheetPool.Length)], random.Next(0, sheets.Count + 1));
            case 14 or 15:
                return new RenameSheetOperation(sheet, NewSheetPool[random.Next(NewSheetPool.Length)]);
            default:
                return new DeleteSheetOperation(sheet);
        }
    }
}
