using Xunit;

namespace Masked.Core.Tests.Kernels;

/// <summary>
/// Sums and means over a middle dim ([outer, K, inner], the outer-sum kernel) against a plain loop, single-threaded and
/// split over two parts with part boundaries inside outer blocks; and <c>MaskedParallelism.ForRows</c>'s ranges.
/// </summary>
[Collection(ParallelismCollection.Name)]
public class OuterSumKernelTests
{
    [Theory]
    [InlineData(1, true)] [InlineData(2, true)] [InlineData(2, false)] [InlineData(3, true)]
    public void MiddleDimSumsAndMeansMatchALoop(int threads, bool masked)
    {
        int saved = MaskedParallelism.MaxDegreeOfParallelism, savedMin = MaskedParallelism.MinElementsPerThread;
        try
        {
            MaskedParallelism.MaxDegreeOfParallelism = threads;
            MaskedParallelism.MinElementsPerThread = 700; // several parts even for these small tensors
            var rng = new Random(threads * 7 + (masked ? 1 : 0));
            foreach (var (outer, k, inner) in new[] { (3, 41, 37), (5, 7, 300), (1, 130, 100), (4, 65, 16), (2, 9, 1000) })
            {
                int n = outer * k * inner;
                var data = new double[n];
                var valid = new bool[n];
                for (int i = 0; i < n; i++)
                {
                    valid[i] = !masked || rng.NextDouble() < 0.8;
                    data[i] = valid[i] ? rng.NextDouble() * 2 - 1 : (i % 3 == 0 ? double.NaN : double.NegativeInfinity);
                }
                // A column with nothing valid in one block: its sum is masked.
                if (masked) for (int r = 0; r < k; r++) valid[r * inner + 3] = false;
                var td = MaskedTensor.Create(data, masked ? valid : null, outer, k, inner);
                var tf = MaskedTensor.Create(Array.ConvertAll(data, v => (float)v), masked ? valid : null, outer, k, inner);
                var sd = td.Sum(1); var mf = tf.Mean(1); var sf = tf.Sum(1);
                var sdv = sd.ToArray(); var mfv = mf.ToArray(); var sfv = sf.ToArray();
                var sdm = sd.MaskToBools(); var mfm = mf.MaskToBools(); var sfm = sf.MaskToBools();
                for (int o = 0; o < outer; o++)
                    for (int j = 0; j < inner; j++)
                    {
                        double s = 0; int c = 0;
                        for (int r = 0; r < k; r++)
                        {
                            int i = (o * k + r) * inner + j;
                            if (valid[i]) { s += data[i]; c++; }
                        }
                        int at = o * inner + j;
                        Assert.Equal(c > 0, sdm[at]);
                        Assert.Equal(c > 0, mfm[at]);
                        Assert.Equal(c > 0, sfm[at]);
                        if (c == 0) continue;
                        Assert.Equal(s, sdv[at], 1e-9);
                        Assert.Equal(s, sfv[at], 1e-3);
                        Assert.Equal(s / c, mfv[at], 1e-4);
                    }
            }
        }
        finally
        {
            MaskedParallelism.MaxDegreeOfParallelism = saved;
            MaskedParallelism.MinElementsPerThread = savedMin;
        }
    }

    [Fact]
    public void ForRowsCoversEveryRowOnceInContiguousRanges()
    {
        int saved = MaskedParallelism.MaxDegreeOfParallelism;
        try
        {
            MaskedParallelism.MaxDegreeOfParallelism = 4;
            foreach (int n in new[] { 0, 1, 3, 7, 64, 1001 })
                foreach (int parts in new[] { 1, 2, 3, 4, 9 })
                {
                    var seen = new int[n];
                    var ranges = new System.Collections.Concurrent.ConcurrentBag<(int lo, int hi)>();
                    MaskedParallelism.ForRows(n, parts, (_, lo, hi) =>
                    {
                        ranges.Add((lo, hi));
                        for (int r = lo; r < hi; r++) Interlocked.Increment(ref seen[r]);
                    });
                    Assert.All(seen, c => Assert.Equal(1, c));
                    Assert.True(ranges.Count <= Math.Max(1, Math.Min(parts, 4)), $"n={n} parts={parts}: {ranges.Count} ranges");
                    var sorted = ranges.OrderBy(r => r.lo).ToArray();
                    for (int i = 1; i < sorted.Length; i++) Assert.Equal(sorted[i - 1].hi, sorted[i].lo);
                }
        }
        finally { MaskedParallelism.MaxDegreeOfParallelism = saved; }
    }
}
