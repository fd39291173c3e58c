using Masked.ML.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

namespace Masked.ML.Tests;

/// <summary>The masked GAM trainers: nonlinear recovery with missing labels and features, what missing rows change, the
/// columns, evaluators, PFI, determinism, bad input, the gradient over the expanded basis, Save → Load in a fresh process.</summary>
public class GamTrainerTests
{
    private sealed class Row
    {
        [VectorType(3)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
        public bool Flag { get; set; }
        public uint Class { get; set; }
        public string Text { get; set; } = "";
    }

    /// <summary>y = 2|x0| − 3x1 + 1.5·x0·x2 + 1 (x uniform in [−1, 1]): a kink, a line, an interaction.</summary>
    private static float Truth(float[] x) => 2 * MathF.Abs(x[0]) - 3 * x[1] + 1.5f * x[0] * x[2] + 1;

    private static Row[] Make(int n, double missingLabels, double missingFeatures, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ =>
        {
            var f = Enumerable.Range(0, 3).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
            float y = Truth(f);
            bool flag = rng.NextDouble() < 1 / (1 + Math.Exp(-2 * (y - 1)));
            uint cls = y < 0 ? 0u : y < 2 ? 1u : 2u;
            for (int j = 0; j < 3; j++) if (rng.NextDouble() < missingFeatures) f[j] = float.NaN;
            return new Row { Features = f, Label = rng.NextDouble() < missingLabels ? float.NaN : y, Flag = flag, Class = cls, Text = "a" };
        }).ToArray();
    }

    private static IDataView Data(MLContext ml, Row[] rows)
    {
        var def = SchemaDefinition.Create(typeof(Row));
        def["Class"].ColumnType = new KeyDataViewType(typeof(uint), 3);
        return ml.Data.LoadFromEnumerable(rows, def);
    }

    private static double Rmse(Func<float[], double> f, Row[] clean) => Math.Sqrt(clean.Average(r => Math.Pow(f(r.Features) - Truth(r.Features), 2)));

    [Fact]
    public void RecoversANonlinearFunctionWith30PercentLabelsAnd20PercentFeaturesMissing()
    {
        var ml = new MLContext(seed: 1);
        var data = Data(ml, Make(3000, 0.3, 0.2, 1));
        var clean = Make(500, 0, 0, 2);
        var gam = ml.Regression.Trainers.MaskedGam().Fit(data);
        var linear = ml.Regression.Trainers.MaskedLinear().Fit(data);
        double gamRmse = Rmse(x => gam.Model.Evaluate(x), clean), linearRmse = Rmse(x => linear.Model.Evaluate(x), clean);
        // The hinge basis at 4 knots approximates |x0| within ~0.1; the linear model cannot bend (RMSE ≈ 0.7).
        Assert.True(gamRmse < 0.15, $"GAM RMSE {gamRmse}");
        Assert.True(linearRmse > 3 * gamRmse, $"linear {linearRmse}, GAM {gamRmse}");
        // Shape of x0 (up to a constant): the kink at 0 is learned.
        double s0 = gam.Model.GetShape(0, 0f), sl = gam.Model.GetShape(0, -0.8f), sr = gam.Model.GetShape(0, 0.8f);
        Assert.InRange(sl - s0, 1.3, 1.9); Assert.InRange(sr - s0, 1.3, 1.9);
        Assert.Contains(gam.Model.Interactions, p => p == (0, 2));
        Assert.Equal(4, gam.Model.GetKnots(0).Count);
        Assert.True(gam.Model.GetKnots(0).SequenceEqual(gam.Model.GetKnots(0).Order()));
        // A row with x1 missing scores bias + shapes + x1's missing contribution: close to the mean over x1 (E[−3x1] = 0).
        var row = new[] { 0.5f, float.NaN, 0.5f };
        Assert.InRange(gam.Model.Evaluate(row), Truth([0.5f, 0f, 0.5f]) - 0.3, Truth([0.5f, 0f, 0.5f]) + 0.3);
        // The transformer scores what the model computes.
        var some = clean.Take(50).Append(new Row { Features = row }).ToArray();
        var scores = gam.Transform(Data(ml, some)).GetColumn<float>("Score").ToArray();
        for (int i = 0; i < some.Length; i++) Assert.Equal(gam.Model.Evaluate(some[i].Features), scores[i], 4);
    }

    [Fact]
    public void RowsWithAllTargetsMissingChangeNothingAndTheSeedMakesItDeterministic()
    {
        var ml = new MLContext(seed: 1);
        var rows = Make(600, 0, 0.2, 3);
        var extra = Make(200, 1.0, 0.2, 4);
        var a = ml.Regression.Trainers.MaskedGam(new MaskedGamRegressionTrainer.Options { Seed = 5 }).Fit(Data(ml, rows)).Model.Pack();
        var b = ml.Regression.Trainers.MaskedGam(new MaskedGamRegressionTrainer.Options { Seed = 5 }).Fit(Data(ml, rows.Concat(extra).ToArray())).Model.Pack();
        var c = ml.Regression.Trainers.MaskedGam(new MaskedGamRegressionTrainer.Options { Seed = 5 }).Fit(Data(ml, rows)).Model.Pack();
        Assert.Equal(a, b);
        Assert.Equal(a, c);
        var other = ml.Regression.Trainers.MaskedGam(new MaskedGamRegressionTrainer.Options { Seed = 6 }).Fit(Data(ml, rows)).Model.Pack();
        Assert.NotEqual(a, other);   // the seed draws the cross-validation folds
    }

    [Fact]
    public void ClassifiersWriteTheColumnsEvaluatorsPredictionEngineAndPfiUse()
    {
        var ml = new MLContext(seed: 1);
        var data = Data(ml, Make(1500, 0, 0.15, 5));
        var test = Data(ml, Make(500, 0, 0.15, 6));
        var binary = ml.BinaryClassification.Trainers.MaskedGam(labelColumnName: "Flag").Fit(data);
        var bm = ml.BinaryClassification.Evaluate(binary.Transform(test), "Flag");
        Assert.True(bm.AreaUnderRocCurve > 0.8, $"AUC {bm.AreaUnderRocCurve}");
        var multi = ml.MulticlassClassification.Trainers.MaskedGam(labelColumnName: "Class").Fit(data);
        var mm = ml.MulticlassClassification.Evaluate(multi.Transform(test), "Class");
        Assert.True(mm.MicroAccuracy > 0.8, $"accuracy {mm.MicroAccuracy}");
        var regression = ml.Regression.Trainers.MaskedGam().Fit(data);
        // 15% of x1 missing leaves ~0.45 of y's variance ~3.6 unexplainable: R² ≈ 0.85 at best; the linear model cannot bend.
        double r2 = ml.Regression.Evaluate(regression.Transform(test)).RSquared, r2Linear = ml.Regression.Evaluate(ml.Regression.Trainers.MaskedLinear().Fit(data).Transform(test)).RSquared;
        Assert.True(r2 > 0.8 && r2 > r2Linear, $"R² {r2}, linear {r2Linear}");
        var engine = ml.Model.CreatePredictionEngine<Row, BinaryOut>(binary);
        var p = engine.Predict(new Row { Features = [0.9f, -0.9f, float.NaN] });
        Assert.True(p.PredictedLabel); Assert.InRange(p.Probability, 0.5f, 1f);
        Assert.Equal(binary.Model.Evaluate([0.9f, -0.9f, float.NaN]), p.Score, 4);
        var pfi = ml.Regression.PermutationFeatureImportance(regression, test, permutationCount: 1);
        var drops = pfi.Select(m => m.RootMeanSquaredError.Mean).ToArray();
        Assert.Equal(1, Array.IndexOf(drops, drops.Max()));   // −3x1 moves y most
        var shape = ml.MulticlassClassification.Trainers.MaskedGam(labelColumnName: "Class").GetOutputSchema(TrainerTests.ShapeOf(data.Schema));
        Assert.Contains(shape, c => c.Name == "PredictedLabel");
        Assert.Equal(shape.Select(c => c.Name).OrderBy(n => n), multi.Transform(test).Schema.Where(c => !c.IsHidden).Select(c => c.Name).Distinct().OrderBy(n => n));
    }

    private sealed class BinaryOut
    {
        public float Score { get; set; }
        public float Probability { get; set; }
        public bool PredictedLabel { get; set; }
    }

    [Fact]
    public void WrongInputNamesTheColumn()
    {
        var ml = new MLContext(seed: 1);
        var data = Data(ml, Make(100, 0, 0, 7));
        Assert.Contains("'Lable'", Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.MaskedGam(labelColumnName: "Lable").Fit(data)).Message);
        var text = Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.MaskedGam(featureColumnName: "Text").Fit(data)).Message;
        Assert.Contains("'Text'", text); Assert.Contains("text", text);
        Assert.Contains("'Label'", Assert.Throws<ArgumentException>(() => ml.MulticlassClassification.Trainers.MaskedGam(labelColumnName: "Label").Fit(data)).Message);
        Assert.Contains("'Class'", Assert.Throws<ArgumentException>(() => ml.BinaryClassification.Trainers.MaskedGam(labelColumnName: "Class").Fit(data)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ml.Regression.Trainers.MaskedGam(new MaskedGamRegressionTrainer.Options { NumberOfKnots = -1 }));
        var e = Assert.Throws<InvalidOperationException>(() => MaskedGamModelParameters.Unpack(new double[] { 1, 3, 1, 0, 5 }));
        Assert.Contains("damaged", e.Message);
        var packed = ml.Regression.Trainers.MaskedGam().Fit(data).Model.Pack();
        Assert.Equal(3, MaskedGamModelParameters.Unpack(packed).mean.Length);
        packed[10] += 1e-9;   // one changed parameter
        Assert.Contains("fingerprint", Assert.Throws<InvalidOperationException>(() => MaskedGamModelParameters.Unpack(packed)).Message);
    }

    private sealed class DoubleRow
    {
        [VectorType(3)] public double[] Features { get; set; } = [];
        public double Scalar { get; set; }
        public float Label { get; set; }   // ML.NET's regression evaluator wants a float label
    }

    [Fact]
    public void DoubleAndScalarFeaturesGiveAFloatScoreTheEvaluatorAccepts()
    {
        var ml = new MLContext(seed: 1);
        var rows = Make(400, 0.1, 0.1, 10).Select(r => new DoubleRow
        {
            Features = r.Features.Select(v => (double)v).ToArray(), Scalar = r.Features[1], Label = r.Label,
        }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        var vector = ml.Regression.Trainers.MaskedGam().Fit(data);
        var scored = vector.Transform(data);
        Assert.Equal(NumberDataViewType.Single, scored.Schema["Score"].Type);
        Assert.True(ml.Regression.Evaluate(scored).RSquared > 0.8);
        var scalar = ml.Regression.Trainers.MaskedGam(featureColumnName: "Scalar").Fit(data);
        Assert.Equal(1, scalar.Model.FeatureCount);
        var s = scalar.Transform(data).GetColumn<float>("Score").Take(20).ToArray();
        for (int i = 0; i < s.Length; i++) Assert.Equal(scalar.Model.Evaluate([(float)rows[i].Scalar]), s[i], 4);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void GradientOverTheExpandedBasisMatchesFiniteDifferencesInFloat64(int kind)
    {
        var task = (LinearTask)kind;
        const int n = 40, d = 3;
        int outputs = task switch { LinearTask.Regression => 2, LinearTask.Binary => 1, _ => 3 };
        int w = task == LinearTask.Regression ? outputs : 1;
        var rng = new Random(kind + 1);
        var z = Enumerable.Range(0, n * d).Select(_ => rng.NextDouble() < 0.2 ? float.NaN : (float)(rng.NextDouble() * 4 - 2)).ToArray();
        var y = Enumerable.Range(0, n * w).Select(_ => task switch
        {
            LinearTask.Regression => rng.NextDouble() < 0.3 ? float.NaN : (float)(rng.NextDouble() * 2 - 1),
            LinearTask.Binary => rng.Next(2),
            _ => rng.Next(outputs),
        }).ToArray();
        var raw = new LinearDesign
        {
            Features = d, Outputs = outputs, Task = task, Z = z, Y = y, Rows = n, ValidZ = [], ValidY = [], ValidRows = 0,
            Mean = new double[d], Scale = [1, 1, 1], TargetMean = new double[outputs], TargetScale = Enumerable.Repeat(1.0, outputs).ToArray(), LabelSums = new double[outputs],
        };
        var basis = AdditiveBasis.Fit(raw, 3, 16);
        Assert.Equal(d + 3 * d + 3, basis.Columns);
        var design = basis.Apply(raw);
        var obj = new LinearObjective(task, design.Features, outputs, l2: 0.01, exact: true, l2Missing: 0.04);
        var theta = Enumerable.Range(0, obj.Parameters).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var grad = new double[obj.Parameters];
        obj.Evaluate(theta, design.Z, design.Y, n, grad);
        const double h = 1e-6;
        for (int k = 0; k < theta.Length; k++)
        {
            var plus = (double[])theta.Clone(); plus[k] += h;
            var minus = (double[])theta.Clone(); minus[k] -= h;
            double numeric = (obj.Evaluate(plus, design.Z, design.Y, n, null) - obj.Evaluate(minus, design.Z, design.Y, n, null)) / (2 * h);
            Assert.True(Math.Abs(numeric - grad[k]) <= 1e-7 + 1e-5 * Math.Abs(numeric), $"{task} θ[{k}]: analytic {grad[k]}, numeric {numeric}");
        }
        // A missing feature makes exactly its own columns (value, hinges, pairs with it) missing.
        var phi = new float[basis.Columns];
        basis.Expand([0.5f, float.NaN, -1f], phi);
        Assert.Equal(1 + basis.Knots[1].Length + 2, phi.Count(float.IsNaN));
    }

    [Fact]
    public void SavedModelsScoreIdenticallyInAFreshProcess()
    {
        var ml = new MLContext(seed: 1);
        var train = Data(ml, Make(800, 0.2, 0.2, 8));
        var rows = Make(40, 0, 0.3, 9);
        var estimators = new IEstimator<ITransformer>[]
        {
            ml.Regression.Trainers.MaskedGam(),
            ml.BinaryClassification.Trainers.MaskedGam(labelColumnName: "Flag"),
            ml.MulticlassClassification.Trainers.MaskedGam(labelColumnName: "Class"),
        };
        var dir = Path.Combine(Path.GetTempPath(), $"masked-gam-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var rowsPath = Path.Combine(dir, "rows.bin");
            using (var bw = new BinaryWriter(File.Create(rowsPath)))
            {
                bw.Write(rows.Length); bw.Write(3);
                foreach (var r in rows) { foreach (var v in r.Features) bw.Write(v); foreach (var _ in r.Features) bw.Write(true); }
            }
            var check = rows.Select(r => new TrainerTests.Row { Features = r.Features }).ToArray();
            for (int k = 0; k < estimators.Length; k++)
            {
                var model = estimators[k].Fit(train);
                var path = Path.Combine(dir, $"model{k}.zip");
                ml.Model.Save(model, train.Schema, path);
                var expected = Dump.Columns(model.Transform(ml.Data.LoadFromEnumerable(check))).Where(l => l.Contains("Score") || l.Contains("Probability")).ToArray();
                Assert.NotEmpty(expected);
                var actual = TrainerTests.RunLoadCheck(path, rowsPath).Where(l => l.Contains("Score") || l.Contains("Probability")).ToArray();
                Assert.Equal(expected, actual);
            }
        }
        finally { Directory.Delete(dir, true); }
    }
}
