using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Asin{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct AsinOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Asin(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Asin(x, d); }

// Asin: following torch.asin (https://pytorch.org/docs/stable/generated/torch.asin.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The elementwise arcsine (NaN outside [-1, 1]), as <see href="https://pytorch.org/docs/stable/generated/torch.asin.html"><c>torch.asin</c></see>: valid where <paramref name="x"/> is valid.
    /// Recorded for autograd: the gradient is <c>g/sqrt(1 - x²)</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Asin<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, AsinOp<T>>(x, (g, _) => Div(g, Sqrt(Sub(Constant<T>(1), Mul(x, x)))));
}
