using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Masked.Kernels;

namespace Masked;

internal struct BitwiseAndOp<T> : IBinaryOperator<T> where T : IBinaryInteger<T>
{ public static T Invoke(T a, T b) => a & b; public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.BitwiseAnd(a, b, d); }

/// <summary>Logical and on bools, as a byte AND (vectorized).</summary>
internal struct LogicalAndOp : IBinaryOperator<bool>
{
    public static bool Invoke(bool a, bool b) => a & b;
    public static void Invoke(ReadOnlySpan<bool> a, ReadOnlySpan<bool> b, Span<bool> d) => TensorPrimitives.BitwiseAnd(LogicalNotOp.Bytes(a), LogicalNotOp.Bytes(b), LogicalNotOp.Bytes(d));
}

// BitwiseAnd: following torch.bitwise_and (https://pytorch.org/docs/stable/generated/torch.bitwise_and.html); allocating, scalar and destination overloads (integer and bool; not differentiable).
public static partial class MaskedTensor
{
    /// <summary>Elementwise a &amp; b, as <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_and.html">torch.bitwise_and</see>; valid where both are valid; shapes broadcast.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> BitwiseAnd<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, IBinaryInteger<T> => Strict<T, BitwiseAndOp<T>>(a, b);
    /// <summary>
    /// Elementwise logical and, as <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_and.html">torch.bitwise_and</see> on bools; strict: valid where
    /// both are valid (<c>false AND missing</c> is missing here; <see cref="KleeneAnd(MaskedTensor{bool}, MaskedTensor{bool})"/> makes it false).
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<bool> BitwiseAnd(this MaskedTensor<bool> a, MaskedTensor<bool> b) => Strict<bool, LogicalAndOp>(a, b);
    /// <summary>Elementwise a &amp; scalar.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_and.html"><c>torch.bitwise_and</c></see>.</remarks>
    public static MaskedTensor<T> BitwiseAnd<T>(this MaskedTensor<T> a, T scalar) where T : unmanaged, IBinaryInteger<T> => Strict<T, BitwiseAndOp<T>>(a, Scalar(scalar));
    /// <summary>Elementwise logical a and scalar (strict).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_and.html"><c>torch.bitwise_and</c></see>.</remarks>
    public static MaskedTensor<bool> BitwiseAnd(this MaskedTensor<bool> a, bool scalar) => Strict<bool, LogicalAndOp>(a, Scalar(scalar));
    /// <summary>destination = a &amp; b.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (its shape differs from the result's, it is not contiguous, or it has no validity bitmap while the result can be masked).</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_and.html"><c>torch.bitwise_and</c></see>.</remarks>
    public static void BitwiseAnd<T>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged, IBinaryInteger<T> => StrictInto<T, BitwiseAndOp<T>>(a, b, destination);
    /// <summary>destination = a and b (bools, strict).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (its shape differs from the result's, it is not contiguous, or it has no validity bitmap while the result can be masked).</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_and.html"><c>torch.bitwise_and</c></see>.</remarks>
    public static void BitwiseAnd(MaskedTensor<bool> a, MaskedTensor<bool> b, MaskedTensor<bool> destination) => StrictInto<bool, LogicalAndOp>(a, b, destination);
}
