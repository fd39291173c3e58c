using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;
using Xunit.Abstractions;

namespace Masked.ML.Tests;

/// <summary>A fitted masked component applied to data that does not match what it was fitted on names the problem.</summary>
public class TransformTimeChecksTests(ITestOutputHelper output)
{
    private sealed class F3 { [VectorType(3)] public float[] X { get; set; } = []; }
    private sealed class D3 { [VectorType(3)] public double[] X { get; set; } = []; }
    private sealed class F4 { [VectorType(4)] public float[] X { get; set; } = []; }

    [Fact]
    public void MaskColumnEqualToTheInputColumnIsRejected()
    {
        var ml = new MLContext(seed: 1);
        var e = Assert.Throws<ArgumentException>(() => ml.Transforms.MaskedNormalizeMeanVariance("Y", "X", maskColumnName: "X"));
        Assert.Equal("maskColumnName", e.ParamName);
        Assert.Contains("'X'", e.Message);
        Assert.Equal("maskColumnName", Assert.Throws<ArgumentException>(() => ml.Transforms.MaskedAggregate("s", "X", MaskedAggregation.Sum, maskColumnName: "X")).ParamName);
    }

    [Theory]
    [InlineData("mv")]
    [InlineData("mv-mask")]
    [InlineData("softmax")]
    [InlineData("aggregate")]
    public void DoubleColumnOrOtherVectorSizeAtTransformTimeNamesTheColumn(string which)
    {
        var ml = new MLContext(seed: 1);
        var fit = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 10).Select(i => new F3 { X = [i, 2 * i, float.NaN] }));
        IEstimator<ITransformer> est = which switch
        {
            "mv" => ml.Transforms.MaskedNormalizeMeanVariance("Y", "X"),
            "mv-mask" => ml.Transforms.MaskedNormalizeMeanVariance("Y", "X", outputMaskColumnName: "M"),
            "softmax" => ml.Transforms.MaskedSoftmax("Y", "X"),
            _ => ml.Transforms.MaskedAggregate("Y", "X", MaskedAggregation.Sum),
        };
        var model = est.Fit(fit);
        var asDouble = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 10).Select(i => new D3 { X = [i, 2 * i, 1] }));
        var wider = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 10).Select(i => new F4 { X = [i, 2 * i, 1, 1] }));
        // A double column where the model was fitted on float: rejected when the transform is applied (schema time).
        var d = Assert.ThrowsAny<ArgumentException>(() => model.Transform(asDouble));
        output.WriteLine($"{which}: {d.GetType().Name}: {d.Message}");
        Assert.Equal("inputSchema", d.ParamName);
        Assert.Contains("'X'", d.Message);
        Assert.Contains("Double", d.Message);
        // Another vector size: ML.NET's ONNX scorer checks it when rows are read.
        var w = Assert.Throws<InvalidOperationException>(() => model.Transform(wider).Preview());
        output.WriteLine($"{which}: {w.GetType().Name}: {w.Message}");
        Assert.Contains("'X'", w.Message);
        Assert.Contains("shape 3", w.Message);
        Assert.Contains("length 4", w.Message);
    }
}
