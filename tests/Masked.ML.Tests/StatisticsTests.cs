using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

namespace Masked.ML.Tests;

public class StatisticsTests
{
    private static double[][] Table(int rows, int slots, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, rows).Select(i => Enumerable.Range(0, slots).Select(j =>
            j == slots - 1 || rng.NextDouble() < 0.15 ? double.NaN : Math.Pow(10, 2 * j) * (1 + rng.NextDouble() * (j + 1))).ToArray()).ToArray();
    }

    private static MaskedColumnStatistics Stats(IEnumerable<double[]> rows, int slots)
    {
        var s = new MaskedColumnStatistics(slots);
        foreach (var r in rows) s.Add(r);
        return s.Complete();
    }

    private static void AssertRel(double expected, double actual, double tol)
    {
        if (double.IsInfinity(expected)) { Assert.Equal(expected, actual); return; }
        Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(Math.Abs(expected), 1e-300), $"expected {expected:R}, got {actual:R}");
    }

    [Fact]
    public void PartitionsMergedInAnyOrderEqualTheOnePassResult()
    {
        const int slots = 4;
        var table = Table(5000, slots, 1);
        var whole = Stats(table, slots);
        // Reference: exact two-pass moments in double.
        for (int j = 0; j < slots - 1; j++)
        {
            var v = table.Select(r => r[j]).Where(x => !double.IsNaN(x)).ToArray();
            Assert.Equal(v.Length, whole.Count[j]);
            double mean = v.Average();
            AssertRel(mean, whole.Mean[j], 1e-13);
            AssertRel(v.Sum(x => (x - mean) * (x - mean)), whole.M2[j], 1e-9);
            Assert.Equal(v.Min(), whole.Min[j]);
            Assert.Equal(v.Max(), whole.Max[j]);
        }
        Assert.Equal(0, whole.Count[slots - 1]);
        var rng = new Random(2);
        foreach (int parts in new[] { 1, 2, 3, 7, 16, 33, 64 })
        {
            // Random cut points (some partitions empty), then merge in a shuffled order.
            var cuts = Enumerable.Range(0, parts - 1).Select(_ => rng.Next(table.Length + 1)).Append(0).Append(table.Length).OrderBy(x => x).ToArray();
            var pieces = Enumerable.Range(0, parts).Select(p => Stats(table[cuts[p]..cuts[p + 1]], slots)).OrderBy(_ => rng.Next()).ToList();
            var merged = pieces[0];
            foreach (var p in pieces.Skip(1)) merged.Merge(p);
            Assert.Equal(whole.Rows, merged.Rows);
            for (int j = 0; j < slots; j++)
            {
                Assert.Equal(whole.Count[j], merged.Count[j]);
                AssertRel(whole.Mean[j], merged.Mean[j], 1e-12);
                AssertRel(whole.M2[j], merged.M2[j], 1e-12);
                Assert.Equal(whole.Min[j], merged.Min[j]);
                Assert.Equal(whole.Max[j], merged.Max[j]);
            }
        }
    }

    [Fact]
    public void SpreadFarBelowTheMeanKeepsItsPrecision()
    {
        var rng = new Random(5);
        var v = Enumerable.Range(0, 10_000).Select(_ => 1000 + 0.001 * (rng.NextDouble() - 0.5)).ToArray();
        var s = Stats(v.Select(x => new[] { x }), 1);
        double mean = v.Average();
        double m2 = v.Sum(x => (x - mean) * (x - mean));
        AssertRel(m2, s.M2[0], 1e-7); // the data's own condition number (mean/std ≈ 3e6) limits double to about 1e-10
    }

    [Fact]
    public void StatisticsSerializeAndMergeAfterARoundTrip()
    {
        var table = Table(300, 3, 3);
        var a = Stats(table[..100], 3);
        var b = Stats(table[100..], 3);
        var json = JsonSerializer.Serialize(b);
        var back = JsonSerializer.Deserialize<MaskedColumnStatistics>(json)!;
        var merged = a.Merge(back);
        var whole = Stats(table, 3);
        for (int j = 0; j < 2; j++)
        {
            AssertRel(whole.Mean[j], merged.Mean[j], 1e-12);
            AssertRel(whole.M2[j], merged.M2[j], 1e-12);
        }
        Assert.Throws<ArgumentException>(() => a.Merge(new MaskedColumnStatistics(2)));
        Assert.Contains("slots", Assert.Throws<ArgumentException>(() => a.Add(new double[5])).Message);
    }

    [Fact]
    public void MaskEntriesExcludeValuesFromTheStatistics()
    {
        var s = new MaskedColumnStatistics(2);
        s.Add([1, 100], [true, false]);
        s.Add([3, double.NaN], [true, true]);
        s.Add([1e9, 5], [false, true]);
        Assert.Equal([2L, 1L], s.Count);
        Assert.Equal(2, s.Mean[0]);
        Assert.Equal(5, s.Mean[1]);
        Assert.Equal(1, s.Variance(0));
        Assert.Equal(3, s.Max[0]);
    }

    [Fact]
    public void CatalogStatisticsStreamTheWholeDataView()
    {
        var ml = new MLContext(seed: 1);
        var rows = TestRows.Make(200, 4);
        var data = ml.Data.LoadFromEnumerable(rows);
        var state = ml.Data.MaskedColumnStatistics(data, "Features", "Mask");
        var summary = ml.Data.MaskedStatistics(data, "Features", "Mask");
        for (int j = 0; j < 5; j++)
        {
            var v = rows.Where(r => !float.IsNaN(r.Features[j]) && r.Mask[j]).Select(r => (double)r.Features[j]).ToArray();
            Assert.Equal(v.Length, state.Count[j]);
            Assert.Equal(v.Length, summary[j].Count);
            if (v.Length > 0) AssertRel(v.Average(), state.Mean[j], 1e-12);
        }
        Assert.Null(summary[4].Mean);
    }
}

public class QuantileSketchTests
{
    [Fact]
    public void ExactBelowCapacityWithInterpolatedQuantiles()
    {
        var s = new QuantileSketch(64);
        var v = new[] { 5.0, 1, 3, 2, 4 };
        foreach (var x in v) s.Add(x);
        Assert.Equal(0, s.RankErrorBound);
        Assert.Equal(3, s.Quantile(0.5));
        Assert.Equal(2, s.Quantile(0.25));
        Assert.Equal(4.5, s.Quantile(0.875));
        Assert.Equal(1, s.Quantile(0));
        Assert.Equal(5, s.Quantile(1));
        Assert.Throws<ArgumentException>(() => s.Add(double.NaN));
    }

    [Theory]
    [InlineData(64, 200_000, 1)]
    [InlineData(256, 100_000, 7)]
    public void RankErrorStaysWithinTheTrackedAndDocumentedBound(int capacity, int n, int partitions)
    {
        var rng = new Random(capacity + n);
        var values = Enumerable.Range(0, n).Select(_ => Math.Exp(rng.NextDouble() * 6) * (rng.NextDouble() < 0.5 ? -1 : 1)).ToArray();
        var sketches = Enumerable.Range(0, partitions).Select(_ => new QuantileSketch(capacity)).ToArray();
        for (int i = 0; i < n; i++) sketches[i % partitions].Add(values[i]);
        var s = sketches[0];
        foreach (var o in sketches.Skip(1).OrderBy(_ => rng.Next())) s.Merge(o);
        Assert.Equal(n, s.Count);
        Assert.True(s.RankErrorBound > 0);
        int levels = s.Levels.Length;
        Assert.True(s.RankErrorBound <= 2.0 * n * levels / capacity, $"bound {s.RankErrorBound} > 2·n·L/k = {2.0 * n * levels / capacity}");
        var sorted = values.OrderBy(x => x).ToArray();
        long TrueRank(double x) { int i = Array.BinarySearch(sorted, x); if (i < 0) return ~i; while (i < sorted.Length && sorted[i] == x) i++; return i; }
        long worst = 0;
        foreach (var probe in sorted.Where((_, i) => i % 997 == 0).Append(sorted[^1]))
            worst = Math.Max(worst, Math.Abs(s.Rank(probe) - TrueRank(probe)));
        Assert.True(worst <= s.RankErrorBound, $"rank error {worst} > bound {s.RankErrorBound}");
        foreach (var q in new[] { 0.01, 0.25, 0.5, 0.75, 0.99 })
        {
            double x = s.Quantile(q);
            long target = (long)Math.Floor(q * (n - 1));
            long below = TrueRank(Math.BitDecrement(x)), upTo = TrueRank(x);
            Assert.True(below <= target + s.RankErrorBound + 1 && upTo >= target - s.RankErrorBound, $"q={q}: value {x} has true ranks [{below},{upTo}], target {target} ± {s.RankErrorBound}");
        }
        // Memory is bounded by capacity × levels, never by the number of values.
        Assert.True(s.Levels.Sum(l => l.Length) <= capacity * levels);
    }

    [Fact]
    public void SerializedSketchesRoundTripAndMerge()
    {
        var a = new QuantileSketch(32); var b = new QuantileSketch(32);
        for (int i = 0; i < 1000; i++) (i % 2 == 0 ? a : b).Add(i);
        var back = JsonSerializer.Deserialize<QuantileSketch>(JsonSerializer.Serialize(b))!;
        Assert.Equal(b.Count, back.Count);
        Assert.Equal(b.Quantile(0.5), back.Quantile(0.5));
        a.Merge(back);
        Assert.Equal(1000, a.Count);
        Assert.True(Math.Abs(a.Rank(499.5) - 500) <= a.RankErrorBound);
    }
}
