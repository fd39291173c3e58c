using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>The operator of <see cref="MaskedTensor.Fmod{T}(MaskedTensor{T}, MaskedTensor{T})"/>: a scalar rule and its span rule.</summary>
internal struct FmodOp<T> : IBinaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T a, T b) => a % b;
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = a[i] % b[i]; }
}

// Fmod: the elementwise C-style remainder, following torch.fmod (https://pytorch.org/docs/stable/generated/torch.fmod.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// Elementwise C-style remainder, as <see href="https://pytorch.org/docs/stable/generated/torch.fmod.html"><c>torch.fmod</c></see>: the sign follows <paramref name="a"/>; valid where both are valid; shapes
    /// broadcast. Recorded for autograd: <c>a</c> gets <c>g</c>, <c>b</c> gets <c>-g·trunc(a/b)</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> Fmod<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
        => Autograd.Record(ElementwiseKernel.Binary<T, FmodOp<T>>(a, b),
            g => [GradFor(a, () => g), GradFor(b, () => Neg(Mul(g, Trunc(Div(a, b)))))], a, b);
}
