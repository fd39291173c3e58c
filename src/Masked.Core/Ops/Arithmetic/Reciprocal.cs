using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Reciprocal{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct ReciprocalOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.One / x; public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Reciprocal(x, d); }

// Reciprocal: following torch.reciprocal (https://pytorch.org/docs/stable/generated/torch.reciprocal.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The elementwise reciprocal <c>1/x</c>, as <see href="https://pytorch.org/docs/stable/generated/torch.reciprocal.html"><c>torch.reciprocal</c></see>: valid where <paramref name="x"/> is valid.
    /// Recorded for autograd: the gradient is <c>-g·y²</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Reciprocal<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, ReciprocalOp<T>>(x, (g, y) => Neg(Mul(g, Mul(y, y))));
}
