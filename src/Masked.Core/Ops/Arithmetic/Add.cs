using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The elementwise sum operator (<c>a + b</c>); its span rule is <c>TensorPrimitives.Add</c>.</summary>
internal struct AddOp<T> : IBinaryOperator<T> where T : INumber<T>
{
    public static T Invoke(T a, T b) => a + b;
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Add(a, b, d);
}

// +: the elementwise sum, following torch.add (https://pytorch.org/docs/stable/generated/torch.add.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// Elementwise <c>a + b</c>, as <see href="https://pytorch.org/docs/stable/generated/torch.add.html"><c>torch.add</c></see>: valid where both are valid; shapes broadcast
    /// by NumPy's rules. Recorded for autograd: the gradient flows to both sides unchanged (each summed back over its broadcast dims).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> Add<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, INumber<T>
        => Autograd.Record(ElementwiseKernel.Binary<T, AddOp<T>>(a, b), g => [GradFor(a, () => g), GradFor(b, () => g)], a, b);

    /// <summary>Elementwise <c>a + scalar</c> (<see href="https://pytorch.org/docs/stable/generated/torch.add.html"><c>torch.add</c></see> with a Python number); valid where <paramref name="a"/> is valid.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static MaskedTensor<T> Add<T>(this MaskedTensor<T> a, T scalar) where T : unmanaged, INumber<T> => Add(a, Scalar(scalar));

    /// <summary>
    /// <c>destination = a + b</c> (<see href="https://pytorch.org/docs/stable/generated/torch.add.html"><c>torch.add</c></see> with <c>out=</c>), valid where both are valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have the result's shape and
    /// own a validity bitmap when the result can have masked entries (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException">An operand or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together, or the destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Add<T>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged, INumber<T> => ElementwiseKernel.BinaryInto<T, AddOp<T>>(a, b, destination);
}

public static partial class MaskedTensorOperators
{
    extension<T>(MaskedTensor<T>) where T : unmanaged, INumber<T>
    {
        /// <summary>Elementwise sum; valid where both sides are valid; shapes broadcast. See <see cref="MaskedTensor.Add{T}(MaskedTensor{T}, MaskedTensor{T})"/>.</summary>
        /// <exception cref="ArgumentNullException">An operand is null.</exception>
        /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
        public static MaskedTensor<T> operator +(MaskedTensor<T> a, MaskedTensor<T> b) => MaskedTensor.Add(a, b);
        /// <summary>Adds a scalar.</summary>
        /// <exception cref="ArgumentNullException">The tensor is null.</exception>
        public static MaskedTensor<T> operator +(MaskedTensor<T> a, T b) => MaskedTensor.Add(a, MaskedTensor.Scalar(b));
        /// <summary>Scalar plus tensor.</summary>
        /// <exception cref="ArgumentNullException">The tensor is null.</exception>
        public static MaskedTensor<T> operator +(T a, MaskedTensor<T> b) => MaskedTensor.Add(MaskedTensor.Scalar(a), b);
    }
}
