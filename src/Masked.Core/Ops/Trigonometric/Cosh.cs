using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Cosh{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct CoshOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Cosh(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Cosh(x, d); }

// Cosh: following torch.cosh (https://pytorch.org/docs/stable/generated/torch.cosh.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The elementwise hyperbolic cosine, as <see href="https://pytorch.org/docs/stable/generated/torch.cosh.html"><c>torch.cosh</c></see>: valid where <paramref name="x"/> is valid.
    /// Recorded for autograd: the gradient is <c>g·sinh(x)</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Cosh<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, CoshOp<T>>(x, (g, _) => Mul(g, Sinh(x)));
}
