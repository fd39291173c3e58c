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
        if (b == T.Zero) throw new DivideByZeroException("FloorDivide: integer division by zero at a valid entry.");
        if (b == -T.One) return T.Zero - a; // wraps for MinValue (unchecked), where a / -1 would throw
        T q = a / b;
        return (a % b != T.Zero) && ((a < T.Zero) != (b < T.Zero)) ? q - T.One : q;
    }

    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }

    public static bool SafeOnGarbage => typeof(T) == typeof(float) || typeof(T) == typeof(double);
}

/// <summary>max(a, b) ignoring a NaN on one side (NaN only when both are NaN), as C's <c>fmax</c>.</summary>
internal struct FmaxOp<T> : IBinaryOperator<T> where T : INumber<T>
{
    public static T Invoke(T a, T b) => T.IsNaN(a) ? b : T.IsNaN(b) ? a : T.Max(a, b);
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.MaxNumber(a, b, d);
}

/// <summary>min(a, b) ignoring a NaN on one side, as C's <c>fmin</c>.</summary>
internal struct FminOp<T> : IBinaryOperator<T> where T : INumber<T>
{
    public static T Invoke(T a, T b) => T.IsNaN(a) ? b : T.IsNaN(b) ? a : T.Min(a, b);
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) => TensorPrimitives.MinNumber(a, b, d);
}

/// <summary>1 where a takes the gradient of fmax (a &gt;= b, or b is NaN), else 0 (b takes the rest): torch's rule, ties go to a.</summary>
internal struct FmaxSelectorOp<T> : IBinaryOperator<T> where T : INumber<T>
{
    public static T Invoke(T a, T b) => a >= b || T.IsNaN(b) ? T.One : T.Zero;
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
}

/// <summary>1 where a takes the gradient of fmin (a &lt;= b, or b is NaN), else 0.</summary>
internal struct FminSelectorOp<T> : IBinaryOperator<T> where T : INumber<T>
{
    public static T Invoke(T a, T b) => a <= b || T.IsNaN(b) ? T.One : T.Zero;
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
}

/// <summary>log2(2^a + 2^b), computed as max + log2(1 + 2^-|a - b|); -Inf when both are -Inf.</summary>
internal struct LogAddExp2Op<T> : IBinaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T a, T b)
    {
        if (T.IsNegativeInfinity(a) && T.IsNegativeInfinity(b)) return a;
        if (a == b) return a + T.One; // also +Inf + +Inf, where a - b would be NaN
        T m = T.Max(a, b);
        return m + T.Log2(T.One + T.Exp2(-T.Abs(a - b)));
    }
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
}

/// <summary>1 / (1 + 2^(b - a)): d/da logaddexp2(a, b) (torch's formula; with (b, a) swapped it is d/db).</summary>
internal struct LogAddExp2DerivativeOp<T> : IBinaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T a, T b) => T.One / (T.One + T.Exp2(b - a));
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
}

/// <summary>The next representable value after a towards b (C's <c>nextafter</c>): b when a == b, NaN when either is NaN.</summary>
internal struct NextAfterOp<T> : IBinaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T a, T b) => T.IsNaN(a) || T.IsNaN(b) ? a + b : a == b ? b : a < b ? T.BitIncrement(a) : T.BitDecrement(a);
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
}

/// <summary>
/// Binary numeric ops of the coverage suite: <c>FloorDivide Fmax Fmin LogAddExp2 NextAfter</c>. Valid where both sides
/// are valid; shapes broadcast; each has a scalar overload, a destination overload and (where torch defines one) its
/// backward rule beside it.
/// </summary>
public static partial class MaskedTensor
{
    /// <summary>The gradient for <paramref name="input"/> summed back over broadcast dims, or null when it needs none.</summary>
    private static MaskedTensor<T>? GradientToShape<T>(MaskedTensor<T> input, Func<MaskedTensor<T>> compute) where T : unmanaged, INumber<T>
        => input.RequiresGrad ? Reductions.SumToShape(compute(), input._shape) : null;

    private static void NotNull<T>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(destination);
    }

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
            g => [GradientToShape(a, () => ZeroGradientLike(g)), GradientToShape(b, () => ZeroGradientLike(g))], a, b);
    }

    /// <summary>
    /// Elementwise maximum ignoring NaN, as <see href="https://pytorch.org/docs/stable/generated/torch.fmax.html">torch.fmax</see>: a NaN on one side gives the
    /// other side (NaN only when both are NaN; <see cref="Maximum{T}(MaskedTensor{T}, MaskedTensor{T})"/> propagates NaN). The gradient goes to a where
    /// a &gt;= b or b is NaN, else to b (torch's rule: ties go to a). Valid where both are valid (a masked entry is missing, not NaN).
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> Fmax<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Autograd.Record(ElementwiseKernel.Binary<T, FmaxOp<T>>(a, b), g =>
        {
            var toA = ElementwiseKernel.Binary<T, FmaxSelectorOp<T>>(a, b);
            return [GradientToShape(a, () => Mul(g, toA)), GradientToShape(b, () => Mul(g, Sub(Scalar(T.One), toA)))];
        }, a, b);
    }

    /// <summary>
    /// Elementwise minimum ignoring NaN, as <see href="https://pytorch.org/docs/stable/generated/torch.fmin.html">torch.fmin</see>. The gradient goes to a where
    /// a &lt;= b or b is NaN, else to b.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> Fmin<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, INumber<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Autograd.Record(ElementwiseKernel.Binary<T, FminOp<T>>(a, b), g =>
        {
            var toA = ElementwiseKernel.Binary<T, FminSelectorOp<T>>(a, b);
            return [GradientToShape(a, () => Mul(g, toA)), GradientToShape(b, () => Mul(g, Sub(Scalar(T.One), toA)))];
        }, a, b);
    }

    /// <summary>
    /// Elementwise log2(2^a + 2^b), computed stably, as <see href="https://pytorch.org/docs/stable/generated/torch.logaddexp2.html">torch.logaddexp2</see>;
    /// gradient 1/(1 + 2^(b-a)) for a and 1/(1 + 2^(a-b)) for b.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> LogAddExp2<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Autograd.Record(ElementwiseKernel.Binary<T, LogAddExp2Op<T>>(a, b), g => [
            GradientToShape(a, () => Mul(g, ElementwiseKernel.Binary<T, LogAddExp2DerivativeOp<T>>(a, b))),
            GradientToShape(b, () => Mul(g, ElementwiseKernel.Binary<T, LogAddExp2DerivativeOp<T>>(b, a)))], a, b);
    }

    /// <summary>
    /// The next representable value after a towards b, in the tensor's own type, as
    /// <see href="https://pytorch.org/docs/stable/generated/torch.nextafter.html">torch.nextafter</see> (b when a == b). Valid where both are valid.
    /// Not differentiable (torch defines no gradient): the result is not recorded for autograd.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes cannot be broadcast together.</exception>
    public static MaskedTensor<T> NextAfter<T>(this MaskedTensor<T> a, MaskedTensor<T> b) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return ElementwiseKernel.Binary<T, NextAfterOp<T>>(a, b);
    }

    /// <summary>Elementwise floor(a / scalar).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    /// <exception cref="DivideByZeroException">An integer <paramref name="scalar"/> is 0 and a has a valid entry.</exception>
    public static MaskedTensor<T> FloorDivide<T>(this MaskedTensor<T> a, T scalar) where T : unmanaged, INumber<T> => FloorDivide(a, Scalar(scalar));
    /// <summary>Elementwise fmax(a, scalar).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static MaskedTensor<T> Fmax<T>(this MaskedTensor<T> a, T scalar) where T : unmanaged, INumber<T> => Fmax(a, Scalar(scalar));
    /// <summary>Elementwise fmin(a, scalar).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static MaskedTensor<T> Fmin<T>(this MaskedTensor<T> a, T scalar) where T : unmanaged, INumber<T> => Fmin(a, Scalar(scalar));
    /// <summary>Elementwise logaddexp2(a, scalar).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static MaskedTensor<T> LogAddExp2<T>(this MaskedTensor<T> a, T scalar) where T : unmanaged, IFloatingPointIeee754<T> => LogAddExp2(a, Scalar(scalar));
    /// <summary>Elementwise nextafter(a, scalar).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> is null.</exception>
    public static MaskedTensor<T> NextAfter<T>(this MaskedTensor<T> a, T scalar) where T : unmanaged, IFloatingPointIeee754<T> => NextAfter(a, Scalar(scalar));

    /// <summary>destination = floor(a / b) (data and validity; nothing allocated; not recorded for autograd).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape differs from the result's, it is not contiguous, or it has no validity bitmap while the result can be masked.</exception>
    /// <exception cref="DivideByZeroException">An integer divisor is 0 at a valid entry.</exception>
    public static void FloorDivide<T>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged, INumber<T> { NotNull(a, b, destination); ElementwiseKernel.BinaryInto<T, FloorDivideOp<T>>(a, b, destination); }
    /// <summary>destination = fmax(a, b).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="FloorDivide{T}(MaskedTensor{T}, MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void Fmax<T>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged, INumber<T> { NotNull(a, b, destination); ElementwiseKernel.BinaryInto<T, FmaxOp<T>>(a, b, destination); }
    /// <summary>destination = fmin(a, b).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="FloorDivide{T}(MaskedTensor{T}, MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void Fmin<T>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged, INumber<T> { NotNull(a, b, destination); ElementwiseKernel.BinaryInto<T, FminOp<T>>(a, b, destination); }
    /// <summary>destination = logaddexp2(a, b).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="FloorDivide{T}(MaskedTensor{T}, MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void LogAddExp2<T>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(a, b, destination); ElementwiseKernel.BinaryInto<T, LogAddExp2Op<T>>(a, b, destination); }
    /// <summary>destination = nextafter(a, b).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="FloorDivide{T}(MaskedTensor{T}, MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void NextAfter<T>(MaskedTensor<T> a, MaskedTensor<T> b, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(a, b, destination); ElementwiseKernel.BinaryInto<T, NextAfterOp<T>>(a, b, destination); }
}
