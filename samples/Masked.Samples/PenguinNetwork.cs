using Masked;
using Masked.ML;
using Masked.ML.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Samples;

/// <summary>A custom masked model: a two-layer network for penguin species on measurements with holes (20% more knocked
/// out at random), trained through masked gradients, evaluated, saved and loaded — no imputation anywhere.</summary>
public static class PenguinNetwork
{
    private const int Hidden = 8;

    /// <summary>The network: a missing measurement adds its learned "missing" weights (the indicator's rows of W1) instead
    /// of a value. Found again by its name when the saved model is loaded.</summary>
    [MaskedForward("Samples.PenguinNetwork")]
    public static MaskedTensor<float> Forward(MaskedTensor<float> features, MaskedTensor<float> missing, IReadOnlyList<MaskedTensor<float>> p)
    {
        var hidden = (MaskedTensor.Concat([features, missing], 1).MatMul(p[0]) + p[1]).Tanh();   // [rows, Hidden]
        return hidden.MatMul(p[2]) + p[3];                                                       // [rows, classes] logits
    }

    /// <summary>Initial parameters: W1 [2·features, Hidden], b1, W2 [Hidden, classes], b2 (small random weights).</summary>
    public static MaskedTensor<float>[] InitialParameters(int features, int classes, int seed)
    {
        var rng = new Random(seed);
        MaskedTensor<float> P(double scale, params int[] shape) => MaskedTensor.FromArray(
            Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(_ => (float)((rng.NextDouble() * 2 - 1) * scale)).ToArray(), shape).RequireGrad();
        return [P(1 / Math.Sqrt(2 * features), 2 * features, Hidden), P(0, Hidden), P(1 / Math.Sqrt(Hidden), Hidden, classes), P(0, classes)];
    }


    public static void Run()
    {
        Console.WriteLine();
        Console.WriteLine("== Custom masked model: a two-layer network for penguin species with missing measurements ==");
        var rows = PenguinRows.Load();

        var ml = new MLContext(seed: 1);
        var split = ml.Data.TrainTestSplit(ml.Data.LoadFromEnumerable(rows), testFraction: 0.25, seed: 1);
        var pipeline = ml.Transforms.Conversion.MapValueToKey("Label", "Species")
            .Append(ml.MulticlassClassification.Trainers.MaskedCustom(Forward, InitialParameters(features: 4, classes: 3, seed: 1),
                new MaskedCustomMulticlassTrainer.Options { Seed = 1 }));
        var model = pipeline.Fit(split.TrainSet);
        var trained = model.LastTransformer.Model;
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(split.TestSet));
        Console.WriteLine($"trained {trained.Epochs} epochs (best validation loss {trained.BestLoss:F3}); test accuracy {metrics.MicroAccuracy:F3}, log-loss {metrics.LogLoss:F3}");

        var path = Path.Combine(Path.GetTempPath(), $"penguin-network-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, split.TrainSet.Schema, path);
            var loaded = new MLContext(seed: 2).Model.Load(path, out _);   // the forward code is found by its name
            var again = ml.MulticlassClassification.Evaluate(loaded.Transform(split.TestSet));
            Console.WriteLine($"after Save -> Load: test accuracy {again.MicroAccuracy:F3}, log-loss {again.LogLoss:F3}");
        }
        finally { File.Delete(path); }
    }
}
