using Collab.Workbooks.Engine;
using static Collab.Editing.Core.Tests.Ops;

namespace Collab.Editing.Core.Tests;

public class ValidationTests
{
    private static readonly string Long = new('x', 32_768);

    public static TheoryData<string, string> Invalid => new()
    {
        { """{"type":"setCell","sheet":"Nope","cell":"A1","input":"1"}""", "sheet 'Nope' does not exist" },
        { """{"type":"setCell","sheet":"Sheet1","cell":"A0","input":"1"}""", "not a cell address" },
        { """{"type":"setCell","sheet":"Sheet1","cell":"XFE1","input":"1"}""", "not a cell address" },
        { """{"type":"setCell","sheet":"Sheet1","cell":"A1048577","input":"1"}""", "not a cell address" },
        { $$"""{"type":"setCell","sheet":"Sheet1","cell":"A1","input":"{{Long}}"}""", "at most 32,767 characters" },
        { """{"type":"setCell","sheet":"Sheet1","cell":"A1","input":"=SUM(A1"}""", "does not parse" },
        { """{"type":"setCell","sheet":"Sheet1","cell":"A1","input":"=Ghost!A1"}""", "sheet 'Ghost', which does not exist" },
        { """{"type":"setRange","sheet":"Sheet1","range":"A1:B2","inputs":[["1","2"]]}""", "has 2 rows but 1 rows" },
        { """{"type":"setRange","sheet":"Sheet1","range":"A1:B2","inputs":[["1","2"],["3"]]}""", "row 2 of the inputs has 1" },
        { """{"type":"setRange","sheet":"Sheet1","range":"A1:B2","inputs":[["1","2"],["3",null]]}""", "input for B2 is missing" },
        { """{"type":"setRange","sheet":"Sheet1","range":"A1:CV101","inputs":[]}""", "at most 10,000 cells" },
        { """{"type":"setRange","sheet":"Sheet1","range":"A1:ZZ","inputs":[]}""", "not a range" },
        { """{"type":"setRange","sheet":"Sheet1","range":"A1","inputs":[["='Gone'!B2"]]}""", "sheet 'Gone'" },
        { """{"type":"clearRange","sheet":"Sheet1","range":"A1:Z5000"}""", "at most 100,000 cells" },
        { """{"type":"clearRange","sheet":"Sheet1","range":"B:"}""", "not a range" },
        { """{"type":"setFormat","sheet":"Sheet1","range":"A1:Z5000","format":{"bold":true}}""", "at most 100,000 cells" },
        { $$$"""{"type":"setFormat","sheet":"Sheet1","range":"A1","format":{"numberFormat":"{{{new string('0', 256)}}}"}}""", "at most 255 characters" },
        { """{"type":"insertRows","sheet":"Sheet1","at":3,"count":0}""", "count must be between 1" },
        { """{"type":"insertRows","sheet":"Sheet1","at":0,"count":1}""", "at must be between 1" },
        { """{"type":"insertRows","sheet":"Sheet1","at":1,"count":1048576}""", "push cells past the last" },
        { """{"type":"deleteRows","sheet":"Sheet1","at":1048576,"count":2}""", "goes past the last" },
        { """{"type":"insertColumns","sheet":"Sheet1","at":16385,"count":1}""", "at must be between 1 and 16,384" },
        { """{"type":"deleteColumns","sheet":"Nope","at":1,"count":1}""", "does not exist" },
        { """{"type":"addSheet","name":"Data"}""", "already exists" },
        { """{"type":"addSheet","name":"data"}""", "already exists" },
        { """{"type":"addSheet","name":"a/b"}""", "cannot contain" },
        { """{"type":"addSheet","name":"'quoted'"}""", "apostrophe" },
        { """{"type":"addSheet","name":"12345678901234567890123456789012"}""", "at most 31 characters" },
        { """{"type":"addSheet","name":" "}""", "cannot be blank" },
        { """{"type":"addSheet","name":"New","index":4}""", "index must be between 0 and 3" },
        { """{"type":"renameSheet","sheet":"Data","name":"Inputs"}""", "already exists" },
        { """{"type":"renameSheet","sheet":"Nope","name":"X"}""", "does not exist" },
        { """{"type":"renameSheet","sheet":"Data","name":"a*b"}""", "cannot contain" },
        { """{"type":"deleteSheet","sheet":"Nope"}""", "does not exist" },
        { """{"type":"batch","ops":[{"type":"addSheet","name":"New"},{"type":"setCell","sheet":"Ghost","cell":"A1","input":"1"}]}""", "ops[1] (setCell)" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_op_is_rejected_with_a_clear_message_and_changes_nothing(string json, string expected)
    {
        var workbook = TransformTableTests.Base();
        string before = Books.Dump(workbook);
        var op = Operation.FromJson(json);

        string? problem = new OperationValidator(workbook).Problem(op);
        Assert.NotNull(problem);
        Assert.Contains(expected, problem, StringComparison.OrdinalIgnoreCase);

        var e = Assert.Throws<OperationRejectedException>(() => OperationApplier.ApplyValidated(workbook, op));
        Assert.Equal(problem, e.Message);
        Assert.Equal(before, Books.Dump(workbook));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void The_shared_validator_gives_the_same_answers_as_one_built_for_the_workbook(string json, string expected)
    {
        var workbook = TransformTableTests.Base();
        var op = Operation.FromJson(json);
        Assert.Equal(new OperationValidator(workbook).Problem(op), OperationValidator.Shared().Problem(op, workbook));
        Assert.Contains(expected, OperationValidator.Shared().Problem(op, workbook), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_shared_validator_reads_the_workbook_it_is_given_on_each_thread()
    {
        var withData = TransformTableTests.Base();
        var without = new Workbook();
        without.AddSheet("Sheet1");
        var op = new SetCellOperation("Data", "A1", "1");
        Assert.True(withData.HasSheet("Data"));
        Assert.Same(OperationValidator.Shared(), OperationValidator.Shared(OperationLimits.Default));

        Parallel.For(0, 200, i =>
        {
            var book = i % 2 == 0 ? withData : without;
            var problem = OperationValidator.Shared().Problem(op, book);
            Assert.Equal(i % 2 == 0, problem is null);
        });
        Assert.Throws<InvalidOperationException>(() => OperationValidator.Shared().Problem(op));
    }

    [Theory]
    [InlineData("""{"type":"setCell","sheet":"Sheet1","cell":"A1"}""")]
    [InlineData("""{"type":"setCell","cell":"A1","input":"1"}""")]
    [InlineData("""{"type":"setCell","sheet":null,"cell":"A1","input":"1"}""")]
    [InlineData("""{"type":"setFormat","sheet":"Sheet1","range":"A1"}""")]
    [InlineData("""{"type":"setRange","sheet":"Sheet1","range":"A1"}""")]
    [InlineData("""{"type":"batch"}""")]
    [InlineData("""{"type":"insertRows","sheet":"Sheet1","at":1}""")]
    public void A_missing_or_null_required_property_fails_to_parse(string json)
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => Operation.FromJson(json));
    }

    public static TheoryData<Operation, string> InvalidInCode => new()
    {
        { new SetCellOperation("Sheet1", "A1", null!), "input is required" },
        { new SetCellOperation(null!, "A1", "1"), "sheet is required" },
        { new SetFormatOperation("Sheet1", "A1", null!), "format is required" },
        { new BatchOperation([Operation.None, null!]), "ops[1] is missing" },
    };

    [Theory]
    [MemberData(nameof(InvalidInCode))]
    public void Missing_parts_of_ops_built_in_code_are_rejected(Operation op, string expected)
    {
        var workbook = TransformTableTests.Base();
        Assert.Contains(expected, new OperationValidator(workbook).Problem(op), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_last_sheet_cannot_be_deleted()
    {
        var workbook = Books.Create(("A1", "1"));
        Assert.Contains("last sheet", new OperationValidator(workbook).Problem(P("ds Sheet1")), StringComparison.Ordinal);
        Assert.Contains("at least one sheet", new OperationValidator(workbook).Problem(P("batch: as Two && ds Two && ds Sheet1")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("batch: ds Sheet1 && as Q1")]
    [InlineData("batch: ds Sheet1 && as Sheet1")]
    [InlineData("batch: ds Sheet1 && batch: as Q1 && sc Q1!A1 5")]
    public void A_batch_may_delete_the_last_sheet_when_it_adds_another_next(string text)
    {
        var workbook = Books.Create(("A1", "1"));
        Assert.Null(new OperationValidator(workbook).Problem(P(text)));
        Assert.Null(OperationValidator.Shared().Problem(P(text), workbook));
    }

    [Theory]
    [InlineData("batch: ds Sheet1", "at least one sheet")]
    [InlineData("batch: ds Sheet1 && sc Sheet1!A1 2 && as Q1", "'Sheet1' does not exist")]
    [InlineData("batch: ds Sheet1 && as Q1 && ds Q1", "at least one sheet")]
    [InlineData("batch: ds Sheet1 && as Q1|1", "index must be between 0 and 0")]
    public void A_batch_that_leaves_no_sheet_or_uses_the_deleted_one_is_rejected(string text, string expected)
    {
        var workbook = Books.Create(("A1", "1"));
        Assert.Contains(expected, new OperationValidator(workbook).Problem(P(text)), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Limits_are_configurable()
    {
        var workbook = Books.Create();
        var limits = new OperationLimits { MaxSetRangeCells = 2, MaxRangeCells = 3, MaxInputLength = 3 };
        var validator = new OperationValidator(workbook, limits);
        Assert.NotNull(validator.Problem(P("sr Sheet1!A1:C1 1|2|3")));
        Assert.Null(validator.Problem(P("sr Sheet1!A1:B1 1|2")));
        Assert.NotNull(validator.Problem(P("cr Sheet1!A1:B2")));
        Assert.NotNull(validator.Problem(P("sc Sheet1!A1 1234")));
    }

    public static TheoryData<string> Valid => new()
    {
        "sc Sheet1!A1 =Data!A1+'Inputs'!A1",
        "sc Sheet1!A1 ''",
        "sc Sheet1!A1 =\"Ghost!A1\"&\"x\"",
        "sc Sheet1!A1 =#REF!+1",
        "sr Sheet1!A1:B2 1|2;3|''",
        "cr Sheet1!A:C",
        "sf Sheet1!1:3 bold=true",
        "ir Sheet1 1048576 1",
        "dr Sheet1 1 1048576",
        "as New|3",
        "rs Data|data",
        "ds Inputs",
        "batch: as New && sc New!A1 =Data!A1 && rs New|Newer && sc Sheet1!A1 =Newer!A1",
        "noop",
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Valid_ops_pass(string text)
    {
        var workbook = TransformTableTests.Base();
        var op = P(text);
        Assert.Null(new OperationValidator(workbook).Problem(op));
        OperationApplier.ApplyValidated(workbook, op);
    }

    [Fact]
    public void Whole_column_ranges_count_only_the_used_rows()
    {
        var workbook = TransformTableTests.Base();
        Assert.Null(new OperationValidator(workbook).Problem(P("cr Sheet1!A:Z")));
        workbook.SetCellInput("Sheet1", CellAddress.Parse("A1048576"), "1");
        Assert.NotNull(new OperationValidator(workbook).Problem(P("cr Sheet1!A:Z")));
    }

    [Fact]
    public void Normalize_fills_indices_and_narrows_whole_column_formats()
    {
        var workbook = TransformTableTests.Base();
        Assert.Equal(new AddSheetOperation("X", 3), OperationApplier.Normalize(workbook, P("as X")));
        Assert.Equal(new DeleteSheetOperation("Inputs", 2), OperationApplier.Normalize(workbook, P("ds Inputs")));
        Assert.Equal("B1:B7", ((SetFormatOperation)OperationApplier.Normalize(workbook, P("sf Sheet1!B:B bold=true"))).Range);
        Assert.Equal(
            P("batch: as X|0 && ds Data|2").ToJson(),
            OperationApplier.Normalize(workbook, P("batch: as X|0 && ds Data")).ToJson());
    }
}
