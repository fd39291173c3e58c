using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Ceil{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct CeilOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Ceiling(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Ceiling(x, d); }

// Ceil: following torch.ceil (https://pytorch.org/docs/stable/generated/torch.ceil.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The elementwise ceiling (round toward +Inf), as <see href="https://pytorch.org/docs/stable/generated/torch.ceil.html"><c>torch.ceil</c></see>: valid where <paramref name="x"/> is valid.
    /// Recorded for autograd: the gradient is 0.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Ceil<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, CeilOp<T>>(x, (g, _) => ZeroGradientLike(g));
}
