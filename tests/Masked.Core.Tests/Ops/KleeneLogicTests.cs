using Xunit;

namespace Masked.Core.Tests.Ops;

/// <summary>SQL-style three-valued logic (KleeneAnd/KleeneOr) beside the strict BitwiseAnd/BitwiseOr, and BitwiseNot on bools.</summary>
public class KleeneLogicTests
{
    /// <summary>The three values: false, true and unknown (null = masked).</summary>
    private static readonly bool?[] Values = [false, true, null];

    private static bool? SqlAnd(bool? a, bool? b) => a == false || b == false ? false : a == true && b == true ? true : null;
    private static bool? SqlOr(bool? a, bool? b) => a == true || b == true ? true : a == false && b == false ? false : null;
    private static bool? Strict(bool? a, bool? b, Func<bool, bool, bool> f) => a is bool x && b is bool y ? f(x, y) : null;

    private static MaskedTensor<bool> Tensor(bool?[] values, int[] shape, Random? garbage = null)
        => MaskedTensor.Create(values.Select(v => v ?? (garbage is null ? true : garbage.Next(2) == 0)).ToArray(), values.Select(v => v.HasValue).ToArray(), shape);

    private static bool?[] Read(MaskedTensor<bool> t)
    {
        var d = t.ToArray(); var m = t.MaskToBools();
        return d.Select((v, i) => m[i] ? v : (bool?)null).ToArray();
    }

    [Fact]
    public void TruthTablesAreSqls()
    {
        // Every pair of the three values, laid out as a 3x3 grid: a varies along rows, b along columns.
        var a = Tensor(Values.SelectMany(x => Values.Select(_ => x)).ToArray(), [3, 3]);
        var b = Tensor(Values.SelectMany(_ => Values).ToArray(), [3, 3]);
        var and = Read(a.KleeneAnd(b));
        var or = Read(a.KleeneOr(b));
        var strictAnd = Read(a.BitwiseAnd(b));
        var strictOr = Read(a.BitwiseOr(b));
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                bool? x = Values[i], y = Values[j];
                string cell = $"{x?.ToString() ?? "unknown"} op {y?.ToString() ?? "unknown"}";
                Assert.True(SqlAnd(x, y) == and[i * 3 + j], $"AND: {cell}");
                Assert.True(SqlOr(x, y) == or[i * 3 + j], $"OR: {cell}");
                Assert.True(Strict(x, y, (p, q) => p & q) == strictAnd[i * 3 + j], $"strict AND: {cell}");
                Assert.True(Strict(x, y, (p, q) => p | q) == strictOr[i * 3 + j], $"strict OR: {cell}");
            }
        // The cells that make Kleene logic differ from strict masking.
        Assert.Equal(false, and[0 * 3 + 2]); // false AND unknown
        Assert.Equal(false, and[2 * 3 + 0]); // unknown AND false
        Assert.Equal(true, or[1 * 3 + 2]);   // true OR unknown
        Assert.Null(and[1 * 3 + 2]);         // true AND unknown
        Assert.Null(or[0 * 3 + 2]);          // false OR unknown
        Assert.Equal(new bool?[] { true, false, null }, Read(Tensor(Values, [3]).BitwiseNot()));
    }

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(0, 8).Select(i => new object[] { i });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomTensorsMatchAReferenceLoop(int seed)
    {
        var rng = new Random(seed);
        int rows = rng.Next(1, 5), cols = rng.Next(1, 300);
        double pa = rng.NextDouble(), pb = rng.NextDouble();
        bool?[] Draw(int n, double validRate) => Enumerable.Range(0, n).Select(_ => rng.NextDouble() < validRate ? rng.Next(2) == 0 : (bool?)null).ToArray();
        var va = Draw(rows * cols, pa);
        var vb = Draw(rows * cols, pb);
        var vr = Draw(cols, 0.5);
        var a = Tensor(va, [rows, cols], rng);
        var b = Tensor(vb, [rows, cols], rng);
        var row = Tensor(vr, [cols], rng);
        Assert.Equal(va.Zip(vb, SqlAnd).ToArray(), Read(a.KleeneAnd(b)));
        Assert.Equal(va.Zip(vb, SqlOr).ToArray(), Read(a.KleeneOr(b)));
        Assert.Equal(va.Select((x, i) => SqlAnd(x, vr[i % cols])).ToArray(), Read(a.KleeneAnd(row)));
        Assert.Equal(va.Select((x, i) => SqlOr(vr[i % cols], x)).ToArray(), Read(row.KleeneOr(a)));
        Assert.Equal(va.Select(x => SqlAnd(x, false)).ToArray(), Read(a.KleeneAnd(false)));
        Assert.Equal(va.Select(x => SqlOr(x, true)).ToArray(), Read(a.KleeneOr(true)));
        Assert.Equal(va, Read(a.KleeneAnd(true)));

        // Views (a transposed, strided operand) and destinations give the same.
        var t = a.Transpose(0, 1);
        var bt = b.Transpose(0, 1).Contiguous();
        var expected = Read(t.Contiguous()).Zip(Read(bt), SqlOr).ToArray();
        Assert.Equal(expected, Read(t.KleeneOr(bt)));
        var dst = MaskedTensor.Empty<bool>(cols, rows);
        MaskedTensor.KleeneOr(t, bt, dst);
        Assert.Equal(expected, Read(dst));
        Assert.Equal(expected.Count(v => v.HasValue), dst.ValidCount);
    }

    [Fact]
    public void AFilterWithMissingValuesKeepsRowsDecidedByTheKnownSide()
    {
        // WHERE a > 0 AND b < 5, with b missing in rows 1 and 2.
        var a = MaskedTensor.FromArray(new[] { 1.0, -1.0, 2.0, 3.0 }, 4);
        var b = MaskedTensor.Create(new[] { 1.0, double.NaN, double.NaN, 9.0 }, new[] { true, false, false, true }, 4);
        var where = (a > 0.0).KleeneAnd(b < 5.0);
        Assert.Equal(new bool?[] { true, false, null, false }, Read(where));
        Assert.Equal(new bool?[] { true, null, null, false }, Read((a > 0.0).BitwiseAnd(b < 5.0)));
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        var a = Tensor([true, null], [2]);
        Assert.Equal("b", Assert.Throws<ArgumentNullException>(() => a.KleeneAnd(null!)).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentNullException>(() => MaskedTensor.KleeneOr(null!, a)).ParamName);
        Assert.Throws<ArgumentException>(() => a.KleeneOr(Tensor([true, true, false], [3])));
        var plain = MaskedTensor.FromArray(new[] { true, false }, 2);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => MaskedTensor.KleeneAnd(a, a, plain)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => MaskedTensor.KleeneAnd(a, a, MaskedTensor.Empty<bool>(3))).ParamName);
    }
}
