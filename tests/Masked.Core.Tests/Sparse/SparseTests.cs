using Xunit;

namespace Masked.Core.Tests.Sparse;

public class SparseTests
{
    private static MaskedTensor<double> Random(Random rng, int[] shape, double density)
    {
        int n = shape.Aggregate(1, (a, b) => a * b);
        var valid = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < density).ToArray();
        var data = valid.Select(v => v ? rng.NextDouble() * 4 - 2 : double.NaN).ToArray();
        return MaskedTensor.Create(data, valid, shape);
    }

    private static void Same(MaskedTensor<double> expected, MaskedTensor<double> actual, double tol = 1e-12)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var m = expected.MaskToBools();
        Assert.Equal(m, actual.MaskToBools());
        var e = expected.ToArray(); var a = actual.ToArray();
        for (int i = 0; i < m.Length; i++) if (m[i]) Assert.Equal(e[i], a[i], tol);
    }

    [Fact]
    public void CsrSoftmaxAndSparseWhereReadMaskedStoredValuesAndAMaskedCondition()
    {
        // Row 0 stores three entries, the middle one masked; row 1 stores one masked entry; row 2 is empty.
        var values = MaskedTensor.Create([1.0, 50.0, 3.0, 7.0], [true, false, true, false], 4);
        var csr = new SparseCsrTensor<double>(3, 4, [0, 3, 4, 4], [0, 1, 3, 2], values);
        var dense = csr.ToDense();
        Assert.Equal(new[] { true, false, false, true, false, false, false, false, false, false, false, false }, dense.MaskToBools());
        var soft = csr.Softmax();
        Same(dense.Softmax(1), soft.ToDense());
        Assert.Equal(new[] { true, false, true, false }, soft.Values.MaskToBools());
        Assert.Equal(1.0 / (1 + Math.Exp(2)), soft.Values.ToArray()[0], 12);

        var rng = new Random(5);
        var a = Random(rng, [3, 70], 0.5);
        var b = Random(rng, [3, 70], 0.5);
        var cv = Enumerable.Range(0, 210).Select(i => i % 7 != 3).ToArray();
        var cond = MaskedTensor.Create(Enumerable.Range(0, 210).Select(i => i % 2 == 0).ToArray(), cv, 3, 70);
        Same(MaskedTensor.Where(cond, a, b), MaskedTensor.Where(cond, a.ToSparseCoo(), b.ToSparseCoo()).ToDense());
    }

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(0, 8).Select(i => new object[] { i });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void SparseLayoutsGiveTheDenseValuesAndMasks(int seed)
    {
        var rng = new Random(seed);
        int rows = rng.Next(1, 9), cols = rng.Next(1, 12);
        double density = new[] { 0.0, 0.1, 0.5, 1.0 }[seed % 4];
        var a = Random(rng, [rows, cols], density);
        var b = Random(rng, [rows, cols], 0.6);
        var csrA = a.ToSparseCsr(); var csrB = b.ToSparseCsr();
        var cooA = a.ToSparseCoo(); var cooB = b.ToSparseCoo();
        Assert.Equal(a.ValidCount, cooA.StoredCount);
        Same(a, cooA.ToDense());
        Same(a, csrA.ToDense());
        Same(a, cooA.ToSparseCsr().ToSparseCoo().ToDense());

        Same(a.Exp(), csrA.Apply(MaskedTensor.Exp).ToDense());
        Same(a.Abs().Sqrt(), cooA.Apply(v => v.Abs().Sqrt()).ToDense());
        Same(a + b, MaskedTensor.Combine(cooA, cooB, MaskedTensor.Add).ToDense());
        Same(a * b, MaskedTensor.Combine(csrA, csrB, MaskedTensor.Mul).ToDense());
        Same(a.Maximum(b), MaskedTensor.Combine(cooA, b, MaskedTensor.Maximum).ToDense());

        foreach (int? dim in new int?[] { null, 0, 1 })
            foreach (bool keep in new[] { false, true })
            {
                if (dim is null && keep) continue;
                Same(a.Sum(dim, keep), csrA.Sum(dim, keep));
                Same(a.Mean(dim, keep), csrA.Mean(dim, keep));
                Same(a.Amax(dim, keep), csrA.Amax(dim, keep));
                Assert.Equal(a.Count(dim, keep).ToArray(), csrA.Count(dim, keep).ToArray());
            }
        Same(a.Var(new[] { 0 }, correction: 0), cooA.Reduce([0], false, v => v.Var(correction: 0)));
        Same(a.Softmax(1), csrA.Softmax().ToDense());

        var cond = MaskedTensor.FromArray(Enumerable.Range(0, rows * cols).Select(i => i % 3 == 0).ToArray(), rows, cols);
        Same(MaskedTensor.Where(cond, a, b), MaskedTensor.Where(cond, cooA, cooB).ToDense());
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void SparseTimesDenseOverValidEntries(int seed)
    {
        var rng = new Random(100 + seed);
        int m = rng.Next(1, 7), k = rng.Next(1, 7), n = rng.Next(1, 7);
        var a = Random(rng, [m, k], 0.4);
        var b = Random(rng, [k, n], 0.8);
        Reference.AssertMaskedMatMul(a, b, a.ToSparseCsr().MatMul(b));
    }

    [Fact]
    public void CooConstructionSortsAndValidates()
    {
        var coo = new SparseCooTensor<float>([2, 3], [1, 2, 0, 1, 1, 0], [5f, 6f, 7f]);
        Assert.Equal(new[] { 0, 1, 1, 0, 1, 2 }, coo.Indices);
        Assert.Equal(new[] { 6f, 7f, 5f }, coo.Values.ToArray());
        Assert.Equal(new[] { false, true, false, true, false, true }, coo.ToDense().MaskToBools());
        Assert.Contains("more than once", Assert.Throws<ArgumentException>(() => new SparseCooTensor<float>([2, 3], [1, 2, 1, 2], [1f, 2f])).Message);
        Assert.Contains("out of range", Assert.Throws<ArgumentException>(() => new SparseCooTensor<float>([2, 3], [2, 0], [1f])).Message);
        Assert.Throws<ArgumentException>(() => new SparseCooTensor<float>([2, 3], [0, 0, 1], [1f]));
    }

    [Fact]
    public void CsrConstructionSortsAndValidates()
    {
        var csr = new SparseCsrTensor<float>(2, 3, [0, 2, 3], [2, 0, 1], [1f, 2f, 3f]);
        Assert.Equal(new[] { 0, 2, 1 }, csr.ColumnIndices);
        Assert.Equal(new[] { 2f, 1f, 3f }, csr.Values.ToArray());
        Assert.Throws<ArgumentException>(() => new SparseCsrTensor<float>(2, 3, [0, 2], [0, 1], [1f, 2f]));
        Assert.Contains("decrease", Assert.Throws<ArgumentException>(() => new SparseCsrTensor<float>(3, 3, [0, 2, 1, 2], [0, 1], [1f, 2f])).Message);
        Assert.Contains("exceeds", Assert.Throws<ArgumentException>(() => new SparseCsrTensor<float>(3, 3, [0, 3, 1, 2], [0, 1], [1f, 2f])).Message);
        Assert.Contains("more than once", Assert.Throws<ArgumentException>(() => new SparseCsrTensor<float>(2, 3, [0, 2, 2], [1, 1], [1f, 2f])).Message);
        Assert.Contains("out of range", Assert.Throws<ArgumentException>(() => new SparseCsrTensor<float>(2, 3, [0, 1, 1], [3], [1f])).Message);
        Assert.Contains("last row pointer", Assert.Throws<ArgumentException>(() => new SparseCsrTensor<float>(2, 3, [0, 1, 1], [0, 1], [1f, 2f])).Message);
    }

    [Fact]
    public void SparseMemoryIsProportionalToValidEntries()
    {
        var rng = new Random(5);
        var t = Random(rng, [200, 300], 0.01);
        var csr = t.ToSparseCsr();
        Assert.True(csr.StorageBytes < 200 * 300 * sizeof(double) / 10, $"{csr.StorageBytes} bytes");
        Assert.Equal(t.ValidCount, csr.StoredCount);
    }
}
