using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.BitwiseNot{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct BitwiseNotOp<T> : IUnaryOperator<T> where T : IBinaryInteger<T>
{ public static T Invoke(T x) => ~x; public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.OnesComplement(x, d); }

/// <summary>Logical not on bools, as a byte XOR with 1 (vectorized).</summary>
internal struct LogicalNotOp : IUnaryOperator<bool>
{
    public static bool Invoke(bool x) => !x;
    public static void Invoke(ReadOnlySpan<bool> x, Span<bool> d) => TensorPrimitives.Xor(Bytes(x), (byte)1, Bytes(d));
    internal static ReadOnlySpan<byte> Bytes(ReadOnlySpan<bool> x) => MemoryMarshal.AsBytes(x);
    internal static Span<byte> Bytes(Span<bool> x) => MemoryMarshal.AsBytes(x);
}

// BitwiseNot: following torch.bitwise_not (https://pytorch.org/docs/stable/generated/torch.bitwise_not.html); allocating, scalar and destination overloads (integer and bool; not differentiable).
public static partial class MaskedTensor
{
    /// <summary>Bitwise complement ~x, as <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_not.html">torch.bitwise_not</see>; keeps x's mask.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> BitwiseNot<T>(this MaskedTensor<T> x) where T : unmanaged, IBinaryInteger<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return ElementwiseKernel.Unary<T, BitwiseNotOp<T>>(x);
    }
    /// <summary>Logical not of a bool tensor, as <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_not.html">torch.bitwise_not</see>; keeps x's mask (not of a missing value is missing, as in SQL).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<bool> BitwiseNot(this MaskedTensor<bool> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return ElementwiseKernel.Unary<bool, LogicalNotOp>(x);
    }
    /// <summary>destination = ~x (data and validity; nothing allocated).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape differs from the result's, it is not contiguous, or it has no validity bitmap while the result can be masked.</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_not.html"><c>torch.bitwise_not</c></see>.</remarks>
    public static void BitwiseNot<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IBinaryInteger<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, BitwiseNotOp<T>>(x, destination); }
    /// <summary>destination = not x (bools).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (its shape differs from the result's, it is not contiguous, or it has no validity bitmap while the result can be masked).</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_not.html"><c>torch.bitwise_not</c></see>.</remarks>
    public static void BitwiseNot(MaskedTensor<bool> x, MaskedTensor<bool> destination) { NotNull(x, destination); ElementwiseKernel.UnaryInto<bool, LogicalNotOp>(x, destination); }
}
