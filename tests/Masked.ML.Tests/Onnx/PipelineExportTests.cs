using System.Text.Json;
using Masked.ML.Onnx;
using Masked.ML.Onnx.Proto;
using Masked.ML.Trainers;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit;

namespace Masked.ML.Tests.Onnx;

/// <summary>
/// <see cref="MaskedOnnx.Export(ITransformer, DataViewSchema, MaskedOnnxExportOptions?)"/>: every exported model is checked
/// structurally and loaded by ONNX Runtime, then scored there on the same rows as in process; every output column must
/// equal the in-process column within 1e-5 (NaN where it is NaN) and every <c>_mask</c> output must say exactly which
/// entries are valid. Missing input entries reach ONNX Runtime as garbage (1e30) with a false mask input, so the mask
/// inputs are exercised and no result may depend on the garbage.
/// </summary>
public static class PipelineExportTestsExtensions
{
    public static DataViewType ItemOf(this DataViewType t) => t is VectorDataViewType v ? v.ItemType : t;
}

public class PipelineExportTests
{
    public sealed class Rand
    {
        [VectorType(6)] public float[] Features { get; set; } = [];
        [VectorType(6)] public bool[] Mask { get; set; } = [];
        public double A { get; set; }
        public float B { get; set; }
        public float Label { get; set; }
        public bool Flag { get; set; }
        public uint Class { get; set; }
    }

    /// <summary>Random rows: 15% of the features missing, row 2 and row 7 fully missing, slot 5 missing everywhere, A/B scalars with holes.</summary>
    private static IDataView RandomData(MLContext ml, int rows = 64, int seed = 3)
    {
        var rng = new Random(seed);
        var data = Enumerable.Range(0, rows).Select(i =>
        {
            var f = Enumerable.Range(0, 6).Select(j => i == 2 || i == 7 || j == 5 || rng.NextDouble() < 0.15 ? float.NaN : (float)(rng.NextDouble() * 8 - 3 + j)).ToArray();
            var m = Enumerable.Range(0, 6).Select(j => i != 9 && rng.NextDouble() > 0.1).ToArray();
            float score = (float.IsNaN(f[0]) ? 0 : f[0]) - 0.5f * (float.IsNaN(f[1]) ? 1 : f[1]) + (float)rng.NextDouble();
            return new Rand
            {
                Features = f, Mask = m,
                A = rng.NextDouble() < 0.2 ? double.NaN : rng.NextDouble() * 100,
                B = rng.NextDouble() < 0.2 ? float.NaN : (float)rng.NextDouble(),
                Label = score, Flag = score > 1.5f, Class = (uint)(1 + (int)Math.Clamp(Math.Floor(score / 2 + 1), 0, 2)),
            };
        }).ToArray();
        var view = ml.Data.LoadFromEnumerable(data);
        return ml.Transforms.Conversion.MapValueToKey("Class").Fit(view).Transform(view);
    }

    public sealed class Penguin
    {
        public string Species { get; set; } = "";
        public double BeakLength { get; set; }
        public double BeakDepth { get; set; }
        public double FlipperLength { get; set; }
        public double BodyMass { get; set; }
    }

    /// <summary>The penguins table (344 rows, 2 with every measurement missing), measurements as double (NaN = missing), species as a key label.</summary>
    private static IDataView Penguins(MLContext ml)
    {
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "penguins.json")));
        double Get(JsonElement r, string name) => r.GetProperty(name).ValueKind == JsonValueKind.Null ? double.NaN : r.GetProperty(name).GetDouble();
        var rows = json.RootElement.EnumerateArray().Select(r => new Penguin
        {
            Species = r.GetProperty("Species").GetString()!,
            BeakLength = Get(r, "Beak Length (mm)"), BeakDepth = Get(r, "Beak Depth (mm)"),
            FlipperLength = Get(r, "Flipper Length (mm)"), BodyMass = Get(r, "Body Mass (g)"),
        }).ToArray();
        var view = ml.Data.LoadFromEnumerable(rows);
        return ml.Transforms.Conversion.MapValueToKey("Label", "Species").Fit(view).Transform(view);
    }

    private static readonly string[] PenguinInputs = ["BeakLength", "BeakDepth", "FlipperLength", "BodyMass"];

    /// <summary>ConvertType → Concatenate → masked normalize → ReplaceMissingValues: the front of the mixed pipeline.</summary>
    private static IEstimator<ITransformer> PenguinFront(MLContext ml)
        => ml.Transforms.Conversion.ConvertType(PenguinInputs.Select(c => new InputOutputColumnPair(c + "F", c)).ToArray(), DataKind.Single)
            .Append(ml.Transforms.Concatenate("Features", PenguinInputs.Select(c => c + "F").ToArray()))
            .Append(ml.Transforms.MaskedNormalizeMeanVariance("Features"))
            .Append(ml.Transforms.ReplaceMissingValues("Features"));

    // ---------- the check ----------

    /// <summary>Exports, checks, scores in ONNX Runtime and compares every output with the in-process transform; returns the output names checked.</summary>
    private static string[] AssertOnnxMatches(MLContext ml, ITransformer model, IDataView data, MaskedOnnxExportOptions? options = null, double tol = 1e-5)
    {
        var bytes = MaskedOnnx.Export(model, data.Schema, options);
        var proto = OnnxStructure.AssertWellFormed(bytes);
        Assert.NotEmpty(proto.Graph.Output);
        var expected = model.Transform(data);
        int rows = (int)data.GetRowCount()!.Value;
        var inputs = new List<NamedOnnxValue>();
        var dataInputs = proto.Graph.Input.Select(i => i.Name).ToHashSet();
        foreach (var input in proto.Graph.Input)
        {
            if (input.Name.EndsWith(MaskedOnnx.MaskSuffix) && dataInputs.Contains(input.Name[..^MaskedOnnx.MaskSuffix.Length])) continue;
            var column = data.Schema[input.Name];
            int width = column.Type is VectorDataViewType v ? v.Size : 1;
            int[] dims = [rows, width];
            bool masked = dataInputs.Contains(input.Name + MaskedOnnx.MaskSuffix);
            switch (column.Type.ItemOf().RawType)
            {
                case var t when t == typeof(float):
                {
                    var values = Flat<float>(data, column);
                    var valid = values.Select(x => !float.IsNaN(x)).ToArray();
                    if (masked) for (int i = 0; i < values.Length; i++) if (!valid[i]) values[i] = 1e30f;   // garbage behind a false mask
                    inputs.Add(NamedOnnxValue.CreateFromTensor(input.Name, new DenseTensor<float>(values, dims)));
                    if (masked) inputs.Add(NamedOnnxValue.CreateFromTensor(input.Name + MaskedOnnx.MaskSuffix, new DenseTensor<bool>(valid, dims)));
                    break;
                }
                case var t when t == typeof(double):
                {
                    var values = Flat<double>(data, column);
                    var valid = values.Select(x => !double.IsNaN(x)).ToArray();
                    if (masked) for (int i = 0; i < values.Length; i++) if (!valid[i]) values[i] = -1e300;
                    inputs.Add(NamedOnnxValue.CreateFromTensor(input.Name, new DenseTensor<double>(values, dims)));
                    if (masked) inputs.Add(NamedOnnxValue.CreateFromTensor(input.Name + MaskedOnnx.MaskSuffix, new DenseTensor<bool>(valid, dims)));
                    break;
                }
                case var t when t == typeof(bool):
                    inputs.Add(NamedOnnxValue.CreateFromTensor(input.Name, new DenseTensor<bool>(Flat<bool>(data, column), dims)));
                    break;
                default: throw new InvalidOperationException($"test feeds no {column.Type} input ('{input.Name}')");
            }
        }
        using var session = new InferenceSession(bytes);
        using var results = session.Run(inputs);
        var byName = results.ToDictionary(r => r.Name);
        var checkedOutputs = new List<string>();
        foreach (var output in proto.Graph.Output)
        {
            if (output.Name.EndsWith(MaskedOnnx.MaskSuffix) && byName.ContainsKey(output.Name[..^MaskedOnnx.MaskSuffix.Length])) continue;
            var column = expected.Schema.GetColumnOrNull(output.Name) ?? expected.Schema[output.Name.Replace(".output", "")];
            var got = byName[output.Name];
            var itemType = column.Type.ItemOf().RawType;
            if (itemType == typeof(float) || itemType == typeof(double))
            {
                double[] e = itemType == typeof(float) ? Flat<float>(expected, column).Select(x => (double)x).ToArray() : Flat<double>(expected, column);
                double[] g = itemType == typeof(float) ? got.AsTensor<float>().ToArray().Select(x => (double)x).ToArray() : got.AsTensor<double>().ToArray();
                Assert.True(e.Length == g.Length, $"{output.Name}: {e.Length} values in process, {g.Length} from ONNX Runtime");
                var mask = byName[output.Name + MaskedOnnx.MaskSuffix].AsTensor<bool>().ToArray();
                var inProcessMask = MaskColumnOf(expected, output.Name, options);
                for (int i = 0; i < e.Length; i++)
                {
                    if (double.IsNaN(e[i])) Assert.True(double.IsNaN(g[i]), $"{output.Name}[{i / (e.Length / rows)}, {i % (e.Length / rows)}]: NaN in process, {g[i]} from ONNX Runtime");
                    else Assert.True(Math.Abs(e[i] - g[i]) <= tol * Math.Max(1, Math.Abs(e[i])), $"{output.Name}[{i / (e.Length / rows)}, {i % (e.Length / rows)}]: {e[i]} in process, {g[i]} from ONNX Runtime");
                    bool valid = inProcessMask?[i] ?? !double.IsNaN(e[i]);
                    Assert.True(valid == mask[i], $"{output.Name}_mask[{i}]: valid={valid} in process, {mask[i]} from ONNX Runtime");
                }
            }
            else if (itemType == typeof(bool)) Assert.Equal(Flat<bool>(expected, column), got.AsTensor<bool>().ToArray());
            else if (itemType == typeof(uint)) Assert.Equal(Flat<uint>(expected, column).Select(x => (long)x), ToLongs(got));
            else throw new InvalidOperationException($"test compares no {column.Type} output ('{output.Name}')");
            checkedOutputs.Add(output.Name);
        }
        return [.. checkedOutputs];
    }

    private static IEnumerable<long> ToLongs(DisposableNamedOnnxValue v) => v.ElementType switch
    {
        TensorElementType.UInt32 => v.AsTensor<uint>().Select(x => (long)x),
        TensorElementType.Int64 => v.AsTensor<long>(),
        TensorElementType.UInt64 => v.AsTensor<ulong>().Select(x => (long)x),
        TensorElementType.Int32 => v.AsTensor<int>().Select(x => (long)x),
        var t => throw new InvalidOperationException($"unexpected key output type {t}"),
    };

    /// <summary>Tests name an output mask column "&lt;output&gt;V"; when the pipeline has one, it is the in-process validity of that output.</summary>
    private static bool[]? MaskColumnOf(IDataView expected, string output, MaskedOnnxExportOptions? options)
        => expected.Schema.GetColumnOrNull(output + "V") is { } c && c.Type.ItemOf() == BooleanDataViewType.Instance ? Flat<bool>(expected, c) : null;

    private static T[] Flat<T>(IDataView data, DataViewSchema.Column column)
    {
        if (column.Type is VectorDataViewType) return data.GetColumn<VBuffer<T>>(column).SelectMany(b => b.DenseValues()).ToArray();
        return data.GetColumn<T>(column).ToArray();
    }

    // ---------- components ----------

    public static TheoryData<string> Components() => new()
    {
        "MeanVariance", "MinMax", "Robust", "MeanVariance+mask", "MinMax+mask", "Robust+mask",
        "Softmax", "Softmax+mask", "Softmax+fill0",
        "Sum", "Mean", "Min", "Max", "Variance", "StandardDeviation", "Count", "ArgMax",
        "Mean+mask", "StandardDeviation+mask", "ArgMax+mask", "Variance+mask", "Count+mask", "Min+mask",
        "Variance@0", "StandardDeviation@0+mask", "Variance@2.5", "StandardDeviation@2.5+mask",
    };

    private static IEstimator<ITransformer> Component(MLContext ml, string name)
    {
        bool mask = name.EndsWith("+mask");
        string kind = name.Split('+')[0];
        string? m = mask ? "Mask" : null, ov = mask ? "OutV" : null;
        return kind switch
        {
            "MeanVariance" => ml.Transforms.MaskedNormalizeMeanVariance("Out", "Features", m, ov),
            "MinMax" => ml.Transforms.MaskedNormalizeMinMax("Out", "Features", m, ov),
            "Robust" => ml.Transforms.MaskedNormalizeRobust("Out", "Features", m, ov),
            "Softmax" => name.EndsWith("fill0") ? ml.Transforms.MaskedSoftmax("Out", "Features", null, 0, "OutV") : ml.Transforms.MaskedSoftmax("Out", "Features", m, double.NaN, ov),
            _ => ml.Transforms.MaskedAggregate("Out", "Features", Enum.Parse<MaskedAggregation>(kind.Split('@')[0]), m,
                kind.Contains('@') ? double.Parse(kind.Split('@')[1], System.Globalization.CultureInfo.InvariantCulture) : 1, ov),   // @c: correction c (0/1 fused, others by parameter table)
        };
    }

    [Theory]
    [MemberData(nameof(Components))]
    public void EveryMaskedComponentExportsAndMatchesOnRandomData(string component)
    {
        var ml = new MLContext(1);
        var data = RandomData(ml);
        var model = Component(ml, component).Fit(data);
        var outputs = AssertOnnxMatches(ml, model, data);
        Assert.Contains("Out", outputs);
    }

    [Fact]
    public void AReplacedInputColumnMatches()
    {
        var ml = new MLContext(1);
        var data = RandomData(ml);
        var model = ml.Transforms.MaskedNormalizeMinMax("Features", "Features", "Mask").Append(ml.Transforms.ReplaceMissingValues("Features")).Fit(data);
        Assert.Equal(["Features.output"], AssertOnnxMatches(ml, model, data));
    }

    [Theory]
    [InlineData("MeanVariance")]
    [InlineData("Robust")]
    [InlineData("Softmax+fill0")]
    [InlineData("StandardDeviation")]
    public void MaskedComponentsExportAndMatchOnPenguins(string component)
    {
        var ml = new MLContext(1);
        var penguins = Penguins(ml);
        var front = ml.Transforms.Conversion.ConvertType(PenguinInputs.Select(c => new InputOutputColumnPair(c + "F", c)).ToArray(), DataKind.Single)
            .Append(ml.Transforms.Concatenate("Features", PenguinInputs.Select(c => c + "F").ToArray()));
        var model = front.Append(Component(ml, component)).Fit(penguins);
        var outputs = AssertOnnxMatches(ml, model, penguins, new MaskedOnnxExportOptions { OutputColumns = component.Contains("fill0") ? ["Out", "OutV"] : ["Out"] });
        Assert.Contains("Out", outputs);
    }

    // ---------- trainers and the mixed pipeline ----------

    [Theory]
    [InlineData("regression")]
    [InlineData("binary")]
    [InlineData("multiclass")]
    public void MaskedTrainersExportAndMatchOnRandomData(string task)
    {
        var ml = new MLContext(1);
        var data = RandomData(ml);
        IEstimator<ITransformer> trainer = task switch
        {
            "regression" => ml.Regression.Trainers.MaskedLinear(labelColumnName: "Label"),
            "binary" => ml.BinaryClassification.Trainers.MaskedLogistic(labelColumnName: "Flag"),
            _ => ml.MulticlassClassification.Trainers.MaskedSoftmaxRegression(labelColumnName: "Class"),
        };
        var model = trainer.Fit(data);
        var outputs = AssertOnnxMatches(ml, model, data);
        Assert.Contains("Score", outputs);
    }

    [Fact]
    public void MixedPipelineExportsAndMatchesOnPenguins()
    {
        var ml = new MLContext(1);
        var penguins = Penguins(ml);
        var model = PenguinFront(ml).Append(ml.MulticlassClassification.Trainers.MaskedSoftmaxRegression(labelColumnName: "Label")).Fit(penguins);
        var outputs = AssertOnnxMatches(ml, model, penguins, new MaskedOnnxExportOptions { OutputColumns = ["Features", "Score", "PredictedLabel"] });
        Assert.Equal(["Features", "Score", "PredictedLabel"], outputs);
    }

    [Fact]
    public void MixedPipelineExportsAndMatchesOnRandomData()
    {
        var ml = new MLContext(1);
        var data = RandomData(ml);
        var model = ml.Transforms.Conversion.ConvertType("AF", "A", DataKind.Single)
            .Append(ml.Transforms.Concatenate("All", "AF", "B", "Features"))
            .Append(ml.Transforms.MaskedNormalizeMinMax("All"))
            .Append(ml.Transforms.ReplaceMissingValues("All"))
            .Append(ml.Regression.Trainers.MaskedLinear(labelColumnName: "Label", featureColumnName: "All"))
            .Fit(data);
        AssertOnnxMatches(ml, model, data, new MaskedOnnxExportOptions { OutputColumns = ["All", "Score"] });
    }

    // ---------- custom masked models (forward functions in Masked.Core ops) ----------

    /// <summary>The custom-trainer sample's network (samples/Masked.Samples/PenguinNetwork.cs): [features, missing] → tanh layer → class logits.</summary>
    [MaskedForward("Masked.ML.Tests.Onnx.PenguinNetwork")]
    public static MaskedTensor<float> PenguinNetwork(MaskedTensor<float> features, MaskedTensor<float> missing, IReadOnlyList<MaskedTensor<float>> p)
    {
        var hidden = (MaskedTensor.Concat([features, missing], 1).MatMul(p[0]) + p[1]).Tanh();
        return hidden.MatMul(p[2]) + p[3];
    }

    /// <summary>Reads only the masked features (no missing indicator): a row with nothing valid has no valid product term, so its
    /// output is masked and its score NaN — the features' mask must reach the exported graph.</summary>
    [MaskedForward("Masked.ML.Tests.Onnx.FeaturesOnly")]
    public static MaskedTensor<float> FeaturesOnly(MaskedTensor<float> features, MaskedTensor<float> missing, IReadOnlyList<MaskedTensor<float>> p)
        => features.MatMul(p[0]) + p[1];

    /// <summary>Uses Atan2, which has no ONNX translation.</summary>
    [MaskedForward("Masked.ML.Tests.Onnx.Atan2")]
    public static MaskedTensor<float> Atan2Network(MaskedTensor<float> features, MaskedTensor<float> missing, IReadOnlyList<MaskedTensor<float>> p)
    {
        var linear = TestNetworks.Linear(features, missing, p);
        return linear.Atan2(linear.Exp());
    }

    /// <summary>Exports <paramref name="model"/> and its Save → Load copy; both must match in-process scoring, and give the same graph.</summary>
    private static string[] AssertCustomModelMatches(MLContext ml, ITransformer model, IDataView data, string[] outputs, double tol = 1e-5)
    {
        var options = new MaskedOnnxExportOptions { OutputColumns = outputs };
        var before = AssertOnnxMatches(ml, model, data, options, tol);
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext(2).Model.Load(stream, out var schema);
        var after = AssertOnnxMatches(ml, loaded, data, options, tol);
        Assert.Equal(before, after);
        Assert.Equal(MaskedOnnx.Export(model, schema, options), MaskedOnnx.Export(loaded, schema, options));
        return after;
    }

    [Fact]
    public void ThePenguinNetworkCustomModelExportsAndMatchesOnPenguins()
    {
        var ml = new MLContext(1);
        var penguins = Penguins(ml);
        var model = ml.Transforms.Concatenate("Features", PenguinInputs)   // double features: the model converts them itself
            .Append(ml.MulticlassClassification.Trainers.MaskedCustom(PenguinNetwork, TestNetworks.TwoLayerParameters(4, 8, 3, seed: 1),
                new MaskedCustomMulticlassTrainer.Options { Seed = 1, NumberOfEpochs = 30 }))
            .Fit(penguins);
        var proto = OnnxStructure.AssertWellFormed(MaskedOnnx.Export(model, penguins.Schema, new MaskedOnnxExportOptions { OutputColumns = ["Score", "PredictedLabel"] }));
        Assert.Contains(proto.Graph.Node, n => n.OpType == "Tanh");
        Assert.Equal(["Score", "PredictedLabel"], AssertCustomModelMatches(ml, model, penguins, ["Score", "PredictedLabel"]));
        var scores = model.Transform(penguins).GetColumn<float[]>("Score").ToArray();
        Assert.Contains(scores, s => s.All(float.IsFinite));   // a fully missing row still scores (missing weights), so the check compares numbers
    }

    [Theory]
    [InlineData("regression")]
    [InlineData("binary")]
    [InlineData("multiclass")]
    public void CustomModelsExportAndMatchOnRandomData(string task)
    {
        var ml = new MLContext(1);
        var data = RandomData(ml);   // rows 2 and 7 fully missing, slot 5 missing everywhere (scale 0 inside the model)
        (IEstimator<ITransformer> trainer, string[] outputs) = task switch
        {
            "regression" => ((IEstimator<ITransformer>)ml.Regression.Trainers.MaskedCustom(TestNetworks.Linear, TestNetworks.LinearParameters(6, 1, seed: 2),
                new MaskedCustomRegressionTrainer.Options { Seed = 1, NumberOfEpochs = 20 }), new[] { "Score" }),
            "binary" => (ml.BinaryClassification.Trainers.MaskedCustom(TestNetworks.TwoLayer, TestNetworks.TwoLayerParameters(6, 5, 1, seed: 3),
                new MaskedCustomBinaryTrainer.Options { LabelColumnName = "Flag", Seed = 1, NumberOfEpochs = 20 }), new[] { "Score", "Probability", "PredictedLabel" }),
            _ => (ml.MulticlassClassification.Trainers.MaskedCustom(PenguinNetwork, TestNetworks.TwoLayerParameters(6, 8, 3, seed: 4),
                new MaskedCustomMulticlassTrainer.Options { LabelColumnName = "Class", Seed = 1, NumberOfEpochs = 20 }), new[] { "Score", "PredictedLabel" }),
        };
        var model = trainer.Fit(data);
        Assert.Equal(outputs, AssertCustomModelMatches(ml, model, data, outputs));
    }

    /// <summary>A forward whose output is masked on the fully missing rows: NaN scores in process and from ONNX Runtime, masked there.</summary>
    [Fact]
    public void ACustomModelWithMaskedOutputsExportsAndMatches()
    {
        var ml = new MLContext(1);
        var data = RandomData(ml);
        var model = ml.BinaryClassification.Trainers.MaskedCustom(FeaturesOnly, TestNetworks.LinearParameters(3, 1, seed: 7),   // W [6, 1], b [1]
            new MaskedCustomBinaryTrainer.Options { LabelColumnName = "Flag", Seed = 1, NumberOfEpochs = 20 }).Fit(data);
        var scores = model.Transform(data).GetColumn<float>("Score").ToArray();
        Assert.True(float.IsNaN(scores[2]) && float.IsNaN(scores[7]), "rows 2 and 7 have no valid feature: their score is masked (NaN)");
        Assert.Equal(["Score", "Probability", "PredictedLabel"], AssertCustomModelMatches(ml, model, data, ["Score", "Probability", "PredictedLabel"]));
    }

    /// <summary>Two regression targets (one with missing labels): the model writes a vector Score through per-target predictors.</summary>
    [Fact]
    public void AMultiTargetCustomRegressionExportsAndMatches()
    {
        var ml = new MLContext(1);
        var data = ml.Transforms.Concatenate("Targets", "Label", "B").Fit(RandomData(ml)).Transform(RandomData(ml));
        var model = ml.Regression.Trainers.MaskedCustom(TestNetworks.TwoLayer, TestNetworks.TwoLayerParameters(6, 4, 2, seed: 6),
            new MaskedCustomRegressionTrainer.Options { LabelColumnName = "Targets", Seed = 1, NumberOfEpochs = 20 }).Fit(data);
        Assert.Equal(["Score"], AssertCustomModelMatches(ml, model, data, ["Score"]));
    }

    [Fact]
    public void ACustomModelInsideTheMixedPipelineExportsAndMatches()
    {
        var ml = new MLContext(1);
        var penguins = Penguins(ml);
        var model = ml.Transforms.Conversion.ConvertType(PenguinInputs.Select(c => new InputOutputColumnPair(c + "F", c)).ToArray(), DataKind.Single)
            .Append(ml.Transforms.Concatenate("Features", PenguinInputs.Select(c => c + "F").ToArray()))
            .Append(ml.Transforms.MaskedNormalizeMeanVariance("Features"))
            .Append(ml.MulticlassClassification.Trainers.MaskedCustom(PenguinNetwork, TestNetworks.TwoLayerParameters(4, 8, 3, seed: 5),
                new MaskedCustomMulticlassTrainer.Options { Seed = 1, NumberOfEpochs = 20 }))
            .Fit(penguins);
        AssertCustomModelMatches(ml, model, penguins, ["Features", "Score", "PredictedLabel"]);
    }

    [Fact]
    public void ACustomModelWhoseForwardHasAnOpWithoutTranslationIsNamed()
    {
        var ml = new MLContext(1);
        var data = RandomData(ml);
        var model = ml.Regression.Trainers.MaskedCustom(Atan2Network, TestNetworks.LinearParameters(6, 1, seed: 2),
            new MaskedCustomRegressionTrainer.Options { Seed = 1, NumberOfEpochs = 2 }).Fit(data);
        var e = Assert.Throws<NotSupportedException>(() => MaskedOnnx.Export(model, data.Schema));
        Assert.Contains("'Atan2'", e.Message);
        Assert.Contains("Masked.ML.Tests.Onnx.Atan2", e.Message);
    }

    // ---------- masked GAMs ----------

    /// <summary>The masked GAM's ONNX graph repeats the in-process float steps (standardizations in double rounded to float,
    /// hinges and products in float, the sum in double): outputs match to 2e-6 relative (measured at most 4.8e-7, a few float
    /// ulps, coming from ML.NET's predictor, sigmoid and softmax after the mapping).</summary>
    private const double GamTolerance = 2e-6;

    /// <summary>Number of pair products in a fitted GAM (from its packed parameters: version, d, outputs, pairs, ...).</summary>
    private static int GamPairs(ITransformer model) => (int)((MaskedGamPredictionTransformer)(model is MaskedGamPredictionTransformer g ? g
        : ((IEnumerable<ITransformer>)model).OfType<MaskedGamPredictionTransformer>().Single())).Model.Pack()[3];

    [Theory]
    [InlineData("regression", true)]
    [InlineData("regression", false)]
    [InlineData("binary", true)]
    [InlineData("binary", false)]
    [InlineData("multiclass", true)]
    [InlineData("multiclass", false)]
    public void MaskedGamsExportAndMatchOnRandomData(string task, bool interactions)
    {
        var ml = new MLContext(1);
        var data = RandomData(ml);   // rows 2 and 7 fully missing, slot 5 missing everywhere (scale 0, no knots, in no pair)
        int maxInteraction = interactions ? 16 : 0;
        (IEstimator<ITransformer> trainer, string[] outputs) = task switch
        {
            "regression" => ((IEstimator<ITransformer>)ml.Regression.Trainers.MaskedGam(new MaskedGamRegressionTrainer.Options { Seed = 1, MaximumInteractionFeatures = maxInteraction }),
                new[] { "Score" }),
            "binary" => (ml.BinaryClassification.Trainers.MaskedGam(new MaskedGamBinaryTrainer.Options { LabelColumnName = "Flag", Seed = 1, MaximumInteractionFeatures = maxInteraction }),
                new[] { "Score", "Probability", "PredictedLabel" }),
            _ => (ml.MulticlassClassification.Trainers.MaskedGam(new MaskedGamMulticlassTrainer.Options { LabelColumnName = "Class", Seed = 1, MaximumInteractionFeatures = maxInteraction }),
                new[] { "Score", "PredictedLabel" }),
        };
        var model = trainer.Fit(data);
        if (interactions) Assert.Equal(10, GamPairs(model));   // the 5 features with a scale, in pairs
        else Assert.Equal(0, GamPairs(model));
        var proto = OnnxStructure.AssertWellFormed(MaskedOnnx.Export(model, data.Schema, new MaskedOnnxExportOptions { OutputColumns = outputs }));
        Assert.Contains(proto.Graph.Node, n => n.OpType == "Relu");     // the hinges
        Assert.Contains(proto.Graph.Node, n => n.OpType == "MatMul");   // the weighted sum
        Assert.Equal(outputs, AssertCustomModelMatches(ml, model, data, outputs, GamTolerance));
        // The binary Score is the mapping's output itself (unit weight, zero bias): the translation is bit-identical there.
        if (task == "binary") AssertOnnxMatches(ml, model, data, new MaskedOnnxExportOptions { OutputColumns = ["Score"] }, tol: 0);
        // Fully missing rows still score (every column missing: bias + missing contributions), so the check compared numbers there.
        var scored = model.Transform(data);
        var fullyMissing = task == "multiclass" ? scored.GetColumn<float[]>("Score").ElementAt(2) : [scored.GetColumn<float>("Score").ElementAt(2)];
        Assert.All(fullyMissing, v => Assert.True(float.IsFinite(v), $"row 2 scores {v}"));
    }

    /// <summary>Double features (converted inside the saved chain), four features with few missing and two fully missing rows.</summary>
    [Fact]
    public void AMaskedGamExportsAndMatchesOnPenguins()
    {
        var ml = new MLContext(1);
        var penguins = Penguins(ml);
        var model = ml.Transforms.Concatenate("Features", PenguinInputs)
            .Append(ml.MulticlassClassification.Trainers.MaskedGam(new MaskedGamMulticlassTrainer.Options { Seed = 1, NumberOfKnots = 6 }))
            .Fit(penguins);
        Assert.Equal(6, GamPairs(model));
        Assert.Equal(["Score", "PredictedLabel"], AssertCustomModelMatches(ml, model, penguins, ["Score", "PredictedLabel"], GamTolerance));
    }

    /// <summary>A GAM after the masked normalizer, and one with two regression targets (a vector Score, mapping padded to 2).</summary>
    [Fact]
    public void MaskedGamsInsideAPipelineAndWithTwoTargetsExportAndMatch()
    {
        var ml = new MLContext(1);
        var penguins = Penguins(ml);
        var mixed = ml.Transforms.Conversion.ConvertType(PenguinInputs.Select(c => new InputOutputColumnPair(c + "F", c)).ToArray(), DataKind.Single)
            .Append(ml.Transforms.Concatenate("Features", PenguinInputs.Select(c => c + "F").ToArray()))
            .Append(ml.Transforms.MaskedNormalizeMeanVariance("Features"))
            .Append(ml.BinaryClassification.Trainers.MaskedGam(new MaskedGamBinaryTrainer.Options { LabelColumnName = "IsAdelie", Seed = 1 }));
        var labelled = ml.Transforms.Expression("IsAdelie", "s => s == \"Adelie\"", "Species").Fit(penguins).Transform(penguins);
        AssertCustomModelMatches(ml, mixed.Fit(labelled), labelled, ["Features", "Score", "Probability", "PredictedLabel"], GamTolerance);

        var data = ml.Transforms.Concatenate("Targets", "Label", "B").Fit(RandomData(ml)).Transform(RandomData(ml));
        var twoTargets = ml.Regression.Trainers.MaskedGam(new MaskedGamRegressionTrainer.Options { LabelColumnName = "Targets", Seed = 1 }).Fit(data);
        Assert.Equal(["Score"], AssertCustomModelMatches(ml, twoTargets, data, ["Score"], GamTolerance));
    }

    public sealed class GamRow
    {
        [VectorType(3)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    /// <summary>Infinite features are missing, as NaN ones (the mask input says valid there: only the value makes them missing).</summary>
    [Fact]
    public void AMaskedGamTreatsInfiniteFeaturesAsMissingInOnnx()
    {
        var ml = new MLContext(1);
        var rng = new Random(11);
        var rows = Enumerable.Range(0, 80).Select(i =>
        {
            var f = Enumerable.Range(0, 3).Select(j => (float)(rng.NextDouble() * 4 - 2)).ToArray();
            float label = f[0] * f[1] + MathF.Abs(f[2]);
            if (i % 7 == 3) f[i % 3] = i % 2 == 0 ? float.PositiveInfinity : float.NegativeInfinity;
            if (i % 11 == 5) f[(i + 1) % 3] = float.NaN;
            return new GamRow { Features = f, Label = label };
        }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.Regression.Trainers.MaskedGam(new MaskedGamRegressionTrainer.Options { Seed = 1 }).Fit(data);
        var infinite = Enumerable.Range(0, rows.Length).First(i => rows[i].Features.Any(float.IsInfinity));
        var withNaN = rows.Select(r => new GamRow { Features = r.Features.Select(v => float.IsInfinity(v) ? float.NaN : v).ToArray(), Label = r.Label }).ToArray();
        var scores = model.Transform(data).GetColumn<float>("Score").ToArray();
        Assert.Equal(model.Transform(ml.Data.LoadFromEnumerable(withNaN)).GetColumn<float>("Score").ElementAt(infinite), scores[infinite]);
        Assert.Equal(["Score"], AssertCustomModelMatches(ml, model, data, ["Score"], GamTolerance));
    }

    /// <summary>A GAM chain whose saved format name is unknown, or whose packed parameters are damaged, is rejected naming the step and what is wrong.</summary>
    [Fact]
    public void AMaskedGamWithAnUnknownFormatOrDamagedParametersIsNamed()
    {
        var ml = new MLContext(1);
        var data = RandomData(ml);
        var packed = ml.Regression.Trainers.MaskedGam(new MaskedGamRegressionTrainer.Options { Seed = 1 }).Fit(data).Model.Pack();
        ITransformer Chain(double[] p, string format) => PackedModelChain.Build(ml, ml, LinearTask.Regression, data.Schema, "Features", "Label",
            p, format, 1, [0f], [1f], AdditiveModelMappings.Create(ml.Transforms, 1), 1);
        var e = Assert.Throws<NotSupportedException>(() => MaskedOnnx.Export(Chain(packed, "Masked.ML.Gam.v9"), data.Schema));
        Assert.Contains("'Masked.ML.Gam.v9'", e.Message);
        Assert.Contains("Masked.ML.GamModel.1", e.Message);
        var damaged = (double[])packed.Clone();
        damaged[5] += 1;
        e = Assert.Throws<NotSupportedException>(() => MaskedOnnx.Export(Chain(damaged, AdditiveModelMappings.Format), data.Schema));
        Assert.Contains("fingerprint", e.Message);
        Assert.NotNull(MaskedOnnx.Export(Chain(packed, AdditiveModelMappings.Format), data.Schema));   // the same chain with its own parameters exports
    }

    /// <summary>After Save → Load the model is a plain ML.NET chain (custom mappings found by contract name): it exports the same.</summary>
    [Fact]
    public void ASavedAndLoadedPipelineExportsAndMatches()
    {
        var ml = new MLContext(1);
        var data = RandomData(ml);
        var model = ml.Transforms.MaskedNormalizeRobust("N", "Features", "Mask", "NValid")
            .Append(ml.Transforms.MaskedSoftmax("Out", "N", null, 0, "OutV"))
            .Append(ml.Transforms.MaskedAggregate("Agg", "Features", MaskedAggregation.Variance, "Mask", 0, "AggV"))
            .Append(ml.Transforms.ReplaceMissingValues("N"))
            .Append(ml.MulticlassClassification.Trainers.MaskedSoftmaxRegression(labelColumnName: "Class", featureColumnName: "N"))
            .Fit(data);
        AssertOnnxMatches(ml, model, data, new MaskedOnnxExportOptions { OutputColumns = ["N", "Out", "OutV", "Agg", "AggV", "Score", "PredictedLabel"] });
        using var stream = new MemoryStream();
        ml.Model.Save(model, data.Schema, stream);
        stream.Position = 0;
        var loaded = new MLContext(2).Model.Load(stream, out var schema);
        var outputs = AssertOnnxMatches(ml, loaded, data, new MaskedOnnxExportOptions { OutputColumns = ["N", "Out", "OutV", "Agg", "AggV", "Score", "PredictedLabel"] });
        Assert.Equal(7, outputs.Length);
        Assert.Equal(MaskedOnnx.Export(model, schema), MaskedOnnx.Export(loaded, schema));   // the same graph before and after Load
    }

    /// <summary>Models saved before representation v2 (parameter key + MapValue table + sized Row mapping with its W validity column)
    /// still export: the chain is built here as the first releases built it.</summary>
    [Theory]
    [InlineData(0.0, true)]    // apply with a mask column (the normalizer's mask route)
    [InlineData(1.0, true)]    // safe softmax with a mask column
    [InlineData(1.0, false)]   // safe softmax without one
    public void FirstRepresentationModelsStillExport(double op, bool withMask)
    {
        var ml = new MLContext(1);
        var data = RandomData(ml);
        var c = ml.Transforms;
        var model = Masked.ML.Mapping.RowMappingChain.Prefix(c, "Features", withMask ? "Mask" : null, [op, 0.25])
            .Append(Masked.ML.Mapping.SizedRowMappings.Create(c, isDouble: false, slots: 6, validity: true))
            .Append(c.IndicateMissingValues(Masked.ML.Mapping.RowMappingNames.V, Masked.ML.Mapping.RowMappingNames.W))
            .Append(c.CopyColumns("Out", Masked.ML.Mapping.RowMappingNames.Y))
            .Append(c.CopyColumns("OutV", Masked.ML.Mapping.RowMappingNames.V))
            .Append(c.DropColumns(Masked.ML.Mapping.RowMappingChain.Temporaries))
            .Fit(data);
        var bytes = MaskedOnnx.Export(model, data.Schema);
        var proto = OnnxStructure.AssertWellFormed(bytes);
        Assert.Equal(8, proto.Graph.Output.Single(o => o.Name == "Out").Type.TensorType.Shape.Dim[1].DimValue); // padded, as the saved mapping
        var outputs = AssertOnnxMatches(ml, model, data);
        Assert.Equal(["Out", "OutV"], outputs);
    }

    /// <summary>Double columns all the way: masked normalize, safe softmax and an aggregate over a double vector.</summary>
    [Fact]
    public void DoubleColumnsExportAndMatchOnPenguins()
    {
        var ml = new MLContext(1);
        var penguins = Penguins(ml);
        var model = ml.Transforms.Concatenate("Features", PenguinInputs)
            .Append(ml.Transforms.MaskedNormalizeMinMax("Norm", "Features"))
            .Append(ml.Transforms.MaskedSoftmax("Out", "Norm", null, -1, "OutV"))
            .Append(ml.Transforms.MaskedAggregate("Agg", "Features", MaskedAggregation.StandardDeviation, null, 1, "AggV"))
            .Fit(penguins);
        var outputs = AssertOnnxMatches(ml, model, penguins, new MaskedOnnxExportOptions { OutputColumns = ["Norm", "Out", "OutV", "Agg", "AggV"] });
        Assert.Equal(5, outputs.Length);
        var proto = ModelProto.Parser.ParseFrom(MaskedOnnx.Export(model, penguins.Schema));
        Assert.All(proto.Graph.Output.Where(o => o.Name is "Norm" or "Out" or "Agg"), o => Assert.Equal(11, o.Type.TensorType.ElemType)); // double
    }

    /// <summary>Masked tensors in, masked tensors out: an exported pipeline scored by <see cref="MaskedOnnxSession"/> with the mask bound as the
    /// model's mask input and the outputs re-masked by the model's mask outputs (a softmax row with nothing valid comes back fully masked).</summary>
    [Fact]
    public void AnExportedPipelineRunsOnMaskedTensorsThroughMaskedOnnxSession()
    {
        var ml = new MLContext(1);
        var data = RandomData(ml);
        var model = ml.Transforms.MaskedNormalizeMeanVariance("N", "Features")
            .Append(ml.Transforms.MaskedSoftmax("Out", "N", null, 0))
            .Append(ml.Transforms.MaskedAggregate("Agg", "Features", MaskedAggregation.Max))
            .Fit(data);
        var bytes = MaskedOnnx.Export(model, data.Schema, new MaskedOnnxExportOptions { OutputColumns = ["Out", "Agg"] });
        var rows = data.GetColumn<float[]>("Features").ToArray();
        int n = rows.Length;
        var flat = rows.SelectMany(r => r).ToArray();
        var valid = flat.Select(v => !float.IsNaN(v)).ToArray();
        var x = MaskedTensor.Create(flat.Select((v, i) => valid[i] ? v : 1e30f).ToArray(), valid, n, 6);   // garbage behind the mask
        using var session = new MaskedOnnxSession(bytes)
            .WithFill("Features", MaskedOnnxFill.AsMaskInput("Features_mask"))
            .WithRule("Out", MaskedOnnxOutputRule.FromMaskOutput("Out_mask"))
            .WithRule("Agg", MaskedOnnxOutputRule.FromMaskOutput("Agg_mask"));
        var result = session.Run(MaskedOnnxInput.Of("Features", x));
        var output = result.Get<float>("Out");
        var agg = result.Get<float>("Agg");
        var expected = model.Transform(data);
        var eOut = expected.GetColumn<float[]>("Out").ToArray();
        var eAgg = expected.GetColumn<float>("Agg").ToArray();
        var outValues = output.ToArray(); var aggValues = agg.ToArray();
        Assert.Equal([n, 6], output.Shape);
        Assert.Equal([n, 1], agg.Shape);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                Assert.Equal(valid[i * 6 + j], output.IsValid(i, j));
                if (output.IsValid(i, j)) Assert.True(Math.Abs(eOut[i][j] - outValues[i * 6 + j]) <= 1e-5, $"Out[{i},{j}]");
                else Assert.Equal(0f, eOut[i][j]);   // the fill, masked
            }
            Assert.Equal(!float.IsNaN(eAgg[i]), agg.IsValid(i, 0));
            if (agg.IsValid(i, 0)) Assert.Equal(eAgg[i], aggValues[i]);
        }
        Assert.False(output.IsValid(2, 0));   // row 2 is fully missing: masked, not NaN
        Assert.False(agg.IsValid(7, 0));
    }

    [Fact]
    public void WithoutMaskInputsNaNIsMissing()
    {
        var ml = new MLContext(1);
        var data = RandomData(ml);
        var model = ml.Transforms.MaskedSoftmax("Out", "Features", "Mask", 0, "OutV").Fit(data);
        var bytes = MaskedOnnx.Export(model, data.Schema, new MaskedOnnxExportOptions { MaskInputs = false });
        var proto = OnnxStructure.AssertWellFormed(bytes);
        Assert.Equal(["Features", "Mask"], proto.Graph.Input.Select(i => i.Name).Order());
        Assert.Equal(["Out", "OutV", "Out_mask"], proto.Graph.Output.Select(o => o.Name).OrderBy(n => n.Length).ThenBy(n => n));
        AssertOnnxMatches(ml, model, data, new MaskedOnnxExportOptions { MaskInputs = false });
    }

    [Fact]
    public void AnUnsupportedTransformerIsNamed()
    {
        var ml = new MLContext(1);
        var data = RandomData(ml);
        var model = ml.Transforms.MaskedNormalizeMeanVariance("Out", "Features")
            .Append(ml.Transforms.CustomMapping<BOnly, Doubled>((i, o) => o.Twice = i.B * 2, contractName: "Tests.Doubled")).Fit(data);
        var e = Assert.Throws<NotSupportedException>(() => MaskedOnnx.Export(model, data.Schema));
        Assert.Contains("Tests.Doubled", e.Message);
        Assert.Contains("step", e.Message);
    }

    public sealed class BOnly
    {
        public float B { get; set; }
    }

    public sealed class Doubled
    {
        public float Twice { get; set; }
    }

    /// <summary>A column replaced under an input's name comes out as "name.output" (ONNX names a value once), with its mask.</summary>
    [Fact]
    public void AReplacedInputColumnIsOutputWithTheOutputSuffix()
    {
        var ml = new MLContext(1);
        var data = RandomData(ml);
        var model = ml.Transforms.MaskedNormalizeMeanVariance("Features").Fit(data);
        var proto = OnnxStructure.AssertWellFormed(MaskedOnnx.Export(model, data.Schema));
        Assert.Equal(["Features.output", "Features.output_mask"], proto.Graph.Output.Select(o => o.Name));
        Assert.Equal(["Features", "Features_mask"], proto.Graph.Input.Select(o => o.Name));
    }

    public sealed class Dated
    {
        [VectorType(3)] public float[] Features { get; set; } = [];
        public DateTime When { get; set; }
    }

    /// <summary>An input column the model does not read is not an input of the exported model, even one ONNX cannot type.</summary>
    [Fact]
    public void UnusedInputColumnsAreNotModelInputs()
    {
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 20).Select(i => new Dated { Features = [i, i % 3 == 0 ? float.NaN : -i, 2], When = DateTime.UnixEpoch.AddDays(i) }));
        var model = ml.Transforms.MaskedNormalizeMeanVariance("Out", "Features").Fit(data);
        var proto = OnnxStructure.AssertWellFormed(MaskedOnnx.Export(model, data.Schema));
        Assert.Equal(["Features", "Features_mask"], proto.Graph.Input.Select(i => i.Name));
        Assert.Equal(["Out", "Out_mask"], proto.Graph.Output.Select(i => i.Name));
    }

    [Fact]
    public void AnOutputColumnTheModelDoesNotProduceIsNamed()
    {
        var ml = new MLContext(1);
        var data = RandomData(ml);
        var model = ml.Transforms.MaskedNormalizeMeanVariance("Out", "Features").Fit(data);
        var e = Assert.Throws<ArgumentException>(() => MaskedOnnx.Export(model, data.Schema, new MaskedOnnxExportOptions { OutputColumns = ["Nope"] }));
        Assert.Contains("'Nope'", e.Message);
    }

    [Fact]
    public void ExportedModelIsOpset17WithNoOlderDefaultDomain()
    {
        var ml = new MLContext(1);
        var data = RandomData(ml);
        var model = ml.Regression.Trainers.MaskedLinear(labelColumnName: "Label").Fit(data);
        var proto = ModelProto.Parser.ParseFrom(MaskedOnnx.Export(model, data.Schema));
        Assert.Equal(17, proto.OpsetImport.Single(o => o.Domain == "").Version);
        Assert.DoesNotContain(proto.Graph.Node, n => n.OpType is "ReduceSum" or "Squeeze" or "Unsqueeze" && n.Attribute.Any(a => a.Name == "axes"));
    }
}
