using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.LogAddExp{T}(MaskedTensor{T}, MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct LogAddExpOp<T> : IBinaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T a, T b)
    {
        if (T.IsNegativeInfinity(a) && T.IsNegativeInfinity(b)) return a;
        if (a == b) return a + T.Log(T.CreateTruncating(2));
        T m = T.Max(a, b);
        return m + T.LogP1(T.Exp(-T.Abs(a - b)));
    }
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
}

// LogAddExp: log(exp(a) + exp(b)) elementwise, following torch.logaddexp (https://pytorch.org/docs/stable/generated/torch.logaddexp.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// Elementwise <c>log(exp(a) + exp(b))</c>, computed stably, as <see href="https://pytorch.org/docs/stable/generated/torch.logaddexp.html"><c>torch.logaddexp</c></see>: valid where both are valid; shapes broadcast.
    /// Recorded for autograd: each side gets <c>g·exp(side - result)</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> LogAddExp<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var y = ElementwiseKernel.Binary<T, LogAddExpOp<T>>(a, b);
        return Autograd.Record(y, g => [GradFor(a, () => Mul(g, Exp(Sub(a, y)))), GradFor(b, () => Mul(g, Exp(Sub(b, y))))], a, b);
    }
}
