using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Tan{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct TanOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Tan(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Tan(x, d); }

// Tan: following torch.tan (https://pytorch.org/docs/stable/generated/torch.tan.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The elementwise tangent, as <see href="https://pytorch.org/docs/stable/generated/torch.tan.html"><c>torch.tan</c></see>: valid where <paramref name="x"/> is valid.
    /// Recorded for autograd: the gradient is <c>g·(1 + y²)</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Tan<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, TanOp<T>>(x, (g, y) => Mul(g, Add(Mul(y, y), Constant<T>(1))));
}
