using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Log1p{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct Log1pOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.LogP1(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.LogP1(x, d); }

// Log1p: following torch.log1p (https://pytorch.org/docs/stable/generated/torch.log1p.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The elementwise <c>log(1 + x)</c>, accurate near 0, as <see href="https://pytorch.org/docs/stable/generated/torch.log1p.html"><c>torch.log1p</c></see>: valid where <paramref name="x"/> is valid.
    /// Recorded for autograd: the gradient is <c>g/(x + 1)</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Log1p<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, Log1pOp<T>>(x, (g, _) => Div(g, Add(x, Constant<T>(1))));
}
