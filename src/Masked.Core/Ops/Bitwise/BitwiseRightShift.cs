using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Masked.Kernels;

namespace Masked;

/// <summary>Arithmetic a &gt;&gt; b as torch defines it for any b: the sign fill (0 or -1) when b is negative or at least the bit width.</summary>
internal struct RightShiftOp<T> : IBinaryOperator<T> where T : IBinaryInteger<T>
{
    private static readonly int Width = Unsafe.SizeOf<T>() * 8;
    private static readonly T WidthT = T.CreateTruncating(Width);
    public static T Invoke(T a, T b) => a >> (b < T.Zero || b >= WidthT ? Width - 1 : int.CreateTruncating(b));
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
}

// BitwiseRightShift: following torch.bitwise_right_shift (https://pytorch.org/docs/stable/generated/torch.bitwise_right_shift.html); allocating, scalar and destination overloads (integer and bool; not differentiable).
public static partial class MaskedTensor
{
    /// <summary>
    /// Elementwise arithmetic a &gt;&gt; b, as <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_right_shift.html">torch.bitwise_right_shift</see>:
    /// the sign is kept, and a shift that is negative or at least the bit width gives the sign fill (0 or -1). Valid where both are valid.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> BitwiseRightShift<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, IBinaryInteger<T> => Strict<T, RightShiftOp<T>>(a, b);
    /// <summary>Elementwise a &gt;&gt; scalar (see <see cref="BitwiseRightShift{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_right_shift.html"><c>torch.bitwise_right_shift</c></see>.</remarks>
    public static MaskedTensor<T> BitwiseRightShift<T>(this MaskedTensor<T> a, T scalar) where T : unmanaged, IBinaryInteger<T> => Strict<T, RightShiftOp<T>>(a, Scalar(scalar));
    /// <summary>destination = a &gt;&gt; b.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (its shape differs from the result's, it is not contiguous, or it has no validity bitmap while the result can be masked).</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.bitwise_right_shift.html"><c>torch.bitwise_right_shift</c></see>.</remarks>
    public static void BitwiseRightShift<T>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged, IBinaryInteger<T> => StrictInto<T, RightShiftOp<T>>(a, b, destination);
}
