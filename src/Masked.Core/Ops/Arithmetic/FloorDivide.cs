using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

/// <summary>
/// floor(a / b). Floats follow Python's (and torch's) <c>div_floor</c>: the quotient of the exact remainder, so that
/// a == b * q + remainder(a, b) holds; b == 0 gives a / b (±Inf or NaN). Integers round toward -Inf; b == -1 wraps
/// (MinValue // -1 is MinValue, as torch), b == 0 at a valid entry throws <see cref="DivideByZeroException"/>; masked slots
/// never run the integer rule (the kernel visits valid slots only, <see cref="SafeOnGarbage"/> is false).
/// </summary>
internal struct FloorDivideOp<T> : IBinaryOperator<T> where T : INumber<T>
{
    public static T Invoke(T a, T b)
    {
        if (typeof(T) == typeof(float) || typeof(T) == typeof(double))
        {
            if (b == T.Zero) return a / b;
            T mod = a % b;
            T div = (a - mod) / b;
            if (mod != T.Zero && (b < T.Zero) != (mod < T.Zero)) div -= T.One;
            if (div == T.Zero) return T.CopySign(T.Zero, a / b);
            T floor = T.CreateTruncating(Math.Floor(double.CreateTruncating(div)));
            if (div - floor > T.One / (T.One + T.One)) floor += T.One;
            return floor;
        }
        if (b == T.Zero) ThrowHelper.ThrowDivideByZero("FloorDivide: integer division by zero at a valid entry.");
        if (b == -T.One) return T.Zero - a; // wraps for MinValue (unchecked), where a / -1 would throw
        T q = a / b;
        return (a % b != T.Zero) && ((a < T.Zero) != (b < T.Zero)) ? q - T.One : q;
    }

    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }

    public static bool SafeOnGarbage => typeof(T) == typeof(float) || typeof(T) == typeof(double);
}

// FloorDivide: following torch.floor_divide (https://pytorch.org/docs/stable/generated/torch.floor_divide.html); allocating (with its backward rule), scalar and destination overloads.
public static partial class MaskedTensor
{
    /// <summary>
    /// Elementwise floor(a / b), as <see href="https://pytorch.org/docs/stable/generated/torch.floor_divide.html">torch.floor_divide</see> (which rounds toward
    /// -Inf since torch 1.13): floats as Python's <c>//</c>, integers rounding toward -Inf. Valid where both are valid; gradient 0.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    /// <exception cref="DivideByZeroException">An integer divisor is 0 at a valid entry (masked entries are never divided).</exception>
    public static MaskedTensor<T> FloorDivide<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Autograd.Record(ElementwiseKernel.Binary<T, FloorDivideOp<T>>(a, b),
            g => [GradFor(a, () => ZeroGradientLike(g)), GradFor(b, () => ZeroGradientLike(g))], a, b);
    }

    /// <summary>Elementwise floor(a / scalar).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <exception cref="DivideByZeroException">An integer <paramref name="scalar"/> is 0 and a has a valid entry.</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.floor_divide.html"><c>torch.floor_divide</c></see>.</remarks>
    public static MaskedTensor<T> FloorDivide<T>(this MaskedTensor<T> a, T scalar) where T : unmanaged, INumber<T> => FloorDivide(a, Scalar(scalar));

    /// <summary>destination = floor(a / b) (data and validity; nothing allocated; not recorded for autograd).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape differs from the result's, it is not contiguous, or it has no validity bitmap while the result can be masked.</exception>
    /// <exception cref="InvalidOperationException">The destination is read-only, or requires gradients while autograd is on.</exception>
    /// <exception cref="DivideByZeroException">An integer divisor is 0 at a valid entry.</exception>
    /// <remarks>Follows <see href="https://pytorch.org/docs/stable/generated/torch.floor_divide.html"><c>torch.floor_divide</c></see>.</remarks>
    public static void FloorDivide<T>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged, INumber<T> { ArgumentNullException.ThrowIfNull(a); ArgumentNullException.ThrowIfNull(b); ArgumentNullException.ThrowIfNull(destination); ElementwiseKernel.BinaryInto<T, FloorDivideOp<T>>(a, b, destination); }
}
