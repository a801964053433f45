using System.Text.Json;
using Collab.Client;
using Collab.Editing.Core;

namespace Collab.IntegrationTests;

/// <summary>
/// How Collab.Client reads <c>OperationApplied</c>: field by field, and with shared replicas without reading again an
/// op another connection of the process read already.
/// </summary>
public class WireOperationAppliedConverterTests
{
    private const string Message = """{"modelId":"m1","revision":5,"opId":"o5","userId":"u1","op":{"type":"setCell","sheet":"Sheet1","cell":"B4","input":"=SUM(B1:B3)"}}""";

    private static JsonSerializerOptions Options(Func<string, long, Operation?>? known)
    {
        var options = new JsonSerializerOptions(WireJson.Options);
        options.Converters.Add(new WireOperationAppliedConverter(known));
        return options;
    }

    [Fact]
    public void An_op_the_shared_state_has_is_taken_from_it_and_its_text_skipped()
    {
        var logged = new SetCellOperation("Sheet1", "B4", "=SUM(B1:B3)");
        var asked = new List<(string, long)>();
        var read = JsonSerializer.Deserialize<List<WireOperationApplied>>($"[{Message}]", Options((model, revision) =>
        {
            asked.Add((model, revision));
            return model == "m1" && revision == 5 ? logged : null;
        }))!;

        var applied = Assert.Single(read);
        Assert.Same(logged, applied.Op);
        Assert.Equal([("m1", 5L)], asked);
        Assert.Equal(("m1", 5L, "o5", "u1"), (applied.ModelId, applied.Revision, applied.OpId, applied.UserId));
    }

    [Fact]
    public void An_op_the_shared_state_lacks_is_read_from_the_message()
    {
        var applied = JsonSerializer.Deserialize<WireOperationApplied>(Message, Options((_, _) => null))!;
        var plain = JsonSerializer.Deserialize<WireOperationApplied>(Message, WireJson.Options)!;

        Assert.Equal(new SetCellOperation("Sheet1", "B4", "=SUM(B1:B3)").ToJson(), applied.Op.ToJson());
        Assert.Equal(plain.Op.ToJson(), applied.Op.ToJson());
    }

    [Fact]
    public void Fields_after_a_skipped_op_are_still_read()
    {
        const string opFirst = """{"op":{"type":"clearRange","sheet":"Sheet1","range":"A1:B2"},"modelId":"m1","revision":7,"opId":"o7","userId":"u2"}""";
        var applied = JsonSerializer.Deserialize<WireOperationApplied>(opFirst, Options((_, _) => throw new InvalidOperationException("revision unknown yet: not asked")))!;

        // The op came before its revision: nothing to look up yet, so it is read; the fields after it follow.
        Assert.Equal(new ClearRangeOperation("Sheet1", "A1:B2").ToJson(), applied.Op.ToJson());
        Assert.Equal((7L, "o7", "u2"), (applied.Revision, applied.OpId, applied.UserId));
    }
}
