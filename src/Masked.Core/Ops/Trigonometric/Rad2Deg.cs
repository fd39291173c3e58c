using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>x * 180 / pi.</summary>
internal struct Rad2DegOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static readonly T Factor = T.CreateTruncating(180 / Math.PI);
    public static T Invoke(T x) => x * Factor;
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Multiply(x, Factor, d);
}

// Rad2Deg: following torch.rad2deg (https://pytorch.org/docs/stable/generated/torch.rad2deg.html).
public static partial class MaskedTensor
{
    /// <summary>Radians to degrees, as <see href="https://pytorch.org/docs/stable/generated/torch.rad2deg.html">torch.rad2deg</see>; gradient 180/pi.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Rad2Deg<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, Rad2DegOp<T>>(x, (g, _) => Mul(g, Scalar(Rad2DegOp<T>.Factor)));

    /// <summary>
    /// <c>destination = rad2deg(x)</c> (<see href="https://pytorch.org/docs/stable/generated/torch.rad2deg.html"><c>torch.rad2deg</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap
    /// when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Rad2Deg<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, Rad2DegOp<T>>(x, destination); }
}
