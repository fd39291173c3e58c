using BenchmarkDotNet.Attributes;
using Masked.ML;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Masked.Bench;

/// <summary>Transform throughput: 1M rows × a 32-slot vector column with 10% missing, ours vs ML.NET's NormalizeMeanVariance on the same data.</summary>
[MemoryDiagnoser]
public class MlBenchmarks
{
    public sealed class Row { [VectorType(32)] public float[] Features { get; set; } = []; }

    private IDataView _data = null!;
    private ITransformer _ours = null!, _mlnet = null!, _onnx = null!;

    [GlobalSetup]
    public void Setup()
    {
        var ml = new MLContext(seed: 0);
        var rng = new Random(0);
        var rows = new Row[1_000_000];
        for (int i = 0; i < rows.Length; i++)
        {
            var f = new float[32];
            for (int j = 0; j < 32; j++) f[j] = rng.NextDouble() < 0.1 ? float.NaN : (float)(rng.NextDouble() * (j + 1));
            rows[i] = new Row { Features = f };
        }
        _data = ml.Data.Cache(ml.Data.LoadFromEnumerable(rows));
        _ours = ml.Transforms.MaskedNormalizeMeanVariance("Out", "Features").Fit(_data);
        _mlnet = ml.Transforms.NormalizeMeanVariance("Out", "Features", fixZero: false).Fit(_data);
        _onnx = ml.Transforms.MaskedNormalizeMeanVariance("Out", "Features", outputMaskColumnName: "OutMask").Fit(_data);
    }

    private static double Consume(IDataView v)
    {
        double s = 0;
        using var cursor = v.GetRowCursor(v.Schema.Where(c => c.Name == "Out"));
        var get = cursor.GetGetter<VBuffer<float>>(v.Schema["Out"]);
        VBuffer<float> buf = default;
        while (cursor.MoveNext()) { get(ref buf); s += buf.GetValues()[0]; }
        return s;
    }

    [Benchmark(Baseline = true, Description = "ML.NET NormalizeMeanVariance transform (1M x 32)")] public double MlNet() => Consume(_mlnet.Transform(_data));
    [Benchmark(Description = "MaskedNormalizeMeanVariance transform (1M x 32)")] public double Masked() => Consume(_ours.Transform(_data));
    [Benchmark(Description = "MaskedNormalizeMeanVariance with an output mask column (row-mapping path)")] public double MaskedOnnx() => Consume(_onnx.Transform(_data));
}
