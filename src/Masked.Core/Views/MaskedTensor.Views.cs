namespace Masked;

public sealed partial class MaskedTensor<T>
{
    /// <summary>
    /// Indexes with C# indices and ranges: <c>mt[0]</c>, <c>mt[.., .., 2..4]</c>, <c>mt[^1]</c>. An index drops its
    /// dimension, a range keeps it. Always a view sharing data and bitmap.
    /// </summary>
    [System.Runtime.CompilerServices.IndexerName("At")]
    public MaskedTensor<T> this[params TensorIndex[] indices]
    {
        get
        {
            if (indices.Length > Rank)
                ThrowHelper.ThrowArgument($"Too many indices ({indices.Length}) for a tensor of rank {Rank}.", nameof(indices));
            var t = this;
            int dim = 0;
            foreach (var ix in indices)
            {
                int size = t._shape[dim];
                if (ix.IndexValue is Index i)
                {
                    int at = i.GetOffset(size);
                    if ((uint)at >= (uint)size)
                        ThrowHelper.ThrowIndexOutOfRange(nameof(indices), i, dim, size);
                    t = t.Select(dim, at);
                }
                else
                {
                    var range = ix.RangeValue;
                    int s0 = range.Start.GetOffset(size), s1 = range.End.GetOffset(size);
                    if ((uint)s0 > (uint)size || (uint)s1 > (uint)size || s1 < s0)
                        ThrowHelper.ThrowOutOfRange(nameof(indices), range, $"Range {range} is out of range for dimension {dim} of size {size}.");
                    var (start, len) = range.GetOffsetAndLength(size);
                    t = t.Slice(dim, start, start + len);
                    dim++;
                }
            }
            return t;
        }
    }

    /// <summary>Selects index <paramref name="index"/> along <paramref name="dim"/>, dropping that dimension (a view).</summary>
    public MaskedTensor<T> Select(int dim, int index)
    {
        int d = ShapeMath.NormalizeDim(dim, Rank);
        ThrowHelper.Arg(Rank > 0, "Select needs a tensor of rank at least 1.", nameof(dim));
        int size = _shape[d];
        int i = index < 0 ? index + size : index;
        if ((uint)i >= (uint)size) ThrowHelper.ThrowIndexOutOfRange(nameof(index), index, d, size);
        var shape = Remove(_shape, d);
        var strides = Remove(_strides, d);
        var r = new MaskedTensor<T>(_buffer, _bitmap, shape, strides, _offset + i * _strides[d], _owner);
        return Autograd.Record(r, g => [ScatterBack(g, x => x.Select(d, i))], this).WithTraceAttributes(MaskedTrace.IsActive ? [("dim", d), ("index", i)] : null);
    }

    /// <summary>Slices <paramref name="dim"/> from <paramref name="start"/> (inclusive) to <paramref name="stop"/> (exclusive) with <paramref name="step"/> (a view). Bounds clamp like Python's.</summary>
    public MaskedTensor<T> Slice(int dim, int start, int stop, int step = 1)
    {
        int d = ShapeMath.NormalizeDim(dim, Rank);
        ThrowHelper.Arg(Rank > 0, "Slice needs a tensor of rank at least 1.", nameof(dim));
        if (step <= 0) ThrowHelper.ThrowOutOfRange(nameof(step), step, $"Slice step must be positive, got {step}.");
        int size = _shape[d];
        int s = Math.Clamp(start < 0 ? start + size : start, 0, size);
        int e = Math.Clamp(stop < 0 ? stop + size : stop, 0, size);
        int n = e > s ? (e - s + step - 1) / step : 0;
        var shape = (int[])_shape.Clone();
        var strides = (int[])_strides.Clone();
        shape[d] = n;
        strides[d] = _strides[d] * step;
        var r = new MaskedTensor<T>(_buffer, _bitmap, shape, strides, _offset + (n > 0 ? s * _strides[d] : 0), _owner);
        return Autograd.Record(r, g => [ScatterBack(g, x => x.Slice(d, s, e, step))], this).WithTraceAttributes(MaskedTrace.IsActive ? [("dim", d), ("start", s), ("stop", e), ("step", step)] : null);
    }

    /// <summary>Swaps two dimensions (a view).</summary>
    public MaskedTensor<T> Transpose(int dim0, int dim1)
    {
        int a = ShapeMath.NormalizeDim(dim0, Rank), b = ShapeMath.NormalizeDim(dim1, Rank);
        var perm = new int[Rank];
        for (int i = 0; i < perm.Length; i++) perm[i] = i;
        if (Rank > 0) (perm[a], perm[b]) = (perm[b], perm[a]);
        return Permute(perm);
    }

    /// <summary>Reorders the dimensions: result dim i is this tensor's dim <c>dims[i]</c> (a view).</summary>
    public MaskedTensor<T> Permute(params int[] dims)
    {
        ThrowHelper.Arg(dims.Length == Rank, $"Permute needs {Rank} dims, got {dims.Length}.", nameof(dims));
        var seen = new bool[Rank];
        var shape = new int[Rank];
        var strides = new int[Rank];
        var inverse = new int[Rank];
        for (int i = 0; i < Rank; i++)
        {
            int d = ShapeMath.NormalizeDim(dims[i], Rank);
            ThrowHelper.Arg(!seen[d], $"Permute: dimension {dims[i]} appears twice.", nameof(dims));
            seen[d] = true;
            shape[i] = _shape[d];
            strides[i] = _strides[d];
            inverse[d] = i;
        }
        var r = new MaskedTensor<T>(_buffer, _bitmap, shape, strides, _offset, _owner);
        return Autograd.Record(r, g => [g.Permute(inverse)], this).WithTraceAttributes(MaskedTrace.IsActive ? [("perm", Array.ConvertAll(dims, x => ShapeMath.NormalizeDim(x, Rank)))] : null);
    }

    /// <summary>Inserts a dimension of size 1 at <paramref name="dim"/> (a view).</summary>
    public MaskedTensor<T> Unsqueeze(int dim)
    {
        int d = ShapeMath.NormalizeDim(dim, Rank + 1);
        var shape = Insert(_shape, d, 1);
        var strides = Insert(_strides, d, d < Rank ? _strides[d] * _shape[d] : 1);
        var r = new MaskedTensor<T>(_buffer, _bitmap, shape, strides, _offset, _owner);
        return Autograd.Record(r, g => [g.Squeeze(d)], this).WithTraceAttributes(MaskedTrace.IsActive ? [("dim", d)] : null);
    }

    /// <summary>Removes dimension <paramref name="dim"/>, which must have size 1 (a view).</summary>
    public MaskedTensor<T> Squeeze(int dim)
    {
        int d = ShapeMath.NormalizeDim(dim, Rank);
        if (_shape[d] != 1) ThrowHelper.ThrowArgument($"Squeeze: dimension {dim} has size {_shape[d]}, not 1.", nameof(dim));
        var r = new MaskedTensor<T>(_buffer, _bitmap, Remove(_shape, d), Remove(_strides, d), _offset, _owner);
        return Autograd.Record(r, g => [g.Unsqueeze(d)], this).WithTraceAttributes(MaskedTrace.IsActive ? [("dim", d)] : null);
    }

    /// <summary>
    /// A tensor with the same entries in row-major order and a new shape (one entry may be -1). A view
    /// when this tensor is contiguous; otherwise the data and mask are copied once (see <see cref="Contiguous()"/>).
    /// </summary>
    public MaskedTensor<T> Reshape(params int[] shape)
    {
        var target = ResolveShape(shape);
        var src = Contiguous();
        var r = new MaskedTensor<T>(src._buffer, src._bitmap, target, ShapeMath.RowMajorStrides(target), src._offset, src._owner);
        var original = (int[])_shape.Clone();
        return Autograd.Record(r, g => [g.Reshape(original)], src);
    }

    /// <summary>Like <see cref="Reshape"/> but never copies: throws when this tensor is not contiguous.</summary>
    public MaskedTensor<T> View(params int[] shape)
    {
        if (!IsContiguous) ThrowHelper.ThrowInvalidOperation($"View: a tensor with shape {ShapeMath.Format(_shape)} and strides {ShapeMath.Format(_strides)} is not contiguous; call Contiguous() (a copy) or Reshape.");
        return Reshape(shape);
    }

    /// <summary>Flattens to one dimension (a view when contiguous, else a copy).</summary>
    public MaskedTensor<T> Flatten() => Reshape(-1);

    /// <summary>Broadcasts to <paramref name="shape"/> by NumPy rules (a view with zero strides; data and mask are not copied).</summary>
    public MaskedTensor<T> BroadcastTo(params int[] shape)
    {
        if (ShapeMath.SameShape(shape, _shape)) return this;
        var r = BroadcastView(shape);
        var original = (int[])_shape.Clone();
        return Autograd.Record(r, g => [GradMath<T>.Instance.SumToShape(g, original)], this);
    }

    /// <summary>Dims reordered (result dim i is dim <paramref name="perm"/>[i], already normalized and distinct) without recording (for kernels).</summary>
    internal MaskedTensor<T> PermuteView(int[] perm)
    {
        var shape = new int[perm.Length];
        var strides = new int[perm.Length];
        for (int i = 0; i < perm.Length; i++) { shape[i] = _shape[perm[i]]; strides[i] = _strides[perm[i]]; }
        return new MaskedTensor<T>(_buffer, _bitmap, shape, strides, _offset, _owner);
    }

    /// <summary>A contiguous tensor's entries under another shape of the same size, without recording (for kernels).</summary>
    internal MaskedTensor<T> ReshapeView(int[] shape)
    {
        var src = Dense();
        return new MaskedTensor<T>(src._buffer, src._bitmap, shape, ShapeMath.RowMajorStrides(shape), src._offset, src._owner);
    }

    /// <summary>The broadcast view without recording (for kernels, which sit below autograd).</summary>
    internal MaskedTensor<T> BroadcastView(int[] shape)
    {
        if (ShapeMath.SameShape(shape, _shape)) return this;
        var full = ShapeMath.Broadcast(_shape, shape, nameof(shape));
        if (!ShapeMath.SameShape(full, shape))
            ThrowHelper.ThrowArgument($"Shape {ShapeMath.Format(_shape)} cannot be broadcast to {ShapeMath.Format(shape)}.", nameof(shape));
        var strides = new int[shape.Length];
        int lead = shape.Length - Rank;
        for (int i = 0; i < shape.Length; i++)
            strides[i] = i < lead || _shape[i - lead] == 1 ? 0 : _strides[i - lead];
        return new MaskedTensor<T>(_buffer, _bitmap, (int[])shape.Clone(), strides, _offset, _owner);
    }

    /// <summary>
    /// This tensor when already contiguous; otherwise a row-major copy of its data and mask (the one place
    /// views are materialized). The copy's bitmap starts at bit 0.
    /// </summary>
    public MaskedTensor<T> Contiguous()
    {
        if (IsContiguous) return this;
        return Autograd.Record(Dense(), g => [g], this);
    }

    /// <summary>This tensor when contiguous, else a row-major copy, without recording (for kernels, which sit below autograd).</summary>
    internal MaskedTensor<T> Dense()
    {
        if (IsContiguous) return this;
        var data = new T[_length];
        var src = _buffer.Span;
        ValidityBitmap? bitmap = null;
        var cur = new StridedCursor(_shape, _strides, _offset);
        if (_bitmap is null)
        {
            for (int i = 0; i < _length; i++) { data[i] = src[cur.Offset]; cur.Next(); }
        }
        else
        {
            var bytes = new byte[BitmapWords.WordCount(_length) * 8];
            var bits = _bitmap.Bytes.Span;
            long b0 = _bitmap.BitOffset;
            for (int i = 0; i < _length; i++)
            {
                data[i] = src[cur.Offset];
                if (BitmapWords.Get(bits, b0 + cur.Offset)) bytes[i >> 3] |= (byte)(1 << (i & 7));
                cur.Next();
            }
            bitmap = new ValidityBitmap(bytes, 0, _length);
        }
        return Contiguous(data, bitmap, (int[])_shape.Clone());
    }

    /// <summary>Backward of a view: an all-masked tensor of this shape with the gradient written into the same view of it.</summary>
    private MaskedTensor<T> ScatterBack(MaskedTensor<T> g, Func<MaskedTensor<T>, MaskedTensor<T>> view)
    {
        var blank = Contiguous(new T[_length], ValidityBitmap.Allocate(_length, false), (int[])_shape.Clone());
        MaskedTensor<T> target;
        using (Autograd.NoGrad()) target = view(blank);
        target.AssignFrom(g);
        return blank;
    }

    /// <summary>Writes <paramref name="source"/>'s data and validity into this tensor's slots (same shape). This tensor must own a bitmap.</summary>
    internal void AssignFrom(MaskedTensor<T> source)
    {
        ThrowHelper.That(ShapeMath.SameShape(source._shape, _shape), "internal: AssignFrom shape mismatch");
        ThrowHelper.That(_bitmap is not null, "internal: AssignFrom needs a bitmap");
        var dst = _buffer.Span;
        var dbits = _bitmap!.Bytes.Span;
        long db0 = _bitmap.BitOffset;
        var src = source._buffer.Span;
        var sb = source._bitmap;
        var sbits = sb is null ? default : sb.Bytes.Span;
        long sb0 = sb?.BitOffset ?? 0;
        var dc = new StridedCursor(_shape, _strides, _offset);
        var sc = new StridedCursor(source._shape, source._strides, source._offset);
        for (int i = 0; i < _length; i++)
        {
            dst[dc.Offset] = src[sc.Offset];
            BitmapWords.Set(dbits, db0 + dc.Offset, sb is null || BitmapWords.Get(sbits, sb0 + sc.Offset));
            dc.Next(); sc.Next();
        }
    }

    private int[] ResolveShape(int[] shape)
    {
        int infer = -1;
        long known = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] == -1)
            {
                if (infer >= 0) ThrowHelper.ThrowArgument($"Reshape: only one dimension may be -1, got {ShapeMath.Format(shape)}.", nameof(shape));
                infer = i;
            }
            else if (shape[i] < 0) ThrowHelper.ThrowArgument($"Reshape: invalid dimension {shape[i]} in {ShapeMath.Format(shape)}.", nameof(shape));
            else known *= shape[i];
        }
        var r = (int[])shape.Clone();
        if (infer >= 0)
        {
            if (known == 0 || _length % known != 0)
                ThrowHelper.ThrowArgument($"Reshape: cannot reshape a tensor of {_length} elements (shape {ShapeMath.Format(_shape)}) into {ShapeMath.Format(shape)}.", nameof(shape));
            r[infer] = (int)(_length / known);
        }
        else if (known != _length)
            ThrowHelper.ThrowArgument($"Reshape: cannot reshape a tensor of {_length} elements (shape {ShapeMath.Format(_shape)}) into {ShapeMath.Format(shape)} ({known} elements).", nameof(shape));
        return r;
    }

    private static int[] Remove(int[] a, int at)
    {
        var r = new int[a.Length - 1];
        for (int i = 0, j = 0; i < a.Length; i++) if (i != at) r[j++] = a[i];
        return r;
    }

    private static int[] Insert(int[] a, int at, int value)
    {
        var r = new int[a.Length + 1];
        for (int i = 0, j = 0; i < r.Length; i++) r[i] = i == at ? value : a[j++];
        return r;
    }
}
