using System.Diagnostics;
using System.Globalization;
using Masked.ML.Onnx;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Masked.Bench;

/// <summary>
/// `-- onnx [rows]`: one ONNX model (a traced masked linear layer, 32 → 8, exported by MaskedOnnx.ExportTrace with a
/// dynamic batch; inputs x and x_mask, outputs y and y_mask) scored on rows × 32 floats (10% masked, garbage in masked
/// slots) by MaskedOnnxSession in one call, and by ML.NET's ApplyOnnxModel (Transform + read every row's y and y_mask)
/// in the same process. Best of 3; prints both times and the ratio.
/// </summary>
public static class OnnxMeasurements
{
    private const int Slots = 32, Out = 8;

    private sealed class Row
    {
        [VectorType(Slots)] public float[] x = [];
        [VectorType(Slots)] public bool[] x_mask = [];
    }

    public static void Run(int rows)
    {
        var rng = new Random(1);
        var w = MaskedTensor.FromArray(Enumerable.Range(0, Slots * Out).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray(), Slots, Out);
        var b = MaskedTensor.FromArray(Enumerable.Range(0, Out).Select(_ => (float)rng.NextDouble()).ToArray(), Out);
        var model = MaskedOnnx.ExportTrace(v => [v[0].MatMul(w).Add(b)], [MaskedTensor.FromArray(new float[Slots * 2], 2, Slots)], ["x"], ["y"], dynamicBatch: true);

        var data = new float[rows * Slots];
        var mask = new bool[rows * Slots];
        for (int i = 0; i < data.Length; i++) { mask[i] = rng.NextDouble() >= 0.1; data[i] = mask[i] ? (float)rng.NextDouble() : float.NaN; }
        var x = MaskedTensor.Create(data, mask, rows, Slots);

        using var session = new MaskedOnnxSession(model)
            .WithFill("x", MaskedOnnxFill.AsMaskInput("x_mask"))
            .WithRule("y", MaskedOnnxOutputRule.FromMaskOutput("y_mask"));
        double ours = Best(() => { var r = session.Run(MaskedOnnxInput.Of("x", x)); if (r.Get<float>("y").Length != rows * Out) throw new InvalidOperationException(); });

        var ml = new MLContext(seed: 0);
        var path = Path.Combine(Path.GetTempPath(), $"masked_onnx_bench_{Environment.ProcessId}.onnx");
        File.WriteAllBytes(path, model);
        try
        {
            var view = ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(r => new Row { x = data.AsSpan(r * Slots, Slots).ToArray(), x_mask = mask.AsSpan(r * Slots, Slots).ToArray() }).ToList());
            var transformer = ml.Transforms.ApplyOnnxModel(["y", "y_mask"], ["x", "x_mask"], path).Fit(view);
            double mlnet = Best(() =>
            {
                var output = transformer.Transform(view);
                using var cursor = output.GetRowCursor(output.Schema);
                var gy = cursor.GetGetter<VBuffer<float>>(output.Schema["y"]);
                var gm = cursor.GetGetter<VBuffer<bool>>(output.Schema["y_mask"]);
                VBuffer<float> y = default; VBuffer<bool> m = default;
                long n = 0;
                while (cursor.MoveNext()) { gy(ref y); gm(ref m); n += y.Length; }
                if (n != (long)rows * Out) throw new InvalidOperationException($"ML.NET produced {n} values.");
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"onnx rows={rows} slots={Slots} masked_onnx_session_ms={ours:F1} mlnet_apply_onnx_model_ms={mlnet:F1} speedup={mlnet / ours:F1}"));
        }
        finally { File.Delete(path); }
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
