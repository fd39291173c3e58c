using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Types;
using Masked.Arrow;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

namespace Masked.ML.Tests;

public class DataViewTests
{
    private static RecordBatch Batch()
    {
        var x = new FloatArray.Builder().Append(1).AppendNull().Append(3).Build();
        var y = new Int32Array.Builder().AppendNull().Append(20).Append(30).Build();
        var name = new StringArray.Builder().Append("a").Append("b").AppendNull().Build();
        var child = new DoubleArray.Builder().Append(1).Append(2).AppendNull().Append(4).Append(5).Append(6).Build();
        var list = new FixedSizeListArray(new ArrayData(new FixedSizeListType(new Field("item", DoubleType.Default, true), 2), 3, 0, 0, [ArrowBuffer.Empty], [child.Data]));
        var schema = new Schema.Builder()
            .Field(f => f.Name("x").DataType(FloatType.Default))
            .Field(f => f.Name("y").DataType(Int32Type.Default))
            .Field(f => f.Name("name").DataType(StringType.Default))
            .Field(f => f.Name("v").DataType(list.Data.DataType)).Build();
        return new RecordBatch(schema, [x, y, name, list], 3);
    }

    [Fact]
    public void NullableColumnsBecomeNaNAndFixedSizeListsKnownSizeVectors()
    {
        var ml = new MLContext(seed: 1);
        var view = ml.Data.LoadFromArrow([Batch(), Batch()], includeMaskColumns: true);
        Assert.Equal(NumberDataViewType.Single, view.Schema["x"].Type);
        Assert.Equal(NumberDataViewType.Single, view.Schema["y"].Type);
        Assert.Equal(TextDataViewType.Instance, view.Schema["name"].Type);
        Assert.Equal(new VectorDataViewType(NumberDataViewType.Double, 2), view.Schema["v"].Type);
        Assert.Equal(new VectorDataViewType(BooleanDataViewType.Instance, 2), view.Schema["v.Mask"].Type);
        Assert.Equal(6, view.GetRowCount());
        var x = view.GetColumn<float>("x").ToArray();
        Assert.Equal(6, x.Length);
        Assert.True(float.IsNaN(x[1]) && float.IsNaN(x[4]));
        Assert.Equal(3f, x[2]);
        Assert.Equal(new[] { true, false, true, true, false, true }, view.GetColumn<bool>("x.Mask").ToArray());
        Assert.True(float.IsNaN(view.GetColumn<float>("y").First()));
        var v = view.GetColumn<double[]>("v").ToArray();
        Assert.Equal(2.0, v[0][1]);
        Assert.True(double.IsNaN(v[1][0]));
        Assert.Equal(new[] { false, true }, view.GetColumn<bool[]>("v.Mask").ToArray()[1]);
        Assert.Equal("b", view.GetColumn<ReadOnlyMemory<char>>("name").ToArray()[1].ToString());
    }

    [Fact]
    public void FixedShapeTensorColumnsBecomeKnownSizeVectors()
    {
        var ml = new MLContext(seed: 1);
        var view = ml.Data.LoadFromArrowFile(Path.Combine(AppContext.BaseDirectory, "Data", "fixed_shape_tensor.arrow"), includeMaskColumns: true);
        var type = Assert.IsType<VectorDataViewType>(view.Schema["tensor"].Type);
        Assert.Equal(6, type.Size);
        Assert.Equal(new[] { 2, 3 }, type.Dimensions.ToArray());
        var rows = view.GetColumn<float[]>("tensor").ToArray();
        Assert.Equal(5, rows.Length);
        Assert.All(rows[2], v => Assert.True(float.IsNaN(v)));   // null row
        Assert.True(float.IsNaN(rows[1][3]));                     // null element
        Assert.Equal(10 + 2 + 0.5f, rows[1][2]);
        Assert.Equal(40 + 5 + 0.5f, rows[4][5]);
        Assert.Equal(new[] { true, true, true, false, true, true }, view.GetColumn<bool[]>("tensor.Mask").ToArray()[1]);
        var sums = ml.Transforms.MaskedAggregate("s", "tensor", MaskedAggregation.Sum).Fit(view).Transform(view).GetColumn<float>("s").ToArray();
        Assert.True(float.IsNaN(sums[2]));
        Assert.Equal(Enumerable.Range(0, 6).Sum(i => 30 + i + 0.5f), sums[3], 3);
    }

    [Fact]
    public void ParquetStreamsBatchByBatchIntoMaskedComponents()
    {
        var ml = new MLContext(seed: 1);
        var rng = new Random(3);
        int n = 5000;
        var data = Enumerable.Range(0, n * 4).Select(_ => (float)rng.NextDouble()).ToArray();
        var valid = Enumerable.Range(0, n * 4).Select(_ => rng.NextDouble() > 0.1).ToArray();
        var t = MaskedTensor.Create(data, valid, n, 4);
        var path = Path.Combine(Path.GetTempPath(), $"mlpq-{Guid.NewGuid():N}.parquet");
        try
        {
            ParquetTensors.Write(path, [RecordBatchExtensions.ToRecordBatch([("vec", t)])]);
            var view = ml.Data.LoadFromParquet(path, batchSize: 700);
            Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 4), view.Schema["vec"].Type);
            Assert.Equal(n, view.GetRowCount());
            var agg = ml.Transforms.MaskedAggregate("sum", "vec", MaskedAggregation.Sum).Fit(view).Transform(view).GetColumn<float>("sum").ToArray();
            var expected = t.Sum(1);
            var e = expected.ToArray(); var em = expected.MaskToBools();
            for (int i = 0; i < n; i++) TestRows.AssertClose(em[i] ? e[i] : float.NaN, agg[i]);
        }
        finally { File.Delete(path); }
    }

    /// <summary>Real data with missing values: Parquet → IDataView → masked normalize → a stock ML.NET trainer → evaluate → save → load → same predictions.</summary>
    [Fact]
    public void PenguinsEndToEnd()
    {
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "penguins.json")));
        var rows = json.RootElement.EnumerateArray().ToList();
        var species = new StringArray.Builder();
        var numeric = new[] { "Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)" };
        var builders = numeric.Select(_ => new DoubleArray.Builder()).ToArray();
        foreach (var r in rows)
        {
            species.Append(r.GetProperty("Species").GetString());
            for (int k = 0; k < numeric.Length; k++)
            {
                var v = r.GetProperty(numeric[k]);
                if (v.ValueKind == JsonValueKind.Null) builders[k].AppendNull(); else builders[k].Append(v.GetDouble());
            }
        }
        var fields = new List<Field> { new("Species", StringType.Default, true) };
        fields.AddRange(numeric.Select((c, k) => new Field($"f{k}", DoubleType.Default, true)));
        var arrays = new List<IArrowArray> { species.Build() };
        arrays.AddRange(builders.Select(b => (IArrowArray)b.Build()));
        var batch = new RecordBatch(new Schema(fields, null), arrays, rows.Count);
        var path = Path.Combine(Path.GetTempPath(), $"penguins-{Guid.NewGuid():N}.parquet");
        var modelPath = Path.ChangeExtension(path, ".zip");
        try
        {
            ParquetTensors.Write(path, [batch], rowGroupSize: 100);
            var ml = new MLContext(seed: 42);
            var data = ml.Data.LoadFromParquet(path, batchSize: 128);
            var stats = MaskedStatistics.Compute(ml.Transforms.Concatenate("F", "f0", "f1", "f2", "f3").Fit(data).Transform(data), "F");
            Assert.All(stats, s => Assert.Equal(342, s.Count)); // 2 rows have no measurements
            var split = ml.Data.TrainTestSplit(ml.Data.Cache(data), testFraction: 0.3, seed: 1);
            var pipeline = ml.Transforms.Concatenate("Raw", "f0", "f1", "f2", "f3")
                .Append(ml.Transforms.Conversion.ConvertType("Raw", outputKind: DataKind.Single))
                .Append(ml.Transforms.MaskedNormalizeMeanVariance("Features", "Raw"))
                .Append(ml.Transforms.ReplaceMissingValues("Features", replacementMode: Microsoft.ML.Transforms.MissingValueReplacingEstimator.ReplacementMode.DefaultValue))
                .Append(ml.Transforms.Conversion.MapValueToKey("Label", "Species"))
                .Append(ml.MulticlassClassification.Trainers.SdcaMaximumEntropy())
                .Append(ml.Transforms.Conversion.MapKeyToValue("PredictedSpecies", "PredictedLabel"));
            var model = pipeline.Fit(split.TrainSet);
            var scored = model.Transform(split.TestSet);
            var metrics = ml.MulticlassClassification.Evaluate(scored);
            Assert.True(metrics.MacroAccuracy > 0.9, $"macro accuracy {metrics.MacroAccuracy}");
            ml.Model.Save(model, data.Schema, modelPath);
            var fresh = MaskedML.RegisterComponents(new MLContext(seed: 3));
            var loaded = fresh.Model.Load(modelPath, out _);
            var again = loaded.Transform(fresh.Data.LoadFromParquet(path, batchSize: 50));
            var before = model.Transform(data).GetColumn<ReadOnlyMemory<char>>("PredictedSpecies").Select(s => s.ToString()).ToArray();
            var after = again.GetColumn<ReadOnlyMemory<char>>("PredictedSpecies").Select(s => s.ToString()).ToArray();
            Assert.Equal(before, after);
            Assert.Equal(344, after.Length);
        }
        finally { File.Delete(path); File.Delete(modelPath); }
    }
}
