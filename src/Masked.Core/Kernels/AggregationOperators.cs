using System.Numerics;

namespace Masked.Kernels;

/// <summary>
/// A reduction step in TensorPrimitives' aggregation-operator shape: an identity value and a combine step, fed every
/// valid entry by <see cref="AggregationDriver"/> (masked entries never reach it: garbage is safe). Operators are
/// structs so the driver is specialized per operator; state an operator needs (a p, a mean) is a field.
/// </summary>
internal interface IAggregationOperator<T, TAcc> where T : unmanaged
{
    /// <summary>The accumulator before any entry (the value of an empty fold).</summary>
    TAcc Identity { get; }

    /// <summary>The accumulator after one more valid entry.</summary>
    TAcc Combine(TAcc accumulator, T value);
}

/// <summary>Σ x in double (the floating and fallback sum).</summary>
internal readonly struct SumToDouble<T> : IAggregationOperator<T, double> where T : unmanaged, INumber<T>
{
    public double Identity => 0;
    public double Combine(double accumulator, T value) => accumulator + double.CreateTruncating(value);
}

/// <summary>Σ x in int64 (exact integer sums, wrapping as torch's int64 accumulation).</summary>
internal readonly struct SumToInt64<T> : IAggregationOperator<T, long> where T : unmanaged, INumber<T>
{
    public long Identity => 0;
    public long Combine(long accumulator, T value) => accumulator + long.CreateTruncating(value);
}

/// <summary>Π x in double.</summary>
internal readonly struct ProductToDouble<T> : IAggregationOperator<T, double> where T : unmanaged, INumber<T>
{
    public double Identity => 1;
    public double Combine(double accumulator, T value) => accumulator * double.CreateTruncating(value);
}

/// <summary>Π x in int64.</summary>
internal readonly struct ProductToInt64<T> : IAggregationOperator<T, long> where T : unmanaged, INumber<T>
{
    public long Identity => 1;
    public long Combine(long accumulator, T value) => accumulator * long.CreateTruncating(value);
}

/// <summary>max x in double (NaN wins, as <c>Math.Max</c>).</summary>
internal readonly struct MaxToDouble<T> : IAggregationOperator<T, double> where T : unmanaged, INumber<T>
{
    public double Identity => double.NegativeInfinity;
    public double Combine(double accumulator, T value) => Math.Max(accumulator, double.CreateTruncating(value));
}

/// <summary>Σ e^(x - shift) in double (log-sum-exp's second pass).</summary>
internal readonly struct ShiftedExpSum<T>(double shift) : IAggregationOperator<T, double> where T : unmanaged, INumber<T>
{
    public double Identity => 0;
    public double Combine(double accumulator, T value) => accumulator + Math.Exp(double.CreateTruncating(value) - shift);
}

/// <summary>Σ (x - mean)² in double (the two-pass variance of the types without a SIMD moment fold).</summary>
internal readonly struct SquaredDeviationSum<T>(double mean) : IAggregationOperator<T, double> where T : unmanaged, INumber<T>
{
    public double Identity => 0;
    public double Combine(double accumulator, T value) { double d = double.CreateTruncating(value) - mean; return accumulator + d * d; }
}

/// <summary>The p-norm's accumulator: Σ |x|^p (p = 0 counts non-zeros), or max/min |x| for p = ±Inf (NaN wins).</summary>
internal readonly struct NormAccumulation<T>(double p) : IAggregationOperator<T, double> where T : unmanaged, INumber<T>
{
    public double Identity => double.IsNegativeInfinity(p) ? double.PositiveInfinity : 0;
    public double Combine(double accumulator, T value)
    {
        double a = Math.Abs(double.CreateTruncating(value));
        if (double.IsPositiveInfinity(p)) return double.IsNaN(a) ? a : Math.Max(accumulator, a);
        if (double.IsNegativeInfinity(p)) return double.IsNaN(a) ? a : Math.Min(accumulator, a);
        if (p == 0) return accumulator + (a != 0 ? 1 : 0);
        if (p == 1) return accumulator + a;
        if (p == 2) return accumulator + a * a;
        return accumulator + Math.Pow(a, p);
    }
}

/// <summary>Logical AND (<c>all</c>).</summary>
internal readonly struct AllOperator : IAggregationOperator<bool, bool>
{
    public bool Identity => true;
    public bool Combine(bool accumulator, bool value) => accumulator & value;
}

/// <summary>Logical OR (<c>any</c>).</summary>
internal readonly struct AnyOperator : IAggregationOperator<bool, bool>
{
    public bool Identity => false;
    public bool Combine(bool accumulator, bool value) => accumulator | value;
}
