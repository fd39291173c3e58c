using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Exp{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct ExpOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Exp(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Exp(x, d); }

// Exp: following torch.exp (https://pytorch.org/docs/stable/generated/torch.exp.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The elementwise exponential <c>e^x</c>, as <see href="https://pytorch.org/docs/stable/generated/torch.exp.html"><c>torch.exp</c></see>: valid where <paramref name="x"/> is valid.
    /// Recorded for autograd: the gradient is <c>g·e^x</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Exp<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, ExpOp<T>>(x, (g, y) => Mul(g, y));

    /// <summary>
    /// <c>destination = exp(x)</c> (<see href="https://pytorch.org/docs/stable/generated/torch.exp.html"><c>torch.exp</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap
    /// when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Exp<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> => ElementwiseKernel.UnaryInto<T, ExpOp<T>>(x, destination);
}
