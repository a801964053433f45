using static Collab.Editing.Core.Tests.Ops;

namespace Collab.Editing.Core.Tests;

/// <summary>
/// Hand-computed transforms for every pair of op types (the eleven of PROTOCOL plus batch and noop), formulas and
/// ranges included. Each row: op, against (ordered first), expected op', expected against'. Every row whose ops
/// are valid on <see cref="Base"/> is also checked for TP1 there.
/// </summary>
public class TransformTableTests
{
    public static TheoryData<string, string, string, string> Table => new()
    {
        // ---- setCell ----
        { "sc Sheet1!B5 7", "sc Sheet1!B5 8", "sc Sheet1!B5 7", "noop" },
        { "sc Sheet1!B2 x", "sr Sheet1!A1:B2 1|2;3|4", "sc Sheet1!B2 x", "sr Sheet1!A1:B2 1|2;3|x" },
        { "sc Sheet1!B2 x", "cr Sheet1!A1:C3", "sc Sheet1!B2 x", "batch: cr Sheet1!A1:C3 && sc Sheet1!B2 x" },
        { "sc Sheet1!B5 =A5+A2", "ir Sheet1 2 1", "sc Sheet1!B6 =A6+A3", "ir Sheet1 2 1" }, // PROTOCOL: B5 lands on B6, references shifted
        { "sc Sheet1!B7 =SUM(A1:A4)", "ir Sheet1 3 1", "sc Sheet1!B8 =SUM(A1:A5)", "ir Sheet1 3 1" }, // PROTOCOL: the range grows
        { "sc Sheet1!B7 =A5+A6", "dr Sheet1 5 1", "sc Sheet1!B6 =#REF!+A5", "dr Sheet1 5 1" },
        { "sc Sheet1!B5 x", "dr Sheet1 5 1", "noop", "dr Sheet1 5 1" },
        { "sc Sheet1!C2 =A2+B2", "ic Sheet1 2 1", "sc Sheet1!D2 =A2+C2", "ic Sheet1 2 1" },
        { "sc Sheet1!C2 =A2+B2", "dc Sheet1 2 1", "sc Sheet1!B2 =A2+#REF!", "dc Sheet1 2 1" },
        { "sc Sheet1!B2 1", "as New|1", "sc Sheet1!B2 1", "as New|1" },
        { "sc Data!A3 =Sheet1!A1", "rs Sheet1|Main", "sc Data!A3 =Main!A1", "rs Sheet1|Main" },
        { "sc Sheet1!B2 =A1", "rs Sheet1|Main", "sc Main!B2 =A1", "rs Sheet1|Main" },
        { "sc Data!A3 1", "ds Data|1", "noop", "ds Data|1" },
        { "sc Sheet1!E1 =Data!A1*2", "ds Data|1", "sc Sheet1!E1 =#REF!*2", "ds Data|1" },
        { "sc Sheet1!B2 1", "sf Sheet1!A1:C3 bold=true", "sc Sheet1!B2 1", "sf Sheet1!A1:C3 bold=true" },
        { "sc Sheet1!B5 x", "batch: ir Sheet1 1 1 && sc Sheet1!B6 y", "sc Sheet1!B6 x", "ir Sheet1 1 1" },
        { "sc Sheet1!B2 1", "noop", "sc Sheet1!B2 1", "noop" },

        // ---- setRange ----
        { "sr Sheet1!A1:B2 1|2;3|4", "sc Sheet1!B2 x", "sr Sheet1!A1:B2 1|2;3|4", "noop" },
        { "sr Sheet1!A1:B2 1|2;3|4", "sr Sheet1!B2:C3 5|6;7|8", "sr Sheet1!A1:B2 1|2;3|4", "sr Sheet1!B2:C3 4|6;7|8" },
        { "sr Sheet1!A1:B2 1|2;3|4", "cr Sheet1!B2:C3", "sr Sheet1!A1:B2 1|2;3|4", "batch: cr Sheet1!B2:C3 && sr Sheet1!A1:B2 1|2;3|4" },
        { "sr Sheet1!E1:E4 1;2;3;=A3", "ir Sheet1 3 2", "batch: sr Sheet1!E1:E2 1;2 && sr Sheet1!E5:E6 3;=A5", "ir Sheet1 3 2" },
        { "sr Sheet1!E2:E5 a;b;c;d", "dr Sheet1 3 2", "sr Sheet1!E2:E3 a;d", "dr Sheet1 3 2" },
        { "sr Sheet1!E1:G1 1|2|3", "ic Sheet1 6 1", "batch: sr Sheet1!E1 1 && sr Sheet1!G1:H1 2|3", "ic Sheet1 6 1" },
        { "sr Sheet1!E1:G1 1|2|3", "dc Sheet1 5 1", "sr Sheet1!E1:F1 2|3", "dc Sheet1 5 1" },
        { "sr Sheet1!E1:F1 1|2", "as New|0", "sr Sheet1!E1:F1 1|2", "as New|0" },
        { "sr Sheet1!E1:F1 =Data!A1|x", "rs Data|Facts", "sr Sheet1!E1:F1 =Facts!A1|x", "rs Data|Facts" },
        { "sr Data!D1:D2 1;2", "ds Data|1", "noop", "ds Data|1" },
        { "sr Sheet1!E1:F1 1|2", "sf Sheet1!E1 nf=0.00", "sr Sheet1!E1:F1 1|2", "sf Sheet1!E1 nf=0.00" },
        { "sr Sheet1!E1:E2 1;2", "batch: dr Sheet1 1 1 && sc Sheet1!E1 z", "sr Sheet1!E1 2", "dr Sheet1 1 1" },
        { "sr Sheet1!E1:F1 1|2", "noop", "sr Sheet1!E1:F1 1|2", "noop" },

        // ---- clearRange ----
        { "cr Sheet1!A1:C3", "sc Sheet1!B2 x", "cr Sheet1!A1:C3", "noop" },
        { "cr Sheet1!A1:B2", "sr Sheet1!B2:C2 5|6", "cr Sheet1!A1:B2", "sr Sheet1!B2:C2 ''|6" },
        { "cr Sheet1!A1:B2", "cr Sheet1!B2:C3", "cr Sheet1!A1:B2", "cr Sheet1!B2:C3" },
        { "cr Sheet1!A2:B5", "ir Sheet1 3 1", "batch: cr Sheet1!A2:B2 && cr Sheet1!A4:B6", "ir Sheet1 3 1" },
        { "cr Sheet1!A2:B5", "dr Sheet1 3 2", "cr Sheet1!A2:B3", "dr Sheet1 3 2" },
        { "cr Sheet1!A1:C1", "ic Sheet1 1 2", "cr Sheet1!C1:E1", "ic Sheet1 1 2" },
        { "cr Sheet1!B1:B3", "dc Sheet1 2 1", "noop", "dc Sheet1 2 1" },
        { "cr Sheet1!A1:A2", "as New|2", "cr Sheet1!A1:A2", "as New|2" },
        { "cr Sheet1!A1:A2", "rs Sheet1|Main", "cr Main!A1:A2", "rs Sheet1|Main" },
        { "cr Data!A1:A2", "ds Data|1", "noop", "ds Data|1" },
        { "cr Sheet1!A1:A2", "sf Sheet1!A1:A2 bold=true", "cr Sheet1!A1:A2", "sf Sheet1!A1:A2 bold=true" },
        { "cr Sheet1!A1:A3", "batch: sc Sheet1!A2 q && ir Sheet1 1 1", "cr Sheet1!A2:A4", "ir Sheet1 1 1" },
        { "cr Sheet1!A1:A3", "noop", "cr Sheet1!A1:A3", "noop" },

        // ---- insertRows ----
        { "ir Sheet1 2 1", "sc Sheet1!B5 =A5", "ir Sheet1 2 1", "sc Sheet1!B6 =A6" },
        { "ir Sheet1 2 1", "sr Sheet1!E1:E3 1;2;3", "ir Sheet1 2 1", "batch: sr Sheet1!E1 1 && sr Sheet1!E3:E4 2;3" },
        { "ir Sheet1 3 1", "cr Sheet1!A1:A5", "ir Sheet1 3 1", "batch: cr Sheet1!A1:A2 && cr Sheet1!A4:A6" },
        { "ir Sheet1 3 2", "ir Sheet1 3 1", "ir Sheet1 4 2", "ir Sheet1 3 1" }, // the first ordered keeps the place
        { "ir Sheet1 2 1", "ir Sheet1 5 1", "ir Sheet1 2 1", "ir Sheet1 6 1" },
        { "ir Sheet1 7 1", "dr Sheet1 2 2", "ir Sheet1 5 1", "dr Sheet1 2 2" },
        { "ir Sheet1 3 1", "dr Sheet1 2 2", "noop", "dr Sheet1 2 3" }, // inside the deleted block: absorbed
        { "ir Sheet1 4 1", "dr Sheet1 2 2", "noop", "dr Sheet1 2 3" }, // right after it: absorbed
        { "ir Sheet1 2 1", "dr Sheet1 4 2", "ir Sheet1 2 1", "dr Sheet1 5 2" },
        { "ir Sheet1 2 1", "ic Sheet1 2 1", "ir Sheet1 2 1", "ic Sheet1 2 1" },
        { "ir Sheet1 2 1", "dc Sheet1 2 1", "ir Sheet1 2 1", "dc Sheet1 2 1" },
        { "ir Sheet1 2 1", "as New|1", "ir Sheet1 2 1", "as New|1" },
        { "ir Sheet1 2 1", "rs Sheet1|Main", "ir Main 2 1", "rs Sheet1|Main" },
        { "ir Data 2 1", "ds Data|1", "noop", "ds Data|1" },
        { "ir Sheet1 2 1", "sf Sheet1!A1:A3 bold=true", "ir Sheet1 2 1", "batch: sf Sheet1!A1 bold=true && sf Sheet1!A3:A4 bold=true" },
        { "ir Sheet1 2 1", "batch: sc Sheet1!A3 x && dr Sheet1 5 1", "ir Sheet1 2 1", "batch: sc Sheet1!A4 x && dr Sheet1 6 1" },
        { "ir Sheet1 2 1", "noop", "ir Sheet1 2 1", "noop" },

        // ---- deleteRows ----
        { "dr Sheet1 3 1", "sc Sheet1!B5 =A3+A4", "dr Sheet1 3 1", "sc Sheet1!B4 =#REF!+A3" },
        { "dr Sheet1 3 1", "sc Sheet1!A3 x", "dr Sheet1 3 1", "noop" },
        { "dr Sheet1 2 1", "sr Sheet1!E1:E3 1;2;3", "dr Sheet1 2 1", "sr Sheet1!E1:E2 1;3" },
        { "dr Sheet1 2 2", "cr Sheet1!A1:A5", "dr Sheet1 2 2", "cr Sheet1!A1:A3" },
        { "dr Sheet1 2 2", "ir Sheet1 5 1", "dr Sheet1 2 2", "ir Sheet1 3 1" },
        { "dr Sheet1 2 2", "ir Sheet1 4 1", "dr Sheet1 2 3", "noop" },
        { "dr Sheet1 2 3", "dr Sheet1 3 3", "dr Sheet1 2 1", "dr Sheet1 2 1" }, // the union 2..5 once
        { "dr Sheet1 5 1", "dr Sheet1 2 1", "dr Sheet1 4 1", "dr Sheet1 2 1" },
        { "dr Sheet1 2 1", "dr Sheet1 2 1", "noop", "noop" },
        { "dr Sheet1 2 1", "ic Sheet1 1 1", "dr Sheet1 2 1", "ic Sheet1 1 1" },
        { "dr Sheet1 2 1", "dc Sheet1 1 1", "dr Sheet1 2 1", "dc Sheet1 1 1" },
        { "dr Sheet1 2 1", "as New|0", "dr Sheet1 2 1", "as New|0" },
        { "dr Sheet1 2 1", "rs Sheet1|Main", "dr Main 2 1", "rs Sheet1|Main" },
        { "dr Data 1 1", "ds Data|1", "noop", "ds Data|1" },
        { "dr Sheet1 2 1", "sf Sheet1!A1:A3 nf=0.00", "dr Sheet1 2 1", "sf Sheet1!A1:A2 nf=0.00" },
        { "dr Sheet1 2 1", "batch: ir Sheet1 1 1 && sc Sheet1!A4 y", "dr Sheet1 3 1", "batch: ir Sheet1 1 1 && sc Sheet1!A3 y" },
        { "dr Sheet1 2 1", "noop", "dr Sheet1 2 1", "noop" },

        // ---- insertColumns ----
        { "ic Sheet1 1 1", "sc Sheet1!B2 =A2", "ic Sheet1 1 1", "sc Sheet1!C2 =B2" },
        { "ic Sheet1 2 1", "sr Sheet1!A9:C9 1|2|3", "ic Sheet1 2 1", "batch: sr Sheet1!A9 1 && sr Sheet1!C9:D9 2|3" },
        { "ic Sheet1 2 1", "cr Sheet1!A1:C1", "ic Sheet1 2 1", "batch: cr Sheet1!A1 && cr Sheet1!C1:D1" },
        { "ic Sheet1 2 1", "ir Sheet1 2 1", "ic Sheet1 2 1", "ir Sheet1 2 1" },
        { "ic Sheet1 2 1", "dr Sheet1 2 1", "ic Sheet1 2 1", "dr Sheet1 2 1" },
        { "ic Sheet1 2 1", "ic Sheet1 2 1", "ic Sheet1 3 1", "ic Sheet1 2 1" },
        { "ic Sheet1 5 1", "dc Sheet1 2 1", "ic Sheet1 4 1", "dc Sheet1 2 1" },
        { "ic Sheet1 2 1", "dc Sheet1 2 1", "noop", "dc Sheet1 2 2" },
        { "ic Sheet1 2 1", "as New|1", "ic Sheet1 2 1", "as New|1" },
        { "ic Sheet1 2 1", "rs Sheet1|Main", "ic Main 2 1", "rs Sheet1|Main" },
        { "ic Data 2 1", "ds Data|1", "noop", "ds Data|1" },
        { "ic Sheet1 1 1", "sf Sheet1!A1:B1 bold=true", "ic Sheet1 1 1", "sf Sheet1!B1:C1 bold=true" },
        { "ic Sheet1 1 1", "batch: sc Sheet1!A1 x && dc Sheet1 3 1", "ic Sheet1 1 1", "batch: sc Sheet1!B1 x && dc Sheet1 4 1" },
        { "ic Sheet1 1 1", "noop", "ic Sheet1 1 1", "noop" },

        // ---- deleteColumns ----
        { "dc Sheet1 1 1", "sc Sheet1!C2 =A2+B2", "dc Sheet1 1 1", "sc Sheet1!B2 =#REF!+A2" },
        { "dc Sheet1 2 1", "sr Sheet1!A9:C9 1|2|3", "dc Sheet1 2 1", "sr Sheet1!A9:B9 1|3" },
        { "dc Sheet1 2 1", "cr Sheet1!A1:C1", "dc Sheet1 2 1", "cr Sheet1!A1:B1" },
        { "dc Sheet1 2 1", "ir Sheet1 1 1", "dc Sheet1 2 1", "ir Sheet1 1 1" },
        { "dc Sheet1 2 1", "dr Sheet1 1 1", "dc Sheet1 2 1", "dr Sheet1 1 1" },
        { "dc Sheet1 2 2", "ic Sheet1 3 1", "dc Sheet1 2 3", "noop" },
        { "dc Sheet1 1 2", "dc Sheet1 2 2", "dc Sheet1 1 1", "dc Sheet1 1 1" },
        { "dc Sheet1 2 1", "as New|1", "dc Sheet1 2 1", "as New|1" },
        { "dc Sheet1 2 1", "rs Sheet1|Main", "dc Main 2 1", "rs Sheet1|Main" },
        { "dc Data 2 1", "ds Data|1", "noop", "ds Data|1" },
        { "dc Sheet1 1 1", "sf Sheet1!A1:C1 bold=true", "dc Sheet1 1 1", "sf Sheet1!A1:B1 bold=true" },
        { "dc Sheet1 1 1", "batch: sc Sheet1!B1 x && sc Sheet1!A1 y", "dc Sheet1 1 1", "sc Sheet1!A1 x" },
        { "dc Sheet1 1 1", "noop", "dc Sheet1 1 1", "noop" },

        // ---- addSheet ----
        { "as New|1", "sc Sheet1!B2 1", "as New|1", "sc Sheet1!B2 1" },
        { "as New|1", "sr Sheet1!E1:F1 1|2", "as New|1", "sr Sheet1!E1:F1 1|2" },
        { "as New|1", "cr Sheet1!A1:B2", "as New|1", "cr Sheet1!A1:B2" },
        { "as New|1", "ir Sheet1 2 1", "as New|1", "ir Sheet1 2 1" },
        { "as New|1", "dr Sheet1 2 1", "as New|1", "dr Sheet1 2 1" },
        { "as New|1", "ic Sheet1 2 1", "as New|1", "ic Sheet1 2 1" },
        { "as New|1", "dc Sheet1 2 1", "as New|1", "dc Sheet1 2 1" },
        { "as New|1", "as Plan|1", "as New|2", "as Plan|1" }, // same index: the first ordered keeps it
        { "as New|1", "as new|3", "as New (2)|1", "batch: rs New|New (2) && as new|4" }, // same name: the later one becomes "New (2)"
        { "as Plan|0", "rs Data|Plan", "as Plan (2)|0", "batch: rs Plan|Plan (2) && rs Data|Plan" },
        { "as New|3", "ds Data|1", "as New|2", "ds Data|1" },
        { "as New|1", "ds Data|1", "as New|1", "ds Data|2" },
        { "as New|1", "sf Sheet1!A1 bold=true", "as New|1", "sf Sheet1!A1 bold=true" },
        { "as New|1", "batch: as Plan|0 && ds Data|2", "as New|2", "batch: as Plan|0 && ds Data|3" },
        { "as New|1", "noop", "as New|1", "noop" },

        // ---- renameSheet ----
        { "rs Sheet1|Main", "sc Sheet1!B2 =Sheet1!A1+Data!A1", "rs Sheet1|Main", "sc Main!B2 =Main!A1+Data!A1" },
        { "rs Data|Facts", "sr Sheet1!E1:F1 =Data!A2|1", "rs Data|Facts", "sr Sheet1!E1:F1 =Facts!A2|1" },
        { "rs Sheet1|Main", "cr Sheet1!A1:A2", "rs Sheet1|Main", "cr Main!A1:A2" },
        { "rs Sheet1|Main", "ir Sheet1 2 1", "rs Sheet1|Main", "ir Main 2 1" },
        { "rs Sheet1|Main", "dr Sheet1 2 1", "rs Sheet1|Main", "dr Main 2 1" },
        { "rs Sheet1|Main", "ic Sheet1 2 1", "rs Sheet1|Main", "ic Main 2 1" },
        { "rs Sheet1|Main", "dc Sheet1 2 1", "rs Sheet1|Main", "dc Main 2 1" },
        { "rs Data|Plan", "as plan|1", "rs Data|Plan (2)", "batch: rs Plan|Plan (2) && as plan|1" },
        { "rs Data|Facts", "rs Data|Numbers", "rs Numbers|Facts", "noop" }, // same sheet: the later name wins
        { "rs Data|Plan", "rs Inputs|Plan", "rs Data|Plan (2)", "batch: rs Plan|Plan (2) && rs Inputs|Plan" },
        { "rs Data|Facts", "ds Data|1", "noop", "ds Facts|1" },
        { "rs Sheet1|Main", "sf Sheet1!A1 bold=true", "rs Sheet1|Main", "sf Main!A1 bold=true" },
        { "rs Data|Facts", "batch: sc Data!A5 1 && rs Inputs|Facts", "rs Data|Facts (2)", "batch: sc Facts!A5 1 && rs Facts|Facts (2) && rs Inputs|Facts" },
        { "rs Data|Facts", "noop", "rs Data|Facts", "noop" },

        // ---- deleteSheet ----
        { "ds Data|1", "sc Data!A1 1", "ds Data|1", "noop" },
        { "ds Data|1", "sc Sheet1!E1 =Data!A1", "ds Data|1", "sc Sheet1!E1 =#REF!" },
        { "ds Data|1", "sr Data!D1:D2 1;2", "ds Data|1", "noop" },
        { "ds Data|1", "cr Data!A1:B2", "ds Data|1", "noop" },
        { "ds Data|1", "ir Data 1 1", "ds Data|1", "noop" },
        { "ds Data|1", "dr Data 1 1", "ds Data|1", "noop" },
        { "ds Data|1", "ic Data 1 1", "ds Data|1", "noop" },
        { "ds Data|1", "dc Data 1 1", "ds Data|1", "noop" },
        { "ds Data|1", "as New|0", "ds Data|2", "as New|0" },
        { "ds Data|1", "rs Data|Facts", "ds Facts|1", "noop" },
        { "ds Data|1", "ds Data|1", "noop", "noop" },
        { "ds Inputs|2", "ds Data|1", "ds Inputs|1", "ds Data|1" },
        { "ds Data|1", "sf Data!A1 bold=true", "ds Data|1", "noop" },
        { "ds Data|1", "batch: sc Data!A1 5 && sc Sheet1!E2 =Data!A1", "ds Data|1", "sc Sheet1!E2 =#REF!" },
        { "ds Data|1", "noop", "ds Data|1", "noop" },

        // ---- setFormat ----
        { "sf Sheet1!A1:B2 bold=true", "sc Sheet1!A1 9", "sf Sheet1!A1:B2 bold=true", "sc Sheet1!A1 9" },
        { "sf Sheet1!A1:B2 bold=true", "sr Sheet1!A1:B1 1|2", "sf Sheet1!A1:B2 bold=true", "sr Sheet1!A1:B1 1|2" },
        { "sf Sheet1!A1:B2 bold=true", "cr Sheet1!A1:B1", "sf Sheet1!A1:B2 bold=true", "cr Sheet1!A1:B1" },
        { "sf Sheet1!A1:A3 bold=true", "ir Sheet1 2 1", "batch: sf Sheet1!A1 bold=true && sf Sheet1!A3:A4 bold=true", "ir Sheet1 2 1" },
        { "sf Sheet1!A1:A3 nf=0.00", "dr Sheet1 1 2", "sf Sheet1!A1 nf=0.00", "dr Sheet1 1 2" },
        { "sf Sheet1!A1:B1 bold=true", "ic Sheet1 1 1", "sf Sheet1!B1:C1 bold=true", "ic Sheet1 1 1" },
        { "sf Sheet1!A1:B1 bold=true", "dc Sheet1 1 1", "sf Sheet1!A1 bold=true", "dc Sheet1 1 1" },
        { "sf Sheet1!A1 bold=true", "as New|1", "sf Sheet1!A1 bold=true", "as New|1" },
        { "sf Sheet1!A1 bold=true", "rs Sheet1|Main", "sf Main!A1 bold=true", "rs Sheet1|Main" },
        { "sf Data!A1 bold=true", "ds Data|1", "noop", "ds Data|1" },
        { "sf Sheet1!A1:B2 bold=true", "sf Sheet1!B2:C3 bold=false", "sf Sheet1!A1:B2 bold=true", "batch: sf Sheet1!B2:C3 bold=false && sf Sheet1!A1:B2 bold=true" },
        { "sf Sheet1!A1:B2 nf=0.00", "sf Sheet1!A1:B2 bold=true", "sf Sheet1!A1:B2 nf=0.00", "sf Sheet1!A1:B2 bold=true" },
        { "sf Sheet1!A1:C3 nf=0.00 bold=true", "sf Sheet1!B2 bold=false", "sf Sheet1!A1:C3 nf=0.00 bold=true", "noop" },
        { "sf Sheet1!A1:A2 bold=true", "batch: ir Sheet1 1 1 && sf Sheet1!A2 bold=false", "sf Sheet1!A2:A3 bold=true", "ir Sheet1 1 1" },
        { "sf Sheet1!A1 bold=true", "noop", "sf Sheet1!A1 bold=true", "noop" },

        // ---- batch ----
        { "batch: ir Sheet1 1 1 && sc Sheet1!A1 t", "sc Sheet1!A1 u", "batch: ir Sheet1 1 1 && sc Sheet1!A1 t", "sc Sheet1!A2 u" },
        { "batch: sc Sheet1!E1 a && sc Sheet1!E2 b", "sr Sheet1!E1:E2 x;y", "batch: sc Sheet1!E1 a && sc Sheet1!E2 b", "sr Sheet1!E1:E2 a;b" },
        { "batch: sc Sheet1!A1 t && sc Sheet1!A9 u", "cr Sheet1!A1:A3", "batch: sc Sheet1!A1 t && sc Sheet1!A9 u", "batch: cr Sheet1!A1:A3 && sc Sheet1!A1 t" },
        { "batch: sc Sheet1!A3 t && dr Sheet1 5 1", "ir Sheet1 2 1", "batch: sc Sheet1!A4 t && dr Sheet1 6 1", "ir Sheet1 2 1" },
        { "batch: ir Sheet1 3 1 && sc Sheet1!A3 new", "dr Sheet1 3 1", "noop", "dr Sheet1 3 2" },
        { "batch: sc Sheet1!B1 t && sc Sheet1!C1 u", "ic Sheet1 2 1", "batch: sc Sheet1!C1 t && sc Sheet1!D1 u", "ic Sheet1 2 1" },
        { "batch: sc Sheet1!B1 t && sc Sheet1!C1 u", "dc Sheet1 2 1", "sc Sheet1!B1 u", "dc Sheet1 2 1" },
        { "batch: as New|1 && sc New!A1 1", "as New|1", "batch: as New (2)|2 && sc New (2)!A1 1", "batch: rs New|New (2) && as New|1" },
        { "batch: sc Data!A5 1 && ir Data 1 1", "rs Data|Facts", "batch: sc Facts!A5 1 && ir Facts 1 1", "rs Data|Facts" },
        { "batch: sc Data!A5 1 && sc Sheet1!E1 2", "ds Data|1", "sc Sheet1!E1 2", "ds Data|1" },
        { "batch: ir Sheet1 1 1 && sc Sheet1!A1 t", "sf Sheet1!A1 bold=true", "batch: ir Sheet1 1 1 && sc Sheet1!A1 t", "sf Sheet1!A2 bold=true" },
        { "batch: ir Sheet1 1 1 && sc Sheet1!A1 t", "batch: ir Sheet1 1 1 && sc Sheet1!A1 u", "batch: ir Sheet1 2 1 && sc Sheet1!A2 t", "batch: ir Sheet1 1 1 && sc Sheet1!A1 u" },
        { "batch: ir Sheet1 1 1 && sc Sheet1!A1 t", "noop", "batch: ir Sheet1 1 1 && sc Sheet1!A1 t", "noop" },

        // ---- noop ----
        { "noop", "sc Sheet1!B2 1", "noop", "sc Sheet1!B2 1" },
        { "noop", "sr Sheet1!E1:F1 1|2", "noop", "sr Sheet1!E1:F1 1|2" },
        { "noop", "cr Sheet1!A1:B2", "noop", "cr Sheet1!A1:B2" },
        { "noop", "ir Sheet1 2 1", "noop", "ir Sheet1 2 1" },
        { "noop", "dr Sheet1 2 1", "noop", "dr Sheet1 2 1" },
        { "noop", "ic Sheet1 2 1", "noop", "ic Sheet1 2 1" },
        { "noop", "dc Sheet1 2 1", "noop", "dc Sheet1 2 1" },
        { "noop", "as New|1", "noop", "as New|1" },
        { "noop", "rs Data|Facts", "noop", "rs Data|Facts" },
        { "noop", "ds Data|1", "noop", "ds Data|1" },
        { "noop", "sf Sheet1!A1 bold=true", "noop", "sf Sheet1!A1 bold=true" },
        { "noop", "batch: ir Sheet1 1 1 && sc Sheet1!A1 t", "noop", "batch: ir Sheet1 1 1 && sc Sheet1!A1 t" },
        { "noop", "noop", "noop", "noop" },
    };

    /// <summary>Sheet1 holds numbers and formulas with ranges and cross-sheet references; Data and Inputs a few cells.</summary>
    internal static Collab.Workbooks.Engine.Workbook Base() => Books.Create(
        ["Sheet1", "Data", "Inputs"],
        ("A1", "1"), ("A2", "2"), ("A3", "3"), ("A4", "4"), ("A5", "5"), ("A6", "6"), ("A7", "7"),
        ("B1", "=SUM(A1:A4)"), ("B5", "=A5+1"), ("C3", "=A3*2"), ("D1", "=Data!A1"), ("C1", "x"),
        ("Data!A1", "10"), ("Data!A2", "20"), ("Data!B2", "=Sheet1!A2"), ("Data!C1", "=SUM(A1:A3)"),
        ("Inputs!A1", "5"), ("Inputs!B1", "=Data!A2+Sheet1!A3"));

    [Theory]
    [MemberData(nameof(Table))]
    public void Transform_gives_the_hand_computed_result(string op, string against, string expectedOp, string expectedAgainst)
    {
        var result = OperationTransformer.Transform(P(op), P(against));

        Assert.Equal(P(expectedOp).ToJson(), result.Op.ToJson());
        Assert.Equal(P(expectedAgainst).ToJson(), result.Against.ToJson());
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Hand_computed_rows_converge_on_a_workbook(string op, string against, string expectedOp, string expectedAgainst)
    {
        _ = expectedOp;
        _ = expectedAgainst;
        var start = Base();
        var a = OperationApplier.Normalize(start, P(op));
        var b = OperationApplier.Normalize(start, P(against));
        var validator = new OperationValidator(start);
        Assert.True(validator.Validate(a).IsValid, validator.Problem(a));
        Assert.True(validator.Validate(b).IsValid, validator.Problem(b));
        TransformPropertyTests.CheckTp1(start, a, b);
    }

    [Fact]
    public void The_table_covers_every_pair_of_types()
    {
        var types = new[] { "setCell", "setRange", "clearRange", "insertRows", "deleteRows", "insertColumns", "deleteColumns", "addSheet", "renameSheet", "deleteSheet", "setFormat", "batch", "noop" };
        var pairs = Table.Select(row => (P(row.Data.Item1).TypeName, P(row.Data.Item2).TypeName)).ToHashSet();
        var missing = types.SelectMany(a => types.Select(b => (a, b))).Where(p => !pairs.Contains(p)).ToList();
        Assert.True(missing.Count == 0, "missing pairs: " + string.Join(", ", missing));
    }
}
