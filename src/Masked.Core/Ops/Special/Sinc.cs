using System.Numerics;
using Masked.Kernels;

namespace Masked;

/// <summary>sin(pi x) / (pi x), 1 at 0, computed in T as torch does.</summary>
internal struct SincOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T x)
    {
        if (x == T.Zero) return T.One;
        T p = T.Pi * x;
        return T.Sin(p) / p;
    }
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(x[i]); }
}

/// <summary>d/dx sinc(x) = (pi x cos(pi x) - sin(pi x)) / (pi x^2), 0 at 0 (torch's <c>sinc_backward</c>).</summary>
internal struct SincDerivativeOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T x)
    {
        T p = T.Pi * x, den = p * x;
        return den == T.Zero ? T.Zero : (p * T.Cos(p) - T.Sin(p)) / den;
    }
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(x[i]); }
}

// Sinc: following torch.sinc (https://pytorch.org/docs/stable/special.html#torch.special.sinc).
public static partial class MaskedTensor
{
    /// <summary>
    /// The normalized sinc sin(pi x)/(pi x) (1 at 0), as <see href="https://pytorch.org/docs/stable/special.html#torch.special.sinc">torch.sinc</see>;
    /// gradient (pi x cos(pi x) - sin(pi x)) / (pi x²), 0 at 0.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Sinc<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, SincOp<T>>(x, (g, _) => ChainUnary<T, SincDerivativeOp<T>>(g, x));

    /// <summary>
    /// <c>destination = sinc(x)</c> (<see href="https://pytorch.org/docs/stable/special.html#torch.special.sinc"><c>torch.sinc</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap
    /// when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Sinc<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, SincOp<T>>(x, destination); }
}
