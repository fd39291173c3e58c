using Xunit;

namespace Masked.Core.Tests.Autograd;

/// <summary>A gradient node knows its op's name (so that an error in backward can say which op).</summary>
public class GradNodeOpNameTests
{
    [Fact]
    public void NodesAreNamedAfterTheirPublicOp()
    {
        var x = MaskedTensor.Create([1f, -2f, 3f], [true, false, true], [3], requiresGrad: true);
        Assert.Equal("Abs", x.Abs().GradFn!.Op);
        Assert.Equal("Exp", x.Exp().GradFn!.Op);
        Assert.Equal("Sum", x.Sum().GradFn!.Op);
    }

    [Fact]
    public void ConcatNodesCarryTheirDim()
    {
        var x = MaskedTensor.Create([1f, 2f, 3f, 4f], [true, false, true, true], [2, 2], requiresGrad: true);
        var y = MaskedTensor.Concat([x, x], dim: -1);
        Assert.Equal("Concat", y.GradFn!.Op);
        Assert.Equal("dim 1", y.GradFn.Detail);
        Assert.Equal("Concat (dim 1)", y.GradFn.Name);
        Assert.Equal("Abs", x.Abs().GradFn!.Name); // no detail: the name alone
    }
}
