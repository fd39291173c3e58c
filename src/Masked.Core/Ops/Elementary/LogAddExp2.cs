using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>log2(2^a + 2^b), computed as max + log2(1 + 2^-|a - b|); -Inf when both are -Inf.</summary>
internal struct LogAddExp2Op<T> : IBinaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T a, T b)
    {
        if (T.IsNegativeInfinity(a) && T.IsNegativeInfinity(b)) return a;
        if (a == b) return a + T.One; // also +Inf + +Inf, where a - b would be NaN
        T m = T.Max(a, b);
        return m + T.Log2(T.One + T.Exp2(-T.Abs(a - b)));
    }
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
}

/// <summary>1 / (1 + 2^(b - a)): d/da logaddexp2(a, b) (torch's formula; with (b, a) swapped it is d/db).</summary>
internal struct LogAddExp2DerivativeOp<T> : IBinaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T a, T b) => T.One / (T.One + T.Exp2(b - a));
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
}

// LogAddExp2: following torch.logaddexp2 (https://pytorch.org/docs/stable/generated/torch.logaddexp2.html); allocating (with its backward rule), scalar and destination overloads.
public static partial class MaskedTensor
{
    /// <summary>
    /// Elementwise log2(2^a + 2^b), computed stably, as <see href="https://pytorch.org/docs/stable/generated/torch.logaddexp2.html">torch.logaddexp2</see>;
    /// gradient 1/(1 + 2^(b-a)) for a and 1/(1 + 2^(a-b)) for b.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> LogAddExp2<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Autograd.Record(ElementwiseKernel.Binary<T, LogAddExp2Op<T>>(a, b), g => [
            GradFor(a, () => Mul(g, ElementwiseKernel.Binary<T, LogAddExp2DerivativeOp<T>>(a, b))),
            GradFor(b, () => Mul(g, ElementwiseKernel.Binary<T, LogAddExp2DerivativeOp<T>>(b, a)))], a, b);
    }

    /// <summary>Elementwise logaddexp2(a, scalar).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.logaddexp2.html"><c>torch.logaddexp2</c></see>.</remarks>
    public static MaskedTensor<T> LogAddExp2<T>(this MaskedTensor<T> a, T scalar) where T : unmanaged, IFloatingPointIeee754<T> => LogAddExp2(a, Scalar(scalar));

    /// <summary>destination = logaddexp2(a, b).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (its shape differs from the result's, it is not contiguous, or it has no validity bitmap while the result can be masked).</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.logaddexp2.html"><c>torch.logaddexp2</c></see>.</remarks>
    public static void LogAddExp2<T>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { ArgumentNullException.ThrowIfNull(a); ArgumentNullException.ThrowIfNull(b); ArgumentNullException.ThrowIfNull(destination); ElementwiseKernel.BinaryInto<T, LogAddExp2Op<T>>(a, b, destination); }
}
