using System.Numerics;
using Masked.Kernels;

namespace Masked;

/// <summary>A scalar function of double applied elementwise in T (float inputs are widened, the result rounded back).</summary>
internal interface IDoubleFunction
{
    static abstract double Invoke(double x);
}

/// <summary>Runs an <see cref="IDoubleFunction"/> as a unary operator. Total: the functions never throw, so garbage is safe.</summary>
internal struct DoubleFunctionOp<T, TF> : IUnaryOperator<T> where T : IFloatingPointIeee754<T> where TF : IDoubleFunction
{
    public static T Invoke(T x) => T.CreateTruncating(TF.Invoke(double.CreateTruncating(x)));
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(x[i]); }
}

internal struct ErfFunction : IDoubleFunction { public static double Invoke(double x) => SpecialMath.Erf(x); }
internal struct ErfcFunction : IDoubleFunction { public static double Invoke(double x) => SpecialMath.Erfc(x); }
internal struct ErfinvFunction : IDoubleFunction { public static double Invoke(double x) => SpecialMath.Erfinv(x); }
internal struct LgammaFunction : IDoubleFunction { public static double Invoke(double x) => SpecialMath.Lgamma(x); }
internal struct DigammaFunction : IDoubleFunction { public static double Invoke(double x) => SpecialMath.Digamma(x); }
internal struct TrigammaFunction : IDoubleFunction { public static double Invoke(double x) => SpecialMath.Trigamma(x); }
internal struct I0Function : IDoubleFunction { public static double Invoke(double x) => SpecialMath.I0(x); }
internal struct I1Function : IDoubleFunction { public static double Invoke(double x) => SpecialMath.I1(x); }

/// <summary>d/dx erf(x) = 2/sqrt(pi) e^(-x^2).</summary>
internal struct ErfDerivativeFunction : IDoubleFunction { public static double Invoke(double x) => 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x); }

/// <summary>d/dy erfinv(y) = sqrt(pi)/2 e^(erfinv(y)^2).</summary>
internal struct ErfinvDerivativeFunction : IDoubleFunction
{
    public static double Invoke(double y) { double x = SpecialMath.Erfinv(y); return Math.Sqrt(Math.PI) / 2 * Math.Exp(x * x); }
}

/// <summary>sin(pi x) / (pi x), 1 at 0, computed in T as torch does.</summary>
internal struct SincOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T x)
    {
        if (x == T.Zero) return T.One;
        T p = T.Pi * x;
        return T.Sin(p) / p;
    }
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(x[i]); }
}

/// <summary>d/dx sinc(x) = (pi x cos(pi x) - sin(pi x)) / (pi x^2), 0 at 0 (torch's <c>sinc_backward</c>).</summary>
internal struct SincDerivativeOp<T> : IUnaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T x)
    {
        T p = T.Pi * x, den = p * x;
        return den == T.Zero ? T.Zero : (p * T.Cos(p) - T.Sin(p)) / den;
    }
    public static void Invoke(ReadOnlySpan<T> x, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(x[i]); }
}

/// <summary>logit(x) = log(x / (1 - x)); with eps &gt;= 0 (second operand) x is first clamped to [eps, 1 - eps]; eps &lt; 0 means none.</summary>
internal struct LogitOp<T> : IBinaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T x, T eps)
    {
        if (eps >= T.Zero) x = T.Min(T.Max(x, eps), T.One - eps); // NaN stays NaN (Min/Max propagate it)
        return T.Log(x / (T.One - x));
    }
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
}

/// <summary>
/// d/dx logit(x) = 1 / (x (1 - x)) as torch's <c>logit_backward</c>: with eps, 0 outside [eps, 1 - eps]; without, NaN outside [0, 1].
/// </summary>
internal struct LogitDerivativeOp<T> : IBinaryOperator<T> where T : IFloatingPointIeee754<T>
{
    public static T Invoke(T x, T eps)
    {
        if (eps < T.Zero) return x < T.Zero || x > T.One ? T.NaN : T.One / (x * (T.One - x));
        return x < eps || x > T.One - eps ? T.Zero : T.One / (x * (T.One - x));
    }
    public static void Invoke(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) { for (int i = 0; i < d.Length; i++) d[i] = Invoke(a[i], b[i]); }
}

/// <summary>
/// Special functions of the coverage suite (the <c>torch.special</c> family): <c>Erf Erfc Erfinv Lgamma Digamma I0 Sinc Logit</c>.
/// Each keeps its input's mask, has its backward rule beside it and a destination overload (not recorded for autograd).
/// Evaluated in double precision (<c>SpecialMath</c>) and rounded to the tensor's type.
/// </summary>
public static partial class MaskedTensor
{
    private static MaskedTensor<T> ChainDouble<T, TF>(MaskedTensor<T> g, MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T> where TF : IDoubleFunction
        => ChainUnary<T, DoubleFunctionOp<T, TF>>(g, x);

    /// <summary>The error function, as <see href="https://pytorch.org/docs/stable/special.html#torch.special.erf">torch.erf</see>; gradient 2/sqrt(pi) e^(-x²).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Erf<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, DoubleFunctionOp<T, ErfFunction>>(x, (g, _) => ChainDouble<T, ErfDerivativeFunction>(g, x));

    /// <summary>The complementary error function 1 - erf(x), as <see href="https://pytorch.org/docs/stable/special.html#torch.special.erfc">torch.erfc</see>; gradient -2/sqrt(pi) e^(-x²).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Erfc<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, DoubleFunctionOp<T, ErfcFunction>>(x, (g, _) => Neg(ChainDouble<T, ErfDerivativeFunction>(g, x)));

    /// <summary>
    /// The inverse error function, as <see href="https://pytorch.org/docs/stable/special.html#torch.special.erfinv">torch.erfinv</see> (±Inf at ±1, NaN outside
    /// [-1, 1]); gradient sqrt(pi)/2 e^(erfinv(x)²).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Erfinv<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, DoubleFunctionOp<T, ErfinvFunction>>(x, (g, _) => ChainDouble<T, ErfinvDerivativeFunction>(g, x));

    /// <summary>
    /// log |Γ(x)|, as <see href="https://pytorch.org/docs/stable/generated/torch.lgamma.html">torch.lgamma</see> (+Inf at 0 and the negative integers);
    /// gradient digamma(x).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Lgamma<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, DoubleFunctionOp<T, LgammaFunction>>(x, (g, _) => ChainDouble<T, DigammaFunction>(g, x));

    /// <summary>
    /// The digamma function Γ'/Γ, as <see href="https://pytorch.org/docs/stable/special.html#torch.special.digamma">torch.digamma</see> (-Inf at +0, NaN at the
    /// negative integers); gradient trigamma(x) (<c>torch.polygamma(1, x)</c>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Digamma<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, DoubleFunctionOp<T, DigammaFunction>>(x, (g, _) => ChainDouble<T, TrigammaFunction>(g, x));

    /// <summary>
    /// The modified Bessel function of the first kind of order 0, as <see href="https://pytorch.org/docs/stable/special.html#torch.special.i0">torch.i0</see>;
    /// gradient I1(x).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> I0<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, DoubleFunctionOp<T, I0Function>>(x, (g, _) => ChainDouble<T, I1Function>(g, x));

    /// <summary>
    /// The normalized sinc sin(pi x)/(pi x) (1 at 0), as <see href="https://pytorch.org/docs/stable/special.html#torch.special.sinc">torch.sinc</see>;
    /// gradient (pi x cos(pi x) - sin(pi x)) / (pi x²), 0 at 0.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static MaskedTensor<T> Sinc<T>(this MaskedTensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
        => RecordUnary<T, SincOp<T>>(x, (g, _) => ChainUnary<T, SincDerivativeOp<T>>(g, x));

    /// <summary>
    /// log(x / (1 - x)), as <see href="https://pytorch.org/docs/stable/special.html#torch.special.logit">torch.logit</see>. With <paramref name="eps"/>, x is
    /// first clamped to [eps, 1 - eps] and the gradient is 0 outside that range; without, the gradient 1/(x(1-x)) is NaN outside [0, 1].
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="eps"/> is negative, NaN or above 0.5.</exception>
    public static MaskedTensor<T> Logit<T>(this MaskedTensor<T> x, double? eps = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(x);
        var e = Scalar(T.CreateTruncating(LogitEps(eps)));
        var y = ElementwiseKernel.Binary<T, LogitOp<T>>(x, e);
        return Autograd.Record(y, g => [Mul(g, ElementwiseKernel.Binary<T, LogitDerivativeOp<T>>(x, e))], x);
    }

    private static double LogitEps(double? eps)
    {
        if (eps is not double v) return -1;
        if (double.IsNaN(v) || v < 0 || v > 0.5) ThrowHelper.ThrowOutOfRange(nameof(eps), v, "Logit: eps must be in [0, 0.5].");
        return v;
    }

    /// <summary>destination = erf(x) (data and validity; nothing allocated; not recorded for autograd).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination's shape differs from x's, it is not contiguous, or it has no validity bitmap while x is masked.</exception>
    public static void Erf<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, DoubleFunctionOp<T, ErfFunction>>(x, destination); }
    /// <summary>destination = erfc(x).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="Erf{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void Erfc<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, DoubleFunctionOp<T, ErfcFunction>>(x, destination); }
    /// <summary>destination = erfinv(x).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="Erf{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void Erfinv<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, DoubleFunctionOp<T, ErfinvFunction>>(x, destination); }
    /// <summary>destination = lgamma(x).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="Erf{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void Lgamma<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, DoubleFunctionOp<T, LgammaFunction>>(x, destination); }
    /// <summary>destination = digamma(x).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="Erf{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void Digamma<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, DoubleFunctionOp<T, DigammaFunction>>(x, destination); }
    /// <summary>destination = i0(x).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="Erf{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void I0<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, DoubleFunctionOp<T, I0Function>>(x, destination); }
    /// <summary>destination = sinc(x).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="Erf{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void Sinc<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T> { NotNull(x, destination); ElementwiseKernel.UnaryInto<T, SincOp<T>>(x, destination); }
    /// <summary>destination = logit(x) (no eps).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The destination does not fit (see <see cref="Erf{T}(MaskedTensor{T}, MaskedTensor{T})"/>).</exception>
    public static void Logit<T>(MaskedTensor<T> x, MaskedTensor<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        NotNull(x, destination);
        ElementwiseKernel.BinaryInto<T, LogitOp<T>>(x, Scalar(-T.One), destination);
    }
}
