using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Tanh{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct TanhOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Tanh(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Tanh(x, d); }

// Tanh: following torch.tanh (https://pytorch.org/docs/stable/generated/torch.tanh.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The elementwise hyperbolic tangent, as <see href="https://pytorch.org/docs/stable/generated/torch.tanh.html"><c>torch.tanh</c></see>: valid where <paramref name="x"/> is valid.
    /// Recorded for autograd: the gradient is <c>g·(1 - y²)</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Tanh<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, TanhOp<T>>(x, (g, y) => Mul(g, Sub(Constant<T>(1), Mul(y, y))));

    /// <summary>
    /// <c>destination = tanh(x)</c> (<see href="https://pytorch.org/docs/stable/generated/torch.tanh.html"><c>torch.tanh</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap
    /// when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Tanh<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> => ElementwiseKernel.UnaryInto<T, TanhOp<T>>(x, destination);
}
