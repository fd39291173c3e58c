using Xunit;

namespace Masked.Core.Tests.Ops;

/// <summary>The repeating-operand broadcast paths (bias rows, per-row statistics) against materialized broadcasting.</summary>
public class BroadcastTests
{
    private static MaskedTensor<float> R(Random rng, int[] shape, bool masked)
    {
        int n = shape.Aggregate(1, (a, b) => a * b);
        var v = Enumerable.Range(0, n).Select(_ => !masked || rng.NextDouble() < 0.8).ToArray();
        var d = v.Select(ok => ok ? (float)(rng.NextDouble() * 4 - 2) : float.NaN).ToArray();
        return masked ? MaskedTensor.Create(d, v, shape) : MaskedTensor.FromArray(d, shape);
    }

    private static void Same(MaskedTensor<float> e, MaskedTensor<float> a)
    {
        Assert.Equal(e.Shape, a.Shape);
        var m = e.MaskToBools();
        Assert.Equal(m, a.MaskToBools());
        var ed = e.ToArray(); var ad = a.ToArray();
        for (int i = 0; i < m.Length; i++) if (m[i]) Assert.Equal(ed[i], ad[i]);
    }

    [Theory]
    [InlineData(new[] { 5, 7 }, new[] { 7 })]
    [InlineData(new[] { 5, 7 }, new[] { 1, 7 })]
    [InlineData(new[] { 5, 7 }, new[] { 5, 1 })]
    [InlineData(new[] { 3, 4, 70 }, new[] { 4, 70 })]
    [InlineData(new[] { 3, 4, 70 }, new[] { 3, 1, 1 })]
    [InlineData(new[] { 3, 4, 70 }, new[] { 3, 4, 1 })]
    [InlineData(new[] { 2, 1, 65 }, new[] { 1, 65 })]
    public void RepeatingOperandsMatchMaterializedBroadcasting(int[] big, int[] small)
    {
        var rng = new Random(big.Sum() * 31 + small.Sum());
        foreach (bool mb in new[] { false, true })
            foreach (bool ms in new[] { false, true })
            {
                var x = R(rng, big, mb);
                var s = R(rng, small, ms);
                var sFull = s.BroadcastTo(big).Contiguous();
                Same(x + sFull, x + s);
                Same(sFull - x, s - x);
                Same(x * sFull, x * s);
                Same(sFull / x, s / x);
                Same(x.Maximum(sFull), x.Maximum(s));
            }
    }
}
