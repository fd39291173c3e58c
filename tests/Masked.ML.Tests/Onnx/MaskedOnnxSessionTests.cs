using Masked.ML.Onnx;
using Xunit;

namespace Masked.ML.Tests.Onnx;

public class MaskedOnnxSessionTests
{
    /// <summary>x [N,4] float, m [N,4] bool → s = Σ over valid x (per row, [N,1]), z = 2x, zm = m.</summary>
    private static byte[] MaskedRowSumModel()
    {
        var g = new OnnxGraph("rowsum");
        var x = g.Input("x", OnnxType.Float, -1, 4);
        var m = g.Input("m", OnnxType.Bool, -1, 4);
        var s = g.Node("ReduceSum", [g.Op("Where", m, x, g.Scalar(0)), g.Constant(new long[] { 1 }, 1)], null, ("keepdims", 1L));
        g.Output("s", s, OnnxType.Float, -1, 1);
        g.Output("z", g.Op("Mul", x, g.Scalar(2)), OnnxType.Float, -1, 4);
        g.Output("zm", m, OnnxType.Bool, -1, 4);
        return g.ToBytes();
    }

    /// <summary>x [N,4] float → s = Σ x per row [N,1], r = x / 0 (NaN where x = 0).</summary>
    private static byte[] PlainRowSumModel()
    {
        var g = new OnnxGraph("plain");
        var x = g.Input("x", OnnxType.Float, -1, 4);
        g.Output("s", g.Node("ReduceSum", [x, g.Constant(new long[] { 1 }, 1)], null, ("keepdims", 1L)), OnnxType.Float, -1, 1);
        g.Output("r", g.Op("Div", x, x), OnnxType.Float, -1, 4);
        return g.ToBytes();
    }

    private static (float[] data, bool[] mask) Batch(int rows, int seed)
    {
        var rng = new Random(seed);
        var data = new float[rows * 4];
        var mask = new bool[rows * 4];
        for (int i = 0; i < data.Length; i++)
        {
            mask[i] = rng.NextDouble() > 0.3;
            data[i] = mask[i] ? (float)(rng.NextDouble() * 4 - 2) : float.NaN; // masked slots hold garbage
        }
        for (int j = 0; j < 4; j++) mask[4 + j] = false;          // row 1 fully masked
        for (int r = 0; r < rows; r++) mask[r * 4 + 2] = false;   // slot 2 fully masked
        return (data, mask);
    }

    [Fact]
    public void MaskInputBindsWithoutCopyAndRowRuleMasksEmptyRows()
    {
        OnnxStructure.AssertWellFormed(MaskedRowSumModel());
        var (data, mask) = Batch(50, 3);
        var x = MaskedTensor.Create(data, mask, 50, 4);
        using var session = new MaskedOnnxSession(MaskedRowSumModel())
            .WithFill("x", MaskedOnnxFill.AsMaskInput("m"))
            .WithRule("s", MaskedOnnxOutputRule.RowHasValidInput("x"))
            .WithRule("z", MaskedOnnxOutputRule.FromMaskOutput("zm"));
        var result = session.Run(MaskedOnnxInput.Of("x", x));
        Assert.Equal(0, session.LastCopiedInputs);
        var s = result.Get<float>("s");
        var z = result.Get<float>("z");
        Assert.Equal(new[] { 50, 1 }, s.Shape);
        for (int r = 0; r < 50; r++)
        {
            bool any = Enumerable.Range(0, 4).Any(j => mask[r * 4 + j]);
            Assert.Equal(any, s.IsValid(r, 0));
            double expected = Enumerable.Range(0, 4).Where(j => mask[r * 4 + j]).Sum(j => (double)data[r * 4 + j]);
            if (any) Assert.Equal(expected, s.GetRawValue(r, 0), 5);
            for (int j = 0; j < 4; j++)
            {
                Assert.Equal(mask[r * 4 + j], z.IsValid(r, j));
                if (mask[r * 4 + j]) Assert.Equal(2 * data[r * 4 + j], z.GetRawValue(r, j));
            }
        }
    }

    [Fact]
    public void FillValueCopiesOnlyWhenMaskedAndNaNRuleMasks()
    {
        var (data, mask) = Batch(20, 5);
        using var session = new MaskedOnnxSession(PlainRowSumModel())
            .WithFill("x", MaskedOnnxFill.With(0))
            .WithRule("r", MaskedOnnxOutputRule.NaNIsMasked);
        var result = session.Run(MaskedOnnxInput.Of("x", MaskedTensor.Create(data, mask, 20, 4)));
        Assert.Equal(1, session.LastCopiedInputs);
        var s = result.Get<float>("s");
        var r = result.Get<float>("r");
        for (int i = 0; i < 20; i++)
        {
            double expected = Enumerable.Range(0, 4).Where(j => mask[i * 4 + j]).Sum(j => (double)data[i * 4 + j]);
            Assert.Equal(expected, s.GetRawValue(i, 0), 5);
            for (int j = 0; j < 4; j++) Assert.Equal(mask[i * 4 + j], r.IsValid(i, j)); // 0/0 = NaN exactly where filled
        }
        Assert.False(float.IsNaN(data[0]) && mask[0]); // the caller's buffer was not overwritten
        Assert.Contains(data, float.IsNaN);
        var dense = Enumerable.Range(0, 8).Select(i => (float)i + 1).ToArray();
        session.Run(MaskedOnnxInput.Of("x", MaskedTensor.FromArray(dense, 2, 4)));
        Assert.Equal(0, session.LastCopiedInputs);
    }

    [Fact]
    public void BadInputsAreNamedBeforeOnnxRuntimeSeesThem()
    {
        using var session = new MaskedOnnxSession(MaskedRowSumModel()).WithFill("x", MaskedOnnxFill.AsMaskInput("m"));
        var good = MaskedTensor.FromArray(new float[8], 2, 4);
        var e1 = Assert.Throws<ArgumentException>(() => session.Run(MaskedOnnxInput.Of("features", good)));
        Assert.Contains("'features'", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => session.Run(MaskedOnnxInput.Of("x", MaskedTensor.FromArray(new double[8], 2, 4))));
        Assert.Contains("'x'", e2.Message);
        Assert.Contains("Double", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => session.Run(MaskedOnnxInput.Of("x", MaskedTensor.FromArray(new float[10], 2, 5))));
        Assert.Contains("'x'", e3.Message);
        Assert.Contains("[2, 5]", e3.Message);
        using var noMask = new MaskedOnnxSession(MaskedRowSumModel());
        var e4 = Assert.Throws<ArgumentException>(() => noMask.Run(MaskedOnnxInput.Of("x", good)));
        Assert.Contains("'m'", e4.Message);
        using var plain = new MaskedOnnxSession(PlainRowSumModel());
        var masked = MaskedTensor.Create(new float[8], new[] { true, false, true, true, true, true, true, true }, 2, 4);
        var e5 = Assert.Throws<ArgumentException>(() => plain.Run(MaskedOnnxInput.Of("x", masked)));
        Assert.Contains("'x'", e5.Message);
        Assert.Throws<ArgumentException>(() => plain.WithFill("y", MaskedOnnxFill.With(0)));
        Assert.Throws<ArgumentException>(() => plain.WithRule("s", MaskedOnnxOutputRule.FromMaskOutput("r")));
    }

    [Fact]
    public void NonContiguousViewsAreCopiedThenBound()
    {
        var data = Enumerable.Range(0, 8).Select(i => (float)i).ToArray();
        var t = MaskedTensor.FromArray(data, 4, 2).Transpose(0, 1); // [2,4] view
        using var session = new MaskedOnnxSession(PlainRowSumModel());
        var s = session.Run(MaskedOnnxInput.Of("x", t)).Get<float>("s");
        Assert.Equal(1, session.LastCopiedInputs);
        Assert.Equal(0 + 2 + 4 + 6, s.GetRawValue(0, 0));
        Assert.Equal(1 + 3 + 5 + 7, s.GetRawValue(1, 0));
    }
}
