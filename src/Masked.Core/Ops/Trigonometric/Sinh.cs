using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Sinh{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct SinhOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Sinh(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Sinh(x, d); }

// Sinh: following torch.sinh (https://pytorch.org/docs/stable/generated/torch.sinh.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The elementwise hyperbolic sine, as <see href="https://pytorch.org/docs/stable/generated/torch.sinh.html"><c>torch.sinh</c></see>: valid where <paramref name="x"/> is valid.
    /// Recorded for autograd: the gradient is <c>g·cosh(x)</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Sinh<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, SinhOp<T>>(x, (g, _) => Mul(g, Cosh(x)));
}
