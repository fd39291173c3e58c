using Xunit;

namespace Masked.Core.Tests.Ops;

/// <summary>Normalize against a reference loop over valid entries; Where with a masked condition (Arrow's if_else).</summary>
public class NormalizeAndWhereTests
{
    private static double[] ReferenceNormalize(double[] x, bool[] m, int rows, int cols, int dim, double p, double eps)
    {
        var r = new double[x.Length];
        int slices = dim == 1 ? rows : cols, len = dim == 1 ? cols : rows;
        for (int s = 0; s < slices; s++)
        {
            int At(int k) => dim == 1 ? s * cols + k : k * cols + s;
            double norm = 0;
            for (int k = 0; k < len; k++)
            {
                if (!m[At(k)]) continue;
                double a = Math.Abs(x[At(k)]);
                norm = double.IsPositiveInfinity(p) ? Math.Max(norm, a) : norm + Math.Pow(a, p);
            }
            if (!double.IsPositiveInfinity(p)) norm = Math.Pow(norm, 1 / p);
            for (int k = 0; k < len; k++) r[At(k)] = x[At(k)] / Math.Max(norm, eps);
        }
        return r;
    }

    public static IEnumerable<object[]> Cases() =>
        from seed in Enumerable.Range(0, 4)
        from dim in new[] { 0, 1, -1 }
        from p in new[] { 1.0, 2.0, 3.0, double.PositiveInfinity }
        select new object[] { seed, dim, p };

    [Theory]
    [MemberData(nameof(Cases))]
    public void NormalizeMatchesAReferenceLoop(int seed, int dim, double p)
    {
        var rng = new Random(seed);
        int rows = rng.Next(1, 6), cols = rng.Next(1, 9);
        var m = Enumerable.Range(0, rows * cols).Select(_ => rng.NextDouble() < 0.6).ToArray();
        for (int c = 0; c < cols; c++) m[c] = false;          // row 0: nothing valid
        for (int r = 0; r < rows; r++) m[r * cols] = false;   // column 0: nothing valid
        var x = Enumerable.Range(0, rows * cols).Select(i => m[i] ? rng.NextDouble() * 4 - 2 : double.NaN).ToArray();
        double eps = seed == 3 ? 0.5 : 1e-12;
        var y = MaskedTensor.Create(x, m, rows, cols).Normalize(p, dim, eps);
        Assert.Equal(m, y.MaskToBools()); // the input's mask; an all-masked slice stays masked
        var expected = ReferenceNormalize(x, m, rows, cols, dim < 0 ? dim + 2 : dim, p, eps);
        var actual = y.ToArray();
        for (int i = 0; i < actual.Length; i++)
            if (m[i]) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12 * Math.Max(1, Math.Abs(expected[i])), $"[{i}] {expected[i]} vs {actual[i]}");
        var f = MaskedTensor.Create(x.Select(v => (float)v).ToArray(), m, rows, cols).Normalize(p, dim, eps).ToArray();
        for (int i = 0; i < f.Length; i++)
            if (m[i]) Assert.True(Math.Abs(expected[i] - f[i]) <= 1e-5 * Math.Max(1, Math.Abs(expected[i])), $"float [{i}] {expected[i]} vs {f[i]}");
    }

    [Fact]
    public void NormalizeRejectsBadArguments()
    {
        var x = MaskedTensor.FromArray(new[] { 1.0, 2.0 }, 2);
        Assert.Equal("dim", Assert.Throws<ArgumentOutOfRangeException>(() => x.Normalize(2, 1)).ParamName);
        Assert.Equal("eps", Assert.Throws<ArgumentOutOfRangeException>(() => x.Normalize(2, 0, 0)).ParamName);
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() => x.Normalize(-1, 0)).ParamName);
        var scalar = MaskedTensor.Scalar(-3.0).Normalize(2, 0);
        Assert.Equal(0, scalar.Rank);
        Assert.Equal(-1.0, scalar.Item());
        Assert.Equal(-3.0, MaskedTensor.Scalar(-3.0).Normalize(0, -1).Item()); // p = 0: the count of non-zeros, 1
    }

    [Fact]
    public void WhereWithAMaskedConditionGivesAMaskedResultAndNoGradient()
    {
        // Arrow's if_else: a missing condition gives a missing result, whatever both branches hold.
        var cond = MaskedTensor.Create(new[] { true, false, true, false, true, false }, new[] { true, true, false, false, true, true }, 6);
        var a = MaskedTensor.Create(new[] { 1.0, 2, 3, 4, 5, 6 }, new[] { true, true, true, true, false, true }, [6], requiresGrad: true);
        var b = MaskedTensor.Create(new[] { -1.0, -2, -3, -4, -5, -6 }, new[] { true, true, true, true, true, false }, [6], requiresGrad: true);
        var r = MaskedTensor.Where(cond, a, b);
        Assert.Equal(new[] { true, true, false, false, false, false }, r.MaskToBools());
        Assert.Equal(new[] { 1.0, -2.0 }, r.ToArray().Take(2));
        r.Sum().Backward();
        Assert.Equal(new[] { true, false, false, false, false, false }, a.Grad!.MaskToBools());
        Assert.Equal(new[] { false, true, false, false, false, false }, b.Grad!.MaskToBools());

        // The condition broadcasts, and can itself come from a comparison with missing values (Kleene filters feed it).
        var x = MaskedTensor.Create(new[] { 1.0, double.NaN, 3.0 }, new[] { true, false, true }, 3);
        var picked = MaskedTensor.Where(x.Gt(2.0), MaskedTensor.Full(1.0, 2, 3), MaskedTensor.Full(0.0, 2, 3));
        Assert.Equal(new[] { true, false, true, true, false, true }, picked.MaskToBools());
        Assert.Equal(new[] { 0.0, 1.0 }, new[] { picked.ToArray()[0], picked.ToArray()[2] });
    }
}
