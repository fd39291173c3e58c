using System.Numerics;
using Masked.Kernels;

namespace Masked;

/// <summary>True for NaN (never for an integer).</summary>
internal struct IsNaNPredicate<T> : IUnaryPredicate<T> where T : INumberBase<T>
{
    public static bool Invoke(T x) => T.IsNaN(x);
    public static void Invoke(ReadOnlySpan<T> x, Span<bool> d) { for (int i = 0; i < d.Length; i++) d[i] = T.IsNaN(x[i]); }
}

// IsNaN: following torch.isnan (https://pytorch.org/docs/stable/generated/torch.isnan.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// Whether each entry is NaN, as <see href="https://pytorch.org/docs/stable/generated/torch.isnan.html">torch.isnan</see>: a bool tensor with the input's mask
    /// (a masked entry stays masked — it is missing, which is not the same as NaN). Always false for integers. Not differentiable.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<bool> IsNaN<T>(this MaskedTensor<T> x) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return PredicateKernel.Run<T, IsNaNPredicate<T>>(x);
    }

    /// <summary>
    /// <c>destination = isnan(x)</c> (<see href="https://pytorch.org/docs/stable/generated/torch.isnan.html"><c>torch.isnan</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap
    /// when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void IsNaN<T>(MaskedTensor<T> x, MaskedTensor<bool> destination) where T : unmanaged, INumber<T>
    {
        NotNull(x, destination);
        PredicateKernel.RunInto<T, IsNaNPredicate<T>>(x, destination);
    }
}
