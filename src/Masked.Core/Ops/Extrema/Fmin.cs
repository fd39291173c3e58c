using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>min(a, b) ignoring a NaN on one side, as C's <c>fmin</c>.</summary>
internal struct FminOp<T> : IBinaryOperator<T> where T : INumber<T>
{
    public static T Invoke(T a, T b) => T.IsNaN(a) ? b : T.IsNaN(b) ? a : T.Min(a, b);
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.MinNumber(a, b, d);
}

/// <summary>1 where a takes the gradient of fmin (a &lt;= b, or b is NaN), else 0.</summary>
internal struct FminSelectorOp<T> : IBinaryOperator<T> where T : INumber<T>
{
    public static T Invoke(T a, T b) => a <= b || T.IsNaN(b) ? T.One : T.Zero;
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
}

// Fmin: following torch.fmin (https://pytorch.org/docs/stable/generated/torch.fmin.html); allocating (with its backward rule), scalar and destination overloads.
public static partial class MaskedTensor
{
    /// <summary>
    /// Elementwise minimum ignoring NaN, as <see href="https://pytorch.org/docs/stable/generated/torch.fmin.html">torch.fmin</see>. The gradient goes to a where
    /// a &lt;= b or b is NaN, else to b.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> Fmin<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Autograd.Record(ElementwiseKernel.Binary<T, FminOp<T>>(a, b), g =>
        {
            var toA = ElementwiseKernel.Binary<T, FminSelectorOp<T>>(a, b);
            return [GradFor(a, () => Mul(g, toA)), GradFor(b, () => Mul(g, Sub(Scalar(T.One), toA)))];
        }, a, b);
    }

    /// <summary>Elementwise fmin(a, scalar).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.fmin.html"><c>torch.fmin</c></see>.</remarks>
    public static MaskedTensor<T> Fmin<T>(this MaskedTensor<T> a, T scalar) where T : unmanaged, INumber<T> => Fmin(a, Scalar(scalar));

    /// <summary>destination = fmin(a, b).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (its shape differs from the result's, it is not contiguous, or it has no validity bitmap while the result can be masked).</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.fmin.html"><c>torch.fmin</c></see>.</remarks>
    public static void Fmin<T>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged, INumber<T> { ArgumentNullException.ThrowIfNull(a); ArgumentNullException.ThrowIfNull(b); ArgumentNullException.ThrowIfNull(destination); ElementwiseKernel.BinaryInto<T, FminOp<T>>(a, b, destination); }
}
