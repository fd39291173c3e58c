using Masked.ML.Mapping;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

namespace Masked.ML.Tests;

/// <summary>The fused row mappings (one custom mapping per component, no parameter lookup) against the first row kernel,
/// references and older saved models.</summary>
public class FusedRowMappingTests
{

    /// <summary>Random rows with NaN, false mask entries, ±∞ and rows whose valid entries are all −∞.</summary>
    private static IEnumerable<(T[] x, bool[] m)> Rows<T>(int seed) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        var rng = new Random(seed);
        for (int n = 1; n <= 40; n++)
            for (int k = 0; k < 12; k++)
            {
                var x = new T[n]; var m = new bool[n];
                for (int j = 0; j < n; j++)
                {
                    double u = rng.NextDouble();
                    x[j] = k == 0 ? T.NaN : k == 1 ? T.NegativeInfinity
                        : u < 0.15 ? T.NaN : u < 0.17 && k == 2 ? T.PositiveInfinity : u < 0.19 && k == 3 ? T.NegativeInfinity
                        : T.CreateTruncating((rng.NextDouble() - 0.3) * (k == 4 ? 1e4 : 20));
                    m[j] = rng.NextDouble() > 0.2;
                }
                yield return (x, m);
                yield return (x, []);
            }
    }

    private static void KernelsAgree<T>() where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int rows = 0;
        foreach (var (x, m) in Rows<T>(typeof(T) == typeof(float) ? 5 : 6))
        {
            int padded = SizedRowMappings.PaddedSize(x.Length);
            var fused = new T[padded]; var first = new T[padded];
            fused.AsSpan().Fill(T.One); first.AsSpan().Fill(T.One); // stale values from the previous row must not survive
            RowKernels.Softmax<T>(x, m, fused);
            RowKernels.Map<T>(x, m, [RowMappingNames.OpSoftmax, double.NaN], first, Span<T>.Empty);
            Assert.Equal(first, fused);
            RowKernels.ApplyMask<T>(x, m, fused);
            RowKernels.Map<T>(x, m, [RowMappingNames.OpApply], first, Span<T>.Empty);
            Assert.Equal(first, fused);
            rows++;
        }
        Assert.Equal(40 * 12 * 2, rows);
    }

    [Fact]
    public void FusedKernelsGiveExactlyWhatTheFirstRowKernelGives()
    {
        KernelsAgree<float>();
        KernelsAgree<double>();
    }

    [Fact]
    public void FusedKernelsRejectAMaskOfAnotherLength()
    {
        var e = Assert.Throws<InvalidOperationException>(() => RowKernels.Softmax<float>([1f, 2f], [true], new float[2]));
        Assert.Contains("Mask has 1 entries", e.Message);
        Assert.Throws<InvalidOperationException>(() => RowKernels.ApplyMask<float>([1f, 2f, 3f], [true, true, true], new float[2]));
    }

    public sealed class Row8D
    {
        [VectorType(8)] public double[] Features { get; set; } = [];
        [VectorType(8)] public bool[] Mask { get; set; } = [];
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(-1e-5)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void SoftmaxWithAMaskOnAPowerOfTwoDoubleVectorMatchesAReferenceWithAnyFill(double fill)
    {
        var ml = new MLContext(seed: 1);
        var rng = new Random(9);
        var rows = Enumerable.Range(0, 30).Select(i => new Row8D
        {
            Features = Enumerable.Range(0, 8).Select(j => i == 3 || j == 7 || rng.NextDouble() < 0.2 ? double.NaN : rng.NextDouble() * 8 - 2).ToArray(),
            Mask = Enumerable.Range(0, 8).Select(_ => rng.NextDouble() > 0.15).ToArray(),
        }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.Transforms.MaskedSoftmax("P", "Features", "Mask", fill, outputMaskColumnName: "PValid").Fit(data);
        var output = model.Transform(data);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Double, 8), output.Schema["P"].Type);
        var p = output.GetColumn<double[]>("P").ToArray();
        var valid = output.GetColumn<bool[]>("PValid").ToArray();
        for (int i = 0; i < rows.Length; i++)
        {
            var v = Enumerable.Range(0, 8).Select(j => !double.IsNaN(rows[i].Features[j]) && rows[i].Mask[j]).ToArray();
            double max = Enumerable.Range(0, 8).Where(j => v[j]).Select(j => rows[i].Features[j]).DefaultIfEmpty(0).Max();
            double sum = Enumerable.Range(0, 8).Where(j => v[j]).Sum(j => Math.Exp(rows[i].Features[j] - max));
            for (int j = 0; j < 8; j++)
            {
                Assert.Equal(v[j], valid[i][j]);
                if (v[j]) Assert.Equal(Math.Exp(rows[i].Features[j] - max) / sum, p[i][j], 12);
                else Assert.Equal(fill, p[i][j]);
            }
        }
        Assert.All(p[3], x => Assert.Equal(fill, x)); // a row with nothing valid is all fill
    }

    [Fact]
    public void ModelsSavedWithTheFirstRowMappingsStillLoadAndScoreAsTheCurrentComponents()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(TestRows.Make(40, 21));
        var old = ml.Model.Load(Path.Combine(AppContext.BaseDirectory, "Data", "model-row-mappings-v1.zip"), out _);
        var t = ml.Transforms;
        var current = t.MaskedNormalizeMeanVariance("NM", "Features", "Mask", "NMValid")
            .Append(t.MaskedNormalizeMinMax("MM", "Features", outputMaskColumnName: "MMValid"))
            .Append(t.MaskedSoftmax("S", "Features", fill: 0, outputMaskColumnName: "SValid"))
            .Append(t.MaskedSoftmax("SM", "Features", "Mask", outputMaskColumnName: "SMValid"))
            .Append(t.MaskedAggregate("Std", "Features", MaskedAggregation.StandardDeviation, "Mask", outputMaskColumnName: "StdValid"))
            .Fit(data);
        var a = old.Transform(data);
        var b = current.Transform(data);
        foreach (var name in new[] { "NM", "MM", "S", "SM" })
            Assert.Equal(b.GetColumn<float[]>(name).ToArray(), a.GetColumn<float[]>(name).ToArray());
        foreach (var name in new[] { "NMValid", "MMValid", "SValid", "SMValid" })
            Assert.Equal(b.GetColumn<bool[]>(name).ToArray(), a.GetColumn<bool[]>(name).ToArray());
        Assert.Equal(b.GetColumn<float>("Std").ToArray(), a.GetColumn<float>("Std").ToArray());
        Assert.Contains(a.GetColumn<float[]>("NM"), r => r.Any(v => !float.IsNaN(v)));
    }

    [Fact]
    public void OutputMasksKeepTheInputSlotNamesAndNormalizerOutputsAreNormalized()
    {
        var ml = new MLContext(seed: 1);
        var dir = Path.Combine(Path.GetTempPath(), $"masked-names-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string bin = Path.Combine(dir, "rows.bin");
            CheckData.Write(bin, TestRows.Make(12, 2).Select(r => (r.Features, r.Mask)).ToList());
            var data = CheckData.Read(ml, bin);
            var t = ml.Transforms;
            var output = t.MaskedNormalizeRobust("R", "Features", outputMaskColumnName: "RValid")
                .Append(t.MaskedNormalizeMeanVariance("NM", "Features", "Mask", "NMValid"))
                .Append(t.MaskedSoftmax("S", "Features", outputMaskColumnName: "SValid"))
                .Fit(data).Transform(data);
            string[] Names(string column)
            {
                VBuffer<ReadOnlyMemory<char>> names = default;
                output.Schema[column].GetSlotNames(ref names);
                return names.DenseValues().Select(n => n.ToString()).ToArray();
            }
            var expected = Enumerable.Range(0, 5).Select(j => $"s{j}").ToArray();
            foreach (var c in new[] { "R", "RValid", "SValid" }) Assert.Equal(expected, Names(c));
            Assert.True(output.Schema["R"].IsNormalized());
            Assert.True(output.Schema["NM"].IsNormalized());
        }
        finally { Directory.Delete(dir, true); }
    }

    [Theory]
    [InlineData(false, 0.0)]
    [InlineData(true, 0.0)]
    [InlineData(false, 1.0)]
    [InlineData(true, 2.5)] // no fused factory for this correction: the MapValue parameter route
    public void AggregatesOnDoubleVectorsWithAndWithoutAMaskMatchAReferenceForEveryCorrectionRoute(bool useMask, double correction)
    {
        var ml = new MLContext(seed: 1);
        var rng = new Random(12);
        var rows = Enumerable.Range(0, 25).Select(i => new Row8D
        {
            Features = Enumerable.Range(0, 8).Select(j => i == 3 || j == 7 || rng.NextDouble() < 0.25 ? double.NaN : rng.NextDouble() * 6 - 1).ToArray(),
            Mask = Enumerable.Range(0, 8).Select(_ => rng.NextDouble() > 0.2).ToArray(),
        }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        foreach (var kind in Enum.GetValues<MaskedAggregation>())
        {
            var est = ml.Transforms.MaskedAggregate("A", "Features", kind, useMask ? "Mask" : null, correction, "AValid");
            var output = est.Fit(data).Transform(data);
            Assert.Equal(NumberDataViewType.Double, output.Schema["A"].Type);
            var a = output.GetColumn<double>("A").ToArray();
            Assert.Equal(a.Select(v => !double.IsNaN(v)), output.GetColumn<bool>("AValid").ToArray());
            for (int i = 0; i < rows.Length; i++)
            {
                var idx = Enumerable.Range(0, 8).Where(j => !double.IsNaN(rows[i].Features[j]) && (!useMask || rows[i].Mask[j])).ToList();
                var v = idx.Select(j => rows[i].Features[j]).ToList();
                double mean = v.Count > 0 ? v.Average() : double.NaN;
                double var = v.Count - correction > 0 ? v.Sum(x => (x - mean) * (x - mean)) / (v.Count - correction) : double.NaN;
                double expected = kind switch
                {
                    MaskedAggregation.Sum => v.Count > 0 ? v.Sum() : double.NaN,
                    MaskedAggregation.Mean => mean,
                    MaskedAggregation.Min => v.Count > 0 ? v.Min() : double.NaN,
                    MaskedAggregation.Max => v.Count > 0 ? v.Max() : double.NaN,
                    MaskedAggregation.Variance => var,
                    MaskedAggregation.StandardDeviation => Math.Sqrt(var),
                    MaskedAggregation.Count => v.Count,
                    _ => v.Count > 0 ? idx[v.IndexOf(v.Max())] : double.NaN,
                };
                if (double.IsNaN(expected)) Assert.True(double.IsNaN(a[i]), $"{kind} row {i}: expected missing, got {a[i]}");
                else Assert.Equal(expected, a[i], 10);
            }
            Assert.Equal(kind == MaskedAggregation.Count, !double.IsNaN(a[3]));
        }
    }
}
