using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Masked.Kernels;

/// <summary>
/// Sum (and count) over a run of dims that is not innermost, without moving data: the tensor is seen as
/// [outer, K, inner] and each of the K rows of an outer block is added into per-column accumulators,
/// vectorized across the inner dim at the widest accelerated width (one generic body), two rows per pass over the
/// accumulators; lane masks come from each row's validity word spread once per 32 columns. Float columns accumulate
/// in float for 64 rows, then in double. The rows of all blocks are split over the cores once per call
/// (<see cref="MaskedParallelism"/>); each part sums into its own arrays, added up at the end.
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
        int m = outer * inner;
        var sums = new double[m];
        var counts = new long[m];
        var data = x.ContiguousSpan;
        bool hasMask = x._bitmap is not null;
        var bits = hasMask ? x._bitmap!.Bytes.Span : default;
        long b0 = x.MaskBitStart;
        int rows = outer * k;
        // Decided once per call: the rows of all outer blocks split into contiguous ranges, one per part.
        int parts = Math.Min(MaskedParallelism.Parts((long)rows * inner), rows);
        if (parts <= 1)
        {
            var scratch = new Scratch<T>(inner, exactCounts, hasMask);
            for (int o = 0; o < outer; o++)
                Rows(new MaskedSegment<T>(data, bits, b0, hasMask), o, k, inner, 0, k, sums.AsSpan(o * inner, inner), counts.AsSpan(o * inner, inner), exactCounts, scratch);
            return (sums, counts);
        }
        var partial = new (int firstBlock, double[] sums, long[] counts)[parts];
        fixed (T* pd = data)
        fixed (byte* pb = bits)
        {
            nint ad = (nint)pd, ab = (nint)pb;
            int blen = bits.Length, dlen = data.Length;
            MaskedParallelism.ForRows(rows, parts, (p, lo, hi) =>
            {
                if (lo >= hi) return;
                // A part sums into its own arrays for the blocks its rows touch; they are added up below.
                int first = lo / k, last = (hi - 1) / k;
                var ps = new double[(last - first + 1) * inner];
                var pc = new long[ps.Length];
                var scratch = new Scratch<T>(inner, exactCounts, hasMask);
                var seg = new MaskedSegment<T>(new ReadOnlySpan<T>((T*)ad, dlen), new ReadOnlySpan<byte>((byte*)ab, blen), b0, hasMask);
                for (int o = first; o <= last; o++)
                {
                    int rlo = Math.Max(lo, o * k) - o * k, rhi = Math.Min(hi, (o + 1) * k) - o * k;
                    Rows(seg, o, k, inner, rlo, rhi, ps.AsSpan((o - first) * inner, inner), pc.AsSpan((o - first) * inner, inner), exactCounts, scratch);
                }
                partial[p] = (first, ps, pc);
            });
        }
        foreach (var (first, ps, pc) in partial)
        {
            if (ps is null) continue;
            for (int t = 0; t < ps.Length; t++) { sums[first * inner + t] += ps[t]; counts[first * inner + t] += pc[t]; }
        }
        return (sums, counts);
    }

    /// <summary>Per-part scratch: float lane accumulators, integer lane counters, per-column "valid somewhere" bits.</summary>
    internal sealed class Scratch<T>(int inner, bool exactCounts, bool hasMask) where T : unmanaged
    {
        public readonly T[] Acc = new T[inner];
        public readonly T[] Counters = exactCounts && hasMask ? new T[inner] : [];
        public readonly ulong[] Any = !exactCounts && hasMask ? new ulong[(inner + 63) / 64] : [];
    }

    private static void Rows<T>(in MaskedSegment<T> seg, int o, int k, int inner, int lo, int hi, Span<double> sums, Span<long> counts, bool exactCounts, Scratch<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated) Rows<T, Vector512<T>, Simd512<T>>(seg, o, k, inner, lo, hi, sums, counts, exactCounts, scratch);
        else if (Vector256.IsHardwareAccelerated) Rows<T, Vector256<T>, Simd256<T>>(seg, o, k, inner, lo, hi, sums, counts, exactCounts, scratch);
        else if (Vector128.IsHardwareAccelerated) Rows<T, Vector128<T>, Simd128<T>>(seg, o, k, inner, lo, hi, sums, counts, exactCounts, scratch);
        else RowsScalar(seg, o, k, inner, lo, hi, 0, sums, counts);
    }

    /// <summary>Rows [lo, hi) of outer block <paramref name="o"/> added into per-column sums and counts, at one vector width.</summary>
    internal static void Rows<T, TVec, TOps>(in MaskedSegment<T> x, int o, int k, int inner, int lo, int hi, Span<double> sums, Span<long> counts, bool exactCounts = true, Scratch<T>? scratch = null)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TOps : ISimdOps<TVec, T>
    {
        int lanes = TOps.Count;
        if (inner < lanes || lo >= hi) { RowsScalar(x, o, k, inner, lo, hi, 0, sums, counts); return; }
        var bits = ValidityWords.Of(x);
        bool hasMask = bits.HasMask, exact = exactCounts && hasMask, track = !exactCounts && hasMask;
        scratch ??= new Scratch<T>(inner, exactCounts, hasMask);
        var acc = scratch.Acc.AsSpan(0, inner);
        var cnt = scratch.Counters;
        var any = scratch.Any;
        acc.Clear(); Array.Clear(cnt); Array.Clear(any);
        ref T px = ref MemoryMarshal.GetReference(x.Data);
        ref T pa = ref MemoryMarshal.GetReference(acc);
        ref T pc = ref MemoryMarshal.GetArrayDataReference(exact ? cnt : scratch.Acc); // not used without exact counts
        int full = inner & ~63, rem = inner - full;
        int vecEnd = inner - inner % lanes, tail = inner - lanes; // the last vector ends at the row's end
        ulong tailNew = BitmapWords.LowMask(lanes) & ~BitmapWords.LowMask(vecEnd - tail); // its lanes not covered before
        int inBlock = 0;
        for (int r = lo; r < hi; r += 2)
        {
            // Two rows per pass over the accumulators; a last single row pairs with nothing (its partner's mask is empty).
            bool two = r + 1 < hi;
            long s1 = ((long)o * k + r) * inner, s2 = two ? s1 + inner : s1;
            ref T r1 = ref Unsafe.Add(ref px, (nint)s1);
            ref T r2 = ref Unsafe.Add(ref px, (nint)s2);
            for (int j = 0; j < full; j += 64)
            {
                ulong w1 = bits.Read64(s1 + j), w2 = two ? bits.Read64(s2 + j) : 0;
                if (track) any[j >> 6] |= w1 | w2;
                if ((w1 & w2) == ulong.MaxValue && !exact)
                {
                    for (int e = j; e < j + 64; e += lanes)
                    {
                        nuint at = (nuint)e;
                        TOps.Store(TOps.Add(TOps.Load(ref pa, at), TOps.Add(TOps.Load(ref r1, at), TOps.Load(ref r2, at))), ref pa, at);
                    }
                    continue;
                }
                for (int h = 0; h < 64; h += 32)
                {
                    var sp1 = TOps.SpreadBits((uint)(w1 >> h));
                    var sp2 = TOps.SpreadBits((uint)(w2 >> h));
                    for (int e = 0; e < 32; e += lanes)
                    {
                        nuint at = (nuint)(j + h + e);
                        var m1 = TOps.MaskAt(sp1, e);
                        var m2 = TOps.MaskAt(sp2, e);
                        var v = TOps.Add(TOps.Keep(TOps.Load(ref r1, at), m1), TOps.Keep(TOps.Load(ref r2, at), m2));
                        TOps.Store(TOps.Add(TOps.Load(ref pa, at), v), ref pa, at);
                        if (exact) TOps.Store(TOps.CountLanes(TOps.CountLanes(TOps.Load(ref pc, at), m1), m2), ref pc, at);
                    }
                }
            }
            if (rem > 0)
            {
                // Columns past the last whole word: one read of their bits per row, whole vectors, then the last
                // vector ending at the row's end with only its new lanes.
                ulong w1 = x.Word((int)s1 + full, rem), w2 = two ? x.Word((int)s2 + full, rem) : 0;
                if (track) any[full >> 6] |= w1 | w2;
                for (int e = full; e < vecEnd; e += lanes)
                    AddMasked<T, TVec, TOps>(ref r1, ref r2, ref pa, ref pc, (nuint)e, TOps.LaneMask(w1 >> (e - full)), TOps.LaneMask(w2 >> (e - full)), exact);
                if (vecEnd < inner)
                {
                    ulong t1 = tail >= full ? w1 >> (tail - full) : w1 << (full - tail);
                    ulong t2 = tail >= full ? w2 >> (tail - full) : w2 << (full - tail);
                    AddMasked<T, TVec, TOps>(ref r1, ref r2, ref pa, ref pc, (nuint)tail, TOps.LaneMask(t1 & tailNew), TOps.LaneMask(t2 & tailNew), exact);
                }
            }
            inBlock += 2;
            if (inBlock >= 64 || r + 2 >= hi)
            {
                // Float lanes flush into double every 64 rows.
                for (int t = 0; t < inner; t++) { sums[t] += double.CreateTruncating(acc[t]); acc[t] = T.Zero; }
                inBlock = 0;
            }
        }
        int n = hi - lo;
        if (!hasMask) for (int j = 0; j < inner; j++) counts[j] += n;
        else if (track) for (int j = 0; j < inner; j++) counts[j] += (long)((any[j >> 6] >> (j & 63)) & 1); // 0 or 1, see Run
        else if (Unsafe.SizeOf<T>() == 4) { var c = MemoryMarshal.Cast<T, int>(cnt.AsSpan(0, inner)); for (int j = 0; j < inner; j++) counts[j] += c[j]; }
        else { var c = MemoryMarshal.Cast<T, long>(cnt.AsSpan(0, inner)); for (int j = 0; j < inner; j++) counts[j] += c[j]; }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddMasked<T, TVec, TOps>(ref T r1, ref T r2, ref T pa, ref T pc, nuint at, TVec m1, TVec m2, bool exact)
        where T : unmanaged where TVec : struct where TOps : ISimdOps<TVec, T>
    {
        var v = TOps.Add(TOps.Keep(TOps.Load(ref r1, at), m1), TOps.Keep(TOps.Load(ref r2, at), m2));
        TOps.Store(TOps.Add(TOps.Load(ref pa, at), v), ref pa, at);
        if (exact) TOps.Store(TOps.CountLanes(TOps.CountLanes(TOps.Load(ref pc, at), m1), m2), ref pc, at);
    }

    /// <summary>Columns [from, inner) of rows [lo, hi), element by element.</summary>
    private static void RowsScalar<T>(in MaskedSegment<T> x, int o, int k, int inner, int lo, int hi, int from, Span<double> sums, Span<long> counts)
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
