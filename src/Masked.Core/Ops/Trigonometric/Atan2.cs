using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Atan2{T}(MaskedTensor{T}, MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct Atan2Op<T> : IBinaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T a, T b) => T.Atan2(a, b);
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Atan2(a, b, d);
}

// Atan2: the elementwise two-argument arctangent, following torch.atan2 (https://pytorch.org/docs/stable/generated/torch.atan2.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// Elementwise <c>atan2(a, b)</c>, the angle of the point (b, a), as <see href="https://pytorch.org/docs/stable/generated/torch.atan2.html"><c>torch.atan2</c></see>: valid where both are valid; shapes broadcast.
    /// Recorded for autograd: <c>a</c> gets <c>g·b/(a²+b²)</c>, <c>b</c> gets <c>-g·a/(a²+b²)</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> Atan2<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
        => Autograd.Record(ElementwiseKernel.Binary<T, Atan2Op<T>>(a, b), g =>
        {
            var den = Add(Mul(a, a), Mul(b, b));
            return [GradFor(a, () => Div(Mul(g, b), den)), GradFor(b, () => Neg(Div(Mul(g, a), den)))];
        }, a, b);
}
