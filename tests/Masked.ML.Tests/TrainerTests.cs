using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

namespace Masked.ML.Tests;

public class TrainerTests
{
    public sealed class Row
    {
        [VectorType(3)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    private static Row[] Make(int n, double missingLabels, double missingFeatures, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ =>
        {
            var f = Enumerable.Range(0, 3).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            float y = 2 * f[0] - 3 * f[1] + 0.5f * f[2] + 1;
            for (int j = 0; j < 3; j++) if (rng.NextDouble() < missingFeatures) f[j] = float.NaN;
            return new Row { Features = f, Label = rng.NextDouble() < missingLabels ? float.NaN : y };
        }).ToArray();
    }

    [Fact]
    public void LearnsTheKnownSolutionFromRowsWithMissingLabels()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Make(400, 0.3, 0, 1));
        var trainer = ml.Regression.Trainers.MaskedLinear(epochs: 800, learningRate: 0.05);
        var model = trainer.Fit(data);
        var (w, b) = trainer.Model!.Value;
        Assert.Equal(2.0, w[0], 2);
        Assert.Equal(-3.0, w[1], 2);
        Assert.Equal(0.5, w[2], 2);
        Assert.Equal(1.0, b, 2);
        var test = ml.Data.LoadFromEnumerable(Make(200, 0, 0, 2));
        var metrics = ml.Regression.Evaluate(model.Transform(test));
        Assert.True(metrics.RSquared > 0.999, $"R² {metrics.RSquared}");

        var path = Path.Combine(Path.GetTempPath(), $"masked-linear-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, data.Schema, path);
            var fresh = MaskedML.RegisterComponents(new MLContext(seed: 5));
            var loaded = fresh.Model.Load(path, out _);
            Assert.Equal(model.Transform(test).GetColumn<float>("Score").ToArray(), loaded.Transform(test).GetColumn<float>("Score").ToArray());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void MissingFeaturesNeverProduceNaN()
    {
        var ml = new MLContext(seed: 1);
        var rows = Make(300, 0.2, 0.25, 3);
        var data = ml.Data.LoadFromEnumerable(rows);
        var trainer = ml.Regression.Trainers.MaskedLinear(epochs: 300);
        var scores = trainer.Fit(data).Transform(data).GetColumn<float>("Score").ToArray();
        Assert.All(scores, s => Assert.False(float.IsNaN(s)));
        Assert.All(trainer.Model!.Value.Weights, w => Assert.True(double.IsFinite(w)));
    }
}
