using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Masked.Kernels;

namespace Masked;

/// <summary>
/// Sum (and count) over a run of dims that is not innermost, without moving data: the tensor is seen as
/// [outer, K, inner] and each of the K rows of an outer block is added into per-column accumulators,
/// vectorized across the inner dim. Float columns accumulate in SIMD registers for 64 rows, then in double.
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

    /// <summary>Sums and counts per (outer, inner) position.</summary>
    public static (double[] sums, long[] counts) Run<T>(MaskedTensor<T> x, int outer, int k, int inner) where T : unmanaged, IFloatingPointIeee754<T>
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
                    Rows(new ReadOnlySpan<T>((T*)ad, dlen), new ReadOnlySpan<byte>((byte*)ab, blen), b0, hasMask, oo, k, inner, lo, hi, s, c);
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

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void Accumulate<T>(ref T row, ref T acc, ref int c32, ref long c64, int j, Vector512<T> m, int lanes) where T : unmanaged, IFloatingPointIeee754<T>
    {
        (Vector512.LoadUnsafe(ref acc, (nuint)j) + (Vector512.LoadUnsafe(ref row, (nuint)j) & m)).StoreUnsafe(ref acc, (nuint)j);
        // valid lanes of m are all ones (-1): subtracting counts them
        if (lanes == 16) (Vector512.LoadUnsafe(ref c32, (nuint)j) - m.As<T, int>()).StoreUnsafe(ref c32, (nuint)j);
        else (Vector512.LoadUnsafe(ref c64, (nuint)j) - m.As<T, long>()).StoreUnsafe(ref c64, (nuint)j);
    }

    private static void Rows<T>(ReadOnlySpan<T> data, ReadOnlySpan<byte> bits, long b0, bool hasMask, int o, int k, int inner, int lo, int hi, double[] sums, long[] counts)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector512<T>.Count;
        int vecEnd = Vector512.IsHardwareAccelerated ? inner - inner % lanes : 0;
        var acc = new T[Math.Max(vecEnd, 1)];
        var cnt32 = new int[Math.Max(vecEnd, 1)];
        var cnt64 = new long[Math.Max(vecEnd, 1)];
        ref T pa = ref MemoryMarshal.GetArrayDataReference(acc);
        ref int pc32 = ref MemoryMarshal.GetArrayDataReference(cnt32);
        ref long pc64 = ref MemoryMarshal.GetArrayDataReference(cnt64);
        int inBlock = 0;
        for (int r = lo; r < hi; r++)
        {
            long rowStart = ((long)o * k + r) * inner;
            var row = data.Slice((int)rowStart, inner);
            ref T pr = ref MemoryMarshal.GetReference(row);
            int j = 0;
            if (hasMask)
            {
                // 64 columns per bitmap word read.
                for (; j + 64 <= vecEnd; j += 64)
                {
                    ulong w = BitmapWords.Read(bits, b0 + rowStart + j, 64);
                    for (int g = 0; g < 64 / lanes; g++) Accumulate(ref pr, ref pa, ref pc32, ref pc64, j + g * lanes, LaneMasks.Of<T>(w, g), lanes);
                }
                for (; j < vecEnd; j += lanes)
                    Accumulate(ref pr, ref pa, ref pc32, ref pc64, j, LaneMasks.Of<T>(BitmapWords.Read(bits, b0 + rowStart + j, lanes), 0), lanes);
            }
            else
            {
                for (; j < vecEnd; j += lanes)
                    (Vector512.LoadUnsafe(ref pa, (nuint)j) + Vector512.LoadUnsafe(ref pr, (nuint)j)).StoreUnsafe(ref pa, (nuint)j);
            }
            for (int t = vecEnd; t < inner; t++)
            {
                if (hasMask && !BitmapWords.Get(bits, b0 + rowStart + t)) continue;
                sums[t] += double.CreateTruncating(row[t]);
                counts[t]++;
            }
            if (++inBlock == 64 || r == hi - 1)
            {
                for (int t = 0; t < vecEnd; t++) { sums[t] += double.CreateTruncating(acc[t]); acc[t] = T.Zero; }
                inBlock = 0;
            }
        }
        if (!hasMask) for (int j = 0; j < vecEnd; j++) counts[j] += hi - lo;
        else for (int j = 0; j < vecEnd; j++) counts[j] += lanes == 16 ? cnt32[j] : cnt64[j];
    }
}
