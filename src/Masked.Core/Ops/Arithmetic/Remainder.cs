using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Remainder{T}(MaskedTensor{T}, MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct RemainderOp<T> : IBinaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T a, T b)
    {
        T r = a % b;
        return r != T.Zero && (r < T.Zero) != (b < T.Zero) ? r + b : r;
    }
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
}

// Remainder: the elementwise Python-style remainder, following torch.remainder (https://pytorch.org/docs/stable/generated/torch.remainder.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// Elementwise Python-style remainder, as <see href="https://pytorch.org/docs/stable/generated/torch.remainder.html"><c>torch.remainder</c></see>: the sign follows <paramref name="b"/>; valid where both are valid; shapes
    /// broadcast. Recorded for autograd: <c>a</c> gets <c>g</c>, <c>b</c> gets <c>-g·floor(a/b)</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> Remainder<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
        => Autograd.Record(ElementwiseKernel.Binary<T, RemainderOp<T>>(a, b),
            g => [GradFor(a, () => g), GradFor(b, () => Neg(Mul(g, Floor(Div(a, b)))))], a, b);
}
