using Xunit;

namespace Masked.Core.Tests.Ops;

public class MatMulTests
{
    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)]
    public void MatMulSumsValidTermsAndMasksOutputsWithNone(int seed)
    {
        var rng = new Random(seed);
        int m = rng.Next(1, 6), k = rng.Next(1, 6), n = rng.Next(1, 6);
        var ad = Enumerable.Range(0, m * k).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var am = Enumerable.Range(0, m * k).Select(_ => rng.NextDouble() < 0.6).ToArray();
        var bd = Enumerable.Range(0, k * n).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var bm = Enumerable.Range(0, k * n).Select(_ => rng.NextDouble() < 0.6).ToArray();
        for (int i = 0; i < ad.Length; i++) if (!am[i]) ad[i] = double.PositiveInfinity; // garbage must not leak
        for (int i = 0; i < bd.Length; i++) if (!bm[i]) bd[i] = double.NaN;
        var a = MaskedTensor.Create(ad, am, m, k);
        var b = MaskedTensor.Create(bd, bm, k, n);
        var r = a.MatMul(b);
        Reference.AssertMaskedMatMul(a, b, r);
        // Matches the sparse × dense product on the same entries.
        var sparse = a.ToSparseCsr().MatMul(b);
        Assert.Equal(r.MaskToBools(), sparse.MaskToBools());
    }

    [Fact]
    public void MatMulGradientsMatchFiniteDifferences()
    {
        var rng = new Random(9);
        var a = MaskedTensor.Create(Enumerable.Range(0, 12).Select(_ => rng.NextDouble()).ToArray(), Enumerable.Range(0, 12).Select(i => i % 5 != 0).ToArray(), 3, 4).RequireGrad();
        var b = MaskedTensor.Create(Enumerable.Range(0, 8).Select(_ => rng.NextDouble()).ToArray(), Enumerable.Range(0, 8).Select(i => i != 3).ToArray(), 4, 2).RequireGrad();
        a.MatMul(b).Square().Sum().Backward();
        double Loss() { using (global::Masked.Autograd.NoGrad()) return a.MatMul(b).Square().Sum().Item(); }
        foreach (var (x, g) in new[] { (a, a.Grad!), (b, b.Grad!) })
        {
            var m = x.MaskToBools(); var gm = g.MaskToBools(); var gd = g.ToArray();
            for (int i = 0; i < x.Length; i++)
            {
                if (!m[i]) { Assert.False(gm[i]); continue; }
                double orig = x.Buffer.Span[i];
                x.Buffer.Span[i] = orig + 1e-6; double lp = Loss();
                x.Buffer.Span[i] = orig - 1e-6; double lm = Loss();
                x.Buffer.Span[i] = orig;
                double numeric = (lp - lm) / 2e-6;
                Assert.Equal(numeric, gm[i] ? gd[i] : 0, 1e-5);
            }
        }
    }
}
