using System.Numerics;
using Masked.Kernels;

namespace Masked;

internal struct LgammaFunction : IDoubleFunction { public static double Invoke(double x) => SpecialMath.Lgamma(x); }

// Lgamma: following torch.lgamma (https://pytorch.org/docs/stable/generated/torch.lgamma.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// log |Γ(x)|, as <see href="https://pytorch.org/docs/stable/generated/torch.lgamma.html">torch.lgamma</see> (+Inf at 0 and the negative integers);
    /// gradient digamma(x).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Lgamma<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, DoubleFunctionOp<T, LgammaFunction>>(x, (g, _) => ChainDouble<T, DigammaFunction>(g, x));

    /// <summary>
    /// <c>destination = lgamma(x)</c> (<see href="https://pytorch.org/docs/stable/generated/torch.lgamma.html"><c>torch.lgamma</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap
    /// when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Lgamma<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, DoubleFunctionOp<T, LgammaFunction>>(x, destination); }
}
