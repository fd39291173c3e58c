using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Rsqrt{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct RsqrtOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.One / T.Sqrt(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) { TensorPrimitives.Sqrt(x, d); TensorPrimitives.Reciprocal(d, d); } }

// Rsqrt: following torch.rsqrt (https://pytorch.org/docs/stable/generated/torch.rsqrt.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The elementwise reciprocal square root <c>1/sqrt(x)</c>, as <see href="https://pytorch.org/docs/stable/generated/torch.rsqrt.html"><c>torch.rsqrt</c></see>: valid where <paramref name="x"/> is valid.
    /// Recorded for autograd: the gradient is <c>-g·y³/2</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Rsqrt<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, RsqrtOp<T>>(x, (g, y) => Mul(g, Mul(Mul(y, Mul(y, y)), Constant<T>(-0.5))));
}
