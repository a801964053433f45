using Collab.Workbooks.Engine.Functions;
using static Workbooks.Engine.Tests.TestBook;

namespace Workbooks.Engine.Tests;

public class FinancialFunctionTests
{
    // Cash flows of Excel's IRR and MIRR examples, a mixed column, and XNPV/XIRR's dated flows.
    private static readonly (string, string)[] Flows =
    [
        ("A1", "-70000"), ("A2", "12000"), ("A3", "15000"), ("A4", "18000"), ("A5", "21000"), ("A6", "26000"),
        ("B1", "1"), ("B2", "x"), ("B3", "TRUE"), ("B4", "3"),
        ("C1", "-120000"), ("C2", "39000"), ("C3", "30000"), ("C4", "21000"), ("C5", "37000"), ("C6", "46000"),
        ("D1", "-10000"), ("D2", "2750"), ("D3", "4250"), ("D4", "3250"), ("D5", "2750"),
        ("E1", "=DATE(2008,1,1)"), ("E2", "=DATE(2008,3,1)"), ("E3", "=DATE(2008,10,30)"), ("E4", "=DATE(2009,2,15)"), ("E5", "=DATE(2009,4,1)"),
        ("F1", "-100"), ("F2", "#N/A"), ("F3", "200"),
        ("G1", "-100"), ("G2", "text"), ("G3", "110"),
    ];

    // Excel's documented examples, with 15-digit reference values (Excel and LibreOffice agree on these).
    [Theory]
    [InlineData("=PMT(0.08/12,10,10000)", -1037.03208935915)]
    [InlineData("=PMT(0.08/12,10,10000,0,1)", -1030.16432717797)]
    [InlineData("=PMT(0.06/12,18*12,0,50000)", -129.081160867991)]
    [InlineData("=PMT(0.1,10,1000,0,2)", -147.950358984101)]
    [InlineData("=PMT(-0.5,10,1000)", -0.488758553274682)]
    [InlineData("=IPMT(0.1/12,1,3*12,8000)", -66.6666666666667)]
    [InlineData("=IPMT(0.1,3,3,8000)", -292.447129909365)]
    [InlineData("=IPMT(0.1,3,3,8000,0,1)", -265.861027190332)]
    [InlineData("=IPMT(0.1,1.5,3,8000)", -682.03299535915)]
    [InlineData("=PPMT(0.1/12,1,2*12,2000)", -75.6231860083664)]
    [InlineData("=PPMT(0.08,10,10,200000)", -27598.0534624214)]
    [InlineData("=PPMT(0.08,10,10,200000,0,1)", -25553.7532059457)]
    [InlineData("=CUMIPMT(0.09/12,30*12,125000,13,24,0)", -11135.2321307508)]
    [InlineData("=CUMIPMT(0.09/12,30*12,125000,1,1,0)", -937.5)]
    [InlineData("=CUMIPMT(0.09/12,30*12,125000,2,5,1)", -3716.96335374032)]
    [InlineData("=CUMIPMT(0.09/12,30*12,125000,13.9,24.9,0)", -11135.2321307508)]
    [InlineData("=CUMPRINC(0.09/12,30*12,125000,13,24,0)", -934.107123420898)]
    [InlineData("=CUMPRINC(0.09/12,30*12,125000,1,1,0)", -68.2782711809783)]
    [InlineData("=CUMPRINC(0.09/12,30*12,125000,1,1,1)", -998.291088020822)]
    [InlineData("=CUMPRINC(0.09/12,30*12,125000,2,5,1)", -276.200998342969)]
    [InlineData("=PV(0.08/12,12*20,500,0,0)", -59777.1458511878)]
    [InlineData("=PV(0.08/12,12*20,500,,1)", -60175.6601568624)]
    [InlineData("=PV(0,10,100,50)", -1050)]
    [InlineData("=PV(0.05,10,100,50,1)", -841.477830241444)]
    [InlineData("=FV(0.06/12,10,-200,-500,1)", 2581.40337406014)]
    [InlineData("=FV(0.12/12,12,-1000)", 12682.503013197)]
    [InlineData("=FV(0.11/12,35,-2000,,1)", 82846.2463719006)]
    [InlineData("=FV(0,10,-100,-50)", 1050)]
    [InlineData("=NPER(0.12/12,-100,-1000,10000,1)", 59.6738656742946)]
    [InlineData("=NPER(0.12/12,-100,-1000,10000)", 60.0821228537617)]
    [InlineData("=NPER(0.12/12,-100,-1000)", -9.57859403981317)]
    [InlineData("=NPER(0,-100,1000)", 10)]
    [InlineData("=NPER(0.1,100,1000)", -7.27254089734172)]
    [InlineData("=RATE(10,-100,1000,100)", -0.0205696966501377)]
    [InlineData("=RATE(10,-100,1000,-200)", 0.0303176032634246)]
    [InlineData("=RATE(360,-665.3,100000)", 0.00583330237252338)]
    [InlineData("=RATE(0.5,-100,40)", 0.3416876048223)]
    [InlineData("=SLN(30000,7500,10)", 2250)]
    [InlineData("=SYD(30000,7500,10,1)", 4090.90909090909)]
    [InlineData("=SYD(30000,7500,10,10)", 409.090909090909)]
    [InlineData("=DB(1000000,100000,6,1,7)", 186083.333333333)]
    [InlineData("=DB(1000000,100000,6,2,7)", 259639.416666667)]
    [InlineData("=DB(1000000,100000,6,3,7)", 176814.44275)]
    [InlineData("=DB(1000000,100000,6,4,7)", 120410.63551275)]
    [InlineData("=DB(1000000,100000,6,5,7)", 81999.6427841828)]
    [InlineData("=DB(1000000,100000,6,6,7)", 55841.7567360285)]
    [InlineData("=DB(1000000,100000,6,7,7)", 15845.0984738481)]
    [InlineData("=DB(1000000,100000,6,2)", 217239)]
    [InlineData("=DB(1000000,100000,6,2.5)", 217239)]
    [InlineData("=DB(1000000,0,6,1)", 1000000)]
    [InlineData("=DDB(2400,300,10*365,1)", 1.31506849315065)]
    [InlineData("=DDB(2400,300,10*12,1,2)", 40)]
    [InlineData("=DDB(2400,300,10,1,2)", 480)]
    [InlineData("=DDB(2400,300,10,2,1.5)", 306)]
    [InlineData("=DDB(2400,300,10,10)", 22.1225472000002)]
    [InlineData("=DDB(2400,300,10,8)", 100.663296)]
    [InlineData("=DDB(2400,300,10,9)", 80.5306368)]
    [InlineData("=DDB(2400,300,10,2.5)", 343.460041343968)]
    [InlineData("=DDB(2400,300,10,1,10)", 2100)]
    [InlineData("=DDB(2400,300,10,2,10)", 0)]
    [InlineData("=DDB(2400,300,5,5,3)", 0)]
    [InlineData("=EFFECT(0.0525,4)", 0.0535426673707582)]
    [InlineData("=EFFECT(0.0525,4.9)", 0.0535426673707582)]
    [InlineData("=NOMINAL(0.053543,4)", 0.052500319868356)]
    [InlineData("=NOMINAL(0.053543,1)", 0.053543)]
    [InlineData("=NPV(0.1,-10000,3000,4200,6800)", 1188.44341233522)]
    [InlineData("=NPV(0.08,A2:A6)+A1", 1390.96378560401)]
    [InlineData("=NPV(0.08,A2:A6,-9000)+A1", -4280.56285634394)]
    [InlineData("=NPV(0.1,B1:B4)", 3.38842975206612)]
    [InlineData("=IRR(A1:A5)", -0.021244848273411)]
    [InlineData("=IRR(A1:A6)", 0.0866309480365316)]
    [InlineData("=IRR(A1:A3,-0.1)", -0.443506941334741)]
    [InlineData("=IRR(C1:C6)", 0.130735539470838)]
    [InlineData("=IRR(G1:G3)", 0.1)]
    [InlineData("=IRR({-1000,100,100,100,100,100,100,100,100,100,1100})", 0.1)]
    [InlineData("=IRR({-100,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,10000})", 0.165914401179816)]
    [InlineData("=IRR({-100,10,10,10,10})", -0.28705255995802)]
    [InlineData("=IRR({-1,100})", 99)]
    [InlineData("=MIRR(C1:C6,0.1,0.12)", 0.126094130365905)]
    [InlineData("=MIRR(C1:C4,0.1,0.12)", -0.0480446552499808)]
    [InlineData("=MIRR(C1:C6,0.1,0.14)", 0.134759110828315)]
    [InlineData("=XNPV(0.09,D1:D5,E1:E5)", 2086.64760203154)]
    [InlineData("=XIRR(D1:D5,E1:E5)", 0.373362533518832)]
    [InlineData("=XIRR(D1:D5,E1:E5,0.5)", 0.373362533518832)]
    [InlineData("=XIRR({-100,110},{43831,44197})", 0.0997135859341414)]
    [InlineData("=XIRR({-1000,300,400,500,200},{43831,44000,44197,44400,44600})", 0.322706693073972)]
    public void Financial_functions_match_reference_values(string formula, double expected)
    {
        double actual = StatisticalFunctionTests.Number(formula, Flows);
        Assert.Equal(expected, actual, Math.Max(Math.Abs(expected), 1e-3) * 1e-13 + 1e-13);
    }

    // Excel's RATE example: 4-year loan of 8000 at 200 a month is 0.77% a month (9.24% a year); the solver's root is
    // exact, so feeding it back to PMT returns the payment to the last digit.
    [Fact]
    public void Rate_solves_to_full_precision()
    {
        Assert.Equal("0.0077", Show("=ROUND(RATE(4*12,-200,8000),4)"));
        Assert.Equal("0.0924", Show("=ROUND(RATE(4*12,-200,8000)*12,4)"));
        double payment = StatisticalFunctionTests.Number("=PMT(RATE(4*12,-200,8000),48,8000)");
        Assert.Equal(-200, payment, 1e-10);
        double pv = StatisticalFunctionTests.Number("=PV(RATE(360,-665.3,100000,0,1),360,-665.3,0,1)");
        Assert.Equal(100000, pv, 1e-7);
        Assert.Equal(0, StatisticalFunctionTests.Number("=RATE(10,-100,1000)"));
        Assert.Equal(0, StatisticalFunctionTests.Number("=RATE(12,-1000,12000,0,0,0.5)"));
    }

    [Fact]
    public void Irr_and_xirr_roots_zero_the_npv()
    {
        Assert.Equal(0, StatisticalFunctionTests.Number("=NPV(IRR(C1:C6),C2:C6)+C1", Flows), 1e-8);
        Assert.Equal(0, StatisticalFunctionTests.Number("=XNPV(XIRR(D1:D5,E1:E5),D1:D5,E1:E5)", Flows), 1e-8);
    }

    // With two roots (0.1 and 0.2) Newton from the guess converges to the nearer one, as in Excel.
    [Theory]
    [InlineData("=IRR({-100,230,-132})", 0.1)]
    [InlineData("=IRR({-100,230,-132},0.05)", 0.1)]
    [InlineData("=IRR({-100,230,-132},0.3)", 0.2)]
    [InlineData("=IRR({100,-200,50},-0.9)", -0.707106781186548)]
    [InlineData("=RATE(30,-50,1000,-2000,1,-0.5)", 0.0648507722744948)]
    public void Solvers_pick_the_root_near_the_guess(string formula, double expected) =>
        Assert.Equal(expected, StatisticalFunctionTests.Number(formula), 1e-12);

    [Fact]
    public void Root_finder_falls_back_to_bisection_when_newton_diverges()
    {
        // Newton on atan overshoots further each step from 1.9 away; the bracket search still finds the root.
        double? root = RootFinder.Solve((double r, out double slope) =>
        {
            slope = 1 / (1 + ((r - 2) * (r - 2)));
            return Math.Atan(r - 2);
        }, 0.1);
        Assert.NotNull(root);
        Assert.Equal(2, root.Value, 1e-12);

        // No sign change anywhere: no root.
        Assert.Null(RootFinder.Solve((double r, out double slope) =>
        {
            slope = 2 * r;
            return (r * r) + 1;
        }, 0.1));
        Assert.Null(RootFinder.Solve((double r, out double slope) =>
        {
            slope = 0;
            return 1;
        }, -1));
    }

    [Theory]
    [InlineData("=PMT(0.1,0,1000)", "#NUM!")]
    [InlineData("=PMT(0,0,1000)", "#NUM!")]
    [InlineData("=PMT(0,10,1000)", "-100")]
    [InlineData("=PMT(\"x\",10,1000)", "#VALUE!")]
    [InlineData("=PMT(0.1,10,NA())", "#N/A")]
    [InlineData("=PMT(\"10%\",10,1000)=PMT(0.1,10,1000)", "TRUE")]
    [InlineData("=PMT(0.1,10,1000,0,TRUE)=PMT(0.1,10,1000,0,1)", "TRUE")]
    [InlineData("=IPMT(0.1,4,3,8000)", "#NUM!")]
    [InlineData("=IPMT(0.1,0,3,8000)", "#NUM!")]
    [InlineData("=IPMT(0.1,1,3,8000,0,1)", "0")]
    [InlineData("=IPMT(0,2,3,8000)", "0")]
    [InlineData("=PPMT(0,2,4,8000)", "-2000")]
    [InlineData("=CUMIPMT(0.09/12,30*12,125000,13,400,0)", "#NUM!")]
    [InlineData("=CUMIPMT(0.09/12,30*12,125000,13,24,2)", "#NUM!")]
    [InlineData("=CUMIPMT(0.09/12,30*12,125000,13,24,0.5)", "#NUM!")]
    [InlineData("=CUMIPMT(0,30*12,125000,13,24,0)", "#NUM!")]
    [InlineData("=CUMIPMT(0.09/12,30*12,-125000,13,24,0)", "#NUM!")]
    [InlineData("=CUMIPMT(0.09/12,30*12,125000,0,24,0)", "#NUM!")]
    [InlineData("=CUMIPMT(0.09/12,30*12,125000,25,24,0)", "#NUM!")]
    [InlineData("=CUMIPMT(0.09/12,30*12,125000,1,1,TRUE)", "#VALUE!")]
    [InlineData("=CUMPRINC(0.09/12,0,125000,1,1,0)", "#NUM!")]
    [InlineData("=CUMIPMT(0.09/12,30*12,125000,1,1,1)", "0")]
    [InlineData("=NPER(0,0,1000)", "#NUM!")]
    [InlineData("=NPER(0.1,-100,1000)", "#NUM!")]
    [InlineData("=NPER(-1,-100,1000)", "#NUM!")]
    [InlineData("=RATE(10,100,1000)", "#NUM!")]
    [InlineData("=RATE(0,-100,1000)", "#NUM!")]
    [InlineData("=RATE(10,-100,1000,0,0,-1)", "#NUM!")]
    [InlineData("=RATE(\"x\",-100,1000)", "#VALUE!")]
    [InlineData("=SLN(30000,7500,0)", "#DIV/0!")]
    [InlineData("=SYD(30000,7500,10,11)", "#NUM!")]
    [InlineData("=DB(1000000,100000,6,8,7)", "#NUM!")]
    [InlineData("=DB(1000000,100000,6,7)", "0")]
    [InlineData("=DB(1000000,100000,6,1,13)", "#NUM!")]
    [InlineData("=DB(1000000,100000,6,1,0)", "#NUM!")]
    [InlineData("=DB(100,200,6,1)", "#NUM!")]
    [InlineData("=DB(0,0,6,1)", "#NUM!")]
    [InlineData("=DB(1000000,100000,0,1)", "#NUM!")]
    [InlineData("=DB(1000000,100000,6,0)", "#NUM!")]
    [InlineData("=DDB(2400,300,10,11)", "#NUM!")]
    [InlineData("=DDB(2400,300,10,0.5)", "#NUM!")]
    [InlineData("=DDB(2400,300,10,1,0)", "#NUM!")]
    [InlineData("=DDB(300,2400,10,1)", "#NUM!")]
    [InlineData("=DDB(-1,0,10,1)", "#NUM!")]
    [InlineData("=SUM(DDB(2400,300,5,1),DDB(2400,300,5,2),DDB(2400,300,5,3),DDB(2400,300,5,4),DDB(2400,300,5,5))", "2100")]
    [InlineData("=EFFECT(0.0525,0.9)", "#NUM!")]
    [InlineData("=EFFECT(0,4)", "#NUM!")]
    [InlineData("=EFFECT(TRUE,4)", "#VALUE!")]
    [InlineData("=EFFECT(\"x\",4)", "#VALUE!")]
    [InlineData("=NOMINAL(-0.01,4)", "#NUM!")]
    [InlineData("=NOMINAL(0.05,TRUE)", "#VALUE!")]
    [InlineData("=NPV(-1,1,2)", "#DIV/0!")]
    [InlineData("=NPV(0.1,F1:F3)", "#N/A")]
    [InlineData("=NPV(0.1,\"x\")", "#VALUE!")]
    [InlineData("=NPV(0.1,D9:D12)", "0")]
    [InlineData("=IRR({1,2,3})", "#NUM!")]
    [InlineData("=IRR({-1,-2})", "#NUM!")]
    [InlineData("=IRR(F1:F3)", "#N/A")]
    [InlineData("=IRR(D9:D12)", "#NUM!")]
    [InlineData("=IRR(A1:A6,-1)", "#NUM!")]
    [InlineData("=MIRR({1,2,3},0.1,0.1)", "#DIV/0!")]
    [InlineData("=MIRR(F1:F3,0.1,0.1)", "#N/A")]
    [InlineData("=XIRR(D1:D5,E1:E4)", "#NUM!")]
    [InlineData("=XNPV(0.09,D1:D5,E1:E4)", "#NUM!")]
    [InlineData("=XIRR({-100,-10},{43831,44197})", "#NUM!")]
    [InlineData("=XIRR({-100,110},{44197,43831})", "#NUM!")]
    [InlineData("=XNPV(0.1,{-100,110},{44197,43831})", "#NUM!")]
    [InlineData("=XNPV(-1,{-100,110},{43831,44197})", "#NUM!")]
    [InlineData("=XNPV(0.1,G1:G3,E1:E3)", "#VALUE!")]
    [InlineData("=XNPV(0.1,D1:D3,{43831,\"x\",44197})", "#VALUE!")]
    [InlineData("=XNPV(0.1,F1:F3,E1:E3)", "#N/A")]
    [InlineData("=XNPV(TRUE,D1:D5,E1:E5)", "#VALUE!")]
    [InlineData("=XIRR(D1:D5,E1:E5,-1)", "#NUM!")]
    [InlineData("=XNPV(0,D1:D5,E1:E5)", "3000")]
    [InlineData("=PMT(A9,10,1000)", "-100")]
    [InlineData("=FV(0.1,10,-100,A9)", "1593.7424601")]
    [InlineData("=NPV(0.1,A9,110)", "100")]
    [InlineData("=NPV(0.1,\"110\",TRUE)", "100.826446280992")]
    [InlineData("=IRR(\"x\")", "#VALUE!")]
    public void Financial_argument_errors_match_excel(string formula, string expected) =>
        Assert.Equal(expected, Show(formula, Flows));

    // Near rate 0, (1+rate)^nper - 1 and log(1+rate) cancel: computed directly they kept only about 8 correct digits
    // at 1E-10. Expected values computed with 40-digit arithmetic.
    [Theory]
    [InlineData("=PMT(1E-10,12,1200)", -100.000000065000)]
    [InlineData("=FV(1E-10,12,-100)", 1200.00000066)]
    [InlineData("=PV(1E-10,12,-100)", 1199.99999922)]
    [InlineData("=PMT(1E-12,360,-200000)", 555.555555655833)]
    [InlineData("=PMT(-1E-10,12,1200)", -99.999999935)]
    [InlineData("=PMT(0.005,360,-200000)", 1199.10105030550)]
    [InlineData("=NPER(1E-10,-100,1000)", 10.0000000055000)]
    [InlineData("=NPER(0.0001,-100,1000)", 10.0055035776650)]
    [InlineData("=NPER(1E-6,-50,1000,-500,1)", 10.0001450021125)]
    [InlineData("=NPER(0.12/12,-100,-1000,10000,1)", 59.6738656742946)]
    public void Annuities_keep_full_precision_near_rate_zero(string formula, double expected)
    {
        double value = double.Parse(Show(formula), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(value - expected) <= 1e-13 * Math.Abs(expected), $"{formula} = {value:R}, expected {expected:R}");
    }

    // The oracle's cases where LibreOffice differs from Excel (OracleCases.Financial.cs), on the oracle's data: Excel's values.
    [Theory]
    [InlineData("=NPV(-1,100)", "#DIV/0!")]
    [InlineData("=XNPV(0.08,{-1000,300,400,500,200},{43831,44013,44197,44378,44562,44743})", "#NUM!")]
    [InlineData("=IRR({100,200})", "#NUM!")]
    [InlineData("=IRR({-100,-200})", "#NUM!")]
    [InlineData("=XIRR({100,200},{43831,44197})", "#NUM!")]
    [InlineData("=MIRR({100,200},0.1,0.1)", "#DIV/0!")]
    [InlineData("=IPMT(0.1,4,3,8000)", "#NUM!")]
    [InlineData("=PPMT(0.08,0,10,200000)", "#NUM!")]
    [InlineData("=CUMIPMT(0.09/12,360,125000,13,24,2)", "#NUM!")]
    [InlineData("=CUMIPMT(0.09/12,360,-125000,1,1,0)", "#NUM!")]
    [InlineData("=CUMIPMT(0.09/12,360,125000,24,13,0)", "#NUM!")]
    [InlineData("=CUMPRINC(0.09/12,360,125000,0,12,0)", "#NUM!")]
    [InlineData("=CUMPRINC(0.09/12,360,125000,350,361,0)", "#NUM!")]
    [InlineData("=RATE(5,-100,-100)", "#NUM!")]
    [InlineData("=DB(1000000,100000,6,8,7)", "#NUM!")]
    [InlineData("=DB(1000000,100000,6,1,13)", "#NUM!")]
    [InlineData("=DDB(2400,300,10,11)", "#NUM!")]
    [InlineData("=EFFECT(0,4)", "#NUM!")]
    [InlineData("=EFFECT(0.1,0.5)", "#NUM!")]
    [InlineData("=NOMINAL(-0.1,4)", "#NUM!")]
    [InlineData("=NPV(0.1,\"100\")", "90.9090909090909")]
    [InlineData("=XIRR({-100,60,60},{45000,44900,45100})", "#NUM!")]
    [InlineData("=XNPV(0.1,{-100,60,60},{45000,44900,45100})", "#NUM!")]
    public void Excel_values_where_LibreOffice_differs(string formula, string expected) =>
        Assert.Equal(expected, Show(formula, OracleData));
}
