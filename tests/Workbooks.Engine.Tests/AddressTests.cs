using Collab.Workbooks.Engine;

namespace Workbooks.Engine.Tests;

public class AddressTests
{
    [Theory]
    [InlineData("A1", 1, 1)]
    [InlineData("B4", 4, 2)]
    [InlineData("$B$4", 4, 2)]
    [InlineData("z26", 26, 26)]
    [InlineData("AA1", 1, 27)]
    [InlineData("XFD1048576", 1_048_576, 16_384)]
    public void Parses_a1_addresses(string text, int row, int column)
    {
        var address = CellAddress.Parse(text);
        Assert.Equal(row, address.Row);
        Assert.Equal(column, address.Column);
    }

    [Theory]
    [InlineData("")]
    [InlineData("A0")]
    [InlineData("XFE1")]
    [InlineData("A1048577")]
    [InlineData("1A")]
    [InlineData("A1B")]
    [InlineData("ABCD1")]
    public void Rejects_invalid_addresses(string text) => Assert.False(CellAddress.TryParse(text, out _));

    [Theory]
    [InlineData(1, "A")]
    [InlineData(26, "Z")]
    [InlineData(27, "AA")]
    [InlineData(52, "AZ")]
    [InlineData(703, "AAA")]
    [InlineData(16_384, "XFD")]
    public void Column_names_round_trip(int column, string name)
    {
        Assert.Equal(name, CellAddress.ColumnName(column));
        Assert.Equal(column, CellAddress.ColumnNumber(name));
    }

    [Fact]
    public void Constructor_rejects_positions_outside_the_sheet()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CellAddress(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CellAddress(1, 16_385));
        Assert.Equal("C7", new CellAddress(7, 3).ToString());
    }

    [Theory]
    [InlineData("A1:C10", 1, 1, 10, 3, "A1:C10")]
    [InlineData("C10:A1", 1, 1, 10, 3, "A1:C10")]
    [InlineData("B4", 4, 2, 4, 2, "B4")]
    [InlineData("A:C", 1, 1, 1_048_576, 3, "A:C")]
    [InlineData("$3:$5", 3, 1, 5, 16_384, "3:5")]
    public void Parses_ranges(string text, int r1, int c1, int r2, int c2, string printed)
    {
        var range = RangeAddress.Parse(text);
        Assert.Equal(new CellAddress(r1, c1), range.Start);
        Assert.Equal(new CellAddress(r2, c2), range.End);
        Assert.Equal(printed, range.ToString());
    }

    [Fact]
    public void Range_contains_and_counts()
    {
        var range = RangeAddress.Parse("B2:D5");
        Assert.True(range.Contains(CellAddress.Parse("C3")));
        Assert.False(range.Contains(CellAddress.Parse("E3")));
        Assert.Equal(12, range.CellCount);
        Assert.True(RangeAddress.Parse("A:A").IsWholeColumns);
        Assert.False(RangeAddress.Parse("A1:A10").IsWholeColumns);
    }

    [Theory]
    [InlineData("Sheet1", "Sheet1")]
    [InlineData("Cash Flow", "'Cash Flow'")]
    [InlineData("It's", "'It''s'")]
    [InlineData("2024", "'2024'")]
    [InlineData("A1", "'A1'")]
    [InlineData("TRUE", "'TRUE'")]
    [InlineData("R1C1", "'R1C1'")]
    [InlineData("Données", "Données")]
    public void Sheet_names_are_quoted_when_needed(string name, string quoted) => Assert.Equal(quoted, SheetNames.Quote(name));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a:b")]
    [InlineData("a/b")]
    [InlineData("a[1]")]
    [InlineData("what?")]
    [InlineData("'quoted")]
    [InlineData("this name is far too long for excel")]
    public void Invalid_sheet_names_are_rejected(string name) => Assert.NotNull(SheetNames.Validate(name));

    [Theory]
    [InlineData("b4", null, "B4", false, false, "B4")]
    [InlineData("$B$4", null, "B4", true, true, "$B$4")]
    [InlineData("B$4", null, "B4", false, true, "B$4")]
    [InlineData("'Cash Flow'!$B$4:C9", "Cash Flow", "B4:C9", true, true, "'Cash Flow'!$B$4:C9")]
    [InlineData("'It''s'!A1", "It's", "A1", false, false, "'It''s'!A1")]
    [InlineData("Sheet2!C3:A1", "Sheet2", "A1:C3", false, false, "Sheet2!A1:C3")]
    [InlineData("Data!$A:$C", "Data", "A:C", true, false, "Data!$A:$C")]
    [InlineData("3:5", null, "3:5", false, false, "3:5")]
    public void References_parse_with_sheet_and_dollar_flags(string text, string? sheet, string range, bool columnAbsolute, bool rowAbsolute, string printed)
    {
        var reference = A1Reference.Parse(text);
        Assert.Equal(sheet, reference.Sheet);
        Assert.Equal(range, reference.Range.ToString());
        Assert.Equal(columnAbsolute, reference.StartColumnAbsolute);
        Assert.Equal(rowAbsolute, reference.StartRowAbsolute);
        Assert.Equal(printed, reference.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("=A1")]
    [InlineData("A1+1")]
    [InlineData("SUM(A1)")]
    [InlineData("'Open!A1")]
    [InlineData("XFE1")]
    public void Non_references_do_not_parse(string text) => Assert.False(A1Reference.TryParse(text, out _));

    [Fact]
    public void A1_references_parse_with_sheet_and_dollar_flags()
    {
        var formula = Formula.Parse("='Cash Flow'!$B$4:C9");
        Assert.Equal("='Cash Flow'!$B$4:C9", formula.Print());
        Assert.Equal("='It''s'!A1", Formula.Parse("='it''s'!a1").Print().Replace("it''s", "It''s", StringComparison.Ordinal));
    }
}
