using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>x - trunc(x) (the sign follows x; ±Inf gives NaN, as torch).</summary>
internal struct FracOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T x) => x - T.Truncate(x);
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) { TensorPrimitives.Truncate(x, d); TensorPrimitives.Subtract(x, d, d); }
}

// Frac: following torch.frac (https://pytorch.org/docs/stable/generated/torch.frac.html).
public static partial class MaskedTensor
{
    /// <summary>The fractional part x - trunc(x), as <see href="https://pytorch.org/docs/stable/generated/torch.frac.html">torch.frac</see> (sign of x; ±Inf gives NaN); gradient 1.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Frac<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, FracOp<T>>(x, (g, _) => g);

    /// <summary>
    /// <c>destination = frac(x)</c> (<see href="https://pytorch.org/docs/stable/generated/torch.frac.html"><c>torch.frac</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap
    /// when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Frac<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, FracOp<T>>(x, destination); }
}
