using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>max(a, b) ignoring a NaN on one side (NaN only when both are NaN), as C's <c>fmax</c>.</summary>
internal struct FmaxOp<T> : IBinaryOperator<T> where T : INumber<T>
{
    public static T Invoke(T a, T b) => T.IsNaN(a) ? b : T.IsNaN(b) ? a : T.Max(a, b);
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.MaxNumber(a, b, d);
}

/// <summary>1 where a takes the gradient of fmax (a &gt;= b, or b is NaN), else 0 (b takes the rest): torch's rule, ties go to a.</summary>
internal struct FmaxSelectorOp<T> : IBinaryOperator<T> where T : INumber<T>
{
    public static T Invoke(T a, T b) => a >= b || T.IsNaN(b) ? T.One : T.Zero;
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
}

// Fmax: following torch.fmax (https://pytorch.org/docs/stable/generated/torch.fmax.html); allocating (with its backward rule), scalar and destination overloads.
public static partial class MaskedTensor
{
    /// <summary>
    /// Elementwise maximum ignoring NaN, as <see href="https://pytorch.org/docs/stable/generated/torch.fmax.html">torch.fmax</see>: a NaN on one side gives the
    /// other side (NaN only when both are NaN; <see cref="Maximum{T}(MaskedTensor{T}, MaskedTensor{T})"/> propagates NaN). The gradient goes to a where
    /// a &gt;= b or b is NaN, else to b (torch's rule: ties go to a). Valid where both are valid (a masked entry is missing, not NaN).
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> Fmax<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Autograd.Record(ElementwiseKernel.Binary<T, FmaxOp<T>>(a, b), g =>
        {
            var toA = ElementwiseKernel.Binary<T, FmaxSelectorOp<T>>(a, b);
            return [GradFor(a, () => Mul(g, toA)), GradFor(b, () => Mul(g, Sub(Scalar(T.One), toA)))];
        }, a, b);
    }

    /// <summary>Elementwise fmax(a, scalar).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.fmax.html"><c>torch.fmax</c></see>.</remarks>
    public static MaskedTensor<T> Fmax<T>(this MaskedTensor<T> a, T scalar) where T : unmanaged, INumber<T> => Fmax(a, Scalar(scalar));

    /// <summary>destination = fmax(a, b).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (its shape differs from the result's, it is not contiguous, or it has no validity bitmap while the result can be masked).</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.fmax.html"><c>torch.fmax</c></see>.</remarks>
    public static void Fmax<T>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged, INumber<T> { ArgumentNullException.ThrowIfNull(a); ArgumentNullException.ThrowIfNull(b); ArgumentNullException.ThrowIfNull(destination); ElementwiseKernel.BinaryInto<T, FmaxOp<T>>(a, b, destination); }
}
