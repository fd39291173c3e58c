namespace Masked;

/// <summary>
/// A masked tensor stored sparsely in COO layout: the stored entries are exactly the valid entries (memory is
/// O(valid entries)); every other position is masked. Entries are kept sorted in row-major order without
/// duplicates. Values may themselves be masked (an op on stored values can mask them, e.g. a reduction over nothing).
/// </summary>
public sealed class SparseCooTensor<T> where T : unmanaged
{
    private readonly int[] _shape;

    /// <summary>
    /// Builds a COO tensor from per-entry indices (<c>indices[e * rank + d]</c>) and values. Unsorted entries are sorted;
    /// duplicates and out-of-range indices are rejected.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths disagree, an index is out of range, or an entry appears twice.</exception>
    public SparseCooTensor(int[] shape, int[] indices, T[] values)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(values);
        _ = ShapeMath.Numel(shape);
        int rank = shape.Length;
        if (indices.Length != values.Length * rank)
            ThrowHelper.ThrowArgument($"COO indices hold {indices.Length} numbers; {values.Length} entries of rank {rank} need {values.Length * rank}.", nameof(indices));
        for (int e = 0; e < values.Length; e++)
            for (int d = 0; d < rank; d++)
            {
                int i = indices[e * rank + d];
                if ((uint)i >= (uint)shape[d])
                    ThrowHelper.ThrowArgument($"COO entry {e} has index {i} in dimension {d}, out of range for size {shape[d]}.", nameof(indices));
            }
        var strides = ShapeMath.RowMajorStrides(shape);
        var keys = new long[values.Length];
        for (int e = 0; e < keys.Length; e++)
        {
            long k = 0;
            for (int d = 0; d < rank; d++) k += (long)indices[e * rank + d] * strides[d];
            keys[e] = k;
        }
        var order = Enumerable.Range(0, values.Length).ToArray();
        bool sorted = true;
        for (int e = 1; e < keys.Length && sorted; e++) sorted = keys[e] > keys[e - 1];
        if (!sorted) Array.Sort((long[])keys.Clone(), order);
        var idx = new int[indices.Length];
        var vals = new T[values.Length];
        for (int e = 0; e < order.Length; e++)
        {
            int src = order[e];
            if (e > 0 && keys[src] == keys[order[e - 1]])
                ThrowHelper.ThrowArgument($"COO entry at [{string.Join(", ", indices.AsSpan(src * rank, rank).ToArray())}] appears more than once.", nameof(indices));
            Array.Copy(indices, src * rank, idx, e * rank, rank);
            vals[e] = values[src];
        }
        _shape = (int[])shape.Clone();
        Indices = idx;
        Values = MaskedTensor.FromArray(vals, vals.Length);
    }

    internal SparseCooTensor(int[] shape, int[] sortedIndices, MaskedTensor<T> values)
    {
        _shape = shape;
        Indices = sortedIndices;
        Values = values;
    }

    /// <summary>The dense shape.</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>Rank of the dense shape.</summary>
    public int Rank => _shape.Length;

    /// <summary>Stored entries' indices, entry-major: entry e's index in dim d is <c>Indices[e * Rank + d]</c>.</summary>
    public int[] Indices { get; }

    /// <summary>Stored values (1-D, one per entry), as a masked tensor.</summary>
    public MaskedTensor<T> Values { get; }

    /// <summary>Number of stored entries.</summary>
    public int StoredCount => Values.Length;

    /// <summary>Bytes held by indices and values (the dense form would hold Numel × sizeof(T) plus a bitmap).</summary>
    public long StorageBytes => (long)Indices.Length * sizeof(int) + (long)Values.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>() + (Values.HasMask ? (Values.Length + 7) / 8 : 0);

    internal long Key(int e, int[] strides)
    {
        long k = 0;
        for (int d = 0; d < _shape.Length; d++) k += (long)Indices[e * _shape.Length + d] * strides[d];
        return k;
    }

    /// <summary>The dense masked tensor: stored entries valid (unless their value is masked), everything else masked. A copy.</summary>
    public MaskedTensor<T> ToDense()
    {
        int n = ShapeMath.Numel(_shape);
        var data = new T[n];
        var bits = new byte[BitmapWords.ByteCount(n)];
        var strides = ShapeMath.RowMajorStrides(_shape);
        var v = Kernels.MaskedSegment<T>.Of(Values.Dense());
        for (int e = 0; e < v.Length; e++)
        {
            long k = Key(e, strides);
            data[k] = v.Data[e];
            if (v.IsValid(e)) bits[k >> 3] |= (byte)(1 << (int)(k & 7));
        }
        return MaskedTensor<T>.Contiguous(data, new ValidityBitmap(bits, 0, n), (int[])_shape.Clone());
    }

    /// <summary>The CSR layout of a 2-D tensor (same entries).</summary>
    public SparseCsrTensor<T> ToSparseCsr()
    {
        if (Rank != 2) ThrowHelper.ThrowInvalidOperation($"CSR needs a 2-D tensor; this one has shape {ShapeMath.Format(_shape)}.");
        var rowPtr = new int[_shape[0] + 1];
        var cols = new int[StoredCount];
        for (int e = 0; e < StoredCount; e++) { rowPtr[Indices[2 * e] + 1]++; cols[e] = Indices[2 * e + 1]; }
        for (int r = 0; r < _shape[0]; r++) rowPtr[r + 1] += rowPtr[r];
        return new SparseCsrTensor<T>(_shape[0], _shape[1], rowPtr, cols, Values);
    }

    /// <summary>Applies an elementwise op of Masked.Core to the stored values (e.g. <c>sp.Apply(MaskedTensor.Exp)</c>); the pattern is kept.</summary>
    public SparseCooTensor<T> Apply(Func<MaskedTensor<T>, MaskedTensor<T>> op)
    {
        ArgumentNullException.ThrowIfNull(op);
        var r = op(Values);
        if (r.Rank != 1 || r.Length != Values.Length) ThrowHelper.ThrowArgument("The op must be elementwise (same length out as in).", nameof(op));
        return new SparseCooTensor<T>(_shape, Indices, r);
    }

    /// <summary>Applies an elementwise op whose result has another element type (comparisons); the pattern is kept.</summary>
    public SparseCooTensor<TR> Apply<TR>(Func<MaskedTensor<T>, MaskedTensor<TR>> op) where TR : unmanaged
    {
        var r = op(Values);
        if (r.Rank != 1 || r.Length != Values.Length) ThrowHelper.ThrowArgument("The op must be elementwise (same length out as in).", nameof(op));
        return new SparseCooTensor<TR>(_shape, Indices, r);
    }

    /// <inheritdoc />
    public override string ToString() => $"SparseCooTensor(shape={ShapeMath.Format(_shape)}, stored={StoredCount})";
}
