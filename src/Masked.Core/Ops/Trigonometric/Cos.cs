using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Cos{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct CosOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Cos(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Cos(x, d); }

// Cos: following torch.cos (https://pytorch.org/docs/stable/generated/torch.cos.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The elementwise cosine, as <see href="https://pytorch.org/docs/stable/generated/torch.cos.html"><c>torch.cos</c></see>: valid where <paramref name="x"/> is valid.
    /// Recorded for autograd: the gradient is <c>-g·sin(x)</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Cos<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, CosOp<T>>(x, (g, _) => Neg(Mul(g, Sin(x))));
}
