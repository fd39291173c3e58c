using Xunit;

namespace Masked.Core.Tests.Ops;

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
