using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Masked.Kernels;

namespace Masked;

internal struct BitwiseOrOp<T> : IBinaryOperator<T> where T : IBinaryInteger<T>
{ public static T Invoke(T a, T b) => a | b; public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.BitwiseOr(a, b, d); }

/// <summary>Logical or on bools, as a byte OR (vectorized).</summary>
internal struct LogicalOrOp : IBinaryOperator<bool>
{
    public static bool Invoke(bool a, bool b) => a | b;
    public static void Invoke(ReadOnlySpan<bool> a, ReadOnlySpan<bool> b, Span<bool> d) => TensorPrimitives.BitwiseOr(LogicalNotOp.Bytes(a), LogicalNotOp.Bytes(b), LogicalNotOp.Bytes(d));
}

// BitwiseOr: following torch.bitwise_or (https://pytorch.org/docs/stable/generated/torch.bitwise_or.html); allocating, scalar and destination overloads (integer and bool; not differentiable).
public static partial class MaskedTensor
{
    /// <summary>Elementwise a | b, as <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_or.html">torch.bitwise_or</see>; valid where both are valid.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> BitwiseOr<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, IBinaryInteger<T> => Strict<T, BitwiseOrOp<T>>(a, b);
    /// <summary>Elementwise logical or on bools; strict: valid where both are valid (<see cref="KleeneOr(MaskedTensor{bool}, MaskedTensor{bool})"/> is the three-valued one).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_or.html"><c>torch.bitwise_or</c></see>.</remarks>
    public static MaskedTensor<bool> BitwiseOr(this MaskedTensor<bool> a, MaskedTensor<bool> b) => Strict<bool, LogicalOrOp>(a, b);
    /// <summary>Elementwise a | scalar.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_or.html"><c>torch.bitwise_or</c></see>.</remarks>
    public static MaskedTensor<T> BitwiseOr<T>(this MaskedTensor<T> a, T scalar) where T : unmanaged, IBinaryInteger<T> => Strict<T, BitwiseOrOp<T>>(a, Scalar(scalar));
    /// <summary>Elementwise logical a or scalar (strict).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_or.html"><c>torch.bitwise_or</c></see>.</remarks>
    public static MaskedTensor<bool> BitwiseOr(this MaskedTensor<bool> a, bool scalar) => Strict<bool, LogicalOrOp>(a, Scalar(scalar));
    /// <summary>destination = a | b.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (its shape differs from the result's, it is not contiguous, or it has no validity bitmap while the result can be masked).</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_or.html"><c>torch.bitwise_or</c></see>.</remarks>
    public static void BitwiseOr<T>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged, IBinaryInteger<T> => StrictInto<T, BitwiseOrOp<T>>(a, b, destination);
    /// <summary>destination = a or b (bools, strict).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (its shape differs from the result's, it is not contiguous, or it has no validity bitmap while the result can be masked).</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_or.html"><c>torch.bitwise_or</c></see>.</remarks>
    public static void BitwiseOr(MaskedTensor<bool> a, MaskedTensor<bool> b, MaskedTensor<bool> destination) => StrictInto<bool, LogicalOrOp>(a, b, destination);
}
