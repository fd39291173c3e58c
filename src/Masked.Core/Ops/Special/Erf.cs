using System.Numerics;
using Masked.Kernels;

namespace Masked;

internal struct ErfFunction : IDoubleFunction { public static double Invoke(double x) => SpecialMath.Erf(x); }

/// <summary>d/dx erf(x) = 2/sqrt(pi) e^(-x^2).</summary>
internal struct ErfDerivativeFunction : IDoubleFunction { public static double Invoke(double x) => 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x); }

// Erf: following torch.erf (https://pytorch.org/docs/stable/special.html#torch.special.erf).
public static partial class MaskedTensor
{
    /// <summary>The error function, as <see href="https://pytorch.org/docs/stable/special.html#torch.special.erf">torch.erf</see>; gradient 2/sqrt(pi) e^(-x²).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Erf<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, DoubleFunctionOp<T, ErfFunction>>(x, (g, _) => ChainDouble<T, ErfDerivativeFunction>(g, x));

    /// <summary>
    /// <c>destination = erf(x)</c> (<see href="https://pytorch.org/docs/stable/special.html#torch.special.erf"><c>torch.erf</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap
    /// when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Erf<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, DoubleFunctionOp<T, ErfFunction>>(x, destination); }
}
