using Xunit;

namespace Masked.Core.Tests.Autograd;

/// <summary>
/// The coverage suite's differentiable ops (and Normalize) against central finite differences in float64, as
/// <see cref="FiniteDifferenceTests"/>: loss = sum(f(x) * w) with random weights, h = 1e-6, |analytic - numeric| &lt;= 1e-5 + 1e-4 |numeric|;
/// masked inputs must get a masked gradient.
/// </summary>
public class CoverageFiniteDifferenceTests
{
    private const double H = 1e-6, Atol = 1e-5, Rtol = 1e-4;

    private static MaskedTensor<double> Input(Random rng, int[] shape, double lo, double hi, double validRate = 0.75)
    {
        int n = shape.Aggregate(1, (a, b) => a * b);
        var valid = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < validRate).ToArray();
        if (n > 0 && !valid.Any(v => v)) valid[0] = true;
        var data = valid.Select(v => v ? lo + rng.NextDouble() * (hi - lo) : double.NaN).ToArray();
        return MaskedTensor.Create(data, valid, shape);
    }

    private static double Loss(MaskedTensor<double> y, double[] w)
    {
        var v = y.ToArray(); var m = y.MaskToBools();
        double s = 0;
        for (int i = 0; i < v.Length; i++) if (m[i]) s += v[i] * w[i];
        return s;
    }

    private static void Check(string name, Func<MaskedTensor<double>[], MaskedTensor<double>> f, params MaskedTensor<double>[] inputs)
    {
        var rng = new Random(name.Length * 7919 + name[0]);
        foreach (var x in inputs) { x.RequireGrad(); x.ZeroGrad(); }
        var y = f(inputs);
        var w = Enumerable.Range(0, y.Length).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        (y * MaskedTensor.FromArray(w, y.Shape.ToArray())).Sum().Backward();
        int compared = 0;
        for (int k = 0; k < inputs.Length; k++)
        {
            var x = inputs[k];
            var grad = x.Grad ?? MaskedTensor.Empty<double>(x.Shape.ToArray());
            var gd = grad.ToArray(); var gm = grad.MaskToBools(); var xm = x.MaskToBools();
            var buf = x.Buffer.Span;
            for (int i = 0; i < x.Length; i++)
            {
                if (!xm[i]) { Assert.False(gm[i], $"{name}: masked input {k}[{i}] got a gradient"); continue; }
                double orig = buf[i], lp, lm;
                using (global::Masked.Autograd.NoGrad())
                {
                    buf[i] = orig + H; lp = Loss(f(inputs), w);
                    buf[i] = orig - H; lm = Loss(f(inputs), w);
                }
                buf[i] = orig;
                double numeric = (lp - lm) / (2 * H);
                double analytic = gm[i] ? gd[i] : 0;
                Assert.True(Math.Abs(analytic - numeric) <= Atol + Rtol * Math.Abs(numeric), $"{name}: input {k}[{i}] analytic {analytic} vs numeric {numeric}");
                compared++;
            }
        }
        Assert.True(compared > 0, $"{name}: nothing compared");
    }

    private static readonly Dictionary<string, (Func<MaskedTensor<double>, MaskedTensor<double>> f, double lo, double hi)> Unary = new()
    {
        ["acosh"] = (x => x.Acosh(), 1.2, 4), ["atanh"] = (x => x.Atanh(), -0.8, 0.8), ["exp2"] = (x => x.Exp2(), -2, 2),
        ["deg2rad"] = (x => x.Deg2Rad(), -200, 200), ["rad2deg"] = (x => x.Rad2Deg(), -3, 3), ["angle"] = (x => x.Angle(), -2, 2),
        ["frac"] = (x => x.Frac(), 1.1, 1.9), ["positive"] = (x => x.Positive(), -2, 2), ["sgn"] = (x => x.Sgn(), -2, 2),
        ["digamma"] = (x => x.Digamma(), 0.3, 6), ["digamma_negative"] = (x => x.Digamma(), -0.9, -0.1), ["lgamma"] = (x => x.Lgamma(), 0.2, 8),
        ["lgamma_negative"] = (x => x.Lgamma(), -2.9, -2.1), ["erf"] = (x => x.Erf(), -3, 3), ["erfc"] = (x => x.Erfc(), -3, 3),
        ["erfinv"] = (x => x.Erfinv(), -0.95, 0.95), ["i0"] = (x => x.I0(), -4, 4), ["i0_large"] = (x => x.I0(), 31, 34), ["sinc"] = (x => x.Sinc(), -2.5, 2.5),
        ["logit"] = (x => x.Logit(), 0.05, 0.95), ["logit_eps"] = (x => x.Logit(0.2), 0.25, 0.75), ["nan_to_num"] = (x => x.NanToNum(), -2, 2),
        ["normalize2"] = (x => x.Normalize(2, 1), -1, 1), ["normalize1"] = (x => x.Normalize(1, 2), 0.1, 1), ["normalize3"] = (x => x.Normalize(3, 0), 0.1, 1),
        ["normalize_inf"] = (x => x.Normalize(double.PositiveInfinity, -1), 0.1, 1), ["normalize_eps"] = (x => x.Normalize(2, 2, eps: 10), -1, 1),
    };

    public static TheoryData<string> UnaryNames() => new(Unary.Keys);

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void UnaryGradientsMatchFiniteDifferences(string op)
    {
        var (f, lo, hi) = Unary[op];
        var rng = new Random(op.Length * 31 + op[^1]);
        Check(op, xs => f(xs[0]), Input(rng, [3, 3, 5], lo, hi));
    }

    private static readonly Dictionary<string, (Func<MaskedTensor<double>, MaskedTensor<double>, MaskedTensor<double>> f, double lo, double hi)> Binary = new()
    {
        ["fmax"] = ((a, b) => a.Fmax(b), -2, 2), ["fmin"] = ((a, b) => a.Fmin(b), -2, 2), ["logaddexp2"] = ((a, b) => a.LogAddExp2(b), -3, 3),
        ["floor_divide"] = ((a, b) => a.FloorDivide(b), 0.3, 3),
    };

    public static TheoryData<string> BinaryNames() => new(Binary.Keys);

    [Theory]
    [MemberData(nameof(BinaryNames))]
    public void BinaryGradientsMatchFiniteDifferencesWithBroadcasting(string op)
    {
        var (f, lo, hi) = Binary[op];
        var rng = new Random(op.Length * 17 + op[0]);
        Check(op + " same shape", xs => f(xs[0], xs[1]), Input(rng, [3, 4], lo, hi), Input(rng, [3, 4], lo, hi));
        Check(op + " broadcast", xs => f(xs[0], xs[1]), Input(rng, [3, 1], lo, hi, 0.9), Input(rng, [2, 1, 4], lo, hi));
        Check(op + " row", xs => f(xs[0], xs[1]), Input(rng, [4], lo, hi, 0.9), Input(rng, [3, 4], lo, hi));
    }

    [Fact]
    public void FmaxAndFminSendTheGradientToTheNonNaNSide()
    {
        var a = MaskedTensor.Create(new[] { double.NaN, 1.0, 2.0, double.NaN }, new[] { true, true, true, true }, [4], requiresGrad: true);
        var b = MaskedTensor.Create(new[] { 3.0, double.NaN, 2.0, double.NaN }, new[] { true, true, true, true }, [4], requiresGrad: true);
        a.Fmax(b).Sum().Backward();
        // a NaN on one side: the other side takes the gradient; a tie or two NaNs: a takes it (torch's rule).
        Assert.Equal(new[] { 0.0, 1.0, 1.0, 1.0 }, a.Grad!.ToArray());
        Assert.Equal(new[] { 1.0, 0.0, 0.0, 0.0 }, b.Grad!.ToArray());
        a.ZeroGrad(); b.ZeroGrad();
        a.Fmin(b).Sum().Backward();
        Assert.Equal(new[] { 0.0, 1.0, 1.0, 1.0 }, a.Grad!.ToArray());
        Assert.Equal(new[] { 1.0, 0.0, 0.0, 0.0 }, b.Grad!.ToArray());
    }

    [Fact]
    public void NormalizeOfAnAllZeroSliceHasAFiniteGradient()
    {
        var x = MaskedTensor.Create(new[] { 0.0, 0.0, 1.0, 2.0 }, new[] { true, true, true, false }, [2, 2], requiresGrad: true);
        x.Normalize(2, 1).Sum().Backward();
        var g = x.Grad!.ToArray();
        Assert.All(g.Take(3), v => Assert.True(double.IsFinite(v), $"gradient {v}"));
        Assert.Equal(1e12, g[0], 1e-3 * 1e12); // d(x / eps)/dx inside the clamp
        Assert.False(x.Grad.MaskToBools()[3]);
    }
}
