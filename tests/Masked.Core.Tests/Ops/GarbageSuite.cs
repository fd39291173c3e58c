using System.Numerics;
using System.Runtime.CompilerServices;
using Xunit;

namespace Masked.Core.Tests.Ops;

/// <summary>
/// The "safe on garbage" contract for one element type: the same valid values with different garbage in masked
/// slots (the type's worst values: NaN/Inf, MinValue/MaxValue/0/-1, non-canonical bool bytes) give identical
/// results and never throw. One generic body, one subclass per element type (float, double, int, long, bool).
/// </summary>
public abstract class GarbageSuite<T> where T : unmanaged
{
    /// <summary>Values masked slots may hold.</summary>
    protected abstract T[] Garbage { get; }

    /// <summary>A valid value (integer suites avoid 0 so that valid divisions are defined).</summary>
    protected abstract T Valid(Random rng);

    /// <summary>Ops whose result has the input's element type.</summary>
    protected abstract IEnumerable<(string Name, Func<MaskedTensor<T>, MaskedTensor<T>, MaskedTensor<T>> Op)> Ops();

    /// <summary>Ops with a bool result (comparisons, predicates).</summary>
    protected virtual IEnumerable<(string Name, Func<MaskedTensor<T>, MaskedTensor<T>, MaskedTensor<bool>> Op)> BoolOps() => [];

    /// <summary>Ops with a long result (indices, casts).</summary>
    protected virtual IEnumerable<(string Name, Func<MaskedTensor<T>, MaskedTensor<T>, MaskedTensor<long>> Op)> LongOps() => [];

    protected (MaskedTensor<T> a, MaskedTensor<T> b) Twins(Random rng, int[] shape, double validRate)
    {
        int n = shape.Aggregate(1, (x, y) => x * y);
        var valid = new bool[n];
        var d1 = new T[n];
        var d2 = new T[n];
        for (int i = 0; i < n; i++)
        {
            valid[i] = rng.NextDouble() < validRate;
            var v = Valid(rng);
            d1[i] = valid[i] ? v : Garbage[rng.Next(Garbage.Length)];
            d2[i] = valid[i] ? v : Garbage[rng.Next(Garbage.Length)];
        }
        return (MaskedTensor.Create(d1, valid, shape), MaskedTensor.Create(d2, valid, shape));
    }

    protected static void Same<TR>(MaskedTensor<TR> x, MaskedTensor<TR> y, string what) where TR : unmanaged
    {
        Assert.Equal(x.Shape, y.Shape);
        var mx = x.MaskToBools();
        Assert.True(mx.SequenceEqual(y.MaskToBools()), $"{typeof(T).Name} {what}: masks differ");
        var dx = x.ToArray(); var dy = y.ToArray();
        for (int i = 0; i < dx.Length; i++)
            if (mx[i]) Assert.True(EqualityComparer<TR>.Default.Equals(dx[i], dy[i]) || WithinUlps(dx[i], dy[i]), $"{typeof(T).Name} {what}[{i}]: {dx[i]} vs {dy[i]}");
    }

    /// <summary>
    /// TensorPrimitives' vector rules (Exp, Sin, Cos, Tanh) run a whole vector by the scalar rule when one lane is out of
    /// range, and double Sin/Cos differ in the last bit for identical inputs at different addresses (even with no masked
    /// slot): floating results may differ by 16 units in the last place of max(|result|, 1) (Expm1/Tanh near 0 differ absolutely by ~2e-16); integers and bools compare exactly.
    /// </summary>
    private static bool WithinUlps<TR>(TR x, TR y)
    {
        double a, b, eps;
        if (x is float fx && y is float fy) { a = fx; b = fy; eps = 1.2e-7; }
        else if (x is double dx && y is double dy) { a = dx; b = dy; eps = 2.3e-16; }
        else return false;
        return Math.Abs(a - b) <= 16 * eps * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));
    }

    [Theory]
    [InlineData(0)] [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)] [InlineData(6)] [InlineData(7)]
    public void ValidResultsIgnoreGarbage(int seed)
    {
        var rng = new Random(seed);
        // Last dimension up to 300: whole vectors, partial words and tails at every width.
        int[] shape = [rng.Next(1, 4), rng.Next(1, 5), rng.Next(1, 300)];
        double rate = new[] { 0.0, 0.3, 0.7, 1.0, 0.5, 0.9, 0.1, 0.6 }[seed];
        var (a1, a2) = Twins(rng, shape, rate);
        var (s1, s2) = Twins(rng, shape, 0.6);           // same shape
        var (b1, b2) = Twins(rng, [shape[1], shape[2]], 0.8); // broadcast
        int checkedOps = 0;
        foreach (var (name, op) in Ops())
        {
            Same(op(a1, s1), op(a2, s2), name);
            Same(op(a1, b1), op(a2, b2), name + " (broadcast)");
            checkedOps++;
        }
        foreach (var (name, op) in BoolOps()) { Same(op(a1, s1), op(a2, s2), name); checkedOps++; }
        foreach (var (name, op) in LongOps()) { Same(op(a1, s1), op(a2, s2), name); checkedOps++; }
        Assert.True(checkedOps >= 8, $"{typeof(T).Name}: only {checkedOps} ops checked");
    }
}

/// <summary>The ops every numeric element type has.</summary>
public abstract class NumericGarbageSuite<T> : GarbageSuite<T> where T : unmanaged, INumber<T>
{
    /// <inheritdoc/>
    protected override IEnumerable<(string, Func<MaskedTensor<T>, MaskedTensor<T>, MaskedTensor<T>>)> Ops() =>
    [
        ("abs", (a, _) => a.Abs()), ("neg", (a, _) => a.Neg()), ("sign", (a, _) => a.Sign()), ("sgn", (a, _) => a.Sgn()),
        ("square", (a, _) => a.Square()), ("positive", (a, _) => a.Positive()),
        ("clamp", (a, _) => a.Clamp(-T.CreateChecked(3), T.CreateChecked(3))),
        ("add", (a, b) => a + b), ("sub", (a, b) => a - b), ("mul", (a, b) => a * b), ("div", (a, b) => a / b),
        ("floordiv", (a, b) => a.FloorDivide(b)), ("max", (a, b) => a.Maximum(b)), ("min", (a, b) => a.Minimum(b)),
        ("fmax", (a, b) => a.Fmax(b)), ("abs+add", (a, b) => a.Abs() + b.Abs()), ("div scalar", (a, _) => a / -T.One),
        ("sum", (a, _) => a.Sum()), ("sum2", (a, _) => a.Sum(2)), ("sum0", (a, _) => a.Sum(0)), ("prod", (a, _) => a.Prod(1)),
        ("amax", (a, _) => a.Amax(2)), ("amin", (a, _) => a.Amin()), ("cumsum", (a, _) => a.CumSum(2)),
        ("median", (a, _) => a.Median(2)),
        ("where", (a, b) => MaskedTensor.Where(a.Gt(T.Zero), a, b)),
    ];

    /// <inheritdoc/>
    protected override IEnumerable<(string, Func<MaskedTensor<T>, MaskedTensor<T>, MaskedTensor<bool>>)> BoolOps() =>
    [
        ("lt", (a, b) => a.Lt(b)), ("eq", (a, b) => a.Eq(b)), ("ge scalar", (a, _) => a.Ge(T.Zero)), ("signbit", (a, _) => a.SignBit()),
        ("isnan", (a, _) => a.IsNaN()), ("gt any", (a, _) => a.Gt(T.One).Any(2)),
    ];

    /// <inheritdoc/>
    protected override IEnumerable<(string, Func<MaskedTensor<T>, MaskedTensor<T>, MaskedTensor<long>>)> LongOps() =>
    [
        ("argmax", (a, _) => a.ArgMax(2)), ("argmin", (a, _) => a.ArgMin()), ("cast long", (a, _) => a.Cast<long>()),
        ("count", (a, _) => a.Count(1)),
    ];
}

/// <summary>Floating-point types add the float-only ops.</summary>
public abstract class FloatingGarbageSuite<T> : NumericGarbageSuite<T> where T : unmanaged, IFloatingPointIeee754<T>, IMinMaxValue<T>
{
    /// <inheritdoc/>
    protected override T[] Garbage => [T.NaN, T.PositiveInfinity, T.NegativeInfinity, T.MaxValue, T.MinValue, T.Zero, T.Epsilon];

    /// <inheritdoc/>
    protected override T Valid(Random rng) => T.CreateChecked(rng.NextDouble() * 3 - 1.5);

    /// <inheritdoc/>
    protected override IEnumerable<(string, Func<MaskedTensor<T>, MaskedTensor<T>, MaskedTensor<T>>)> Ops() =>
        base.Ops().Concat<(string, Func<MaskedTensor<T>, MaskedTensor<T>, MaskedTensor<T>>)>(
        [
            ("exp", (a, _) => a.Exp()), ("log1p abs", (a, _) => a.Abs().Log1p()), ("tanh", (a, _) => a.Tanh()), ("round", (a, _) => a.Round()),
            ("sqrt abs", (a, _) => a.Abs().Sqrt()), ("sin", (a, _) => a.Sin()), ("cos", (a, _) => a.Cos()),
            ("log abs", (a, _) => a.Abs().Log()), ("sigmoid", (a, _) => a.Sigmoid()), ("expm1", (a, _) => a.Expm1()), ("exp of sum", (a, b) => (a + b).Exp()), ("mean", (a, _) => a.Mean(2)), ("var", (a, _) => a.Var(1)),
            ("softmax", (a, _) => a.Softmax(2)), ("lse", (a, _) => a.LogSumExp(0)), ("pow", (a, b) => a.Abs().Pow(b)),
            ("atan2", (a, b) => a.Atan2(b)), ("pow scalar", (a, _) => a.Abs().Pow(T.CreateChecked(1.5))),
            ("sum02 keepdim", (a, _) => a.Sum(new[] { 0, 2 }, true)), ("std", (a, _) => a.Std(0, correction: 0)), ("norm", (a, _) => a.Norm(3, 2)),
            ("quantile", (a, _) => a.Quantile(0.3, 0)), ("softmax0", (a, _) => a.Softmax(0)), ("logsoftmax", (a, _) => a.LogSoftmax(1)),
            ("softmin", (a, _) => a.Softmin(2)), ("cumprod", (a, _) => a.CumProd(1)), ("transposed", (a, _) => a.Transpose(0, 2).Exp().Sum(1)),
            // torch.masked's coverage ops
            ("acosh", (a, _) => (a.Abs() + T.One).Acosh()), ("atanh", (a, _) => a.Atanh()), ("exp2", (a, _) => a.Exp2()), ("deg2rad", (a, _) => a.Deg2Rad()),
            ("rad2deg", (a, _) => a.Rad2Deg()), ("angle", (a, _) => a.Angle()), ("frac", (a, _) => a.Frac()),
            ("digamma", (a, _) => a.Digamma()), ("lgamma", (a, _) => a.Lgamma()), ("erf", (a, _) => a.Erf()), ("erfc", (a, _) => a.Erfc()), ("erfinv", (a, _) => a.Erfinv()),
            ("i0", (a, _) => a.I0()), ("sinc", (a, _) => a.Sinc()), ("logit", (a, _) => a.Logit()), ("logit eps", (a, _) => a.Logit(0.1)), ("nan_to_num", (a, _) => a.NanToNum()),
            ("nan_to_num custom", (a, _) => a.NanToNum(T.One, T.CreateChecked(7), T.CreateChecked(-7))),
            ("normalize", (a, _) => a.Normalize(2, 2)), ("normalize0", (a, _) => a.Normalize(1, 0)), ("normalize inf", (a, _) => a.Normalize(double.PositiveInfinity, 1)),
            ("fmin", (a, b) => a.Fmin(b)), ("logaddexp2", (a, b) => a.LogAddExp2(b)), ("nextafter", (a, b) => a.NextAfter(b)),
            ("fmax scalar", (a, _) => a.Fmax(T.Zero)), ("floor_divide scalar", (a, _) => a.FloorDivide(T.CreateChecked(0.7))),
        ]);

    /// <summary>Losses whose gradients are checked (only floating tensors take gradients).</summary>
    private static (string Name, Func<MaskedTensor<T>, MaskedTensor<T>, MaskedTensor<T>> Loss)[] Losses() =>
    [
        ("exp of product", (a, b) => (a * b).Exp().Sum()), ("softmax", (a, b) => a.Softmax(1).Mul(b).Sum()), ("tanh of quotient", (a, b) => (a / b).Tanh().Mean()),
        ("var + amax", (a, b) => a.Var(1).Sum() + b.Amax()), ("cumprod + median + norm", (a, b) => a.CumProd(1).Sum() + a.Median(1).Sum() + b.Norm(2)),
        ("lse + prod + quantile", (a, b) => a.LogSumExp(0).Sum() + a.Prod() + b.Quantile(0.4, 1).Sum()),
        ("erf family", (a, b) => (a.Erf() * b.Fmax(a)).Sum() + a.Erfinv().Sum() + b.Erfc().Mean()),
        ("gamma family", (a, b) => a.Lgamma().Sum() + a.Digamma().Sum() + b.I0().Sum() + b.Sinc().Sum()),
        ("hyperbolic", (a, b) => a.Atanh().Sum() + (b.Abs() + T.One).Acosh().Sum() + a.Exp2().Sum() + a.LogAddExp2(b).Sum()),
        ("logit", (a, b) => a.Logit().Sum() + b.Logit(0.2).Sum() + a.NanToNum().Sum() + a.Fmin(b).Sum() + a.Frac().Sum()),
        ("normalize", (a, b) => a.Normalize(2, 1).Mul(b).Sum() + b.Normalize(1, 0).Sum() + a.Deg2Rad().Sum() + b.Rad2Deg().Sum()),
    ];

    [Theory]
    [InlineData(0)] [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)]
    public void GradientsIgnoreGarbage(int seed)
    {
        var losses = Losses();
        var rng = new Random(100 + seed);
        int[] shape = [rng.Next(1, 4), rng.Next(1, 9)];
        var (a1, a2) = Twins(rng, shape, 0.6);
        var (b1, b2) = Twins(rng, shape, 0.6);
        int checkedGrads = 0;
        foreach (var (name, loss) in losses)
        {
            a1.RequireGrad(); b1.RequireGrad(); a2.RequireGrad(); b2.RequireGrad();
            a1.ZeroGrad(); b1.ZeroGrad(); a2.ZeroGrad(); b2.ZeroGrad();
            var l1 = loss(a1, b1); var l2 = loss(a2, b2);
            Same(l1, l2, name + " loss");
            if (!l1.IsValid()) continue;
            l1.Backward(); l2.Backward();
            Same(a1.Grad!, a2.Grad!, name + " grad a");
            Same(b1.Grad!, b2.Grad!, name + " grad b");
            checkedGrads++;
        }
        Assert.True(checkedGrads >= 1, $"{typeof(T).Name}: no loss was valid");
    }
}

/// <summary>Integer types: the garbage is the values whose arithmetic throws or overflows.</summary>
public abstract class IntegerGarbageSuite<T> : NumericGarbageSuite<T> where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
{
    /// <inheritdoc/>
    protected override T[] Garbage => [T.MinValue, T.MaxValue, T.Zero, -T.One, T.One, T.CreateChecked(31), T.CreateChecked(32), T.CreateChecked(63), T.CreateChecked(64), T.CreateChecked(1000)];

    /// <inheritdoc/>
    protected override T Valid(Random rng) => T.CreateChecked(rng.Next(1, 100) * (rng.Next(2) == 0 ? -1 : 1));

    /// <inheritdoc/>
    protected override IEnumerable<(string, Func<MaskedTensor<T>, MaskedTensor<T>, MaskedTensor<T>>)> Ops() =>
        base.Ops().Concat<(string, Func<MaskedTensor<T>, MaskedTensor<T>, MaskedTensor<T>>)>(
        [
            ("not", (a, _) => a.BitwiseNot()), ("and", (a, b) => a.BitwiseAnd(b)), ("xor", (a, b) => a.BitwiseXor(b)),
            ("shl", (a, _) => a.BitwiseLeftShift(T.CreateChecked(3))), ("or", (a, b) => a.BitwiseOr(b)),
            ("shl by tensor", (a, b) => a.BitwiseLeftShift(b.Abs().Clamp(T.Zero, T.CreateChecked(11)))), ("shr by tensor", (a, b) => a.BitwiseRightShift(b.Abs().Clamp(T.Zero, T.CreateChecked(11)))),
            ("fmin", (a, b) => a.Fmin(b)), ("floor_divide scalar", (a, _) => a.FloorDivide(T.CreateChecked(-3))), ("nan_to_num", (a, _) => a.NanToNum()),
        ]);
}

/// <summary>float32.</summary>
public sealed class FloatGarbageTests : FloatingGarbageSuite<float>;

/// <summary>float64.</summary>
public sealed class DoubleGarbageTests : FloatingGarbageSuite<double>;

/// <summary>int32 (Abs/Neg/Div of int.MinValue, division by 0 in masked slots).</summary>
public sealed class IntGarbageTests : IntegerGarbageSuite<int>;

/// <summary>int64.</summary>
public sealed class LongGarbageTests : IntegerGarbageSuite<long>;

/// <summary>bool: garbage includes non-canonical bool bytes (2, 255).</summary>
public sealed class BoolGarbageTests : GarbageSuite<bool>
{
    private static bool FromByte(byte b) => Unsafe.As<byte, bool>(ref b);

    /// <inheritdoc/>
    protected override bool[] Garbage => [true, false, FromByte(2), FromByte(255)];

    /// <inheritdoc/>
    protected override bool Valid(Random rng) => rng.Next(2) == 0;

    /// <inheritdoc/>
    protected override IEnumerable<(string, Func<MaskedTensor<bool>, MaskedTensor<bool>, MaskedTensor<bool>>)> Ops() =>
    [
        ("not", (a, _) => a.BitwiseNot()), ("and", (a, b) => a.BitwiseAnd(b)), ("or", (a, b) => a.BitwiseOr(b)),
        ("xor", (a, b) => a.BitwiseXor(b)), ("kleene and", (a, b) => a.KleeneAnd(b)), ("kleene or", (a, b) => a.KleeneOr(b)),
        ("any", (a, _) => a.Any(2)), ("all", (a, _) => a.All()), ("where", (a, b) => MaskedTensor.Where(a, b, a.BitwiseNot())),
    ];

    /// <inheritdoc/>
    protected override IEnumerable<(string, Func<MaskedTensor<bool>, MaskedTensor<bool>, MaskedTensor<long>>)> LongOps() =>
        [("cast long", (a, _) => a.Cast<long>())];
}
