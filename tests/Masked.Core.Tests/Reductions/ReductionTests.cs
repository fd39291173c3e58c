using Xunit;

namespace Masked.Core.Tests.Reductions;

public class ReductionTests
{
    [Fact]
    public void TenMillionFloatSumDoesNotDrift()
    {
        const int n = 10_000_000;
        var rng = new Random(7);
        var data = new float[n];
        var valid = new bool[n];
        double exact = 0;
        for (int i = 0; i < n; i++)
        {
            data[i] = (float)(rng.NextDouble() * 100);
            valid[i] = rng.NextDouble() >= 0.1;
            if (valid[i]) exact += data[i]; // double accumulation of float values: exact to ~1e-12 here
            else data[i] = float.NaN;
        }
        var t = MaskedTensor.Create(data, valid, n);
        double got = t.Sum().Item();
        Assert.True(Math.Abs(got - exact) <= 1e-6 * Math.Abs(exact), $"sum {got} vs exact {exact}: relative error {Math.Abs(got - exact) / exact:E2}");
        // Plain float accumulation drifts far beyond that: the guarantee is not vacuous.
        float naive = 0;
        for (int i = 0; i < n; i++) if (valid[i]) naive += data[i];
        Assert.True(Math.Abs(naive - exact) > 1e-6 * exact);
        double mean = t.Mean().Item();
        Assert.True(Math.Abs(mean - exact / t.ValidCount) <= 1e-6 * Math.Abs(exact / t.ValidCount));
    }

    [Fact]
    public void ReductionOverNothingIsMaskedNeverNaN()
    {
        var t = MaskedTensor.Create(new float[] { float.NaN, 1, float.PositiveInfinity, 2 }, new[] { false, true, false, false }, 2, 2);
        foreach (var r in new[] { t.Sum(1), t.Mean(1), t.Amax(1), t.Var(1, correction: 0), t.Norm(2, 1), t.LogSumExp(1), t.Median(1), t.Quantile(0.5, 1), t.Prod(1) })
            Assert.Equal(new[] { true, false }, r.MaskToBools());
        Assert.Equal(new[] { false, false }, t.Var(1).MaskToBools()); // one valid entry, correction 1
        Assert.Equal(new long[] { 1, 0 }, t.Count(1).ToArray());
        Assert.False(t.Count(1).HasMask);
        Assert.Equal(new[] { true, false }, t.ArgMax(1).MaskToBools());
        Assert.Equal(t.MaskToBools(), t.Softmax(1).MaskToBools());
    }

    [Fact]
    public void MultiDimReductionsMatchAReferenceLoop()
    {
        var rng = new Random(3);
        int[] shape = [3, 4, 5];
        var data = Enumerable.Range(0, 60).Select(_ => (float)rng.NextDouble()).ToArray();
        var valid = Enumerable.Range(0, 60).Select(_ => rng.NextDouble() < 0.6).ToArray();
        var t = MaskedTensor.Create(data, valid, shape);
        var r = t.Sum(new[] { 0, 2 });
        Assert.Equal(new[] { 4 }, r.Shape);
        for (int j = 0; j < 4; j++)
        {
            double s = 0; int c = 0;
            for (int i = 0; i < 3; i++) for (int k = 0; k < 5; k++) { int f = i * 20 + j * 5 + k; if (valid[f]) { s += data[f]; c++; } }
            Assert.Equal(c > 0, r.IsValid(j));
            if (c > 0) Assert.Equal(s, r.GetRawValue(j), 1e-5);
        }
        var k2 = t.Mean(new[] { 2, 0 }, keepDim: true);
        Assert.Equal(new[] { 1, 4, 1 }, k2.Shape);
    }

    [Fact]
    public void ArgMinAndArgMaxReturnLongIndicesIntoTheFlattenedTensor()
    {
        var t = MaskedTensor.Create(new float[] { 5, -9, 3, 7, -1, 2 }, new[] { true, false, true, true, true, true }, 2, 3);
        Assert.Equal(3L, t.ArgMax().Item());
        Assert.Equal(4L, t.ArgMin().Item());
        Assert.Equal(new long[] { 2, 1 }, t.ArgMin(1).ToArray());
        Assert.Equal(new[] { 1, 1 }, t.ArgMax(keepDim: true).Shape);
    }

    [Fact]
    public void IntegerAndDoubleTensorsReduce()
    {
        var i = MaskedTensor.Create(new[] { 1, 2, 3, 4 }, new[] { true, false, true, true }, 4);
        Assert.Equal(8, i.Sum().Item());
        Assert.Equal(12, i.Prod().Item());
        Assert.Equal(4, i.Amax().Item());
        Assert.Equal(3, i.Median().Item());
        var l = MaskedTensor.Create(new long[] { 10, 20 }, new[] { false, true }, 2);
        Assert.Equal(20L, l.Sum().Item());
        var d = MaskedTensor.Create(new double[] { 1, 2, 3, 4 }, new[] { true, true, false, true }, 4);
        Assert.Equal(7.0 / 3, d.Mean().Item(), 12);
        Assert.Equal(Math.Sqrt(((1 - 7.0 / 3) * (1 - 7.0 / 3) + (2 - 7.0 / 3) * (2 - 7.0 / 3) + (4 - 7.0 / 3) * (4 - 7.0 / 3)) / 2), d.Std().Item(), 12);
        Assert.Equal(1.6, d.Quantile(0.3).Item(), 12);
    }

    [Fact]
    public void LargeReductionsUseTheParallelPathAndAgree()
    {
        var rng = new Random(11);
        int rows = 2048, cols = 1024;
        var data = Enumerable.Range(0, rows * cols).Select(_ => (float)rng.NextDouble()).ToArray();
        var valid = Enumerable.Range(0, rows * cols).Select(_ => rng.NextDouble() < 0.9).ToArray();
        var t = MaskedTensor.Create(data, valid, rows, cols);
        var s = t.Sum(1).ToArray();
        for (int r = 0; r < rows; r += 97)
        {
            double e = 0;
            for (int c = 0; c < cols; c++) if (valid[r * cols + c]) e += data[r * cols + c];
            Assert.Equal(e, s[r], 1e-2);
        }
    }
}

[Collection(ParallelismCollection.Name)]
public class FastPathReductionTests
{
    /// <summary>The SIMD, outer-dim and multi-core paths against a plain loop, for float and double, masked and not.</summary>
    [Theory]
    [InlineData(1, true)] [InlineData(2, false)] [InlineData(1, false)] [InlineData(2, true)]
    public void FastPathsMatchAReferenceLoop(int threads, bool masked)
    {
        int saved = MaskedParallelism.MaxDegreeOfParallelism, savedMin = MaskedParallelism.MinElementsPerThread;
        try
        {
            MaskedParallelism.MaxDegreeOfParallelism = threads;
            MaskedParallelism.MinElementsPerThread = 1000;
            var rng = new Random(threads * 10 + (masked ? 1 : 0));
            int rows = 300, cols = 77;
            var data = Enumerable.Range(0, rows * cols).Select(_ => rng.NextDouble() * 4 - 2).ToArray();
            var valid = Enumerable.Range(0, rows * cols).Select(_ => !masked || rng.NextDouble() < 0.85).ToArray();
            for (int i = 0; i < data.Length; i++) if (!valid[i]) data[i] = double.NaN;
            var td = MaskedTensor.Create(data, masked ? valid : null, rows, cols);
            var tf = MaskedTensor.Create(data.Select(v => (float)v).ToArray(), masked ? valid : null, rows, cols);

            double S(Func<int, bool> pick) { double s = 0; for (int i = 0; i < data.Length; i++) if (valid[i] && pick(i)) s += data[i]; return s; }
            int C(Func<int, bool> pick) { int c = 0; for (int i = 0; i < data.Length; i++) if (valid[i] && pick(i)) c++; return c; }

            Assert.Equal(S(_ => true), td.Sum().Item(), 1e-9);
            Assert.Equal(S(_ => true), tf.Sum().Item(), 1e-2);
            Assert.Equal(S(_ => true) / C(_ => true), td.Mean().Item(), 1e-12);
            var col0 = td.Sum(0).ToArray();
            var mean0 = tf.Mean(0).ToArray();
            for (int j = 0; j < cols; j++)
            {
                Assert.Equal(S(i => i % cols == j), col0[j], 1e-9);
                Assert.Equal(S(i => i % cols == j) / C(i => i % cols == j), mean0[j], 1e-4);
            }
            double mu = S(_ => true) / C(_ => true), ss = 0;
            for (int i = 0; i < data.Length; i++) if (valid[i]) ss += (data[i] - mu) * (data[i] - mu);
            Assert.Equal(ss / (C(_ => true) - 1), td.Var().Item(), 1e-9);
            Assert.Equal(Math.Sqrt(ss / C(_ => true)), tf.Std(correction: 0).Item(), 1e-4);
            int argmax = -1, argmin = -1;
            for (int i = 0; i < data.Length; i++)
                if (valid[i])
                {
                    if (argmax < 0 || data[i] > data[argmax]) argmax = i;
                    if (argmin < 0 || data[i] < data[argmin]) argmin = i;
                }
            Assert.Equal(argmax, td.ArgMax().Item());
            Assert.Equal(argmin, tf.ArgMin().Item());
            Assert.Equal(data[argmax], td.Amax().Item());
            Assert.Equal((float)data[argmin], tf.Amin().Item());
        }
        finally
        {
            MaskedParallelism.MaxDegreeOfParallelism = saved;
            MaskedParallelism.MinElementsPerThread = savedMin;
        }
    }

    [Fact]
    public void ValidNaNWinsArgMaxAndPropagatesThroughVar()
    {
        var data = Enumerable.Range(0, 500).Select(i => (float)i).ToArray();
        data[321] = float.NaN;
        var valid = Enumerable.Range(0, 500).Select(i => i != 100).ToArray();
        data[100] = float.NaN; // masked NaN: ignored
        var t = MaskedTensor.Create(data, valid, 500);
        Assert.Equal(321, t.ArgMax().Item());
        Assert.Equal(321, t.ArgMin().Item());
        Assert.True(float.IsNaN(t.Var().Item()));
        valid[321] = false;
        var u = MaskedTensor.Create(data, valid, 500);
        Assert.Equal(499, u.ArgMax().Item());
        Assert.False(float.IsNaN(u.Var().Item()));
    }
}
