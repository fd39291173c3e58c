using Masked.Cli.Profiling;

namespace Masked.Cli.Tests;

public class RadixSelectTests
{
    private static double[] Select(double[] values, long[] ranks, out int passes)
    {
        var s = new RadixSelect();
        foreach (var v in values) s.CountTop(OrderKey.From(v));
        passes = 1;
        bool more = s.Plan(ranks);
        while (more)
        {
            passes++;
            foreach (var v in values) s.Offer(OrderKey.From(v));
            more = s.EndPass();
        }
        return ranks.Select((_, i) => s.Result(i)).ToArray();
    }

    [Fact]
    public void KeysKeepTheOrderOfDoubles()
    {
        double[] v = [double.NegativeInfinity, -1e300, -2.5, -double.Epsilon, 0.0, double.Epsilon, 1, 3.5e10, double.PositiveInfinity];
        for (int i = 0; i + 1 < v.Length; i++) Assert.True(OrderKey.From(v[i]) < OrderKey.From(v[i + 1]), $"{v[i]} < {v[i + 1]}");
        foreach (var x in v) Assert.Equal(x, OrderKey.ToDouble(OrderKey.From(x)));
    }

    [Fact]
    public void SelectsExactOrderStatisticsWithDuplicatesAndNegatives()
    {
        var rng = new Random(5);
        var values = Enumerable.Range(0, 100_001).Select(_ => Math.Round(rng.NextDouble() * 200 - 100, 1)).ToArray();
        var sorted = values.OrderBy(x => x).ToArray();
        long[] ranks = [0, 1, 25_000, 50_000, 50_001, 99_999, 100_000];
        var got = Select(values, ranks, out int passes);
        Assert.Equal(ranks.Select(r => sorted[r]).ToArray(), got);
        Assert.Equal(2, passes);
    }

    [Fact]
    public void RefinesABucketHoldingMoreThanTheCollectLimit()
    {
        // Every value shares its top 16 key bits ([1, 1.0625) has one exponent and the same 4 top mantissa bits).
        var rng = new Random(9);
        var values = Enumerable.Range(0, RadixSelect.CollectLimit + 1000).Select(_ => 1 + rng.NextDouble() / 16).ToArray();
        var sorted = values.OrderBy(x => x).ToArray();
        long[] ranks = [0, values.Length / 2, values.Length - 1];
        var got = Select(values, ranks, out int passes);
        Assert.Equal(ranks.Select(r => sorted[r]).ToArray(), got);
        Assert.True(passes >= 3, $"expected a refining pass, got {passes} passes");
    }

    [Fact]
    public void AllEqualValuesResolveWithoutCollecting()
    {
        var values = Enumerable.Repeat(-7.25, 10).ToArray();
        Assert.Equal([-7.25, -7.25], Select(values, [0, 9], out _));
    }
}
