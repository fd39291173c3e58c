using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Masked.Kernels;

namespace Masked;

internal struct BitwiseXorOp<T> : IBinaryOperator<T> where T : IBinaryInteger<T>
{ public static T Invoke(T a, T b) => a ^ b; public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Xor(a, b, d); }

/// <summary>Logical xor on bools, as a byte XOR (vectorized).</summary>
internal struct LogicalXorOp : IBinaryOperator<bool>
{
    public static bool Invoke(bool a, bool b) => a ^ b;
    public static void Invoke(ReadOnlySpan<bool> a, ReadOnlySpan<bool> b, Span<bool> d) => TensorPrimitives.Xor(LogicalNotOp.Bytes(a), LogicalNotOp.Bytes(b), LogicalNotOp.Bytes(d));
}

// BitwiseXor: following torch.bitwise_xor (https://pytorch.org/docs/stable/generated/torch.bitwise_xor.html); allocating, scalar and destination overloads (integer and bool; not differentiable).
public static partial class MaskedTensor
{
    /// <summary>Elementwise a ^ b, as <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_xor.html">torch.bitwise_xor</see>; valid where both are valid.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> BitwiseXor<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, IBinaryInteger<T> => Strict<T, BitwiseXorOp<T>>(a, b);
    /// <summary>Elementwise logical xor on bools; valid where both are valid.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_xor.html"><c>torch.bitwise_xor</c></see>.</remarks>
    public static MaskedTensor<bool> BitwiseXor(this MaskedTensor<bool> a, MaskedTensor<bool> b) => Strict<bool, LogicalXorOp>(a, b);
    /// <summary>Elementwise a ^ scalar.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_xor.html"><c>torch.bitwise_xor</c></see>.</remarks>
    public static MaskedTensor<T> BitwiseXor<T>(this MaskedTensor<T> a, T scalar) where T : unmanaged, IBinaryInteger<T> => Strict<T, BitwiseXorOp<T>>(a, Scalar(scalar));
    /// <summary>Elementwise logical a xor scalar.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_xor.html"><c>torch.bitwise_xor</c></see>.</remarks>
    public static MaskedTensor<bool> BitwiseXor(this MaskedTensor<bool> a, bool scalar) => Strict<bool, LogicalXorOp>(a, Scalar(scalar));
    /// <summary>destination = a ^ b.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (its shape differs from the result's, it is not contiguous, or it has no validity bitmap while the result can be masked).</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_xor.html"><c>torch.bitwise_xor</c></see>.</remarks>
    public static void BitwiseXor<T>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged, IBinaryInteger<T> => StrictInto<T, BitwiseXorOp<T>>(a, b, destination);
    /// <summary>destination = a xor b (bools).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (its shape differs from the result's, it is not contiguous, or it has no validity bitmap while the result can be masked).</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_xor.html"><c>torch.bitwise_xor</c></see>.</remarks>
    public static void BitwiseXor(MaskedTensor<bool> a, MaskedTensor<bool> b, MaskedTensor<bool> destination) => StrictInto<bool, LogicalXorOp>(a, b, destination);
}
