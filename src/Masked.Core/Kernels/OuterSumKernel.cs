using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Masked.Kernels;

/// <summary>
/// Sum (and count) over a run of dims that is not innermost, without moving data: the tensor is seen as
/// [outer, K, inner] and each of the K rows of an outer block is added into per-column accumulators,
/// vectorized across the inner dim at the widest accelerated width (one generic body), four rows per pass over the
/// accumulators (the same columns a pass ahead prefetched on x86); lane masks come from each row's validity word
/// spread once per 32 columns. Float columns accumulate in float for 64 rows, then in double. The rows of all blocks are split over the cores once per call
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
    /// <remarks>
    /// Four rows per pass over the accumulators (one accumulator load and store per four row vectors); rows past
    /// <paramref name="hi"/> in the last pass read the first row again under an empty mask. Optimized at once
    /// (<see cref="MethodImplOptions.AggressiveOptimization"/>) so a short run times the loop it will keep.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        // Prefetch distance: whole passes (4 rows) ahead, at least PrefetchBytes.
        long passElems = 4L * inner;
        long ahead = passElems * Math.Max(1, (PrefetchBytes / Unsafe.SizeOf<T>() + passElems - 1) / passElems);
        long dataLen = x.Data.Length;
        int inBlock = 0;
        for (int r = lo; r < hi; r += 4)
        {
            // Rows past hi pair with nothing: they read row r again under an empty mask.
            int present = Math.Min(4, hi - r);
            long s1 = ((long)o * k + r) * inner;
            long s2 = present > 1 ? s1 + inner : s1, s3 = present > 2 ? s1 + 2L * inner : s1, s4 = present > 3 ? s1 + 3L * inner : s1;
            ref T r1 = ref Unsafe.Add(ref px, (nint)s1);
            ref T r2 = ref Unsafe.Add(ref px, (nint)s2);
            ref T r3 = ref Unsafe.Add(ref px, (nint)s3);
            ref T r4 = ref Unsafe.Add(ref px, (nint)s4);
            bool prefetch = s1 + ahead + 4L * inner <= dataLen;
            for (int j = 0; j < full; j += 64)
            {
                if (prefetch)
                {
                    Prefetch(ref r1, j + ahead); Prefetch(ref r2, j + ahead); Prefetch(ref r3, j + ahead); Prefetch(ref r4, j + ahead);
                }
                ulong w1 = bits.Read64(s1 + j), w2 = present > 1 ? bits.Read64(s2 + j) : 0;
                ulong w3 = present > 2 ? bits.Read64(s3 + j) : 0, w4 = present > 3 ? bits.Read64(s4 + j) : 0;
                if (track) any[j >> 6] |= w1 | w2 | w3 | w4;
                if ((w1 & w2 & w3 & w4) == ulong.MaxValue && !exact)
                {
                    for (int e = j; e < j + 64; e += lanes)
                    {
                        nuint at = (nuint)e;
                        var v = TOps.Add(TOps.Add(TOps.Load(ref r1, at), TOps.Load(ref r2, at)), TOps.Add(TOps.Load(ref r3, at), TOps.Load(ref r4, at)));
                        TOps.Store(TOps.Add(TOps.Load(ref pa, at), v), ref pa, at);
                    }
                    continue;
                }
                for (int h = 0; h < 64; h += 32)
                {
                    var sp1 = TOps.SpreadBits((uint)(w1 >> h));
                    var sp2 = TOps.SpreadBits((uint)(w2 >> h));
                    var sp3 = TOps.SpreadBits((uint)(w3 >> h));
                    var sp4 = TOps.SpreadBits((uint)(w4 >> h));
                    for (int e = 0; e < 32; e += lanes)
                    {
                        nuint at = (nuint)(j + h + e);
                        AddMasked<T, TVec, TOps>(ref r1, ref r2, ref r3, ref r4, ref pa, ref pc, at,
                            TOps.MaskAt(sp1, e), TOps.MaskAt(sp2, e), TOps.MaskAt(sp3, e), TOps.MaskAt(sp4, e), exact);
                    }
                }
            }
            if (rem > 0)
            {
                // Columns past the last whole word: one read of their bits per row, whole vectors, then the last
                // vector ending at the row's end with only its new lanes.
                ulong w1 = x.Word((int)s1 + full, rem), w2 = present > 1 ? x.Word((int)s2 + full, rem) : 0;
                ulong w3 = present > 2 ? x.Word((int)s3 + full, rem) : 0, w4 = present > 3 ? x.Word((int)s4 + full, rem) : 0;
                if (track) any[full >> 6] |= w1 | w2 | w3 | w4;
                for (int e = full; e < vecEnd; e += lanes)
                {
                    int sh = e - full;
                    AddMasked<T, TVec, TOps>(ref r1, ref r2, ref r3, ref r4, ref pa, ref pc, (nuint)e,
                        TOps.LaneMask(w1 >> sh), TOps.LaneMask(w2 >> sh), TOps.LaneMask(w3 >> sh), TOps.LaneMask(w4 >> sh), exact);
                }
                if (vecEnd < inner)
                {
                    AddMasked<T, TVec, TOps>(ref r1, ref r2, ref r3, ref r4, ref pa, ref pc, (nuint)tail,
                        TOps.LaneMask(TailBits(w1, tail, full) & tailNew), TOps.LaneMask(TailBits(w2, tail, full) & tailNew),
                        TOps.LaneMask(TailBits(w3, tail, full) & tailNew), TOps.LaneMask(TailBits(w4, tail, full) & tailNew), exact);
                }
            }
            inBlock += 4;
            if (inBlock >= 64 || r + 4 >= hi)
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

    /// <summary>The bits of the vector starting at column <paramref name="tail"/>, from the word of the columns from <paramref name="full"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong TailBits(ulong w, int tail, int full) => tail >= full ? w >> (tail - full) : w << (full - tail);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddMasked<T, TVec, TOps>(ref T r1, ref T r2, ref T r3, ref T r4, ref T pa, ref T pc, nuint at, TVec m1, TVec m2, TVec m3, TVec m4, bool exact)
        where T : unmanaged where TVec : struct where TOps : ISimdOps<TVec, T>
    {
        var v = TOps.Add(
            TOps.Add(TOps.Keep(TOps.Load(ref r1, at), m1), TOps.Keep(TOps.Load(ref r2, at), m2)),
            TOps.Add(TOps.Keep(TOps.Load(ref r3, at), m3), TOps.Keep(TOps.Load(ref r4, at), m4)));
        TOps.Store(TOps.Add(TOps.Load(ref pa, at), v), ref pa, at);
        if (exact) TOps.Store(TOps.CountLanes(TOps.CountLanes(TOps.CountLanes(TOps.CountLanes(TOps.Load(ref pc, at), m1), m2), m3), m4), ref pc, at);
    }

    /// <summary>How far ahead (at least) <see cref="Prefetch{T}"/> asks for data: 4 KB, rounded up to whole passes of four rows.</summary>
    private const int PrefetchBytes = 4096;

    /// <summary>
    /// Asks for the cache lines of the 64 elements at <paramref name="offset"/> from <paramref name="row"/> (the same
    /// columns a pass or more ahead; the caller checks they lie inside the data), on x86 (a prefetch never faults). The
    /// masked loop spends several instructions per vector on lane masks, so fewer loads are in flight than in a plain
    /// sum and the hardware prefetcher alone, which follows one stream per row, leaves them waiting on memory.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Prefetch<T>(ref T row, long offset) where T : unmanaged
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported) return;
        byte* at = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref row, (nint)offset));
        for (int line = 0; line < 64 * Unsafe.SizeOf<T>(); line += 64) System.Runtime.Intrinsics.X86.Sse.Prefetch0(at + line);
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
