using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Sin{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct SinOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Sin(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Sin(x, d); }

// Sin: following torch.sin (https://pytorch.org/docs/stable/generated/torch.sin.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The elementwise sine, as <see href="https://pytorch.org/docs/stable/generated/torch.sin.html"><c>torch.sin</c></see>: valid where <paramref name="x"/> is valid.
    /// Recorded for autograd: the gradient is <c>g·cos(x)</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Sin<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, SinOp<T>>(x, (g, _) => Mul(g, Cos(x)));
}
