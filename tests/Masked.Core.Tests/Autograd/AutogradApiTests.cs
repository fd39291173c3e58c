using Xunit;
using AG = Masked.Autograd;

namespace Masked.Core.Tests.Autograd;

public class AutogradApiTests
{
    [Fact]
    public void GradAccumulatesAcrossBackwardCallsAndZeroGradClears()
    {
        var x = MaskedTensor.Create(new float[] { 1, 2, 3 }, new[] { true, false, true }, new[] { 3 }, requiresGrad: true);
        (x * 2f).Sum().Backward();
        (x * 3f).Sum().Backward();
        Assert.Equal(new[] { true, false, true }, x.Grad!.MaskToBools());
        Assert.Equal(5f, x.Grad.ToArray()[0]);
        Assert.Equal(5f, x.Grad.ToArray()[2]);
        x.ZeroGrad();
        Assert.Null(x.Grad);
    }

    [Fact]
    public void PathsAddUpOverTheirValidEntries()
    {
        // Path 1 reaches entries 0 and 1, path 2 entries 1 and 2; entry 3 is reached by no valid path.
        var x = MaskedTensor.FromArray(new float[] { 1, 2, 3, 4 }, 4).RequireGrad();
        var p1 = MaskedTensor.AsMasked(x, MaskedTensor.FromArray(new[] { true, true, false, false }, 4));
        var p2 = MaskedTensor.AsMasked(x * x, MaskedTensor.FromArray(new[] { false, true, true, false }, 4));
        (p1.Sum() + p2.Sum()).Backward();
        Assert.Equal(new[] { true, true, true, false }, x.Grad!.MaskToBools());
        Assert.Equal(new float[] { 1, 1 + 4, 6 }, x.Grad.ToArray()[..3]);
    }

    [Fact]
    public void AutogradGradReturnsWithoutAccumulating()
    {
        var x = MaskedTensor.Create(new double[] { 0.5, 1.5 }, new[] { true, true }, 2).RequireGrad();
        var y = MaskedTensor.Create(new double[] { 2, 3 }, new[] { true, false }, 2).RequireGrad();
        var z = (x * y).Sum();
        var g = AG.Grad(z, [x, y]);
        Assert.Null(x.Grad);
        Assert.Null(y.Grad);
        Assert.Equal(new[] { true, false }, g[0].MaskToBools());
        Assert.Equal(2.0, g[0].ToArray()[0]);
        Assert.Equal(new[] { true, false }, g[1].MaskToBools());
        Assert.Equal(0.5, g[1].ToArray()[0]);
    }

    [Fact]
    public void AutogradGradOfAnUnreachedInputIsAllMasked()
    {
        var x = MaskedTensor.FromArray(new double[] { 1, 2 }, 2).RequireGrad();
        var w = MaskedTensor.FromArray(new double[] { 1, 2 }, 2).RequireGrad();
        var g = AG.Grad(x.Exp().Sum(), [w]);
        Assert.Equal(new[] { false, false }, g[0].MaskToBools());
    }

    [Fact]
    public void ExplicitSeedGradient()
    {
        var x = MaskedTensor.FromArray(new float[] { 1, 2, 3 }, 3).RequireGrad();
        var y = x * x;
        y.Backward(MaskedTensor.Create(new float[] { 1, 10, 100 }, new[] { true, true, false }, 3));
        Assert.Equal(new[] { true, true, false }, x.Grad!.MaskToBools());
        Assert.Equal(new float[] { 2, 40 }, x.Grad.ToArray()[..2]);
        Assert.Throws<InvalidOperationException>(() => (x * x).Backward());
        Assert.Throws<ArgumentException>(() => (x * x).Backward(MaskedTensor.FromArray(new float[] { 1, 2 }, 2)));
    }

    [Fact]
    public void NoGradScopeAndDetachCutTheTape()
    {
        var x = MaskedTensor.FromArray(new float[] { 1, 2 }, 2).RequireGrad();
        MaskedTensor<float> y;
        using (AG.NoGrad())
        {
            Assert.False(AG.IsEnabled);
            y = x.Exp();
        }
        Assert.True(AG.IsEnabled);
        Assert.False(y.RequiresGrad);
        Assert.False(x.Detach().RequiresGrad);
        Assert.True(x.Detach().Buffer.Equals(x.Buffer));
        Assert.Throws<InvalidOperationException>(() => y.Sum().Backward());
    }

    [Fact]
    public void SeedExamplesGivePyTorchResults()
    {
        // torch.where, issue 10729: exp(x) where x is large and masked must not give NaN gradients.
        var mx = MaskedTensor.Create(new float[] { -10, -5, 0, 5, 10, 50, 60, 70, 80, 90, 100 }, Enumerable.Range(0, 11).Select(i => i < 2).ToArray(), 11).RequireGrad();
        var my = MaskedTensor.Create(Enumerable.Repeat(1f, 11).ToArray(), Enumerable.Range(0, 11).Select(i => i >= 2).ToArray(), 11).RequireGrad();
        var cond = MaskedTensor.FromArray(Enumerable.Range(0, 11).Select(i => i < 2).ToArray(), 11);
        MaskedTensor.Where(cond, mx.Exp(), my).Sum().Backward();
        Assert.Equal(MathF.Exp(-10), mx.Grad!.ToArray()[0], 1e-9f);
        Assert.Equal(MathF.Exp(-5), mx.Grad.ToArray()[1], 1e-7f);
        Assert.Equal(Enumerable.Range(0, 11).Select(i => i < 2).ToArray(), mx.Grad.MaskToBools());
        Assert.Equal(Enumerable.Range(0, 11).Select(i => i >= 2).ToArray(), my.Grad!.MaskToBools());

        // issue 52248: where(b, a / 0, c) with b false: the gradient of a is masked, not NaN.
        var a = MaskedTensor.Create(new[] { 0.7f }, new[] { true }).RequireGrad();
        MaskedTensor.Where(MaskedTensor.Scalar(false), a / 0f, MaskedTensor.Scalar(1f)).Backward();
        Assert.False(a.Grad!.IsValid());

        // issue 4132: x / 0 under a masked loss: x.grad = [--, 1].
        var x = MaskedTensor.FromArray(new float[] { 1, 1 }, 2).RequireGrad();
        var loss = MaskedTensor.AsMasked(x / MaskedTensor.FromArray(new float[] { 0, 1 }, 2), MaskedTensor.FromArray(new[] { false, true }, 2));
        loss.Sum().Backward();
        Assert.Equal(new[] { false, true }, x.Grad!.MaskToBools());
        Assert.Equal(1f, x.Grad.ToArray()[1]);

        // issue 67180: nansum's gradient: sum(mt * b) with mt = [1, 2, --] gives b.grad = 3.
        var mt = MaskedTensor.Create(new[] { 1f, 2f, float.NaN }, new[] { true, true, false }, 3);
        var b = MaskedTensor.Scalar(1f).RequireGrad();
        (mt * b).Sum().Backward();
        Assert.Equal(3f, b.Grad!.Item());
    }
}
