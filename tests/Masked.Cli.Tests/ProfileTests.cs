using System.Text.Json;
using Masked.Cli.Profiling;

namespace Masked.Cli.Tests;

public class ProfileTests
{
    private const int Rows = 1000;

    /// <summary>The reference: Masked.Core over the whole column at once, in double.</summary>
    private static void AssertStats(JsonElement c, MaskedTensor<double> all, long values)
    {
        Assert.Equal(values, c.GetProperty("values").GetInt64());
        Assert.Equal(all.ValidCount, c.GetProperty("valid").GetInt64());
        Assert.Equal((values - all.ValidCount) / (double)values, c.GetProperty("null_share").GetDouble(), 12);
        if (all.ValidCount == 0)
        {
            foreach (var k in new[] { "mean", "std", "min", "max", "median", "histogram" })
                Assert.Equal(JsonValueKind.Null, c.GetProperty(k).ValueKind);
            return;
        }
        double mean = all.Mean().Item(), min = all.Amin().Item(), max = all.Amax().Item();
        Assert.Equal(mean, c.GetProperty("mean").GetDouble(), 1e-5 * Math.Max(1, Math.Abs(mean)));
        Assert.Equal(all.Std().Item(), c.GetProperty("std").GetDouble(), 1e-5 * Math.Max(1, all.Std().Item()));
        Assert.Equal(min, c.GetProperty("min").GetDouble());
        Assert.Equal(max, c.GetProperty("max").GetDouble());
        Assert.Equal(all.Quantile(0.5).Item(), c.GetProperty("median").GetDouble());
        var hist = c.GetProperty("histogram").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var expected = new long[hist.Length];
        foreach (var v in all.ToArray().Where((_, i) => all.IsValid(i)))
            expected[Math.Clamp(max > min ? (int)((v - min) / (max - min) * hist.Length) : 0, 0, hist.Length - 1)]++;
        Assert.Equal(expected, hist);
    }

    private static MaskedTensor<double> Flat<T>(MaskedTensor<T> t) where T : unmanaged => t.Cast<double>().Contiguous().Reshape(-1);

    [Theory]
    [InlineData("parquet")]
    [InlineData("arrow")]
    [InlineData("stream")]
    public void ProfileJsonEqualsReference(string format)
    {
        using var dir = new TempDir();
        var table = new TestTable(Rows);
        string path = format switch
        {
            "parquet" => table.WriteParquet(dir.File("t.parquet")),
            "arrow" => table.WriteArrowFile(dir.File("t.arrow")),
            _ => table.WriteArrowStream(dir.File("t.arrows")),
        };
        var run = CliRun.Of("profile", path, "--json", "--batch-size", "128");
        Assert.True(run.Exit == 0, run.Err);
        Assert.Equal("", run.Err);
        Assert.Equal(Rows, run.Json().GetProperty("rows").GetInt64());
        AssertStats(run.Column("a"), Flat(table.A), Rows);
        AssertStats(run.Column("empty"), Flat(table.Empty), Rows);
        AssertStats(run.Column("full"), Flat(table.Full), Rows);
        AssertStats(run.Column("vec"), Flat(table.Vec), Rows * TestTable.Width);
        var label = run.Column("label");
        Assert.Equal(Rows - Enumerable.Range(0, Rows).Count(TestTable.NullRowLabel), label.GetProperty("valid").GetInt64());
        Assert.Equal(JsonValueKind.Null, label.GetProperty("mean").ValueKind);
    }

    [Fact]
    public void PerSlotProfilesEachSlotOfAFixedSizeList()
    {
        using var dir = new TempDir();
        var table = new TestTable(Rows);
        var run = CliRun.Of("profile", table.WriteParquet(dir.File("t.parquet")), "--json", "--per-slot", "--columns", "vec", "--batch-size", "100");
        Assert.True(run.Exit == 0, run.Err);
        for (int j = 0; j < TestTable.Width; j++)
            AssertStats(run.Column($"vec[{j}]"), table.Vec[.., j].Cast<double>().Contiguous(), Rows);
    }

    [Fact]
    public void FixedShapeTensorColumnPerSlotAndWhole()
    {
        // fixed_shape_tensor.arrow (written by Arrow JS): shape [2, 3]; row 2 null; element 3 of row 1 null; row r, element i = r*10 + i + 0.5.
        string path = Path.Combine(AppContext.BaseDirectory, "Data", "fixed_shape_tensor.arrow");
        var perSlot = CliRun.Of("profile", path, "--json", "--per-slot", "--columns", "tensor");
        Assert.True(perSlot.Exit == 0, perSlot.Err);
        for (int i = 0; i < 6; i++)
        {
            var vals = new[] { 0, 1, 3, 4 }.Where(r => !(r == 1 && i == 3)).Select(r => r * 10 + i + 0.5).ToArray();
            var c = perSlot.Column($"tensor[{i / 3},{i % 3}]");
            Assert.Equal("tensor<float32, [2, 3]>", c.GetProperty("type").GetString());
            AssertStats(c, MaskedTensor.FromArray(vals, vals.Length), 5);
        }
        var whole = CliRun.Of("profile", path, "--json");
        var all = new[] { 0, 1, 3, 4 }.SelectMany(r => Enumerable.Range(0, 6).Where(i => !(r == 1 && i == 3)).Select(i => r * 10 + i + 0.5)).ToArray();
        AssertStats(whole.Column("tensor"), MaskedTensor.FromArray(all, all.Length), 30);
        AssertStats(whole.Column("x"), MaskedTensor.FromArray(new[] { 1.5, 3.25, 5.0 }, 3), 5);
    }

    [Fact]
    public void NullityCorrelationEqualsPearsonOfNullIndicators()
    {
        using var dir = new TempDir();
        var table = new TestTable(Rows);
        var run = CliRun.Of("profile", table.WriteArrowFile(dir.File("t.arrow")), "--json");
        var corr = run.Json().GetProperty("nullity_correlation");
        Func<int, bool>[] nulls = [TestTable.NullRowA, _ => true, _ => false, TestTable.NullRowVec, TestTable.NullRowLabel];
        string[] names = ["a", "empty", "full", "vec", "label"];
        for (int i = 0; i < names.Length; i++)
            for (int j = 0; j < names.Length; j++)
            {
                var cell = corr.GetProperty(names[i])[j];
                var x = Enumerable.Range(0, Rows).Select(r => nulls[i](r) ? 1.0 : 0).ToArray();
                var y = Enumerable.Range(0, Rows).Select(r => nulls[j](r) ? 1.0 : 0).ToArray();
                double mx = x.Average(), my = y.Average();
                double sxy = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my));
                double sxx = x.Sum(v => (v - mx) * (v - mx)), syy = y.Sum(v => (v - my) * (v - my));
                if (sxx == 0 || syy == 0) Assert.Equal(JsonValueKind.Null, cell.ValueKind);
                else Assert.Equal(sxy / Math.Sqrt(sxx * syy), cell.GetDouble(), 10);
            }
    }

    [Fact]
    public void TableShowsEveryColumnAndNamesTheMedianMethod()
    {
        using var dir = new TempDir();
        var table = new TestTable(200);
        var run = CliRun.Of("profile", table.WriteParquet(dir.File("t.parquet")));
        Assert.True(run.Exit == 0, run.Err);
        foreach (var n in new[] { "a", "empty", "full", "vec", "label" }) Assert.Contains($" {n} ", run.Out);
        Assert.Contains("exact (multi-pass radix select", run.Out);
        // a's mean, as the table prints it (6 significant digits)
        Assert.Contains(table.A.Cast<double>().Mean().Item().ToString("G6", System.Globalization.CultureInfo.InvariantCulture), run.Out);
    }
}
