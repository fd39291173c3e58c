using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The elementwise negation operator (<c>-x</c>); its span rule is <c>TensorPrimitives.Negate</c>.</summary>
internal struct NegOp<T> : IUnaryOperator<T> where T : INumber<T>
{
    public static T Invoke(T x) => -x;
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Negate(x, d);
}

// Unary -: elementwise negation, following torch.neg (https://pytorch.org/docs/stable/generated/torch.neg.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// Elementwise negation, as <see href="https://pytorch.org/docs/stable/generated/torch.neg.html"><c>torch.neg</c></see>: valid where <paramref name="x"/> is valid (integers wrap, so
    /// <c>-int.MinValue</c> is <c>int.MinValue</c>). Recorded for autograd: the gradient is <c>-g</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Neg<T>(this MaskedTensor<T> x) where T : unmanaged, INumber<T>
        => Autograd.Record(ElementwiseKernel.Unary<T, NegOp<T>>(x), g => [Neg(g)], x);

    /// <summary>
    /// <c>destination = -x</c> (<see href="https://pytorch.org/docs/stable/generated/torch.neg.html"><c>torch.neg</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid; allocates nothing and is
    /// not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap when x is
    /// masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Neg<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, INumber<T> => ElementwiseKernel.UnaryInto<T, NegOp<T>>(x, destination);
}

public static partial class MaskedTensorOperators
{
    extension<T>(MaskedTensor<T>) where T : unmanaged, INumber<T>
    {
        /// <summary>Elementwise negation. See <see cref="MaskedTensor.Neg{T}(MaskedTensor{T})"/>.</summary>
        /// <exception cref="ArgumentNullException">The operand is null.</exception>
        public static MaskedTensor<T> operator -(MaskedTensor<T> a) => MaskedTensor.Neg(a);
    }
}
