using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

namespace Masked.ML.Tests;

public class ComponentTests
{
    private static (double mean, double std, double min, double max, double median, double iqr, int count) SlotStats(Row5[] rows, int j, bool useMask)
    {
        var v = rows.Where(r => !float.IsNaN(r.Features[j]) && (!useMask || r.Mask[j])).Select(r => (double)r.Features[j]).OrderBy(x => x).ToList();
        if (v.Count == 0) return (double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0);
        double mean = v.Average();
        double std = Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / v.Count);
        double Q(double q) { double pos = q * (v.Count - 1); int lo = (int)Math.Floor(pos), hi = (int)Math.Ceiling(pos); return v[lo] + (v[hi] - v[lo]) * (pos - lo); }
        return (mean, std, v[0], v[^1], Q(0.5), Q(0.75) - Q(0.25), v.Count);
    }

    [Theory]
    [InlineData(MaskedNormalization.MeanVariance, false)]
    [InlineData(MaskedNormalization.MeanVariance, true)]
    [InlineData(MaskedNormalization.MinMax, false)]
    [InlineData(MaskedNormalization.Robust, true)]
    public void NormalizersMatchAReferenceOverValidEntries(MaskedNormalization mode, bool useMask)
    {
        var ml = new MLContext(seed: 1);
        var rows = TestRows.Make(60, 2);
        var data = ml.Data.LoadFromEnumerable(rows);
        string? mask = useMask ? "Mask" : null;
        var est = mode switch
        {
            MaskedNormalization.MeanVariance => ml.Transforms.MaskedNormalizeMeanVariance("Norm", "Features", mask, "NormMask"),
            MaskedNormalization.MinMax => ml.Transforms.MaskedNormalizeMinMax("Norm", "Features", mask, "NormMask"),
            _ => ml.Transforms.MaskedNormalizeRobust("Norm", "Features", mask, "NormMask"),
        };
        var output = est.Fit(data).Transform(data);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 5), output.Schema["Norm"].Type);
        var norm = TestRows.Column(output, "Norm");
        var outMask = output.GetColumn<bool[]>("NormMask").ToArray();
        for (int j = 0; j < 5; j++)
        {
            var s = SlotStats(rows, j, useMask);
            for (int i = 0; i < rows.Length; i++)
            {
                float x = rows[i].Features[j];
                bool valid = !float.IsNaN(x) && (!useMask || rows[i].Mask[j]) && s.count > 0;
                double offset = mode switch { MaskedNormalization.MeanVariance => s.mean, MaskedNormalization.MinMax => s.min, _ => s.median };
                double spread = mode switch { MaskedNormalization.MeanVariance => s.std, MaskedNormalization.MinMax => s.max - s.min, _ => s.iqr };
                float expected = valid ? (spread > 0 ? (float)((x - offset) / spread) : 0f) : float.NaN; // no spread: ML.NET's convention, valid values map to 0
                TestRows.AssertClose(expected, norm[i][j]);
                Assert.Equal(valid, outMask[i][j]);
            }
        }
        // Slot 4 has no valid entry anywhere: it stays missing. Row 3 is fully missing: it stays missing.
        Assert.All(norm, r => Assert.True(float.IsNaN(r[4])));
        Assert.All(norm[3], v => Assert.True(float.IsNaN(v)));
    }

    [Theory]
    [InlineData(MaskedNormalization.MeanVariance)]
    [InlineData(MaskedNormalization.MinMax)]
    [InlineData(MaskedNormalization.Robust)]
    public void NativeFastPathGivesTheSameNumbers(MaskedNormalization mode)
    {
        var ml = new MLContext(seed: 1);
        var rows = TestRows.Make(60, 9);
        foreach (var r in rows) if (float.IsNaN(r.Features[4]) && r.GetHashCode() % 2 == 0) r.Features[4] = 1.5f; // every slot has data
        rows[10].Features[4] = 7f;
        var data = ml.Data.LoadFromEnumerable(rows);
        var est = mode switch
        {
            MaskedNormalization.MeanVariance => ml.Transforms.MaskedNormalizeMeanVariance("Norm", "Features"),
            MaskedNormalization.MinMax => ml.Transforms.MaskedNormalizeMinMax("Norm", "Features"),
            _ => ml.Transforms.MaskedNormalizeRobust("Norm", "Features"),
        };
        var model = est.Fit(data);
        // No mask column, no output mask: the whole model is ML.NET's own NormalizingTransformer.
        Assert.IsType<Microsoft.ML.Transforms.NormalizingTransformer>(Assert.Single(model.Model));
        var norm = TestRows.Column(model.Transform(data), "Norm");
        for (int j = 0; j < 5; j++)
        {
            var s = SlotStats(rows, j, false);
            double offset = mode switch { MaskedNormalization.MeanVariance => s.mean, MaskedNormalization.MinMax => s.min, _ => s.median };
            double spread = mode switch { MaskedNormalization.MeanVariance => s.std, MaskedNormalization.MinMax => s.max - s.min, _ => s.iqr };
            for (int i = 0; i < rows.Length; i++)
            {
                float x = rows[i].Features[j];
                TestRows.AssertClose(float.IsNaN(x) ? float.NaN : spread > 0 ? (float)((x - offset) / spread) : 0f, norm[i][j], 1e-5);
            }
            // The typed transformer exposes what it fitted.
            var p = model.Columns[0];
            Assert.Equal(offset, p.Center[j], 1e-9);
            Assert.Equal(spread, p.Spread[j], 1e-9);
            Assert.Equal(spread > 0 ? 1 / spread : 0, p.Scale[j], 1e-9);
        }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(0.0)]
    public void SoftmaxOverValidSlotsAndFullyMissingRowsGiveTheFillNotNaNFromZeroOverZero(double fill)
    {
        var ml = new MLContext(seed: 1);
        var rows = TestRows.Make(30, 3);
        var data = ml.Data.LoadFromEnumerable(rows);
        var output = ml.Transforms.MaskedSoftmax("P", "Features", fill: fill).Fit(data).Transform(data);
        var p = TestRows.Column(output, "P");
        for (int i = 0; i < rows.Length; i++)
        {
            var f = rows[i].Features;
            var valid = f.Select(v => !float.IsNaN(v)).ToArray();
            double max = f.Where(v => !float.IsNaN(v)).DefaultIfEmpty(0).Max();
            double sum = f.Where(v => !float.IsNaN(v)).Sum(v => Math.Exp(v - max));
            for (int j = 0; j < 5; j++)
                TestRows.AssertClose(valid[j] ? (float)(Math.Exp(f[j] - max) / sum) : (float)fill, p[i][j]);
            if (valid.Any(v => v)) Assert.Equal(1.0, p[i].Where((_, j) => valid[j]).Sum(v => v), 4);
        }
        Assert.All(p[3], v => Assert.Equal(float.IsNaN((float)fill), float.IsNaN(v)));
    }

    [Theory]
    [InlineData(MaskedAggregation.Sum)]
    [InlineData(MaskedAggregation.Mean)]
    [InlineData(MaskedAggregation.Min)]
    [InlineData(MaskedAggregation.Max)]
    [InlineData(MaskedAggregation.Variance)]
    [InlineData(MaskedAggregation.StandardDeviation)]
    [InlineData(MaskedAggregation.Count)]
    [InlineData(MaskedAggregation.ArgMax)]
    public void AggregatesMatchAReferenceAndNothingValidIsMissing(MaskedAggregation kind)
    {
        var ml = new MLContext(seed: 1);
        var rows = TestRows.Make(40, 4);
        var data = ml.Data.LoadFromEnumerable(rows);
        var output = ml.Transforms.MaskedAggregate("A", "Features", kind, maskColumnName: "Mask", outputMaskColumnName: "AValid").Fit(data).Transform(data);
        Assert.Equal(NumberDataViewType.Single, output.Schema["A"].Type);
        Assert.Equal(BooleanDataViewType.Instance, output.Schema["AValid"].Type);
        var a = output.GetColumn<float>("A").ToArray();
        Assert.Equal(a.Select(v => !float.IsNaN(v)), output.GetColumn<bool>("AValid").ToArray());
        for (int i = 0; i < rows.Length; i++)
        {
            var idx = Enumerable.Range(0, 5).Where(j => !float.IsNaN(rows[i].Features[j]) && rows[i].Mask[j]).ToList();
            var v = idx.Select(j => (double)rows[i].Features[j]).ToList();
            double mean = v.Count > 0 ? v.Average() : double.NaN;
            double var1 = v.Count > 1 ? v.Sum(x => (x - mean) * (x - mean)) / (v.Count - 1) : double.NaN;
            double expected = kind switch
            {
                MaskedAggregation.Sum => v.Count > 0 ? v.Sum() : double.NaN,
                MaskedAggregation.Mean => mean,
                MaskedAggregation.Min => v.Count > 0 ? v.Min() : double.NaN,
                MaskedAggregation.Max => v.Count > 0 ? v.Max() : double.NaN,
                MaskedAggregation.Variance => var1,
                MaskedAggregation.StandardDeviation => Math.Sqrt(var1),
                MaskedAggregation.Count => v.Count,
                _ => v.Count > 0 ? idx[v.IndexOf(v.Max())] : double.NaN,
            };
            TestRows.AssertClose((float)expected, a[i]);
        }
        Assert.Equal(kind == MaskedAggregation.Count, !float.IsNaN(a[3]));
    }

    [Fact]
    public void EveryComponentRoundTripsSaveAndLoadIntoAFreshContext()
    {
        var ml = new MLContext(seed: 1);
        var rows = TestRows.Make(50, 5);
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.MaskedNormalizeMeanVariance("N", "Features", outputMaskColumnName: "NMask")
            .Append(ml.Transforms.MaskedNormalizeMinMax("M", "Features"))
            .Append(ml.Transforms.MaskedNormalizeRobust("R", "Features", "Mask"))
            .Append(ml.Transforms.MaskedSoftmax("S", "N", fill: 0))
            .Append(ml.Transforms.MaskedAggregate("Mean", "Features", MaskedAggregation.Mean))
            .Append(ml.Transforms.MaskedAggregate("Count", "Features", MaskedAggregation.Count, "Mask"))
            .Append(ml.Transforms.MaskedAggregate("Max", "Features", MaskedAggregation.Max, outputMaskColumnName: "MaxValid"));
        var model = pipeline.Fit(data);
        var before = model.Transform(data);
        var path = Path.Combine(Path.GetTempPath(), $"masked-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, data.Schema, path);
            var fresh = MaskedML.RegisterComponents(new MLContext(seed: 7));
            var loaded = fresh.Model.Load(path, out var inputSchema);
            var after = loaded.Transform(fresh.Data.LoadFromEnumerable(rows));
            foreach (var name in new[] { "N", "M", "R", "S" })
            {
                Assert.Equal(before.Schema[name].Type, after.Schema[name].Type);
                Assert.Equal(5, ((VectorDataViewType)after.Schema[name].Type).Size);
                var x = TestRows.Column(before, name); var y = TestRows.Column(after, name);
                for (int i = 0; i < x.Length; i++) Assert.Equal(x[i], y[i]);
            }
            Assert.Equal(before.GetColumn<float>("Mean").ToArray(), after.GetColumn<float>("Mean").ToArray());
            Assert.Equal(before.GetColumn<float>("Count").ToArray(), after.GetColumn<float>("Count").ToArray());
            Assert.Equal(before.GetColumn<bool>("MaxValid").ToArray(), after.GetColumn<bool>("MaxValid").ToArray());
            Assert.Contains(false, after.GetColumn<bool>("MaxValid").ToArray()); // row 3 has nothing valid
            Assert.Equal(before.GetColumn<bool[]>("NMask").ToArray(), after.GetColumn<bool[]>("NMask").ToArray());
            Assert.DoesNotContain(after.Schema, c => c.Name.StartsWith("__masked", StringComparison.Ordinal));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void StatisticsOverAWholeDataView()
    {
        var ml = new MLContext(seed: 1);
        var rows = TestRows.Make(80, 6);
        var stats = MaskedStatistics.Compute(ml.Data.LoadFromEnumerable(rows), "Features");
        Assert.Equal(5, stats.Count);
        for (int j = 0; j < 4; j++)
        {
            var v = rows.Select(r => r.Features[j]).Where(x => !float.IsNaN(x)).Select(x => (double)x).ToList();
            Assert.Equal(v.Count, stats[j].Count);
            Assert.Equal(v.Average(), stats[j].Mean!.Value, 4);
            Assert.Equal(Math.Sqrt(v.Sum(x => (x - v.Average()) * (x - v.Average())) / (v.Count - 1)), stats[j].StandardDeviation!.Value, 4);
            Assert.Equal(v.Min(), stats[j].Min!.Value, 4);
            Assert.Equal(1 - v.Count / 80.0, stats[j].NullFraction, 10);
        }
        Assert.Equal(0, stats[4].Count);
        Assert.Null(stats[4].Mean);
        Assert.Equal(1.0, stats[4].NullFraction);
    }

    [Fact]
    public void BadColumnsGiveClearErrors()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(TestRows.Make(5, 1));
        Assert.Contains("'Nope'", Assert.Throws<ArgumentException>(() => ml.Transforms.MaskedNormalizeMeanVariance("N", "Nope").Fit(data)).Message);
        Assert.Contains("Mask", Assert.Throws<ArgumentException>(() => ml.Transforms.MaskedNormalizeMeanVariance("N", "Features", "Features").Fit(data)).Message);
    }
}
