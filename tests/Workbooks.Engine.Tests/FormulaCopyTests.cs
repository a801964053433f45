using Collab.Workbooks.Engine;
using Collab.Workbooks.Engine.Xlsx;
using CsCheck;

namespace Workbooks.Engine.Tests;

/// <summary>
/// A formula copied to another cell, as Excel writes it there (<see cref="FormulaRewriter.Shift"/>). Each expectation
/// was worked out by hand from Excel's rules: relative parts move by the distance, parts after a '$' stay.
/// </summary>
public class FormulaCopyTests
{
    [Theory]
    // C1 copied to C5 (4 down).
    [InlineData("=A1+$B$1", 4, 0, "=A5+$B$1")]
    // Mixed references, 2 down and 1 right: only the relative part of each moves.
    [InlineData("=$A1+A$1+$A$1+A1", 2, 1, "=$A3+B$1+$A$1+B3")]
    // Up and left.
    [InlineData("=D10*2", -3, -2, "=B7*2")]
    // Ranges move both ends; a running total keeps its absolute start.
    [InlineData("=SUM(A1:B3)", 1, 1, "=SUM(B2:C4)")]
    [InlineData("=SUM($A$1:A1)", 4, 0, "=SUM($A$1:A5)")]
    [InlineData("=SUM(A$1:B$3)", 10, 2, "=SUM(C$1:D$3)")]
    // Other sheets' references move the same way.
    [InlineData("=Data!B2*2", 1, 1, "=Data!C3*2")]
    [InlineData("='Cash Flow'!A1+A1", 1, 1, "='Cash Flow'!B2+B2")]
    [InlineData("=SUM(Data!$A$1:A2)", 3, 0, "=SUM(Data!$A$1:A5)")]
    // Whole columns keep every row and move sideways only; whole rows keep every column and move up or down only.
    [InlineData("=SUM(A:A)", 5, 1, "=SUM(B:B)")]
    [InlineData("=SUM($A:B)", 5, 1, "=SUM($A:C)")]
    [InlineData("=SUM(3:3)", 2, 3, "=SUM(5:5)")]
    [InlineData("=SUM($3:4)", 2, 3, "=SUM($3:6)")]
    [InlineData("=SUM(Data!A:B)", 0, 2, "=SUM(Data!C:D)")]
    // Names, functions (even ones whose names end in digits) and text in quotes are not references.
    [InlineData("=Growth*A1", 1, 0, "=Growth*A2")]
    [InlineData("=LOG10(A1)+ATAN2(B1,C1)", 1, 0, "=LOG10(A2)+ATAN2(B2,C2)")]
    [InlineData("=A1&\" see B2 and $C$3\"", 1, 1, "=B2&\" see B2 and $C$3\"")]
    [InlineData("=INDIRECT(\"A1\")+A1", 1, 0, "=INDIRECT(\"A1\")+A2")]
    // A reference moved off the sheet becomes #REF!; a range with an end off the sheet is #REF! as a whole.
    [InlineData("=A1", -1, 0, "=#REF!")]
    [InlineData("=B1-A1", 0, -1, "=A1-#REF!")]
    [InlineData("=SUM(A1:A3)+A4", -1, 0, "=SUM(#REF!)+A3")]
    [InlineData("=A1048576", 1, 0, "=#REF!")]
    [InlineData("=XFD1", 0, 1, "=#REF!")]
    [InlineData("=SUM(A:A)", 0, -1, "=SUM(#REF!)")]
    [InlineData("=SUM(1:2)", -1, 0, "=SUM(#REF!)")]
    // Excel shows Data!#REF!; the engine writes every reference error as #REF!.
    [InlineData("=Data!A1", -1, 0, "=#REF!")]
    // Absolute parts never leave the sheet.
    [InlineData("=$A$1+A$1+$A1", -5, -5, "=$A$1+#REF!+#REF!")]
    public void Relative_parts_move_by_the_distance_and_absolute_parts_stay(string input, int rows, int columns, string expected) =>
        Assert.Equal(expected, FormulaRewriter.Shift(input, rows, columns));

    [Theory]
    [InlineData("42")]
    [InlineData("A1")]
    [InlineData("hello B2")]
    [InlineData("")]
    [InlineData("=")]
    [InlineData("=SUM(A1")]
    public void Inputs_that_are_not_formulas_and_broken_formulas_are_copied_unchanged(string input) =>
        Assert.Equal(input, FormulaRewriter.Shift(input, 3, 2));

    [Fact]
    public void A_copy_to_the_same_cell_or_without_references_returns_the_input_itself()
    {
        var input = "=a1+1";
        Assert.Same(input, FormulaRewriter.Shift(input, 0, 0));
        var constant = "=1+2";
        Assert.Same(constant, FormulaRewriter.Shift(constant, 5, 5));
    }

    [Fact]
    public void A_formula_kept_verbatim_from_a_file_has_the_references_of_its_text_moved()
    {
        Assert.Equal("=UNSUPPORTED.FORMULA(\"A4+Table1[Col]\")", FormulaRewriter.Shift("=UNSUPPORTED.FORMULA(\"A2+Table1[Col]\")", 2, 0));
        Assert.Equal("=UNSUPPORTED.FORMULA(\"SUM(#REF!)+Table1[Col]\")", FormulaRewriter.Shift("=UNSUPPORTED.FORMULA(\"SUM(A1:B2)+Table1[Col]\")", -1, 0));
        // An array formula kept verbatim spans its own range: it is not moved.
        const string array = "=UNSUPPORTED.FORMULA(\"SUM(A1:A5*2)\",\"G1\")";
        Assert.Equal(array, FormulaRewriter.Shift(array, 1, 0));
    }

    [Theory]
    [InlineData("A1:B2", -1, 0, "#REF!")]
    [InlineData("SUM(A2:B3)", -1, 1, "SUM(B1:C2)")]
    [InlineData("Data!A1+'My Sheet'!$B1", 1, 1, "Data!B2+'My Sheet'!$B2")]
    [InlineData("Data!A1", -1, 0, "Data!#REF!")]
    [InlineData("A:A+3:3+Table1[[#This Row],[B2]]", 1, 1, "B:B+4:4+Table1[[#This Row],[B2]]")]
    [InlineData("LOG10(A1)&\"A1\"", 1, 0, "LOG10(A2)&\"A1\"")]
    public void The_text_shift_for_formulas_the_engine_cannot_parse_follows_the_same_rules(string fileText, int rows, int columns, string expected) =>
        Assert.Equal(expected, FormulaFileText.Shift(fileText, rows, columns));

    /// <summary>
    /// A copy there and back gives the formula again, whenever no reference left the sheet on the way. A range's two
    /// corners get the same $ flags here: in a mixed one ($A1:$B$1) a relative corner that passes the absolute one
    /// swaps the flags between the corners when the range is normalised to top-left:bottom-right, as in Excel (the
    /// same cells, other text), which the hand-written cases above cover.
    /// </summary>
    [Fact]
    public void Copying_there_and_back_gives_the_original()
    {
        static string Cell(bool columnAbsolute, int column, bool rowAbsolute, int row) =>
            (columnAbsolute ? "$" : "") + CellAddress.ColumnName(column) + (rowAbsolute ? "$" : "") + row.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var reference = Gen.Select(Gen.Bool, Gen.Int[100, 1000], Gen.Bool, Gen.Int[100, 1000], Cell);
        var range = Gen.Select(Gen.Bool, Gen.Bool, Gen.Int[100, 1000].Array[4],
            (columnAbsolute, rowAbsolute, at) => Cell(columnAbsolute, at[0], rowAbsolute, at[1]) + ":" + Cell(columnAbsolute, at[2], rowAbsolute, at[3]));
        var formula = Gen.Select(range, reference, (a, c) => $"=SUM({a})*{c}");
        Gen.Select(formula, Gen.Int[-99, 99], Gen.Int[-99, 99]).Sample((input, rows, columns) =>
        {
            var there = FormulaRewriter.Shift(input, rows, columns);
            var back = FormulaRewriter.Shift(there, -rows, -columns);
            Assert.Equal(Formula.Parse(input).Print(), Formula.Parse(back).Print());
        }, iter: 500);
    }
}
