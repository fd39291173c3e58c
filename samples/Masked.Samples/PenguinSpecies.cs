using Masked.ML;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Samples;

/// <summary>Penguin species from measurements with holes (20% more knocked out at random): a masked softmax regression
/// trained, evaluated, saved and loaded — no imputation anywhere.</summary>
internal static class PenguinSpecies
{

    public static void Run()
    {
        Console.WriteLine();
        Console.WriteLine("== Masked softmax regression: penguin species with missing measurements ==");
        var rows = PenguinRows.Load();

        var ml = new MLContext(seed: 1);
        var split = ml.Data.TrainTestSplit(ml.Data.LoadFromEnumerable(rows), testFraction: 0.25, seed: 1);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", "Species")
            .Append(ml.MulticlassClassification.Trainers.MaskedSoftmaxRegression());
        var model = pipeline.Fit(split.TrainSet);
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(split.TestSet));
        Console.WriteLine($"test accuracy {metrics.MicroAccuracy:F3}, log-loss {metrics.LogLoss:F3}");

        var trained = model.LastTransformer.Model;
        for (int k = 0; k < trained.OutputCount; k++)
            Console.WriteLine($"class {k}: weights [{string.Join(", ", trained.GetWeights(k).Select(w => w.ToString("F3")))}]  if missing [{string.Join(", ", trained.GetMissingContributions(k).Select(w => w.ToString("F2")))}]");

        var path = Path.Combine(Path.GetTempPath(), $"penguin-species-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, split.TrainSet.Schema, path);
            var loaded = new MLContext(seed: 2).Model.Load(path, out _);
            var again = ml.MulticlassClassification.Evaluate(loaded.Transform(split.TestSet));
            Console.WriteLine($"after Save -> Load: test accuracy {again.MicroAccuracy:F3}, log-loss {again.LogLoss:F3}");
        }
        finally { File.Delete(path); }
    }
}
