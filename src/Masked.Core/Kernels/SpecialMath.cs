namespace Masked.Kernels;

/// <summary>
/// Scalar special functions in double precision (float inputs are widened, then rounded back): error function
/// and its inverse, log-gamma, digamma/trigamma and the modified Bessel functions I0/I1. Every function is total —
/// any input, including NaN, ±Inf, 1e30 or a pole, returns a value after a bounded number of steps and never throws —
/// because elementwise kernels also run them on garbage in masked slots. Accuracy against mpmath: relative error
/// below 1e-11 away from zeros of the function (absolute error below 1e-15 near them).
/// </summary>
internal static class SpecialMath
{
    private static readonly double SqrtPi = Math.Sqrt(Math.PI);
    private static readonly double HalfLog2Pi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>erf(x) = 2/sqrt(pi) * e^(-x^2) * sum 2^n x^(2n+1) / (2n+1)!!  (all terms of one sign: no cancellation).</summary>
    private static double ErfSeries(double x)
    {
        double t = x, s = x, x2 = 2 * x * x;
        for (int n = 1; n < 200; n++)
        {
            t *= x2 / (2 * n + 1);
            s += t;
            if (Math.Abs(t) <= 1e-17 * Math.Abs(s)) break;
        }
        return 2 / SqrtPi * Math.Exp(-x * x) * s;
    }

    /// <summary>erfc(x) for x &gt;= 2.5 by the continued fraction e^(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))).</summary>
    private static double ErfcFraction(double x)
    {
        double t = x;
        for (int k = 60; k >= 1; k--) t = x + 0.5 * k / t;
        return Math.Exp(-x * x) / SqrtPi / t;
    }

    /// <summary>The error function (<c>torch.erf</c>).</summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        double a = Math.Abs(x);
        if (a < 2.5) return ErfSeries(x);
        double r = 1 - ErfcFraction(a);
        return x > 0 ? r : -r;
    }

    /// <summary>The complementary error function 1 - erf(x) (<c>torch.erfc</c>), accurate in the right tail.</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return x;
        if (Math.Abs(x) < 2.5) return 1 - ErfSeries(x);
        double r = ErfcFraction(Math.Abs(x));
        return x > 0 ? r : 2 - r;
    }

    /// <summary>
    /// The inverse error function (<c>torch.erfinv</c>): ±Inf at ±1, NaN outside [-1, 1]. A closed-form start
    /// (Winitzki's approximation, ~1e-3) refined by Halley steps on erf (or erfc near ±1, where 1 - |y| is exact).
    /// </summary>
    public static double Erfinv(double y)
    {
        if (double.IsNaN(y) || Math.Abs(y) > 1) return double.NaN;
        if (y == 1) return double.PositiveInfinity;
        if (y == -1) return double.NegativeInfinity;
        if (y == 0) return y;
        const double A = 0.147;
        double a = Math.Abs(y);
        double w = Math.Log((1 - a) * (1 + a));
        double c = 2 / (Math.PI * A) + w / 2;
        double x = Math.Sqrt(Math.Sqrt(c * c - w / A) - c);
        for (int i = 0; i < 4; i++)
        {
            double f = a <= 0.5 ? Erf(x) - a : (1 - a) - Erfc(x);
            double d = 2 / SqrtPi * Math.Exp(-x * x);
            if (d == 0 || double.IsNaN(f)) break;
            double u = f / d;
            x -= u / (1 + u * x);
        }
        return y > 0 ? x : -x;
    }

    /// <summary>sin(pi x), exact at integers (argument reduced before multiplying by pi).</summary>
    private static double SinPi(double x) => double.SinPi(x);

    /// <summary>Stirling's series for log Gamma(x), x &gt;= 10 (Bernoulli terms B2k / (2k(2k-1) x^(2k-1)) up to k = 7).</summary>
    private static double Stirling(double x)
    {
        double z = 1 / (x * x);
        double s = (1.0 / 12 + z * (-1.0 / 360 + z * (1.0 / 1260 + z * (-1.0 / 1680 + z * (1.0 / 1188 + z * (-691.0 / 360360 + z / 156)))))) / x;
        return (x - 0.5) * Math.Log(x) - x + HalfLog2Pi + s;
    }

    /// <summary>log |Gamma(x)| (<c>torch.lgamma</c>): +Inf at 0, at negative integers and at ±Inf.</summary>
    public static double Lgamma(double x)
    {
        if (double.IsNaN(x)) return x;
        if (double.IsInfinity(x)) return double.PositiveInfinity;
        if (x < 0.5)
        {
            if (x == Math.Floor(x)) return double.PositiveInfinity;
            return Math.Log(Math.PI / Math.Abs(SinPi(x))) - Lgamma(1 - x); // reflection: Gamma(x) Gamma(1-x) = pi / sin(pi x)
        }
        double p = 1;
        while (x < 10) { p *= x; x += 1; } // Gamma(x) = Gamma(x + n) / (x (x+1) ... (x+n-1))
        return Stirling(x) - Math.Log(p);
    }

    /// <summary>The digamma function psi = Gamma'/Gamma (<c>torch.digamma</c>): -Inf at +0 (+Inf at -0), NaN at negative integers and -Inf.</summary>
    public static double Digamma(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x == 0) return double.CopySign(double.PositiveInfinity, -x);
        if (double.IsPositiveInfinity(x)) return x;
        double r = 0;
        if (x < 0)
        {
            if (x == Math.Floor(x)) return double.NaN; // poles (and -Inf)
            r = -Math.PI / double.TanPi(x); // reflection: psi(1 - x) - psi(x) = pi cot(pi x)
            x = 1 - x;
        }
        while (x < 10) { r -= 1 / x; x += 1; }
        double z = 1 / (x * x);
        return r + Math.Log(x) - 0.5 / x - z * (1.0 / 12 - z * (1.0 / 120 - z * (1.0 / 252 - z * (1.0 / 240 - z * (1.0 / 132)))));
    }

    /// <summary>The trigamma function psi'(x) (<c>torch.polygamma(1, x)</c>), the derivative of digamma: +Inf at poles.</summary>
    public static double Trigamma(double x)
    {
        if (double.IsNaN(x)) return x;
        if (double.IsPositiveInfinity(x)) return 0;
        if (x < 0.5)
        {
            if (x == Math.Floor(x)) return double.PositiveInfinity; // poles (and -Inf)
            double s = SinPi(x);
            return Math.PI * Math.PI / (s * s) - Trigamma(1 - x); // reflection
        }
        double r = 0;
        while (x < 10) { r += 1 / (x * x); x += 1; }
        double z = 1 / (x * x);
        return r + 1 / x + z / 2 + z / x * (1.0 / 6 - z * (1.0 / 30 - z * (1.0 / 42 - z * (1.0 / 30 - z * 5.0 / 66))));
    }

    /// <summary>The modified Bessel function of the first kind of order 0 (<c>torch.i0</c>).</summary>
    public static double I0(double x) => BesselI(x, 0);

    /// <summary>The modified Bessel function of the first kind of order 1 (<c>torch.special.i1</c>), the derivative of I0.</summary>
    public static double I1(double x) => BesselI(x, 1);

    /// <summary>I_nu for nu = 0 or 1: the power series up to |x| = 30, the asymptotic expansion beyond.</summary>
    private static double BesselI(double x, int nu)
    {
        if (double.IsNaN(x)) return x;
        double a = Math.Abs(x);
        if (a <= 30)
        {
            double q = x * x / 4, t = nu == 0 ? 1 : x / 2, s = t;
            for (int k = 1; k < 500; k++)
            {
                t *= q / (k * (double)(k + nu));
                s += t;
                if (Math.Abs(t) <= 1e-17 * Math.Abs(s)) break;
            }
            return s;
        }
        // I_nu(a) ~ e^a / sqrt(2 pi a) * sum_k (-1)^k prod_{j<=k} (4 nu^2 - (2j-1)^2) / (k! (8a)^k), stopped at its smallest term.
        double term = 1, sum = 1, m = 4.0 * nu * nu;
        for (int k = 1; k < 100; k++)
        {
            double next = -term * (m - (2.0 * k - 1) * (2.0 * k - 1)) / (k * 8 * a);
            if (Math.Abs(next) >= Math.Abs(term)) break;
            term = next;
            sum += term;
            if (Math.Abs(term) < 1e-17 * Math.Abs(sum)) break;
        }
        double r = Math.Exp(a - 0.5 * Math.Log(2 * Math.PI * a)) * sum;
        return nu == 1 && x < 0 ? -r : r;
    }
}
