namespace Masked;

/// <summary>
/// Factories and operations for <see cref="MaskedTensor{T}"/>. Every operation is also available as an
/// extension method (<c>x.Exp()</c>, <c>x.Sum(dim: 1)</c>).
/// </summary>
public static partial class MaskedTensor
{
    /// <summary>
    /// Creates a masked tensor by copying <paramref name="data"/> and packing <paramref name="mask"/> (true = valid)
    /// into a fresh bitmap, like PyTorch's <see href="https://pytorch.org/docs/stable/masked.html"><c>torch.masked.masked_tensor</c></see>. A null mask makes a plain tensor.
    /// </summary>
    /// <exception cref="ArgumentException">Data or mask length does not match the shape.</exception>
    public static MaskedTensor<T> Create<T>(ReadOnlySpan<T> data, ReadOnlySpan<bool> mask, params int[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        int n = ShapeMath.Numel(shape);
        if (data.Length != n) ThrowHelper.ThrowArgument($"Data length {data.Length} does not match shape {ShapeMath.Format(shape)} ({n} elements).", nameof(data));
        if (mask.Length != n) ThrowHelper.ThrowArgument($"Mask length {mask.Length} does not match data length {n} (shape {ShapeMath.Format(shape)}).", nameof(mask));
        return MaskedTensor<T>.Contiguous(data.ToArray(), ValidityBitmap.FromBools(mask), (int[])shape.Clone());
    }

    /// <summary>Creates a masked tensor from arrays (copied); a null <paramref name="mask"/> makes a plain tensor.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/masked.html"><c>torch.masked.masked_tensor</c></see>.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentException">A negative dimension in <paramref name="shape"/>, or data or mask lengths that do not match it.</exception>
    public static MaskedTensor<T> Create<T>(T[] data, bool[]? mask, params int[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        return mask is null ? FromArray(data, shape) : Create<T>(data.AsSpan(), mask.AsSpan(), shape);
    }

    /// <summary>Creates a masked tensor (copied) that is a leaf of the autograd graph when <paramref name="requiresGrad"/> is true.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/masked.html"><c>torch.masked.masked_tensor</c></see> with <c>requires_grad</c>.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentException">A negative dimension in <paramref name="shape"/>, or data or mask lengths that do not match it.</exception>
    /// <exception cref="NotSupportedException"><paramref name="requiresGrad"/> for an element type without gradients (not float or double).</exception>
    public static MaskedTensor<T> Create<T>(T[] data, bool[]? mask, int[] shape, bool requiresGrad) where T : unmanaged
    {
        var t = Create(data, mask, shape);
        return requiresGrad ? t.RequireGrad() : t;
    }

    /// <summary>Creates a plain tensor (every entry valid) by copying <paramref name="data"/>.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.tensor.html"><c>torch.tensor</c></see>.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> or <paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentException">A negative dimension in <paramref name="shape"/>, or a data length that does not match it.</exception>
    public static MaskedTensor<T> FromArray<T>(T[] data, params int[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length == 0 && data.Length != 1) shape = [data.Length];
        int n = ShapeMath.Numel(shape);
        if (data.Length != n) ThrowHelper.ThrowArgument($"Data length {data.Length} does not match shape {ShapeMath.Format(shape)} ({n} elements).", nameof(data));
        return MaskedTensor<T>.Contiguous((T[])data.Clone(), null, (int[])shape.Clone());
    }

    /// <summary>A 0-d plain tensor holding <paramref name="value"/>.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.tensor.html"><c>torch.tensor</c></see> of a Python scalar.</remarks>
    public static MaskedTensor<T> Scalar<T>(T value) where T : unmanaged => MaskedTensor<T>.Contiguous(new[] { value }, null, []);

    /// <summary>A tensor of <paramref name="shape"/> filled with <paramref name="value"/>, all valid.</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.full.html"><c>torch.full</c></see>.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentException">A negative dimension in <paramref name="shape"/>.</exception>
    public static MaskedTensor<T> Full<T>(T value, params int[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        var d = new T[ShapeMath.Numel(shape)];
        Array.Fill(d, value);
        return MaskedTensor<T>.Contiguous(d, null, (int[])shape.Clone());
    }

    /// <summary>A tensor of <paramref name="shape"/> with every entry masked (nothing specified).</summary>
    /// <remarks>No torch function: torch.masked has no factory for a tensor with nothing specified.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentException">A negative dimension in <paramref name="shape"/>.</exception>
    public static MaskedTensor<T> Empty<T>(params int[] shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        int n = ShapeMath.Numel(shape);
        return MaskedTensor<T>.Contiguous(new T[n], ValidityBitmap.Allocate(n, false), (int[])shape.Clone());
    }

    /// <summary>
    /// Wraps <paramref name="data"/> and an optional Arrow-layout <paramref name="validity"/> bitmap without copying,
    /// like PyTorch's <see href="https://pytorch.org/docs/stable/masked.html"><c>torch.masked.as_masked_tensor</c></see>. The bitmap runs parallel to <paramref name="data"/> (bit
    /// <c>validity.BitOffset + i</c> is element i). <paramref name="owner"/>, if given, is kept alive by the tensor.
    /// </summary>
    /// <exception cref="ArgumentException">The data or bitmap is shorter than the shape needs.</exception>
    public static MaskedTensor<T> AsMasked<T>(Memory<T> data, ValidityBitmap? validity, int[] shape, object? owner = null) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        int n = ShapeMath.Numel(shape);
        if (data.Length < n) ThrowHelper.ThrowArgument($"Data buffer has {data.Length} elements; shape {ShapeMath.Format(shape)} needs {n}.", nameof(data));
        if (validity is not null && validity.Length < n)
            ThrowHelper.ThrowArgument($"Mask length {validity.Length} is shorter than the data length {n} (shape {ShapeMath.Format(shape)}).", nameof(validity));
        return MaskedTensor<T>.Contiguous(data[..n], validity is null || validity.Length == n ? validity : validity.Slice(0, n), (int[])shape.Clone(), owner);
    }

    /// <summary>Wraps a plain buffer without copying (every entry valid).</summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/masked.html"><c>torch.masked.as_masked_tensor</c></see> with an all-true mask.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="shape"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="data"/> is shorter than the shape needs.</exception>
    public static MaskedTensor<T> AsMasked<T>(Memory<T> data, params int[] shape) where T : unmanaged => AsMasked(data, null, shape);

    /// <summary>
    /// A masked view of <paramref name="data"/>: valid where <paramref name="mask"/> is true (and <paramref name="data"/> is valid).
    /// Differentiable: gradients flow back into <paramref name="data"/>. The data is shared, not copied. Follows
    /// <see href="https://pytorch.org/docs/stable/masked.html"><c>torch.masked.as_masked_tensor</c></see>.
    /// </summary>
    /// <exception cref="ArgumentException">The mask cannot be broadcast to the data's shape.</exception>
    public static MaskedTensor<T> AsMasked<T>(MaskedTensor<T> data, MaskedTensor<bool> mask) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(mask);
        var full = ShapeMath.Broadcast(data._shape, mask._shape);
        if (!ShapeMath.SameShape(full, data._shape))
            ThrowHelper.ThrowArgument($"Mask shape {ShapeMath.Format(mask._shape)} cannot be broadcast to data shape {ShapeMath.Format(data._shape)}.", nameof(mask));
        MaskedTensor<T> r;
        using (Autograd.NoGrad()) r = Kernels.ElementwiseKernel.MaskLike(data, AsValidity(mask, true)); // data shared, new bitmap
        return Autograd.Record(r, g => [g], data);
    }
}
