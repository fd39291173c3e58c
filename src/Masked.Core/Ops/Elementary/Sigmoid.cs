using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Sigmoid{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct SigmoidOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.One / (T.One + T.Exp(-x)); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Sigmoid(x, d); }

// Sigmoid: following torch.sigmoid (https://pytorch.org/docs/stable/generated/torch.sigmoid.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The elementwise logistic sigmoid <c>1/(1 + e^-x)</c>, as <see href="https://pytorch.org/docs/stable/generated/torch.sigmoid.html"><c>torch.sigmoid</c></see>: valid where <paramref name="x"/> is valid.
    /// Recorded for autograd: the gradient is <c>g·y·(1 - y)</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Sigmoid<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, SigmoidOp<T>>(x, (g, y) => Mul(g, Mul(y, Sub(Constant<T>(1), y))));

    /// <summary>
    /// <c>destination = sigmoid(x)</c> (<see href="https://pytorch.org/docs/stable/generated/torch.sigmoid.html"><c>torch.sigmoid</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap
    /// when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Sigmoid<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> => ElementwiseKernel.UnaryInto<T, SigmoidOp<T>>(x, destination);
}
