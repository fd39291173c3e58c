using System.Numerics;
using Masked.Kernels;

namespace Masked;

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

// NanToNum: following torch.nan_to_num (https://pytorch.org/docs/stable/generated/torch.nan_to_num.html).
public static partial class MaskedTensor
{
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

    /// <summary>
    /// <c>destination = nan_to_num(x)</c> with torch's defaults (NaN → 0, ±Inf → the largest/lowest finite value) (<see href="https://pytorch.org/docs/stable/generated/torch.nan_to_num.html"><c>torch.nan_to_num</c></see> with <c>out=</c>), valid where <paramref name="x"/> is valid;
    /// allocates nothing and is not recorded for autograd. The destination must be contiguous, have x's shape and own a validity bitmap
    /// when x is masked (<see cref="Empty{T}"/> makes one).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> or <paramref name="destination"/> is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape, layout or missing bitmap does not fit the result.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    public static void NanToNum<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, INumber<T>, IMinMaxValue<T>
    {
        NotNull(x, destination);
        ElementwiseKernel.UnaryInto<T, NanToNumOp<T>>(x, destination);
    }
}
