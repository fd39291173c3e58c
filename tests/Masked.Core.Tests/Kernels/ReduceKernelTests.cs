using Xunit;

namespace Masked.Core.Tests.Kernels;

/// <summary>
/// ReduceKernel decides parallelism once per call: many segments spread over the cores (each folded on one thread),
/// few large segments run one after another, each split over the cores. Either way the result matches one thread.
/// </summary>
[Collection(ParallelismCollection.Name)]
public class ReduceKernelTests
{
    private static MaskedTensor<double> Random(int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        int n = rows * cols;
        var data = new double[n];
        var valid = new bool[n];
        for (int i = 0; i < n; i++) { valid[i] = rng.NextDouble() < 0.8; data[i] = valid[i] ? rng.Next(-100, 100) : double.NaN; }
        for (int c = 0; c < cols; c++) valid[c] = false; // row 0 has nothing valid: that output is masked
        return MaskedTensor.Create(data, valid, rows, cols);
    }

    private static (double[] data, bool[] valid) Run(Func<MaskedTensor<double>> f, int threads)
    {
        int old = MaskedParallelism.MinElementsPerThread, oldMax = MaskedParallelism.MaxDegreeOfParallelism;
        try
        {
            MaskedParallelism.MinElementsPerThread = 1000;
            MaskedParallelism.MaxDegreeOfParallelism = threads;
            var r = f();
            return (r.ToArray(), r.MaskToBools());
        }
        finally
        {
            MaskedParallelism.MinElementsPerThread = old;
            MaskedParallelism.MaxDegreeOfParallelism = oldMax;
        }
    }

    [Theory]
    [InlineData(300, 500)]  // many segments: spread over the cores
    [InlineData(3, 40000)]  // few large segments: each splits itself
    [InlineData(1, 90000)]
    public void SplitOverCores_SameAsOneThread(int rows, int cols)
    {
        var x = Random(rows, cols, rows);
        foreach (var f in new Func<MaskedTensor<double>>[] { () => x.Sum(1), () => x.Var(1), () => x.Amax(1), () => x.Mean(1) })
        {
            var one = Run(f, 1);
            var many = Run(f, 4);
            Assert.Equal(one.valid, many.valid);
            Assert.False(one.valid[0]); // row 0: nothing valid
            for (int i = 0; i < one.data.Length; i++)
                if (one.valid[i]) Assert.Equal(one.data[i], many.data[i], 6);
        }
    }

    [Fact]
    public void AggregationDriverFoldsOnlyValidEntriesFromTheIdentity()
    {
        long[] data = [2, long.MinValue, 3, 4, long.MaxValue];
        byte[] bits = [0b01101]; // entries 1 and 4 are masked and hold garbage
        var s = new Masked.Kernels.MaskedSegment<long>(data, bits, 0, true);
        Assert.Equal(9, Masked.Kernels.AggregationDriver.Fold<long, long, Masked.Kernels.SumToInt64<long>>(s, default, out int c));
        Assert.Equal(3, c);
        Assert.Equal(24, Masked.Kernels.AggregationDriver.Fold<long, long, Masked.Kernels.ProductToInt64<long>>(s, default, out _));
        Assert.Equal(9, Masked.Kernels.AggregationDriver.Sum(s, split: false, out _));
        Assert.Equal(3, Masked.Kernels.AggregationDriver.ArgExtremum(s, max: true, split: false));

        var none = new Masked.Kernels.MaskedSegment<long>(data, new byte[1], 0, true);
        Assert.Equal(1, Masked.Kernels.AggregationDriver.Fold<long, long, Masked.Kernels.ProductToInt64<long>>(none, default, out int c0));
        Assert.Equal(0, c0);
        Assert.Equal(-1, Masked.Kernels.AggregationDriver.ArgExtremum(none, max: false, split: false));

        bool[] flags = [true, false, true];
        var b = new Masked.Kernels.MaskedSegment<bool>(flags, new byte[] { 0b101 }, 0, true);
        Assert.True(Masked.Kernels.AggregationDriver.Fold<bool, bool, Masked.Kernels.AllOperator>(b, default, out _));
        Assert.False(Masked.Kernels.AggregationDriver.Fold<bool, bool, Masked.Kernels.AnyOperator>(new Masked.Kernels.MaskedSegment<bool>(flags, new byte[1], 0, true), default, out int cb));
        Assert.Equal(0, cb);
        Assert.Equal(2.0, Masked.Kernels.AggregationDriver.SquaredDeviations(s, split: false, out long cv), 12); // mean 3: 1 + 0 + 1
        Assert.Equal(3, cv);
    }
}
