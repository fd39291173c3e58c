using System.Collections.ObjectModel;
using System.Runtime.CompilerServices;

namespace Masked;

/// <summary>
/// A strided tensor of <typeparamref name="T"/> with an Arrow-layout validity bitmap beside its data.
/// Masked-out ("not specified") entries may hold anything; no valid result ever depends on them.
/// </summary>
/// <typeparam name="T"><see cref="float"/>, <see cref="double"/>, <see cref="int"/>, <see cref="long"/> or <see cref="bool"/>.</typeparam>
/// <remarks>
/// Storage is one buffer (owned, or wrapping memory the tensor does not own) plus an optional
/// <see cref="ValidityBitmap"/> that runs parallel to it: the validity of buffer element <c>j</c> is bit
/// <c>Validity.BitOffset + j</c>. Shape, strides and an element offset describe views, which share
/// both buffer and bitmap. A tensor without a bitmap is a plain tensor: every entry is valid.
/// </remarks>
public sealed partial class MaskedTensor<T> where T : unmanaged
{
    private static readonly bool s_supported =
        typeof(T) == typeof(float) || typeof(T) == typeof(double) || typeof(T) == typeof(int) ||
        typeof(T) == typeof(long) || typeof(T) == typeof(bool);

    internal readonly Memory<T> _buffer;
    internal readonly ValidityBitmap? _bitmap;
    internal readonly int[] _shape;
    internal readonly int[] _strides;
    internal readonly int _offset;
    internal readonly int _length;
    private readonly object? _owner;
    private int _validCount = -1;
    private ReadOnlyCollection<int>? _shapeView;

    internal MaskedTensor(Memory<T> buffer, ValidityBitmap? bitmap, int[] shape, int[] strides, int offset, object? owner = null)
    {
        if (!s_supported)
            ThrowHelper.ThrowNotSupported($"Element type {typeof(T).Name} is not supported by MaskedTensor; use float, double, int, long or bool.");
        _buffer = buffer;
        _bitmap = bitmap;
        _shape = shape;
        _strides = strides;
        _offset = offset;
        _length = ShapeMath.Numel(shape);
        _owner = owner;
        IsContiguous = ShapeMath.IsRowMajor(shape, strides);
    }

    /// <summary>Creates a contiguous tensor over a fresh or wrapped buffer.</summary>
    internal static MaskedTensor<T> Contiguous(Memory<T> buffer, ValidityBitmap? bitmap, int[] shape, object? owner = null)
        => new(buffer, bitmap, shape, ShapeMath.RowMajorStrides(shape), 0, owner);

    /// <summary>The dimensions of the tensor.</summary>
    public IReadOnlyList<int> Shape => _shapeView ??= Array.AsReadOnly(_shape);

    /// <summary>Number of dimensions (0 for a scalar).</summary>
    public int Rank => _shape.Length;

    /// <summary>Total number of entries, valid or not.</summary>
    public int Length => _length;

    /// <summary>Element strides into <see cref="Buffer"/>, one per dimension.</summary>
    public IReadOnlyList<int> Strides => Array.AsReadOnly(_strides);

    /// <summary>Index of this tensor's first element in <see cref="Buffer"/>.</summary>
    public int ElementOffset => _offset;

    /// <summary>The whole underlying data buffer (shared with views and with any wrapped Arrow buffer).</summary>
    public Memory<T> Buffer => _buffer;

    /// <summary>The validity bitmap parallel to <see cref="Buffer"/>, or null when every entry is valid.</summary>
    public ValidityBitmap? Validity => _bitmap;

    /// <summary>Whether the tensor carries a mask (false for a plain tensor).</summary>
    public bool HasMask => _bitmap is not null;

    /// <summary>Whether the entries are laid out row-major without gaps (views of such tensors are zero-copy to export).</summary>
    public bool IsContiguous { get; }

    /// <summary>An object this tensor keeps alive because its buffer views that object's memory (for example an Arrow array), or null.</summary>
    public object? Owner => _owner;

    /// <summary>Number of valid entries; computed once per tensor (word-wise popcount for contiguous tensors), then cached.</summary>
    public int ValidCount
    {
        get
        {
            if (_validCount >= 0) return _validCount;
            int c;
            if (_bitmap is null) c = _length;
            else if (IsContiguous)
                c = _offset == 0 && _length == _bitmap.Length ? _bitmap.ValidCount
                    : BitmapWords.CountSet(_bitmap.Bytes.Span, (long)_bitmap.BitOffset + _offset, _length);
            else
            {
                c = 0;
                var bits = _bitmap.Bytes.Span;
                long b0 = _bitmap.BitOffset;
                var cur = new StridedCursor(_shape, _strides, _offset);
                for (int i = 0; i < _length; i++) { if (BitmapWords.Get(bits, b0 + cur.Offset)) c++; cur.Next(); }
            }
            _validCount = c;
            return c;
        }
    }

    /// <summary>Forgets the cached valid count after the bits were rewritten in place.</summary>
    internal void InvalidateValidCount() => _validCount = -1;

    /// <summary>Whether the entry at <paramref name="index"/> (one index per dimension) is valid.</summary>
    public bool IsValid(params ReadOnlySpan<int> index)
    {
        int off = OffsetOf(index);
        return _bitmap is null || BitmapWords.Get(_bitmap.Bytes.Span, (long)_bitmap.BitOffset + off);
    }

    /// <summary>The stored value at <paramref name="index"/>, whether valid or not (masked entries hold arbitrary data).</summary>
    public T GetRawValue(params ReadOnlySpan<int> index) => _buffer.Span[OffsetOf(index)];

    /// <summary>The value of a 0-d or one-element tensor.</summary>
    /// <exception cref="InvalidOperationException">The tensor has more than one element, or the element is masked.</exception>
    public T Item()
    {
        if (!TryItem(out T v)) ThrowHelper.ThrowInvalidOperation("Item(): the single entry is masked (not specified).");
        return v;
    }

    /// <summary>Gets the value of a 0-d or one-element tensor; false when it is masked.</summary>
    public bool TryItem(out T value)
    {
        if (_length != 1) ThrowHelper.ThrowInvalidOperation($"Item() needs a tensor with exactly one element; shape is {ShapeMath.Format(_shape)}.");
        value = _buffer.Span[_offset];
        return _bitmap is null || BitmapWords.Get(_bitmap.Bytes.Span, (long)_bitmap.BitOffset + _offset);
    }

    internal int OffsetOf(ReadOnlySpan<int> index)
    {
        if (index.Length != _shape.Length)
            ThrowHelper.ThrowArgument($"Expected {_shape.Length} indices for shape {ShapeMath.Format(_shape)}, got {index.Length}.", nameof(index));
        int off = _offset;
        for (int d = 0; d < index.Length; d++)
        {
            int i = index[d] < 0 ? index[d] + _shape[d] : index[d];
            if ((uint)i >= (uint)_shape[d]) ThrowHelper.ThrowIndexOutOfRange(nameof(index), index[d], d, _shape[d]);
            off += i * _strides[d];
        }
        return off;
    }

    /// <summary>The data as a plain tensor sharing this tensor's buffer (masked slots keep whatever they hold), like PyTorch's <c>get_data()</c>.</summary>
    public MaskedTensor<T> GetData() => new(_buffer, null, _shape, _strides, _offset, _owner);

    /// <summary>The mask as a plain bool tensor of the same shape (true = valid). A copy: bits become bools.</summary>
    public MaskedTensor<bool> GetMask() => MaskedTensor<bool>.Contiguous(MaskToBools(), null, (int[])_shape.Clone());

    /// <summary>The valid flags in row-major order (a copy).</summary>
    public bool[] MaskToBools()
    {
        var r = new bool[_length];
        if (_bitmap is null) { Array.Fill(r, true); return r; }
        var bits = _bitmap.Bytes.Span;
        long b0 = _bitmap.BitOffset;
        var cur = new StridedCursor(_shape, _strides, _offset);
        for (int i = 0; i < _length; i++) { r[i] = BitmapWords.Get(bits, b0 + cur.Offset); cur.Next(); }
        return r;
    }

    /// <summary>The data in row-major order, masked slots included as stored (a copy).</summary>
    public T[] ToArray()
    {
        var r = new T[_length];
        if (IsContiguous) { _buffer.Span.Slice(_offset, _length).CopyTo(r); return r; }
        var src = _buffer.Span;
        var cur = new StridedCursor(_shape, _strides, _offset);
        for (int i = 0; i < _length; i++) { r[i] = src[cur.Offset]; cur.Next(); }
        return r;
    }

    /// <summary>A dense plain tensor with every masked slot replaced by <paramref name="fill"/> (a copy), like <c>to_tensor(fill)</c>.</summary>
    public MaskedTensor<T> ToTensor(T fill)
    {
        var c = Contiguous();
        var data = new T[_length];
        c.ContiguousSpan.CopyTo(data);
        if (c._bitmap is not null)
        {
            var bits = c._bitmap.Bytes.Span;
            long b0 = (long)c._bitmap.BitOffset + c._offset;
            for (int w = 0; w < _length; w += 64)
            {
                int n = Math.Min(64, _length - w);
                ulong word = BitmapWords.Read(bits, b0 + w, n);
                ulong full = BitmapWords.LowMask(n);
                if (word == full) continue;
                for (int k = 0; k < n; k++) if ((word & (1UL << k)) == 0) data[w + k] = fill;
            }
        }
        var result = Contiguous(data, null, (int[])_shape.Clone());
        return Autograd.Record(result, g => [Kernels.ElementwiseKernel.MaskLike(g, this)], this);
    }

    /// <summary>The element span of a contiguous tensor.</summary>
    internal Span<T> ContiguousSpan
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get { ThrowHelper.That(IsContiguous, "internal: tensor is not contiguous"); return _buffer.Span.Slice(_offset, _length); }
    }

    /// <summary>Bit index in <see cref="ValidityBitmap.Bytes"/> of this tensor's first element (contiguous tensors).</summary>
    internal long MaskBitStart => _bitmap is null ? 0 : (long)_bitmap.BitOffset + _offset;

    /// <summary>Whether this tensor takes part in gradient computation.</summary>
    public bool RequiresGrad { get; internal set; }

    /// <summary>The accumulated gradient of a leaf after <see cref="Backward()"/> (a masked tensor: entries no valid path reaches are masked), or null.</summary>
    public MaskedTensor<T>? Grad { get; internal set; }

    /// <summary>The operation that produced this tensor, when it was recorded for autograd; null for leaves.</summary>
    internal GradNode<T>? GradFn { get; set; }

    /// <summary>Whether this tensor is a leaf of the autograd graph (created, not computed).</summary>
    public bool IsLeaf => GradFn is null;

    /// <summary>Clears the accumulated <see cref="Grad"/>.</summary>
    public void ZeroGrad() => Grad = null;

    /// <summary>A tensor sharing this one's storage but cut from the autograd graph.</summary>
    public MaskedTensor<T> Detach() => new(_buffer, _bitmap, _shape, _strides, _offset, _owner);

    /// <summary>Marks this leaf as requiring gradients (float and double only); returns this tensor.</summary>
    public MaskedTensor<T> RequireGrad(bool requiresGrad = true)
    {
        if (requiresGrad && typeof(T) != typeof(float) && typeof(T) != typeof(double))
            ThrowHelper.ThrowNotSupported($"Only float and double tensors can require gradients; this tensor holds {typeof(T).Name}.");
        if (!IsLeaf) ThrowHelper.ThrowInvalidOperation("RequireGrad can only be set on a leaf tensor; use Detach() first.");
        RequiresGrad = requiresGrad;
        return this;
    }

    /// <summary>Runs reverse-mode autograd from this scalar (0-d or one-element) tensor, seeding with 1 where it is valid.</summary>
    public void Backward() => Autograd.Backward(this, null);

    /// <summary>Runs reverse-mode autograd from this tensor with an explicit seed gradient of the same shape.</summary>
    public void Backward(MaskedTensor<T> gradient) => Autograd.Backward(this, gradient);

    /// <summary>Prints like PyTorch's MaskedTensor, with <c>--</c> for masked entries.</summary>
    public override string ToString() => TensorFormatter.Format(this);
}
