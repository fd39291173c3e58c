using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The elementwise minimum operator (NaN propagates); its span rule is <c>TensorPrimitives.Min</c>.</summary>
internal struct MinOp<T> : IBinaryOperator<T> where T : INumber<T>
{
    public static T Invoke(T a, T b) => T.Min(a, b);
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Min(a, b, d);
}

// Minimum: the elementwise minimum, following torch.minimum (https://pytorch.org/docs/stable/generated/torch.minimum.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// Elementwise minimum, as <see href="https://pytorch.org/docs/stable/generated/torch.minimum.html"><c>torch.minimum</c></see>: NaN propagates; valid where both are valid; shapes
    /// broadcast. Recorded for autograd: the gradient goes to the side that wins, and ties split it in half, as PyTorch does.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> Minimum<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, INumber<T>
        => Autograd.Record(ElementwiseKernel.Binary<T, MinOp<T>>(a, b),
            g => [GradFor(a, () => Mul(g, Selector(a, b, false))), GradFor(b, () => Mul(g, Selector(b, a, false)))], a, b);

    /// <summary>
    /// <c>destination = minimum(a, b)</c> (<see href="https://pytorch.org/docs/stable/generated/torch.minimum.html"><c>torch.minimum</c></see> with <c>out=</c>), valid where both are valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have the result's shape and
    /// own a validity bitmap when the result can have masked entries (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException">An operand or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together, or the destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Minimum<T>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged, INumber<T> => ElementwiseKernel.BinaryInto<T, MinOp<T>>(a, b, destination);
}
