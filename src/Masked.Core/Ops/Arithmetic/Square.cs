using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Square{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct SquareOp<T> : IUnaryOperator<T> where T : INumber<T>
{
    public static T Invoke(T x) => x * x;
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Multiply(x, x, d);
}

// Square: following torch.square (https://pytorch.org/docs/stable/generated/torch.square.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The elementwise square <c>x·x</c>, as <see href="https://pytorch.org/docs/stable/generated/torch.square.html"><c>torch.square</c></see>: valid where <paramref name="x"/> is valid.
    /// Recorded for autograd: the gradient is <c>2x·g</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Square<T>(this MaskedTensor<T> x) where T : unmanaged, INumber<T> => RecordUnary<T, SquareOp<T>>(x, (g, _) => Mul(g, Mul(x, Constant<T>(2))));
}
