using System.Numerics;
using System.Numerics.Tensors;

namespace Masked.Kernels;

/// <summary>
/// Addition over the union of two masks, in one pass: the result is valid where either side is valid, and a masked side
/// reads as 0 (so a valid entry plus a masked one is the valid entry). This is how gradients accumulate: two paths
/// add up over their valid entries, and an entry no path reaches stays masked.
/// </summary>
/// <remarks>
/// One bitmap word (64 elements) at a time: the result word is the OR of the inputs' words. Runs of words where both
/// sides have the same validity (the common case: gradients of one tensor usually share its mask) go to
/// <see cref="TensorPrimitives.Add{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/> in one call — slots masked on both
/// sides compute garbage that the result masks; a word where the sides differ picks per element.
/// </remarks>
internal static class UnionKernel
{
    /// <summary>
    /// <paramref name="a"/> + <paramref name="b"/> over the union of their masks (shapes broadcast). Neither input is
    /// modified; the result owns fresh memory.
    /// </summary>
    public static MaskedTensor<T> Add<T>(MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, INumber<T> => Add(a, b, overwriteA: false);

    /// <summary>
    /// Like <see cref="Add{T}(MaskedTensor{T}, MaskedTensor{T})"/>; with <paramref name="overwriteA"/> the sum is written
    /// over <paramref name="a"/>'s data array when a spans that whole array with the result's shape (the caller
    /// guarantees nothing else reads it: an intermediate gradient nobody else holds). The result's bitmap is always new.
    /// </summary>
    public static unsafe MaskedTensor<T> Add<T>(MaskedTensor<T> a, MaskedTensor<T> b, bool overwriteA) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var shape = ShapeMath.SameShape(a._shape, b._shape) ? a._shape : ShapeMath.Broadcast(a._shape, b._shape);
        var pa = Full(a, shape);
        var pb = Full(b, shape);
        if (pa._bitmap is null && pb._bitmap is null) return ElementwiseKernel.Binary<T, UnionSum<T>>(pa, pb); // all valid: a plain sum
        int n = ShapeMath.Numel(shape);
        var dst = overwriteA && ReferenceEquals(pa, a) && WholeArray(a, n) is { } own ? own : RecycledArrays<T>.Rent(n); // every slot is written
        var bytes = new byte[BitmapWords.WordCount(n) * 8];
        var ma = pa._bitmap?.Bytes ?? default;
        var mb = pb._bitmap?.Bytes ?? default;
        fixed (T* p1 = pa.ContiguousSpan)
        fixed (T* p2 = pb.ContiguousSpan)
        fixed (T* pd = dst)
        fixed (byte* b1 = ma.Span)
        fixed (byte* b2 = mb.Span)
        fixed (byte* bd = bytes)
        {
            var job = new Job((nint)p1, (nint)p2, (nint)pd, (nint)b1, ma.Length, pa.MaskBitStart, pa._bitmap is not null,
                (nint)b2, mb.Length, pb.MaskBitStart, pb._bitmap is not null, (nint)bd, bytes.Length);
            int parts = MaskedParallelism.Parts(n);
            if (parts <= 1) Run<T>(job, 0, n);
            else InParallel<T>(job, n, parts);
        }
        return MaskedTensor<T>.Contiguous(dst, new ValidityBitmap(bytes, 0, n), (int[])shape.Clone());
    }

    /// <summary>The array behind <paramref name="t"/> when t is exactly that array's <paramref name="n"/> elements, else null.</summary>
    internal static T[]? WholeArray<T>(MaskedTensor<T> t, int n) where T : unmanaged
        => System.Runtime.InteropServices.MemoryMarshal.TryGetArray<T>(t._buffer, out var seg) && seg.Array is { } array
            && seg.Offset == 0 && array.Length == n && t._offset == 0 && t.IsContiguous ? array : null;

    /// <summary>The tensor as a contiguous operand of the full result shape (a broadcast one is materialized).</summary>
    private static MaskedTensor<T> Full<T>(MaskedTensor<T> t, int[] shape) where T : unmanaged
        => ShapeMath.SameShape(t._shape, shape) ? t.Dense() : t.BroadcastView(shape).Dense();

    // Kept out of Add so that its single-threaded path allocates no closure.
    private static void InParallel<T>(Job job, int n, int parts) where T : unmanaged, INumber<T>
        => MaskedParallelism.For(n, parts, (_, lo, hi) => Run<T>(job, lo, hi));

    /// <summary>Pointers of one call (pinned by the caller for its duration); bitmaps as bytes, the bit of element 0, whether present.</summary>
    private readonly record struct Job(nint A, nint B, nint Dst, nint BitsA, int BytesA, long StartA, bool MaskedA,
        nint BitsB, int BytesB, long StartB, bool MaskedB, nint BitsDst, int BytesDst);

    /// <summary>Elements [lo, hi): <paramref name="lo"/> is a multiple of 64 (so each word of the result bitmap is written by one thread).</summary>
    private static unsafe void Run<T>(Job job, int lo, int hi) where T : unmanaged, INumber<T>
    {
        var xa = new MaskedSegment<T>(new ReadOnlySpan<T>((T*)job.A, hi), new ReadOnlySpan<byte>((byte*)job.BitsA, job.BytesA), job.StartA, job.MaskedA);
        var xb = new MaskedSegment<T>(new ReadOnlySpan<T>((T*)job.B, hi), new ReadOnlySpan<byte>((byte*)job.BitsB, job.BytesB), job.StartB, job.MaskedB);
        var d = new Span<T>((T*)job.Dst, hi);
        var bits = new Span<byte>((byte*)job.BitsDst, job.BytesDst);
        int run = lo; // start of the pending run of words whose two sides have the same validity
        for (int w = lo; w < hi; w += 64)
        {
            int c = Math.Min(64, hi - w);
            ulong wa = xa.Word(w, c), wb = xb.Word(w, c);
            BitmapWords.Write(bits, w, wa | wb, c);
            if (wa == wb) continue;
            if (w > run) TensorPrimitives.Add(xa.Data[run..w], xb.Data[run..w], d[run..w]);
            for (int k = 0; k < c; k++)
            {
                T va = ((wa >> k) & 1) != 0 ? xa.Data[w + k] : T.Zero;
                T vb = ((wb >> k) & 1) != 0 ? xb.Data[w + k] : T.Zero;
                d[w + k] = va + vb;
            }
            run = w + c;
        }
        if (hi > run) TensorPrimitives.Add(xa.Data[run..hi], xb.Data[run..hi], d[run..hi]);
    }
}

/// <summary>The kernel layer's own elementwise sum (the kernel layer does not reach up to the ops' <c>AddOp</c>).</summary>
internal readonly struct UnionSum<T> : IBinaryOperator<T> where T : INumber<T>
{
    public static T Invoke(T a, T b) => a + b;
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Add(a, b, d);
}
