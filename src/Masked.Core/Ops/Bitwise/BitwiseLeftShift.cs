using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Masked.Kernels;

namespace Masked;

/// <summary>a &lt;&lt; b as torch defines it for any b: 0 when b is negative or at least the bit width (C# would mask b instead).</summary>
internal struct LeftShiftOp<T> : IBinaryOperator<T> where T : IBinaryInteger<T>
{
    private static readonly T Width = T.CreateTruncating(Unsafe.SizeOf<T>() * 8);
    public static T Invoke(T a, T b) => b < T.Zero || b >= Width ? T.Zero : a << int.CreateTruncating(b);
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
}

// BitwiseLeftShift: following torch.bitwise_left_shift (https://pytorch.org/docs/stable/generated/torch.bitwise_left_shift.html); allocating, scalar and destination overloads (integer and bool; not differentiable).
public static partial class MaskedTensor
{
    /// <summary>
    /// Elementwise a &lt;&lt; b, as <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_left_shift.html">torch.bitwise_left_shift</see>: bits shifted
    /// out are lost (wrapping), and a shift that is negative or at least the bit width gives 0. Valid where both are valid.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> BitwiseLeftShift<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, IBinaryInteger<T> => Strict<T, LeftShiftOp<T>>(a, b);
    /// <summary>Elementwise a &lt;&lt; scalar (see <see cref="BitwiseLeftShift{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_left_shift.html"><c>torch.bitwise_left_shift</c></see>.</remarks>
    public static MaskedTensor<T> BitwiseLeftShift<T>(this MaskedTensor<T> a, T scalar) where T : unmanaged, IBinaryInteger<T> => Strict<T, LeftShiftOp<T>>(a, Scalar(scalar));
    /// <summary>destination = a &lt;&lt; b.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (its shape differs from the result's, it is not contiguous, or it has no validity bitmap while the result can be masked).</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_left_shift.html"><c>torch.bitwise_left_shift</c></see>.</remarks>
    public static void BitwiseLeftShift<T>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged, IBinaryInteger<T> => StrictInto<T, LeftShiftOp<T>>(a, b, destination);
}
