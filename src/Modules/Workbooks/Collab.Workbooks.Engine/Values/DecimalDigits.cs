using System.Globalization;

namespace Collab.Workbooks.Engine;

/// <summary>How <see cref="DecimalDigits"/> drops digits.</summary>
internal enum DigitRounding
{
    /// <summary>ROUND and number formats: 2.5 to 3, -2.5 to -3.</summary>
    HalfAwayFromZero,

    /// <summary>ROUNDUP: any dropped digit moves the magnitude up.</summary>
    AwayFromZero,

    /// <summary>ROUNDDOWN and TRUNC: dropped digits are cut.</summary>
    TowardZero,
}

/// <summary>
/// A non-negative number as Excel formats it: its value rounded to 15 significant digits, held exactly as
/// <see cref="Mantissa"/> × 10^<see cref="Exponent"/> (no trailing zeros in the mantissa). Rounding for display
/// happens on these decimal digits, half away from zero, so 2.675 shows as 2.68 although the double is
/// slightly below it, and percent or thousands scaling only moves the decimal point.
/// </summary>
internal readonly struct DecimalDigits
{
    private static readonly long[] Pow10 = BuildPowers();

    // 10^0 ... 10^22 are exact doubles.
    private static readonly double[] ExactPowers =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    private DecimalDigits(long mantissa, int exponent)
    {
        Mantissa = mantissa;
        Exponent = exponent;
    }

    /// <summary>Up to 15 significant digits; 0 for zero.</summary>
    public long Mantissa { get; }

    /// <summary>The power of ten of the mantissa's last digit.</summary>
    public int Exponent { get; }

    public bool IsZero => Mantissa == 0;

    /// <summary>How many digits the mantissa has (1 for zero).</summary>
    public int DigitCount => CountDigits(Mantissa);

    /// <summary>The power of ten of the first significant digit (1234.5 gives 3); 0 for zero.</summary>
    public int LeadingExponent => IsZero ? 0 : Exponent + DigitCount - 1;

    /// <summary>The digits of |value| rounded to 15 significant digits (the sign is dropped).</summary>
    public static DecimalDigits From(double value)
    {
        value = Math.Abs(value);
        if (value == 0 || !double.IsFinite(value))
        {
            return default;
        }

        // "E14": d.ddddddddddddddE+ddd, correctly rounded to 15 significant digits.
        Span<char> buffer = stackalloc char[32];
        value.TryFormat(buffer, out int written, "E14", CultureInfo.InvariantCulture);
        long mantissa = 0;
        int i = 0;
        for (; i < written && buffer[i] != 'E'; i++)
        {
            if (char.IsAsciiDigit(buffer[i]))
            {
                mantissa = (mantissa * 10) + (buffer[i] - '0');
            }
        }

        int exponent = int.Parse(buffer[(i + 1)..written], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return Normalize(mantissa, exponent - 14);
    }

    /// <summary>The number × 10^<paramref name="power"/> (percent is +2, each thousands-scaling comma -3).</summary>
    public DecimalDigits Shift(int power) => IsZero ? this : new DecimalDigits(Mantissa, Exponent + power);

    /// <summary>Rounds half away from zero to <paramref name="decimals"/> digits after the point (negative: tens, hundreds...).</summary>
    public DecimalDigits RoundToDecimals(int decimals) => DropDigits(-(long)decimals - Exponent, DigitRounding.HalfAwayFromZero);

    /// <summary>Rounds to <paramref name="decimals"/> digits after the point (negative: tens, hundreds...) the given way.</summary>
    public DecimalDigits RoundToDecimals(int decimals, DigitRounding mode) => DropDigits(-(long)decimals - Exponent, mode);

    /// <summary>
    /// The nearest double to these digits (exactly them when they fit): the magnitude; infinity past the double range.
    /// </summary>
    public double ToDouble()
    {
        if (IsZero)
        {
            return 0;
        }

        // The mantissa (at most 15 digits) and 10^0..10^22 are exact, so one multiplication or division rounds once.
        if (Exponent >= 0 && Exponent < ExactPowers.Length)
        {
            return Mantissa * ExactPowers[Exponent];
        }

        if (Exponent < 0 && -Exponent < ExactPowers.Length)
        {
            return Mantissa / ExactPowers[-Exponent];
        }

        return double.Parse(
            Mantissa.ToString(CultureInfo.InvariantCulture) + "E" + Exponent.ToString(CultureInfo.InvariantCulture),
            NumberStyles.Float,
            CultureInfo.InvariantCulture);
    }

    /// <summary>Rounds half away from zero to <paramref name="digits"/> significant digits (at least 1).</summary>
    public DecimalDigits RoundToSignificant(int digits) => DropDigits(DigitCount - Math.Max(1, digits), DigitRounding.HalfAwayFromZero);

    /// <summary>
    /// The integer digits ("" when the integer part is 0) and exactly <paramref name="decimals"/> fraction
    /// digits, after <see cref="RoundToDecimals(int)"/> with the same count.
    /// </summary>
    public (string Integer, string Fraction) Split(int decimals)
    {
        if (IsZero)
        {
            return (string.Empty, new string('0', Math.Max(0, decimals)));
        }

        string digits = Mantissa.ToString(CultureInfo.InvariantCulture);
        if (Exponent >= 0)
        {
            return (digits + new string('0', Exponent), new string('0', Math.Max(0, decimals)));
        }

        int integerLength = digits.Length + Exponent;
        string integer;
        string fraction;
        if (integerLength > 0)
        {
            integer = digits[..integerLength];
            fraction = digits[integerLength..];
        }
        else
        {
            integer = string.Empty;
            fraction = new string('0', -integerLength) + digits;
        }

        if (fraction.Length < decimals)
        {
            fraction += new string('0', decimals - fraction.Length);
        }
        else if (fraction.Length > decimals)
        {
            fraction = fraction[..Math.Max(0, decimals)];
        }

        return (integer, fraction);
    }

    /// <summary>All significant digits, the first one leading (for scientific notation).</summary>
    public string SignificantDigits() => IsZero ? "0" : Mantissa.ToString(CultureInfo.InvariantCulture);

    private DecimalDigits DropDigits(long drop, DigitRounding mode)
    {
        if (drop <= 0 || IsZero)
        {
            return this;
        }

        int count = DigitCount;
        if (drop > count)
        {
            // Every digit is below the last one kept: only rounding away from zero leaves a unit there.
            return mode == DigitRounding.AwayFromZero ? Normalize(1, (int)(Exponent + drop)) : default;
        }

        long power = Pow10[drop];
        long quotient = Mantissa / power;
        long remainder = Mantissa % power;
        bool up = mode switch
        {
            DigitRounding.HalfAwayFromZero => remainder * 2 >= power,
            DigitRounding.AwayFromZero => remainder != 0,
            _ => false,
        };
        if (up)
        {
            quotient++;
        }

        return Normalize(quotient, Exponent + (int)drop);
    }

    private static DecimalDigits Normalize(long mantissa, int exponent)
    {
        if (mantissa == 0)
        {
            return default;
        }

        while (mantissa % 10 == 0)
        {
            mantissa /= 10;
            exponent++;
        }

        return new DecimalDigits(mantissa, exponent);
    }

    private static int CountDigits(long value)
    {
        int n = 1;
        while (n < Pow10.Length && value >= Pow10[n])
        {
            n++;
        }

        return n;
    }

    private static long[] BuildPowers()
    {
        var powers = new long[19];
        powers[0] = 1;
        for (int i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }
}
