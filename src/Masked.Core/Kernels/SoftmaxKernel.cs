using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
namespace Masked.Kernels;

/// <summary>
/// Fused masked softmax along the last dim of a contiguous tensor. Per row: first the two-pass form (exp and its
/// sum, then scale), kept when the sum shows no overflow or underflow; otherwise the max-shifted three-pass form
/// (max, exp and sum, scale). Masked slots never reach a valid result. Rows are spread over the cores for large
/// inputs. A row with nothing valid is left masked.
/// </summary>
internal static unsafe class SoftmaxKernel
{
    public static MaskedTensor<T> Run<T>(MaskedTensor<T> x, MaskedTensor<T>? destination, bool log) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = x.Length, k = x.Rank == 0 ? 1 : x._shape[^1];
        int rows = k == 0 ? 0 : n / k;
        Memory<T> dst;
        bool masked = x._bitmap is not null;
        Memory<byte> maskBytes = masked ? x._bitmap!.Bytes : default;
        long maskStart = x.MaskBitStart;
        MaskedTensor<T> result;
        if (destination is null)
        {
            var arr = GC.AllocateUninitializedArray<T>(n); // every row is written whole
            dst = arr;
            result = MaskedTensor<T>.Contiguous(arr, masked ? x._bitmap!.Rebase(maskStart, n) : null, (int[])x._shape.Clone());
        }
        else
        {
            dst = destination.Buffer.Slice(destination.ElementOffset, n);
            result = destination;
            if (destination._bitmap is { } dm)
            {
                var bits = dm.Bytes.Span;
                long start = destination.MaskBitStart;
                var src = maskBytes.Span;
                for (int i = 0; i < n; i += 64)
                {
                    int c = Math.Min(64, n - i);
                    BitmapWords.Write(bits, start + i, masked ? BitmapWords.Read(src, maskStart + i, c) : BitmapWords.LowMask(c), c);
                }
                dm.InvalidateCount();
                destination.InvalidateValidCount();
            }
        }
        fixed (T* ps = x.ContiguousSpan)
        fixed (T* pd = dst.Span)
        fixed (byte* pm = maskBytes.Span)
        {
            var job = new RowsJob((nint)ps, (nint)pd, masked ? (nint)pm : 0, maskStart, maskBytes.Length, rows, k, log);
            // Decided once per call: rows split into contiguous ranges, one per part.
            int parts = Math.Min(MaskedParallelism.Parts(n), Math.Max(rows, 1));
            if (parts <= 1) Rows<T>(job, 0, rows);
            else RowsInParallel<T>(job, rows, parts);
        }
        return result;
    }

    // Kept out of Run so that its single-threaded path allocates no closure.
    private static void RowsInParallel<T>(RowsJob job, int rows, int parts) where T : unmanaged, IFloatingPointIeee754<T>
        => MaskedParallelism.ForRows(rows, parts, (_, lo, hi) => Rows<T>(job, lo, hi));

    private readonly record struct RowsJob(nint X, nint Y, nint Mask, long MaskStart, int MaskLength, int Rows, int K, bool Log);

    private static void Rows<T>(RowsJob job, int lo, int hi) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var bits = new ReadOnlySpan<byte>((byte*)job.Mask, job.MaskLength);
        int k = job.K;
        for (int r = lo; r < hi; r++)
            Row(new ReadOnlySpan<T>((T*)job.X + (long)r * k, k), new Span<T>((T*)job.Y + (long)r * k, k), bits, job.MaskStart + (long)r * k, job.Mask != 0, job.Log);
    }

    private static void Row<T>(ReadOnlySpan<T> x, Span<T> y, ReadOnlySpan<byte> bits, long bitStart, bool hasMask, bool log)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Rows shorter than one vector (or no SIMD) are not worth vectorizing.
        var row = new MaskedSegment<T>(x, bits, bitStart, hasMask);
        if (Vector512.IsHardwareAccelerated && x.Length >= Vector512<T>.Count) WideRow<T, Vector512<T>, Simd512<T>>(row, y, log);
        else if (Vector256.IsHardwareAccelerated && x.Length >= Vector256<T>.Count) WideRow<T, Vector256<T>, Simd256<T>>(row, y, log);
        else if (Vector128.IsHardwareAccelerated && x.Length >= Vector128<T>.Count) WideRow<T, Vector128<T>, Simd128<T>>(row, y, log);
        else ScalarRow(x, y, bits, bitStart, hasMask, log);
    }

    /// <summary>
    /// Rows of at least one vector, without scratch, at one vector width. Pass 1 finds the max over valid entries, pass 2
    /// computes exp and its sum, pass 3 scales. The last, partial vector is handled as a full vector ending at the
    /// row's end (overlapping the previous one): only its new lanes enter the sum and the scaling.
    /// </summary>
    internal static void WideRow<T, TVec, TOps>(in MaskedSegment<T> row, Span<T> y, bool log)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TOps : ISimdOps<TVec, T>
    {
        int k = row.Length, lanes = TOps.Count;
        int vecEnd = k - k % lanes, tail = k - vecEnd, last = k - lanes;
        ulong full = BitmapWords.LowMask(lanes);
        bool hasMask = row.HasMask;
        ref T px = ref MemoryMarshal.GetReference(row.Data);
        ref T py = ref MemoryMarshal.GetReference(y);
        var ninf = TOps.Create(T.NegativeInfinity);
        var newLanes = TOps.LaneMask(full << (lanes - tail)); // lanes of the overlapping last vector not seen before
        var floor = TOps.Create(T.CreateTruncating(typeof(T) == typeof(float) ? -80.0 : -700.0));
        if (Direct<T, TVec, TOps>(row, y, log, newLanes, floor)) return;
        // Pass 1: max over valid entries.
        var vmax = ninf;
        bool any = !hasMask;
        for (int j = 0; j < vecEnd; j += lanes)
        {
            var v = TOps.Load(ref px, (nuint)j);
            if (hasMask)
            {
                // No branch on the word: with random nulls whether a vector is whole is a coin toss at 4-8 lanes.
                ulong w = row.Lanes(j, lanes);
                any |= w != 0;
                v = TOps.Select(TOps.LaneMask(w), v, ninf);
            }
            vmax = TOps.Max(vmax, v);
        }
        ulong wl = full;
        if (tail > 0)
        {
            var v = TOps.Load(ref px, (nuint)last);
            if (hasMask)
            {
                wl = row.Lanes(last, lanes);
                any |= (wl & (full << (lanes - tail))) != 0;
                v = TOps.Select(TOps.LaneMask(wl), v, ninf);
            }
            vmax = TOps.Max(vmax, v);
        }
        if (!any) { y.Clear(); return; } // nothing valid: the row stays masked (zeros, so a fresh buffer is written whole)
        T max = T.NegativeInfinity;
        for (int l = 0; l < lanes; l++)
        {
            T e = TOps.Element(vmax, l);
            max = T.IsNaN(e) || T.IsNaN(max) ? T.NaN : T.Max(max, e);
        }
        bool poisoned = T.IsNaN(max) || T.IsPositiveInfinity(max);
        if (T.IsNegativeInfinity(max)) max = T.Zero;
        // Pass 2: y = exp(x - max) (or x - max for log-softmax), and the sum of the exponentials. Masked lanes are set
        // to -inf, computed at the floor and zeroed (vector Exp is several times slower on -inf lanes).
        var vm = TOps.Create(max);
        var vsum = TOps.Zero;
        for (int j = 0; j < vecEnd; j += lanes)
        {
            var v = TOps.Subtract(TOps.Load(ref px, (nuint)j), vm);
            TVec e;
            if (!hasMask) e = TOps.Exp(v);
            else
            {
                var lm = TOps.LaneMask(row.Lanes(j, lanes));
                v = TOps.Select(lm, v, ninf);
                e = TOps.And(TOps.Exp(TOps.Select(lm, v, floor)), lm);
            }
            vsum = TOps.Add(vsum, e);
            TOps.Store(log ? v : e, ref py, (nuint)j);
        }
        if (tail > 0)
        {
            var lm = TOps.LaneMask(wl);
            var v = TOps.Select(lm, TOps.Subtract(TOps.Load(ref px, (nuint)last), vm), ninf);
            var e = TOps.And(TOps.Exp(TOps.Select(lm, v, floor)), lm);
            vsum = TOps.Add(vsum, TOps.And(e, newLanes));
            TOps.Store(TOps.Select(newLanes, log ? v : e, TOps.Load(ref py, (nuint)last)), ref py, (nuint)last);
        }
        T sum = poisoned ? T.NaN : TOps.Sum(vsum);
        // Pass 3: scale (or shift by the log of the sum).
        var factor = TOps.Create(log ? T.Log(sum) : T.One / sum);
        for (int j = 0; j < vecEnd; j += lanes)
        {
            var v = TOps.Load(ref py, (nuint)j);
            TOps.Store(log ? TOps.Subtract(v, factor) : TOps.Multiply(v, factor), ref py, (nuint)j);
        }
        if (tail > 0)
        {
            var v = TOps.Load(ref py, (nuint)last);
            TOps.Store(TOps.Select(newLanes, log ? TOps.Subtract(v, factor) : TOps.Multiply(v, factor), v), ref py, (nuint)last);
        }
    }

    /// <summary>
    /// The common case in two passes: exp(x) and its sum without subtracting the max, then scale. Exact in math
    /// (the max cancels); taken only when the sum is finite and far from underflow, so no exponential overflowed
    /// and none lost precision that the shifted form would keep. Otherwise (large or very negative values, a valid
    /// NaN or infinity, nothing valid) returns false and the caller runs the max-shifted three-pass form.
    /// </summary>
    private static bool Direct<T, TVec, TOps>(in MaskedSegment<T> row, Span<T> y, bool log, TVec newLanes, TVec floor)
        where T : unmanaged, IFloatingPointIeee754<T> where TVec : struct where TOps : ISimdOps<TVec, T>
    {
        int k = row.Length, lanes = TOps.Count;
        int vecEnd = k - k % lanes, tail = k - vecEnd, last = k - lanes;
        ulong full = BitmapWords.LowMask(lanes);
        bool hasMask = row.HasMask;
        ref T px = ref MemoryMarshal.GetReference(row.Data);
        ref T py = ref MemoryMarshal.GetReference(y);
        var vsum = TOps.Zero;
        for (int j = 0; j < vecEnd; j += lanes)
        {
            var v = TOps.Load(ref px, (nuint)j);
            TVec e;
            // Branch on the row having a mask, never on the lanes' word: with random nulls whether a vector is whole
            // is a coin toss at 4-8 lanes (0.9^8 = 0.43), and the mispredictions cost more than the select and AND.
            if (!hasMask) e = TOps.Exp(v);
            else
            {
                var lm = TOps.LaneMask(row.Lanes(j, lanes));
                e = TOps.And(TOps.Exp(TOps.Select(lm, v, floor)), lm);
            }
            vsum = TOps.Add(vsum, e);
            if (!log) TOps.Store(e, ref py, (nuint)j);
        }
        if (tail > 0)
        {
            ulong wl = hasMask ? row.Lanes(last, lanes) : full;
            var lm = TOps.LaneMask(wl);
            var e = TOps.And(TOps.And(TOps.Exp(TOps.Select(lm, TOps.Load(ref px, (nuint)last), floor)), lm), newLanes);
            vsum = TOps.Add(vsum, e);
            if (!log) TOps.Store(TOps.Select(newLanes, e, TOps.Load(ref py, (nuint)last)), ref py, (nuint)last);
        }
        T sum = TOps.Sum(vsum);
        T smallest = T.CreateTruncating(typeof(T) == typeof(float) ? 1e-30 : 1e-290);
        if (!T.IsFinite(sum) || !(sum >= smallest)) return false;
        if (log)
        {
            var ls = TOps.Create(T.Log(sum));
            for (int j = 0; j < vecEnd; j += lanes) TOps.Store(TOps.Subtract(TOps.Load(ref px, (nuint)j), ls), ref py, (nuint)j);
            if (tail > 0) TOps.Store(TOps.Select(newLanes, TOps.Subtract(TOps.Load(ref px, (nuint)last), ls), TOps.Load(ref py, (nuint)last)), ref py, (nuint)last);
            return true;
        }
        var f = TOps.Create(T.One / sum);
        for (int j = 0; j < vecEnd; j += lanes) TOps.Store(TOps.Multiply(TOps.Load(ref py, (nuint)j), f), ref py, (nuint)j);
        if (tail > 0)
        {
            var v = TOps.Load(ref py, (nuint)last);
            TOps.Store(TOps.Select(newLanes, TOps.Multiply(v, f), v), ref py, (nuint)last);
        }
        return true;
    }

    /// <summary>Short rows (or no SIMD): the max-shifted three passes, element by element.</summary>
    private static void ScalarRow<T>(ReadOnlySpan<T> x, Span<T> y, ReadOnlySpan<byte> bits, long bitStart, bool hasMask, bool log)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = x.Length;
        T max = T.NegativeInfinity;
        bool any = false;
        for (int j = 0; j < k; j++)
        {
            bool valid = !hasMask || BitmapWords.Get(bits, bitStart + j);
            T v = valid ? x[j] : T.NegativeInfinity;
            any |= valid;
            y[j] = v;
            max = T.IsNaN(v) || T.IsNaN(max) ? T.NaN : T.Max(max, v);
        }
        if (!any) { y.Clear(); return; }
        bool poisoned = T.IsNaN(max) || T.IsPositiveInfinity(max);
        if (T.IsNegativeInfinity(max)) max = T.Zero;
        T sum = T.Zero;
        for (int j = 0; j < k; j++)
        {
            T v = y[j] - max, e = T.Exp(v);
            sum += e;
            y[j] = log ? v : e;
        }
        if (poisoned) sum = T.NaN;
        T f = log ? T.Log(sum) : T.One / sum;
        for (int j = 0; j < k; j++) y[j] = log ? y[j] - f : y[j] * f;
    }
}
