using System.Numerics;
using System.Runtime.InteropServices;

namespace Masked.Kernels;

/// <summary>
/// The SIMD folds a reducer runs on one segment, over the cores or on this thread: <see cref="ReduceKernel"/> decides
/// once per call (<c>split</c>: true when it runs the segments one after another, so one large segment may use every
/// core; false when it already spreads segments over the cores — no nested parallel loops).
/// </summary>
internal static class SegmentFolds
{
    public static double Sum<T>(in MaskedSegment<T> s, bool split, out long count) where T : unmanaged, IFloatingPointIeee754<T>
        => split ? ParallelReductions.Sum(s, out count) : SimdReductions.Sum(s, out count);

    public static (double s1, double s2) ShiftedMoments<T>(in MaskedSegment<T> s, T shift, bool split, out long count) where T : unmanaged, IFloatingPointIeee754<T>
        => split ? ParallelReductions.ShiftedMoments(s, shift, out count) : SimdReductions.ShiftedMoments(s, shift, out count);

    public static int ArgExtremum<T>(in MaskedSegment<T> s, bool max, bool split) where T : unmanaged, IFloatingPointIeee754<T>
        => split ? ParallelReductions.ArgExtremum(s, max) : SimdReductions.ArgExtremum(s, max);
}

internal struct SumReducer<T> : ISegmentReducer<T, T> where T : unmanaged, INumber<T>
{
    /// <summary>The segment read as <typeparamref name="TF"/> (the same type, for the float/double fast paths).</summary>
    internal static MaskedSegment<TF> As<TF>(in MaskedSegment<T> s) where TF : unmanaged
        => new(MemoryMarshal.Cast<T, TF>(s.Data), s.Bits, s.BitStart, s.HasMask);

    public static double SumAsDouble(in MaskedSegment<T> s, bool split, out int count)
    {
        long c;
        if (typeof(T) == typeof(float))
        {
            double r = SegmentFolds.Sum(As<float>(s), split, out c);
            count = (int)c;
            return r;
        }
        if (typeof(T) == typeof(double))
        {
            double r = SegmentFolds.Sum(As<double>(s), split, out c);
            count = (int)c;
            return r;
        }
        double t = 0; count = 0;
        foreach (int i in s.GetValidIndices()) { t += double.CreateTruncating(s.Data[i]); count++; }
        return t;
    }

    public bool Reduce(in MaskedSegment<T> s, bool split, out T result)
    {
        if (typeof(T) == typeof(int) || typeof(T) == typeof(long))
        {
            long acc = 0; int count = 0;
            foreach (int i in s.GetValidIndices()) { acc += long.CreateTruncating(s.Data[i]); count++; }
            result = T.CreateTruncating(acc);
            return count > 0;
        }
        double sum = SumAsDouble(s, split, out int c);
        result = T.CreateTruncating(sum);
        return c > 0;
    }
}

internal struct MeanReducer<T> : ISegmentReducer<T, T> where T : unmanaged, INumber<T>
{
    public bool Reduce(in MaskedSegment<T> s, bool split, out T result)
    {
        double sum = SumReducer<T>.SumAsDouble(s, split, out int c);
        result = T.CreateTruncating(sum / c);
        return c > 0;
    }
}

internal struct ProdReducer<T> : ISegmentReducer<T, T> where T : unmanaged, INumber<T>
{
    public bool Reduce(in MaskedSegment<T> s, bool split, out T result)
    {
        int c = 0;
        if (typeof(T) == typeof(int) || typeof(T) == typeof(long))
        {
            long p = 1;
            foreach (int i in s.GetValidIndices()) { p *= long.CreateTruncating(s.Data[i]); c++; }
            result = T.CreateTruncating(p);
        }
        else
        {
            double p = 1;
            foreach (int i in s.GetValidIndices()) { p *= double.CreateTruncating(s.Data[i]); c++; }
            result = T.CreateTruncating(p);
        }
        return c > 0;
    }
}

/// <summary>Max (or min) over valid entries; a valid NaN wins, as in PyTorch.</summary>
internal struct ExtremumReducer<T>(bool max) : ISegmentReducer<T, T> where T : unmanaged, INumber<T>
{
    public bool Reduce(in MaskedSegment<T> s, bool split, out T result)
    {
        bool ok = Find(s, max, split, out int index);
        result = ok ? s.Data[index] : default;
        return ok;
    }

    /// <summary>Index of the first max (min) valid entry, or of the first valid NaN.</summary>
    public static bool Find(in MaskedSegment<T> s, bool max, bool split, out int best)
    {
        if (typeof(T) == typeof(float))
        {
            best = SegmentFolds.ArgExtremum(SumReducer<T>.As<float>(s), max, split);
            return best >= 0;
        }
        if (typeof(T) == typeof(double))
        {
            best = SegmentFolds.ArgExtremum(SumReducer<T>.As<double>(s), max, split);
            return best >= 0;
        }
        best = -1;
        T bv = default;
        foreach (int i in s.GetValidIndices())
        {
            T v = s.Data[i];
            if (T.IsNaN(v)) { best = i; return true; }
            if (best < 0 || (max ? v > bv : v < bv)) { best = i; bv = v; }
        }
        return best >= 0;
    }
}

/// <summary>Index (int64) of the max (min) valid entry.</summary>
internal struct ArgExtremumReducer<T>(bool max) : ISegmentReducer<T, long> where T : unmanaged, INumber<T>
{
    public bool Reduce(in MaskedSegment<T> s, bool split, out long result)
    {
        bool ok = ExtremumReducer<T>.Find(s, max, split, out int index);
        result = index;
        return ok;
    }
}

internal struct CountReducer<T> : ISegmentReducer<T, long> where T : unmanaged
{
    public bool Reduce(in MaskedSegment<T> s, bool split, out long result) { result = s.ValidCount; return true; }
}

internal struct VarReducer<T>(double correction, bool std) : ISegmentReducer<T, T> where T : unmanaged, INumber<T>
{
    public bool Reduce(in MaskedSegment<T> s, bool split, out T result)
    {
        if (typeof(T) == typeof(float)) return Fast(SumReducer<T>.As<float>(s), split, out result);
        if (typeof(T) == typeof(double)) return Fast(SumReducer<T>.As<double>(s), split, out result);
        double sum = SumReducer<T>.SumAsDouble(s, split, out int c);
        result = default;
        if (c - correction <= 0) return false;
        double mean = sum / c, ss = 0;
        foreach (int i in s.GetValidIndices()) { double d = double.CreateTruncating(s.Data[i]) - mean; ss += d * d; }
        double v = ss / (c - correction);
        result = T.CreateTruncating(std ? Math.Sqrt(v) : v);
        return true;
    }

    /// <summary>One pass of shifted moments (shift = mean of a few valid entries), vectorized and split over the cores.</summary>
    private bool Fast<TF>(in MaskedSegment<TF> s, bool split, out T result) where TF : unmanaged, IFloatingPointIeee754<TF>
    {
        var shift = SimdReductions.Pilot(s);
        var (s1, s2) = SegmentFolds.ShiftedMoments(s, shift, split, out long c);
        result = default;
        if (c - correction <= 0) return false;
        double ss = Math.Max(0, s2 - s1 * s1 / c);
        double v = ss / (c - correction);
        result = T.CreateTruncating(std ? Math.Sqrt(v) : v);
        return true;
    }
}

internal struct NormReducer<T>(double p) : ISegmentReducer<T, T> where T : unmanaged, INumber<T>
{
    public bool Reduce(in MaskedSegment<T> s, bool split, out T result)
    {
        int c = 0;
        double acc = double.IsNegativeInfinity(p) ? double.PositiveInfinity : 0;
        foreach (int i in s.GetValidIndices())
        {
            double a = Math.Abs(double.CreateTruncating(s.Data[i]));
            c++;
            if (double.IsPositiveInfinity(p)) acc = double.IsNaN(a) ? a : Math.Max(acc, a);
            else if (double.IsNegativeInfinity(p)) acc = double.IsNaN(a) ? a : Math.Min(acc, a);
            else if (p == 0) acc += a != 0 ? 1 : 0;
            else if (p == 1) acc += a;
            else if (p == 2) acc += a * a;
            else acc += Math.Pow(a, p);
        }
        if (p == 2) acc = Math.Sqrt(acc);
        else if (p != 1 && p != 0 && !double.IsInfinity(p)) acc = Math.Pow(acc, 1 / p);
        result = T.CreateTruncating(acc);
        return c > 0;
    }
}

internal struct LogSumExpReducer<T> : ISegmentReducer<T, T> where T : unmanaged, INumber<T>
{
    public bool Reduce(in MaskedSegment<T> s, bool split, out T result)
    {
        double m = double.NegativeInfinity;
        int c = 0;
        foreach (int i in s.GetValidIndices()) { m = Math.Max(m, double.CreateTruncating(s.Data[i])); c++; }
        result = default;
        if (c == 0) return false;
        if (double.IsInfinity(m)) { result = T.CreateTruncating(m); return true; }
        double sum = 0;
        foreach (int i in s.GetValidIndices()) sum += Math.Exp(double.CreateTruncating(s.Data[i]) - m);
        result = T.CreateTruncating(m + Math.Log(sum));
        return true;
    }
}

/// <summary>Quantile by linear interpolation between order statistics; <c>Lower</c> picks the lower middle (median).</summary>
internal struct QuantileReducer<T>(double q, bool lower) : ISegmentReducer<T, T> where T : unmanaged, INumber<T>
{
    public bool Reduce(in MaskedSegment<T> s, bool split, out T result)
    {
        var v = s.GatherValid();
        result = default;
        if (v.Length == 0) return false;
        foreach (var x in v) if (T.IsNaN(x)) { result = x; return true; }
        Array.Sort(v);
        if (lower) { result = v[(v.Length - 1) / 2]; return true; }
        double pos = q * (v.Length - 1);
        int lo = (int)Math.Floor(pos), hi = (int)Math.Ceiling(pos);
        double a = double.CreateTruncating(v[lo]), b = double.CreateTruncating(v[hi]);
        result = T.CreateTruncating(a + (b - a) * (pos - lo));
        return true;
    }
}

internal struct AnyAllReducer(bool all) : ISegmentReducer<bool, bool>
{
    public bool Reduce(in MaskedSegment<bool> s, bool split, out bool result)
    {
        int c = 0;
        result = all;
        foreach (int i in s.GetValidIndices())
        {
            c++;
            if (all) result &= s.Data[i]; else result |= s.Data[i];
        }
        return c > 0;
    }
}
