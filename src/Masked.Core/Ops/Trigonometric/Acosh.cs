using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Acosh{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct AcoshOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Acosh(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Acosh(x, d); }

/// <summary>d/dx acosh(x) = 1 / sqrt(x^2 - 1).</summary>
internal struct AcoshDerivativeOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T x) => T.One / T.Sqrt(x * x - T.One);
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(x[i]); }
}

// Acosh: following torch.acosh (https://pytorch.org/docs/stable/generated/torch.acosh.html).
public static partial class MaskedTensor
{
    /// <summary>Elementwise inverse hyperbolic cosine, as <see href="https://pytorch.org/docs/stable/generated/torch.acosh.html">torch.acosh</see> (NaN below 1); gradient 1/sqrt(x²-1).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Acosh<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, AcoshOp<T>>(x, (g, _) => ChainUnary<T, AcoshDerivativeOp<T>>(g, x));

    /// <summary>
    /// <c>destination = acosh(x)</c> (<see href="https://pytorch.org/docs/stable/generated/torch.acosh.html"><c>torch.acosh</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap
    /// when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Acosh<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, AcoshOp<T>>(x, destination); }
}
