using Xunit;

namespace Masked.Core.Tests.Ops;

/// <summary>No valid result may depend on what masked-out slots hold: the same valid values with different garbage give identical results.</summary>
public partial class GarbagePropertyTests
{
    private static readonly float[] Garbage = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1e30f, -1e30f, 0f, float.Epsilon];

    private static (MaskedTensor<float> a, MaskedTensor<float> b) Twins(Random rng, int[] shape, double validRate)
    {
        int n = shape.Aggregate(1, (x, y) => x * y);
        var valid = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < validRate).ToArray();
        var d1 = new float[n];
        var d2 = new float[n];
        for (int i = 0; i < n; i++)
        {
            float v = (float)(rng.NextDouble() * 3 - 1.5);
            d1[i] = valid[i] ? v : Garbage[rng.Next(Garbage.Length)];
            d2[i] = valid[i] ? v : Garbage[rng.Next(Garbage.Length)];
        }
        return (MaskedTensor.Create(d1, valid, shape), MaskedTensor.Create(d2, valid, shape));
    }

    private static void Same<T>(MaskedTensor<T> x, MaskedTensor<T> y, string what) where T : unmanaged
    {
        Assert.Equal(x.Shape, y.Shape);
        var mx = x.MaskToBools();
        Assert.True(mx.SequenceEqual(y.MaskToBools()), $"{what}: masks differ");
        var dx = x.ToArray(); var dy = y.ToArray();
        for (int i = 0; i < dx.Length; i++)
            if (mx[i]) Assert.True(EqualityComparer<T>.Default.Equals(dx[i], dy[i]), $"{what}[{i}]: {dx[i]} vs {dy[i]}");
    }

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(0, 12).Select(i => new object[] { i });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ForwardResultsIgnoreGarbage(int seed)
    {
        var rng = new Random(seed);
        int[] shape = [rng.Next(1, 5), rng.Next(1, 6), rng.Next(1, 70)];
        double rate = new[] { 0.0, 0.3, 0.7, 1.0 }[seed % 4];
        var (a1, a2) = Twins(rng, shape, rate);
        var (b1, b2) = Twins(rng, [shape[1], shape[2]], 0.8);
        var cond = MaskedTensor.FromArray(Enumerable.Range(0, shape[2]).Select(i => i % 2 == 0).ToArray(), shape[2]);

        var ops = new (string, Func<MaskedTensor<float>, MaskedTensor<float>, MaskedTensor<float>>)[]
        {
            ("exp", (a, _) => a.Exp()), ("log", (a, _) => a.Abs().Log1p()), ("tanh", (a, _) => a.Tanh()),
            ("add", (a, b) => a + b), ("mul", (a, b) => a * b), ("div", (a, b) => a / b), ("max", (a, b) => a.Maximum(b)),
            ("atan2", (a, b) => a.Atan2(b)), ("pow", (a, _) => a.Abs().Pow(1.5f)), ("clamp", (a, _) => a.Clamp(-0.5f, 0.5f)),
            ("sum", (a, _) => a.Sum()), ("sum1", (a, _) => a.Sum(1)), ("sum02", (a, _) => a.Sum(new[] { 0, 2 }, true)),
            ("mean", (a, _) => a.Mean(2)), ("prod", (a, _) => a.Prod(0)), ("amax", (a, _) => a.Amax(1)), ("amin", (a, _) => a.Amin()),
            ("var", (a, _) => a.Var(2)), ("std", (a, _) => a.Std(0, correction: 0)), ("norm", (a, _) => a.Norm(3, 2)),
            ("lse", (a, _) => a.LogSumExp(1)), ("median", (a, _) => a.Median(2)), ("quantile", (a, _) => a.Quantile(0.3, 0)),
            ("softmax", (a, _) => a.Softmax(2)), ("softmax0", (a, _) => a.Softmax(0)), ("logsoftmax", (a, _) => a.LogSoftmax(1)),
            ("softmin", (a, _) => a.Softmin(2)), ("cumsum", (a, _) => a.CumSum(2)), ("cumprod", (a, _) => a.CumProd(1)),
            ("where", (a, b) => MaskedTensor.Where(cond, a, b)), ("transposed", (a, _) => a.Transpose(0, 2).Exp().Sum(1)),
        };
        foreach (var (name, op) in ops) Same(op(a1, b1), op(a2, b2), name);
        Same(a1.ArgMax(2), a2.ArgMax(2), "argmax");
        Same(a1.ArgMin(), a2.ArgMin(), "argmin");
        Same(a1.Count(1), a2.Count(1), "count");
        Same(a1.Gt(0.1f).Any(2), a2.Gt(0.1f).Any(2), "any");
        Same(a1 < b1, a2 < b2, "lt");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void GradientsIgnoreGarbage(int seed)
    {
        var rng = new Random(100 + seed);
        int[] shape = [rng.Next(1, 4), rng.Next(1, 9)];
        var (a1, a2) = Twins(rng, shape, 0.6);
        var (b1, b2) = Twins(rng, shape, 0.6);
        Func<MaskedTensor<float>, MaskedTensor<float>, MaskedTensor<float>>[] losses =
        [
            (a, b) => (a * b).Exp().Sum(),
            (a, b) => a.Softmax(1).Mul(b).Sum(),
            (a, b) => (a / b).Tanh().Mean(),
            (a, b) => a.Var(1).Sum() + b.Amax(),
            (a, b) => a.CumProd(1).Sum() + a.Median(1).Sum() + b.Norm(2),
            (a, b) => a.LogSumExp(0).Sum() + a.Prod() + b.Quantile(0.4, 1).Sum(),
        ];
        foreach (var loss in losses)
        {
            a1.RequireGrad(); b1.RequireGrad(); a2.RequireGrad(); b2.RequireGrad();
            a1.ZeroGrad(); b1.ZeroGrad(); a2.ZeroGrad(); b2.ZeroGrad();
            var l1 = loss(a1, b1); var l2 = loss(a2, b2);
            Same(l1, l2, "loss");
            if (!l1.IsValid()) continue;
            l1.Backward(); l2.Backward();
            Same(a1.Grad!, a2.Grad!, "grad a");
            Same(b1.Grad!, b2.Grad!, "grad b");
        }
    }
}
