using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Masked.Kernels;

namespace Masked;

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
            var arr = new T[n];
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
                    BitmapWords.Write(bits, start + i, masked ? BitmapWords.Read(src, maskStart + i, c) : (c == 64 ? ulong.MaxValue : (1UL << c) - 1), c);
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
            int parts = Math.Min(MaskedParallelism.Parts(n), Math.Max(rows, 1));
            if (parts <= 1) Rows<T>(job, 0, rows);
            else RowsInParallel<T>(job, rows, parts);
        }
        return result;
    }

    // Kept out of Run so that its single-threaded path allocates no closure.
    private static void RowsInParallel<T>(RowsJob job, int rows, int parts) where T : unmanaged, IFloatingPointIeee754<T>
        => Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts },
            p => Rows<T>(job, (int)((long)rows * p / parts), (int)((long)rows * (p + 1) / parts)));

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
        if (Vector512.IsHardwareAccelerated && x.Length >= Vector512<T>.Count) WideRow(x, y, bits, bitStart, hasMask, log);
        else ScalarRow(x, y, bits, bitStart, hasMask, log);
    }

    /// <summary>
    /// Rows of at least one vector, without scratch. Pass 1 finds the max over valid entries, pass 2 computes exp and
    /// its sum, pass 3 scales. The last, partial vector is handled as a full
    /// vector ending at the row's end (overlapping the previous one): only its new lanes enter the sum and the scaling.
    /// </summary>
    private static void WideRow<T>(ReadOnlySpan<T> x, Span<T> y, ReadOnlySpan<byte> bits, long bitStart, bool hasMask, bool log)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = x.Length, lanes = Vector512<T>.Count;
        int vecEnd = k - k % lanes, tail = k - vecEnd, last = k - lanes;
        ulong full = lanes == 64 ? ulong.MaxValue : (1UL << lanes) - 1;
        ref T px = ref MemoryMarshal.GetReference(x);
        ref T py = ref MemoryMarshal.GetReference(y);
        var ninf = Vector512.Create(T.NegativeInfinity);
        var newLanes = LaneMasks.Of<T>(full << (lanes - tail), 0); // lanes of the overlapping last vector not seen before
        var floor = Vector512.Create(T.CreateTruncating(typeof(T) == typeof(float) ? -80.0 : -700.0));
        if (Direct(x, y, bits, bitStart, hasMask, log, newLanes, floor)) return;
        // Pass 1: max over valid entries.
        var vmax = ninf;
        bool any = !hasMask;
        for (int j = 0; j < vecEnd; j += lanes)
        {
            var v = Vector512.LoadUnsafe(ref px, (nuint)j);
            if (hasMask)
            {
                ulong w = ReadLanes(bits, bitStart + j, lanes);
                any |= w != 0;
                if (w != full) v = Vector512.ConditionalSelect(LaneMasks.Of<T>(w, 0), v, ninf);
            }
            vmax = Vector512.Max(vmax, v);
        }
        ulong wl = full;
        if (tail > 0)
        {
            var v = Vector512.LoadUnsafe(ref px, (nuint)last);
            if (hasMask)
            {
                wl = ReadLanes(bits, bitStart + last, lanes);
                any |= (wl & (full << (lanes - tail))) != 0;
                v = Vector512.ConditionalSelect(LaneMasks.Of<T>(wl, 0), v, ninf);
            }
            vmax = Vector512.Max(vmax, v);
        }
        if (!any) return;
        var m256 = Vector256.Max(vmax.GetLower(), vmax.GetUpper());
        var m128 = Vector128.Max(m256.GetLower(), m256.GetUpper());
        T max = T.NegativeInfinity;
        for (int l = 0; l < Vector128<T>.Count; l++)
        {
            T e = m128.GetElement(l);
            max = T.IsNaN(e) || T.IsNaN(max) ? T.NaN : T.Max(max, e);
        }
        bool poisoned = T.IsNaN(max) || T.IsPositiveInfinity(max);
        if (T.IsNegativeInfinity(max)) max = T.Zero;
        // Pass 2: y = exp(x - max) (or x - max for log-softmax), and the sum of the exponentials. Masked lanes are set
        // to -inf, computed at the floor and zeroed (Vector512.Exp is several times slower on -inf lanes).
        var vm = Vector512.Create(max);
        var vsum = Vector512<T>.Zero;
        for (int j = 0; j < vecEnd; j += lanes)
        {
            var v = Vector512.LoadUnsafe(ref px, (nuint)j) - vm;
            Vector512<T> e;
            ulong w = hasMask ? ReadLanes(bits, bitStart + j, lanes) : full;
            if (w == full) e = Exp(v);
            else
            {
                // masked lanes: exp of the floor, then zeroed (keeps Vector512.Exp off its slow path)
                var lm = LaneMasks.Of<T>(w, 0);
                v = Vector512.ConditionalSelect(lm, v, ninf);
                e = Exp(Vector512.ConditionalSelect(lm, v, floor)) & lm;
            }
            vsum += e;
            (log ? v : e).StoreUnsafe(ref py, (nuint)j);
        }
        if (tail > 0)
        {
            var lm = LaneMasks.Of<T>(wl, 0);
            var v = Vector512.ConditionalSelect(lm, Vector512.LoadUnsafe(ref px, (nuint)last) - vm, ninf);
            var e = Exp(Vector512.ConditionalSelect(lm, v, floor)) & lm;
            vsum += e & newLanes;
            Vector512.ConditionalSelect(newLanes, log ? v : e, Vector512.LoadUnsafe(ref py, (nuint)last)).StoreUnsafe(ref py, (nuint)last);
        }
        T sum = poisoned ? T.NaN : Vector512.Sum(vsum);
        // Pass 3: scale (or shift by the log of the sum).
        var factor = Vector512.Create(log ? T.Log(sum) : T.One / sum);
        for (int j = 0; j < vecEnd; j += lanes)
        {
            var v = Vector512.LoadUnsafe(ref py, (nuint)j);
            (log ? v - factor : v * factor).StoreUnsafe(ref py, (nuint)j);
        }
        if (tail > 0)
        {
            var v = Vector512.LoadUnsafe(ref py, (nuint)last);
            Vector512.ConditionalSelect(newLanes, log ? v - factor : v * factor, v).StoreUnsafe(ref py, (nuint)last);
        }
    }

    /// <summary>
    /// The common case in two passes: exp(x) and its sum without subtracting the max, then scale. Exact in math
    /// (the max cancels); taken only when the sum is finite and far from underflow, so no exponential overflowed
    /// and none lost precision that the shifted form would keep. Otherwise (large or very negative values, a valid
    /// NaN or infinity, nothing valid) returns false and the caller runs the max-shifted three-pass form.
    /// </summary>
    private static bool Direct<T>(ReadOnlySpan<T> x, Span<T> y, ReadOnlySpan<byte> bits, long bitStart, bool hasMask, bool log,
        Vector512<T> newLanes, Vector512<T> floor) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = x.Length, lanes = Vector512<T>.Count;
        int vecEnd = k - k % lanes, tail = k - vecEnd, last = k - lanes;
        ulong full = lanes == 64 ? ulong.MaxValue : (1UL << lanes) - 1;
        ref T px = ref MemoryMarshal.GetReference(x);
        ref T py = ref MemoryMarshal.GetReference(y);
        var vsum = Vector512<T>.Zero;
        for (int j = 0; j < vecEnd; j += lanes)
        {
            var v = Vector512.LoadUnsafe(ref px, (nuint)j);
            ulong w = hasMask ? ReadLanes(bits, bitStart + j, lanes) : full;
            Vector512<T> e;
            if (w == full) e = Exp(v);
            else
            {
                var lm = LaneMasks.Of<T>(w, 0);
                e = Exp(Vector512.ConditionalSelect(lm, v, floor)) & lm;
            }
            vsum += e;
            if (!log) e.StoreUnsafe(ref py, (nuint)j);
        }
        ulong wl = full;
        if (tail > 0)
        {
            wl = hasMask ? ReadLanes(bits, bitStart + last, lanes) : full;
            var lm = LaneMasks.Of<T>(wl, 0);
            var e = Exp(Vector512.ConditionalSelect(lm, Vector512.LoadUnsafe(ref px, (nuint)last), floor)) & lm & newLanes;
            vsum += e;
            if (!log) Vector512.ConditionalSelect(newLanes, e, Vector512.LoadUnsafe(ref py, (nuint)last)).StoreUnsafe(ref py, (nuint)last);
        }
        T sum = Vector512.Sum(vsum);
        T smallest = T.CreateTruncating(typeof(T) == typeof(float) ? 1e-30 : 1e-290);
        if (!T.IsFinite(sum) || !(sum >= smallest)) return false;
        if (log)
        {
            var ls = Vector512.Create(T.Log(sum));
            for (int j = 0; j < vecEnd; j += lanes) (Vector512.LoadUnsafe(ref px, (nuint)j) - ls).StoreUnsafe(ref py, (nuint)j);
            if (tail > 0) Vector512.ConditionalSelect(newLanes, Vector512.LoadUnsafe(ref px, (nuint)last) - ls, Vector512.LoadUnsafe(ref py, (nuint)last)).StoreUnsafe(ref py, (nuint)last);
            return true;
        }
        var f = Vector512.Create(T.One / sum);
        for (int j = 0; j < vecEnd; j += lanes) (Vector512.LoadUnsafe(ref py, (nuint)j) * f).StoreUnsafe(ref py, (nuint)j);
        if (tail > 0)
        {
            var v = Vector512.LoadUnsafe(ref py, (nuint)last);
            Vector512.ConditionalSelect(newLanes, v * f, v).StoreUnsafe(ref py, (nuint)last);
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
        if (!any) return;
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

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static ulong ReadLanes(ReadOnlySpan<byte> bits, long bit, int lanes) => BitmapWords.ReadShort(bits, bit, lanes);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Exp<T>(Vector512<T> v) where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return Vector512.Exp(v.As<T, float>()).As<float, T>();
        return Vector512.Exp(v.As<T, double>()).As<double, T>();
    }
}
