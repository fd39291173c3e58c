using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Abs{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct AbsOp<T> : IUnaryOperator<T> where T : INumber<T>
{
    public static T Invoke(T x) => T.Abs(x);
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Abs(x, d);
    // Abs of a signed integer's MinValue throws OverflowException: garbage in a masked slot must not reach it.
    public static bool SafeOnGarbage => typeof(T) == typeof(float) || typeof(T) == typeof(double) || typeof(T) == typeof(Half);
}

// Abs: following torch.abs (https://pytorch.org/docs/stable/generated/torch.abs.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The elementwise absolute value, as <see href="https://pytorch.org/docs/stable/generated/torch.abs.html"><c>torch.abs</c></see>: valid where <paramref name="x"/> is valid. For integers a valid <c>MinValue</c> throws (as <c>Math.Abs</c>); garbage in a masked slot is never read, so it cannot.
    /// Recorded for autograd: the gradient is <c>g·sign(x)</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="OverflowException">A valid entry of a signed integer tensor is its type's <c>MinValue</c>.</exception>
    public static MaskedTensor<T> Abs<T>(this MaskedTensor<T> x) where T : unmanaged, INumber<T> => RecordUnary<T, AbsOp<T>>(x, (g, _) => Mul(g, Sign(x)));

    /// <summary>
    /// <c>destination = abs(x)</c> (<see href="https://pytorch.org/docs/stable/generated/torch.abs.html"><c>torch.abs</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap
    /// when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Abs<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, INumber<T> => ElementwiseKernel.UnaryInto<T, AbsOp<T>>(x, destination);
}
