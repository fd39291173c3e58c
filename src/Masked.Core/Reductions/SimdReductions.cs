using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Masked.Kernels;

namespace Masked;

/// <summary>
/// SIMD masked reductions over one contiguous segment, 64 elements (one bitmap word) at a time:
/// all-valid words load straight, mixed words are ANDed with lane masks built from the word,
/// all-null words are skipped. Float partial sums live in SIMD registers for 1024 elements, then
/// flush into double, so long float sums do not drift.
/// </summary>
internal static class SimdReductions
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Word(ReadOnlySpan<byte> bits, long start, bool hasMask, int count)
        => hasMask ? BitmapWords.Read(bits, start, count) : count == 64 ? ulong.MaxValue : (1UL << count) - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Load<T>(ref T p, int at) where T : unmanaged => Vector512.LoadUnsafe(ref p, (nuint)at);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Flush<T>(Vector512<T> acc) where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            var (lo, hi) = Vector512.Widen(acc.As<T, float>());
            return Vector512.Sum(lo + hi);
        }
        return Vector512.Sum(acc.As<T, double>());
    }

    /// <summary>Sum of the valid entries (in double) and their count.</summary>
    public static double Sum<T>(ReadOnlySpan<T> d, ReadOnlySpan<byte> bits, long bitStart, bool hasMask, out long count)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = d.Length, i = 0;
        double total = 0;
        count = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            int lanes = Vector512<T>.Count;
            ref T p = ref MemoryMarshal.GetReference(d);
            var acc = Vector512<T>.Zero;
            int blk = 0;
            for (; i + 64 <= n; i += 64)
            {
                ulong w = Word(bits, bitStart + i, hasMask, 64);
                if (w == 0) continue;
                count += BitOperations.PopCount(w);
                Vector512<T> s;
                if (w == ulong.MaxValue)
                {
                    s = (Load(ref p, i) + Load(ref p, i + lanes)) + (Load(ref p, i + 2 * lanes) + Load(ref p, i + 3 * lanes));
                    if (lanes == 8) s += (Load(ref p, i + 4 * lanes) + Load(ref p, i + 5 * lanes)) + (Load(ref p, i + 6 * lanes) + Load(ref p, i + 7 * lanes));
                }
                else
                {
                    s = ((Load(ref p, i) & LaneMasks.Of<T>(w, 0)) + (Load(ref p, i + lanes) & LaneMasks.Of<T>(w, 1)))
                      + ((Load(ref p, i + 2 * lanes) & LaneMasks.Of<T>(w, 2)) + (Load(ref p, i + 3 * lanes) & LaneMasks.Of<T>(w, 3)));
                    if (lanes == 8)
                        s += ((Load(ref p, i + 4 * lanes) & LaneMasks.Of<T>(w, 4)) + (Load(ref p, i + 5 * lanes) & LaneMasks.Of<T>(w, 5)))
                           + ((Load(ref p, i + 6 * lanes) & LaneMasks.Of<T>(w, 6)) + (Load(ref p, i + 7 * lanes) & LaneMasks.Of<T>(w, 7)));
                }
                acc += s;
                if (++blk == 16) { total += Flush(acc); acc = Vector512<T>.Zero; blk = 0; }
            }
            total += Flush(acc);
        }
        for (; i < n; i += 64)
        {
            int c = Math.Min(64, n - i);
            ulong w = Word(bits, bitStart + i, hasMask, c);
            count += BitOperations.PopCount(w);
            while (w != 0) { total += double.CreateTruncating(d[i + BitOperations.TrailingZeroCount(w)]); w &= w - 1; }
        }
        return total;
    }

    /// <summary>Sums of (x - shift) and (x - shift)² over valid entries, and their count (one pass; shift near the mean avoids cancellation).</summary>
    public static (double s1, double s2) ShiftedMoments<T>(ReadOnlySpan<T> d, ReadOnlySpan<byte> bits, long bitStart, bool hasMask, T shift, out long count)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = d.Length, i = 0;
        double s1 = 0, s2 = 0;
        count = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            int lanes = Vector512<T>.Count, groups = 64 / lanes;
            ref T p = ref MemoryMarshal.GetReference(d);
            var k = Vector512.Create(shift);
            Vector512<T> a1 = Vector512<T>.Zero, a2 = Vector512<T>.Zero;
            int blk = 0;
            for (; i + 64 <= n; i += 64)
            {
                ulong w = Word(bits, bitStart + i, hasMask, 64);
                if (w == 0) continue;
                count += BitOperations.PopCount(w);
                for (int g = 0; g < groups; g++)
                {
                    var v = Load(ref p, i + g * lanes) - k;
                    if (w != ulong.MaxValue) v &= LaneMasks.Of<T>(w, g);
                    a1 += v;
                    a2 += v * v;
                }
                if (++blk == 16) { s1 += Flush(a1); s2 += Flush(a2); a1 = a2 = Vector512<T>.Zero; blk = 0; }
            }
            s1 += Flush(a1); s2 += Flush(a2);
        }
        double kd = double.CreateTruncating(shift);
        for (; i < n; i += 64)
        {
            int c = Math.Min(64, n - i);
            ulong w = Word(bits, bitStart + i, hasMask, c);
            count += BitOperations.PopCount(w);
            while (w != 0) { double v = double.CreateTruncating(d[i + BitOperations.TrailingZeroCount(w)]) - kd; s1 += v; s2 += v * v; w &= w - 1; }
        }
        return (s1, s2);
    }

    /// <summary>A shift for <see cref="ShiftedMoments"/>: the mean of the first (up to 64) valid entries, or 0.</summary>
    public static T Pilot<T>(ReadOnlySpan<T> d, ReadOnlySpan<byte> bits, long bitStart, bool hasMask) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double s = 0; int c = 0;
        for (int i = 0; i < d.Length && c < 64; i += 64)
        {
            int cnt = Math.Min(64, d.Length - i);
            ulong w = Word(bits, bitStart + i, hasMask, cnt);
            while (w != 0 && c < 64)
            {
                double v = double.CreateTruncating(d[i + BitOperations.TrailingZeroCount(w)]);
                if (double.IsFinite(v)) { s += v; c++; }
                w &= w - 1;
            }
        }
        return c == 0 ? T.Zero : T.CreateTruncating(s / c);
    }

    /// <summary>Index of the first valid max (min) entry — or of the first valid NaN, which wins — or -1 when nothing is valid.</summary>
    public static int ArgExtremum<T>(ReadOnlySpan<T> d, ReadOnlySpan<byte> bits, long bitStart, bool hasMask, bool max)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = d.Length, i = 0;
        T fill = max ? T.NegativeInfinity : T.PositiveInfinity;
        T best = fill;
        bool any = false;
        // Pass 1: the extreme value (NaN propagates through Min/Max).
        if (Vector512.IsHardwareAccelerated)
        {
            int lanes = Vector512<T>.Count, groups = 64 / lanes;
            ref T p = ref MemoryMarshal.GetReference(d);
            var f = Vector512.Create(fill);
            var acc = f;
            for (; i + 64 <= n; i += 64)
            {
                ulong w = Word(bits, bitStart + i, hasMask, 64);
                if (w == 0) continue;
                any = true;
                for (int g = 0; g < groups; g++)
                {
                    var v = Load(ref p, i + g * lanes);
                    if (w != ulong.MaxValue) v = Vector512.ConditionalSelect(LaneMasks.Of<T>(w, g), v, f);
                    acc = max ? Vector512.Max(acc, v) : Vector512.Min(acc, v);
                }
            }
            for (int l = 0; l < lanes; l++) best = Better(best, acc.GetElement(l), max);
        }
        for (; i < n; i += 64)
        {
            int c = Math.Min(64, n - i);
            ulong w = Word(bits, bitStart + i, hasMask, c);
            if (w != 0) any = true;
            while (w != 0) { best = Better(best, d[i + BitOperations.TrailingZeroCount(w)], max); w &= w - 1; }
        }
        if (!any) return -1;
        // Pass 2: the first valid position holding it.
        bool nan = T.IsNaN(best);
        i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            int lanes = Vector512<T>.Count, groups = 64 / lanes;
            ref T p = ref MemoryMarshal.GetReference(d);
            var b = Vector512.Create(best);
            for (; i + 64 <= n; i += 64)
            {
                ulong w = Word(bits, bitStart + i, hasMask, 64);
                if (w == 0) continue;
                for (int g = 0; g < groups; g++)
                {
                    var v = Load(ref p, i + g * lanes);
                    var eq = nan ? ~Vector512.Equals(v, v) : Vector512.Equals(v, b);
                    ulong hits = eq.ExtractMostSignificantBits() & (w >> (g * lanes));
                    if (hits != 0) return i + g * lanes + BitOperations.TrailingZeroCount(hits);
                }
            }
        }
        for (; i < n; i += 64)
        {
            int c = Math.Min(64, n - i);
            ulong w = Word(bits, bitStart + i, hasMask, c);
            while (w != 0)
            {
                int k = i + BitOperations.TrailingZeroCount(w);
                T v = d[k];
                if (nan ? T.IsNaN(v) : v == best) return k;
                w &= w - 1;
            }
        }
        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Better<T>(T a, T b, bool max) where T : IFloatingPointIeee754<T>
        => T.IsNaN(a) || T.IsNaN(b) ? (T.IsNaN(a) ? a : b) : max ? (b > a ? b : a) : (b < a ? b : a);
}

/// <summary>Folds one part of a segment: its values, the whole bitmap and the part's first bit.</summary>
internal delegate TResult PartReducer<T, TResult>(ReadOnlySpan<T> data, ReadOnlySpan<byte> bits, long bitStart, bool hasMask);

/// <summary>Full reductions split over the cores: each part folds its 64-aligned range, the parts combine in order.</summary>
internal static unsafe class ParallelReductions
{
    /// <summary>Runs <paramref name="fold"/> on up to <see cref="MaskedParallelism.Parts"/> ranges; returns each part's result and first index.</summary>
    private static (TResult result, int start)[] Split<T, TResult>(ReadOnlySpan<T> d, ReadOnlySpan<byte> bits, long bitStart, bool hasMask, int parts, PartReducer<T, TResult> fold)
        where T : unmanaged
    {
        var results = new (TResult, int)[parts];
        fixed (T* pd = d)
        fixed (byte* pb = bits)
        {
            nint ad = (nint)pd, ab = (nint)pb;
            int blen = bits.Length;
            MaskedParallelism.For(d.Length, parts, (p, lo, hi) =>
                results[p] = (fold(new ReadOnlySpan<T>((T*)ad + lo, hi - lo), new ReadOnlySpan<byte>((byte*)ab, blen), bitStart + lo, hasMask), lo));
        }
        return results;
    }

    public static double Sum<T>(ReadOnlySpan<T> d, ReadOnlySpan<byte> bits, long bitStart, bool hasMask, out long count)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int parts = MaskedParallelism.Parts(d.Length);
        if (parts <= 1) return SimdReductions.Sum(d, bits, bitStart, hasMask, out count);
        var r = Split(d, bits, bitStart, hasMask, parts, (ds, bs, st, hm) => (SimdReductions.Sum(ds, bs, st, hm, out long c), c));
        count = r.Sum(x => x.result.Item2);
        return r.Sum(x => x.result.Item1);
    }

    public static (double s1, double s2) ShiftedMoments<T>(ReadOnlySpan<T> d, ReadOnlySpan<byte> bits, long bitStart, bool hasMask, T shift, out long count)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int parts = MaskedParallelism.Parts(d.Length);
        if (parts <= 1) return SimdReductions.ShiftedMoments(d, bits, bitStart, hasMask, shift, out count);
        var r = Split(d, bits, bitStart, hasMask, parts, (ds, bs, st, hm) => (SimdReductions.ShiftedMoments(ds, bs, st, hm, shift, out long c), c));
        count = r.Sum(x => x.result.Item2);
        return (r.Sum(x => x.result.Item1.s1), r.Sum(x => x.result.Item1.s2));
    }

    public static int ArgExtremum<T>(ReadOnlySpan<T> d, ReadOnlySpan<byte> bits, long bitStart, bool hasMask, bool max)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int parts = MaskedParallelism.Parts(d.Length);
        if (parts <= 1) return SimdReductions.ArgExtremum(d, bits, bitStart, hasMask, max);
        var r = Split(d, bits, bitStart, hasMask, parts, (ds, bs, st, hm) => SimdReductions.ArgExtremum(ds, bs, st, hm, max));
        int best = -1;
        foreach (var (k, start) in r) // parts are in order: ties keep the first index
        {
            if (k < 0) continue;
            int i = k + start;
            if (best < 0) { best = i; continue; }
            T a = d[best], b = d[i];
            if (T.IsNaN(a)) continue;
            if (T.IsNaN(b) || (max ? b > a : b < a)) best = i;
        }
        return best;
    }
}
