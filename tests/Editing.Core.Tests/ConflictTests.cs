using static Collab.Editing.Core.Tests.Ops;

namespace Collab.Editing.Core.Tests;

public class ConflictTests
{
    [Fact]
    public void The_earlier_write_to_the_same_cell_loses_and_is_reported_with_both_values()
    {
        var result = OperationTransformer.Transform(P("sc Cash Flow!B4 20"), P("sc Cash Flow!B4 10"));

        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(new ConflictInfo(ConflictLoser.Against, "Cash Flow", "B4", "10", "20"), conflict);
        Assert.Equal("'Cash Flow'!B4", conflict.QualifiedCell);
    }

    [Fact]
    public void Writing_the_same_value_is_no_conflict()
    {
        Assert.Empty(OperationTransformer.Transform(P("sc Sheet1!B4 7"), P("sc Sheet1!B4 7")).Conflicts);
    }

    [Fact]
    public void Each_overwritten_cell_of_a_range_is_reported()
    {
        var result = OperationTransformer.Transform(P("sr Sheet1!A1:B1 x|y"), P("sr Sheet1!B1:C1 1|2"));

        Assert.Equal([new ConflictInfo(ConflictLoser.Against, "Sheet1", "B1", "1", "y")], result.Conflicts);
    }

    [Fact]
    public void A_later_clear_over_an_earlier_value_is_reported_to_the_writer()
    {
        var result = OperationTransformer.Transform(P("cr Sheet1!A1:C3"), P("sc Sheet1!B2 5"));

        Assert.Equal([new ConflictInfo(ConflictLoser.Against, "Sheet1", "B2", "5", "")], result.Conflicts);
    }

    [Fact]
    public void Writes_into_deleted_rows_columns_or_sheets_are_reported_to_their_author()
    {
        Assert.Equal(
            [new ConflictInfo(ConflictLoser.Op, "Sheet1", "B5", "x", null)],
            OperationTransformer.Transform(P("sc Sheet1!B5 x"), P("dr Sheet1 4 3")).Conflicts);
        Assert.Equal(
            [new ConflictInfo(ConflictLoser.Op, "Sheet1", "B3", "b", null), new ConflictInfo(ConflictLoser.Op, "Sheet1", "C3", "c", null)],
            OperationTransformer.Transform(P("sr Sheet1!B2:C3 a|'';b|c"), P("dr Sheet1 3 1")).Conflicts);
        Assert.Equal(
            [new ConflictInfo(ConflictLoser.Op, "Sheet1", "C1", "v", null)],
            OperationTransformer.Transform(P("sc Sheet1!C1 v"), P("dc Sheet1 2 2")).Conflicts);
        Assert.Equal(
            [new ConflictInfo(ConflictLoser.Op, "Data", "A1", "1", null)],
            OperationTransformer.Transform(P("sc Data!A1 1"), P("ds Data")).Conflicts);
    }

    [Fact]
    public void A_write_the_server_applied_before_a_delete_is_not_a_conflict()
    {
        Assert.Empty(OperationTransformer.Transform(P("dr Sheet1 5 1"), P("sc Sheet1!B5 x")).Conflicts);
    }

    [Fact]
    public void Transform_through_the_log_collects_every_conflict()
    {
        var (op, conflicts) = OperationTransformer.TransformThrough(
            P("sr Sheet1!A1:A3 a;b;c"),
            [P("sc Sheet1!A1 first"), P("ir Sheet1 1 1"), P("dr Sheet1 3 1")]);

        Assert.Equal(P("sr Sheet1!A2:A3 a;c").ToJson(), op.ToJson());
        Assert.Equal(
            [new ConflictInfo(ConflictLoser.Against, "Sheet1", "A1", "first", "a"), new ConflictInfo(ConflictLoser.Op, "Sheet1", "A3", "b", null)],
            conflicts);
    }

    [Fact]
    public void Formatting_never_conflicts_with_values()
    {
        Assert.Empty(OperationTransformer.Transform(P("sf Sheet1!A1:C3 bold=true"), P("sc Sheet1!B2 5")).Conflicts);
        Assert.Empty(OperationTransformer.Transform(P("cr Sheet1!A1:C3"), P("cr Sheet1!B2:D4")).Conflicts);
    }
}
