using System.Text.Json;
using System.Text.Json.Nodes;
using Collab.Workbooks.Engine;

namespace Collab.Editing.Core.Tests;

public class JsonTests
{
    // The literal lines of PROTOCOL.md's "Operations" section.
    public static TheoryData<string> ProtocolLines => new()
    {
        """{"type": "setCell",       "sheet": "Sheet1", "cell": "B4", "input": "=SUM(B1:B3)"}""",
        """{"type": "setRange",      "sheet": "Sheet1", "range": "A1:C2", "inputs": [["1","2","3"],["4","5","=A1+B2"]]}""",
        """{"type": "clearRange",    "sheet": "Sheet1", "range": "A1:C2"}""",
        """{"type": "insertRows",    "sheet": "Sheet1", "at": 3, "count": 2}""",
        """{"type": "deleteRows",    "sheet": "Sheet1", "at": 3, "count": 2}""",
        """{"type": "insertColumns", "sheet": "Sheet1", "at": 2, "count": 1}""",
        """{"type": "deleteColumns", "sheet": "Sheet1", "at": 2, "count": 1}""",
        """{"type": "addSheet",      "name": "Assumptions", "index": 1}""",
        """{"type": "renameSheet",   "sheet": "Assumptions", "name": "Inputs"}""",
        """{"type": "deleteSheet",   "sheet": "Inputs"}""",
        """{"type": "setFormat",     "sheet": "Sheet1", "range": "B2:B9", "format": {"numberFormat": "#,##0.00", "bold": true}}""",
    };

    [Theory]
    [MemberData(nameof(ProtocolLines))]
    public void Protocol_lines_round_trip_exactly(string line)
    {
        var op = Operation.FromJson(line);
        string written = op.ToJson();

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(line), JsonNode.Parse(written)), written);
        Assert.Equal(Minify(line), written);
        Assert.Equal(op, Operation.FromJson(written));
    }

    // The literal line without the spaces between tokens (no string in these lines holds a space).
    private static string Minify(string line) => string.Concat(line.Where(c => c != ' '));

    [Fact]
    public void Protocol_lines_read_into_the_expected_records()
    {
        var ops = ProtocolLines.Select(row => Operation.FromJson(row.Data)).ToList();

        Assert.Equal(new SetCellOperation("Sheet1", "B4", "=SUM(B1:B3)"), ops[0]);
        Assert.Equal(CellAddress.Parse("B4"), ((SetCellOperation)ops[0]).Address);
        var setRange = Assert.IsType<SetRangeOperation>(ops[1]);
        Assert.Equal(RangeAddress.Parse("A1:C2"), setRange.Address);
        Assert.Equal("=A1+B2", setRange.Inputs[1][2]);
        Assert.Equal(new ClearRangeOperation("Sheet1", "A1:C2"), ops[2]);
        Assert.Equal(new InsertRowsOperation("Sheet1", 3, 2), ops[3]);
        Assert.Equal(new DeleteRowsOperation("Sheet1", 3, 2), ops[4]);
        Assert.Equal(new InsertColumnsOperation("Sheet1", 2, 1), ops[5]);
        Assert.Equal(new DeleteColumnsOperation("Sheet1", 2, 1), ops[6]);
        Assert.Equal(new AddSheetOperation("Assumptions", 1), ops[7]);
        Assert.Equal(new RenameSheetOperation("Assumptions", "Inputs"), ops[8]);
        Assert.Equal(new DeleteSheetOperation("Inputs"), ops[9]);
        Assert.Equal(new SetFormatOperation("Sheet1", "B2:B9", new FormatPatch("#,##0.00", true)), ops[10]);
    }

    [Fact]
    public void Add_sheet_without_index_leaves_it_out()
    {
        Assert.Equal("""{"type":"addSheet","name":"X"}""", new AddSheetOperation("X").ToJson());
        Assert.Null(((AddSheetOperation)Operation.FromJson("""{"type":"addSheet","name":"X"}""")).Index);
    }

    [Fact]
    public void Extra_types_batch_and_noop_round_trip()
    {
        var batch = new BatchOperation([new InsertRowsOperation("Sheet1", 2, 1), new SetCellOperation("Sheet1", "A2", "x"), Operation.None]);
        string json = batch.ToJson();

        Assert.Equal("""{"type":"batch","ops":[{"type":"insertRows","sheet":"Sheet1","at":2,"count":1},{"type":"setCell","sheet":"Sheet1","cell":"A2","input":"x"},{"type":"noop"}]}""", json);
        Assert.Equal(batch, Operation.FromJson(json));
        Assert.True(Operation.FromJson("""{"type":"noop"}""").IsNoOp);
        Assert.Equal("""{"type":"deleteSheet","sheet":"S","index":2}""", new DeleteSheetOperation("S", 2).ToJson());
    }

    [Fact]
    public void Discriminator_may_come_after_the_properties()
    {
        Assert.Equal(new ClearRangeOperation("Sheet1", "A1"), Operation.FromJson("""{"sheet":"Sheet1","range":"A1","type":"clearRange"}"""));
    }

    [Fact]
    public void Unknown_type_and_malformed_json_are_rejected()
    {
        Assert.ThrowsAny<JsonException>(() => Operation.FromJson("""{"type":"explode","sheet":"Sheet1"}"""));
        Assert.ThrowsAny<JsonException>(() => Operation.FromJson("""{"type":"insertRows","sheet":"Sheet1","at":"x","count":1}"""));
    }

    [Fact]
    public void An_invalid_address_is_kept_for_the_validator()
    {
        var op = (SetCellOperation)Operation.FromJson("""{"type":"setCell","sheet":"Sheet1","cell":"B0","input":"1"}""");
        Assert.Null(op.Address);
        Assert.Equal("B0", op.Cell);
    }

    [Fact]
    public void With_expression_reparses_the_address()
    {
        var op = new SetCellOperation("Sheet1", "B4", "1") with { Cell = "C7" };
        Assert.Equal(CellAddress.Parse("C7"), op.Address);
    }

    // What Operation.Read gives for the text, and the token the reader is left on (with a trailing value after it).
    private static (Operation Op, JsonTokenType Last, long Consumed) ReadWithReader(string json)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes($"[{json},7]");
        var reader = new Utf8JsonReader(bytes);
        reader.Read(); // [
        reader.Read(); // the op's {
        var op = Operation.Read(ref reader, OperationJson.Options);
        var last = reader.TokenType;
        var consumed = reader.BytesConsumed;
        reader.Read();
        Assert.Equal(7, reader.GetInt32()); // the next value is read from where the op ended
        return (op, last, consumed);
    }

    public static TheoryData<string> ReadLines => new()
    {
        """{"type":"setCell","sheet":"Sheet1","cell":"B4","input":"=SUM(B1:B3)"}""", // the direct reader's form
        """{"type":"setCell","cell":"B4","input":"x","sheet":"Sheet1"}""", // other order: still direct
        """{"sheet":"Sheet1","type":"setCell","cell":"B4","input":"x"}""", // type later: the serializer
        """{"type":"setCell","sheet":"Sheet1","cell":"B4","input":42}""", // a number typed: the serializer
        """{"type":"setCell","sheet":"Sheet1","cell":"B4","input":"x","note":"y"}""", // an unknown property
        """{"type":"setCell","sheet":"S\u0068eet1","cell":"b4","input":"a\"b\u00e9"}""", // escapes
        """{"type":"setCell","sheet":"Sheet1","cell":"ZZZ99999999","input":""}""", // an address the validator rejects
        """{"type":"clearRange","sheet":"Sheet1","range":"A1:C2"}""",
        """{"type":"batch","ops":[{"type":"setCell","sheet":"Sheet1","cell":"A1","input":"1"},{"type":"noop"}]}""",
    };

    [Theory]
    [MemberData(nameof(ReadLines))]
    public void Read_gives_what_the_serializer_gives_and_stops_at_the_op_end(string line)
    {
        var (op, last, _) = ReadWithReader(line);

        Assert.Equal(Operation.FromJson(line), op);
        Assert.Equal(JsonTokenType.EndObject, last);
        if (op is SetCellOperation set)
        {
            Assert.Equal(((SetCellOperation)Operation.FromJson(line)).Address, set.Address);
        }
    }

    [Theory]
    [InlineData("""{"type":"setCell","sheet":"Sheet1","cell":"B4"}""")] // input missing
    [InlineData("""{"type":"setCell","sheet":null,"cell":"B4","input":"x"}""")] // a null sheet
    [InlineData("""{"type":"setCell","sheet":"Sheet1","cell":["B4"],"input":"x"}""")] // not a string
    public void Read_fails_where_the_serializer_fails(string line)
    {
        Assert.ThrowsAny<JsonException>(() => Operation.FromJson(line));
        Assert.ThrowsAny<JsonException>(() => ReadWithReader(line));
    }

    [Fact]
    public void Read_takes_the_last_of_a_repeated_property_as_the_serializer_does()
    {
        const string line = """{"type":"setCell","sheet":"Sheet1","cell":"B4","cell":"C5","input":"x"}""";
        var (op, _, _) = ReadWithReader(line);

        Assert.Equal(Operation.FromJson(line), op);
        Assert.Equal("C5", ((SetCellOperation)op).Cell);
    }

    [Fact]
    public void Read_of_plain_set_cells_reuses_the_sheet_name_the_serializer_would_allocate_again()
    {
        const string line = """{"type":"setCell","sheet":"Budget 2027","cell":"B4","input":"1"}""";
        var first = (SetCellOperation)ReadWithReader(line).Op;
        var second = (SetCellOperation)ReadWithReader(line.Replace("B4", "C9")).Op;

        Assert.Same(first.Sheet, second.Sheet); // read directly, not through the serializer
        Assert.NotSame(((SetCellOperation)Operation.FromJson(line)).Sheet, ((SetCellOperation)Operation.FromJson(line)).Sheet);
        Assert.Equal(CellAddress.Parse("C9"), second.Address);
    }
}

