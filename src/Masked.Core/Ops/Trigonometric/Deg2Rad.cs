using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>x * pi / 180, in the tensor's own precision (as torch: the constant is rounded to T first).</summary>
internal struct Deg2RadOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static readonly T Factor = T.CreateTruncating(Math.PI / 180);
    public static T Invoke(T x) => x * Factor;
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Multiply(x, Factor, d);
}

// Deg2Rad: following torch.deg2rad (https://pytorch.org/docs/stable/generated/torch.deg2rad.html).
public static partial class MaskedTensor
{
    /// <summary>Degrees to radians, as <see href="https://pytorch.org/docs/stable/generated/torch.deg2rad.html">torch.deg2rad</see>; gradient pi/180.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Deg2Rad<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, Deg2RadOp<T>>(x, (g, _) => Mul(g, Scalar(Deg2RadOp<T>.Factor)));

    /// <summary>
    /// <c>destination = deg2rad(x)</c> (<see href="https://pytorch.org/docs/stable/generated/torch.deg2rad.html"><c>torch.deg2rad</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap
    /// when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Deg2Rad<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, Deg2RadOp<T>>(x, destination); }
}
