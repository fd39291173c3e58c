using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Masked.Kernels;

namespace Masked;

/// <summary>
/// Masked sums that do not drift: values are summed 64 at a time (one bitmap word) in SIMD registers —
/// all-valid words straight, mixed words blended with a lane mask built from the word, all-null words
/// skipped — and each word's partial sum is added into a double accumulator.
/// </summary>
internal static class SumKernel
{
    public static double Sum(in MaskedSegment<float> s, out int count)
    {
        var d = s.Data;
        int n = d.Length;
        double total = 0;
        count = 0;
        ref float r0 = ref MemoryMarshal.GetReference(d);
        int i = 0;
        for (; i + 64 <= n; i += 64)
        {
            ulong w = s.Word(i, 64);
            if (w == 0) continue;
            count += BitOperations.PopCount(w);
            total += Vector256.IsHardwareAccelerated ? Block(ref Unsafe.Add(ref r0, i), w) : Scalar(d.Slice(i, 64), w);
        }
        if (i < n)
        {
            ulong w = s.Word(i, n - i);
            count += BitOperations.PopCount(w);
            total += Scalar(d.Slice(i), w);
        }
        return total;
    }

    public static double Sum(in MaskedSegment<double> s, out int count)
    {
        var d = s.Data;
        int n = d.Length;
        double total = 0;
        count = 0;
        ref double r0 = ref MemoryMarshal.GetReference(d);
        int i = 0;
        for (; i + 64 <= n; i += 64)
        {
            ulong w = s.Word(i, 64);
            if (w == 0) continue;
            count += BitOperations.PopCount(w);
            total += Vector256.IsHardwareAccelerated ? Block(ref Unsafe.Add(ref r0, i), w) : Scalar(d.Slice(i, 64), w);
        }
        if (i < n)
        {
            ulong w = s.Word(i, n - i);
            count += BitOperations.PopCount(w);
            total += Scalar(d.Slice(i), w);
        }
        return total;
    }

    private static double Scalar(ReadOnlySpan<float> d, ulong w)
    {
        double t = 0;
        while (w != 0) { t += d[BitOperations.TrailingZeroCount(w)]; w &= w - 1; }
        return t;
    }

    private static double Scalar(ReadOnlySpan<double> d, ulong w)
    {
        double t = 0;
        while (w != 0) { t += d[BitOperations.TrailingZeroCount(w)]; w &= w - 1; }
        return t;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Lanes(ref float p, int group, ulong w)
    {
        var v = Vector256.LoadUnsafe(ref p, (nuint)(group * 8));
        if (w == ulong.MaxValue) return v;
        var laneBits = Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128);
        var b = Vector256.Create((int)(w >> (group * 8)) & 0xFF);
        return v & Vector256.Equals(b & laneBits, laneBits).AsSingle();
    }

    private static double Block(ref float p, ulong w)
    {
        var a = (Lanes(ref p, 0, w) + Lanes(ref p, 1, w)) + (Lanes(ref p, 2, w) + Lanes(ref p, 3, w));
        var b = (Lanes(ref p, 4, w) + Lanes(ref p, 5, w)) + (Lanes(ref p, 6, w) + Lanes(ref p, 7, w));
        var (lo, hi) = Vector256.Widen(a + b);
        return Vector256.Sum(lo + hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Lanes(ref double p, int group, ulong w)
    {
        var v = Vector256.LoadUnsafe(ref p, (nuint)(group * 4));
        if (w == ulong.MaxValue) return v;
        var laneBits = Vector256.Create(1L, 2L, 4L, 8L);
        var b = Vector256.Create((long)(w >> (group * 4)) & 0xF);
        return v & Vector256.Equals(b & laneBits, laneBits).AsDouble();
    }

    private static double Block(ref double p, ulong w)
    {
        var acc = Vector256<double>.Zero;
        for (int g = 0; g < 16; g += 4)
            acc += (Lanes(ref p, g, w) + Lanes(ref p, g + 1, w)) + (Lanes(ref p, g + 2, w) + Lanes(ref p, g + 3, w));
        return Vector256.Sum(acc);
    }
}
