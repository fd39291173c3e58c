using System.Numerics;
using Masked.Kernels;

namespace Masked;

internal struct ErfcFunction : IDoubleFunction { public static double Invoke(double x) => SpecialMath.Erfc(x); }

// Erfc: following torch.erfc (https://pytorch.org/docs/stable/special.html#torch.special.erfc).
public static partial class MaskedTensor
{
    /// <summary>The complementary error function 1 - erf(x), as <see href="https://pytorch.org/docs/stable/special.html#torch.special.erfc">torch.erfc</see>; gradient -2/sqrt(pi) e^(-x²).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Erfc<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, DoubleFunctionOp<T, ErfcFunction>>(x, (g, _) => Neg(ChainDouble<T, ErfDerivativeFunction>(g, x)));

    /// <summary>
    /// <c>destination = erfc(x)</c> (<see href="https://pytorch.org/docs/stable/special.html#torch.special.erfc"><c>torch.erfc</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap
    /// when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Erfc<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, DoubleFunctionOp<T, ErfcFunction>>(x, destination); }
}
