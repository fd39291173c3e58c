using System.Numerics;
using Masked.Kernels;

namespace Masked;

/// <summary>True for NaN (never for an integer).</summary>
internal struct IsNaNPredicate<T> : IUnaryPredicate<T> where T : INumberBase<T>
{
    public static bool Invoke(T x) => T.IsNaN(x);
    public static void Invoke(ReadOnlySpan<T> x, Span<bool> d) { for (int i = 0; i < d.Length; i++) d[i] = T.IsNaN(x[i]); }
}

/// <summary>True when the sign bit is set: negative numbers, -0.0, -Inf and NaNs with the sign bit (as C's <c>signbit</c>).</summary>
internal struct SignBitPredicate<T> : IUnaryPredicate<T> where T : INumberBase<T>
{
    public static bool Invoke(T x) => T.IsNegative(x);
    public static void Invoke(ReadOnlySpan<T> x, Span<bool> d) { for (int i = 0; i < d.Length; i++) d[i] = T.IsNegative(x[i]); }
}

/// <summary>NaN → 0, +Inf → the largest finite value, -Inf → the lowest (torch's defaults); integers unchanged.</summary>
internal struct NanToNumOp<T> : IUnaryOperator<T> where T : INumber<T>, IMinMaxValue<T>
{
    public static T Invoke(T x) => T.IsNaN(x) ? T.Zero : T.IsPositiveInfinity(x) ? T.MaxValue : T.IsNegativeInfinity(x) ? T.MinValue : x;
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(x[i]); }
}

/// <summary>1 where x is finite, else 0 (the gradient of <c>nan_to_num</c>).</summary>
internal struct FiniteIndicatorOp<T> : IUnaryOperator<T> where T : INumber<T>
{
    public static T Invoke(T x) => T.IsFinite(x) ? T.One : T.Zero;
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(x[i]); }
}

/// <summary>
/// Classification of floating-point values: <c>IsNaN SignBit NanToNum</c>. A valid NaN is data, not a missing value:
/// these ops see it. The mask alone says "missing", and every result keeps the input's mask.
/// </summary>
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
    /// Whether each entry's sign bit is set, as <see href="https://pytorch.org/docs/stable/generated/torch.signbit.html">torch.signbit</see> (true for -0.0 and -Inf);
    /// a bool tensor with the input's mask. Not differentiable.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<bool> SignBit<T>(this MaskedTensor<T> x) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        return PredicateKernel.Run<T, SignBitPredicate<T>>(x);
    }

    /// <summary>destination = isnan(x) (bool data and x's validity; nothing allocated).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape differs from x's, it is not contiguous, or it has no validity bitmap while x is masked.</exception>
    public static void IsNaN<T>(MaskedTensor<T> x, MaskedTensor<bool> destination) where T : unmanaged, INumber<T>
    {
        NotNull(x, destination);
        PredicateKernel.RunInto<T, IsNaNPredicate<T>>(x, destination);
    }

    /// <summary>destination = signbit(x) (bool data and x's validity; nothing allocated).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="IsNaN{T}(MaskedTensor{T}, MaskedTensor{bool})"/>).</exception>
    public static void SignBit<T>(MaskedTensor<T> x, MaskedTensor<bool> destination) where T : unmanaged, INumber<T>
    {
        NotNull(x, destination);
        PredicateKernel.RunInto<T, SignBitPredicate<T>>(x, destination);
    }

    /// <summary>
    /// Replaces valid NaN, +Inf and -Inf, as <see href="https://pytorch.org/docs/stable/generated/torch.nan_to_num.html">torch.nan_to_num</see>: NaN by
    /// <paramref name="nan"/> (default 0), +Inf by <paramref name="posinf"/> (default the type's largest finite value), -Inf by
    /// <paramref name="neginf"/> (default the lowest). Masked entries stay masked: a missing value is not a NaN. Integers are
    /// returned unchanged (a copy). Gradient 1 where x is finite, 0 where it was replaced.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> NanToNum<T>(this MaskedTensor<T> x, T? nan = null, T? posinf = null, T? neginf = null) where T : unmanaged, INumber<T>, IMinMaxValue<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        MaskedTensor<T> y;
        if (nan is null && posinf is null && neginf is null) y = ElementwiseKernel.Unary<T, NanToNumOp<T>>(x);
        else
        {
            y = ElementwiseKernel.Unary<T, PositiveOp<T>>(x); // a copy with x's mask, then replaced in place in one pass
            T vn = nan ?? T.Zero, vp = posinf ?? T.MaxValue, vm = neginf ?? T.MinValue;
            var d = y.ContiguousSpan;
            for (int i = 0; i < d.Length; i++)
                d[i] = T.IsNaN(d[i]) ? vn : T.IsPositiveInfinity(d[i]) ? vp : T.IsNegativeInfinity(d[i]) ? vm : d[i];
        }
        return Autograd.Record(y, g => [ChainUnary<T, FiniteIndicatorOp<T>>(g, x)], x);
    }

    /// <summary>destination = nan_to_num(x) with torch's defaults (NaN → 0, ±Inf → the largest/lowest finite value).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="IsNaN{T}(MaskedTensor{T}, MaskedTensor{bool})"/>).</exception>
    public static void NanToNum<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, INumber<T>, IMinMaxValue<T>
    {
        NotNull(x, destination);
        ElementwiseKernel.UnaryInto<T, NanToNumOp<T>>(x, destination);
    }
}
