using System.Numerics;
using Masked.Kernels;

namespace Masked;

internal struct DigammaFunction : IDoubleFunction { public static double Invoke(double x) => SpecialMath.Digamma(x); }

internal struct TrigammaFunction : IDoubleFunction { public static double Invoke(double x) => SpecialMath.Trigamma(x); }

// Digamma: following torch.digamma (https://pytorch.org/docs/stable/special.html#torch.special.digamma).
public static partial class MaskedTensor
{
    /// <summary>
    /// The digamma function Γ'/Γ, as <see href="https://pytorch.org/docs/stable/special.html#torch.special.digamma">torch.digamma</see> (-Inf at +0, NaN at the
    /// negative integers); gradient trigamma(x) (<c>torch.polygamma(1, x)</c>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Digamma<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, DoubleFunctionOp<T, DigammaFunction>>(x, (g, _) => ChainDouble<T, TrigammaFunction>(g, x));

    /// <summary>
    /// <c>destination = digamma(x)</c> (<see href="https://pytorch.org/docs/stable/special.html#torch.special.digamma"><c>torch.digamma</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap
    /// when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Digamma<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, DoubleFunctionOp<T, DigammaFunction>>(x, destination); }
}
