using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The next representable value after a towards b (C's <c>nextafter</c>): b when a == b, NaN when either is NaN.</summary>
internal struct NextAfterOp<T> : IBinaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T a, T b) => T.IsNaN(a) || T.IsNaN(b) ? a + b : a == b ? b : a < b ? T.BitIncrement(a) : T.BitDecrement(a);
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
}

// NextAfter: following torch.nextafter (https://pytorch.org/docs/stable/generated/torch.nextafter.html); allocating (with its backward rule), scalar and destination overloads.
public static partial class MaskedTensor
{
    /// <summary>
    /// The next representable value after a towards b, in the tensor's own type, as
    /// <see href="https://pytorch.org/docs/stable/generated/torch.nextafter.html">torch.nextafter</see> (b when a == b). Valid where both are valid.
    /// Not differentiable (torch defines no gradient): the result is not recorded for autograd.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> NextAfter<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return ElementwiseKernel.Binary<T, NextAfterOp<T>>(a, b);
    }

    /// <summary>Elementwise nextafter(a, scalar).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.nextafter.html"><c>torch.nextafter</c></see>.</remarks>
    public static MaskedTensor<T> NextAfter<T>(this MaskedTensor<T> a, T scalar) where T : unmanaged, IFloatingPointIeee754<T> => NextAfter(a, Scalar(scalar));

    /// <summary>destination = nextafter(a, b).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (its shape differs from the result's, it is not contiguous, or it has no validity bitmap while the result can be masked).</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.nextafter.html"><c>torch.nextafter</c></see>.</remarks>
    public static void NextAfter<T>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { ArgumentNullException.ThrowIfNull(a); ArgumentNullException.ThrowIfNull(b); ArgumentNullException.ThrowIfNull(destination); ElementwiseKernel.BinaryInto<T, NextAfterOp<T>>(a, b, destination); }
}
