using Xunit;

namespace Masked.Core.Tests.Ops;

public class BadInputTests
{
    [Fact]
    public void MaskLengthDifferentFromDataLength()
    {
        var ex = Assert.Throws<ArgumentException>(() => MaskedTensor.Create(new float[] { 1, 2, 3 }, new[] { true, false }, 3));
        Assert.Contains("Mask length 2", ex.Message);
    }

    [Fact]
    public void DataLengthDifferentFromShape()
    {
        var ex = Assert.Throws<ArgumentException>(() => MaskedTensor.Create(new float[] { 1, 2, 3 }, new[] { true, false, true }, 2, 2));
        Assert.Contains("Data length 3", ex.Message);
        Assert.Contains("[2, 2]", ex.Message);
    }

    [Fact]
    public void ShapesThatCannotBroadcast()
    {
        var a = MaskedTensor.FromArray(new float[6], 2, 3);
        var b = MaskedTensor.FromArray(new float[8], 2, 4);
        var ex = Assert.Throws<ArgumentException>(() => a + b);
        Assert.Contains("cannot be broadcast", ex.Message);
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Contains("[2, 4]", ex.Message);
    }

    [Fact]
    public void DimOutOfRange()
    {
        var a = MaskedTensor.FromArray(new float[6], 2, 3);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => a.Sum(dim: 2));
        Assert.Contains("Dimension 2 is out of range", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Softmax(-3));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Transpose(0, 5));
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => a.Select(0, 2)).ParamName);
    }

    [Fact]
    public void ReshapeToIncompatibleSize()
    {
        var a = MaskedTensor.FromArray(new float[6], 2, 3);
        var ex = Assert.Throws<ArgumentException>(() => a.Reshape(4, 2));
        Assert.Contains("cannot reshape", ex.Message);
        Assert.Throws<ArgumentException>(() => a.Reshape(-1, -1));
        Assert.Throws<ArgumentException>(() => a.Reshape(4, -1));
    }

    [Fact]
    public void UnsupportedElementType()
    {
        var ex = Assert.Throws<NotSupportedException>(() => MaskedTensor.FromArray(new byte[] { 1, 2 }, 2));
        Assert.Contains("Byte", ex.Message);
        Assert.Throws<NotSupportedException>(() => MaskedTensor.FromArray(new int[] { 1 }, 1).RequireGrad());
    }

    [Fact]
    public void OtherArgumentsAreChecked()
    {
        var a = MaskedTensor.FromArray(new float[] { 1, 2, 3 }, 3);
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Quantile(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => a.Slice(0, 0, 3, 0));
        Assert.Throws<ArgumentException>(() => a.Clamp(2f, 1f));
        Assert.Throws<ArgumentException>(() => a.Sum(new[] { 0, 0 }));
        Assert.Throws<InvalidOperationException>(() => MaskedTensor.Empty<float>().Item());
        Assert.Throws<ArgumentException>(() => MaskedTensor.AsMasked<float>(new float[3], null, [4]));
        Assert.Throws<ArgumentException>(() => MaskedTensor.AsMasked<float>(new float[8], new ValidityBitmap(new byte[1], 0, 4), [8]));
    }
}
