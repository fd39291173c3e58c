using System.Numerics;
using Masked.Kernels;

namespace Masked;

internal struct I0Function : IDoubleFunction { public static double Invoke(double x) => SpecialMath.I0(x); }

internal struct I1Function : IDoubleFunction { public static double Invoke(double x) => SpecialMath.I1(x); }

// I0: following torch.i0 (https://pytorch.org/docs/stable/special.html#torch.special.i0).
public static partial class MaskedTensor
{
    /// <summary>
    /// The modified Bessel function of the first kind of order 0, as <see href="https://pytorch.org/docs/stable/special.html#torch.special.i0">torch.i0</see>;
    /// gradient I1(x).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> I0<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, DoubleFunctionOp<T, I0Function>>(x, (g, _) => ChainDouble<T, I1Function>(g, x));

    /// <summary>
    /// <c>destination = i0(x)</c> (<see href="https://pytorch.org/docs/stable/special.html#torch.special.i0"><c>torch.i0</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap
    /// when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void I0<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, DoubleFunctionOp<T, I0Function>>(x, destination); }
}
