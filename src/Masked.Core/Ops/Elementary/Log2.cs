using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Log2{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct Log2Op<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Log2(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Log2(x, d); }

// Log2: following torch.log2 (https://pytorch.org/docs/stable/generated/torch.log2.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The elementwise base-2 logarithm, as <see href="https://pytorch.org/docs/stable/generated/torch.log2.html"><c>torch.log2</c></see>: valid where <paramref name="x"/> is valid.
    /// Recorded for autograd: the gradient is <c>g/(x·ln 2)</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Log2<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, Log2Op<T>>(x, (g, _) => Div(g, Mul(x, Constant<T>(Math.Log(2)))));
}
