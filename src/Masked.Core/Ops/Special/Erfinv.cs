using System.Numerics;
using Masked.Kernels;

namespace Masked;

internal struct ErfinvFunction : IDoubleFunction { public static double Invoke(double x) => SpecialMath.Erfinv(x); }

/// <summary>d/dy erfinv(y) = sqrt(pi)/2 e^(erfinv(y)^2).</summary>
internal struct ErfinvDerivativeFunction : IDoubleFunction
{
    public static double Invoke(double y) { double x = SpecialMath.Erfinv(y); return Math.Sqrt(Math.PI) / 2 * Math.Exp(x * x); }
}

// Erfinv: following torch.erfinv (https://pytorch.org/docs/stable/special.html#torch.special.erfinv).
public static partial class MaskedTensor
{
    /// <summary>
    /// The inverse error function, as <see href="https://pytorch.org/docs/stable/special.html#torch.special.erfinv">torch.erfinv</see> (±Inf at ±1, NaN outside
    /// [-1, 1]); gradient sqrt(pi)/2 e^(erfinv(x)²).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Erfinv<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, DoubleFunctionOp<T, ErfinvFunction>>(x, (g, _) => ChainDouble<T, ErfinvDerivativeFunction>(g, x));

    /// <summary>
    /// <c>destination = erfinv(x)</c> (<see href="https://pytorch.org/docs/stable/special.html#torch.special.erfinv"><c>torch.erfinv</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap
    /// when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Erfinv<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, DoubleFunctionOp<T, ErfinvFunction>>(x, destination); }
}
