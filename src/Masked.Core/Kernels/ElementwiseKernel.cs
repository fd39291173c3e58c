using System.Runtime.InteropServices;

namespace Masked.Kernels;

/// <summary>
/// The elementwise kernels. They walk the result's validity 64 bits at a time in chunks of
/// <see cref="Chunk"/> elements: a chunk whose words are all null is skipped, others run the operator's
/// span rule (vectorized) over the whole chunk — masked slots compute garbage that no valid result reads.
/// Operators that could throw on garbage (integer division) run mixed words element by element.
/// </summary>
internal static class ElementwiseKernel
{
    public const int Chunk = 4096;

    /// <summary>Prepares a tensor as a kernel input for result shape <paramref name="shape"/>: a scalar, the tensor itself, or a broadcast copy.</summary>
    public static MaskedTensor<T> Prepare<T>(MaskedTensor<T> t, int[] shape) where T : unmanaged
    {
        if (t.Length == 1 && shape.Length >= t.Rank) return t; // used as a scalar
        if (ShapeMath.SameShape(t._shape, shape)) return t.Dense();
        return t.BroadcastView(shape).Dense();
    }

    public static MaskedSegment<T> AsOperand<T>(MaskedTensor<T> t, int resultLength) where T : unmanaged
    {
        if (t.Length == 1 && (resultLength != 1 || !t.IsContiguous))
        {
            bool valid = t._bitmap is null || BitmapWords.Get(t._bitmap.Bytes.Span, (long)t._bitmap.BitOffset + t._offset);
            return MaskedSegment<T>.Broadcast(t._buffer.Span[t._offset], valid);
        }
        return MaskedSegment<T>.Of(t);
    }

    /// <summary>Result bitmap shared from a single masked contiguous input, or built by AND-ing the inputs' words.</summary>
    private static ValidityBitmap? ResultMask<T>(MaskedTensor<T> a, MaskedTensor<T>? b, in MaskedSegment<T> oa, in MaskedSegment<T> ob, int n) where T : unmanaged
    {
        bool ma = oa.HasMask, mb = b is not null && ob.HasMask;
        if (!ma && !mb) return null;
        if (ma && !mb && !oa.IsScalar) return a._bitmap!.Rebase(oa.BitStart, n);
        if (mb && !ma && !ob.IsScalar) return b!._bitmap!.Rebase(ob.BitStart, n);
        var bytes = new byte[BitmapWords.WordCount(n) * 8];
        CombineMasks(oa, ob, b is null, bytes, 0, n);
        return new ValidityBitmap(bytes, 0, n);
    }

    /// <summary>
    /// Writes (validity of a) AND (validity of b) for n elements at bit <paramref name="start"/>. Scalar sides are decided once
    /// (a valid scalar masks nothing, a masked one everything); then a vectorized byte-wise AND/copy when every bitmap involved
    /// starts on a byte boundary, else one word loop for the case at hand.
    /// </summary>
    private static void CombineMasks<TA, TB>(in MaskedSegment<TA> oa, in MaskedSegment<TB> ob, bool single, Span<byte> dst, long start, int n) where TA : unmanaged where TB : unmanaged
    {
        bool ma = !oa.IsScalar && oa.HasMask, mb = !single && !ob.IsScalar && ob.HasMask;
        bool none = (oa.IsScalar && oa.HasMask) || (!single && ob.IsScalar && ob.HasMask);
        if ((start & 7) == 0 && (n & 7) == 0 && (!ma || (oa.BitStart & 7) == 0) && (!mb || (ob.BitStart & 7) == 0))
        {
            int nb = n >> 3;
            var d = dst.Slice((int)(start >> 3), nb);
            var sa = ma ? oa.Bits.Slice((int)(oa.BitStart >> 3), nb) : default;
            var sb = mb ? ob.Bits.Slice((int)(ob.BitStart >> 3), nb) : default;
            if (none) d.Clear();
            else if (ma && mb) System.Numerics.Tensors.TensorPrimitives.BitwiseAnd<byte>(sa, sb, d);
            else if (ma) sa.CopyTo(d);
            else if (mb) sb.CopyTo(d);
            else d.Fill(0xFF);
            return;
        }
        if (none) { for (int i = 0; i < n; i += 64) BitmapWords.Write(dst, start + i, 0, Math.Min(64, n - i)); }
        else if (ma && mb) { for (int i = 0; i < n; i += 64) { int c = Math.Min(64, n - i); BitmapWords.Write(dst, start + i, oa.Word(i, c) & ob.Word(i, c), c); } }
        else if (ma) oa.CopyBitsTo(0, n, dst, start);
        else if (mb) ob.CopyBitsTo(0, n, dst, start);
        else { for (int i = 0; i < n; i += 64) { int c = Math.Min(64, n - i); BitmapWords.Write(dst, start + i, BitmapWords.LowMask(c), c); } }
    }

    public static MaskedTensor<T> Unary<T, TOp>(MaskedTensor<T> x) where T : unmanaged where TOp : IUnaryOperator<T>
        => UnaryCore<T, TOp>(x, null);

    public static MaskedTensor<T> Binary<T, TOp>(MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged where TOp : IBinaryOperator<T>
        => BinaryCore<T, TOp>(a, b, null);

    /// <summary>Writes the op's result (data and validity) into <paramref name="destination"/>; allocates nothing.</summary>
    public static void UnaryInto<T, TOp>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged where TOp : IUnaryOperator<T>
    {
        ArgumentNullException.ThrowIfNull(destination);
        UnaryCore<T, TOp>(x, destination);
    }

    /// <summary>Writes the op's result (data and validity) into <paramref name="destination"/>; allocates nothing.</summary>
    public static void BinaryInto<T, TOp>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged where TOp : IBinaryOperator<T>
    {
        ArgumentNullException.ThrowIfNull(destination);
        BinaryCore<T, TOp>(a, b, destination);
    }

    private static unsafe MaskedTensor<T> UnaryCore<T, TOp>(MaskedTensor<T> x, MaskedTensor<T>? destination)
        where T : unmanaged where TOp : IUnaryOperator<T>
    {
        ArgumentNullException.ThrowIfNull(x); // the public ops name their input x: the first (and only) argument check of every unary op
        var c = x.Dense();
        int n = c.Length;
        var ox = MaskedSegment<T>.Of(c);
        var (dst, maskBytes, mstart, masked, result) = Destination(c._shape, n, destination, destination is null ? ResultMask(c, null, ox, default, n) : null, ox, default, single: true, uninitialized: TOp.SafeOnGarbage);
        fixed (T* ps = c.ContiguousSpan)
        fixed (T* pd = dst.Span)
        fixed (byte* pm = maskBytes.Span)
        {
            var job = new Job<T>((nint)ps, default, false, default, (nint)pd, masked ? (nint)pm : 0, mstart, maskBytes.Length, Fresh: destination is null);
            int parts = MaskedParallelism.Parts(n);
            if (parts <= 1) RunUnary<T, TOp>(job, 0, n);
            else UnaryInParallel<T, TOp>(job, n, parts);
        }
        return result ?? destination!;
    }

    private static unsafe MaskedTensor<T> BinaryCore<T, TOp>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T>? destination)
        where T : unmanaged where TOp : IBinaryOperator<T>
    {
        ArgumentNullException.ThrowIfNull(a); // the public ops name their operands a and b
        ArgumentNullException.ThrowIfNull(b);
        var shape = ShapeMath.SameShape(a._shape, b._shape) ? a._shape : ShapeMath.Broadcast(a._shape, b._shape);
        int n = ShapeMath.Numel(shape);
        if (destination is null && TOp.SafeOnGarbage && !ReferenceEquals(shape, a._shape) && TryRepeating<T, TOp>(a, b, shape, n) is { } repeated)
            return repeated;
        var pa = Prepare(a, shape);
        var pb = Prepare(b, shape);
        var oa = AsOperand(pa, n);
        var ob = AsOperand(pb, n);
        var (dst, maskBytes, mstart, masked, result) = Destination(shape, n, destination, destination is null ? ResultMask(pa, pb, oa, ob, n) : null, oa, ob, single: false, uninitialized: TOp.SafeOnGarbage);
        fixed (T* p1 = oa.Data)
        fixed (T* p2 = ob.Data)
        fixed (T* pd = dst.Span)
        fixed (byte* pm = maskBytes.Span)
        {
            var job = new Job<T>((nint)p1, (nint)p2, oa.IsScalar, oa.Scalar, (nint)pd, masked ? (nint)pm : 0, mstart, maskBytes.Length, ob.IsScalar, ob.Scalar, Fresh: destination is null);
            int parts = MaskedParallelism.Parts(n);
            if (parts <= 1) RunBinary<T, TOp>(job, 0, n);
            else BinaryInParallel<T, TOp>(job, n, parts);
        }
        return result ?? destination!;
    }

    // Kept out of the callers so that their single-threaded path allocates no closure.
    private static void UnaryInParallel<T, TOp>(Job<T> job, int n, int parts) where T : unmanaged where TOp : IUnaryOperator<T>
        => MaskedParallelism.For(n, parts, (_, lo, hi) => RunUnary<T, TOp>(job, lo, hi));

    private static void BinaryInParallel<T, TOp>(Job<T> job, int n, int parts) where T : unmanaged where TOp : IBinaryOperator<T>
        => MaskedParallelism.For(n, parts, (_, lo, hi) => RunBinary<T, TOp>(job, lo, hi));

    /// <summary>
    /// Broadcasting without materializing the small operand, for the two common layouts: a trailing block
    /// (e.g. [N, D] op [D], a bias) that repeats every P elements, or a leading block with trailing 1s
    /// (e.g. [N, D] op [N, 1], a per-row statistic) whose each element repeats Q times. Null for other layouts.
    /// </summary>
    private static MaskedTensor<T>? TryRepeating<T, TOp>(MaskedTensor<T> a, MaskedTensor<T> b, int[] shape, int n)
        where T : unmanaged where TOp : IBinaryOperator<T>
    {
        bool aFull = ShapeMath.SameShape(a._shape, shape), bFull = ShapeMath.SameShape(b._shape, shape);
        if (aFull == bFull || n == 0) return null;
        var small = aFull ? b : a;
        if (small.Length <= 1) return null; // scalars have their own path
        int rank = shape.Length;
        var pad = new int[rank];
        for (int d = 0; d < rank; d++) pad[d] = d < rank - small.Rank ? 1 : small._shape[d - (rank - small.Rank)];
        int lead = 0;
        while (lead < rank && pad[lead] == 1 && shape[lead] != 1) lead++;
        bool periodic = true;
        for (int d = lead; d < rank; d++) periodic &= pad[d] == shape[d];
        int keep = 0;
        while (keep < rank && pad[keep] == shape[keep]) keep++;
        bool repeat = !periodic;
        for (int d = keep; d < rank && repeat; d++) repeat &= pad[d] == 1;
        if (!periodic && !repeat) return null;
        var full = (aFull ? a : b).Dense();
        var sm = small.Dense();
        var f = full.ContiguousSpan; var sv = sm.ContiguousSpan;
        var fOp = MaskedSegment<T>.Of(full); var sOp = MaskedSegment<T>.Of(sm);
        var dst = RecycledArrays<T>.Rent(n); // every period is written whole
        bool masked = fOp.HasMask || sOp.HasMask;
        var bytes = masked ? new byte[BitmapWords.WordCount(n) * 8] : null;
        int period = periodic ? sm.Length : n / sm.Length; // periodic: row length; repeat: run length of one small element
        Span<T> scratch = repeat ? new T[period] : default;
        for (int r = 0, start = 0; start < n; r++, start += period)
        {
            var fr = f.Slice(start, period);
            var dr = dst.AsSpan(start, period);
            ReadOnlySpan<T> other;
            if (periodic) other = sv;
            else { scratch.Fill(sv[r]); other = scratch; }
            if (aFull) TOp.Invoke(fr, other, dr); else TOp.Invoke(other, fr, dr);
            if (bytes is null) continue;
            for (int i = 0; i < period; i += 64)
            {
                int c = Math.Min(64, period - i);
                ulong ws = periodic ? sOp.Word(i, c) : (sOp.Word(r, 1) != 0 ? BitmapWords.LowMask(c) : 0);
                BitmapWords.Write(bytes, start + i, fOp.Word(start + i, c) & ws, c);
            }
        }
        return MaskedTensor<T>.Contiguous(dst, bytes is null ? null : new ValidityBitmap(bytes, 0, n), (int[])shape.Clone());
    }

    /// <summary>Pointers and scalars of one elementwise call (memory pinned by the caller for the call's duration).</summary>
    private readonly record struct Job<T>(nint A, nint B, bool ScalarA, T ValueA, nint Dst, nint Mask, long MaskStart, int MaskLength, bool ScalarB = false, T ValueB = default, bool Fresh = false) where T : unmanaged;

    private static unsafe void RunUnary<T, TOp>(Job<T> job, int lo, int hi) where T : unmanaged where TOp : IUnaryOperator<T>
    {
        // Runs of chunks with any valid entry go to the operator in one call (large spans let TensorPrimitives use
        // its streaming paths); all-null chunks are skipped.
        var bits = new ReadOnlySpan<byte>((byte*)job.Mask, job.MaskLength);
        if (!TOp.SafeOnGarbage && job.Mask != 0)
        {
            RunUnaryValidOnly<T, TOp>(job, bits, lo, hi);
            return;
        }
        int run = lo;
        for (int s = lo; s < hi; s += Chunk)
        {
            int len = Math.Min(Chunk, hi - s);
            if (job.Mask == 0 || AnySet(bits, job.MaskStart + s, len)) continue;
            if (s > run) TOp.Invoke(new ReadOnlySpan<T>((T*)job.A + run, s - run), new Span<T>((T*)job.Dst + run, s - run));
            if (job.Fresh) new Span<T>((T*)job.Dst + s, len).Clear();
            run = s + len;
        }
        if (hi > run) TOp.Invoke(new ReadOnlySpan<T>((T*)job.A + run, hi - run), new Span<T>((T*)job.Dst + run, hi - run));
    }

    /// <summary>An operator that could throw on garbage: full words run the span rule, mixed words the scalar rule on valid slots only.</summary>
    private static unsafe void RunUnaryValidOnly<T, TOp>(Job<T> job, ReadOnlySpan<byte> bits, int lo, int hi) where T : unmanaged where TOp : IUnaryOperator<T>
    {
        var xs = new ReadOnlySpan<T>((T*)job.A, hi);
        var xd = new Span<T>((T*)job.Dst, hi);
        for (int w = lo; w < hi; w += 64)
        {
            int c = Math.Min(64, hi - w);
            ulong word = BitmapWords.Read(bits, job.MaskStart + w, c);
            if (word == BitmapWords.LowMask(c)) { TOp.Invoke(xs.Slice(w, c), xd.Slice(w, c)); continue; }
            if (job.Fresh) xd.Slice(w, c).Clear();
            while (word != 0)
            {
                int k = System.Numerics.BitOperations.TrailingZeroCount(word);
                xd[w + k] = TOp.Invoke(xs[w + k]);
                word &= word - 1;
            }
        }
    }

    private static unsafe void RunBinary<T, TOp>(Job<T> job, int lo, int hi) where T : unmanaged where TOp : IBinaryOperator<T>
    {
        if (!job.ScalarA && !job.ScalarB && (TOp.SafeOnGarbage || job.Mask == 0))
        {
            // Runs of chunks with any valid entry in one call; all-null chunks skipped.
            var bits = new ReadOnlySpan<byte>((byte*)job.Mask, job.MaskLength);
            int run = lo;
            for (int s = lo; s < hi; s += Chunk)
            {
                int len = Math.Min(Chunk, hi - s);
                if (job.Mask == 0 || AnySet(bits, job.MaskStart + s, len)) continue;
                if (s > run) TOp.Invoke(new ReadOnlySpan<T>((T*)job.A + run, s - run), new ReadOnlySpan<T>((T*)job.B + run, s - run), new Span<T>((T*)job.Dst + run, s - run));
                if (job.Fresh) new Span<T>((T*)job.Dst + s, len).Clear();
                run = s + len;
            }
            if (hi > run) TOp.Invoke(new ReadOnlySpan<T>((T*)job.A + run, hi - run), new ReadOnlySpan<T>((T*)job.B + run, hi - run), new Span<T>((T*)job.Dst + run, hi - run));
            return;
        }
        RunBinaryChunked<T, TOp>(job, lo, hi);
    }

    /// <summary>Chunk by chunk: a scalar operand is broadcast through a stack scratch; unsafe-on-garbage ops go word by word.</summary>
    private static unsafe void RunBinaryChunked<T, TOp>(Job<T> job, int lo, int hi) where T : unmanaged where TOp : IBinaryOperator<T>
    {
        var bits = new ReadOnlySpan<byte>((byte*)job.Mask, job.MaskLength);
        Span<T> scratchA = job.ScalarA ? stackalloc T[Chunk] : default;
        Span<T> scratchB = job.ScalarB ? stackalloc T[Chunk] : default;
        scratchA.Fill(job.ValueA);
        scratchB.Fill(job.ValueB);
        for (int s = lo; s < hi; s += Chunk)
        {
            int len = Math.Min(Chunk, hi - s);
            if (job.Mask != 0 && !AnySet(bits, job.MaskStart + s, len))
            {
                if (job.Fresh) new Span<T>((T*)job.Dst + s, len).Clear();
                continue;
            }
            ReadOnlySpan<T> xa = job.ScalarA ? scratchA[..len] : new ReadOnlySpan<T>((T*)job.A + s, len);
            ReadOnlySpan<T> xb = job.ScalarB ? scratchB[..len] : new ReadOnlySpan<T>((T*)job.B + s, len);
            var xd = new Span<T>((T*)job.Dst + s, len);
            if (TOp.SafeOnGarbage || job.Mask == 0) { TOp.Invoke(xa, xb, xd); continue; }
            for (int w = 0; w < len; w += 64)
            {
                int c = Math.Min(64, len - w);
                ulong word = BitmapWords.Read(bits, job.MaskStart + s + w, c);
                ulong full = BitmapWords.LowMask(c);
                if (word == full) { TOp.Invoke(xa.Slice(w, c), xb.Slice(w, c), xd.Slice(w, c)); continue; }
                while (word != 0)
                {
                    int k = System.Numerics.BitOperations.TrailingZeroCount(word);
                    xd[w + k] = TOp.Invoke(xa[w + k], xb[w + k]);
                    word &= word - 1;
                }
            }
        }
    }

    /// <summary>
    /// The data memory and result validity (bytes, start bit, whether masked): fresh (allocating mode), or the
    /// destination's own (validated; the result validity is written into its bitmap). Returns the new tensor in
    /// allocating mode, null in destination mode. <paramref name="uninitialized"/>: the op writes every slot of a fresh buffer.
    /// </summary>
    private static (Memory<T> dst, Memory<byte> maskBytes, long maskStart, bool masked, MaskedTensor<T>? result) Destination<T>(int[] shape, int n,
        MaskedTensor<T>? destination, ValidityBitmap? resultMask, in MaskedSegment<T> oa, in MaskedSegment<T> ob, bool single, bool uninitialized) where T : unmanaged
    {
        if (destination is null)
        {
            // A fresh buffer the kernel overwrites whole (skipped all-null chunks are cleared) need not be zeroed first.
            var data = uninitialized ? RecycledArrays<T>.Rent(n) : new T[n];
            var r = MaskedTensor<T>.Contiguous(data, resultMask, (int[])shape.Clone());
            return (data, resultMask?.Bytes ?? default, resultMask?.BitOffset ?? 0, resultMask is not null, r);
        }
        destination.ThrowIfReadOnly("destination");
        destination.ThrowIfRecordingDestination();
        if (!ShapeMath.SameShape(destination._shape, shape))
            ThrowHelper.ThrowArgument($"Destination shape {ShapeMath.Format(destination._shape)} does not match the result shape {ShapeMath.Format(shape)}.", nameof(destination));
        if (!destination.IsContiguous)
            ThrowHelper.ThrowArgument("The destination must be contiguous.", nameof(destination));
        bool masked = oa.HasMask || (!single && ob.HasMask);
        var dm = destination._bitmap;
        if (masked && dm is null)
            ThrowHelper.ThrowArgument("The result has masked entries but the destination has no validity bitmap; create it with MaskedTensor.Empty<T>(shape).", nameof(destination));
        if (dm is null) return (destination.Buffer.Slice(destination.ElementOffset, n), default, 0, false, null);
        var bits = dm.Bytes.Span;
        long start = destination.MaskBitStart;
        CombineMasks(oa, single ? default : ob, single, bits, start, n);
        dm.InvalidateCount();
        destination.InvalidateValidCount();
        return (destination.Buffer.Slice(destination.ElementOffset, n), dm.Bytes, start, true, null);
    }

    public static MaskedTensor<bool> Compare<T, TOp>(MaskedTensor<T> a, MaskedTensor<T> b)
        where T : unmanaged where TOp : IBinaryPredicate<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var shape = ShapeMath.Broadcast(a._shape, b._shape);
        int n = ShapeMath.Numel(shape);
        var pa = Prepare(a, shape);
        var pb = Prepare(b, shape);
        var oa = AsOperand(pa, n);
        var ob = AsOperand(pb, n);
        var mask = ResultMask(pa, pb, oa, ob, n);
        var dst = GC.AllocateUninitializedArray<bool>(n); // every element is written
        CompareKernel.Run<T, TOp>(oa, ob, dst);
        return MaskedTensor<bool>.Contiguous(dst, mask, shape);
    }

    /// <summary>Keeps <paramref name="a"/>'s values (shared, not copied) and ANDs in <paramref name="m"/>'s mask, broadcast to a's shape.</summary>
    public static MaskedTensor<T> MaskLike<T, TM>(MaskedTensor<T> a, MaskedTensor<TM> m) where T : unmanaged where TM : unmanaged
    {
        if (m._bitmap is null) return a;
        var pa = a.Dense();
        int n = pa.Length;
        var pm = Prepare(m, pa._shape);
        var oa = MaskedSegment<T>.Of(pa);
        var om = AsOperand(pm, n);
        var bytes = new byte[BitmapWords.WordCount(n) * 8];
        CombineMasks(oa, om, single: false, bytes, 0, n);
        return MaskedTensor<T>.Contiguous(pa._buffer.Slice(pa._offset, n), new ValidityBitmap(bytes, 0, n), (int[])pa._shape.Clone(), pa.Owner);
    }

    public static bool AnySet(ReadOnlySpan<byte> bits, long start, int count)
    {
        if ((start & 7) == 0 && (count & 7) == 0 && (start >> 3) + (count >> 3) <= bits.Length)
            return bits.Slice((int)(start >> 3), count >> 3).IndexOfAnyExcept((byte)0) >= 0;
        for (int i = 0; i < count; i += 64)
            if (BitmapWords.Read(bits, start + i, Math.Min(64, count - i)) != 0) return true;
        return false;
    }
}
