using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Atanh{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct AtanhOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Atanh(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Atanh(x, d); }

/// <summary>d/dx atanh(x) = 1 / (1 - x^2).</summary>
internal struct AtanhDerivativeOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T x) => T.One / (T.One - x * x);
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(x[i]); }
}

// Atanh: following torch.atanh (https://pytorch.org/docs/stable/generated/torch.atanh.html).
public static partial class MaskedTensor
{
    /// <summary>Elementwise inverse hyperbolic tangent, as <see href="https://pytorch.org/docs/stable/generated/torch.atanh.html">torch.atanh</see> (±Inf at ±1, NaN beyond); gradient 1/(1-x²).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Atanh<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, AtanhOp<T>>(x, (g, _) => ChainUnary<T, AtanhDerivativeOp<T>>(g, x));

    /// <summary>
    /// <c>destination = atanh(x)</c> (<see href="https://pytorch.org/docs/stable/generated/torch.atanh.html"><c>torch.atanh</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap
    /// when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Atanh<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, AtanhOp<T>>(x, destination); }
}
