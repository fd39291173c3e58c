using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Round{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct RoundOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Round(x, MidpointRounding.ToEven); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Round(x, MidpointRounding.ToEven, d); }

// Round: following torch.round (https://pytorch.org/docs/stable/generated/torch.round.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// Elementwise rounding to the nearest integer, halves to even (<c>MidpointRounding.ToEven</c>, vectorized by <c>TensorPrimitives.Round</c>), as <see href="https://pytorch.org/docs/stable/generated/torch.round.html"><c>torch.round</c></see>: valid where <paramref name="x"/> is valid.
    /// Recorded for autograd: the gradient is 0.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Round<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, RoundOp<T>>(x, (g, _) => ZeroGradientLike(g));
}
