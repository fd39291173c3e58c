using Xunit;

namespace Masked.Core.Tests.Ops;

public class ConcatAndCastTests
{
    [Fact]
    public void ConcatJoinsDataAndMasksAndSplitsTheGradient()
    {
        var a = MaskedTensor.Create(new double[] { 1, 2, 3, 4 }, new[] { true, false, true, true }, 2, 2).RequireGrad();
        var b = MaskedTensor.FromArray(new double[] { 5, 6 }, 1, 2).RequireGrad();
        var c = MaskedTensor.Concat([a, b], 0);
        Assert.Equal(new[] { 3, 2 }, c.Shape);
        Assert.Equal(new double[] { 1, 2, 3, 4, 5, 6 }.Where((_, i) => i != 1), c.ToArray().Where((_, i) => i != 1));
        Assert.Equal(new[] { true, false, true, true, true, true }, c.MaskToBools());
        (c * c).Sum().Backward();
        Assert.Equal(new[] { true, false, true, true }, a.Grad!.MaskToBools());
        Assert.Equal(new double[] { 2, 6, 8 }, a.Grad.ToArray().Where((_, i) => i != 1));
        Assert.Equal(new double[] { 10, 12 }, b.Grad!.ToArray());
        var side = MaskedTensor.Concat([a.Detach(), MaskedTensor.FromArray(new double[] { 9, 9 }, 2, 1)], 1);
        Assert.Equal(new[] { 2, 3 }, side.Shape);
        Assert.Equal(new double[] { 1, 2, 9, 3, 4, 9 }.Where((_, i) => i != 1), side.ToArray().Where((_, i) => i != 1));
        var st = MaskedTensor.Stack([b.Detach().Reshape(2), b.Detach().Reshape(2)], 1);
        Assert.Equal(new[] { 2, 2 }, st.Shape);
        Assert.Equal(new double[] { 5, 5, 6, 6 }, st.ToArray());
        Assert.Contains("differ", Assert.Throws<ArgumentException>(() => MaskedTensor.Concat([a.Detach(), MaskedTensor.FromArray(new double[3], 1, 3)], 0)).Message);
    }

    [Fact]
    public void CastConvertsValuesAndKeepsTheMask()
    {
        var i = MaskedTensor.Create(new[] { 1, -2, 3 }, new[] { true, false, true }, 3);
        var f = i.Cast<float>();
        Assert.Equal(new float[] { 1, 3 }, f.ToArray().Where((_, k) => k != 1));
        Assert.Equal(i.MaskToBools(), f.MaskToBools());
        Assert.Equal(2.0f, f.Mean().Item());
        var back = MaskedTensor.FromArray(new[] { 2.9, -2.9, 1e20, double.NaN }, 4).Cast<int>().ToArray();
        Assert.Equal(new[] { 2, -2, int.MaxValue, 0 }, back);
        Assert.Equal(new[] { true, false }, MaskedTensor.FromArray(new[] { 0.5, 0.0 }, 2).Cast<bool>().ToArray());
        Assert.Throws<NotSupportedException>(() => f.Cast<byte>());
    }
}
