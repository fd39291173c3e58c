using Xunit;

namespace Masked.Core.Tests.Autograd;

public class OptimizerTests
{
    /// <summary>y = X w + b with 30% of the targets missing; the loss averages over valid targets only.</summary>
    private static (MaskedTensor<double> X, MaskedTensor<double> y) Problem(double[] w, double bias)
    {
        var rng = new Random(9);
        int n = 200, d = w.Length;
        var x = new double[n * d];
        var y = new double[n];
        var valid = new bool[n];
        for (int i = 0; i < n; i++)
        {
            double t = bias;
            for (int j = 0; j < d; j++) { x[i * d + j] = rng.NextDouble() * 2 - 1; t += w[j] * x[i * d + j]; }
            valid[i] = rng.NextDouble() >= 0.3;
            y[i] = valid[i] ? t : (i % 2 == 0 ? double.NaN : 1e30); // missing targets hold garbage
        }
        return (MaskedTensor.FromArray(x, n, d), MaskedTensor.Create(y, valid, n, 1));
    }

    private static void Train(Func<MaskedTensor<double>[], MaskedOptimizer<double>> make, int steps)
    {
        double[] trueW = [1.5, -2.0, 0.5];
        var (x, y) = Problem(trueW, 0.25);
        var w = MaskedTensor.FromArray(new double[3], 1, 3).RequireGrad();
        var b = MaskedTensor.FromArray(new double[1], 1).RequireGrad();
        var opt = make([w, b]);
        double last = double.NaN;
        for (int s = 0; s < steps; s++)
        {
            opt.ZeroGrad();
            var pred = (x * w).Sum(1, keepDim: true) + b;
            var loss = (pred - y).Square().Mean();
            last = loss.Item();
            Assert.False(double.IsNaN(last));
            loss.Backward();
            opt.Step();
        }
        Assert.True(last < 1e-8, $"final loss {last}");
        var wv = w.ToArray();
        for (int j = 0; j < 3; j++) Assert.Equal(trueW[j], wv[j], 3);
        Assert.Equal(0.25, b.ToArray()[0], 3);
    }

    [Fact]
    public void SgdWithMomentumLearnsFromMissingTargets() => Train(p => new MaskedSgd<double>(p, 0.1, momentum: 0.9), 400);

    [Fact]
    public void AdamLearnsFromMissingTargets() => Train(p => new MaskedAdam<double>(p, 0.05), 1500);

    [Fact]
    public void MaskedGradientEntriesLeaveParametersUntouched()
    {
        var p = MaskedTensor.Create(new float[] { 1, 2, 3 }, new[] { true, true, false }, 3).RequireGrad();
        // The gradient reaches only entry 0: entry 1 gets "no gradient", entry 2 is a masked parameter.
        var sel = MaskedTensor.AsMasked(p, MaskedTensor.FromArray(new[] { true, false, true }, 3));
        sel.Sum().Backward();
        foreach (MaskedOptimizer<float> opt in new MaskedOptimizer<float>[] { new MaskedSgd<float>([p], 0.5, weightDecay: 0.1), new MaskedAdam<float>([p], 0.5, weightDecay: 0.1) })
        {
            var before = p.ToArray();
            opt.Step();
            var after = p.ToArray();
            Assert.NotEqual(before[0], after[0]);
            Assert.Equal(before[1], after[1]); // no gradient: no decay, no step — unlike a zero gradient
            Assert.Equal(before[2], after[2]);
        }
    }

    [Fact]
    public void BadParametersAreRejected()
    {
        var notLeaf = MaskedTensor.FromArray(new float[] { 1 }, 1).RequireGrad().Exp();
        Assert.Throws<ArgumentException>(() => new MaskedSgd<float>([notLeaf], 0.1));
        Assert.Throws<ArgumentException>(() => new MaskedSgd<float>([MaskedTensor.FromArray(new float[] { 1 }, 1)], 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MaskedAdam<float>([MaskedTensor.FromArray(new float[] { 1 }, 1).RequireGrad()], -1));
    }
}
