using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Log{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct LogOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Log(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Log(x, d); }

// Log: following torch.log (https://pytorch.org/docs/stable/generated/torch.log.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The elementwise natural logarithm (-Inf at 0, NaN below), as <see href="https://pytorch.org/docs/stable/generated/torch.log.html"><c>torch.log</c></see>: valid where <paramref name="x"/> is valid.
    /// Recorded for autograd: the gradient is <c>g/x</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Log<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> => RecordUnary<T, LogOp<T>>(x, (g, _) => Div(g, x));

    /// <summary>
    /// <c>destination = log(x)</c> (<see href="https://pytorch.org/docs/stable/generated/torch.log.html"><c>torch.log</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap
    /// when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Log<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> => ElementwiseKernel.UnaryInto<T, LogOp<T>>(x, destination);
}
