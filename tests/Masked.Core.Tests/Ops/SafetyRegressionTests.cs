using Xunit;

namespace Masked.Core.Tests.Ops;

/// <summary>Regression tests for silent wrong results: shared masks, index ranges, exact casts, optimizer misuse, NaN settings.</summary>
public class SafetyRegressionTests
{
    private static MaskedTensor<float> X() => MaskedTensor.Create(new float[] { 1, 2, 3, 4 }, new[] { true, false, true, true }, 4);

    [Fact]
    public void DestinationWritesNeverChangeTheInputsMask()
    {
        var x = X();
        var y = x.Exp();
        var c = x.Cast<double>().Cast<float>();
        var z = MaskedTensor.Create(new float[] { 5, 6, 7, 8 }, new[] { false, true, false, true }, 4);
        MaskedTensor.Neg(z, y);
        MaskedTensor.Neg(z, c);
        Assert.Equal(new[] { true, false, true, true }, x.MaskToBools());
        Assert.Equal(new[] { false, true, false, true }, y.MaskToBools());
        Assert.Equal(new[] { false, true, false, true }, c.MaskToBools());
        var s = x.Softmax(0);
        MaskedTensor.Neg(z, s);
        Assert.Equal(new[] { true, false, true, true }, x.MaskToBools());
        var sum = x + MaskedTensor.FromArray(new float[] { 1, 1, 1, 1 }, 4); // one masked side: mask copied, not shared
        MaskedTensor.Neg(z, sum);
        Assert.Equal(new[] { true, false, true, true }, x.MaskToBools());
    }

    [Fact]
    public void IndexFromTheEndOutOfRangeThrows()
    {
        var t = MaskedTensor.FromArray(new float[] { 1, 2, 3 }, 3);
        Assert.Equal(3f, t[^1].Item());
        Assert.Equal("indices", Assert.Throws<ArgumentOutOfRangeException>(() => t[^5]).ParamName);
        Assert.Equal("indices", Assert.Throws<ArgumentOutOfRangeException>(() => t[^4]).ParamName);
        Assert.Equal("indices", Assert.Throws<ArgumentOutOfRangeException>(() => t[3]).ParamName);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => t[1..10]);
        Assert.Contains("1..10", e.Message);
        Assert.Contains("size 3", e.Message);
        Assert.Equal(2, t[1..3].Length);
    }

    [Fact]
    public void IntegerCastsAreExact()
    {
        long big = (1L << 53) + 1;
        var t = MaskedTensor.FromArray(new[] { big, long.MaxValue, -big }, 3);
        Assert.Equal(new[] { big, long.MaxValue, -big }, t.Cast<long>().ToArray());
        Assert.Equal(new[] { int.MaxValue, int.MaxValue, int.MinValue }, t.Cast<int>().ToArray());
        Assert.Equal((float)big, t.Cast<float>().ToArray()[0]);
        var i = MaskedTensor.FromArray(new[] { int.MaxValue, int.MinValue }, 2);
        Assert.Equal(new long[] { int.MaxValue, int.MinValue }, i.Cast<long>().ToArray());
    }

    [Fact]
    public void NullShapeIsAnArgumentNullException()
    {
        Assert.Equal("shape", Assert.Throws<ArgumentNullException>(() => MaskedTensor.Create(new float[1], new[] { true }, (int[])null!)).ParamName);
        Assert.Equal("shape", Assert.Throws<ArgumentNullException>(() => MaskedTensor.FromArray(new float[1], (int[])null!)).ParamName);
        Assert.Equal("shape", Assert.Throws<ArgumentNullException>(() => MaskedTensor.Create<float>(new float[1].AsSpan(), new[] { true }.AsSpan(), null!)).ParamName);
    }

    [Fact]
    public void OptimizerRejectsTheSameParameterTwiceAndNaNSettings()
    {
        var w = MaskedTensor.FromArray(new double[] { 1, 2 }, 2).RequireGrad();
        var e = Assert.Throws<ArgumentException>(() => new MaskedSgd<double>([w, w], 0.1));
        Assert.Equal("parameters", e.ParamName);
        Assert.Contains("same tensor", e.Message);
        Assert.Equal("epsilon", Assert.Throws<ArgumentOutOfRangeException>(() => new MaskedAdam<double>([w], epsilon: double.NaN)).ParamName);
        Assert.Equal("weightDecay", Assert.Throws<ArgumentOutOfRangeException>(() => new MaskedAdam<double>([w], weightDecay: double.NaN)).ParamName);
        Assert.Equal("beta1", Assert.Throws<ArgumentOutOfRangeException>(() => new MaskedAdam<double>([w], beta1: double.NaN)).ParamName);
        Assert.Equal("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => new MaskedSgd<double>([w], 0.1, momentum: double.NaN)).ParamName);
        Assert.Equal("weightDecay", Assert.Throws<ArgumentOutOfRangeException>(() => new MaskedSgd<double>([w], 0.1, weightDecay: double.NaN)).ParamName);
        // Stepped once, not twice, when passed once.
        w.Grad = MaskedTensor.FromArray(new double[] { 1, 1 }, 2);
        new MaskedSgd<double>([w], 0.5).Step();
        Assert.Equal(new[] { 0.5, 1.5 }, w.ToArray());
    }

    [Fact]
    public void NaNVarianceCorrectionIsRejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => X().Var(correction: double.NaN));
        Assert.Equal("correction", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => X().Std(correction: double.PositiveInfinity));
    }

    [Fact]
    public void ReadOnlyTensorsRejectDestinationOpsAndOptimizers()
    {
        var data = new float[] { 1, 2, 3 };
        var t = MaskedTensor.AsMaskedReadOnly<float>(data, null, [3]);
        Assert.True(t.IsReadOnly);
        Assert.True(t[0..2].IsReadOnly);
        Assert.True(t.Reshape(3, 1).IsReadOnly);
        Assert.False(t.Exp().IsReadOnly);
        var e = Assert.Throws<InvalidOperationException>(() => MaskedTensor.Exp(t, t));
        Assert.Contains("read-only", e.Message);
        Assert.Throws<InvalidOperationException>(() => MaskedTensor.Softmax(t, t));
        Assert.Throws<InvalidOperationException>(() => MaskedTensor.Add(t, t, t));
        Assert.Equal(new float[] { 1, 2, 3 }, data);
        var c = t.Clone();
        Assert.False(c.IsReadOnly);
        MaskedTensor.Exp(c, c);
        Assert.Equal(MathF.E, c.ToArray()[0], 5);
        Assert.Equal(new float[] { 1, 2, 3 }, data);
        var p = MaskedTensor.AsMaskedReadOnly<double>(new double[] { 1 }, null, [1]);
        p.RequireGrad();
        Assert.Contains("read-only", Assert.Throws<ArgumentException>(() => new MaskedAdam<double>([p])).Message);
    }
}
