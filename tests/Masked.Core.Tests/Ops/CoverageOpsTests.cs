using System.Numerics;
using Xunit;

namespace Masked.Core.Tests.Ops;

/// <summary>
/// The coverage suite's ops beyond the shared vectors: every element type each op accepts, broadcasting, scalar and destination
/// overloads, edge values, and the special functions against independent references (quadrature, identities).
/// </summary>
public class CoverageOpsTests
{
    private static (T[] data, bool[] mask) Read<T>(MaskedTensor<T> t) where T : unmanaged => (t.ToArray(), t.MaskToBools());

    /// <summary>Composite Simpson rule with n (even) intervals.</summary>
    private static double Simpson(Func<double, double> f, double lo, double hi, int n = 2000)
    {
        double h = (hi - lo) / n, s = f(lo) + f(hi);
        for (int i = 1; i < n; i++) s += f(lo + i * h) * (i % 2 == 1 ? 4 : 2);
        return s * h / 3;
    }

    private static double Apply(Func<MaskedTensor<double>, MaskedTensor<double>> op, double x) => op(MaskedTensor.FromArray(new[] { x }, 1)).ToArray()[0];

    [Fact]
    public void SpecialFunctionsMatchIndependentReferences()
    {
        foreach (double x in new[] { -3.7, -2.4, -1.1, -0.3, 0.05, 0.4, 1.0, 2.2, 2.6, 3.9, 5.5 })
        {
            double erf = Simpson(t => 2 / Math.Sqrt(Math.PI) * Math.Exp(-t * t), 0, x, 4000);
            Assert.Equal(erf, Apply(v => v.Erf(), x), 1e-11);
            Assert.Equal(1 - erf, Apply(v => v.Erfc(), x), 1e-11);
            if (Math.Abs(x) < 3) Assert.Equal(x, Apply(v => v.Erf().Erfinv(), x), 1e-9);
            double i0 = Simpson(t => Math.Exp(x * Math.Cos(t)), 0, Math.PI) / Math.PI;
            Assert.Equal(1, Apply(v => v.I0(), x) / i0, 1e-11);
            if (x > 0)
            {
                double gamma = Simpson(t => Math.Pow(t, x + 3) * Math.Exp(-t), 0, 80, 20000); // Gamma(x + 4), smooth integrand
                double lgamma = Math.Log(gamma) - Math.Log(x * (x + 1) * (x + 2) * (x + 3));
                Assert.Equal(lgamma, Apply(v => v.Lgamma(), x), 1e-8);
                Assert.Equal(1 / x, Apply(v => v.Digamma(), x + 1) - Apply(v => v.Digamma(), x), 1e-10);
            }
        }
        // erfc in the far tail, where 1 - erf has no digits left: the continued fraction vs the asymptotic series.
        double z = 8;
        double tail = Math.Exp(-z * z) / (z * Math.Sqrt(Math.PI)) * (1 - 1 / (2 * z * z) + 3 / (4 * Math.Pow(z, 4)) - 15 / (8 * Math.Pow(z, 6)));
        Assert.Equal(1, Apply(v => v.Erfc(), z) / tail, 1e-6);
        Assert.Equal(-0.57721566490153286, Apply(v => v.Digamma(), 1), 1e-13); // -Euler–Mascheroni
        Assert.Equal(Math.Log(Math.Sqrt(Math.PI)), Apply(v => v.Lgamma(), 0.5), 1e-13);
        Assert.Equal(Math.Log(Math.Sqrt(Math.PI) * 4 / 3), Apply(v => v.Lgamma(), -1.5), 1e-12); // |Gamma(-1.5)| = 4 sqrt(pi) / 3
        Assert.Equal(Math.Log(362880), Apply(v => v.Lgamma(), 10), 1e-12);
        Assert.Equal(double.PositiveInfinity, Apply(v => v.Lgamma(), -3));
        Assert.Equal(double.NegativeInfinity, Apply(v => v.Digamma(), 0));
        Assert.True(double.IsNaN(Apply(v => v.Digamma(), -2)));
        Assert.Equal(double.PositiveInfinity, Apply(v => v.Erfinv(), 1));
        Assert.True(double.IsNaN(Apply(v => v.Erfinv(), 1.5)));
        Assert.Equal(1.0, Apply(v => v.Sinc(), 0));
        Assert.Equal(2 / Math.PI, Apply(v => v.Sinc(), 0.5), 1e-15);
    }

    [Fact]
    public void FloatResultsAreTheDoubleResultsRounded()
    {
        var xs = new[] { -2.5f, -0.7f, 0.1f, 0.9f, 1.7f, 3.3f };
        var f = MaskedTensor.FromArray(xs, xs.Length);
        var d = MaskedTensor.FromArray(xs.Select(v => (double)v).ToArray(), xs.Length);
        var pairs = new (string, Func<MaskedTensor<float>, MaskedTensor<float>>, Func<MaskedTensor<double>, MaskedTensor<double>>)[]
        {
            ("erf", x => x.Erf(), x => x.Erf()), ("erfc", x => x.Erfc(), x => x.Erfc()), ("lgamma", x => x.Lgamma(), x => x.Lgamma()),
            ("digamma", x => x.Digamma(), x => x.Digamma()), ("i0", x => x.I0(), x => x.I0()), ("erfinv", x => (x * 0.25f).Erfinv(), x => (x * 0.25).Erfinv()),
        };
        foreach (var (name, fop, dop) in pairs)
        {
            var rf = fop(f).ToArray(); var rd = dop(d).ToArray();
            for (int i = 0; i < rf.Length; i++) Assert.True(rf[i].Equals((float)rd[i]) || Math.Abs(rf[i] - rd[i]) <= 1e-6 * Math.Abs(rd[i]), $"{name}[{i}]: {rf[i]} vs {rd[i]}");
        }
    }

    [Fact]
    public void ElementaryFunctionsFollowTorch()
    {
        var x = MaskedTensor.Create(new[] { -2.5, -0.0, 0.0, 3.75, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 7.0 },
            new[] { true, true, true, true, true, true, true, false }, 8);
        var (angle, am) = Read(x.Angle());
        Assert.Equal(new[] { Math.PI, 0, 0, 0 }, angle.Take(4));
        Assert.True(double.IsNaN(angle[4]));
        Assert.False(am[7]);
        var (frac, _) = Read(x.Frac());
        Assert.Equal(new[] { -0.5, 0.0, 0.0, 0.75 }, frac.Take(4));
        Assert.True(double.IsNaN(frac[5])); // inf - trunc(inf)
        var (sgn, _) = Read(x.Sgn());
        Assert.Equal(new[] { -1.0, 0, 0, 1, 0, 1, -1 }, sgn.Take(7)); // NaN gives 0 as torch's (0 < x) - (x < 0)
        var (isnan, nm) = Read(x.IsNaN());
        Assert.Equal(new[] { false, false, false, false, true, false, false }, isnan.Take(7));
        Assert.Equal(x.MaskToBools(), nm);
        var (signbit, _) = Read(x.SignBit());
        Assert.Equal(new[] { true, true, false, false }, signbit.Take(4));
        Assert.True(signbit[6]);
        var (n2n, n2nm) = Read(x.NanToNum());
        Assert.Equal(new[] { -2.5, -0.0, 0.0, 3.75, 0, double.MaxValue, double.MinValue }, n2n.Take(7));
        Assert.False(n2nm[7]);
        var (custom, _) = Read(x.NanToNum(nan: 9.0, posinf: 100.0, neginf: -100.0));
        Assert.Equal(new[] { 9.0, 100, -100 }, custom.Skip(4).Take(3));
        var (partial, _) = Read(x.NanToNum(posinf: 100.0));
        Assert.Equal(new[] { 0.0, 100, double.MinValue }, partial.Skip(4).Take(3));
        var ints = MaskedTensor.Create(new[] { int.MinValue, -3, 0, 5 }, new[] { true, true, true, false }, 4);
        Assert.Equal(new[] { -1, -1, 0 }, ints.Sgn().ToArray().Take(3));
        Assert.Equal(new[] { int.MinValue, -3, 0 }, ints.NanToNum().ToArray().Take(3));
        Assert.Equal(new[] { int.MinValue, -3, 0 }, ints.Positive().ToArray().Take(3));
        Assert.Equal(new[] { false, false, false }, ints.IsNaN().ToArray().Take(3));
        Assert.Equal(new[] { true, true, false }, ints.SignBit().ToArray().Take(3));
        Assert.Equal(new[] { int.MaxValue, 2, -1 }, ints.BitwiseNot().ToArray().Take(3));
        var deg = MaskedTensor.FromArray(new[] { 180f, -90f }, 2);
        var rad = deg.Deg2Rad().ToArray();
        Assert.Equal(MathF.PI, rad[0], 6);
        Assert.Equal(-MathF.PI / 2, rad[1], 6);
        var back = deg.Deg2Rad().Rad2Deg().ToArray();
        Assert.Equal(180f, back[0], 4);
        Assert.Equal(-90f, back[1], 4);
        var exp2 = MaskedTensor.FromArray(new[] { 3f, -1f, 0.5f }, 3).Exp2().ToArray();
        Assert.Equal(new[] { 8.0, 0.5, Math.Sqrt(2) }, exp2.Select(v => Math.Round(v, 6)).ToArray(), new ToleranceComparer(1e-6));
        var logit = MaskedTensor.FromArray(new[] { 0.25, 0.0, 1.0, 0.05 }, 4);
        Assert.Equal(new[] { Math.Log(1.0 / 3), double.NegativeInfinity, double.PositiveInfinity, Math.Log(0.05 / 0.95) }, logit.Logit().ToArray());
        Assert.Equal(Math.Log(0.1 / 0.9), logit.Logit(0.1).ToArray()[3], 1e-15);
        Assert.Throws<ArgumentOutOfRangeException>(() => logit.Logit(0.7));
    }

    private static T FloorDivReference<T>(T a, T b) where T : IBinaryInteger<T>
    {
        var q = System.Numerics.BigInteger.CreateTruncating(a);
        var r = System.Numerics.BigInteger.CreateTruncating(b);
        var d = System.Numerics.BigInteger.DivRem(q, r, out var rem);
        if (!rem.IsZero && (rem.Sign < 0) != (r.Sign < 0)) d -= 1;
        return T.CreateTruncating(d);
    }

    private static void IntegerOpsMatchReferenceLoops<T>(int seed) where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        int width = System.Runtime.CompilerServices.Unsafe.SizeOf<T>() * 8;
        var rng = new Random(seed);
        int rows = rng.Next(1, 5), cols = rng.Next(1, 100);
        T[] special = [T.MinValue, T.MaxValue, T.Zero, -T.One, T.One];
        T Draw() => rng.Next(8) == 0 ? special[rng.Next(special.Length)] : T.CreateTruncating(rng.NextInt64(-100000, 100000));
        var ad = Enumerable.Range(0, rows * cols).Select(_ => Draw()).ToArray();
        var bd = Enumerable.Range(0, cols).Select(_ => { var v = Draw(); return v == T.Zero ? T.One : v; }).ToArray();
        var sd = Enumerable.Range(0, cols).Select(_ => T.CreateTruncating(rng.Next(-3, width + 4))).ToArray();
        var am = ad.Select(_ => rng.NextDouble() < 0.8).ToArray();
        var a = MaskedTensor.Create(ad, am, rows, cols);
        var b = MaskedTensor.FromArray(bd, cols);
        var s = MaskedTensor.FromArray(sd, cols);
        void Check(string name, MaskedTensor<T> r, Func<int, T> expected)
        {
            Assert.Equal(am, r.MaskToBools());
            var d = r.ToArray();
            for (int i = 0; i < d.Length; i++) if (am[i]) Assert.True(expected(i) == d[i], $"{typeof(T).Name} {name}[{i}]: expected {expected(i)}, got {d[i]}");
        }
        Check("and", a.BitwiseAnd(b), i => ad[i] & bd[i % cols]);
        Check("or", a.BitwiseOr(b), i => ad[i] | bd[i % cols]);
        Check("xor", b.BitwiseXor(a), i => ad[i] ^ bd[i % cols]);
        Check("and scalar", a.BitwiseAnd(T.CreateTruncating(0xF0F)), i => ad[i] & T.CreateTruncating(0xF0F));
        Check("not", a.BitwiseNot(), i => ~ad[i]);
        Check("left shift", a.BitwiseLeftShift(s), i => { int k = int.CreateTruncating(sd[i % cols]); return k < 0 || k >= width ? T.Zero : ad[i] << k; });
        Check("right shift", a.BitwiseRightShift(s), i => { int k = int.CreateTruncating(sd[i % cols]); return ad[i] >> (k < 0 || k >= width ? width - 1 : k); });
        Check("right shift scalar", a.BitwiseRightShift(T.CreateTruncating(width + 7)), i => T.IsNegative(ad[i]) ? -T.One : T.Zero);
        Check("floor_divide", a.FloorDivide(b), i => FloorDivReference(ad[i], bd[i % cols]));
        Check("floor_divide scalar", a.FloorDivide(-T.One), i => T.Zero - ad[i]); // MinValue // -1 wraps, as torch
        Check("fmax", a.Fmax(b), i => T.Max(ad[i], bd[i % cols]));
        Check("fmin", a.Fmin(b), i => T.Min(ad[i], bd[i % cols]));
        var dst = MaskedTensor.Empty<T>(rows, cols);
        MaskedTensor.BitwiseLeftShift(a, s, dst);
        Assert.Equal(a.BitwiseLeftShift(s).ToArray().Where((_, i) => am[i]), dst.ToArray().Where((_, i) => am[i]));
        Assert.Equal(am, dst.MaskToBools());
    }

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(0, 6).Select(i => new object[] { i });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void IntegerOpsMatchReferenceLoopsForIntAndLong(int seed)
    {
        IntegerOpsMatchReferenceLoops<int>(seed);
        IntegerOpsMatchReferenceLoops<long>(seed + 100);
    }

    [Fact]
    public void IntegerDivisionByZeroThrowsOnlyAtAValidEntry()
    {
        var a = MaskedTensor.FromArray(new[] { 7, -7 }, 2);
        var zeroMasked = MaskedTensor.Create(new[] { 2, 0 }, new[] { true, false }, 2);
        Assert.Equal(3, a.FloorDivide(zeroMasked).ToArray()[0]);
        Assert.Throws<DivideByZeroException>(() => a.FloorDivide(MaskedTensor.FromArray(new[] { 2, 0 }, 2)));
        Assert.Throws<DivideByZeroException>(() => a.FloorDivide(0));
    }

    [Fact]
    public void FloatFloorDivideIsPythons()
    {
        var rng = new Random(3);
        var ad = Enumerable.Range(0, 200).Select(_ => rng.NextDouble() * 40 - 20).ToArray();
        var bd = Enumerable.Range(0, 200).Select(_ => (rng.NextDouble() * 6 - 3) is var v && Math.Abs(v) < 0.1 ? 0.5 : v).ToArray();
        var q = MaskedTensor.FromArray(ad, 200).FloorDivide(MaskedTensor.FromArray(bd, 200)).ToArray();
        for (int i = 0; i < 200; i++)
        {
            Assert.Equal(Math.Floor(ad[i] / bd[i]), q[i]);
            double rem = ad[i] - bd[i] * q[i]; // Python: a == b * (a // b) + a % b, with a % b of b's sign
            Assert.True(rem == 0 || Math.Sign(rem) == Math.Sign(bd[i]), $"[{i}] {ad[i]} // {bd[i]} = {q[i]}");
        }
        var edge = MaskedTensor.FromArray(new[] { 1.0, -1.0, 0.0, -0.5, 5.0 }, 5).FloorDivide(MaskedTensor.FromArray(new[] { 0.0, 0.0, 0.0, 3.0, double.PositiveInfinity }, 5)).ToArray();
        Assert.Equal(double.PositiveInfinity, edge[0]);
        Assert.Equal(double.NegativeInfinity, edge[1]);
        Assert.True(double.IsNaN(edge[2]));
        Assert.Equal(-1.0, edge[3]);
        Assert.Equal(0.0, edge[4]);
    }

    [Fact]
    public void FmaxFminIgnoreOneNaNAndMaximumPropagatesIt()
    {
        var a = MaskedTensor.FromArray(new[] { float.NaN, 1f, float.NaN, -2f }, 4);
        var b = MaskedTensor.FromArray(new[] { 3f, float.NaN, float.NaN, 5f }, 4);
        var fmax = a.Fmax(b).ToArray();
        Assert.Equal(new[] { 3f, 1f }, fmax.Take(2));
        Assert.True(float.IsNaN(fmax[2]));
        Assert.Equal(5f, fmax[3]);
        Assert.Equal(new[] { 3f, 1f }, a.Fmin(b).ToArray().Take(2));
        Assert.Equal(-2f, a.Fmin(b).ToArray()[3]);
        Assert.True(float.IsNaN(a.Maximum(b).ToArray()[0]));
        Assert.Equal(new[] { 0f, 1f, 0f, 0f }, a.Fmax(0f).ToArray());
    }

    [Fact]
    public void NextAfterAndLogAddExp2()
    {
        var a = MaskedTensor.FromArray(new[] { 1f, 1f, 0f, -0f, 2f, float.NaN }, 6);
        var b = MaskedTensor.FromArray(new[] { 2f, 0f, 1f, -1f, 2f, 1f }, 6);
        var r = a.NextAfter(b).ToArray();
        Assert.Equal(MathF.BitIncrement(1f), r[0]);
        Assert.Equal(MathF.BitDecrement(1f), r[1]);
        Assert.Equal(float.Epsilon, r[2]);
        Assert.Equal(-float.Epsilon, r[3]);
        Assert.Equal(2f, r[4]);
        Assert.True(float.IsNaN(r[5]));
        var x = MaskedTensor.FromArray(new[] { 3.0, -1000.0, double.NegativeInfinity, 1000.0, 2.0 }, 5);
        var y = MaskedTensor.FromArray(new[] { 5.0, -1000.0, double.NegativeInfinity, 1.0, double.NegativeInfinity }, 5);
        var l = x.LogAddExp2(y).ToArray();
        Assert.Equal(Math.Log2(8 + 32), l[0], 1e-14);
        Assert.Equal(-999.0, l[1]);
        Assert.Equal(double.NegativeInfinity, l[2]);
        Assert.Equal(1000.0, l[3]);
        Assert.Equal(2.0, l[4]);
        Assert.Equal(x.LogAddExp2(MaskedTensor.Scalar(1.0)).ToArray(), x.LogAddExp2(1.0).ToArray());
    }

    [Fact]
    public void DestinationOverloadsWriteWhatTheAllocatingOpsReturn()
    {
        var rng = new Random(11);
        int n = 300;
        var mask = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.7).ToArray();
        var xa = MaskedTensor.Create(Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 1.8 - 0.9).ToArray(), mask, 3, 100);
        var xb = MaskedTensor.Create(Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 4 + 0.5).ToArray(), mask.Reverse().ToArray(), 3, 100);
        var unary = new (string, Func<MaskedTensor<double>, MaskedTensor<double>>, Action<MaskedTensor<double>, MaskedTensor<double>>)[]
        {
            ("acosh", x => x.Acosh(), MaskedTensor.Acosh), ("atanh", x => x.Atanh(), MaskedTensor.Atanh), ("exp2", x => x.Exp2(), MaskedTensor.Exp2),
            ("deg2rad", x => x.Deg2Rad(), MaskedTensor.Deg2Rad), ("rad2deg", x => x.Rad2Deg(), MaskedTensor.Rad2Deg), ("angle", x => x.Angle(), MaskedTensor.Angle),
            ("frac", x => x.Frac(), MaskedTensor.Frac), ("positive", x => x.Positive(), MaskedTensor.Positive), ("sgn", x => x.Sgn(), MaskedTensor.Sgn),
            ("erf", x => x.Erf(), MaskedTensor.Erf), ("erfc", x => x.Erfc(), MaskedTensor.Erfc), ("erfinv", x => x.Erfinv(), MaskedTensor.Erfinv),
            ("lgamma", x => x.Lgamma(), MaskedTensor.Lgamma), ("digamma", x => x.Digamma(), MaskedTensor.Digamma), ("i0", x => x.I0(), MaskedTensor.I0),
            ("sinc", x => x.Sinc(), MaskedTensor.Sinc), ("logit", x => x.Logit(), MaskedTensor.Logit), ("nan_to_num", x => x.NanToNum(), MaskedTensor.NanToNum),
        };
        foreach (var (name, op, into) in unary)
            foreach (var x in new[] { xa, xb })
            {
                var dst = MaskedTensor.Empty<double>(3, 100);
                into(x, dst);
                SameValid(op(x), dst, name);
            }
        var binary = new (string, Func<MaskedTensor<double>, MaskedTensor<double>, MaskedTensor<double>>, Action<MaskedTensor<double>, MaskedTensor<double>, MaskedTensor<double>>)[]
        {
            ("fmax", (a, b) => a.Fmax(b), MaskedTensor.Fmax), ("fmin", (a, b) => a.Fmin(b), MaskedTensor.Fmin), ("floor_divide", (a, b) => a.FloorDivide(b), MaskedTensor.FloorDivide),
            ("logaddexp2", (a, b) => a.LogAddExp2(b), MaskedTensor.LogAddExp2), ("nextafter", (a, b) => a.NextAfter(b), MaskedTensor.NextAfter),
        };
        var row = xb.Select(0, 1);
        foreach (var (name, op, into) in binary)
        {
            var dst = MaskedTensor.Empty<double>(3, 100);
            into(xa, row, dst);
            SameValid(op(xa, row), dst, name + " broadcast");
            Assert.Equal(op(xa, MaskedTensor.Scalar(1.5)).ToArray(), op(xa, MaskedTensor.Full(1.5, 3, 100)).ToArray());
        }
        var bools = MaskedTensor.Create(mask, mask.Reverse().ToArray(), 3, 100);
        var bd = MaskedTensor.Empty<bool>(3, 100);
        MaskedTensor.IsNaN(xa, bd);
        SameValid(xa.IsNaN(), bd, "isnan");
        MaskedTensor.SignBit(xa, bd);
        SameValid(xa.SignBit(), bd, "signbit");
        MaskedTensor.BitwiseXor(bools, bools.BitwiseNot(), bd);
        SameValid(bools.BitwiseXor(bools.BitwiseNot()), bd, "xor");
        MaskedTensor.BitwiseNot(bools, bd);
        SameValid(bools.BitwiseNot(), bd, "not");
        Assert.Throws<ArgumentException>(() => MaskedTensor.Erf(xa, MaskedTensor.Empty<double>(3, 99)));
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => MaskedTensor.IsNaN(xa, MaskedTensor.FromArray(new bool[n], 3, 100))).ParamName);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;
        public int GetHashCode(double v) => 0;
    }

    private static void SameValid<T>(MaskedTensor<T> expected, MaskedTensor<T> actual, string what) where T : unmanaged
    {
        var m = expected.MaskToBools();
        Assert.True(m.SequenceEqual(actual.MaskToBools()), $"{what}: masks differ");
        var e = expected.ToArray(); var a = actual.ToArray();
        for (int i = 0; i < e.Length; i++) if (m[i]) Assert.True(EqualityComparer<T>.Default.Equals(e[i], a[i]), $"{what}[{i}]: {e[i]} vs {a[i]}");
        Assert.Equal(m.Count(v => v), actual.ValidCount);
    }

    [Fact]
    public void NullArgumentsAreNamed()
    {
        MaskedTensor<double> none = null!;
        var x = MaskedTensor.FromArray(new[] { 1.0 }, 1);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => none.Erf()).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => none.Acosh()).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => none.NanToNum()).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => none.Normalize(2, 0)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentNullException>(() => x.Fmax(none)).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentNullException>(() => none.NextAfter(x)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentNullException>(() => MaskedTensor.Erf(x, null!)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentNullException>(() => MaskedTensor.FromArray(new[] { 1 }, 1).BitwiseAnd((MaskedTensor<int>)null!)).ParamName);
    }
}
