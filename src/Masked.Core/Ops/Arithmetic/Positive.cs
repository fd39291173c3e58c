using System.Numerics;
using Masked.Kernels;

namespace Masked;

/// <summary>The identity (a copy).</summary>
internal struct PositiveOp<T> : IUnaryOperator<T> where T : INumber<T>
{ public static T Invoke(T x) => x; public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => x.CopyTo(d); }

// Positive: following torch.positive (https://pytorch.org/docs/stable/generated/torch.positive.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The input itself, as <see href="https://pytorch.org/docs/stable/generated/torch.positive.html">torch.positive</see> (unary plus); a new tensor
    /// with the same data and mask; gradient 1. Any element type but bool.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Positive<T>(this MaskedTensor<T> x) where T : unmanaged, INumber<T>
        => RecordUnary<T, PositiveOp<T>>(x, (g, _) => g);

    /// <summary>
    /// <c>destination = positive(x)</c> (<see href="https://pytorch.org/docs/stable/generated/torch.positive.html"><c>torch.positive</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap
    /// when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Positive<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, INumber<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, PositiveOp<T>>(x, destination); }
}
