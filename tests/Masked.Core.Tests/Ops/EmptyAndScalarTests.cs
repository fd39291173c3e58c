using Xunit;

namespace Masked.Core.Tests.Ops;

/// <summary>Zero-size and 0-d tensors go through every op family without crashing and with the mask rules intact.</summary>
public class EmptyAndScalarTests
{
    [Theory]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 0, 5 })]
    [InlineData(new[] { 3, 0 })]
    public void ZeroSizeTensors(int[] shape)
    {
        var x = MaskedTensor.Create(new float[0], new bool[0], shape);
        Assert.Equal(0, x.Length);
        Assert.Equal(0, x.ValidCount);
        Assert.Equal(shape, (x + x).Shape);
        Assert.Equal(shape, x.Exp().Shape);
        Assert.False(x.Sum().IsValid());
        Assert.False(x.Mean().IsValid());
        Assert.Equal(0L, x.Count().Item());
        Assert.False(x.ArgMax().IsValid());
        Assert.Equal(shape, x.Softmax(-1).Shape);
        Assert.Equal(shape, x.CumSum(0).Shape);
        if (shape.Length == 2)
        {
            var s1 = x.Sum(1);
            Assert.Equal(new[] { shape[0] }, s1.Shape);
            Assert.All(s1.MaskToBools(), v => Assert.False(v));
            Assert.Equal(new[] { shape[1] }, x.Mean(0).Shape);
        }
        Assert.StartsWith("MaskedTensor(", x.ToString());
    }

    [Fact]
    public void ZeroDimensionalTensors()
    {
        var s = MaskedTensor.Create(new[] { 2.5 }, new[] { true });
        var m = MaskedTensor.Create(new[] { 7.0 }, new[] { false });
        Assert.Equal(0, s.Rank);
        Assert.Equal(2.5, s.Sum().Item());
        Assert.Equal(2.5, s.Sum(0).Item());
        Assert.Equal(1.0, s.Softmax(0).Item());
        Assert.False(m.Softmax(0).IsValid());
        Assert.False((s + m).IsValid());
        Assert.Equal(new[] { 1 }, s.Unsqueeze(0).Shape);
        Assert.Equal(Array.Empty<int>(), s.Reshape().Shape);
        Assert.Equal(6.25, (s * s).Item());
        s.RequireGrad();
        (s * s).Backward();
        Assert.Equal(5.0, s.Grad!.Item());
        Assert.Equal("MaskedTensor(--, False)", m.ToString());
    }
}

public class IntegerOpsTests
{
    [Fact]
    public void IntegerDivisionSkipsMaskedSlotsAndValidZeroThrows()
    {
        var a = MaskedTensor.Create(Enumerable.Range(1, 200).ToArray(), Enumerable.Repeat(true, 200).ToArray(), 200);
        var bData = Enumerable.Range(0, 200).Select(i => i % 3 == 0 ? 0 : i % 7 + 1).ToArray();
        var b = MaskedTensor.Create(bData, bData.Select(v => v != 0).ToArray(), 200);
        var q = a / b; // masked slots hold 0: C# would throw if they were divided
        var qd = q.ToArray(); var qm = q.MaskToBools();
        for (int i = 0; i < 200; i++)
        {
            Assert.Equal(bData[i] != 0, qm[i]);
            if (qm[i]) Assert.Equal((i + 1) / bData[i], qd[i]);
        }
        var zero = MaskedTensor.FromArray(new[] { 1, 0 }, 2);
        Assert.Throws<DivideByZeroException>(() => MaskedTensor.FromArray(new[] { 5, 5 }, 2) / zero);
        Assert.Equal(new long[] { 3, 4 }, (MaskedTensor.FromArray(new long[] { 1, 2 }, 2) + 2L).ToArray());
    }
}
