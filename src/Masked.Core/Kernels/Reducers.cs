using System.Numerics;

namespace Masked.Kernels;

// The reducers ReduceKernel runs per output segment. Each names its aggregation operator(s) and accumulator and runs them
// through AggregationDriver (which alone knows which element types have SIMD folds); none branches on its element type.

internal struct SumReducer<T> : ISegmentReducer<T, T> where T : unmanaged, INumber<T>
{
    public bool Reduce(in MaskedSegment<T> s, bool split, out T result)
    {
        result = AggregationDriver.Sum(s, split, out int c);
        return c > 0;
    }
}

internal struct MeanReducer<T> : ISegmentReducer<T, T> where T : unmanaged, INumber<T>
{
    public bool Reduce(in MaskedSegment<T> s, bool split, out T result)
    {
        double sum = AggregationDriver.SumAsDouble(s, split, out int c);
        result = T.CreateTruncating(sum / c);
        return c > 0;
    }
}

internal struct ProdReducer<T> : ISegmentReducer<T, T> where T : unmanaged, INumber<T>
{
    public bool Reduce(in MaskedSegment<T> s, bool split, out T result)
    {
        result = AggregationDriver.Product(s, out int c);
        return c > 0;
    }
}

/// <summary>Max (or min) over valid entries; a valid NaN wins, as in PyTorch.</summary>
internal struct ExtremumReducer<T>(bool max) : ISegmentReducer<T, T> where T : unmanaged, INumber<T>
{
    public bool Reduce(in MaskedSegment<T> s, bool split, out T result)
    {
        int index = AggregationDriver.ArgExtremum(s, max, split);
        result = index >= 0 ? s.Data[index] : default;
        return index >= 0;
    }
}

/// <summary>Index (int64) of the max (min) valid entry.</summary>
internal struct ArgExtremumReducer<T>(bool max) : ISegmentReducer<T, long> where T : unmanaged, INumber<T>
{
    public bool Reduce(in MaskedSegment<T> s, bool split, out long result)
    {
        int index = AggregationDriver.ArgExtremum(s, max, split);
        result = index;
        return index >= 0;
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
        double ss = AggregationDriver.SquaredDeviations(s, split, out long c);
        result = default;
        if (c - correction <= 0) return false;
        double v = ss / (c - correction);
        result = T.CreateTruncating(std ? Math.Sqrt(v) : v);
        return true;
    }
}

internal struct NormReducer<T>(double p) : ISegmentReducer<T, T> where T : unmanaged, INumber<T>
{
    public bool Reduce(in MaskedSegment<T> s, bool split, out T result)
    {
        double acc = AggregationDriver.Fold<T, double, NormAccumulation<T>>(s, new NormAccumulation<T>(p), out int c);
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
        double m = AggregationDriver.Fold<T, double, MaxToDouble<T>>(s, default, out int c);
        result = default;
        if (c == 0) return false;
        if (double.IsInfinity(m)) { result = T.CreateTruncating(m); return true; }
        double sum = AggregationDriver.Fold<T, double, ShiftedExpSum<T>>(s, new ShiftedExpSum<T>(m), out _);
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
        int c;
        result = all ? AggregationDriver.Fold<bool, bool, AllOperator>(s, default, out c) : AggregationDriver.Fold<bool, bool, AnyOperator>(s, default, out c);
        return c > 0;
    }
}
