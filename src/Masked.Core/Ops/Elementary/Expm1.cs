using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Expm1{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct Expm1Op<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.ExpM1(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.ExpM1(x, d); }

// Expm1: following torch.expm1 (https://pytorch.org/docs/stable/generated/torch.expm1.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The elementwise <c>e^x - 1</c>, accurate near 0, as <see href="https://pytorch.org/docs/stable/generated/torch.expm1.html"><c>torch.expm1</c></see>: valid where <paramref name="x"/> is valid.
    /// Recorded for autograd: the gradient is <c>g·(y + 1)</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Expm1<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, Expm1Op<T>>(x, (g, y) => Mul(g, Add(y, Constant<T>(1))));
}
