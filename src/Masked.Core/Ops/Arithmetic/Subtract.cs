using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The elementwise difference operator (<c>a - b</c>); its span rule is <c>TensorPrimitives.Subtract</c>.</summary>
internal struct SubOp<T> : IBinaryOperator<T> where T : INumber<T>
{
    public static T Invoke(T a, T b) => a - b;
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Subtract(a, b, d);
}

// -: the elementwise difference, following torch.sub (https://pytorch.org/docs/stable/generated/torch.sub.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// Elementwise <c>a - b</c>, as <see href="https://pytorch.org/docs/stable/generated/torch.sub.html"><c>torch.sub</c></see>: valid where both are valid; shapes broadcast
    /// by NumPy's rules. Recorded for autograd: <c>a</c> gets the gradient, <c>b</c> its negation (each summed back over its broadcast dims).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> Sub<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, INumber<T>
        => Autograd.Record(ElementwiseKernel.Binary<T, SubOp<T>>(a, b), g => [GradFor(a, () => g), GradFor(b, () => Neg(g))], a, b);

    /// <summary>Elementwise <c>a - scalar</c> (<see href="https://pytorch.org/docs/stable/generated/torch.sub.html"><c>torch.sub</c></see> with a Python number); valid where <paramref name="a"/> is valid.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static MaskedTensor<T> Sub<T>(this MaskedTensor<T> a, T scalar) where T : unmanaged, INumber<T> => Sub(a, Scalar(scalar));

    /// <summary>
    /// <c>destination = a - b</c> (<see href="https://pytorch.org/docs/stable/generated/torch.sub.html"><c>torch.sub</c></see> with <c>out=</c>), valid where both are valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have the result's shape and
    /// own a validity bitmap when the result can have masked entries (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException">An operand or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together, or the destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Sub<T>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged, INumber<T> => ElementwiseKernel.BinaryInto<T, SubOp<T>>(a, b, destination);
}

public static partial class MaskedTensorOperators
{
    extension<T>(MaskedTensor<T>) where T : unmanaged, INumber<T>
    {
        /// <summary>Elementwise difference; valid where both sides are valid; shapes broadcast. See <see cref="MaskedTensor.Sub{T}(MaskedTensor{T}, MaskedTensor{T})"/>.</summary>
        /// <exception cref="ArgumentNullException">An operand is null.</exception>
        /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
        public static MaskedTensor<T> operator -(MaskedTensor<T> a, MaskedTensor<T> b) => MaskedTensor.Sub(a, b);
        /// <summary>Subtracts a scalar.</summary>
        /// <exception cref="ArgumentNullException">The tensor is null.</exception>
        public static MaskedTensor<T> operator -(MaskedTensor<T> a, T b) => MaskedTensor.Sub(a, MaskedTensor.Scalar(b));
        /// <summary>Scalar minus tensor.</summary>
        /// <exception cref="ArgumentNullException">The tensor is null.</exception>
        public static MaskedTensor<T> operator -(T a, MaskedTensor<T> b) => MaskedTensor.Sub(MaskedTensor.Scalar(a), b);
    }
}
