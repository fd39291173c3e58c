using System.Diagnostics;
using Masked.ML.Trainers;
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

    public sealed class MultiRow
    {
        [VectorType(3)] public float[] Features { get; set; } = [];
        [VectorType(2)] public float[] Label { get; set; } = [];
    }

    public sealed class ClassRow
    {
        [VectorType(3)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
        public uint Class { get; set; }
        public bool Flag { get; set; }
        public string Text { get; set; } = "";
    }

    private static readonly float[] TrueW = [2f, -3f, 0.5f];
    private const float TrueB = 1f;

    /// <summary>y = 2x0 − 3x1 + 0.5x2 + 1 (x uniform in [−1, 1]); then features and labels go missing at random.</summary>
    private static Row[] Make(int n, double missingLabels, double missingFeatures, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ =>
        {
            var f = Enumerable.Range(0, 3).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            float y = TrueW[0] * f[0] + TrueW[1] * f[1] + TrueW[2] * f[2] + TrueB;
            for (int j = 0; j < 3; j++) if (rng.NextDouble() < missingFeatures) f[j] = float.NaN;
            return new Row { Features = f, Label = rng.NextDouble() < missingLabels ? float.NaN : y };
        }).ToArray();
    }

    [Fact]
    public void RegressionRecoversKnownWeightsWith30PercentLabelsAnd20PercentFeaturesMissing()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Make(4000, 0.3, 0.2, 1));
        var model = ml.Regression.Trainers.MaskedLinear().Fit(data);
        var p = model.Model;
        // Tolerance 0.05 on weights and bias: with independent features, a missing x_j is best replaced by E[w_j x_j] = 0,
        // so the missing contributions must be near 0 too (0.1).
        for (int j = 0; j < 3; j++) Assert.InRange(p.Weights[j], TrueW[j] - 0.05f, TrueW[j] + 0.05f);
        Assert.InRange(p.Bias, TrueB - 0.05f, TrueB + 0.05f);
        Assert.All(p.MissingContributions, m => Assert.InRange(m, -0.1f, 0.1f));
        var test = ml.Data.LoadFromEnumerable(Make(500, 0, 0, 2));
        var metrics = ml.Regression.Evaluate(model.Transform(test));
        Assert.True(metrics.RSquared > 0.995, $"R² {metrics.RSquared}");
    }

    [Fact]
    public void RowsWithAllTargetsMissingChangeNothing()
    {
        var ml = new MLContext(seed: 1);
        var rows = Make(600, 0.2, 0.2, 3);
        var rng = new Random(9);
        var extra = Enumerable.Range(0, 200).Select(_ => new Row { Features = [rng.Next(-1000, 1000), float.NaN, 1e6f], Label = float.NaN });
        var mixed = rows.Take(300).Concat(extra.Take(100)).Concat(rows.Skip(300)).Concat(extra.Skip(100)).ToArray();
        var a = ml.Regression.Trainers.MaskedLinear().Fit(ml.Data.LoadFromEnumerable(rows)).Model;
        var b = ml.Regression.Trainers.MaskedLinear().Fit(ml.Data.LoadFromEnumerable(mixed)).Model;
        Assert.Equal(a.Weights, b.Weights);
        Assert.Equal(a.MissingContributions, b.MissingContributions);
        Assert.Equal(a.Bias, b.Bias);
    }

    [Fact]
    public void MultiTargetRegressionDropsEachMissingTargetOnItsOwn()
    {
        var ml = new MLContext(seed: 1);
        var rng = new Random(4);
        var rows = Enumerable.Range(0, 3000).Select(_ =>
        {
            var f = Enumerable.Range(0, 3).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            var y = new[] { 2 * f[0] - 3 * f[1] + 0.5f * f[2] + 1, -f[0] + 4 * f[2] - 2 };
            for (int t = 0; t < 2; t++) if (rng.NextDouble() < 0.3) y[t] = float.NaN;
            for (int j = 0; j < 3; j++) if (rng.NextDouble() < 0.2) f[j] = float.NaN;
            return new MultiRow { Features = f, Label = y };
        }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.Regression.Trainers.MaskedLinear().Fit(data);
        float[][] w = [[2, -3, 0.5f], [-1, 0, 4]];
        float[] b = [1, -2];
        for (int t = 0; t < 2; t++)
        {
            for (int j = 0; j < 3; j++) Assert.InRange(model.Model.GetWeights(t)[j], w[t][j] - 0.05f, w[t][j] + 0.05f);
            Assert.InRange(model.Model.GetBias(t), b[t] - 0.05f, b[t] + 0.05f);
        }
        var scores = model.Transform(data).GetColumn<float[]>("Score").Take(50).ToArray();
        for (int i = 0; i < scores.Length; i++)
            for (int t = 0; t < 2; t++) Assert.Equal(model.Model.Evaluate(rows[i].Features, t), scores[i][t], 3);
    }

    private static ClassRow[] MakeClasses(int n, int seed, double missingFeatures, double missingLabels)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ =>
        {
            var f = Enumerable.Range(0, 3).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            double logit = 3 * f[0] - 2 * f[1] + 0.5;
            bool flag = rng.NextDouble() < 1 / (1 + Math.Exp(-logit));
            double[] s = [2 * f[0] + f[1], -f[0] + 2 * f[2], -f[1] - f[2]];   // linear class boundaries
            uint cls = (uint)Array.IndexOf(s, s.Max()) + 1;   // LoadFromEnumerable adds 1 to a key column's uint (0-based values)
            for (int j = 0; j < 3; j++) if (rng.NextDouble() < missingFeatures) f[j] = float.NaN;
            bool drop = rng.NextDouble() < missingLabels;
            return new ClassRow { Features = f, Flag = flag, Label = drop ? float.NaN : flag ? 1 : 0, Class = cls - 1, Text = "a" };
        }).ToArray();
    }

    private static IDataView ClassData(MLContext ml, ClassRow[] rows)
    {
        var def = SchemaDefinition.Create(typeof(ClassRow));
        def["Class"].ColumnType = new KeyDataViewType(typeof(uint), 3);
        return ml.Data.LoadFromEnumerable(rows, def);
    }

    [Fact]
    public void LogisticLearnsFromFloatLabelsWithMissingAndWritesCalibratedColumns()
    {
        var ml = new MLContext(seed: 1);
        var data = ClassData(ml, MakeClasses(6000, 5, 0.2, 0.3));
        var model = ml.BinaryClassification.Trainers.MaskedLogistic(labelColumnName: "Label").Fit(data);
        Assert.InRange(model.Model.Weights[0], 2.5f, 3.5f);
        Assert.InRange(model.Model.Weights[1], -2.5f, -1.5f);
        Assert.InRange(model.Model.Weights[2], -0.3f, 0.3f);
        var test = ClassData(ml, MakeClasses(1000, 6, 0, 0));
        var scored = model.Transform(test);
        var metrics = ml.BinaryClassification.Evaluate(scored, labelColumnName: "Flag");
        Assert.True(metrics.AreaUnderRocCurve > 0.85, $"AUC {metrics.AreaUnderRocCurve}");
        var score = scored.GetColumn<float>("Score").ToArray();
        var prob = scored.GetColumn<float>("Probability").ToArray();
        var pred = scored.GetColumn<bool>("PredictedLabel").ToArray();
        for (int i = 0; i < score.Length; i++)
        {
            Assert.Equal(1 / (1 + Math.Exp(-score[i])), prob[i], 4);
            Assert.Equal(score[i] > 0, pred[i]);
        }
    }

    [Fact]
    public void SoftmaxRegressionWritesKeyPredictionsTheEvaluatorAccepts()
    {
        var ml = new MLContext(seed: 1);
        var data = ClassData(ml, MakeClasses(3000, 7, 0.2, 0.3));
        var model = ml.MulticlassClassification.Trainers.MaskedSoftmaxRegression(labelColumnName: "Class").Fit(data);
        Assert.Equal(3, model.Model.OutputCount);
        var test = ClassData(ml, MakeClasses(1000, 8, 0, 0));
        var testRows = MakeClasses(1000, 8, 0, 0);
        var own = testRows.Select(r => Enumerable.Range(0, 3).Select(t => model.Model.Evaluate(r.Features, t)).ToList()).Select(l => (uint)l.IndexOf(l.Max()) + 1).ToArray();
        var native = model.Transform(test).GetColumn<uint>("PredictedLabel").ToArray();
        Assert.Equal(own, native);
        var metrics = ml.MulticlassClassification.Evaluate(model.Transform(test), labelColumnName: "Class");
        Assert.True(metrics.MacroAccuracy > 0.85, $"accuracy {metrics.MacroAccuracy}");
        var engine = ml.Model.CreatePredictionEngine<ClassRow, ClassPrediction>(model, ClassData(ml, []).Schema);
        var p = engine.Predict(new ClassRow { Features = [0.9f, 0.9f, float.NaN] });
        Assert.Equal(3, p.Score.Length);
        Assert.Equal(1.0, p.Score.Sum(), 4);
        Assert.Equal(1u, p.PredictedLabel);   // key 1 = the first class: 2·0.9 + 0.9 beats the others for any x2 in [−1, 1]
    }

    public sealed class ClassPrediction
    {
        public float[] Score { get; set; } = [];
        public uint PredictedLabel { get; set; }
    }

    [Fact]
    public void WrongInputNamesTheColumn()
    {
        var ml = new MLContext(seed: 1);
        var data = ClassData(ml, MakeClasses(100, 9, 0, 0));
        var e1 = Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.MaskedLinear(labelColumnName: "Lable").Fit(data));
        Assert.Contains("'Lable'", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.MaskedLinear(featureColumnName: "Text").Fit(data));
        Assert.Contains("'Text'", e2.Message); Assert.Contains("text", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => ml.MulticlassClassification.Trainers.MaskedSoftmaxRegression(labelColumnName: "Label").Fit(data));
        Assert.Contains("'Label'", e3.Message); Assert.Contains("key", e3.Message);
        var e4 = Assert.Throws<ArgumentException>(() => ml.BinaryClassification.Trainers.MaskedLogistic(labelColumnName: "Class").Fit(data));
        Assert.Contains("'Class'", e4.Message);
        var e5 = Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.MaskedLinear(labelColumnName: "Lable").GetOutputSchema(ShapeOf(data.Schema)));
        Assert.Contains("'Lable'", e5.Message);
        var allMissing = ml.Data.LoadFromEnumerable(Make(50, 1.0, 0, 1));
        var e6 = Assert.Throws<InvalidOperationException>(() => ml.Regression.Trainers.MaskedLinear().Fit(allMissing));
        Assert.Contains("'Label'", e6.Message);
    }

    [Fact]
    public void OutputSchemaMatchesTheFittedModel()
    {
        var ml = new MLContext(seed: 1);
        var data = ClassData(ml, MakeClasses(200, 10, 0.1, 0));
        var trainers = new (IEstimator<ITransformer> est, string[] cols)[]
        {
            (ml.Regression.Trainers.MaskedLinear(), ["Score"]),
            (ml.BinaryClassification.Trainers.MaskedLogistic(labelColumnName: "Flag"), ["Score", "Probability", "PredictedLabel"]),
            (ml.MulticlassClassification.Trainers.MaskedSoftmaxRegression(labelColumnName: "Class"), ["Score", "PredictedLabel"]),
        };
        foreach (var (est, cols) in trainers)
        {
            var shape = est.GetOutputSchema(ShapeOf(data.Schema));
            var schema = est.Fit(data).Transform(data).Schema;
            foreach (var c in cols)
            {
                var s = shape.Single(x => x.Name == c);
                Assert.Equal(s.ItemType, schema[c].Type is VectorDataViewType v ? v.ItemType : schema[c].Type is KeyDataViewType ? s.ItemType : schema[c].Type);
            }
            Assert.DoesNotContain(schema, c => c.Name.StartsWith("MaskedML.", StringComparison.Ordinal));
            Assert.Equal(shape.Select(c => c.Name).OrderBy(n => n), schema.Where(c => !c.IsHidden).Select(c => c.Name).Distinct().OrderBy(n => n));
        }
    }

    [Fact]
    public void PermutationFeatureImportanceRunsAndRanksTheStrongestFeature()
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(Make(1000, 0.1, 0.1, 11));
        var model = ml.Regression.Trainers.MaskedLinear().Fit(data);
        var pfi = ml.Regression.PermutationFeatureImportance(model, data, permutationCount: 1);
        Assert.Equal(3, pfi.Length);
        var drops = pfi.Select(m => m.RootMeanSquaredError.Mean).ToArray();
        Assert.Equal(1, Array.IndexOf(drops, drops.Max()));    // |w1| = 3 is the largest weight
    }

    [Fact]
    public void SavedModelsScoreIdenticallyInAFreshProcess()
    {
        var ml = new MLContext(seed: 1);
        var train = ClassData(ml, MakeClasses(800, 12, 0.2, 0.2));
        var rows = MakeClasses(40, 13, 0.3, 0);
        var estimators = new IEstimator<ITransformer>[]
        {
            ml.Regression.Trainers.MaskedLinear(),
            ml.BinaryClassification.Trainers.MaskedLogistic(labelColumnName: "Flag"),
            ml.MulticlassClassification.Trainers.MaskedSoftmaxRegression(labelColumnName: "Class"),
        };
        var dir = Path.Combine(Path.GetTempPath(), $"masked-trainers-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var rowsPath = Path.Combine(dir, "rows.bin");
            using (var w = new BinaryWriter(File.Create(rowsPath)))
            {
                w.Write(rows.Length); w.Write(3);
                foreach (var r in rows) { foreach (var v in r.Features) w.Write(v); foreach (var _ in r.Features) w.Write(true); }
            }
            var check = rows.Select(r => new Row { Features = r.Features }).ToArray();
            for (int k = 0; k < estimators.Length; k++)
            {
                var model = estimators[k].Fit(train);
                var path = Path.Combine(dir, $"model{k}.zip");
                ml.Model.Save(model, train.Schema, path);
                var expected = Dump.Columns(model.Transform(ml.Data.LoadFromEnumerable(check))).Where(l => l.Contains("Score") || l.Contains("Probability")).ToArray();
                Assert.NotEmpty(expected);
                var lines = RunLoadCheck(path, rowsPath);
                var actual = lines.Where(l => l.Contains("Score") || l.Contains("Probability")).ToArray();
                Assert.Equal(expected, actual);
            }
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>ML.NET's SchemaShape.Create is internal; pipelines reach it the same way.</summary>
    internal static SchemaShape ShapeOf(DataViewSchema schema)
        => (SchemaShape)typeof(SchemaShape).GetMethod("Create", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)!.Invoke(null, [schema])!;

    internal static string[] RunLoadCheck(string model, string rows)
    {
        var exe = Path.Combine(AppContext.BaseDirectory, "Masked.ML.LoadCheck.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(exe); psi.ArgumentList.Add(model); psi.ArgumentList.Add(rows);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"LoadCheck failed: {stderr}");
        return stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
    }
}

public class TrainerCrossValidationTests
{
    private sealed class Row
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    private static IDataView Data(MLContext ml, int n, int seed)
    {
        var rng = new Random(seed);
        return ml.Data.LoadFromEnumerable(Enumerable.Range(0, n).Select(_ =>
        {
            var f = new[] { (float)rng.NextDouble(), (float)rng.NextDouble() };
            float y = 3 * f[0] - f[1] + (float)(rng.NextDouble() - 0.5);
            if (rng.NextDouble() < 0.2) f[0] = float.NaN;
            return new Row { Features = f, Label = y };
        }).ToArray());
    }

    [Fact]
    public void SmallDataChoosesThePenaltiesByCrossValidationLargeDataAndFoldsZeroDoNot()
    {
        var ml = new MLContext(seed: 1);
        var small = ml.Regression.Trainers.MaskedLinear(new MaskedLinearRegressionTrainer.Options());
        var fitted = small.Fit(Data(ml, 300, 1)).Model;
        Assert.NotNull(small.SelectedL2);
        Assert.True(fitted.PenaltiesCrossValidated);
        Assert.Equal(small.SelectedL2!.Value, (fitted.L2Regularization, fitted.MissingL2Regularization));
        Assert.Contains(small.SelectedL2!.Value.weights, MaskedLinearTrainerBase.L2Grid);
        Assert.Contains(small.SelectedL2!.Value.missing, MaskedLinearTrainerBase.L2Grid);
        var off = ml.Regression.Trainers.MaskedLinear(new MaskedLinearRegressionTrainer.Options { CrossValidationFolds = 0 });
        var offModel = off.Fit(Data(ml, 300, 1)).Model;
        Assert.Null(off.SelectedL2);
        Assert.False(offModel.PenaltiesCrossValidated);
        Assert.Equal(1e-3, offModel.L2Regularization);
        var large = ml.Regression.Trainers.MaskedLinear(new MaskedLinearRegressionTrainer.Options { CrossValidationMaxRows = 200 });
        large.Fit(Data(ml, 300, 1));
        Assert.Null(large.SelectedL2);
        // Deterministic: the same seed chooses the same penalties and weights.
        var again = ml.Regression.Trainers.MaskedLinear(new MaskedLinearRegressionTrainer.Options());
        var a = again.Fit(Data(ml, 300, 1)).Model.Weights.ToArray();
        Assert.Equal(small.SelectedL2, again.SelectedL2);
        Assert.Equal(a, ml.Regression.Trainers.MaskedLinear(new MaskedLinearRegressionTrainer.Options()).Fit(Data(ml, 300, 1)).Model.Weights.ToArray());
    }
}

public class TrainerNativeChainTests
{
    private sealed class Row
    {
        [VectorType(3)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
        public bool Flag { get; set; }
    }

    private static Row[] Make(int n, int seed, bool thirdConstant)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ =>
        {
            var f = Enumerable.Range(0, 3).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            float y = 2 * f[0] - f[1] + 0.3f * f[2] + (float)(rng.NextDouble() * 0.2);
            var row = new Row { Features = f, Label = y, Flag = y > 0.2f };
            for (int j = 0; j < 3; j++) if (rng.NextDouble() < 0.3) f[j] = float.NaN;
            if (thirdConstant) f[2] = y > 0.5f ? float.NaN : 1f;   // constant when present (weight 0), its absence informative
            return row;
        }).ToArray();
    }

    private static bool HasIndicator(ITransformer t)
        => t.GetType().Name.Contains("MissingValueIndicator") || (t is IEnumerable<ITransformer> chain && chain.Any(HasIndicator));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OneOutputModelsScoreAsReplaceMissingPlusLinearAndMatchTheMaskedModel(bool thirdConstant)
    {
        var ml = new MLContext(seed: 1);
        var rows = Make(600, 3, thirdConstant);
        var data = ml.Data.LoadFromEnumerable(rows);
        var regression = ml.Regression.Trainers.MaskedLinear().Fit(data);
        var binary = ml.BinaryClassification.Trainers.MaskedLogistic(labelColumnName: "Flag").Fit(data);
        // A constant feature has weight 0 but a learned missing contribution: no replacement value gives it, so the indicator
        // chain is used; otherwise ReplaceMissingValues with r_j = m_j / w_j and the linear predictor.
        Assert.True(thirdConstant == HasIndicator(regression.NativeTransformer), $"w [{string.Join(", ", regression.Model.GetWeights(0))}] m [{string.Join(", ", regression.Model.GetMissingContributions(0))}] chain {string.Join(", ", ((TransformerChain<ITransformer>)regression.NativeTransformer).Select(p => p.GetType().Name))}");
        Assert.Equal(thirdConstant, HasIndicator(binary.NativeTransformer));
        if (thirdConstant) Assert.NotEqual(0f, regression.Model.GetMissingContributions(0)[2]);
        var score = regression.Transform(data).GetColumn<float>("Score").ToArray();
        var logit = binary.Transform(data).GetColumn<float>("Score").ToArray();
        for (int i = 0; i < rows.Length; i++)
        {
            double r = regression.Model.Evaluate(rows[i].Features, 0), b = binary.Model.Evaluate(rows[i].Features, 0);
            Assert.True(Math.Abs(r - score[i]) <= 1e-5 * (1 + Math.Abs(r)), $"row {i}: regression {r} vs native {score[i]}");
            Assert.True(Math.Abs(b - logit[i]) <= 1e-5 * (1 + Math.Abs(b)), $"row {i}: logit {b} vs native {logit[i]}");
        }
        Assert.Contains(rows, r => r.Features.Take(2).Any(float.IsNaN));
    }
}
