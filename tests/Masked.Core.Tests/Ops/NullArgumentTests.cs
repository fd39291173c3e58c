using Xunit;

namespace Masked.Core.Tests.Ops;

/// <summary>Null tensors given to the elementwise entry points: ArgumentNullException naming the parameter, not NullReferenceException.</summary>
public class NullArgumentTests
{
    private static readonly MaskedTensor<float> A = MaskedTensor.Create([1f, 2f], [true, false], [2]);
    private static readonly MaskedTensor<float> Null = null!;

    [Fact]
    public void OperatorsAndOpsNameTheNullOperand()
    {
        Assert.Equal("b", Assert.Throws<ArgumentNullException>(() => A + Null).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentNullException>(() => Null * A).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentNullException>(() => A.Sub(Null)).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentNullException>(() => Null.Div(2f)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => Null.Abs()).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => Null.Exp()).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentNullException>(() => A.Lt(Null)).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentNullException>(() => Null > A).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentNullException>(() => MaskedTensor.Add(A, A, Null)).ParamName);
    }
}
