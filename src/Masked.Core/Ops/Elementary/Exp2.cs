using System.Numerics;
using System.Numerics.Tensors;
using Masked.Kernels;

namespace Masked;

internal struct AcoshOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Acosh(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Acosh(x, d); }
internal struct AtanhOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Atanh(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Atanh(x, d); }
/// <summary>
/// 2^x element by element: <c>TensorPrimitives.Exp2</c> on doubles switches a whole vector to another path when one lane is out
/// of range, so a valid result could differ in the last bit depending on garbage in a masked neighbour.
/// </summary>
internal struct Exp2Op<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{ public static T Invoke(T x) => T.Exp2(x); public static void Invoke(ReadOnlySpan<T> x, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = T.Exp2(x[i]); } }

/// <summary>x * pi / 180, in the tensor's own precision (as torch: the constant is rounded to T first).</summary>
internal struct Deg2RadOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static readonly T Factor = T.CreateTruncating(Math.PI / 180);
    public static T Invoke(T x) => x * Factor;
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Multiply(x, Factor, d);
}

/// <summary>x * 180 / pi.</summary>
internal struct Rad2DegOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static readonly T Factor = T.CreateTruncating(180 / Math.PI);
    public static T Invoke(T x) => x * Factor;
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => TensorPrimitives.Multiply(x, Factor, d);
}

/// <summary>The argument of a real number: pi for x &lt; 0, else 0; NaN stays NaN.</summary>
internal struct AngleOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T x) => T.IsNaN(x) ? x : x < T.Zero ? T.Pi : T.Zero;
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(x[i]); }
}

/// <summary>x - trunc(x) (the sign follows x; ±Inf gives NaN, as torch).</summary>
internal struct FracOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T x) => x - T.Truncate(x);
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) { TensorPrimitives.Truncate(x, d); TensorPrimitives.Subtract(x, d, d); }
}

/// <summary>The identity (a copy).</summary>
internal struct PositiveOp<T> : IUnaryOperator<T> where T : INumber<T>
{ public static T Invoke(T x) => x; public static void Invoke(ReadOnlySpan<T> x, Span<T> d) => x.CopyTo(d); }

/// <summary>The sign of a real number as <c>torch.sgn</c>/<c>torch.sign</c> compute it: (0 &lt; x) - (x &lt; 0), so NaN gives 0. Safe on any integer.</summary>
internal struct SgnOp<T> : IUnaryOperator<T> where T : INumber<T>
{
    public static T Invoke(T x) => x > T.Zero ? T.One : x < T.Zero ? -T.One : T.Zero;
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(x[i]); }
}

/// <summary>d/dx acosh(x) = 1 / sqrt(x^2 - 1).</summary>
internal struct AcoshDerivativeOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T x) => T.One / T.Sqrt(x * x - T.One);
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(x[i]); }
}

/// <summary>d/dx atanh(x) = 1 / (1 - x^2).</summary>
internal struct AtanhDerivativeOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T x) => T.One / (T.One - x * x);
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(x[i]); }
}

/// <summary>
/// Elementary functions of the coverage suite: <c>Acosh Atanh Exp2 Deg2Rad Rad2Deg Angle Frac Positive Sgn</c>. Each keeps
/// its input's mask (a masked entry stays masked), records its backward rule for autograd and has a destination overload
/// that writes data and validity into a caller's tensor without allocating (not recorded for autograd).
/// </summary>
public static partial class MaskedTensor
{
    /// <summary>The elementwise derivative d(x) = TOp(x) times the output gradient (a masked gradient entry stays masked).</summary>
    private static MaskedTensor<T> ChainUnary<T, TOp>(MaskedTensor<T> g, MaskedTensor<T> x) where T : unmanaged, INumber<T> where TOp : IUnaryOperator<T>
        => Mul(g, ElementwiseKernel.Unary<T, TOp>(x));

    /// <summary>A valid 0 wherever the output gradient is valid: the gradient of a piecewise-constant op.</summary>
    private static MaskedTensor<T> ZeroGradientLike<T>(MaskedTensor<T> g) where T : unmanaged, INumber<T> => Mul(g, Scalar(T.Zero));

    /// <summary>Checks both arguments of a destination overload for null.</summary>
    private static void NotNull<TA, TD>(MaskedTensor<TA> x, MaskedTensor<TD> destination) where TA : unmanaged where TD : unmanaged
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(destination);
    }

    /// <summary>Elementwise inverse hyperbolic cosine, as <see href="https://pytorch.org/docs/stable/generated/torch.acosh.html">torch.acosh</see> (NaN below 1); gradient 1/sqrt(x²-1).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Acosh<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, AcoshOp<T>>(x, (g, _) => ChainUnary<T, AcoshDerivativeOp<T>>(g, x));

    /// <summary>Elementwise inverse hyperbolic tangent, as <see href="https://pytorch.org/docs/stable/generated/torch.atanh.html">torch.atanh</see> (±Inf at ±1, NaN beyond); gradient 1/(1-x²).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Atanh<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, AtanhOp<T>>(x, (g, _) => ChainUnary<T, AtanhDerivativeOp<T>>(g, x));

    /// <summary>Elementwise 2^x, as <see href="https://pytorch.org/docs/stable/generated/torch.exp2.html">torch.exp2</see>; gradient 2^x ln 2.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Exp2<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, Exp2Op<T>>(x, (g, y) => Mul(g, Mul(y, Scalar(T.CreateTruncating(Math.Log(2))))));

    /// <summary>Degrees to radians, as <see href="https://pytorch.org/docs/stable/generated/torch.deg2rad.html">torch.deg2rad</see>; gradient pi/180.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Deg2Rad<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, Deg2RadOp<T>>(x, (g, _) => Mul(g, Scalar(Deg2RadOp<T>.Factor)));

    /// <summary>Radians to degrees, as <see href="https://pytorch.org/docs/stable/generated/torch.rad2deg.html">torch.rad2deg</see>; gradient 180/pi.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Rad2Deg<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, Rad2DegOp<T>>(x, (g, _) => Mul(g, Scalar(Rad2DegOp<T>.Factor)));

    /// <summary>The argument of each real entry, as <see href="https://pytorch.org/docs/stable/generated/torch.angle.html">torch.angle</see>: pi where x &lt; 0, else 0 (NaN stays NaN); gradient 0.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Angle<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, AngleOp<T>>(x, (g, _) => ZeroGradientLike(g));

    /// <summary>The fractional part x - trunc(x), as <see href="https://pytorch.org/docs/stable/generated/torch.frac.html">torch.frac</see> (sign of x; ±Inf gives NaN); gradient 1.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Frac<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, FracOp<T>>(x, (g, _) => g);

    /// <summary>
    /// The input itself, as <see href="https://pytorch.org/docs/stable/generated/torch.positive.html">torch.positive</see> (unary plus); a new tensor
    /// with the same data and mask; gradient 1. Any element type but bool.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Positive<T>(this MaskedTensor<T> x) where T : unmanaged, INumber<T>
        => RecordUnary<T, PositiveOp<T>>(x, (g, _) => g);

    /// <summary>
    /// The sign of each real entry (-1, 0 or 1), as <see href="https://pytorch.org/docs/stable/generated/torch.sgn.html">torch.sgn</see>, which for real
    /// inputs is <c>torch.sign</c>: computed as (0 &lt; x) - (x &lt; 0), so a valid NaN gives 0 (unlike <see cref="Sign{T}"/>, which keeps NaN).
    /// Gradient 0. Any element type but bool; safe on any integer (no overflow).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Sgn<T>(this MaskedTensor<T> x) where T : unmanaged, INumber<T>
        => RecordUnary<T, SgnOp<T>>(x, (g, _) => ZeroGradientLike(g));

    /// <summary>destination = acosh(x) (data and validity; nothing allocated; not recorded for autograd).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape differs from x's, it is not contiguous, or it has no validity bitmap while x is masked.</exception>
    public static void Acosh<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, AcoshOp<T>>(x, destination); }
    /// <summary>destination = atanh(x).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="Acosh{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void Atanh<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, AtanhOp<T>>(x, destination); }
    /// <summary>destination = 2^x.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="Acosh{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void Exp2<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, Exp2Op<T>>(x, destination); }
    /// <summary>destination = deg2rad(x).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="Acosh{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void Deg2Rad<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, Deg2RadOp<T>>(x, destination); }
    /// <summary>destination = rad2deg(x).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="Acosh{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void Rad2Deg<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, Rad2DegOp<T>>(x, destination); }
    /// <summary>destination = angle(x).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="Acosh{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void Angle<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, AngleOp<T>>(x, destination); }
    /// <summary>destination = frac(x).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="Acosh{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void Frac<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, FracOp<T>>(x, destination); }
    /// <summary>destination = x (data and validity copied).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="Acosh{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void Positive<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, INumber<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, PositiveOp<T>>(x, destination); }
    /// <summary>destination = sgn(x).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="Acosh{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void Sgn<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, INumber<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, SgnOp<T>>(x, destination); }
}
