using System.Numerics;
using Masked.Kernels;

namespace Masked;

/// <summary>Sparse layouts: conversions, elementwise ops, reductions with dims, softmax per row, where, sparse × dense products.</summary>
public static partial class MaskedTensor
{
    /// <summary>The COO layout of a masked tensor: exactly its valid entries are stored (a copy of those entries).</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.Tensor.to_sparse_coo.html"><c>torch.Tensor.to_sparse_coo</c></see> on the stored (valid) entries.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static SparseCooTensor<T> ToSparseCoo<T>(this MaskedTensor<T> x) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(x);
        int rank = x.Rank, n = x.Length;
        var seg = Kernels.MaskedSegment<T>.Of(x.Dense());
        int count = seg.ValidCount;
        var idx = new int[count * rank];
        var vals = new T[count];
        var strides = ShapeMath.RowMajorStrides(x._shape);
        int e = 0;
        foreach (int i in seg.GetValidIndices())
        {
            int rem = i;
            for (int d = 0; d < rank; d++) { idx[e * rank + d] = rem / strides[d]; rem %= strides[d]; }
            vals[e++] = seg.Data[i];
        }
        return new SparseCooTensor<T>((int[])x._shape.Clone(), idx, FromArray(vals, vals.Length));
    }

    /// <summary>The CSR layout of a 2-D masked tensor (its valid entries).</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.Tensor.to_sparse_csr.html"><c>torch.Tensor.to_sparse_csr</c></see> on the stored (valid) entries.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static SparseCsrTensor<T> ToSparseCsr<T>(this MaskedTensor<T> x) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Rank != 2) ThrowHelper.ThrowInvalidOperation($"CSR needs a 2-D tensor; shape is {ShapeMath.Format(x._shape)}.");
        return x.ToSparseCoo().ToSparseCsr();
    }

    /// <summary>
    /// Elementwise binary op between two sparse tensors of the same shape: valid (stored) where both are stored — the
    /// dense mask rule. <paramref name="op"/> is any Masked.Core binary op on the gathered values (e.g. <c>MaskedTensor.Add</c>).
    /// </summary>
    /// <remarks>No single torch function: the masked-semantics building block the sparse ops above are written with.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    public static SparseCooTensor<T> Combine<T>(SparseCooTensor<T> a, SparseCooTensor<T> b, Func<MaskedTensor<T>, MaskedTensor<T>, MaskedTensor<T>> op) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!a.Shape.SequenceEqual(b.Shape)) ThrowHelper.ThrowArgument($"Sparse shapes {ShapeMath.Format(a.Shape.ToArray())} and {ShapeMath.Format(b.Shape.ToArray())} differ (sparse ops do not broadcast).", nameof(b));
        var strides = ShapeMath.RowMajorStrides(a.Shape.ToArray());
        var ia = new List<int>(); var ib = new List<int>();
        int i = 0, j = 0;
        while (i < a.StoredCount && j < b.StoredCount)
        {
            long ka = a.Key(i, strides), kb = b.Key(j, strides);
            if (ka == kb) { ia.Add(i++); ib.Add(j++); }
            else if (ka < kb) i++;
            else j++;
        }
        var va = Gather(a.Values, ia); var vb = Gather(b.Values, ib);
        var r = op(va, vb);
        int rank = a.Rank;
        var idx = new int[ia.Count * rank];
        for (int e = 0; e < ia.Count; e++) Array.Copy(a.Indices, ia[e] * rank, idx, e * rank, rank);
        return new SparseCooTensor<T>(a.Shape.ToArray(), idx, r);
    }

    /// <summary>Elementwise binary op between a sparse tensor and a dense masked tensor of the same shape: stored where the sparse entry is stored and the dense entry valid.</summary>
    /// <remarks>No single torch function: the masked-semantics building block the sparse ops above are written with.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="dense"/> is null.</exception>
    public static SparseCooTensor<T> Combine<T>(SparseCooTensor<T> a, MaskedTensor<T> dense, Func<MaskedTensor<T>, MaskedTensor<T>, MaskedTensor<T>> op) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(dense);
        return Combine(a, dense.ToSparseCoo(), op);
    }

    /// <summary>Elementwise binary op between two CSR tensors of the same shape (valid where both are stored).</summary>
    /// <remarks>No single torch function: the masked-semantics building block the sparse ops above are written with.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    public static SparseCsrTensor<T> Combine<T>(SparseCsrTensor<T> a, SparseCsrTensor<T> b, Func<MaskedTensor<T>, MaskedTensor<T>, MaskedTensor<T>> op) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Combine(a.ToSparseCoo(), b.ToSparseCoo(), op).ToSparseCsr();
    }

    private static MaskedTensor<T> Gather<T>(MaskedTensor<T> values, List<int> at) where T : unmanaged
    {
        var seg = Kernels.MaskedSegment<T>.Of(values.Dense());
        var data = new T[at.Count];
        var bits = new byte[BitmapWords.ByteCount(at.Count)];
        for (int e = 0; e < at.Count; e++)
        {
            data[e] = seg.Data[at[e]];
            if (seg.IsValid(at[e])) bits[e >> 3] |= (byte)(1 << (e & 7));
        }
        return MaskedTensor<T>.Contiguous(data, seg.HasMask ? new ValidityBitmap(bits, 0, at.Count) : null, [at.Count]);
    }

    /// <summary>
    /// Reduces a sparse tensor over <paramref name="dims"/> (null: all) with any 1-D Masked.Core reduction
    /// (e.g. <c>v =&gt; v.Sum()</c>), returning a dense masked tensor: an output position with no stored entry is masked.
    /// </summary>
    /// <remarks>No single torch function: the masked-semantics building block the sparse ops above are written with.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<TR> Reduce<T, TR>(this SparseCooTensor<T> x, int[]? dims, bool keepDim, Func<MaskedTensor<T>, MaskedTensor<TR>> reduce1D)
        where T : unmanaged where TR : unmanaged
    {
        ArgumentNullException.ThrowIfNull(x);
        var shape = x.Shape.ToArray();
        var plan = ReduceKernel.MakePlan(shape, dims, keepDim);
        int rank = x.Rank, outN = plan.M;
        var keptStrides = new int[rank];
        for (int d = rank - 1, acc = 1; d >= 0; d--) if (!plan.Reduced[d]) { keptStrides[d] = acc; acc *= shape[d]; }
        // Counting sort of the entries by output position, then one view per group over the permuted values.
        var key = new int[x.StoredCount];
        var start = new int[outN + 1];
        for (int e = 0; e < x.StoredCount; e++)
        {
            int k = 0;
            for (int d = 0; d < rank; d++) if (!plan.Reduced[d]) k += x.Indices[e * rank + d] * keptStrides[d];
            key[e] = k;
            start[k + 1]++;
        }
        for (int g = 0; g < outN; g++) start[g + 1] += start[g];
        var order = new List<int>(new int[x.StoredCount]);
        var fill = (int[])start.Clone();
        for (int e = 0; e < x.StoredCount; e++) order[fill[key[e]]++] = e;
        bool identity = true;
        for (int e = 0; e < order.Count && identity; e++) identity = order[e] == e;
        var permuted = identity ? x.Values : Gather(x.Values, order);
        var data = new TR[outN];
        var valid = new bool[outN];
        for (int g = 0; g < outN; g++)
        {
            if (start[g + 1] == start[g]) continue;
            MaskedTensor<TR> r;
            using (Autograd.NoGrad()) r = reduce1D(permuted.Slice(0, start[g], start[g + 1]));
            if (r.Length != 1) ThrowHelper.ThrowArgument("The reduction must return one value per group.", nameof(reduce1D));
            valid[g] = r.TryItem(out data[g]);
        }
        return Create(data, valid, plan.OutShape);
    }

    /// <summary>Reduces a CSR tensor over dims (see the COO overload); dim 1 folds each row's stored entries.</summary>
    /// <remarks>No single torch function: the masked-semantics building block the sparse ops above are written with.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<TR> Reduce<T, TR>(this SparseCsrTensor<T> x, int[]? dims, bool keepDim, Func<MaskedTensor<T>, MaskedTensor<TR>> reduce1D)
        where T : unmanaged where TR : unmanaged
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.ToSparseCoo().Reduce(dims, keepDim, reduce1D);
    }

    /// <summary>Sum of the stored entries over all dims or one dim (dense result; an empty slice is masked).</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.sparse.sum.html"><c>torch.sparse.sum</c></see> on the stored (valid) entries.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Sum<T>(this SparseCooTensor<T> x, int? dim = null, bool keepDim = false) where T : unmanaged, INumber<T> => x.Reduce(Reductions.Dims(dim), keepDim, v => v.Sum());
    /// <summary>Sum of the stored entries over all dims or one dim.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.sparse.sum.html"><c>torch.sparse.sum</c></see> on the stored (valid) entries.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Sum<T>(this SparseCsrTensor<T> x, int? dim = null, bool keepDim = false) where T : unmanaged, INumber<T> => x.Reduce(Reductions.Dims(dim), keepDim, v => v.Sum());
    /// <summary>Mean of the stored entries over all dims or one dim.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.mean.html"><c>torch.mean</c></see> on the stored (valid) entries.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Mean<T>(this SparseCsrTensor<T> x, int? dim = null, bool keepDim = false) where T : unmanaged, IFloatingPointIeee754<T> => x.Reduce(Reductions.Dims(dim), keepDim, v => v.Mean());
    /// <summary>Maximum of the stored entries over all dims or one dim.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.amax.html"><c>torch.amax</c></see> on the stored (valid) entries.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Amax<T>(this SparseCsrTensor<T> x, int? dim = null, bool keepDim = false) where T : unmanaged, INumber<T> => x.Reduce(Reductions.Dims(dim), keepDim, v => v.Amax());
    /// <summary>Number of stored (valid) entries over all dims or one dim; never masked.</summary>
    /// <remarks>No torch function: the count of specified entries (what a masked mean divides by).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<long> Count<T>(this SparseCsrTensor<T> x, int? dim = null, bool keepDim = false) where T : unmanaged
    {
        var r = x.Reduce(Reductions.Dims(dim), keepDim, v => v.Count());
        return r.ToTensor(0L);
    }

    /// <summary>Softmax of each row over its stored entries (CSR keeps the pattern; an empty row stays empty). Not recorded for autograd.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.sparse.softmax.html"><c>torch.sparse.softmax</c></see> on the stored (valid) entries.</remarks>
    public static SparseCsrTensor<T> Softmax<T>(this SparseCsrTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var values = x.Values.Dense();
        int n = values.Length;
        var outData = new T[n];
        var outBits = new byte[BitmapWords.WordCount(n) * 8];
        using (Autograd.NoGrad())
        {
            for (int r = 0; r < x.Rows; r++)
            {
                int lo = x.RowPointers[r], len = x.RowPointers[r + 1] - lo;
                if (len == 0) continue;
                // The row is a view of the values (their bits included); its softmax comes back contiguous, bits copied word by word.
                var row = values.Slice(0, lo, lo + len).Softmax(0).Dense();
                row.ContiguousSpan.CopyTo(outData.AsSpan(lo, len));
                MaskedSegment<T>.Of(row).CopyBitsTo(0, len, outBits, lo);
            }
        }
        var outValues = MaskedTensor<T>.Contiguous(outData, new ValidityBitmap(outBits, 0, n), [n]);
        return new SparseCsrTensor<T>(x.Rows, x.Columns, x.RowPointers, x.ColumnIndices, outValues);
    }

    /// <summary><c>a</c> where <paramref name="condition"/> (dense, same shape) is true, else <c>b</c>: stored where the chosen side is stored (and the condition valid).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The condition, <paramref name="a"/> and <paramref name="b"/> do not have one shape.</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.where.html"><c>torch.where</c></see> on the stored (valid) entries.</remarks>
    public static SparseCooTensor<T> Where<T>(MaskedTensor<bool> condition, SparseCooTensor<T> a, SparseCooTensor<T> b) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var shape = a.Shape.ToArray();
        if (!condition._shape.SequenceEqual(shape) || !b.Shape.SequenceEqual(shape))
            ThrowHelper.ThrowArgument($"where on sparse tensors needs one shape; got condition {ShapeMath.Format(condition._shape)}, a {ShapeMath.Format(shape)}, b {ShapeMath.Format(b.Shape.ToArray())}.", nameof(condition));
        var cs = MaskedSegment<bool>.Of(condition.Dense());
        var strides = ShapeMath.RowMajorStrides(shape);
        int rank = a.Rank;
        var entries = new List<(long key, int src, bool fromA)>();
        for (int e = 0; e < a.StoredCount; e++) { long k = a.Key(e, strides); if (cs.IsValid((int)k) && cs.Data[(int)k]) entries.Add((k, e, true)); }
        for (int e = 0; e < b.StoredCount; e++) { long k = b.Key(e, strides); if (cs.IsValid((int)k) && !cs.Data[(int)k]) entries.Add((k, e, false)); }
        entries.Sort((p, q) => p.key.CompareTo(q.key));
        var idx = new int[entries.Count * rank];
        var vals = new T[entries.Count];
        var bits = new byte[BitmapWords.WordCount(entries.Count) * 8];
        var sa = MaskedSegment<T>.Of(a.Values.Dense());
        var sb = MaskedSegment<T>.Of(b.Values.Dense());
        for (int e = 0; e < entries.Count; e++)
        {
            var (_, src, fromA) = entries[e];
            Array.Copy(fromA ? a.Indices : b.Indices, src * rank, idx, e * rank, rank);
            vals[e] = fromA ? sa.Data[src] : sb.Data[src];
            if (fromA ? sa.IsValid(src) : sb.IsValid(src)) BitmapWords.Set(bits, e, true);
        }
        return new SparseCooTensor<T>(shape, idx, MaskedTensor<T>.Contiguous(vals, new ValidityBitmap(bits, 0, vals.Length), [vals.Length]));
    }

    /// <summary>
    /// Sparse × dense matrix product over valid entries: out[i, j] = Σ a[i, k] · b[k, j] over stored a[i, k] and valid
    /// b[k, j]. An output with no valid term is masked (not 0).
    /// </summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.sparse.mm.html"><c>torch.sparse.mm</c></see> on the stored (valid) entries.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    public static MaskedTensor<T> MatMul<T>(this SparseCsrTensor<T> a, MaskedTensor<T> b) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (b.Rank != 2 || b._shape[0] != a.Columns)
            ThrowHelper.ThrowArgument($"MatMul: [{a.Rows}, {a.Columns}] × {ShapeMath.Format(b._shape)} — the inner dimensions must agree and b must be 2-D.", nameof(b));
        int m = a.Rows, n = b._shape[1];
        var sb = Kernels.MaskedSegment<T>.Of(b.Dense());
        var sa = Kernels.MaskedSegment<T>.Of(a.Values.Dense());
        var outData = new T[m * n];
        var outBits = new byte[BitmapWords.WordCount(m * n) * 8];
        var row = new ulong[BitmapWords.WordCount(n)];
        for (int i = 0; i < m; i++)
        {
            Array.Clear(row);
            int rowO = i * n;
            for (int e = a.RowPointers[i]; e < a.RowPointers[i + 1]; e++)
            {
                if (!sa.IsValid(e)) continue;
                int rowB = a.ColumnIndices[e] * n;
                T w = sa.Data[e];
                for (int q = 0; q < row.Length; q++)
                {
                    int c = Math.Min(64, n - q * 64);
                    ulong word = sb.Word(rowB + q * 64, c);
                    row[q] |= word;
                    for (; word != 0; word &= word - 1)
                    {
                        int j = q * 64 + System.Numerics.BitOperations.TrailingZeroCount(word);
                        outData[rowO + j] += w * sb.Data[rowB + j];
                    }
                }
            }
            for (int q = 0; q < row.Length; q++) BitmapWords.Write(outBits, (long)rowO + q * 64, row[q], Math.Min(64, n - q * 64));
        }
        return MaskedTensor<T>.Contiguous(outData, new ValidityBitmap(outBits, 0, m * n), [m, n]);
    }
}
