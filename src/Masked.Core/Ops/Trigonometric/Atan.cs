using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Atan{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct AtanOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Atan(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Atan(x, d); }

// Atan: following torch.atan (https://pytorch.org/docs/stable/generated/torch.atan.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The elementwise arctangent, as <see href="https://pytorch.org/docs/stable/generated/torch.atan.html"><c>torch.atan</c></see>: valid where <paramref name="x"/> is valid.
    /// Recorded for autograd: the gradient is <c>g/(1 + x²)</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Atan<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, AtanOp<T>>(x, (g, _) => Div(g, Add(Mul(x, x), Constant<T>(1))));
}
