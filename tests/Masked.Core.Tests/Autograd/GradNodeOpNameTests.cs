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
}
