using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Asinh{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct AsinhOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Asinh(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Asinh(x, d); }

// Asinh: following torch.asinh (https://pytorch.org/docs/stable/generated/torch.asinh.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The elementwise inverse hyperbolic sine, as <see href="https://pytorch.org/docs/stable/generated/torch.asinh.html"><c>torch.asinh</c></see>: valid where <paramref name="x"/> is valid.
    /// Recorded for autograd: the gradient is <c>g/sqrt(x² + 1)</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Asinh<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, AsinhOp<T>>(x, (g, _) => Div(g, Sqrt(Add(Mul(x, x), Constant<T>(1)))));
}
