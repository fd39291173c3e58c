using System.Numerics;
using Masked.Kernels;

namespace Masked;

/// <summary>The argument of a real number: pi for x &lt; 0, else 0; NaN stays NaN.</summary>
internal struct AngleOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T x) => T.IsNaN(x) ? x : x < T.Zero ? T.Pi : T.Zero;
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(x[i]); }
}

// Angle: following torch.angle (https://pytorch.org/docs/stable/generated/torch.angle.html).
public static partial class MaskedTensor
{
    /// <summary>The argument of each real entry, as <see href="https://pytorch.org/docs/stable/generated/torch.angle.html">torch.angle</see>: pi where x &lt; 0, else 0 (NaN stays NaN); gradient 0.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Angle<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, AngleOp<T>>(x, (g, _) => ZeroGradientLike(g));

    /// <summary>
    /// <c>destination = angle(x)</c> (<see href="https://pytorch.org/docs/stable/generated/torch.angle.html"><c>torch.angle</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap
    /// when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Angle<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, AngleOp<T>>(x, destination); }
}
