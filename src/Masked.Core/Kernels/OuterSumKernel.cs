using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Masked.Kernels;

/// <summary>
/// Sum (and count) over a run of dims that is not innermost, without moving data: the tensor is seen as
/// [outer, K, inner] and each of the K rows of an outer block is added into per-column accumulators,
/// vectorized across the inner dim at the widest accelerated width (one generic body). Float columns accumulate in SIMD registers for 64 rows, then in double.
/// Split over the cores along K.
/// </summary>
internal static unsafe class OuterSumKernel
{
    /// <summary>Whether [outer, K, inner] applies: contiguous, reduced dims one run that is not innermost.</summary>
    public static bool TryPlan<T>(MaskedTensor<T> x, int[]? dims, out int outer, out int k, out int inner) where T : unmanaged
    {
        outer = k = inner = 1;
        if (dims is null || !x.IsContiguous || x.Rank < 2) return false;
        var reduced = ShapeMath.ReducedDims(dims, false, x.Rank);
        int first = Array.IndexOf(reduced, true), last = Array.LastIndexOf(reduced, true);
        if (first < 0 || last == x.Rank - 1) return false;
        for (int d = first; d <= last; d++) if (!reduced[d]) return false;
        for (int d = 0; d < first; d++) outer *= x._shape[d];
        for (int d = first; d <= last; d++) k *= x._shape[d];
        for (int d = last + 1; d < x.Rank; d++) inner *= x._shape[d];
        return inner >= 16 && (long)k * inner >= 1024;
    }

    /// <summary>Sums and counts per (outer, inner) position; without <paramref name="exactCounts"/> a count only tells 0 (nothing valid) from more (cheaper: validity words are ORed, not counted per lane).</summary>
    public static (double[] sums, long[] counts) Run<T>(MaskedTensor<T> x, int outer, int k, int inner, bool exactCounts = true) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var sums = new double[outer * inner];
        var counts = new long[outer * inner];
        var data = x.ContiguousSpan;
        bool hasMask = x._bitmap is not null;
        var bits = hasMask ? x._bitmap!.Bytes.Span : default;
        long b0 = x.MaskBitStart;
        int parts = MaskedParallelism.Parts((long)k * inner);
        parts = Math.Min(parts, Math.Max(1, k / 64));
        fixed (T* pd = data)
        fixed (byte* pb = bits)
        {
            nint ad = (nint)pd, ab = (nint)pb;
            int blen = bits.Length, dlen = data.Length;
            for (int o = 0; o < outer; o++)
            {
                var partSums = new double[parts][];
                var partCounts = new long[parts][];
                int oo = o;
                Action<int> body = p =>
                {
                    int lo = (int)((long)k * p / parts), hi = (int)((long)k * (p + 1) / parts);
                    var s = new double[inner];
                    var c = new long[inner];
                    Rows(new ReadOnlySpan<T>((T*)ad, dlen), new ReadOnlySpan<byte>((byte*)ab, blen), b0, hasMask, oo, k, inner, lo, hi, s, c, exactCounts);
                    partSums[p] = s; partCounts[p] = c;
                };
                if (parts > 1) Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, body);
                else body(0);
                for (int p = 0; p < parts; p++)
                    for (int j = 0; j < inner; j++) { sums[o * inner + j] += partSums[p][j]; counts[o * inner + j] += partCounts[p][j]; }
            }
        }
        return (sums, counts);
    }

    private static void Rows<T>(ReadOnlySpan<T> data, ReadOnlySpan<byte> bits, long b0, bool hasMask, int o, int k, int inner, int lo, int hi, double[] sums, long[] counts, bool exactCounts)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var seg = new MaskedSegment<T>(data, bits, b0, hasMask);
        if (Vector512.IsHardwareAccelerated) Rows<T, Vector512<T>, Simd512<T>>(seg, o, k, inner, lo, hi, sums, counts, exactCounts);
        else if (Vector256.IsHardwareAccelerated) Rows<T, Vector256<T>, Simd256<T>>(seg, o, k, inner, lo, hi, sums, counts, exactCounts);
        else if (Vector128.IsHardwareAccelerated) Rows<T, Vector128<T>, Simd128<T>>(seg, o, k, inner, lo, hi, sums, counts, exactCounts);
        else RowsScalar(seg, o, k, inner, lo, hi, 0, sums, counts);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Accumulate<T, TVec, TOps>(ref T row, ref T acc, ref T cnt, nuint j, TVec m)
        where T : unmanaged where TVec : struct where TOps : ISimdOps<TVec, T>
    {
        TOps.Store(TOps.Add(TOps.Load(ref acc, j), TOps.Keep(TOps.Load(ref row, j), m)), ref acc, j);
        TOps.Store(TOps.CountLanes(TOps.Load(ref cnt, j), m), ref cnt, j);
    }

    /// <summary>Rows [lo, hi) of outer block <paramref name="o"/> added into per-column sums and counts, at one vector width.</summary>
    internal static void Rows<T, TVec, TOps>(in MaskedSegment<T> x, int o, int k, int inner, int lo, int hi, double[] sums, long[] counts, bool exactCounts = true)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TOps : ISimdOps<TVec, T>
    {
        int lanes = TOps.Count;
        int vecEnd = inner - inner % lanes;
        var acc = new T[Math.Max(vecEnd, 1)];
        var cnt = new T[Math.Max(vecEnd, 1)]; // integer lane counters (int or long bits), see ISimdOps.CountLanes
        ref T pa = ref MemoryMarshal.GetArrayDataReference(acc);
        ref T pc = ref MemoryMarshal.GetArrayDataReference(cnt);
        var bits = x.Bits;
        var any = exactCounts ? null : new ulong[(vecEnd + 63) / 64]; // per column: valid in some row
        int inBlock = 0;
        for (int r = lo; r < hi; r++)
        {
            if (r + 1 < hi && (!exactCounts || !x.HasMask))
            {
                // Two rows per pass over the accumulators (half the accumulator loads and stores).
                PairOfRows<T, TVec, TOps>(x, ((long)o * k + r) * inner, inner, vecEnd, ref pa, any);
                r++;
                inBlock += 2;
                if (inBlock >= 64 || r == hi - 1)
                {
                    for (int t = 0; t < vecEnd; t++) { sums[t] += double.CreateTruncating(acc[t]); acc[t] = T.Zero; }
                    inBlock = 0;
                }
                continue;
            }
            long rowStart = ((long)o * k + r) * inner;
            ref T pr = ref MemoryMarshal.GetReference(x.Data.Slice((int)rowStart, inner));
            int j = 0;
            if (x.HasMask)
            {
                long rb = x.BitStart + rowStart;
                // 64 columns per bitmap word read.
                for (; j + 64 <= vecEnd; j += 64)
                {
                    ulong w = BitmapWords.Read(bits, rb + j, 64);
                    if (exactCounts)
                        for (int g = 0; g < 64; g += lanes) Accumulate<T, TVec, TOps>(ref pr, ref pa, ref pc, (nuint)(j + g), TOps.LaneMask(w >> g));
                    else
                    {
                        any![j >> 6] |= w;
                        for (int g = 0; g < 64; g += lanes)
                        {
                            nuint at = (nuint)(j + g);
                            TOps.Store(TOps.Add(TOps.Load(ref pa, at), TOps.Keep(TOps.Load(ref pr, at), TOps.LaneMask(w >> g))), ref pa, at);
                        }
                    }
                }
                for (; j < vecEnd; j += lanes)
                {
                    ulong w = BitmapWords.ReadShort(bits, rb + j, lanes);
                    if (any is not null) any[j >> 6] |= w << (j & 63);
                    Accumulate<T, TVec, TOps>(ref pr, ref pa, ref pc, (nuint)j, TOps.LaneMask(w));
                }
            }
            else
            {
                for (; j < vecEnd; j += lanes)
                    TOps.Store(TOps.Add(TOps.Load(ref pa, (nuint)j), TOps.Load(ref pr, (nuint)j)), ref pa, (nuint)j);
            }
            if (++inBlock >= 64 || r == hi - 1)
            {
                for (int t = 0; t < vecEnd; t++) { sums[t] += double.CreateTruncating(acc[t]); acc[t] = T.Zero; }
                inBlock = 0;
            }
        }
        if (vecEnd < inner) RowsScalar(x, o, k, inner, lo, hi, vecEnd, sums, counts);
        if (!x.HasMask) for (int j = 0; j < vecEnd; j++) counts[j] += hi - lo;
        else if (any is not null) for (int j = 0; j < vecEnd; j++) counts[j] += (long)((any[j >> 6] >> (j & 63)) & 1); // 0 or 1, see Run
        else if (Unsafe.SizeOf<T>() == 4) { var c = MemoryMarshal.Cast<T, int>(cnt); for (int j = 0; j < vecEnd; j++) counts[j] += c[j]; }
        else { var c = MemoryMarshal.Cast<T, long>(cnt); for (int j = 0; j < vecEnd; j++) counts[j] += c[j]; }
    }

    /// <summary>Adds the valid entries of rows starting at <paramref name="rowStart"/> and the next one into the accumulators; ORs their validity into <paramref name="any"/>.</summary>
    private static void PairOfRows<T, TVec, TOps>(in MaskedSegment<T> x, long rowStart, int inner, int vecEnd, ref T pa, ulong[]? any)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TOps : ISimdOps<TVec, T>
    {
        int lanes = TOps.Count, j = 0;
        ref T p1 = ref MemoryMarshal.GetReference(x.Data.Slice((int)rowStart, 2 * inner));
        ref T p2 = ref Unsafe.Add(ref p1, inner);
        if (!x.HasMask)
        {
            for (; j < vecEnd; j += lanes)
                TOps.Store(TOps.Add(TOps.Load(ref pa, (nuint)j), TOps.Add(TOps.Load(ref p1, (nuint)j), TOps.Load(ref p2, (nuint)j))), ref pa, (nuint)j);
            return;
        }
        var bits = x.Bits;
        long rb1 = x.BitStart + rowStart, rb2 = rb1 + inner;
        for (; j + 64 <= vecEnd; j += 64)
        {
            ulong w1 = BitmapWords.Read(bits, rb1 + j, 64), w2 = BitmapWords.Read(bits, rb2 + j, 64);
            any![j >> 6] |= w1 | w2;
            for (int g = 0; g < 64; g += lanes)
            {
                nuint at = (nuint)(j + g);
                var v = TOps.Add(TOps.Keep(TOps.Load(ref p1, at), TOps.LaneMask(w1 >> g)), TOps.Keep(TOps.Load(ref p2, at), TOps.LaneMask(w2 >> g)));
                TOps.Store(TOps.Add(TOps.Load(ref pa, at), v), ref pa, at);
            }
        }
        for (; j < vecEnd; j += lanes)
        {
            ulong w1 = BitmapWords.ReadShort(bits, rb1 + j, lanes), w2 = BitmapWords.ReadShort(bits, rb2 + j, lanes);
            any![j >> 6] |= (w1 | w2) << (j & 63);
            nuint at = (nuint)j;
            var v = TOps.Add(TOps.Keep(TOps.Load(ref p1, at), TOps.LaneMask(w1)), TOps.Keep(TOps.Load(ref p2, at), TOps.LaneMask(w2)));
            TOps.Store(TOps.Add(TOps.Load(ref pa, at), v), ref pa, at);
        }
    }

    /// <summary>Columns [from, inner) of rows [lo, hi), element by element.</summary>
    private static void RowsScalar<T>(in MaskedSegment<T> x, int o, int k, int inner, int lo, int hi, int from, double[] sums, long[] counts)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = lo; r < hi; r++)
        {
            long rowStart = ((long)o * k + r) * inner;
            for (int t = from; t < inner; t++)
            {
                if (x.HasMask && !BitmapWords.Get(x.Bits, x.BitStart + rowStart + t)) continue;
                sums[t] += double.CreateTruncating(x.Data[(int)(rowStart + t)]);
                counts[t]++;
            }
        }
    }
}
