using System.Diagnostics;
using System.Text.Json;
using Masked;
using Masked.ML;
using Masked.ML.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Masked.Bench;

/// <summary>
/// `trainers`: quality of the masked linear trainers on cars (MPG) and penguins (body mass; species), as is and with 20%
/// more features missing at random, against mean-imputed closed-form OLS / L-BFGS logistic, masked-normalize → Sdca and
/// LightGbm (NaN native); then training time and allocation on 200k rows × 32 features (10% missing) against Sdca pipelines.
/// </summary>
public static class TrainerMeasurements
{
    private sealed class Table(string name, float[][] x, float[] y, string[]? cls)
    {
        public string Name => name; public float[][] X => x; public float[] Y => y; public string[]? Class => cls;
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
        public float Label { get; set; }
        public string Species { get; set; } = "";
    }

    public static void Run(string[] args)
    {
        if (args.Contains("study") && args.Contains("gam")) { GamStudy(); return; }
        if (args.Contains("study")) { Study(); return; }
        if (args.Length > 2 && args[1] == "score") { ScoreSaved(args[2]); return; }
        Console.WriteLine($"CPU: {Environment.ProcessorCount} logical cores; {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; Vector<float>.Count {System.Numerics.Vector<float>.Count}");
        Console.WriteLine("dataset | missing | masked linear | masked GAM | mean-imputed OLS/L-BFGS | masked-normalize→Sdca | LightGbm   (RMSE; species: accuracy; 75/25 split, seed 1)");
        foreach (var t in new[] { Cars(), PenguinMass(), PenguinSpecies() })
            foreach (double extra in new[] { 0.0, 0.2 })
                Quality(t, extra);
        if (args.Contains("quality")) return;
        Speed();
    }

    private static JsonElement[] Json(string file) => JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", file))).RootElement.EnumerateArray().ToArray();

    private static float F(JsonElement r, string name) => r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? (float)v.GetDouble() : float.NaN;

    private static Table Cars()
    {
        var rows = Json("cars.json");
        var x = rows.Select(r =>
        {
            string o = r.GetProperty("Origin").GetString() ?? "";
            float year = float.Parse(r.GetProperty("Year").GetString()![..4]);
            return new[] { F(r, "Cylinders"), F(r, "Displacement"), F(r, "Horsepower"), F(r, "Weight_in_lbs"), F(r, "Acceleration"), year, o == "USA" ? 1 : 0, o == "Europe" ? 1 : 0, o == "Japan" ? 1 : 0 };
        }).ToArray();
        return new Table("cars MPG", x, rows.Select(r => F(r, "Miles_per_Gallon")).ToArray(), null);
    }

    private static float Sex(JsonElement r) => r.GetProperty("Sex").ValueKind != JsonValueKind.String ? float.NaN : r.GetProperty("Sex").GetString() switch { "MALE" => 1, "FEMALE" => 0, _ => float.NaN };

    private static Table PenguinMass()
    {
        var rows = Json("penguins.json");
        var x = rows.Select(r =>
        {
            string s = r.GetProperty("Species").GetString()!;
            return new[] { F(r, "Beak Length (mm)"), F(r, "Beak Depth (mm)"), F(r, "Flipper Length (mm)"), Sex(r), s == "Adelie" ? 1 : 0, s == "Gentoo" ? 1 : 0, s == "Chinstrap" ? 1 : 0 };
        }).ToArray();
        return new Table("penguins body mass", x, rows.Select(r => F(r, "Body Mass (g)")).ToArray(), null);
    }

    private static Table PenguinSpecies()
    {
        var rows = Json("penguins.json");
        var x = rows.Select(r => new[] { F(r, "Beak Length (mm)"), F(r, "Beak Depth (mm)"), F(r, "Flipper Length (mm)"), F(r, "Body Mass (g)"), Sex(r) }).ToArray();
        return new Table("penguins species", x, new float[rows.Length], rows.Select(r => r.GetProperty("Species").GetString()!).ToArray());
    }

    private static void Quality(Table t, double extra)
    {
        var ml = new MLContext(seed: 1);
        var rng = new Random(7);
        int d = t.X[0].Length;
        var rows = t.X.Select((x, i) => new Row
        {
            Features = x.Select(v => rng.NextDouble() < extra ? float.NaN : v).ToArray(),
            Label = t.Y[i],
            Species = t.Class?[i] ?? "",
        }).Where(r => t.Class is not null || !float.IsNaN(r.Label)).ToArray();   // baselines cannot use rows without a label
        var def = SchemaDefinition.Create(typeof(Row));
        def["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, d);
        var split = ml.Data.TrainTestSplit(ml.Data.LoadFromEnumerable(rows, def), testFraction: 0.25, seed: 1);
        bool cls = t.Class is not null;
        IEstimator<ITransformer> key = cls ? ml.Transforms.Conversion.MapValueToKey("Label", "Species") : new EstimatorChain<ITransformer>();
        string Measure(IEstimator<ITransformer> pipeline)
        {
            var scored = key.Append(pipeline).Fit(split.TrainSet).Transform(split.TestSet);
            return cls ? $"{ml.MulticlassClassification.Evaluate(scored).MicroAccuracy:F4}" : $"{ml.Regression.Evaluate(scored).RootMeanSquaredError:F3}";
        }
        var meanImpute = ml.Transforms.ReplaceMissingValues("Features", replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean);
        string masked = cls ? Measure(ml.MulticlassClassification.Trainers.MaskedSoftmaxRegression()) : Measure(ml.Regression.Trainers.MaskedLinear());
        string gam = cls ? Measure(ml.MulticlassClassification.Trainers.MaskedGam()) : Measure(ml.Regression.Trainers.MaskedGam());
        string baseline = cls
            ? Measure(meanImpute.Append(ml.Transforms.NormalizeMeanVariance("Features")).Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy()))
            : Ols(ml, split);
        var maskedNorm = ml.Transforms.MaskedNormalizeMeanVariance("Features", "Features")
            .Append(ml.Transforms.ReplaceMissingValues("Features", replacementMode: MissingValueReplacingEstimator.ReplacementMode.DefaultValue));
        string sdca = cls ? Measure(maskedNorm.Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy())) : Measure(maskedNorm.Append(ml.Regression.Trainers.Sdca()));
        string lgbm = cls ? Measure(ml.MulticlassClassification.Trainers.LightGbm()) : Measure(ml.Regression.Trainers.LightGbm());
        Console.WriteLine($"{t.Name} | {(extra == 0 ? "as is" : "+20%")} | {masked} | {gam} | {baseline} | {sdca} | {lgbm}");
    }

    /// <summary>Cars as is and +20%: masked linear variants, the masked GAM, mean-imputed OLS and LightGbm over several
    /// missingness/split seeds.</summary>
    private static void Study()
    {
        var t = Cars();
        var variants = new (string name, Func<MaskedLinearRegressionTrainer.Options> o)[]
        {
            ("default (CV)", () => new()),
            ("no-CV (before)", () => new() { CrossValidationFolds = 0 }),
            ("no-CV no-valid", () => new() { CrossValidationFolds = 0, ValidationFraction = 0 }),
            ("no-CV no-valid l2=1e-1", () => new() { CrossValidationFolds = 0, ValidationFraction = 0, L2Regularization = 1e-1 }),
        };
        foreach (double extra in new[] { 0.0, 0.2 })
        {
            var sums = new double[variants.Length + 3];
            for (int seed = 1; seed <= 8; seed++)
            {
                var ml = new MLContext(seed: 1);
                var rng = new Random(seed == 1 ? 7 : 100 + seed);
                var rows = t.X.Select((x, i) => new Row { Features = x.Select(v => rng.NextDouble() < extra ? float.NaN : v).ToArray(), Label = t.Y[i] })
                    .Where(r => !float.IsNaN(r.Label)).ToArray();
                var def = SchemaDefinition.Create(typeof(Row));
                def["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, t.X[0].Length);
                var split = ml.Data.TrainTestSplit(ml.Data.LoadFromEnumerable(rows, def), testFraction: 0.25, seed: seed);
                var line = new List<string>();
                for (int v = 0; v < variants.Length; v++)
                {
                    var rmse = ml.Regression.Evaluate(ml.Regression.Trainers.MaskedLinear(variants[v].o()).Fit(split.TrainSet).Transform(split.TestSet)).RootMeanSquaredError;
                    sums[v] += rmse; line.Add($"{rmse:F3}");
                }
                var ols = double.Parse(Ols(ml, split), System.Globalization.CultureInfo.InvariantCulture);
                sums[^3] += ols; line.Add($"{ols:F3}");
                var gam = ml.Regression.Evaluate(ml.Regression.Trainers.MaskedGam().Fit(split.TrainSet).Transform(split.TestSet)).RootMeanSquaredError;
                sums[^2] += gam; line.Add($"GAM {gam:F3}");
                var lgbm = ml.Regression.Evaluate(ml.Regression.Trainers.LightGbm().Fit(split.TrainSet).Transform(split.TestSet)).RootMeanSquaredError;
                sums[^1] += lgbm; line.Add($"LightGbm {lgbm:F3}");
                Console.WriteLine($"extra {extra} seed {seed}: {string.Join(" | ", line)}");
            }
            Console.WriteLine($"extra {extra} mean: {string.Join(" | ", variants.Select((v, i) => $"{v.name} {sums[i] / 8:F3}"))} | OLS {sums[^3] / 8:F3} | masked GAM {sums[^2] / 8:F3} | LightGbm {sums[^1] / 8:F3}");
        }
    }

    /// <summary>Cars and penguin body mass, as is and +20%: masked GAM option variants against LightGbm over 8 seeds (mean RMSE).</summary>
    private static void GamStudy()
    {
        var variants = new (string name, Func<MaskedGamRegressionTrainer.Options> o)[]
        {
            ("k4 pairs", () => new()),
            ("k3 pairs", () => new() { NumberOfKnots = 3 }),
            ("k6 pairs", () => new() { NumberOfKnots = 6 }),
            ("k4 no pairs", () => new() { MaximumInteractionFeatures = 0 }),
            ("k8 no pairs", () => new() { NumberOfKnots = 8, MaximumInteractionFeatures = 0 }),
        };
        foreach (var t in new[] { Cars(), PenguinMass() })
            foreach (double extra in new[] { 0.0, 0.2 })
            {
                var sums = new double[variants.Length + 1];
                for (int seed = 1; seed <= 8; seed++)
                {
                    var ml = new MLContext(seed: 1);
                    var rng = new Random(seed == 1 ? 7 : 100 + seed);
                    var rows = t.X.Select((x, i) => new Row { Features = x.Select(v => rng.NextDouble() < extra ? float.NaN : v).ToArray(), Label = t.Y[i] })
                        .Where(r => !float.IsNaN(r.Label)).ToArray();
                    var def = SchemaDefinition.Create(typeof(Row));
                    def["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, t.X[0].Length);
                    var split = ml.Data.TrainTestSplit(ml.Data.LoadFromEnumerable(rows, def), testFraction: 0.25, seed: seed);
                    for (int v = 0; v < variants.Length; v++)
                        sums[v] += ml.Regression.Evaluate(ml.Regression.Trainers.MaskedGam(variants[v].o()).Fit(split.TrainSet).Transform(split.TestSet)).RootMeanSquaredError;
                    sums[^1] += ml.Regression.Evaluate(ml.Regression.Trainers.LightGbm().Fit(split.TrainSet).Transform(split.TestSet)).RootMeanSquaredError;
                }
                Console.WriteLine($"{t.Name} {(extra == 0 ? "as is" : "+20%")} mean of 8: {string.Join(" | ", variants.Select((v, i) => $"{v.name} {sums[i] / 8:F3}"))} | LightGbm {sums[^1] / 8:F3}");
            }
    }

    /// <summary>Closed-form least squares on mean-imputed features (normal equations, tiny ridge 1e-8 for stability).</summary>
    private static string Ols(MLContext ml, DataOperationsCatalog.TrainTestData split)
    {
        var impute = ml.Transforms.ReplaceMissingValues("Features", replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean).Fit(split.TrainSet);
        double[][] Read(IDataView v) => impute.Transform(v).GetColumn<float[]>("Features").Select(r => r.Select(x => (double)x).Append(1.0).ToArray()).ToArray();
        var x = Read(split.TrainSet); var y = split.TrainSet.GetColumn<float>("Label").ToArray();
        int p = x[0].Length;
        var a = new double[p, p + 1];
        for (int i = 0; i < x.Length; i++)
            for (int j = 0; j < p; j++) { for (int k = 0; k < p; k++) a[j, k] += x[i][j] * x[i][k]; a[j, p] += x[i][j] * y[i]; }
        for (int j = 0; j < p; j++) a[j, j] += 1e-8 * (1 + a[j, j]);
        for (int c = 0; c < p; c++)
        {
            int piv = c; for (int r = c + 1; r < p; r++) if (Math.Abs(a[r, c]) > Math.Abs(a[piv, c])) piv = r;
            for (int k = 0; k <= p; k++) (a[c, k], a[piv, k]) = (a[piv, k], a[c, k]);
            for (int r = 0; r < p; r++) { if (r == c) continue; double f = a[r, c] / a[c, c]; for (int k = c; k <= p; k++) a[r, k] -= f * a[c, k]; }
        }
        var w = Enumerable.Range(0, p).Select(j => a[j, p] / a[j, j]).ToArray();
        var tx = Read(split.TestSet); var ty = split.TestSet.GetColumn<float>("Label").ToArray();
        double se = 0;
        for (int i = 0; i < tx.Length; i++) { double s = 0; for (int j = 0; j < p; j++) s += w[j] * tx[i][j]; se += (s - ty[i]) * (s - ty[i]); }
        return $"{Math.Sqrt(se / tx.Length):F3}";
    }

    private const int SpeedRowCount = 200_000, SpeedFeatures = 32;

    /// <summary>200k rows × 32 features, 10% missing at random, a linear label with noise (seed 3).</summary>
    private static IDataView SpeedData(MLContext ml)
    {
        const int n = SpeedRowCount, d = SpeedFeatures;
        var rng = new Random(3);
        var w = Enumerable.Range(0, d).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var rows = new Row[n];
        for (int i = 0; i < n; i++)
        {
            var f = new float[d]; double y = 0.5;
            for (int j = 0; j < d; j++) { f[j] = (float)(rng.NextDouble() * 10 + j); y += w[j] * f[j]; if (rng.NextDouble() < 0.1) f[j] = float.NaN; }
            rows[i] = new Row { Features = f, Label = (float)(y + rng.NextDouble()) };
        }
        var def = SchemaDefinition.Create(typeof(Row));
        def["Features"].ColumnType = new VectorDataViewType(NumberDataViewType.Single, d);
        var data = ml.Data.Cache(ml.Data.LoadFromEnumerable(rows, def));
        _ = data.GetColumn<float>("Label").Count();
        return data;
    }

    /// <summary>Child process: loads a saved model and times transform + reading every Score (best of 5) on the speed data.</summary>
    public static void ScoreSaved(string path)
    {
        var ml = new MLContext(seed: 1);
        var data = SpeedData(ml);
        var model = ml.Model.Load(path, out _);
        double best = double.MaxValue, sum = 0;
        for (int rep = 0; rep < 5; rep++)
        {
            var sw = Stopwatch.StartNew();
            var scored = model.Transform(data);
            using var cursor = scored.GetRowCursor(scored.Schema.Where(c => c.Name == "Score"));
            var get = cursor.GetGetter<float>(scored.Schema["Score"]);
            float v = 0; double s = 0;
            while (cursor.MoveNext()) { get(ref v); s += v; }
            sw.Stop();
            best = Math.Min(best, sw.Elapsed.TotalSeconds); sum = s;
        }
        Console.WriteLine($"score {best:F4} {sum:R}");
    }

    private static double ScoreInChild(string path)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(typeof(TrainerMeasurements).Assembly.Location);
        psi.ArgumentList.Add("trainers"); psi.ArgumentList.Add("score"); psi.ArgumentList.Add(path);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        var line = stdout.Result.Split('\n').FirstOrDefault(l => l.StartsWith("score ")) ?? throw new InvalidOperationException($"scoring child failed: {stderr}");
        return double.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A masked linear model as a custom forward function: [x, missing] · W + b.</summary>
    [MaskedForward("Masked.Bench.Linear")]
    public static MaskedTensor<float> LinearForward(MaskedTensor<float> x, MaskedTensor<float> missing, IReadOnlyList<MaskedTensor<float>> p)
        => MaskedTensor.Concat([x, missing], 1).MatMul(p[0]) + p[1];

    private static void Speed()
    {
        const int n = SpeedRowCount, d = SpeedFeatures;
        var ml = new MLContext(seed: 1);
        var data = SpeedData(ml);
        var pipelines = new (string name, IEstimator<ITransformer> est)[]
        {
            ("MaskedLinear", ml.Regression.Trainers.MaskedLinear()),
            ("MaskedGam", ml.Regression.Trainers.MaskedGam()),
            ("LightGbm (NaN native)", ml.Regression.Trainers.LightGbm()),
            ("masked-normalize → Sdca", ml.Transforms.MaskedNormalizeMeanVariance("Features", "Features")
                .Append(ml.Transforms.ReplaceMissingValues("Features", replacementMode: MissingValueReplacingEstimator.ReplacementMode.DefaultValue))
                .Append(ml.Regression.Trainers.Sdca())),
            ("mean-impute → normalize → Sdca", ml.Transforms.ReplaceMissingValues("Features", replacementMode: MissingValueReplacingEstimator.ReplacementMode.Mean)
                .Append(ml.Transforms.NormalizeMeanVariance("Features")).Append(ml.Regression.Trainers.Sdca())),
        };
        Console.WriteLine($"training on {n} rows × {d} features (10% missing), cached IDataView; best of 3 fits:");
        var saved = new List<(string name, ITransformer model)>();
        foreach (var (name, est) in pipelines)
        {
            double best = double.MaxValue; long alloc = 0; ITransformer? model = null;
            for (int rep = 0; rep < 3; rep++)
            {
                GC.Collect();
                long a0 = GC.GetTotalAllocatedBytes(true);
                var sw = Stopwatch.StartNew();
                model = est.Fit(data);
                sw.Stop();
                alloc = GC.GetTotalAllocatedBytes(true) - a0;
                best = Math.Min(best, sw.Elapsed.TotalSeconds);
            }
            var r2 = ml.Regression.Evaluate(model!.Transform(data)).RSquared;
            Console.WriteLine($"  {name,-32} {best,6:F2} s  allocated {alloc / 1e6,7:F0} MB  R² {r2:F4}");
            saved.Add((name, model!));
        }
        {
            // A custom model (the linear forward below, through the custom-trainer API; 2 epochs of 1024-row minibatches, only
            // to have a model to score): its forward function runs per row through ML.NET's row mapping.
            var custom = ml.Regression.Trainers.MaskedCustom(LinearForward, [MaskedTensor.FromArray(new float[2 * d], 2 * d, 1).RequireGrad(), MaskedTensor.FromArray(new float[1], 1).RequireGrad()],
                new MaskedCustomRegressionTrainer.Options { NumberOfEpochs = 2, BatchSize = 1024 });
            var sw = Stopwatch.StartNew();
            var model = custom.Fit(data);
            Console.WriteLine($"  {"custom linear forward (2 epochs)",-32} {sw.Elapsed.TotalSeconds,6:F2} s  R² {ml.Regression.Evaluate(model.Transform(data)).RSquared:F4}");
            saved.Add(("custom linear forward", model));
        }
        Console.WriteLine("scoring after Save -> Load, each model in a fresh process (transform + read every Score of the 200k rows, best of 5):");
        var dir = Path.Combine(Path.GetTempPath(), $"masked-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var times = new List<double>();
            for (int k = 0; k < saved.Count; k++)
            {
                var path = Path.Combine(dir, $"m{k}.zip");
                ml.Model.Save(saved[k].model, data.Schema, path);
                times.Add(ScoreInChild(path));
                Console.WriteLine($"  {saved[k].name,-32} {times[k],7:F3} s  ({times[k] / times[0]:F2}× MaskedLinear)");
            }
        }
        finally { Directory.Delete(dir, true); }
        Console.WriteLine($"  (a float copy of the features is {n * d * 4 / 1e6:F0} MB)");
    }
}
