using System.Diagnostics;
using Masked.ML.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Xunit;

namespace Masked.ML.Tests;

/// <summary>The forward functions the custom-trainer tests train (found again by name when a saved model loads).</summary>
public static class TestNetworks
{
    /// <summary>A masked linear model: [x, missing indicator] · W + b (W is [2d, outputs], b is [outputs]).</summary>
    [MaskedForward("Masked.ML.Tests.Linear")]
    public static MaskedTensor<float> Linear(MaskedTensor<float> x, MaskedTensor<float> missing, IReadOnlyList<MaskedTensor<float>> p)
        => MaskedTensor.Concat([x, missing], 1).MatMul(p[0]) + p[1];

    /// <summary>A masked two-layer network: tanh([x, missing] · W1 + b1) · W2 + b2.</summary>
    [MaskedForward("Masked.ML.Tests.TwoLayer")]
    public static MaskedTensor<float> TwoLayer(MaskedTensor<float> x, MaskedTensor<float> missing, IReadOnlyList<MaskedTensor<float>> p)
        => (MaskedTensor.Concat([x, missing], 1).MatMul(p[0]) + p[1]).Tanh().MatMul(p[2]) + p[3];

    /// <summary>Returns the wrong shape on purpose.</summary>
    [MaskedForward("Masked.ML.Tests.WrongShape")]
    public static MaskedTensor<float> WrongShape(MaskedTensor<float> x, MaskedTensor<float> missing, IReadOnlyList<MaskedTensor<float>> p)
        => x.MatMul(p[0]);

    /// <summary>Has no [MaskedForward] attribute.</summary>
    public static MaskedTensor<float> Unnamed(MaskedTensor<float> x, MaskedTensor<float> missing, IReadOnlyList<MaskedTensor<float>> p) => x;

    public static MaskedTensor<float>[] LinearParameters(int d, int outputs, int seed)
    {
        var rng = new Random(seed);
        return [Param(rng, 0.1, 2 * d, outputs), Param(rng, 0, outputs)];
    }

    public static MaskedTensor<float>[] TwoLayerParameters(int d, int hidden, int outputs, int seed)
    {
        var rng = new Random(seed);
        return [Param(rng, 1 / Math.Sqrt(2 * d), 2 * d, hidden), Param(rng, 0, hidden), Param(rng, 1 / Math.Sqrt(hidden), hidden, outputs), Param(rng, 0, outputs)];
    }

    private static MaskedTensor<float> Param(Random rng, double scale, params int[] shape)
    {
        int n = shape.Aggregate(1, (a, b) => a * b);
        return MaskedTensor.FromArray(Enumerable.Range(0, n).Select(_ => (float)((rng.NextDouble() * 2 - 1) * scale)).ToArray(), shape).RequireGrad();
    }
}

public class CustomTrainerTests
{
    public sealed class Row
    {
        [VectorType(3)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
        public bool Flag { get; set; }
        public uint Class { get; set; }
        public string Text { get; set; } = "";
    }

    /// <summary>y = 2x0 − 3x1 + 0.5x2 + 1 (x uniform in [−1, 1]); flag and class from linear boundaries; then features and
    /// labels go missing at random.</summary>
    private static Row[] Make(int n, double missingLabels, double missingFeatures, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ =>
        {
            var f = Enumerable.Range(0, 3).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            float y = 2 * f[0] - 3 * f[1] + 0.5f * f[2] + 1;
            double[] s = [2 * f[0] + f[1], -f[0] + 2 * f[2], -f[1] - f[2]];
            var row = new Row { Features = f, Label = rng.NextDouble() < missingLabels ? float.NaN : y, Flag = 3 * f[0] - 2 * f[1] + 0.5 > 0, Class = (uint)Array.IndexOf(s, s.Max()), Text = "a" };
            for (int j = 0; j < 3; j++) if (rng.NextDouble() < missingFeatures) f[j] = float.NaN;
            return row;
        }).ToArray();
    }

    private static IDataView Data(MLContext ml, Row[] rows)
    {
        var def = SchemaDefinition.Create(typeof(Row));
        def["Class"].ColumnType = new KeyDataViewType(typeof(uint), 3);
        return ml.Data.LoadFromEnumerable(rows, def);
    }

    private static MaskedCustomRegressionTrainer Regression(MLContext ml, int seed = 0, int epochs = 300)
        => ml.Regression.Trainers.MaskedCustom(TestNetworks.Linear, TestNetworks.LinearParameters(3, 1, 5),
            new MaskedCustomRegressionTrainer.Options { Seed = seed, NumberOfEpochs = epochs, L2Regularization = 0 });

    [Fact]
    public void RegressionRecoversTheKnownFunctionWith30PercentLabelsAnd20PercentFeaturesMissing()
    {
        var ml = new MLContext(seed: 1);
        var model = Regression(ml).Fit(Data(ml, Make(3000, 0.3, 0.2, 1)));
        var clean = Make(500, 0, 0, 2);
        var scores = model.Transform(Data(ml, clean)).GetColumn<float>("Score").ToArray();
        double rmse = Math.Sqrt(scores.Zip(clean, (s, r) => (s - r.Label) * (s - r.Label)).Average());
        Assert.True(rmse < 0.05, $"RMSE {rmse} against the noise-free function");
        // In standardized units the weights on present features are w·scale; with x uniform in [-1, 1] the scale is ~0.577.
        var w = model.Model.Parameters[0].ToArray();
        float ts = model.Model.TargetScales[0];
        float[] expected = [2, -3, 0.5f];
        for (int j = 0; j < 3; j++) Assert.InRange(w[j] * ts / model.Model.FeatureScales[j], expected[j] - 0.1f, expected[j] + 0.1f);   // minibatch Adam: within 0.1
        Assert.True(model.Model.Epochs > 1);
    }

    [Fact]
    public void RowsWithAllLabelsMissingChangeNothingAndTheGivenParametersStayUntouched()
    {
        var ml = new MLContext(seed: 1);
        var rows = Make(400, 0.2, 0.2, 3);
        var extra = Make(100, 1.0, 0.1, 4);
        var init = TestNetworks.LinearParameters(3, 1, 5);
        var before = init.Select(p => p.ToArray()).ToArray();
        var o = new MaskedCustomRegressionTrainer.Options { NumberOfEpochs = 30 };
        var a = ml.Regression.Trainers.MaskedCustom(TestNetworks.Linear, init, o).Fit(Data(ml, rows)).Model;
        var b = ml.Regression.Trainers.MaskedCustom(TestNetworks.Linear, init, o).Fit(Data(ml, rows.Concat(extra).ToArray())).Model;
        Assert.Equal(a.Pack(), b.Pack());
        for (int k = 0; k < init.Length; k++) Assert.Equal(before[k], init[k].ToArray());
        Assert.NotEqual(before[0], a.Parameters[0].ToArray());
    }

    [Fact]
    public void TheSeedMakesTrainingDeterministic()
    {
        var ml = new MLContext(seed: 1);
        var data = Data(ml, Make(500, 0.1, 0.2, 5));
        var first = Regression(ml, seed: 7, epochs: 20).Fit(data).Model.Pack();
        var again = Regression(new MLContext(seed: 99), seed: 7, epochs: 20).Fit(data).Model.Pack();
        var other = Regression(ml, seed: 8, epochs: 20).Fit(data).Model.Pack();
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void FrozenParametersStayAsGiven()
    {
        var ml = new MLContext(seed: 1);
        var p = TestNetworks.LinearParameters(3, 1, 6);
        var frozenBias = MaskedTensor.FromArray(new[] { 0.25f }, 1);   // no RequireGrad: not trained
        var model = ml.Regression.Trainers.MaskedCustom(TestNetworks.Linear, [p[0], frozenBias], new MaskedCustomRegressionTrainer.Options { NumberOfEpochs = 10 })
            .Fit(Data(ml, Make(300, 0, 0.1, 6)));
        Assert.Equal([0.25f], model.Model.Parameters[1].ToArray());
        Assert.NotEqual(p[0].ToArray(), model.Model.Parameters[0].ToArray());
    }

    [Fact]
    public void MaskedParameterEntriesStayMaskedAndSurviveSaveAndLoad()
    {
        var ml = new MLContext(seed: 1);
        var data = Data(ml, Make(400, 0.1, 0.2, 14));
        var p = TestNetworks.LinearParameters(3, 1, 7);
        var values = p[0].ToArray();
        var valid = Enumerable.Range(0, values.Length).Select(i => i != 2).ToArray();   // no weight on x2: a pruned connection
        var pruned = MaskedTensor.Create(values, valid, 6, 1).RequireGrad();
        var model = ml.Regression.Trainers.MaskedCustom(TestNetworks.Linear, [pruned, p[1]], new MaskedCustomRegressionTrainer.Options { NumberOfEpochs = 20 }).Fit(data);
        var w = model.Model.Parameters[0];
        Assert.False(w.IsValid(2, 0));
        Assert.Equal(values[2], w.GetRawValue(2, 0));
        Assert.True(w.IsValid(0, 0));
        Assert.NotEqual(values[0], w.GetRawValue(0, 0));
        var path = Path.Combine(Path.GetTempPath(), $"masked-custom-{Guid.NewGuid():N}.zip");
        try
        {
            ml.Model.Save(model, data.Schema, path);
            var loaded = new MLContext(seed: 5).Model.Load(path, out _);
            Assert.Equal(model.Transform(data).GetColumn<float>("Score").ToArray(), loaded.Transform(data).GetColumn<float>("Score").ToArray());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void ClassifiersWriteColumnsTheEvaluatorsAndPredictionEngineAccept()
    {
        var ml = new MLContext(seed: 1);
        var train = Data(ml, Make(2000, 0.2, 0.2, 7));
        var test = Data(ml, Make(500, 0, 0.1, 8));
        var binary = ml.BinaryClassification.Trainers.MaskedCustom(TestNetworks.TwoLayer, TestNetworks.TwoLayerParameters(3, 8, 1, 1), labelColumnName: "Flag").Fit(train);
        var scored = binary.Transform(test);
        var bm = ml.BinaryClassification.Evaluate(scored, labelColumnName: "Flag");
        Assert.True(bm.Accuracy > 0.85, $"binary accuracy {bm.Accuracy}");
        var score = scored.GetColumn<float>("Score").ToArray();
        var prob = scored.GetColumn<float>("Probability").ToArray();
        var pred = scored.GetColumn<bool>("PredictedLabel").ToArray();
        for (int i = 0; i < score.Length; i++) { Assert.Equal(1 / (1 + Math.Exp(-score[i])), prob[i], 4); Assert.Equal(score[i] > 0, pred[i]); }

        var multi = ml.MulticlassClassification.Trainers.MaskedCustom(TestNetworks.TwoLayer, TestNetworks.TwoLayerParameters(3, 8, 3, 2), labelColumnName: "Class").Fit(train);
        var mm = ml.MulticlassClassification.Evaluate(multi.Transform(test), labelColumnName: "Class");
        Assert.True(mm.MicroAccuracy > 0.85, $"multiclass accuracy {mm.MicroAccuracy}");
        var engine = ml.Model.CreatePredictionEngine<Row, ClassPrediction>(multi, train.Schema);
        var p = engine.Predict(new Row { Features = [0.9f, 0.9f, float.NaN] });
        Assert.Equal(3, p.Score.Length);
        Assert.Equal(1.0, p.Score.Sum(), 4);
        Assert.Equal(1u, p.PredictedLabel);   // key 1 = class 0: 2·0.9 + 0.9 beats the others for any x2 in [−1, 1]

        var regression = Regression(ml, epochs: 50).Fit(train);
        var rm = ml.Regression.Evaluate(regression.Transform(test));
        Assert.True(rm.RSquared > 0.9, $"R² {rm.RSquared}");
        var pfi = ml.Regression.PermutationFeatureImportance(regression, test, permutationCount: 1);
        Assert.Equal(3, pfi.Length);
        var drops = pfi.Select(m => m.RootMeanSquaredError.Mean).ToArray();
        Assert.Equal(1, Array.IndexOf(drops, drops.Max()));   // |w1| = 3 is the largest weight
    }

    public sealed class ClassPrediction
    {
        public float[] Score { get; set; } = [];
        public uint PredictedLabel { get; set; }
    }

    [Fact]
    public void WrongInputNamesTheColumnOrTheForwardFunction()
    {
        var ml = new MLContext(seed: 1);
        var data = Data(ml, Make(100, 0, 0, 9));
        var p = TestNetworks.LinearParameters(3, 1, 1);
        var e1 = Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.MaskedCustom(TestNetworks.Linear, p, labelColumnName: "Lable").Fit(data));
        Assert.Contains("'Lable'", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.MaskedCustom(TestNetworks.Linear, p, featureColumnName: "Text").Fit(data));
        Assert.Contains("'Text'", e2.Message); Assert.Contains("text", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => ml.MulticlassClassification.Trainers.MaskedCustom(TestNetworks.Linear, p, labelColumnName: "Label").Fit(data));
        Assert.Contains("'Label'", e3.Message); Assert.Contains("key", e3.Message);
        var e4 = Assert.Throws<ArgumentException>(() => ml.MulticlassClassification.Trainers.MaskedCustom(TestNetworks.Linear, p, labelColumnName: "Class").Fit(data));
        Assert.Contains("Masked.ML.Tests.Linear", e4.Message); Assert.Contains("[rows, 3]", e4.Message); Assert.Contains("'Class'", e4.Message);
        var e5 = Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.MaskedCustom((x, m, q) => x, p));
        Assert.Contains("static", e5.Message);
        var e6 = Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.MaskedCustom(TestNetworks.Unnamed, p));
        Assert.Contains("Unnamed", e6.Message); Assert.Contains("MaskedForward", e6.Message);
        var e7 = Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.MaskedCustom(TestNetworks.Linear, p.Select(t => t.Detach()).ToArray()));
        Assert.Contains("RequireGrad", e7.Message);
        var e8 = Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.MaskedCustom(TestNetworks.WrongShape, p).Fit(data));
        Assert.Contains("Masked.ML.Tests.WrongShape", e8.Message);
        var model = Regression(ml, epochs: 2).Fit(data);
        var wide = ml.Data.LoadFromEnumerable(new[] { new WideRow() });
        var e9 = Assert.Throws<ArgumentException>(() => model.Transform(wide));
        Assert.Contains("'Features'", e9.Message); Assert.Contains("3", e9.Message);
    }

    [Fact]
    public void OutputSchemaMatchesTheFittedModel()
    {
        var ml = new MLContext(seed: 1);
        var data = Data(ml, Make(300, 0.1, 0.1, 15));
        var shape = (SchemaShape)typeof(SchemaShape).GetMethod("Create", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)!.Invoke(null, [data.Schema])!;
        var trainers = new ITrainerEstimator<MaskedCustomPredictionTransformer, MaskedCustomModelParameters>[]
        {
            Regression(ml, epochs: 2),
            ml.BinaryClassification.Trainers.MaskedCustom(TestNetworks.Linear, TestNetworks.LinearParameters(3, 1, 1), new MaskedCustomBinaryTrainer.Options { LabelColumnName = "Flag", NumberOfEpochs = 2 }),
            ml.MulticlassClassification.Trainers.MaskedCustom(TestNetworks.Linear, TestNetworks.LinearParameters(3, 3, 1), new MaskedCustomMulticlassTrainer.Options { LabelColumnName = "Class", NumberOfEpochs = 2 }),
        };
        foreach (var trainer in trainers)
        {
            var predicted = trainer.GetOutputSchema(shape).Select(c => c.Name).OrderBy(n => n).ToArray();
            var actual = trainer.Fit(data).GetOutputSchema(data.Schema).Where(c => !c.IsHidden).Select(c => c.Name).OrderBy(n => n).ToArray();
            Assert.Equal(actual, predicted);
            Assert.Contains("Score", actual);
        }
    }

    public sealed class WideRow
    {
        [VectorType(4)] public float[] Features { get; set; } = new float[4];
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void BuiltInLossGradientsMatchFiniteDifferencesInFloat64(int kind)
    {
        var rng = new Random(kind + 10);
        const int n = 12, k = 3;
        int width = kind == 1 ? 1 : k;
        var z = Enumerable.Range(0, n * width).Select(_ => rng.NextDouble() * 4 - 2).ToArray();
        var zMask = Enumerable.Range(0, n * width).Select(_ => rng.NextDouble() > 0.15).ToArray();
        double[] y; bool[]? yMask = null;
        switch (kind)
        {
            case 0: y = Enumerable.Range(0, n * k).Select(_ => rng.NextDouble() * 2 - 1).ToArray(); yMask = y.Select(_ => rng.NextDouble() > 0.3).ToArray(); break;
            case 1: y = Enumerable.Range(0, n).Select(_ => (double)rng.Next(2)).ToArray(); yMask = y.Select(_ => rng.NextDouble() > 0.3).ToArray(); break;
            default:
                y = new double[n * k];
                for (int i = 0; i < n; i++) y[i * k + rng.Next(k)] = 1;
                yMask = Enumerable.Range(0, n * k).Select(i => i / k % 4 != 0).ToArray();   // every 4th row's label missing
                break;
        }
        Func<MaskedTensor<double>, MaskedTensor<double>, MaskedTensor<double>> loss = kind switch
        {
            0 => MaskedLosses.SquaredError,
            1 => MaskedLosses.Logistic,
            _ => MaskedLosses.SoftmaxCrossEntropy,
        };
        var labels = MaskedTensor.Create(y, yMask, n, width);
        var x = MaskedTensor.Create(z, zMask, [n, width], requiresGrad: true);
        loss(x, labels).Backward();
        var grad = x.Grad!;
        const double h = 1e-6;
        int checkedEntries = 0;
        for (int i = 0; i < z.Length; i++)
        {
            if (!zMask[i]) continue;
            double F(double v) { var zz = (double[])z.Clone(); zz[i] = v; return loss(MaskedTensor.Create(zz, zMask, n, width), labels).Item(); }
            double numeric = (F(z[i] + h) - F(z[i] - h)) / (2 * h);
            int r = i / width, c = i % width;
            double analytic = grad.IsValid(r, c) ? grad.GetRawValue(r, c) : 0;   // a masked gradient = no path = 0 change
            Assert.True(Math.Abs(numeric - analytic) <= 1e-7 + 1e-5 * Math.Abs(numeric), $"kind {kind} entry {i}: analytic {analytic}, numeric {numeric}");
            checkedEntries++;
        }
        Assert.True(checkedEntries > n * width / 2);
        Assert.False(double.IsNaN(loss(x, labels).Item()));
    }

    [Fact]
    public void SavedModelsScoreIdenticallyInAFreshProcess()
    {
        var ml = new MLContext(seed: 1);
        var train = Data(ml, Make(600, 0.2, 0.2, 12));
        var rows = Make(40, 0, 0.3, 13);
        var check = Data(ml, rows);
        var estimators = new IEstimator<ITransformer>[]
        {
            Regression(ml, epochs: 20),
            ml.BinaryClassification.Trainers.MaskedCustom(TestNetworks.TwoLayer, TestNetworks.TwoLayerParameters(3, 4, 1, 3), new MaskedCustomBinaryTrainer.Options { LabelColumnName = "Flag", NumberOfEpochs = 20 }),
            ml.MulticlassClassification.Trainers.MaskedCustom(TestNetworks.TwoLayer, TestNetworks.TwoLayerParameters(3, 4, 3, 4), new MaskedCustomMulticlassTrainer.Options { LabelColumnName = "Class", NumberOfEpochs = 20 }),
        };
        var dir = Path.Combine(Path.GetTempPath(), $"masked-custom-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var rowsPath = Path.Combine(dir, "rows.bin");
            CheckData.Write(rowsPath, rows.Select(r => (r.Features, r.Features.Select(_ => true).ToArray())).ToList());
            for (int k = 0; k < estimators.Length; k++)
            {
                var model = estimators[k].Fit(train);
                var path = Path.Combine(dir, $"model{k}.zip");
                ml.Model.Save(model, train.Schema, path);
                var expected = Dump.Columns(model.Transform(check)).Where(IsScore).ToArray();
                Assert.True(expected.Length > 40);
                Assert.DoesNotContain(expected, l => l.Contains("NaN"));
                var actual = RunChild(path, rowsPath).Where(IsScore).ToArray();
                Assert.Equal(expected, actual);
            }
        }
        finally { Directory.Delete(dir, true); }
    }

    private static bool IsScore(string line) => line.Contains("Score") || line.Contains("Probability") || line.Contains("PredictedLabel");

    /// <summary>Loads and scores in a child process of this test assembly (which holds the forward functions).</summary>
    private static string[] RunChild(string model, string rows)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Masked.ML.Tests.dll"));
        psi.ArgumentList.Add("load-score"); psi.ArgumentList.Add(model); psi.ArgumentList.Add(rows);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"child failed: {stderr}");
        return stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
    }
}
