namespace Masked;

public sealed partial class MaskedTensor<T>
{
    /// <summary>
    /// Whether this tensor views memory that must not be written, such as a memory-mapped file
    /// (<c>ArrowIpc.ReadStreamMapped</c>) or a wrapped read-only buffer. Views of it (slices, reshapes, <c>Detach</c>,
    /// <c>GetData</c>) are read-only too; results of operations are new, writable tensors. Destination overloads,
    /// optimizers and other in-place updates reject a read-only tensor with <see cref="InvalidOperationException"/>.
    /// </summary>
    public bool IsReadOnly => _owner is ReadOnlyOwner;

    /// <summary>Throws naming <paramref name="role"/> when this tensor is read-only.</summary>
    internal void ThrowIfReadOnly(string role)
    {
        if (IsReadOnly)
            ThrowHelper.ThrowInvalidOperation(
                $"The {role} (shape {ShapeMath.Format(_shape)}) views read-only memory (for example a memory-mapped file) and cannot be written; " +
                "write into a copy instead (x.Clone(), or MaskedTensor.Empty<T>(shape) as a destination).");
    }

    /// <summary>Throws when this tensor, given as a destination, would need recording (destination overloads are not differentiable).</summary>
    internal void ThrowIfRecordingDestination()
    {
        if (Autograd.IsEnabled && RequiresGrad)
            ThrowHelper.ThrowInvalidOperation("Destination overloads are not differentiable; the destination must not require gradients.");
    }

    /// <summary>A new, writable, contiguous copy of the data and the mask (never shares memory with this tensor).</summary>
    public MaskedTensor<T> Clone()
    {
        var c = Contiguous();
        var data = c.ContiguousSpan.ToArray();
        return Contiguous(data, c._bitmap?.CopyBits(c.MaskBitStart, _length), (int[])_shape.Clone());
    }
}

/// <summary>Marks a tensor's memory as read-only while keeping the real owner alive.</summary>
internal sealed class ReadOnlyOwner(object? inner)
{
    /// <summary>The object that keeps the memory alive.</summary>
    public object? Inner { get; } = inner;
}

public static partial class MaskedTensor
{
    /// <summary>
    /// Like <see cref="AsMasked{T}(Memory{T}, ValidityBitmap?, int[], object?)"/>, but the tensor (and every view of
    /// it) is read-only: destination ops, optimizers and other in-place updates reject it
    /// (<see cref="MaskedTensor{T}.IsReadOnly"/>). For memory that must not be written, such as a mapped file.
    /// </summary>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/masked.html"><c>torch.masked.as_masked_tensor</c></see>; read-only views have no torch counterpart.</remarks>
    /// <exception cref="ArgumentException">The data or bitmap is shorter than the shape needs.</exception>
    public static MaskedTensor<T> AsMaskedReadOnly<T>(Memory<T> data, ValidityBitmap? validity, int[] shape, object? owner = null) where T : unmanaged
        => AsMasked(data, validity, shape, new ReadOnlyOwner(owner));
}
