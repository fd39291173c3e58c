using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Sqrt{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct SqrtOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Sqrt(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Sqrt(x, d); }

// Sqrt: following torch.sqrt (https://pytorch.org/docs/stable/generated/torch.sqrt.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The elementwise square root (NaN below 0), as <see href="https://pytorch.org/docs/stable/generated/torch.sqrt.html"><c>torch.sqrt</c></see>: valid where <paramref name="x"/> is valid.
    /// Recorded for autograd: the gradient is <c>g/(2·sqrt(x))</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Sqrt<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, SqrtOp<T>>(x, (g, y) => Div(Mul(g, Constant<T>(0.5)), y));

    /// <summary>
    /// <c>destination = sqrt(x)</c> (<see href="https://pytorch.org/docs/stable/generated/torch.sqrt.html"><c>torch.sqrt</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap
    /// when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Sqrt<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> => ElementwiseKernel.UnaryInto<T, SqrtOp<T>>(x, destination);
}
