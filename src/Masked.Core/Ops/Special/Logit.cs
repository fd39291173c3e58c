using System.Numerics;
using Masked.Kernels;

namespace Masked;

/// <summary>logit(x) = log(x / (1 - x)); with eps &gt;= 0 (second operand) x is first clamped to [eps, 1 - eps]; eps &lt; 0 means none.</summary>
internal struct LogitOp<T> : IBinaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T x, T eps)
    {
        if (eps >= T.Zero) x = T.Min(T.Max(x, eps), T.One - eps); // NaN stays NaN (Min/Max propagate it)
        return T.Log(x / (T.One - x));
    }
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
}

/// <summary>
/// d/dx logit(x) = 1 / (x (1 - x)) as torch's <c>logit_backward</c>: with eps, 0 outside [eps, 1 - eps]; without, NaN outside [0, 1].
/// </summary>
internal struct LogitDerivativeOp<T> : IBinaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T x, T eps)
    {
        if (eps < T.Zero) return x < T.Zero || x > T.One ? T.NaN : T.One / (x * (T.One - x));
        return x < eps || x > T.One - eps ? T.Zero : T.One / (x * (T.One - x));
    }
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
}

// Logit: following torch.logit (https://pytorch.org/docs/stable/special.html#torch.special.logit).
public static partial class MaskedTensor
{
    /// <summary>
    /// log(x / (1 - x)), as <see href="https://pytorch.org/docs/stable/special.html#torch.special.logit">torch.logit</see>. With <paramref name="eps"/>, x is
    /// first clamped to [eps, 1 - eps] and the gradient is 0 outside that range; without, the gradient 1/(x(1-x)) is NaN outside [0, 1].
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="eps"/> is negative, NaN or above 0.5.</exception>
    public static MaskedTensor<T> Logit<T>(this MaskedTensor<T> x, double? eps = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var e = Scalar(T.CreateTruncating(LogitEps(eps)));
        var y = ElementwiseKernel.Binary<T, LogitOp<T>>(x, e);
        return Autograd.Record(y, g => [Mul(g, ElementwiseKernel.Binary<T, LogitDerivativeOp<T>>(x, e))], x);
    }

    private static double LogitEps(double? eps)
    {
        if (eps is not double v) return -1;
        if (double.IsNaN(v) || v < 0 || v > 0.5) ThrowHelper.ThrowOutOfRange(nameof(eps), v, "Logit: eps must be in [0, 0.5].");
        return v;
    }

    /// <summary>
    /// <c>destination = logit(x)</c> without eps (<see href="https://pytorch.org/docs/stable/special.html#torch.special.logit"><c>torch.logit</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap
    /// when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void Logit<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        NotNull(x, destination);
        ElementwiseKernel.BinaryInto<T, LogitOp<T>>(x, Scalar(-T.One), destination);
    }
}
