using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Log10{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct Log10Op<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Log10(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Log10(x, d); }

// Log10: following torch.log10 (https://pytorch.org/docs/stable/generated/torch.log10.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The elementwise base-10 logarithm, as <see href="https://pytorch.org/docs/stable/generated/torch.log10.html"><c>torch.log10</c></see>: valid where <paramref name="x"/> is valid.
    /// Recorded for autograd: the gradient is <c>g/(x·ln 10)</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Log10<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, Log10Op<T>>(x, (g, _) => Div(g, Mul(x, Constant<T>(Math.Log(10)))));
}
