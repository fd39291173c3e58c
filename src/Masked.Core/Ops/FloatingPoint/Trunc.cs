using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Trunc{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct TruncOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Truncate(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Truncate(x, d); }

// Trunc: following torch.trunc (https://pytorch.org/docs/stable/generated/torch.trunc.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// Elementwise truncation toward zero, as <see href="https://pytorch.org/docs/stable/generated/torch.trunc.html"><c>torch.trunc</c></see>: valid where <paramref name="x"/> is valid.
    /// Recorded for autograd: the gradient is 0.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Trunc<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, TruncOp<T>>(x, (g, _) => ZeroGradientLike(g));
}
