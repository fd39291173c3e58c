using System.Numerics;
using Masked.Kernels;

namespace Masked;

// Clamp: following torch.clamp (https://pytorch.org/docs/stable/generated/torch.clamp.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// Clamps valid entries to [<paramref name="min"/>, <paramref name="max"/>], as <see href="https://pytorch.org/docs/stable/generated/torch.clamp.html"><c>torch.clamp</c></see>:
    /// valid where <paramref name="x"/> is valid. Recorded for autograd: the gradient is <c>g</c> inside the range (bounds included), 0 outside.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="min"/> is greater than <paramref name="max"/>.</exception>
    public static MaskedTensor<T> Clamp<T>(this MaskedTensor<T> x, T min, T max) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        if (min > max) ThrowHelper.ThrowArgument($"Clamp: min ({min}) is greater than max ({max}).", nameof(min));
        MaskedTensor<T> y;
        using (Autograd.NoGrad()) y = Minimum(Maximum(x, Scalar(min)), Scalar(max));
        return Autograd.Record(y, g => [Mul(g, Mul(ElementwiseKernel.Binary<T, InRangeOp<T>>(x, Scalar(min)), ElementwiseKernel.Binary<T, InRangeOp<T>>(Scalar(max), x)))], x);
    }

    /// <summary>1 where a &gt;= b, else 0.</summary>
    private struct InRangeOp<T> : IBinaryOperator<T> where T : INumber<T>
    {
        public static T Invoke(T a, T b) => a >= b ? T.One : T.Zero;
        public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
    }
}
