using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Pow{T}(MaskedTensor{T}, MaskedTensor{T})"/>: <c>T.Pow</c>, span rule <c>TensorPrimitives.Pow</c>.</summary>
internal struct PowOp<T> : IBinaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T a, T b) => T.Pow(a, b);
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Pow(a, b, d);
}

// Pow: elementwise power, following torch.pow (https://pytorch.org/docs/stable/generated/torch.pow.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// Elementwise <c>a ** b</c>, as <see href="https://pytorch.org/docs/stable/generated/torch.pow.html"><c>torch.pow</c></see>: valid where both are valid; shapes broadcast. Recorded for autograd:
    /// <c>a</c> gets <c>g·b·a^(b-1)</c>, <c>b</c> gets <c>g·a^b·log(a)</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> Pow<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = ElementwiseKernel.Binary<T, PowOp<T>>(a, b);
        return Autograd.Record(y, g => [
            GradFor(a, () => Mul(g, Mul(b, ElementwiseKernel.Binary<T, PowOp<T>>(a, Sub(b, Scalar(T.One)))))),
            GradFor(b, () => Mul(g, Mul(y, Log(a))))], a, b);
    }

    /// <summary>
    /// Elementwise <c>x ** exponent</c> with a scalar exponent, as <see href="https://pytorch.org/docs/stable/generated/torch.pow.html"><c>torch.pow</c></see>: valid where <paramref name="x"/> is valid. Recorded
    /// for autograd: <c>g·exponent·x^(exponent-1)</c>; the gradient at <c>exponent == 0</c> is 0.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Pow<T>(this MaskedTensor<T> x, T exponent) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = ElementwiseKernel.Binary<T, PowOp<T>>(x, Scalar(exponent));
        return Autograd.Record(y, g => exponent == T.Zero
            ? [Mul(g, Scalar(T.Zero))]
            : [Mul(g, Mul(Scalar(exponent), ElementwiseKernel.Binary<T, PowOp<T>>(x, Scalar(exponent - T.One))))], x);
    }
}
