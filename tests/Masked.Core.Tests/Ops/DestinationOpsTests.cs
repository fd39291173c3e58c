using Xunit;

namespace Masked.Core.Tests.Ops;

[Collection(ParallelismCollection.Name)]
public class DestinationOpsTests
{
    private static (MaskedTensor<float> a, MaskedTensor<float> b) Inputs(int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        int n = rows * cols;
        var a = MaskedTensor.Create(Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble()).ToArray(), Enumerable.Range(0, n).Select(_ => rng.NextDouble() > 0.1).ToArray(), rows, cols);
        var b = MaskedTensor.Create(Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble()).ToArray(), Enumerable.Range(0, n).Select(_ => rng.NextDouble() > 0.1).ToArray(), rows, cols);
        return (a, b);
    }

    private static void SameValid(MaskedTensor<float> expected, MaskedTensor<float> actual)
    {
        var m = expected.MaskToBools();
        Assert.Equal(m, actual.MaskToBools());
        var e = expected.ToArray(); var a = actual.ToArray();
        for (int i = 0; i < m.Length; i++) if (m[i]) Assert.Equal(e[i], a[i], 1e-6f);
    }

    [Fact]
    public void DestinationResultsEqualTheAllocatingOps()
    {
        var (a, b) = Inputs(37, 101, 1);
        var dest = MaskedTensor.Empty<float>(37, 101);
        MaskedTensor.Add(a, b, dest); SameValid(a + b, dest);
        Assert.Equal((a + b).ValidCount, dest.ValidCount);
        MaskedTensor.Mul(a, b, dest); SameValid(a * b, dest);
        MaskedTensor.Exp(a, dest); SameValid(a.Exp(), dest);
        MaskedTensor.Softmax(a, dest); SameValid(a.Softmax(1), dest);
        MaskedTensor.Add(a, MaskedTensor.Scalar(2f), dest); SameValid(a + 2f, dest);
        // a plain result into a masked destination marks everything valid
        MaskedTensor.Exp(a.GetData(), dest);
        Assert.Equal(a.Length, dest.ValidCount);
    }

    [Fact]
    public void DestinationOpsAllocateNothingOnOneThread()
    {
        int saved = MaskedParallelism.MaxDegreeOfParallelism;
        MaskedParallelism.MaxDegreeOfParallelism = 1;
        try
        {
            var (a, b) = Inputs(100, 1000, 2);
            var dest = MaskedTensor.Empty<float>(100, 1000);
            for (int warm = 0; warm < 3; warm++) { MaskedTensor.Add(a, b, dest); MaskedTensor.Exp(a, dest); MaskedTensor.Softmax(a, dest); }
            long Measure(Action op) { long before = GC.GetAllocatedBytesForCurrentThread(); op(); return GC.GetAllocatedBytesForCurrentThread() - before; }
            Assert.Equal(0, Measure(() => MaskedTensor.Add(a, b, dest)));
            Assert.Equal(0, Measure(() => MaskedTensor.Exp(a, dest)));
            Assert.Equal(0, Measure(() => MaskedTensor.Softmax(a, dest)));
        }
        finally { MaskedParallelism.MaxDegreeOfParallelism = saved; }
    }

    [Fact]
    public void BadDestinationsAreRejected()
    {
        var (a, b) = Inputs(4, 5, 3);
        Assert.Contains("does not match", Assert.Throws<ArgumentException>(() => MaskedTensor.Add(a, b, MaskedTensor.Empty<float>(5, 4))).Message);
        Assert.Contains("no validity bitmap", Assert.Throws<ArgumentException>(() => MaskedTensor.Add(a, b, MaskedTensor.FromArray(new float[20], 4, 5))).Message);
        Assert.Contains("contiguous", Assert.Throws<ArgumentException>(() => MaskedTensor.Exp(a.Transpose(0, 1), MaskedTensor.Empty<float>(10, 4).Slice(0, 0, 10, 2))).Message);
    }
}

public class SoftmaxEdgeTests
{
    [Fact]
    public void SoftmaxRowsMatchAReferenceIncludingExtremes()
    {
        var rng = new Random(8);
        foreach (int k in new[] { 1, 5, 16, 17, 100, 129, 5000 })
        {
            int rows = 7;
            var data = Enumerable.Range(0, rows * k).Select(_ => rng.NextDouble() * 200 - 100).ToArray();
            var valid = Enumerable.Range(0, rows * k).Select(_ => rng.NextDouble() < 0.8).ToArray();
            for (int j = 0; j < k; j++) valid[2 * k + j] = false; // row 2: nothing valid
            if (k > 3) { data[3 * k + 1] = double.NegativeInfinity; valid[3 * k + 1] = true; } // a valid -inf
            var t = MaskedTensor.Create(data, valid, rows, k);
            var sm = t.Softmax(1); var ls = t.LogSoftmax(1);
            Assert.Equal(valid, sm.MaskToBools());
            SoftmaxReference.Check(data, valid, k, sm.ToArray(), ls.ToArray(), 1e-12, 1e-9);
        }
    }

    [Fact]
    public void AValidNaNOrInfinityMakesItsRowNaN()
    {
        var t = MaskedTensor.Create(new float[] { 1, float.NaN, 2, 3, float.PositiveInfinity, 1, 5, 6, 7 }, new[] { true, true, true, true, true, false, true, true, true }, 3, 3);
        var s = t.Softmax(1).ToArray();
        Assert.True(float.IsNaN(s[0]) && float.IsNaN(s[2]));
        Assert.True(float.IsNaN(s[3]) && float.IsNaN(s[4]));
        Assert.False(float.IsNaN(s[6]));
    }
}

public class SoftmaxFallbackTests
{
    /// <summary>Wide float rows whose exp would overflow or underflow take the max-shifted path and stay exact.</summary>
    [Theory]
    [InlineData(80.0, 120.0)]
    [InlineData(-120.0, -90.0)]
    [InlineData(-3.0, 3.0)]
    public void WideRowsOverflowingOrUnderflowingExpStayExact(double lo, double hi)
    {
        var rng = new Random((int)lo + 500);
        int rows = 6, k = 40;
        var data = Enumerable.Range(0, rows * k).Select(_ => (float)(lo + rng.NextDouble() * (hi - lo))).ToArray();
        var valid = Enumerable.Range(0, rows * k).Select(_ => rng.NextDouble() < 0.85).ToArray();
        var t = MaskedTensor.Create(data, valid, rows, k);
        SoftmaxReference.Check(data.Select(v => (double)v).ToArray(), valid, k,
            t.Softmax(1).ToArray().Select(v => (double)v).ToArray(), t.LogSoftmax(1).ToArray().Select(v => (double)v).ToArray(), 1e-6, 1e-4);
    }

    [Fact]
    public void WideRowsWithAValidNaNOrInfinityAreNaN()
    {
        var data = Enumerable.Range(0, 3 * 40).Select(i => (float)(i % 7)).ToArray();
        data[5] = float.NaN;
        data[40 + 17] = float.PositiveInfinity;
        var t = MaskedTensor.FromArray(data, 3, 40);
        var s = t.Softmax(1).ToArray();
        Assert.All(s.Take(40), v => Assert.True(float.IsNaN(v)));
        Assert.All(s.Skip(40).Take(40), v => Assert.True(float.IsNaN(v)));
        Assert.All(s.Skip(80), v => Assert.False(float.IsNaN(v)));
        Assert.Equal(1.0, s.Skip(80).Sum(v => (double)v), 5);
    }
}

/// <summary>Softmax and log-softmax per row over valid entries, in double, compared with what a kernel produced.</summary>
internal static class SoftmaxReference
{
    public static void Check(double[] data, bool[] valid, int k, double[] softmax, double[] logSoftmax, double tolSoftmax, double tolLog)
    {
        for (int r = 0; r < data.Length / k; r++)
        {
            double max = double.NegativeInfinity;
            for (int j = 0; j < k; j++) if (valid[r * k + j]) max = Math.Max(max, data[r * k + j]);
            double sum = 0;
            for (int j = 0; j < k; j++) if (valid[r * k + j]) sum += Math.Exp(data[r * k + j] - max);
            for (int j = 0; j < k; j++)
            {
                int i = r * k + j;
                if (!valid[i]) continue;
                Assert.Equal(Math.Exp(data[i] - max) / sum, softmax[i], tolSoftmax);
                Assert.Equal(data[i] - max - Math.Log(sum), logSoftmax[i], tolLog);
            }
        }
    }
}
