using System.Numerics;
using Xunit;

namespace Masked.Core.Tests.Ops;

/// <summary>
/// The coverage suite's ops, Kleene logic, Normalize and Where with a masked condition, for every element type they accept
/// (float, double, int, long, bool): the same valid values with different garbage in masked slots (NaN, ±Inf, 1e30,
/// MinValue, 0, -1, huge shift counts) give identical results and never throw.
/// </summary>
public partial class GarbagePropertyTests
{
    /// <summary>Two tensors with the same mask and valid values, and independent garbage drawn from <paramref name="garbage"/>.</summary>
    private static (MaskedTensor<T> a, MaskedTensor<T> b) TwinsOf<T>(Random rng, int[] shape, double validRate, Func<Random, T> valid, T[] garbage) where T : unmanaged
    {
        int n = shape.Aggregate(1, (x, y) => x * y);
        var mask = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < validRate).ToArray();
        var d1 = new T[n];
        var d2 = new T[n];
        for (int i = 0; i < n; i++)
        {
            T v = valid(rng);
            d1[i] = mask[i] ? v : garbage[rng.Next(garbage.Length)];
            d2[i] = mask[i] ? v : garbage[rng.Next(garbage.Length)];
        }
        return (MaskedTensor.Create(d1, mask, shape), MaskedTensor.Create(d2, mask, shape));
    }

    private static readonly double[] DoubleGarbage = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e30, -1e30, 0, double.Epsilon, -1, 1];
    private static readonly int[] IntGarbage = [int.MinValue, int.MaxValue, 0, -1, 1, 31, 32, 1000, -5];
    private static readonly long[] LongGarbage = [long.MinValue, long.MaxValue, 0, -1, 1, 63, 64, 1L << 40, -5];
    private static readonly bool[] BoolGarbage = [true, false];

    private static void FloatingOpsIgnoreGarbage<T>(int seed) where T : unmanaged, IFloatingPointIeee754<T>, IMinMaxValue<T>
    {
        var rng = new Random(seed);
        int[] shape = [rng.Next(1, 4), rng.Next(1, 5), rng.Next(1, 70)];
        double rate = new[] { 0.0, 0.3, 0.7, 1.0 }[seed % 4];
        var garbage = DoubleGarbage.Select(T.CreateTruncating).ToArray();
        Func<Random, T> valid = r => T.CreateTruncating(r.NextDouble() * 4 - 2);
        Func<Random, T> unit = r => T.CreateTruncating(r.NextDouble() * 1.8 - 0.9);
        var (a1, a2) = TwinsOf(rng, shape, rate, valid, garbage);
        var (u1, u2) = TwinsOf(rng, shape, rate, unit, garbage);
        var (b1, b2) = TwinsOf(rng, [shape[1], shape[2]], 0.8, valid, garbage);
        var unary = new (string, Func<MaskedTensor<T>, MaskedTensor<T>>)[]
        {
            ("acosh", x => (x.Abs() + T.One).Acosh()), ("atanh", x => x.Atanh()), ("exp2", x => x.Exp2()), ("deg2rad", x => x.Deg2Rad()),
            ("rad2deg", x => x.Rad2Deg()), ("angle", x => x.Angle()), ("frac", x => x.Frac()), ("positive", x => x.Positive()), ("sgn", x => x.Sgn()),
            ("digamma", x => x.Digamma()), ("lgamma", x => x.Lgamma()), ("erf", x => x.Erf()), ("erfc", x => x.Erfc()), ("erfinv", x => x.Erfinv()),
            ("i0", x => x.I0()), ("sinc", x => x.Sinc()), ("logit", x => x.Logit()), ("logit_eps", x => x.Logit(0.1)), ("nan_to_num", x => x.NanToNum()),
            ("nan_to_num_custom", x => x.NanToNum(T.One, T.CreateTruncating(7), T.CreateTruncating(-7))),
            ("normalize", x => x.Normalize(2, 2)), ("normalize0", x => x.Normalize(1, 0)), ("normalize_inf", x => x.Normalize(double.PositiveInfinity, 1)),
        };
        foreach (var (name, op) in unary) { Same(op(a1), op(a2), name); Same(op(u1), op(u2), name + " in (-1, 1)"); }
        var binary = new (string, Func<MaskedTensor<T>, MaskedTensor<T>, MaskedTensor<T>>)[]
        {
            ("fmax", (x, y) => x.Fmax(y)), ("fmin", (x, y) => x.Fmin(y)), ("floor_divide", (x, y) => x.FloorDivide(y)),
            ("logaddexp2", (x, y) => x.LogAddExp2(y)), ("nextafter", (x, y) => x.NextAfter(y)),
            ("fmax_scalar", (x, _) => x.Fmax(T.Zero)), ("floor_divide_scalar", (x, _) => x.FloorDivide(T.CreateTruncating(0.7))),
        };
        foreach (var (name, op) in binary) Same(op(a1, b1), op(a2, b2), name);
        Same(a1.IsNaN(), a2.IsNaN(), "isnan");
        Same(a1.SignBit(), a2.SignBit(), "signbit");
    }

    private static void IntegerOpsIgnoreGarbage<T>(int seed, T[] garbage) where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        var rng = new Random(seed);
        int[] shape = [rng.Next(1, 4), rng.Next(1, 5), rng.Next(1, 70)];
        double rate = new[] { 0.0, 0.3, 0.7, 1.0 }[seed % 4];
        Func<Random, T> valid = r => T.CreateTruncating(r.Next(-1000, 1000));
        Func<Random, T> divisor = r => T.CreateTruncating(r.Next(1, 9) * (r.Next(2) == 0 ? 1 : -1));
        Func<Random, T> shift = r => T.CreateTruncating(r.Next(0, 12));
        var (a1, a2) = TwinsOf(rng, shape, rate, valid, garbage);
        var (d1, d2) = TwinsOf(rng, [shape[1], shape[2]], 0.8, divisor, garbage);
        var (s1, s2) = TwinsOf(rng, [shape[2]], 0.8, shift, garbage);
        var unary = new (string, Func<MaskedTensor<T>, MaskedTensor<T>>)[]
        {
            ("bitwise_not", x => x.BitwiseNot()), ("sgn", x => x.Sgn()), ("positive", x => x.Positive()), ("nan_to_num", x => x.NanToNum()),
        };
        foreach (var (name, op) in unary) Same(op(a1), op(a2), name);
        var binary = new (string, Func<MaskedTensor<T>, MaskedTensor<T>, MaskedTensor<T>>)[]
        {
            ("bitwise_and", (x, y) => x.BitwiseAnd(y)), ("bitwise_or", (x, y) => x.BitwiseOr(y)), ("bitwise_xor", (x, y) => x.BitwiseXor(y)),
            ("fmax", (x, y) => x.Fmax(y)), ("fmin", (x, y) => x.Fmin(y)), ("floor_divide", (x, y) => x.FloorDivide(y)),
        };
        foreach (var (name, op) in binary) Same(op(a1, d1), op(a2, d2), name);
        Same(a1.BitwiseLeftShift(s1), a2.BitwiseLeftShift(s2), "left_shift");
        Same(a1.BitwiseRightShift(s1), a2.BitwiseRightShift(s2), "right_shift");
        Same(a1.FloorDivide(T.CreateTruncating(-3)), a2.FloorDivide(T.CreateTruncating(-3)), "floor_divide_scalar");
        Same(a1.IsNaN(), a2.IsNaN(), "isnan");
        Same(a1.SignBit(), a2.SignBit(), "signbit");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void CoverageOpsIgnoreGarbageForEveryElementType(int seed)
    {
        FloatingOpsIgnoreGarbage<float>(seed);
        FloatingOpsIgnoreGarbage<double>(seed + 1000);
        IntegerOpsIgnoreGarbage(seed, IntGarbage);
        IntegerOpsIgnoreGarbage(seed + 1000, LongGarbage);

        var rng = new Random(2000 + seed);
        int[] shape = [rng.Next(1, 4), rng.Next(1, 200)];
        double rate = new[] { 0.0, 0.3, 0.7, 1.0 }[seed % 4];
        var (p1, p2) = TwinsOf(rng, shape, rate, r => r.Next(2) == 0, BoolGarbage);
        var (q1, q2) = TwinsOf(rng, shape, 0.6, r => r.Next(2) == 0, BoolGarbage);
        var (r1, r2) = TwinsOf(rng, [shape[1]], 0.6, r => r.Next(2) == 0, BoolGarbage);
        var logical = new (string, Func<MaskedTensor<bool>, MaskedTensor<bool>, MaskedTensor<bool>>)[]
        {
            ("not", (x, _) => x.BitwiseNot()), ("and", (x, y) => x.BitwiseAnd(y)), ("or", (x, y) => x.BitwiseOr(y)), ("xor", (x, y) => x.BitwiseXor(y)),
            ("kleene_and", (x, y) => x.KleeneAnd(y)), ("kleene_or", (x, y) => x.KleeneOr(y)),
        };
        foreach (var (name, op) in logical) { Same(op(p1, q1), op(p2, q2), name); Same(op(p1, r1), op(p2, r2), name + " broadcast"); }

        // Where with a masked condition: garbage in the condition's masked slots must not choose anything.
        var (a1, a2) = TwinsOf(rng, shape, 0.7, r => r.NextDouble(), DoubleGarbage);
        var (b1, b2) = TwinsOf(rng, shape, 0.7, r => r.NextDouble(), DoubleGarbage);
        Same(MaskedTensor.Where(p1, a1, b1), MaskedTensor.Where(p2, a2, b2), "where masked condition");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void CoverageGradientsIgnoreGarbage(int seed)
    {
        var rng = new Random(300 + seed);
        int[] shape = [rng.Next(1, 4), rng.Next(1, 9)];
        var garbage = DoubleGarbage.Select(v => (float)v).ToArray();
        var (a1, a2) = TwinsOf(rng, shape, 0.6, r => (float)(r.NextDouble() * 1.6 - 0.8), garbage);
        var (b1, b2) = TwinsOf(rng, shape, 0.6, r => (float)(r.NextDouble() * 1.6 - 0.8), garbage);
        Func<MaskedTensor<float>, MaskedTensor<float>, MaskedTensor<float>>[] losses =
        [
            (a, b) => (a.Erf() * b.Fmax(a)).Sum() + a.Erfinv().Sum() + b.Erfc().Mean(),
            (a, b) => a.Lgamma().Sum() + a.Digamma().Sum() + b.I0().Sum() + b.Sinc().Sum(),
            (a, b) => a.Atanh().Sum() + (b.Abs() + 1f).Acosh().Sum() + a.Exp2().Sum() + a.LogAddExp2(b).Sum(),
            (a, b) => a.Logit().Sum() + b.Logit(0.2).Sum() + a.NanToNum().Sum() + a.Fmin(b).Sum() + a.Frac().Sum(),
            (a, b) => a.Normalize(2, 1).Mul(b).Sum() + b.Normalize(1, 0).Sum() + a.Deg2Rad().Sum() + b.Rad2Deg().Sum(),
        ];
        foreach (var loss in losses)
        {
            a1.RequireGrad(); b1.RequireGrad(); a2.RequireGrad(); b2.RequireGrad();
            a1.ZeroGrad(); b1.ZeroGrad(); a2.ZeroGrad(); b2.ZeroGrad();
            var l1 = loss(a1, b1); var l2 = loss(a2, b2);
            Same(l1, l2, "loss");
            if (!l1.IsValid()) continue;
            l1.Backward(); l2.Backward();
            Same(a1.Grad!, a2.Grad!, "grad a");
            Same(b1.Grad!, b2.Grad!, "grad b");
        }
    }
}
