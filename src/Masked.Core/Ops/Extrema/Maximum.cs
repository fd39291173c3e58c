using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The elementwise maximum operator (NaN propagates); its span rule is <c>TensorPrimitives.Max</c>.</summary>
internal struct MaxOp<T> : IBinaryOperator<T> where T : INumber<T>
{
    public static T Invoke(T a, T b) => T.Max(a, b);
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.Max(a, b, d);
}

// Maximum: the elementwise maximum, following torch.maximum (https://pytorch.org/docs/stable/generated/torch.maximum.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// Elementwise maximum, as <see href="https://pytorch.org/docs/stable/generated/torch.maximum.html"><c>torch.maximum</c></see>: NaN propagates; valid where both are valid; shapes
    /// broadcast. Recorded for autograd: the gradient goes to the side that wins, and ties split it in half, as PyTorch does.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> Maximum<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, INumber<T>
        => Autograd.Record(ElementwiseKernel.Binary<T, MaxOp<T>>(a, b),
            g => [GradFor(a, () => Mul(g, Selector(a, b, true))), GradFor(b, () => Mul(g, Selector(b, a, true)))], a, b);

    /// <summary>
    /// <c>destination = maximum(a, b)</c> (<see href="https://pytorch.org/docs/stable/generated/torch.maximum.html"><c>torch.maximum</c></see> with <c>out=</c>), valid where both are valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have the result's shape and
    /// own a validity bitmap when the result can have masked entries (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException">An operand or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together, or the destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Maximum<T>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged, INumber<T> => ElementwiseKernel.BinaryInto<T, MaxOp<T>>(a, b, destination);

    /// <summary>1 where <paramref name="x"/> wins (max or min), 1/2 on ties, 0 elsewhere; shape of the broadcast. <see cref="Minimum{T}(MaskedTensor{T}, MaskedTensor{T})"/>'s backward uses it too.</summary>
    private static MaskedTensor<T> Selector<T>(MaskedTensor<T> x, MaskedTensor<T> other, bool max) where T : unmanaged, INumber<T>
        => max ? ElementwiseKernel.Binary<T, SelectorOp<T>>(x, other) : ElementwiseKernel.Binary<T, SelectorOp<T>>(other, x);

    private struct SelectorOp<T> : IBinaryOperator<T> where T : INumber<T>
    {
        public static T Invoke(T x, T o) => x > o ? T.One : x == o ? T.One / (T.One + T.One) : T.Zero;
        public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
    }
}
