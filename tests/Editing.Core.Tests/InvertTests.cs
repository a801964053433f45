using CsCheck;
using static Collab.Editing.Core.Tests.Ops;

namespace Collab.Editing.Core.Tests;

public class InvertTests
{
    public static TheoryData<string> OneOfEachType => new()
    {
        "sc Sheet1!A2 99",
        "sc Sheet1!B1 =A1*3",
        "sc Sheet1!A1 ''",
        "sr Sheet1!A1:B2 1|2;=A7|''",
        "cr Sheet1!A1:C5",
        "cr Sheet1!A:A",
        "ir Sheet1 2 2",
        "dr Sheet1 2 2",
        "dr Sheet1 1 7",
        "ic Sheet1 1 1",
        "dc Sheet1 1 1",
        "dc Sheet1 2 3",
        "as New|1",
        "as Other",
        "rs Data|Facts",
        "rs Sheet1|sheet1",
        "ds Data",
        "ds Sheet1",
        "sf Sheet1!A1:C3 nf=0.00 bold=true",
        "sf Sheet1!A1:C3 nf=General",
        "sf Sheet1!B:B bold=false",
        "batch: ir Sheet1 1 1 && sc Sheet1!A1 t && ds Inputs",
        "noop",
    };

    private static Collab.Workbooks.Engine.Workbook Start()
    {
        var start = TransformTableTests.Base();
        Books.Apply(start, P("sf Sheet1!A1:A2 nf=0.0%"), P("sf Sheet1!B1:C2 bold=true"), P("sf Data!B5 nf=#,##0"));
        return start;
    }

    [Theory]
    [MemberData(nameof(OneOfEachType))]
    public void Applying_an_op_then_its_inverse_gives_the_original_workbook(string text)
    {
        var start = Start();
        string before = Books.Dump(start);
        var op = OperationApplier.Normalize(start, P(text));
        Assert.Null(new OperationValidator(start).Problem(op));

        var inverse = OperationApplier.Invert(start, op);
        Assert.Equal(before, Books.Dump(start)); // Invert does not touch the workbook

        OperationApplier.Apply(start, op);
        if (!op.IsNoOp)
        {
            Assert.NotEqual(before, Books.Dump(start));
        }

        OperationApplier.Apply(start, inverse);
        Assert.Equal(before, Books.Dump(start));
    }

    [Theory]
    [MemberData(nameof(OneOfEachType))]
    public void Apply_and_invert_gives_the_same_inverse(string text)
    {
        var start = Start();
        var op = OperationApplier.Normalize(start, P(text));
        var inverse = OperationApplier.Invert(start, op);
        var (_, inverse2) = OperationApplier.ApplyAndInvert(start, op);
        Assert.Equal(inverse.ToJson(), inverse2.ToJson());
    }

    [Fact]
    public void A_batch_replacing_the_only_sheet_applies_and_its_inverse_restores_it()
    {
        var start = Books.Create(("A1", "1"), ("B1", "=A1*2"));
        Books.Apply(start, P("sf Sheet1!A1 bold=true"));
        string before = Books.Dump(start);
        var op = OperationApplier.Normalize(start, P("batch: ds Sheet1 && as Q1 && sc Q1!A1 7"));

        var (_, inverse) = OperationApplier.ApplyAndInvert(start, op);
        Assert.Equal(["Q1"], start.SheetNames);
        Assert.Equal("7", start.GetCell("Q1", Collab.Workbooks.Engine.CellAddress.Parse("A1")).Input);
        Assert.Null(new OperationValidator(start).Problem(inverse));

        OperationApplier.Apply(start, inverse);
        Assert.Equal(before, Books.Dump(start));
    }

    [Fact]
    public void A_batch_failing_after_deleting_the_only_sheet_is_rolled_back()
    {
        var start = Books.Create(("A1", "1"));
        string before = Books.Dump(start);

        Assert.ThrowsAny<Exception>(() => OperationApplier.Apply(start, P("batch: ds Sheet1 && as Q1 && ds Q1")));
        Assert.ThrowsAny<Exception>(() => OperationApplier.Apply(start, P("batch: ds Sheet1 && as Q1 && sc Nowhere!A1 1")));
        Assert.Equal(before, Books.Dump(start));
    }

    [Fact]
    public void Undoing_a_row_delete_restores_the_formulas_elsewhere_that_became_ref_errors()
    {
        var start = Start();
        var op = P("dr Sheet1 3 2");
        var inverse = OperationApplier.Invert(start, op);
        OperationApplier.Apply(start, op);
        Assert.Equal("=SUM(A1:A2)", Books.Input(start, "Sheet1", "B1")); // the range shrank
        Assert.Equal("=Data!A2+#REF!", Books.Input(start, "Inputs", "B1"));

        OperationApplier.Apply(start, inverse);
        Assert.Equal("=Data!A2+Sheet1!A3", Books.Input(start, "Inputs", "B1"));
        Assert.Equal("=A3*2", Books.Input(start, "Sheet1", "C3"));
        Assert.Equal("=SUM(A1:A4)", Books.Input(start, "Sheet1", "B1"));
    }

    [Fact]
    public void Undoing_a_sheet_delete_restores_it_at_its_place_with_the_references_to_it()
    {
        var start = Start();
        var inverse = OperationApplier.Invert(start, P("ds Data"));
        OperationApplier.Apply(start, P("ds Data"));
        Assert.Equal("=#REF!", Books.Input(start, "Sheet1", "D1"));

        OperationApplier.Apply(start, inverse);
        Assert.Equal(["Sheet1", "Data", "Inputs"], start.SheetNames);
        Assert.Equal("=Data!A1", Books.Input(start, "Sheet1", "D1"));
        Assert.Equal("#,##0", start.GetCell("Data", Collab.Workbooks.Engine.CellAddress.Parse("B5")).Format.NumberFormat);
    }

    [Fact]
    public void Invert_round_trips_random_ops_on_random_workbooks()
    {
        Property.Check(seed =>
        {
            var random = new Random(seed);
            var start = Scenarios.RandomWorkbook(random);
            string before = Books.Dump(start);
            var op = Scenarios.RandomOp(random, start);
            var (_, inverse) = OperationApplier.ApplyAndInvert(start, op);
            Assert.Null(new OperationValidator(start).Problem(inverse));
            OperationApplier.Apply(start, inverse);
            Assert.True(before == Books.Dump(start), $"op {op}\ninverse {inverse}\n--- before\n{before}--- after\n{Books.Dump(start)}");
        }, 500);
    }
}
