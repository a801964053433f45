namespace Collab.Workbooks.Engine.Functions;

/// <summary>
/// Financial functions (NPV, IRR, XIRR, PMT, RATE, DB, DDB ...) with Excel's formulas and argument rules.
/// Annuity functions take type 0 (payments at period end) or any other number (period start). The Analysis ToolPak
/// functions (XNPV, XIRR, EFFECT, NOMINAL, CUMIPMT, CUMPRINC) reject booleans with #VALUE!, as Excel does.
/// IRR, XIRR and RATE run Newton's method from the guess as Excel does, then polish the root to full precision;
/// when Newton fails they fall back to bisection on the sign change nearest the guess (<see cref="RootFinder"/>).
/// </summary>
[FunctionLibrary]
internal static class FinancialFunctions
{
    private const FunctionFlags Scalar = FunctionFlags.Scalar;

    public static void Register(FunctionRegistry registry)
    {
        registry.Add("NPV", 2, FunctionDefinition.Unlimited, Npv);
        registry.Add("XNPV", 3, 3, Xnpv);
        registry.Add("IRR", 1, 2, Irr);
        registry.Add("XIRR", 2, 3, Xirr);
        registry.Add("MIRR", 3, 3, Mirr);
        registry.Add("PMT", 3, 5, Pmt, Scalar);
        registry.Add("IPMT", 4, 6, args => PeriodPayment(args, interest: true), Scalar);
        registry.Add("PPMT", 4, 6, args => PeriodPayment(args, interest: false), Scalar);
        registry.Add("CUMIPMT", 6, 6, args => Cumulative(args, interest: true), Scalar);
        registry.Add("CUMPRINC", 6, 6, args => Cumulative(args, interest: false), Scalar);
        registry.Add("PV", 3, 5, Pv, Scalar);
        registry.Add("FV", 3, 5, Fv, Scalar);
        registry.Add("NPER", 3, 5, Nper, Scalar);
        registry.Add("RATE", 3, 6, Rate, Scalar);
        registry.Add("SLN", 3, 3, Sln, Scalar);
        registry.Add("SYD", 4, 4, Syd, Scalar);
        registry.Add("DB", 4, 5, Db, Scalar);
        registry.Add("DDB", 4, 5, Ddb, Scalar);
        registry.Add("EFFECT", 2, 2, Effect, Scalar);
        registry.Add("NOMINAL", 2, 2, Nominal, Scalar);
    }

    // ---- Annuity formulas (Excel's) ----

    /// <summary>FV of an annuity: what pv and the payments grow to after nper periods.</summary>
    internal static double FutureValue(double rate, double nper, double pmt, double pv, bool start)
    {
        if (rate == 0)
        {
            return -(pv + (pmt * nper));
        }

        double growth = Growth(rate, nper, out double growthMinusOne);
        return -((pv * growth) + (pmt * (1 + (start ? rate : 0)) * growthMinusOne / rate));
    }

    /// <summary>PMT: the level payment that takes pv to fv in nper periods.</summary>
    internal static double Payment(double rate, double nper, double pv, double fv, bool start)
    {
        if (rate == 0)
        {
            return -(pv + fv) / nper;
        }

        double growth = Growth(rate, nper, out double growthMinusOne);
        return -(fv + (pv * growth)) * rate / ((1 + (start ? rate : 0)) * growthMinusOne);
    }

    /// <summary>
    /// (1+rate)^nper, and that minus 1. Computed as Math.Pow(1+rate, nper) - 1 the difference loses digits for rates
    /// near 0: 1+rate rounds away the low bits of rate (8e-9 of it at 1E-10) and the subtraction cancels, so
    /// PMT(1E-10,12,1200) came out as -99.99999185 instead of -100.000000065. Below |rate| 1e-3 both come from
    /// expm1(nper*log1p(rate)) with Kahan's corrections (the pair stays consistent, which the annuity ratios need);
    /// above, from Math.Pow as before.
    /// </summary>
    internal static double Growth(double rate, double nper, out double growthMinusOne)
    {
        if (Math.Abs(rate) < 1e-3)
        {
            growthMinusOne = ExpMinusOne(nper * LogOnePlus(rate));
            return 1 + growthMinusOne;
        }

        double growth = Math.Pow(1 + rate, nper);
        growthMinusOne = growth - 1;
        return growth;
    }

    private static double LogOnePlus(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    private static double ExpMinusOne(double x)
    {
        if (Math.Abs(x) > 0.5)
        {
            return Math.Exp(x) - 1;
        }

        double u = Math.Exp(x);
        if (u == 1)
        {
            return x;
        }

        double um1 = u - 1;
        return um1 == -1 ? -1 : um1 * x / Math.Log(u);
    }

    private static double InterestPayment(double rate, double per, double nper, double pv, double fv, bool start, out double payment)
    {
        payment = Payment(rate, nper, pv, fv, start);
        double interest;
        if (per == 1)
        {
            interest = start ? 0 : -pv;
        }
        else if (start)
        {
            interest = FutureValue(rate, per - 2, payment, pv, true) - payment;
        }
        else
        {
            interest = FutureValue(rate, per - 1, payment, pv, false);
        }

        return interest * rate;
    }

    private static bool TryArgs(FunctionArgs args, Span<double> values, int required, ReadOnlySpan<double> defaults, out Operand error)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (i >= required)
            {
                if (!args.TryNumber(i, defaults[i - required], out values[i], out error))
                {
                    return false;
                }
            }
            else if (!args.TryNumber(i, out values[i], out error))
            {
                return false;
            }
        }

        error = default;
        return true;
    }

    // PMT(rate, nper, pv, [fv], [type])
    private static Operand Pmt(FunctionArgs args)
    {
        Span<double> a = stackalloc double[5];
        if (!TryArgs(args, a, 3, [0, 0], out var error))
        {
            return error;
        }

        if (a[1] == 0)
        {
            return Operand.Error(ErrorValue.Number);
        }

        return Operand.Number(Payment(a[0], a[1], a[2], a[3], a[4] != 0));
    }

    // IPMT / PPMT(rate, per, nper, pv, [fv], [type]): per must be 1 to nper.
    private static Operand PeriodPayment(FunctionArgs args, bool interest)
    {
        Span<double> a = stackalloc double[6];
        if (!TryArgs(args, a, 4, [0, 0], out var error))
        {
            return error;
        }

        double rate = a[0];
        double per = a[1];
        double nper = a[2];
        if (per < 1 || per > nper || nper == 0)
        {
            return Operand.Error(ErrorValue.Number);
        }

        double ipmt = InterestPayment(rate, per, nper, a[3], a[4], a[5] != 0, out double pmt);
        return Operand.Number(interest ? ipmt : pmt - ipmt);
    }

    // CUMIPMT / CUMPRINC(rate, nper, pv, start_period, end_period, type): rate, nper and pv positive; periods
    // truncated, 1 <= start <= end <= nper; type exactly 0 or 1.
    private static Operand Cumulative(FunctionArgs args, bool interest)
    {
        Span<double> a = stackalloc double[6];
        for (int i = 0; i < 6; i++)
        {
            if (!DateFunctions.TryDateNumber(args, i, strict: true, out a[i], out var error))
            {
                return error;
            }
        }

        double rate = a[0];
        double nper = a[1];
        double pv = a[2];
        double first = Math.Floor(a[3]);
        double last = Math.Floor(a[4]);
        double type = a[5];
        if (rate <= 0 || nper <= 0 || pv <= 0 || first < 1 || last < first || last > nper || (type != 0 && type != 1))
        {
            return Operand.Error(ErrorValue.Number);
        }

        bool start = type == 1;
        double pmt = Payment(rate, nper, pv, 0, start);
        double total = 0;
        for (double per = first; per <= last; per++)
        {
            double ipmt = InterestPayment(rate, per, nper, pv, 0, start, out _);
            total += interest ? ipmt : pmt - ipmt;
        }

        return Operand.Number(total);
    }

    // PV(rate, nper, pmt, [fv], [type])
    private static Operand Pv(FunctionArgs args)
    {
        Span<double> a = stackalloc double[5];
        if (!TryArgs(args, a, 3, [0, 0], out var error))
        {
            return error;
        }

        double rate = a[0];
        double nper = a[1];
        double pmt = a[2];
        double fv = a[3];
        if (rate == 0)
        {
            return Operand.Number(-(fv + (pmt * nper)));
        }

        if (rate == -1)
        {
            return Operand.Error(ErrorValue.Number);
        }

        double growth = Growth(rate, nper, out double growthMinusOne);
        return Operand.Number(-(fv + (pmt * (1 + (a[4] != 0 ? rate : 0)) * growthMinusOne / rate)) / growth);
    }

    // FV(rate, nper, pmt, [pv], [type])
    private static Operand Fv(FunctionArgs args)
    {
        Span<double> a = stackalloc double[5];
        if (!TryArgs(args, a, 3, [0, 0], out var error))
        {
            return error;
        }

        return Operand.Number(FutureValue(a[0], a[1], a[2], a[3], a[4] != 0));
    }

    // NPER(rate, pmt, pv, [fv], [type])
    private static Operand Nper(FunctionArgs args)
    {
        Span<double> a = stackalloc double[5];
        if (!TryArgs(args, a, 3, [0, 0], out var error))
        {
            return error;
        }

        double rate = a[0];
        double pmt = a[1];
        double pv = a[2];
        double fv = a[3];
        if (rate == 0)
        {
            return pmt == 0 ? Operand.Error(ErrorValue.Number) : Operand.Number(-(pv + fv) / pmt);
        }

        if (rate <= -1)
        {
            return Operand.Error(ErrorValue.Number);
        }

        double adjusted = pmt * (1 + (a[4] != 0 ? rate : 0));
        double denominator = adjusted + (pv * rate);
        double ratio = (adjusted - (fv * rate)) / denominator;
        if (!(ratio > 0))
        {
            return Operand.Error(ErrorValue.Number);
        }

        // log(ratio) / log(1+rate), both as log1p: near rate 0 the ratio and 1+rate are close to 1 and the logs
        // of the rounded values keep only about 8 digits at 1E-10.
        return Operand.Number(LogOnePlus(-(fv + pv) * rate / denominator) / LogOnePlus(rate));
    }

    // RATE(nper, pmt, pv, [fv], [type], [guess]): the rate that balances the annuity; Newton from guess (0.1).
    private static Operand Rate(FunctionArgs args)
    {
        Span<double> a = stackalloc double[6];
        if (!TryArgs(args, a, 3, [0, 0, 0.1], out var error))
        {
            return error;
        }

        double nper = a[0];
        double pmt = a[1];
        double pv = a[2];
        double fv = a[3];
        bool start = a[4] != 0;
        if (nper <= 0)
        {
            return Operand.Error(ErrorValue.Number);
        }

        double Balance(double r, out double slope)
        {
            // f(r) = pv*(1+r)^n + pmt*(1+r*t)*((1+r)^n-1)/r + fv, with the r -> 0 limit by series.
            double t = start ? 1 : 0;
            double growth = Math.Pow(1 + r, nper);
            double growthSlope = nper * Math.Pow(1 + r, nper - 1);
            double annuity;
            double annuitySlope;
            if (Math.Abs(r) < 1e-7)
            {
                annuity = nper + (nper * (nper - 1) / 2 * r);
                annuitySlope = (nper * (nper - 1) / 2) + (nper * (nper - 1) * (nper - 2) / 3 * r);
            }
            else
            {
                double gm1 = Math.Exp(nper * Math.Log(1 + r)) - 1;
                annuity = gm1 / r;
                annuitySlope = ((growthSlope * r) - gm1) / (r * r);
            }

            slope = (pv * growthSlope) + (pmt * t * annuity) + (pmt * (1 + (r * t)) * annuitySlope);
            return (pv * growth) + (pmt * (1 + (r * t)) * annuity) + fv;
        }

        return RootFinder.Solve(Balance, a[5]) is { } rate ? Operand.Number(rate) : Operand.Error(ErrorValue.Number);
    }

    // ---- Cash-flow functions ----

    // NPV(rate, value1, ...): values by SUM's rules, the first one period from now.
    private static Operand Npv(FunctionArgs args)
    {
        if (!args.TryNumber(0, out double rate, out var error))
        {
            return error;
        }

        var values = new List<double>();
        if (!Aggregation.TryCollectNumbers(args, 1, args.Count, values, out error))
        {
            return error;
        }

        if (rate == -1)
        {
            return Operand.Error(ErrorValue.DivisionByZero);
        }

        double total = 0;
        double factor = 1;
        foreach (double v in values)
        {
            factor *= 1 + rate;
            total += v / factor;
        }

        return Operand.Number(total);
    }

    // The numbers of a cash-flow range (IRR, MIRR): text, booleans and blanks skipped, the first error returned.
    private static bool TryCashFlows(FunctionArgs args, int index, List<double> values, out Operand error) =>
        Aggregation.TryCollectNumbers(args, index, index + 1, values, out error);

    private static bool HasBothSigns(List<double> values)
    {
        bool positive = false;
        bool negative = false;
        foreach (double v in values)
        {
            positive |= v > 0;
            negative |= v < 0;
        }

        return positive && negative;
    }

    // IRR(values, [guess]): the rate where the NPV of values (the first at time 0) is 0.
    private static Operand Irr(FunctionArgs args)
    {
        var values = new List<double>();
        if (!TryCashFlows(args, 0, values, out var error) || !args.TryNumber(1, 0.1, out double guess, out error))
        {
            return error;
        }

        if (!HasBothSigns(values))
        {
            return Operand.Error(ErrorValue.Number);
        }

        double Npv0(double r, out double slope)
        {
            double total = 0;
            double d = 0;
            double discount = 1;
            double step = 1 / (1 + r);
            for (int i = 0; i < values.Count; i++)
            {
                total += values[i] * discount;
                d -= i * values[i] * discount * step;
                discount *= step;
            }

            slope = d;
            return total;
        }

        return RootFinder.Solve(Npv0, guess) is { } rate ? Operand.Number(rate) : Operand.Error(ErrorValue.Number);
    }

    // MIRR(values, finance_rate, reinvest_rate): negative flows discounted at finance_rate, positive ones compounded
    // at reinvest_rate; without both signs #DIV/0!.
    private static Operand Mirr(FunctionArgs args)
    {
        var values = new List<double>();
        if (!TryCashFlows(args, 0, values, out var error) || !args.TryNumber(1, out double financeRate, out error)
            || !args.TryNumber(2, out double reinvestRate, out error))
        {
            return error;
        }

        if (!HasBothSigns(values))
        {
            return Operand.Error(ErrorValue.DivisionByZero);
        }

        int n = values.Count;
        double negatives = 0;
        double positives = 0;
        for (int i = 0; i < n; i++)
        {
            double v = values[i];
            if (v < 0)
            {
                negatives += v / Math.Pow(1 + financeRate, i);
            }
            else
            {
                positives += v * Math.Pow(1 + reinvestRate, n - 1 - i);
            }
        }

        return Operand.Number(Math.Pow(-positives / negatives, 1.0 / (n - 1)) - 1);
    }

    // Values and dates of XNPV/XIRR: the same count (else #NUM!), numbers only (else #VALUE!), dates truncated and
    // none before the first (else #NUM!).
    private static bool TryDatedFlows(FunctionArgs args, int valuesIndex, int datesIndex, out double[] values, out double[] years, out Operand error)
    {
        values = [];
        years = [];
        var v = args[valuesIndex];
        var d = args[datesIndex];
        if (v.IsError)
        {
            error = v;
            return false;
        }

        if (d.IsError)
        {
            error = d;
            return false;
        }

        var valueArray = args.Context.ToArray(v);
        var dateArray = args.Context.ToArray(d);
        int n = valueArray.Items.Length;
        values = new double[n];
        years = new double[n];
        for (int i = 0; i < n && i < dateArray.Items.Length; i++)
        {
            var item = valueArray.Items[i];
            if (item.IsError)
            {
                error = item;
                return false;
            }

            var date = dateArray.Items[i];
            if (date.IsError)
            {
                error = date;
                return false;
            }
        }

        if (dateArray.Items.Length != n)
        {
            error = Operand.Error(ErrorValue.Number);
            return false;
        }

        double first = 0;
        for (int i = 0; i < n; i++)
        {
            var item = valueArray.Items[i];
            var date = dateArray.Items[i];
            if (!item.IsNumber || !date.IsNumber)
            {
                error = Operand.Error(ErrorValue.Value);
                return false;
            }

            double day = Math.Floor(date.Number);
            if (day < 0 || day > DateSerial.MaxSerial)
            {
                error = Operand.Error(ErrorValue.Number);
                return false;
            }

            if (i == 0)
            {
                first = day;
            }
            else if (day < first)
            {
                error = Operand.Error(ErrorValue.Number);
                return false;
            }

            values[i] = item.Number;
            years[i] = (day - first) / 365.0;
        }

        error = default;
        return true;
    }

    private static double DatedNpv(double rate, double[] values, double[] years, out double slope)
    {
        double total = 0;
        double d = 0;
        double logBase = Math.Log(1 + rate);
        for (int i = 0; i < values.Length; i++)
        {
            double discount = Math.Exp(-years[i] * logBase);
            total += values[i] * discount;
            d -= years[i] * values[i] * discount / (1 + rate);
        }

        slope = d;
        return total;
    }

    // XNPV(rate, values, dates): sum of value / (1+rate)^((date - first date)/365).
    private static Operand Xnpv(FunctionArgs args)
    {
        if (!DateFunctions.TryDateNumber(args, 0, strict: true, out double rate, out var error)
            || !TryDatedFlows(args, 1, 2, out var values, out var years, out error))
        {
            return error;
        }

        if (values.Length == 0 || rate <= -1)
        {
            return Operand.Error(ErrorValue.Number);
        }

        return Operand.Number(DatedNpv(rate, values, years, out _));
    }

    // XIRR(values, dates, [guess]): the rate where XNPV is 0.
    private static Operand Xirr(FunctionArgs args)
    {
        if (!TryDatedFlows(args, 0, 1, out var values, out var years, out var error))
        {
            return error;
        }

        double guess = 0.1;
        if (!args.IsMissing(2) && !DateFunctions.TryDateNumber(args, 2, strict: true, out guess, out error))
        {
            return error;
        }

        if (!HasBothSigns([.. values]) || guess <= -1)
        {
            return Operand.Error(ErrorValue.Number);
        }

        return RootFinder.Solve((double r, out double slope) => DatedNpv(r, values, years, out slope), guess) is { } rate
            ? Operand.Number(rate)
            : Operand.Error(ErrorValue.Number);
    }

    // ---- Depreciation ----

    private static Operand Sln(FunctionArgs args)
    {
        Span<double> a = stackalloc double[3];
        if (!TryArgs(args, a, 3, [], out var error))
        {
            return error;
        }

        return a[2] == 0 ? Operand.Error(ErrorValue.DivisionByZero) : Operand.Number((a[0] - a[1]) / a[2]);
    }

    // SYD(cost, salvage, life, per): sum-of-years' digits; per must be 1 to life.
    private static Operand Syd(FunctionArgs args)
    {
        Span<double> a = stackalloc double[4];
        if (!TryArgs(args, a, 4, [], out var error))
        {
            return error;
        }

        double life = a[2];
        double per = a[3];
        if (life <= 0 || per <= 0 || per > life)
        {
            return Operand.Error(ErrorValue.Number);
        }

        return Operand.Number((a[0] - a[1]) * (life - per + 1) * 2 / (life * (life + 1)));
    }

    // DB(cost, salvage, life, period, [month=12]): fixed-declining balance with the rate rounded to 3 decimals;
    // the first period covers month months, the period after life the remaining 12 - month.
    private static Operand Db(FunctionArgs args)
    {
        Span<double> a = stackalloc double[5];
        if (!TryArgs(args, a, 4, [12], out var error))
        {
            return error;
        }

        double cost = a[0];
        double salvage = a[1];
        double life = a[2];
        double period = a[3];
        double month = Math.Floor(a[4]);
        if (month is < 1 or > 12 || life > 1200 || salvage < 0 || period > life + 1 || salvage > cost || cost <= 0
            || life <= 0 || period <= 0)
        {
            return Operand.Error(ErrorValue.Number);
        }

        double rate = 1 - Math.Pow(salvage / cost, 1 / life);
        rate = Math.Floor((rate * 1000) + 0.5) / 1000;
        double first = cost * rate * month / 12;
        if (Math.Floor(period) == 1)
        {
            return Operand.Number(first);
        }

        double total = first;
        double depreciation = 0;
        int last = (int)Math.Floor(Math.Min(life, period));
        for (int i = 2; i <= last; i++)
        {
            depreciation = (cost - total) * rate;
            total += depreciation;
        }

        if (period > life)
        {
            depreciation = (cost - total) * rate * (12 - month) / 12;
        }

        return Operand.Number(depreciation);
    }

    // DDB(cost, salvage, life, period, [factor=2]): declining balance at factor/life, never below salvage.
    private static Operand Ddb(FunctionArgs args)
    {
        Span<double> a = stackalloc double[5];
        if (!TryArgs(args, a, 4, [2], out var error))
        {
            return error;
        }

        double cost = a[0];
        double salvage = a[1];
        double life = a[2];
        double period = a[3];
        double factor = a[4];
        if (cost < 0 || salvage < 0 || factor <= 0 || salvage > cost || period < 1 || period > life)
        {
            return Operand.Error(ErrorValue.Number);
        }

        double rate = factor / life;
        double before;
        if (rate >= 1)
        {
            rate = 1;
            before = period == 1 ? cost : 0;
        }
        else
        {
            before = cost * Math.Pow(1 - rate, period - 1);
        }

        double after = cost * Math.Pow(1 - rate, period);
        double depreciation = after < salvage ? before - salvage : before - after;
        return Operand.Number(Math.Max(0, depreciation));
    }

    // ---- Interest rate conversion ----

    // EFFECT(nominal_rate, npery): npery truncated; nominal_rate > 0 and npery >= 1.
    private static Operand Effect(FunctionArgs args)
    {
        if (!DateFunctions.TryDateNumber(args, 0, strict: true, out double nominal, out var error)
            || !DateFunctions.TryDateNumber(args, 1, strict: true, out double npery, out error))
        {
            return error;
        }

        npery = Math.Truncate(npery);
        if (nominal <= 0 || npery < 1)
        {
            return Operand.Error(ErrorValue.Number);
        }

        return Operand.Number(Math.Pow(1 + (nominal / npery), npery) - 1);
    }

    // NOMINAL(effect_rate, npery): npery truncated; effect_rate > 0 and npery >= 1.
    private static Operand Nominal(FunctionArgs args)
    {
        if (!DateFunctions.TryDateNumber(args, 0, strict: true, out double effect, out var error)
            || !DateFunctions.TryDateNumber(args, 1, strict: true, out double npery, out error))
        {
            return error;
        }

        npery = Math.Truncate(npery);
        if (effect <= 0 || npery < 1)
        {
            return Operand.Error(ErrorValue.Number);
        }

        return Operand.Number(npery * (Math.Pow(1 + effect, 1 / npery) - 1));
    }
}

/// <summary>A function of a rate with its derivative, for <see cref="RootFinder"/>.</summary>
internal delegate double RateFunction(double rate, out double slope);

/// <summary>
/// The root finder of IRR, XIRR and RATE. Newton's method from the guess, as Excel runs it, finds the same root
/// Excel finds whenever Excel converges; iterations continue until the step is below 1e-15 relative (Excel stops at
/// 1e-7 after at most 20 or 100 steps, so our value is the exact root Excel approximates). When Newton leaves the
/// domain (rate &lt;= -1), stalls or diverges, the rates around the guess are scanned outwards for the nearest sign
/// change, which bisection then narrows to full precision. No sign change found is null (#NUM!).
/// </summary>
internal static class RootFinder
{
    private const int NewtonSteps = 200;

    public static double? Solve(RateFunction f, double guess)
    {
        if (!double.IsFinite(guess) || guess <= -1)
        {
            return null;
        }

        var root = Newton(f, guess) ?? Bracketed(f, guess);

        // A root within rounding of 0 where the function is exactly 0 at 0 (cash flows that sum to 0) is 0.
        if (root is { } r && Math.Abs(r) < 1e-10 && f(0, out _) == 0)
        {
            return 0;
        }

        return root;
    }

    private static double? Newton(RateFunction f, double x)
    {
        for (int i = 0; i < NewtonSteps; i++)
        {
            double y = f(x, out double slope);
            if (!double.IsFinite(y) || !double.IsFinite(slope))
            {
                return null;
            }

            if (y == 0)
            {
                return x;
            }

            if (slope == 0)
            {
                return null;
            }

            double next = x - (y / slope);
            if (!double.IsFinite(next) || next <= -1)
            {
                return null;
            }

            if (Math.Abs(next - x) <= 1e-15 * Math.Max(1, Math.Abs(next)))
            {
                return Verify(f, next);
            }

            x = next;
        }

        return Verify(f, x);
    }

    // A Newton end point is accepted when the function changes sign (or vanishes) within a hair of it.
    private static double? Verify(RateFunction f, double x)
    {
        double y = f(x, out _);
        if (y == 0)
        {
            return x;
        }

        double h = 1e-9 * Math.Max(1, Math.Abs(x));
        double below = f(Math.Max(x - h, -1 + (1e-12 * h)), out _);
        double above = f(x + h, out _);
        return Math.Sign(below) != Math.Sign(y) || Math.Sign(above) != Math.Sign(y) ? x : null;
    }

    private static double? Bracketed(RateFunction f, double guess)
    {
        // Points spread outwards from the guess: below it towards -1, above it geometrically.
        double step = Math.Max(0.01, Math.Abs(guess) * 0.01);
        double previousUp = guess;
        double previousDown = guess;
        double yUp = f(guess, out _);
        double yDown = yUp;
        if (yUp == 0)
        {
            return guess;
        }

        for (int i = 0; i < 2000; i++)
        {
            double up = previousUp + step;
            double yu = f(up, out _);
            if (double.IsFinite(yu) && double.IsFinite(yUp) && Math.Sign(yu) != Math.Sign(yUp))
            {
                return Bisect(f, previousUp, up, yUp);
            }

            double down = previousDown - step;
            if (down <= -1)
            {
                down = -1 + ((previousDown + 1) / 2);
            }

            double yd = f(down, out _);
            if (double.IsFinite(yd) && double.IsFinite(yDown) && Math.Sign(yd) != Math.Sign(yDown))
            {
                return Bisect(f, down, previousDown, yd);
            }

            previousUp = up;
            yUp = yu;
            previousDown = down;
            yDown = yd;
            step *= 1.1;
            if (previousUp > 1e10)
            {
                break;
            }
        }

        return null;
    }

    private static double Bisect(RateFunction f, double low, double high, double yLow)
    {
        for (int i = 0; i < 200 && high - low > 1e-16 * Math.Max(1, Math.Abs(low)); i++)
        {
            double mid = low + ((high - low) / 2);
            double y = f(mid, out _);
            if (y == 0)
            {
                return mid;
            }

            if (Math.Sign(y) == Math.Sign(yLow))
            {
                low = mid;
                yLow = y;
            }
            else
            {
                high = mid;
            }
        }

        return low + ((high - low) / 2);
    }
}
