namespace Masked.Kernels;

/// <summary>Folds one masked segment into one result; false means "nothing to fold" (the result is masked).</summary>
internal interface ISegmentReducer<T, TR> where T : unmanaged where TR : unmanaged
{
    /// <param name="segment">The valid entries to fold.</param>
    /// <param name="split">Whether the fold may spread this one segment over the cores (the caller is not already parallel).</param>
    /// <param name="result">The folded value.</param>
    bool Reduce(in MaskedSegment<T> segment, bool split, out TR result);
}

/// <summary>Backward rule of a segment reduction: fills <paramref name="dx"/> for the valid entries of segment <paramref name="x"/> (output y, output gradient g).</summary>
internal delegate void SegmentGradRule<T>(MaskedSegment<T> x, T y, T g, Span<T> dx) where T : unmanaged;

/// <summary>
/// The reduction kernels. Reduced dims are moved last (a view; a copy only when the layout needs one), so
/// that every output position folds one contiguous segment; segments are spread over the cores for large inputs.
/// </summary>
internal static class ReduceKernel
{
    public readonly record struct Plan(int[] OutShape, int[] KeepShape, int[] Perm, int M, int K, bool[] Reduced);

    public static Plan MakePlan(int[] shape, int[]? dims, bool keepDim)
    {
        int rank = shape.Length;
        var reduced = ShapeMath.ReducedDims(dims ?? [], dims is null, rank);
        var outShape = new List<int>();
        var keepShape = new int[rank];
        var perm = new List<int>();
        int m = 1, k = 1;
        for (int d = 0; d < rank; d++)
        {
            keepShape[d] = reduced[d] ? 1 : shape[d];
            if (reduced[d]) { k *= shape[d]; if (keepDim) outShape.Add(1); }
            else { m *= shape[d]; outShape.Add(shape[d]); perm.Add(d); }
        }
        for (int d = 0; d < rank; d++) if (reduced[d]) perm.Add(d);
        return new Plan(outShape.ToArray(), keepShape, perm.ToArray(), m, k, reduced);
    }

    /// <summary>The input laid out as M contiguous segments of K (reduced dims last).</summary>
    public static MaskedTensor<T> Arrange<T>(MaskedTensor<T> x, Plan plan) where T : unmanaged
    {
        bool identity = true;
        for (int i = 0; i < plan.Perm.Length; i++) identity &= plan.Perm[i] == i;
        return (identity ? x : x.PermuteView(plan.Perm)).Dense();
    }

    public static MaskedTensor<TR> Reduce<T, TR, TRed>(MaskedTensor<T> x, int[]? dims, bool keepDim, TRed reducer)
        where T : unmanaged where TR : unmanaged where TRed : struct, ISegmentReducer<T, TR>
    {
        ArgumentNullException.ThrowIfNull(x); // every public reduction reaches here first with its own parameter named x
        var plan = MakePlan(x._shape, dims, keepDim);
        var c = Arrange(x, plan);
        int m = plan.M, k = plan.K;
        var data = GC.AllocateUninitializedArray<TR>(m); // every segment writes its result
        var bits = new byte[BitmapWords.WordCount(m) * 8];
        int parts = Math.Min(MaskedParallelism.Parts((long)m * k), m);
        // Parallelism is decided here, once: many segments spread over the cores (each folded on its thread; parts own
        // whole words of 64 outputs, so there must be at least 64 per part), or one thread walks the few segments and
        // each large one splits itself over the cores.
        if (parts > 1 && m >= 64 * parts)
        {
            var cc = c;
            // MaskedParallelism.For splits on multiples of 64 outputs: each part writes whole words of the result bitmap.
            MaskedParallelism.For(m, parts, (_, lo, hi) => ReduceRange(cc, lo, hi, k, reducer, split: false, data, bits));
        }
        else ReduceRange(c, 0, m, k, reducer, split: true, data, bits);
        var bitmap = BitmapWords.CountSet(bits, 0, m) == m ? null : new ValidityBitmap(bits, 0, m); // every output valid: a plain result
        return MaskedTensor<TR>.Contiguous(data, bitmap, plan.OutShape);
    }

    /// <summary>Folds segments [lo, hi) (lo a multiple of 64), writing their validity a word at a time.</summary>
    private static void ReduceRange<T, TR, TRed>(MaskedTensor<T> c, int lo, int hi, int k, TRed reducer, bool split, TR[] data, byte[] valid)
        where T : unmanaged where TR : unmanaged where TRed : struct, ISegmentReducer<T, TR>
    {
        var span = c.ContiguousSpan;
        bool hasMask = c._bitmap is not null;
        var bits = hasMask ? c._bitmap!.Bytes.Span : default;
        long b0 = c.MaskBitStart;
        for (int w = lo; w < hi; w += 64)
        {
            int n = Math.Min(64, hi - w);
            ulong word = 0;
            for (int j = 0; j < n; j++)
            {
                int i = w + j;
                var seg = new MaskedSegment<T>(span.Slice(i * k, k), bits, b0 + (long)i * k, hasMask);
                if (reducer.Reduce(seg, split, out data[i])) word |= 1UL << j;
            }
            BitmapWords.Write(valid, w, word, n);
        }
    }

    /// <summary>
    /// Gradient of a segment reduction: for each output position whose gradient is valid, <paramref name="rule"/>
    /// fills the gradient of the segment's valid entries. Everything else is masked.
    /// </summary>
    public static MaskedTensor<T> SegmentBackward<T>(MaskedTensor<T> x, int[]? dims, bool keepDim, MaskedTensor<T> y, MaskedTensor<T> g, SegmentGradRule<T> rule)
        where T : unmanaged
    {
        var plan = MakePlan(x._shape, dims, keepDim);
        var c = Arrange(x, plan);
        int m = plan.M, k = plan.K;
        var xs = MaskedSegment<T>.Of(c);
        var ys = y.Dense().ContiguousSpan;
        var gs = MaskedSegment<T>.Of(g.Dense());
        var dx = new T[m * k];
        var dv = new byte[BitmapWords.ByteCount(m * k)];
        for (int i = 0; i < m; i++)
        {
            if (!gs.IsValid(i)) continue;
            var seg = xs.Slice(i * k, k);
            rule(seg, ys[i], gs.Data[i], dx.AsSpan(i * k, k));
            seg.CopyBitsTo(0, k, dv, (long)i * k);
        }
        return Unarrange(dx, new ValidityBitmap(dv, 0, m * k), x._shape, plan);
    }

    /// <summary>Data laid out as <see cref="Arrange"/> lays it (reduced dims last), moved back to the input's dim order (a copy unless already in order).</summary>
    private static MaskedTensor<T> Unarrange<T>(T[] data, ValidityBitmap? mask, int[] shape, Plan plan) where T : unmanaged
    {
        int rank = shape.Length;
        var permShape = new int[rank];
        var inverse = new int[rank];
        bool identity = true;
        for (int i = 0; i < rank; i++)
        {
            permShape[i] = shape[plan.Perm[i]];
            inverse[plan.Perm[i]] = i;
            identity &= plan.Perm[i] == i;
        }
        var arranged = MaskedTensor<T>.Contiguous(data, mask, permShape);
        if (identity) return arranged;
        return arranged.PermuteView(inverse).Dense();
    }

    /// <summary>Gradient of an along-dim op: rows of x and g (dim moved last) feed <paramref name="rule"/>; the result has x's shape and mask.</summary>
    public static MaskedTensor<T> AlongDimBackward<T>(MaskedTensor<T> x, MaskedTensor<T> g, int dim, RowGradRule<T> rule) where T : unmanaged
    {
        int rank = x.Rank;
        if (rank == 0)
        {
            return AlongDimBackward(x.ReshapeView([1]), g.ReshapeView([1]), 0, rule).ReshapeView([]);
        }
        int d = ShapeMath.NormalizeDim(dim, rank);
        var plan = MakePlan(x._shape, [d], false);
        var xc = Arrange(x, plan);
        var gc = Arrange(g, plan);
        int k = plan.K, m = plan.M;
        var xs = MaskedSegment<T>.Of(xc);
        var gs = MaskedSegment<T>.Of(gc);
        var dx = new T[xs.Length];
        for (int i = 0; i < m; i++)
            rule(xs.Slice(i * k, k), gs.Slice(i * k, k), dx.AsSpan(i * k, k));
        return Unarrange(dx, xc._bitmap?.Rebase(xc.MaskBitStart, xs.Length), x._shape, plan);
    }

    /// <summary>Applies <paramref name="rowOp"/> to every slice along <paramref name="dim"/>; the result keeps the input's shape and mask.</summary>
    public static MaskedTensor<T> AlongDim<T>(MaskedTensor<T> x, int dim, RowOp<T> rowOp) where T : unmanaged
    {
        int rank = x.Rank;
        int d = ShapeMath.NormalizeDim(dim, rank);
        if (rank == 0) return AlongDim(x.ReshapeView([1]), 0, rowOp).ReshapeView([]);
        var plan = MakePlan(x._shape, [d], false);
        var c = Arrange(x, plan);
        int k = plan.K, n = c.Length, m = k == 0 ? 0 : n / k;
        var dst = new T[n];
        var src = c.ContiguousSpan;
        bool hasMask = c._bitmap is not null;
        var bits = hasMask ? c._bitmap!.Bytes.Span : default;
        long b0 = c.MaskBitStart;
        for (int i = 0; i < m; i++)
            rowOp(new MaskedSegment<T>(src.Slice(i * k, k), bits, b0 + (long)i * k, hasMask), dst.AsSpan(i * k, k));
        return Unarrange(dst, hasMask ? c._bitmap!.Rebase(b0, n) : null, x._shape, plan);
    }
}

/// <summary>Computes one output row from one masked input row (same length).</summary>
internal delegate void RowOp<T>(MaskedSegment<T> row, Span<T> destination) where T : unmanaged;

/// <summary>Backward rule along a dim: input row and output-gradient row (each with its validity) → input-gradient row.</summary>
internal delegate void RowGradRule<T>(MaskedSegment<T> x, MaskedSegment<T> g, Span<T> dx) where T : unmanaged;
