using Xunit;

namespace Masked.Core.Tests.Autograd;

/// <summary>
/// Every differentiable op against central finite differences in float64 on random masked inputs.
/// loss = sum(f(x) * w) with fixed random weights w, so every output entry's gradient matters.
/// Step h = 1e-6; tolerance |analytic - numeric| &lt;= 1e-5 + 1e-4 * |numeric|.
/// Masked input entries must get a masked gradient; valid entries a valid one (when the output reaches them).
/// </summary>
public class FiniteDifferenceTests
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

    /// <summary>Checks d loss / d input for each input of <paramref name="f"/>.</summary>
    private static void Check(string name, Func<MaskedTensor<double>[], MaskedTensor<double>> f, params MaskedTensor<double>[] inputs)
    {
        var rng = new Random(name.GetHashCode() & 0xFFFF);
        foreach (var x in inputs) { x.RequireGrad(); x.ZeroGrad(); }
        var y = f(inputs);
        var w = Enumerable.Range(0, y.Length).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var wt = MaskedTensor.FromArray(w, y.Shape.ToArray());
        (y * wt).Sum().Backward();

        for (int k = 0; k < inputs.Length; k++)
        {
            var x = inputs[k];
            var grad = x.Grad ?? MaskedTensor.Empty<double>(x.Shape.ToArray());
            var gd = grad.ToArray(); var gm = grad.MaskToBools(); var xm = x.MaskToBools();
            var buf = x.Buffer.Span;
            for (int i = 0; i < x.Length; i++)
            {
                if (!xm[i]) { Assert.False(gm[i], $"{name}: masked input {k}[{i}] got a gradient"); continue; }
                double orig = buf[i];
                double lp, lm;
                using (global::Masked.Autograd.NoGrad())
                {
                    buf[i] = orig + H; lp = Loss(f(inputs), w);
                    buf[i] = orig - H; lm = Loss(f(inputs), w);
                }
                buf[i] = orig;
                double numeric = (lp - lm) / (2 * H);
                double analytic = gm[i] ? gd[i] : 0; // a masked gradient means no path: numerically 0
                Assert.True(Math.Abs(analytic - numeric) <= Atol + Rtol * Math.Abs(numeric),
                    $"{name}: input {k}[{i}] analytic {analytic} vs numeric {numeric}");
            }
        }
    }

    public static TheoryData<string> UnaryNames() => new(Unary.Keys);

    private static readonly Dictionary<string, (Func<MaskedTensor<double>, MaskedTensor<double>> f, double lo, double hi)> Unary = new()
    {
        ["neg"] = (x => -x, -2, 2), ["abs"] = (x => x.Abs(), 0.1, 2), ["exp"] = (x => x.Exp(), -2, 2), ["expm1"] = (x => x.Expm1(), -2, 2),
        ["log"] = (x => x.Log(), 0.2, 3), ["log1p"] = (x => x.Log1p(), -0.5, 2), ["log2"] = (x => x.Log2(), 0.2, 3), ["log10"] = (x => x.Log10(), 0.2, 3),
        ["sqrt"] = (x => x.Sqrt(), 0.2, 3), ["rsqrt"] = (x => x.Rsqrt(), 0.2, 3), ["sin"] = (x => x.Sin(), -3, 3), ["cos"] = (x => x.Cos(), -3, 3),
        ["tan"] = (x => x.Tan(), -1, 1), ["tanh"] = (x => x.Tanh(), -2, 2), ["sigmoid"] = (x => x.Sigmoid(), -3, 3), ["sign"] = (x => x.Sign(), 0.1, 2),
        ["floor"] = (x => x.Floor(), 0.1, 0.9), ["ceil"] = (x => x.Ceil(), 0.1, 0.9), ["round"] = (x => x.Round(), 0.1, 0.4), ["trunc"] = (x => x.Trunc(), 0.1, 0.9),
        ["reciprocal"] = (x => x.Reciprocal(), 0.3, 3), ["square"] = (x => x.Square(), -2, 2), ["asin"] = (x => x.Asin(), -0.8, 0.8), ["acos"] = (x => x.Acos(), -0.8, 0.8),
        ["atan"] = (x => x.Atan(), -2, 2), ["sinh"] = (x => x.Sinh(), -2, 2), ["cosh"] = (x => x.Cosh(), -2, 2), ["asinh"] = (x => x.Asinh(), -2, 2),
        ["pow"] = (x => x.Pow(2.5), 0.2, 2), ["clamp"] = (x => x.Clamp(-0.5, 0.5), -1, 1),
        ["sum"] = (x => x.Sum(), -1, 1), ["sum_dim"] = (x => x.Sum(1), -1, 1), ["sum_dims_keep"] = (x => x.Sum(new[] { 0, 2 }, true), -1, 1),
        ["mean"] = (x => x.Mean(2), -1, 1), ["mean_multi"] = (x => x.Mean(new[] { 2, 0 }), -1, 1), ["prod"] = (x => x.Prod(2), 0.5, 1.5),
        ["amax"] = (x => x.Amax(1), -1, 1), ["amin"] = (x => x.Amin(), -1, 1), ["var"] = (x => x.Var(2), -1, 1), ["std"] = (x => x.Std(1, correction: 0), -1, 1),
        ["norm1"] = (x => x.Norm(1, 2), 0.1, 1), ["norm2"] = (x => x.Norm(2, 0), -1, 1), ["norm3"] = (x => x.Norm(3, 2), 0.1, 1), ["norminf"] = (x => x.Norm(double.PositiveInfinity, 1), 0.1, 1),
        ["logsumexp"] = (x => x.LogSumExp(1), -1, 1), ["median"] = (x => x.Median(2), -1, 1), ["quantile"] = (x => x.Quantile(0.3, 2), -1, 1),
        ["softmax"] = (x => x.Softmax(2), -1, 1), ["softmax0"] = (x => x.Softmax(0), -1, 1), ["log_softmax"] = (x => x.LogSoftmax(1), -1, 1),
        ["softmin"] = (x => x.Softmin(2), -1, 1), ["cumsum"] = (x => x.CumSum(2), -1, 1), ["cumprod"] = (x => x.CumProd(1), 0.5, 1.5),
        ["select"] = (x => x.Select(1, 1).Exp(), -1, 1), ["slice_step"] = (x => x.Slice(2, 1, 5, 2), -1, 1), ["transpose"] = (x => x.Transpose(0, 2).Softmax(0), -1, 1),
        ["reshape"] = (x => x.Reshape(-1).CumSum(0), -1, 1), ["unsqueeze"] = (x => x.Unsqueeze(1).Sum(3), -1, 1), ["indexer"] = (x => x[.., 1.., ^2], -1, 1),
        ["permute_contiguous"] = (x => x.Permute(2, 0, 1).Contiguous().Reshape(5, -1).Sum(0), -1, 1),
        ["to_tensor"] = (x => x.ToTensor(0.0).Exp(), -1, 1),
        ["two_paths"] = (x => x * x + x.Exp() + x.Transpose(0, 1).Sum(0).Unsqueeze(0), -1, 1),
    };

    [Theory]
    [MemberData(nameof(UnaryNames))]
    public void UnaryReductionAndViewGradientsMatchFiniteDifferences(string op)
    {
        var (f, lo, hi) = Unary[op];
        var rng = new Random(op.Length * 31 + op[0]);
        Check(op, xs => f(xs[0]), Input(rng, [3, 3, 5], lo, hi));
    }

    public static TheoryData<string> BinaryNames() => new(Binary.Keys);

    private static readonly Dictionary<string, (Func<MaskedTensor<double>, MaskedTensor<double>, MaskedTensor<double>> f, double lo, double hi)> Binary = new()
    {
        ["add"] = ((a, b) => a + b, -2, 2), ["sub"] = ((a, b) => a - b, -2, 2), ["mul"] = ((a, b) => a * b, -2, 2), ["div"] = ((a, b) => a / b, 0.5, 2),
        ["maximum"] = ((a, b) => a.Maximum(b), -2, 2), ["minimum"] = ((a, b) => a.Minimum(b), -2, 2), ["atan2"] = ((a, b) => a.Atan2(b), 0.2, 2),
        ["fmod"] = ((a, b) => a.Fmod(b), 0.3, 2), ["remainder"] = ((a, b) => a.Remainder(b), 0.3, 2), ["logaddexp"] = ((a, b) => a.LogAddExp(b), -2, 2),
        ["pow"] = ((a, b) => a.Pow(b), 0.5, 2),
        ["where"] = ((a, b) => MaskedTensor.Where(MaskedTensor.FromArray(new[] { true, false, true, true }, 4), a, b), -2, 2),
    };

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
    public void AsMaskedGradientFlowsIntoThePlainTensor()
    {
        var rng = new Random(5);
        var mask = MaskedTensor.FromArray(Enumerable.Range(0, 12).Select(i => i % 3 != 1).ToArray(), 3, 4);
        var x = Input(rng, [3, 4], -1, 1, 1.0);
        Check("as_masked", xs => MaskedTensor.AsMasked(xs[0].Exp(), mask).Softmax(1), x);
        var m = x.Grad!.MaskToBools();
        for (int i = 0; i < 12; i++) Assert.Equal(i % 3 != 1, m[i]);
    }
}
