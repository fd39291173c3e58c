using Apache.Arrow;
using Masked.Arrow;
using Masked.ML;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Masked.Cli.Tests;

public class NormalizeTests
{
    private const int Rows = 700;

    /// <summary>Per slot (offset, scale) from Masked.Core over the whole column, as Masked.ML's normalizers define them.</summary>
    private static (double[] offset, double[] scale) Reference(MaskedTensor<double> x, string method)
    {
        int w = x.Shape[1];
        MaskedTensor<double> center, spread;
        switch (method)
        {
            case "mean-variance": center = x.Mean(0); spread = x.Std(0, correction: 0); break;
            case "min-max": center = x.Amin(0); spread = x.Amax(0) - center; break;
            default: center = x.Quantile(0.5, 0); spread = x.Quantile(0.75, 0) - x.Quantile(0.25, 0); break;
        }
        var off = new double[w]; var sc = new double[w];
        for (int j = 0; j < w; j++)
        {
            if (!center.IsValid(j)) { sc[j] = double.NaN; continue; }
            off[j] = center.GetRawValue(j);
            double s = spread.GetRawValue(j);
            sc[j] = spread.IsValid(j) && s > 0 ? 1 / s : 1;
        }
        return (off, sc);
    }

    private static MaskedTensor<double> ReadColumn(string parquet, string name, int width)
    {
        var parts = ParquetTensors.ReadBatches(parquet, 256, [name]).Select(b =>
        {
            var col = b.ToMaskedColumns()[0];
            var t = col.Tensor switch
            {
                MaskedTensor<float> f => f.Cast<double>(),
                MaskedTensor<double> d => d.Cast<double>(),
                _ => throw new InvalidOperationException(col.ElementType.Name),
            };
            return t.Contiguous().Reshape(-1, width);
        }).ToList();
        return MaskedTensor.Concat(parts, 0);
    }

    [Theory]
    [InlineData("mean-variance", "parquet")]
    [InlineData("min-max", "parquet")]
    [InlineData("robust", "parquet")]
    [InlineData("mean-variance", "arrow")]
    public void WritesTheTransformWithNullsKeptAndAModelThatReproducesIt(string method, string format)
    {
        using var dir = new TempDir();
        var table = new TestTable(Rows, seed: 4);
        string input = format == "parquet" ? table.WriteParquet(dir.File("in.parquet")) : table.WriteArrowFile(dir.File("in.arrow"));
        string output = dir.File("out.parquet"), model = dir.File("model.zip");
        var run = CliRun.Of("normalize", input, output, "--method", method, "--save-model", model, "--batch-size", "128");
        Assert.True(run.Exit == 0, run.Err);

        var inputs = new (string name, MaskedTensor<double> x, bool isFloat)[]
        {
            ("a", table.A.Cast<double>().Reshape(Rows, 1), true),
            ("empty", table.Empty.Reshape(Rows, 1), false),
            ("full", table.Full.Cast<double>().Reshape(Rows, 1), true),
            ("vec", table.Vec.Cast<double>(), true),
        };
        var written = new Dictionary<string, MaskedTensor<double>>();
        foreach (var (name, x, isFloat) in inputs)
        {
            var (off, sc) = Reference(x, method);
            var y = ReadColumn(output, name, x.Shape[1]);
            written[name] = y;
            Assert.Equal(x.Shape, y.Shape);
            for (int r = 0; r < Rows; r++)
                for (int j = 0; j < x.Shape[1]; j++)
                {
                    Assert.Equal(x.IsValid(r, j), y.IsValid(r, j)); // nulls stay null, valid stays valid
                    if (!x.IsValid(r, j)) continue;
                    double expected = (x.GetRawValue(r, j) - off[j]) * sc[j];
                    Assert.Equal(expected, y.GetRawValue(r, j), isFloat ? 2e-5 * Math.Max(1, Math.Abs(expected)) : 1e-12);
                }
        }
        // Other columns pass through.
        var labels = ParquetTensors.ReadBatches(output, 1 << 16, ["label"]).SelectMany(b => Enumerable.Range(0, b.Length).Select(i => ((StringArray)b.Column(0)).GetString(i))).ToArray();
        Assert.Equal(table.Labels, labels);

        // The saved ML.NET model gives the same numbers as the written file.
        var ml = new MLContext(seed: 0);
        var transformer = ml.Model.Load(model, out _);
        var data = format == "parquet" ? (IDataView)ml.Data.LoadFromParquet(input) : ml.Data.LoadFromArrowFile(input);
        var scored = transformer.Transform(data);
        // 'empty' has no valid value: Masked.ML refuses to fit it, so the model leaves it out and says so.
        Assert.Contains("left out of the model (no valid value to fit): empty", run.Out);
        var emptyColumn = scored.Schema["empty"];
        Assert.Equal(NumberDataViewType.Double, emptyColumn.Type);
        Assert.All(scored.GetColumn<double>(emptyColumn), v => Assert.True(double.IsNaN(v)));
        foreach (var (name, x, isFloat) in inputs)
        {
            if (name == "empty") continue;
            var y = written[name];
            var col = scored.Schema[name];
            var rows = isFloat
                ? scored.GetColumn<VBuffer<float>>(col).Select(v => v.DenseValues().Select(f => (double)f).ToArray()).ToList()
                : scored.GetColumn<VBuffer<double>>(col).Select(v => v.DenseValues().ToArray()).ToList();
            Assert.Equal(Rows, rows.Count);
            for (int r = 0; r < Rows; r++)
                for (int j = 0; j < x.Shape[1]; j++)
                {
                    if (!y.IsValid(r, j)) { Assert.True(double.IsNaN(rows[r][j]), $"{name}[{r},{j}] should be missing"); continue; }
                    double v = y.GetRawValue(r, j);
                    Assert.Equal(v, rows[r][j], isFloat ? 2e-5 * Math.Max(1, Math.Abs(v)) : 1e-9);
                }
        }
    }
}
