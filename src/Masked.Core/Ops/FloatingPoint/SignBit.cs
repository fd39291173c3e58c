using System.Numerics;
using Masked.Kernels;

namespace Masked;

/// <summary>True when the sign bit is set: negative numbers, -0.0, -Inf and NaNs with the sign bit (as C's <c>signbit</c>).</summary>
internal struct SignBitPredicate<T> : IUnaryPredicate<T> where T : INumberBase<T>
{
    public static bool Invoke(T x) => T.IsNegative(x);
    public static void Invoke(ReadOnlySpan<T> x, Span<bool> d) { for (int i = 0; i < d.Length; i++) d[i] = T.IsNegative(x[i]); }
}

// SignBit: following torch.signbit (https://pytorch.org/docs/stable/generated/torch.signbit.html).
public static partial class MaskedTensor
{
    /// <summary>
    /// Whether each entry's sign bit is set, as <see href="https://pytorch.org/docs/stable/generated/torch.signbit.html">torch.signbit</see> (true for -0.0 and -Inf);
    /// a bool tensor with the input's mask. Not differentiable.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<bool> SignBit<T>(this MaskedTensor<T> x) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return PredicateKernel.Run<T, SignBitPredicate<T>>(x);
    }

    /// <summary>
    /// <c>destination = signbit(x)</c> (<see href="https://pytorch.org/docs/stable/generated/torch.signbit.html"><c>torch.signbit</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap
    /// when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void SignBit<T>(MaskedTensor<T> x, MaskedTensor<bool> destination) where T : unmanaged, INumber<T>
    {
        NotNull(x, destination);
        PredicateKernel.RunInto<T, SignBitPredicate<T>>(x, destination);
    }
}
