using System.Numerics;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Sign{T}(MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct SignOp<T> : IUnaryOperator<T> where T : INumber<T>
{
    public static T Invoke(T x) => x > T.Zero ? T.One : x < T.Zero ? -T.One : x;
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(x[i]); }
}

// Sign: following torch.sign (https://pytorch.org/docs/stable/generated/torch.sign.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// The elementwise sign (-1, 0 or 1; a valid NaN stays NaN, unlike <see cref="Sgn{T}(MaskedTensor{T})"/>), as <see href="https://pytorch.org/docs/stable/generated/torch.sign.html"><c>torch.sign</c></see>: valid where <paramref name="x"/> is valid.
    /// Recorded for autograd: the gradient is 0.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Sign<T>(this MaskedTensor<T> x) where T : unmanaged, INumber<T> => RecordUnary<T, SignOp<T>>(x, (g, _) => ZeroGradientLike(g));
}
