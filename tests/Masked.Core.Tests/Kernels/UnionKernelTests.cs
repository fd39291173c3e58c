using Masked.Kernels;
using Xunit;

namespace Masked.Core.Tests.Kernels;

/// <summary>
/// The one-pass gradient accumulation kernel (<see cref="UnionKernel"/>): valid where either side is valid, a masked side
/// reads as 0, garbage in masked slots never reaches a valid result; against a scalar reference on lengths around the
/// word size, bitmaps that do not start on a byte, masks equal on both sides or not, broadcasting and both cores.
/// </summary>
[Collection(ParallelismCollection.Name)]
public class UnionKernelTests
{
    private static readonly int[] Lengths = [1, 2, 63, 64, 65, 127, 128, 129, 1000, 4161];

    /// <summary>A 1-D tensor viewed at element <paramref name="skip"/> of a larger one (so its bitmap starts mid-byte); masked slots hold NaN or ±Inf.</summary>
    private static MaskedTensor<double> Make(Random rng, int n, int skip, bool[] valid)
    {
        var data = new double[n + skip];
        var bools = new bool[n + skip];
        for (int i = 0; i < n + skip; i++)
        {
            bool v = i < skip ? rng.Next(2) == 0 : valid[i - skip];
            bools[i] = v;
            data[i] = v ? rng.Next(-1000, 1000) / 8.0 : (i % 3 == 0 ? double.NaN : i % 3 == 1 ? double.PositiveInfinity : double.NegativeInfinity);
        }
        return MaskedTensor.Create(data, bools, n + skip)[skip..];
    }

    private static void Check(MaskedTensor<double> a, MaskedTensor<double> b, MaskedTensor<double> r)
    {
        var av = a.MaskToBools(); var bv = b.MaskToBools();
        var ad = a.ToArray(); var bd = b.ToArray();
        var rv = r.MaskToBools(); var rd = r.ToArray();
        Assert.Equal(a.Length, r.Length);
        for (int i = 0; i < rd.Length; i++)
        {
            Assert.Equal(av[i] || bv[i], rv[i]);
            if (!rv[i]) continue;
            double want = (av[i] ? ad[i] : 0) + (bv[i] ? bd[i] : 0);
            Assert.Equal(want, rd[i]);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(1.0)]
    public void DifferentMasks_ValidWhereEitherIs(double rate)
    {
        var rng = new Random(7);
        foreach (int n in Lengths)
            foreach (int skip in new[] { 0, 3, 13 })
            {
                bool[] va = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < rate).ToArray();
                bool[] vb = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.5).ToArray();
                var a = Make(rng, n, skip, va);
                var b = Make(rng, n, (skip + 5) % 17, vb);
                Check(a, b, UnionKernel.Add(a, b));
            }
    }

    [Fact]
    public void SameMask_AndMixedRuns_MatchReference()
    {
        var rng = new Random(8);
        int n = 9000;
        var va = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.9).ToArray();
        var vb = (bool[])va.Clone();
        for (int i = 3000; i < 3100; i++) vb[i] = !vb[i]; // a few words differ, the rest run through the span rule
        var a = Make(rng, n, 0, va);
        var b = Make(rng, n, 0, vb);
        var same = Make(rng, n, 0, va);
        Check(a, b, UnionKernel.Add(a, b));
        Check(a, same, UnionKernel.Add(a, same));
        Check(a, a, UnionKernel.Add(a, a));
    }

    [Fact]
    public void OneSideWithoutBitmap_IsAllValid()
    {
        var rng = new Random(9);
        var a = Make(rng, 200, 1, Enumerable.Range(0, 200).Select(i => i % 3 != 0).ToArray());
        var b = MaskedTensor.FromArray(Enumerable.Range(0, 200).Select(i => (double)i).ToArray(), 200);
        var r = UnionKernel.Add(a, b);
        Check(a, b, r);
        Assert.Equal(200, r.ValidCount);
        var plain = UnionKernel.Add(b, b);
        Assert.False(plain.HasMask);
        Assert.Equal(2.0 * 199, plain.ToArray()[199]);
    }

    [Fact]
    public void Broadcasts_LikeTheOtherBinaryOps()
    {
        var rng = new Random(10);
        var a = Make(rng, 12, 0, Enumerable.Range(0, 12).Select(i => i % 4 != 1).ToArray()).Reshape(3, 4);
        var row = Make(rng, 4, 2, [true, false, false, true]);
        var r = UnionKernel.Add(a, row);
        Assert.Equal([3, 4], r.Shape.ToArray());
        Check(a, row.BroadcastTo(3, 4), r);
    }

    [Fact]
    public void SplitOverThreads_SameAsOneThread()
    {
        var rng = new Random(11);
        int n = 300_001;
        var a = Make(rng, n, 5, Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.7).ToArray());
        var b = Make(rng, n, 0, Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.7).ToArray());
        int old = MaskedParallelism.MinElementsPerThread, oldMax = MaskedParallelism.MaxDegreeOfParallelism;
        try
        {
            MaskedParallelism.MinElementsPerThread = 1000;
            MaskedParallelism.MaxDegreeOfParallelism = 4;
            Check(a, b, UnionKernel.Add(a, b));
        }
        finally
        {
            MaskedParallelism.MinElementsPerThread = old;
            MaskedParallelism.MaxDegreeOfParallelism = oldMax;
        }
    }

    [Fact]
    public void Gradient_OfSquareThroughTwoPaths_IsTwiceX_OnValidEntries()
    {
        // x * x: both inputs are x, so backward accumulates two gradients g*x — the path this kernel serves.
        var x = MaskedTensor.Create(new[] { 1.5, double.NaN, -2.0, 4.0 }, new[] { true, false, true, true }, 4).RequireGrad();
        (x * x).Sum().Backward();
        var g = x.Grad!;
        Assert.Equal([true, false, true, true], g.MaskToBools());
        Assert.Equal(3.0, g.ToArray()[0]);
        Assert.Equal(-4.0, g.ToArray()[2]);
        Assert.Equal(8.0, g.ToArray()[3]);
        (x * x).Sum().Backward(); // accumulates into Grad
        Assert.Equal(6.0, x.Grad!.ToArray()[0]);
    }
}

/// <summary>
/// Backward accumulates in place into an intermediate gradient only nobody else reads: graphs where one gradient is
/// handed to several inputs (Add's backward) or several paths meet more than once, against the analytic gradient.
/// </summary>
public class GradAccumulationTests
{
    private static MaskedTensor<double> X(params double[] v)
        => MaskedTensor.Create(v, v.Select(d => !double.IsNaN(d)).ToArray(), v.Length).RequireGrad();

    private static void AssertGrad(MaskedTensor<double> x, Func<double, double> expected)
    {
        var g = x.Grad!;
        var xs = x.ToArray(); var xv = x.MaskToBools();
        Assert.Equal(xv, g.MaskToBools());
        for (int i = 0; i < xs.Length; i++)
            if (xv[i]) Assert.Equal(expected(xs[i]), g.ToArray()[i], 12);
    }

    [Fact]
    public void SumOfSharedGradients_XPlusX()
    {
        var x = X(1, double.NaN, 3, -2);
        ((x + x) * x).Sum().Backward(); // d/dx 2x² = 4x; Add hands one gradient to both of its inputs
        AssertGrad(x, v => 4 * v);
    }

    [Fact]
    public void ManyPathsMeeting()
    {
        var x = X(0.5, 2, double.NaN, -1.5, 3);
        var u = x * x;
        (u * u + u + x * u).Sum().Backward(); // x⁴ + x² + x³
        AssertGrad(x, v => 4 * v * v * v + 2 * v + 3 * v * v);
    }

    [Fact]
    public void TwoLeavesSharingPaths()
    {
        var x = X(1, 2, double.NaN, 4);
        var y = X(3, double.NaN, 5, 7);
        ((x + x) * y + y).Sum().Backward(); // masked wherever x or y is: only entries 0 and 3 reach the output
        Assert.Equal([true, false, false, true], x.Grad!.MaskToBools());
        Assert.Equal(6.0, x.Grad!.ToArray()[0]);
        Assert.Equal(14.0, x.Grad!.ToArray()[3]);
        Assert.Equal([true, false, false, true], y.Grad!.MaskToBools());
        Assert.Equal(3.0, y.Grad!.ToArray()[0]);
        Assert.Equal(9.0, y.Grad!.ToArray()[3]);
    }

    [Fact]
    public void PathsWithDifferentMasks_AddOverTheUnion()
    {
        var x = X(1, 2, double.NaN, 4);
        var y = X(3, double.NaN, 5, 7);
        ((x * x).Sum() + (x * y).Sum()).Backward(); // each Sum is valid; the second path misses entry 1
        Assert.Equal([true, true, false, true], x.Grad!.MaskToBools());
        Assert.Equal(2 * 1 + 3.0, x.Grad!.ToArray()[0]);
        Assert.Equal(2 * 2.0, x.Grad!.ToArray()[1]); // reached by x*x only: the other side reads as 0
        Assert.Equal(2 * 4 + 7.0, x.Grad!.ToArray()[3]);
    }

    [Fact]
    public void LargeChain_MatchesScalarReference()
    {
        var rng = new Random(3);
        int n = 5000;
        var v = Enumerable.Range(0, n).Select(i => rng.NextDouble() < 0.1 ? double.NaN : rng.NextDouble() * 2 - 1).ToArray();
        var x = X(v);
        var s = x.Sin();
        (s * s + s * x + x * x).Sum().Backward(); // sin² + x sin + x²
        AssertGrad(x, t => 2 * Math.Sin(t) * Math.Cos(t) + Math.Sin(t) + t * Math.Cos(t) + 2 * t);
    }
}
