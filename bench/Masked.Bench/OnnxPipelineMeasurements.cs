using System.Diagnostics;
using System.Globalization;
using Masked.ML;
using Masked.ML.Onnx;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Masked.Bench;

/// <summary>
/// `-- onnx-pipeline [rows]`: a fitted ML.NET pipeline of masked components (masked mean/variance normalize → safe softmax
/// with fill 0 and an output mask → masked row mean) on rows × 32 floats (10% missing, every 1000th row fully missing),
/// exported once by MaskedOnnx.Export, then scored (a) in process by the fitted ML.NET pipeline (Transform + read every
/// row's outputs) and (b) by ONNX Runtime through MaskedOnnxSession in one call on the masked tensor (mask bound as the
/// model's mask input, outputs re-masked by the model's mask outputs). Best of 3 after a warm-up; prints the export time,
/// both scoring times and the ratio.
/// </summary>
public static class OnnxPipelineMeasurements
{
    private const int Slots = 32;

    private sealed class Row
    {
        [VectorType(Slots)] public float[] Features = [];
    }

    public static void Run(int rows)
    {
        var rng = new Random(1);
        var data = new float[rows * Slots];
        var valid = new bool[rows * Slots];
        for (int i = 0; i < data.Length; i++)
        {
            valid[i] = i / Slots % 1000 != 7 && rng.NextDouble() >= 0.1;
            data[i] = valid[i] ? (float)(rng.NextDouble() * 10 - 3) : float.NaN;
        }
        var ml = new MLContext(seed: 0);
        var view = ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(r => new Row { Features = data.AsSpan(r * Slots, Slots).ToArray() }).ToList());
        var model = ml.Transforms.MaskedNormalizeMeanVariance("N", "Features")
            .Append(ml.Transforms.MaskedSoftmax("P", "N", null, 0, "PV"))
            .Append(ml.Transforms.MaskedAggregate("Mean", "Features", MaskedAggregation.Mean))
            .Fit(view);

        var sw = Stopwatch.StartNew();
        var bytes = MaskedOnnx.Export(model, view.Schema, new MaskedOnnxExportOptions { OutputColumns = ["P", "Mean"] });
        double exportMs = sw.Elapsed.TotalMilliseconds;

        double mlnet = Best(() =>
        {
            var output = model.Transform(view);
            using var cursor = output.GetRowCursor(output.Schema);
            var gp = cursor.GetGetter<VBuffer<float>>(output.Schema["P"]);
            var gv = cursor.GetGetter<VBuffer<bool>>(output.Schema["PV"]);
            var gm = cursor.GetGetter<float>(output.Schema["Mean"]);
            VBuffer<float> p = default; VBuffer<bool> v = default; float m = 0;
            long n = 0;
            while (cursor.MoveNext()) { gp(ref p); gv(ref v); gm(ref m); n += p.Length; }
            if (n != (long)rows * Slots) throw new InvalidOperationException($"ML.NET produced {n} values.");
        });

        var x = MaskedTensor.Create(data, valid, rows, Slots);
        using var session = new MaskedOnnxSession(bytes)
            .WithFill("Features", MaskedOnnxFill.AsMaskInput("Features" + MaskedOnnx.MaskSuffix))
            .WithRule("P", MaskedOnnxOutputRule.FromMaskOutput("P" + MaskedOnnx.MaskSuffix))
            .WithRule("Mean", MaskedOnnxOutputRule.FromMaskOutput("Mean" + MaskedOnnx.MaskSuffix));
        double ours = Best(() =>
        {
            var r = session.Run(MaskedOnnxInput.Of("Features", x));
            if (r.Get<float>("P").Length != rows * Slots || r.Get<float>("Mean").Length != rows) throw new InvalidOperationException();
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"onnx-pipeline rows={rows} slots={Slots} export_ms={exportMs:F0} mlnet_in_process_ms={mlnet:F1} masked_onnx_session_ms={ours:F1} ratio={mlnet / ours:F2}"));
    }

    private static double Best(Action action)
    {
        action(); // warm-up
        double best = double.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            best = Math.Min(best, sw.Elapsed.TotalMilliseconds);
        }
        return best;
    }
}
