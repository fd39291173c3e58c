using System.Numerics;
using System.Runtime.InteropServices;

namespace Masked.Kernels;

/// <summary>
/// The one driver every reducer runs through. <see cref="Fold{T, TAcc, TOp}"/> feeds an <see cref="IAggregationOperator{T, TAcc}"/>
/// the valid entries of a segment (64 validity bits at a time); the sums, moments and arg-extrema of float and double
/// go to the SIMD folds instead (<see cref="SimdReductions"/> on this thread, <see cref="ParallelReductions"/> over the
/// cores when <c>split</c> — <see cref="ReduceKernel"/> decides that once per call, so parallel loops never nest). The
/// element-type dispatch lives here and only here: reducers name an operator and an accumulator, never a type.
/// </summary>
internal static class AggregationDriver
{
    /// <summary>Runs <paramref name="op"/> over the valid entries of <paramref name="s"/>; <paramref name="count"/> is how many there were.</summary>
    public static TAcc Fold<T, TAcc, TOp>(in MaskedSegment<T> s, TOp op, out int count)
        where T : unmanaged where TOp : struct, IAggregationOperator<T, TAcc>
    {
        TAcc acc = op.Identity;
        int c = 0;
        var data = s.Data;
        foreach (int i in s.GetValidIndices()) { acc = op.Combine(acc, data[i]); c++; }
        count = c;
        return acc;
    }

    /// <summary>Whether T sums and multiplies exactly in int64 (int and long).</summary>
    private static bool AccumulatesInInt64<T>() => typeof(T) == typeof(int) || typeof(T) == typeof(long);

    /// <summary>The segment read as <typeparamref name="TF"/> (the same type, for the float/double SIMD folds).</summary>
    private static MaskedSegment<TF> As<T, TF>(in MaskedSegment<T> s) where T : unmanaged where TF : unmanaged
        => new(MemoryMarshal.Cast<T, TF>(s.Data), s.Bits, s.BitStart, s.HasMask);

    /// <summary>Σ valid entries in double.</summary>
    public static double SumAsDouble<T>(in MaskedSegment<T> s, bool split, out int count) where T : unmanaged, INumber<T>
    {
        long c;
        double r;
        if (typeof(T) == typeof(float)) r = split ? ParallelReductions.Sum(As<T, float>(s), out c) : SimdReductions.Sum(As<T, float>(s), out c);
        else if (typeof(T) == typeof(double)) r = split ? ParallelReductions.Sum(As<T, double>(s), out c) : SimdReductions.Sum(As<T, double>(s), out c);
        else return Fold<T, double, SumToDouble<T>>(s, default, out count);
        count = (int)c;
        return r;
    }

    /// <summary>Σ valid entries in T: exact in int64 for integers, in double otherwise.</summary>
    public static T Sum<T>(in MaskedSegment<T> s, bool split, out int count) where T : unmanaged, INumber<T>
        => AccumulatesInInt64<T>() ? T.CreateTruncating(Fold<T, long, SumToInt64<T>>(s, default, out count)) : T.CreateTruncating(SumAsDouble(s, split, out count));

    /// <summary>Π valid entries in T: in int64 for integers, in double otherwise.</summary>
    public static T Product<T>(in MaskedSegment<T> s, out int count) where T : unmanaged, INumber<T>
        => AccumulatesInInt64<T>() ? T.CreateTruncating(Fold<T, long, ProductToInt64<T>>(s, default, out count)) : T.CreateTruncating(Fold<T, double, ProductToDouble<T>>(s, default, out count));

    /// <summary>Index of the first max (min) valid entry, or of the first valid NaN; -1 when nothing is valid.</summary>
    public static int ArgExtremum<T>(in MaskedSegment<T> s, bool max, bool split) where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float)) return split ? ParallelReductions.ArgExtremum(As<T, float>(s), max) : SimdReductions.ArgExtremum(As<T, float>(s), max);
        if (typeof(T) == typeof(double)) return split ? ParallelReductions.ArgExtremum(As<T, double>(s), max) : SimdReductions.ArgExtremum(As<T, double>(s), max);
        int best = -1;
        T bv = default;
        var data = s.Data;
        foreach (int i in s.GetValidIndices())
        {
            T v = data[i];
            if (T.IsNaN(v)) return i;
            if (best < 0 || (max ? v > bv : v < bv)) { best = i; bv = v; }
        }
        return best;
    }

    /// <summary>
    /// Σ (x - mean)² over the valid entries and their count: one SIMD pass of shifted moments for float and double
    /// (shift = the mean of a few valid entries), two folds (<see cref="SumToDouble{T}"/>, <see cref="SquaredDeviationSum{T}"/>) otherwise.
    /// </summary>
    public static double SquaredDeviations<T>(in MaskedSegment<T> s, bool split, out long count) where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float)) return ShiftedMoments(As<T, float>(s), split, out count);
        if (typeof(T) == typeof(double)) return ShiftedMoments(As<T, double>(s), split, out count);
        double sum = Fold<T, double, SumToDouble<T>>(s, default, out int c);
        count = c;
        return c == 0 ? 0 : Fold<T, double, SquaredDeviationSum<T>>(s, new SquaredDeviationSum<T>(sum / c), out _);
    }

    private static double ShiftedMoments<TF>(in MaskedSegment<TF> s, bool split, out long count) where TF : unmanaged, IFloatingPointIeee754<TF>
    {
        var shift = SimdReductions.Pilot(s);
        var (s1, s2) = split ? ParallelReductions.ShiftedMoments(s, shift, out count) : SimdReductions.ShiftedMoments(s, shift, out count);
        return count == 0 ? 0 : Math.Max(0, s2 - s1 * s1 / count);
    }
}
