using System.Numerics;
using Masked.Kernels;

namespace Masked;

/// <summary>The sign of a real number as <c>torch.sgn</c>/<c>torch.sign</c> compute it: (0 &lt; x) - (x &lt; 0), so NaN gives 0. Safe on any integer.</summary>
internal struct SgnOp<T> : IUnaryOperator<T> where T : INumber<T>
{
    public static T Invoke(T x) => x > T.Zero ? T.One : x < T.Zero ? -T.One : T.Zero;
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(x[i]); }
}

// Sgn: following torch.sgn (https://pytorch.org/docs/stable/generated/torch.sgn.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The sign of each real entry (-1, 0 or 1), as <see href="https://pytorch.org/docs/stable/generated/torch.sgn.html">torch.sgn</see>, which for real
    /// inputs is <c>torch.sign</c>: computed as (0 &lt; x) - (x &lt; 0), so a valid NaN gives 0 (unlike <see cref="Sign{T}"/>, which keeps NaN).
    /// Gradient 0. Any element type but bool; safe on any integer (no overflow).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Sgn<T>(this MaskedTensor<T> x) where T : unmanaged, INumber<T>
        => RecordUnary<T, SgnOp<T>>(x, (g, _) => ZeroGradientLike(g));

    /// <summary>
    /// <c>destination = sgn(x)</c> (<see href="https://pytorch.org/docs/stable/generated/torch.sgn.html"><c>torch.sgn</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap
    /// when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Sgn<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, INumber<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, SgnOp<T>>(x, destination); }
}
