using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Types;
using Masked;
using Masked.Arrow;
using Masked.ML;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Samples;

/// <summary>Real data with holes: Palmer penguins (2 rows with no measurements, 10 without sex) through Arrow, Parquet and ML.NET.</summary>
internal static class RealData
{
    public static void Run()
    {
        Console.WriteLine();
        Console.WriteLine("== Real data: penguins.json -> Arrow -> masked tensors -> Parquet -> ML.NET ==");
        var rows = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "penguins.json"))).RootElement.EnumerateArray().ToList();
        string[] measures = ["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"];
        var species = new StringArray.Builder();
        var cols = measures.Select(_ => new DoubleArray.Builder()).ToArray();
        foreach (var r in rows)
        {
            species.Append(r.GetProperty("Species").GetString());
            for (int k = 0; k < measures.Length; k++)
            {
                var v = r.GetProperty(measures[k]);
                if (v.ValueKind == JsonValueKind.Null) cols[k].AppendNull(); else cols[k].Append(v.GetDouble());
            }
        }
        var fields = new List<Field> { new("Species", StringType.Default, true) };
        fields.AddRange(measures.Select((_, k) => new Field($"m{k}", DoubleType.Default, true)));
        var batch = new RecordBatch(new Schema(fields, null), new IArrowArray[] { species.Build() }.Concat(cols.Select(c => (IArrowArray)c.Build())), rows.Count);

        foreach (var (name, k) in measures.Select((m, k) => (m, k)))
        {
            var t = batch.GetMaskedColumn<double>($"m{k}"); // zero-copy view of the Arrow column
            Console.WriteLine($"{name,-22} valid {t.ValidCount,3}/{t.Length}  mean {t.Mean().Item(),8:F2}  std {t.Std().Item(),7:F2}  median {t.Median().Item(),7:F1}");
        }

        var path = Path.Combine(Path.GetTempPath(), $"penguins-{Guid.NewGuid():N}.parquet");
        try
        {
            ParquetTensors.Write(path, [batch]);
            var ml = new MLContext(seed: 1);
            var data = ml.Data.LoadFromParquet(path);
            var split = ml.Data.TrainTestSplit(ml.Data.Cache(data), testFraction: 0.3, seed: 1);
            var pipeline = ml.Transforms.Concatenate("Raw", "m0", "m1", "m2", "m3")
                .Append(ml.Transforms.Conversion.ConvertType("Raw", outputKind: DataKind.Single))
                .Append(ml.Transforms.MaskedNormalizeMeanVariance("Features", "Raw"))
                .Append(ml.Transforms.ReplaceMissingValues("Features", replacementMode: Microsoft.ML.Transforms.MissingValueReplacingEstimator.ReplacementMode.DefaultValue))
                .Append(ml.Transforms.Conversion.MapValueToKey("Label", "Species"))
                .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy());
            var model = pipeline.Fit(split.TrainSet);
            var metrics = ml.MulticlassClassification.Evaluate(model.Transform(split.TestSet));
            Console.WriteLine($"species from masked-normalized measurements: macro accuracy {metrics.MacroAccuracy:F3}, log-loss {metrics.LogLoss:F3}");
        }
        finally { File.Delete(path); }
    }
}
