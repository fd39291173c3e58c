using System.Numerics;
using System.Text.Json;
using Xunit;

namespace Masked.Core.Tests.Conformance;

/// <summary>Interprets one conformance case's program through the library and compares with its expectations.</summary>
public static class ConformanceRunner
{
    public static void RunForward(JsonElement c)
    {
        var env = Execute(c, out _);
        var (rtol, atol) = Tolerance(c);
        int compared = 0;
        foreach (var e in c.GetProperty("expect").EnumerateObject())
        {
            if (e.Name.StartsWith("grad:", StringComparison.Ordinal)) continue;
            Assert.True(env.ContainsKey(e.Name), $"program produced no value '{e.Name}'");
            AssertTensor(e.Value, env[e.Name], rtol, atol, e.Name);
            compared++;
        }
        Assert.True(compared > 0, "case has no forward expectation");
    }

    public static void RunGradients(JsonElement c)
    {
        var env = Execute(c, out var inputs);
        string root = c.GetProperty("backward").GetString()!;
        switch (env[root])
        {
            case MaskedTensor<float> f: f.Backward(); break;
            case MaskedTensor<double> d: d.Backward(); break;
            default: throw new InvalidOperationException($"backward on a {env[root].GetType().Name}");
        }
        var (rtol, atol) = Tolerance(c);
        int compared = 0;
        foreach (var e in c.GetProperty("expect").EnumerateObject())
        {
            if (!e.Name.StartsWith("grad:", StringComparison.Ordinal)) continue;
            string name = e.Name[5..];
            object? grad = inputs[name] switch
            {
                MaskedTensor<float> f => f.Grad,
                MaskedTensor<double> d => d.Grad,
                _ => null,
            };
            grad ??= AllMasked(e.Value);
            AssertTensor(e.Value, grad, rtol, atol, e.Name);
            compared++;
        }
        Assert.True(compared > 0, "case has no gradient expectation");
    }

    private static (double rtol, double atol) Tolerance(JsonElement c)
    {
        double rtol = 1e-5, atol = 1e-6;
        if (c.TryGetProperty("tolerance", out var t))
        {
            if (t.TryGetProperty("rtol", out var r)) rtol = r.GetDouble();
            if (t.TryGetProperty("atol", out var a)) atol = a.GetDouble();
        }
        return (rtol, atol);
    }

    private static Dictionary<string, object> Execute(JsonElement c, out Dictionary<string, object> inputs)
    {
        inputs = new Dictionary<string, object>();
        foreach (var i in c.GetProperty("inputs").EnumerateObject()) inputs[i.Name] = ParseTensor(i.Value, withGrad: true);
        var env = new Dictionary<string, object>(inputs);
        foreach (var step in c.GetProperty("program").EnumerateArray())
        {
            var args = step.GetProperty("args").EnumerateArray().Select(a => env[a.GetString()!]).ToList();
            env[step.GetProperty("out").GetString()!] = Step(step, args);
        }
        return env;
    }

    // ---------------------------------------------------------------- parsing

    public static double Num(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.String => e.GetString() switch
        {
            "nan" => double.NaN,
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            var s => throw new FormatException($"bad number '{s}'"),
        },
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        _ => throw new FormatException($"bad number {e}"),
    };

    private static int[] Shape(JsonElement t) => t.GetProperty("shape").EnumerateArray().Select(x => x.GetInt32()).ToArray();

    private static bool[]? Mask(JsonElement t) =>
        t.TryGetProperty("mask", out var m) ? m.EnumerateArray().Select(x => x.GetBoolean()).ToArray() : null;

    public static object ParseTensor(JsonElement t, bool withGrad)
    {
        var shape = Shape(t);
        var mask = Mask(t);
        var data = t.GetProperty("data").EnumerateArray().ToArray();
        bool rg = withGrad && t.TryGetProperty("requires_grad", out var r) && r.GetBoolean();
        switch (t.GetProperty("dtype").GetString())
        {
            case "float32": { var x = MaskedTensor.Create(data.Select(v => (float)Num(v)).ToArray(), mask, shape); return rg ? x.RequireGrad() : x; }
            case "float64": { var x = MaskedTensor.Create(data.Select(Num).ToArray(), mask, shape); return rg ? x.RequireGrad() : x; }
            case "int32": return MaskedTensor.Create(data.Select(v => v.GetInt32()).ToArray(), mask, shape);
            case "int64": return MaskedTensor.Create(data.Select(v => v.GetInt64()).ToArray(), mask, shape);
            case "bool": return MaskedTensor.Create(data.Select(v => v.GetBoolean()).ToArray(), mask, shape);
            default: throw new NotSupportedException(t.GetProperty("dtype").GetString());
        }
    }

    private static object AllMasked(JsonElement expected)
    {
        var shape = Shape(expected);
        return expected.GetProperty("dtype").GetString() == "float64" ? MaskedTensor.Empty<double>(shape) : MaskedTensor.Empty<float>(shape);
    }

    // ---------------------------------------------------------------- interpretation

    private static int[]? Dims(JsonElement step)
    {
        if (!step.TryGetProperty("dim", out var d) || d.ValueKind == JsonValueKind.Null) return null;
        return d.ValueKind == JsonValueKind.Array ? d.EnumerateArray().Select(x => x.GetInt32()).ToArray() : [d.GetInt32()];
    }

    private static int? Dim(JsonElement step) => step.TryGetProperty("dim", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetInt32() : null;
    private static bool KeepDim(JsonElement step) => step.TryGetProperty("keepdim", out var k) && k.GetBoolean();
    private static double Attr(JsonElement step, string name, double fallback = double.NaN) => step.TryGetProperty(name, out var v) ? Num(v) : fallback;
    private static int IntAttr(JsonElement step, string name, int fallback) => step.TryGetProperty(name, out var v) ? v.GetInt32() : fallback;

    private static object Step(JsonElement step, List<object> args)
    {
        string op = step.GetProperty("op").GetString()!;
        switch (op)
        {
            case "where":
                var cond = (MaskedTensor<bool>)args[0];
                return args[1] switch
                {
                    MaskedTensor<float> a => MaskedTensor.Where(cond, a, (MaskedTensor<float>)args[2]),
                    MaskedTensor<double> a => MaskedTensor.Where(cond, a, (MaskedTensor<double>)args[2]),
                    MaskedTensor<int> a => MaskedTensor.Where(cond, a, (MaskedTensor<int>)args[2]),
                    MaskedTensor<long> a => MaskedTensor.Where(cond, a, (MaskedTensor<long>)args[2]),
                    _ => throw new NotSupportedException("where on " + args[1].GetType().Name),
                };
            case "any": return ((MaskedTensor<bool>)args[0]).Any(Dim(step), KeepDim(step));
            case "all": return ((MaskedTensor<bool>)args[0]).All(Dim(step), KeepDim(step));
            case "to_sparse_coo": return Dense(args[0]) is MaskedTensor<float> f ? f.ToSparseCoo() : ((MaskedTensor<double>)Dense(args[0])).ToSparseCoo();
            case "to_sparse_csr": return Dense(args[0]) is MaskedTensor<float> g ? g.ToSparseCsr() : ((MaskedTensor<double>)Dense(args[0])).ToSparseCsr();
            case "to_dense": return Dense(args[0]);
        }
        // Ops on a sparse layout run on its stored values (elementwise, pattern kept) or group them (reductions).
        if (args[0] is SparseCooTensor<float> coo) return SparseStep(op, step, coo);
        if (args[0] is SparseCsrTensor<float> csr)
        {
            var r = SparseStep(op, step, csr.ToSparseCoo());
            return r is SparseCooTensor<float> c ? c.ToSparseCsr() : r;
        }
        return args[0] switch
        {
            MaskedTensor<float> x => Floating(op, step, x, args),
            MaskedTensor<double> x => Floating(op, step, x, args),
            MaskedTensor<int> x => Integral(op, step, x, args),
            MaskedTensor<long> x => Integral(op, step, x, args),
            MaskedTensor<bool> x => Logical(op, step, x, args) ?? Views(op, step, x, args) ?? throw new NotSupportedException($"op {op} on bool"),
            _ => throw new NotSupportedException(args[0].GetType().Name),
        };
    }

    private static readonly string[] Reductions = ["sum", "mean", "prod", "amin", "amax", "var", "std", "norm", "logsumexp", "median", "quantile"];

    private static object SparseStep(string op, JsonElement step, SparseCooTensor<float> x)
    {
        if (Reductions.Contains(op))
        {
            using var none = JsonDocument.Parse("{\"op\": \"" + op + "\"}");
            var whole = none.RootElement.Clone();
            return x.Reduce(Dims(step), KeepDim(step), v => (MaskedTensor<float>)Floating(op, whole, v, [v]));
        }
        return x.Apply(v => (MaskedTensor<float>)Floating(op, step, v, [v]));
    }

    private static object Dense(object x) => x switch
    {
        SparseCooTensor<float> c => c.ToDense(),
        SparseCsrTensor<float> c => c.ToDense(),
        SparseCooTensor<double> c => c.ToDense(),
        SparseCsrTensor<double> c => c.ToDense(),
        _ => x,
    };

    private static MaskedTensor<T> Second<T>(JsonElement step, List<object> args) where T : unmanaged, INumber<T>
        => step.TryGetProperty("scalar", out var s) ? MaskedTensor.Scalar(T.CreateChecked(Num(s))) : (MaskedTensor<T>)args[1];

    private static MaskedTensor<bool> SecondBool(JsonElement step, List<object> args)
        => step.TryGetProperty("scalar", out var s) ? MaskedTensor.Scalar(Num(s) != 0) : (MaskedTensor<bool>)args[1];

    /// <summary>Ops of bool tensors (suite coverage): logical not/and/or/xor, masked wherever an operand is masked.</summary>
    private static object? Logical(string op, JsonElement step, MaskedTensor<bool> x, List<object> args) => op switch
    {
        "bitwise_not" => x.BitwiseNot(),
        "bitwise_and" => x.BitwiseAnd(SecondBool(step, args)),
        "bitwise_or" => x.BitwiseOr(SecondBool(step, args)),
        "bitwise_xor" => x.BitwiseXor(SecondBool(step, args)),
        _ => null,
    };

    private static T? OptionalAttr<T>(JsonElement step, string name) where T : unmanaged, INumber<T>
        => step.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? T.CreateSaturating(Num(v)) : null;

    private static object? Views<T>(string op, JsonElement step, MaskedTensor<T> x, List<object> args) where T : unmanaged => op switch
    {
        "select" => x.Select(IntAttr(step, "dim", 0), IntAttr(step, "index", 0)),
        "slice" => x.Slice(IntAttr(step, "dim", 0), IntAttr(step, "start", 0), IntAttr(step, "stop", int.MaxValue), IntAttr(step, "step", 1)),
        "transpose" => x.Transpose(IntAttr(step, "dim0", 0), IntAttr(step, "dim1", 1)),
        "reshape" => x.Reshape(step.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()).ToArray()),
        "unsqueeze" => x.Unsqueeze(IntAttr(step, "dim", 0)),
        "as_masked" => MaskedTensor.AsMasked(x, (MaskedTensor<bool>)args[1]),
        "count" => x.Count(Dims(step), KeepDim(step)),
        _ => null,
    };

    private static object Numeric<T>(string op, JsonElement step, MaskedTensor<T> x, List<object> args) where T : unmanaged, INumber<T>, IMinMaxValue<T>
    {
        var v = Views(op, step, x, args);
        if (v is not null) return v;
        return op switch
        {
            "add" => x.Add(Second<T>(step, args)),
            "sub" => x.Sub(Second<T>(step, args)),
            "mul" => x.Mul(Second<T>(step, args)),
            "div" => x.Div(Second<T>(step, args)),
            "maximum" => x.Maximum(Second<T>(step, args)),
            "minimum" => x.Minimum(Second<T>(step, args)),
            "eq" => x.Eq(Second<T>(step, args)),
            "ne" => x.Ne(Second<T>(step, args)),
            "lt" => x.Lt(Second<T>(step, args)),
            "le" => x.Le(Second<T>(step, args)),
            "gt" => x.Gt(Second<T>(step, args)),
            "ge" => x.Ge(Second<T>(step, args)),
            "neg" => x.Neg(),
            "abs" => x.Abs(),
            "sign" => x.Sign(),
            "square" => x.Square(),
            "clamp" => x.Clamp(T.CreateChecked(Attr(step, "min")), T.CreateChecked(Attr(step, "max"))),
            "sum" => x.Sum(Dims(step), KeepDim(step)),
            "prod" => x.Prod(Dims(step), KeepDim(step)),
            "amin" => x.Amin(Dims(step), KeepDim(step)),
            "amax" => x.Amax(Dims(step), KeepDim(step)),
            "argmin" => x.ArgMin(Dim(step), KeepDim(step)),
            "argmax" => x.ArgMax(Dim(step), KeepDim(step)),
            "median" => x.Median(Dim(step), KeepDim(step)),
            "cumsum" => x.CumSum(IntAttr(step, "dim", 0)),
            "cumprod" => x.CumProd(IntAttr(step, "dim", 0)),
            "to_tensor" => x.ToTensor(T.CreateChecked(Attr(step, "fill"))),
            "fmax" => x.Fmax(Second<T>(step, args)),
            "fmin" => x.Fmin(Second<T>(step, args)),
            "floor_divide" => x.FloorDivide(Second<T>(step, args)),
            "sgn" => x.Sgn(),
            "positive" => x.Positive(),
            "isnan" => x.IsNaN(),
            "signbit" => x.SignBit(),
            "nan_to_num" => x.NanToNum(OptionalAttr<T>(step, "nan"), OptionalAttr<T>(step, "posinf"), OptionalAttr<T>(step, "neginf")),
            _ => throw new NotSupportedException($"op {op} on {typeof(T).Name}"),
        };
    }

    private static object Integral<T>(string op, JsonElement step, MaskedTensor<T> x, List<object> args) where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
        => op switch
        {
            "bitwise_not" => x.BitwiseNot(),
            "bitwise_and" => x.BitwiseAnd(Second<T>(step, args)),
            "bitwise_or" => x.BitwiseOr(Second<T>(step, args)),
            "bitwise_xor" => x.BitwiseXor(Second<T>(step, args)),
            "bitwise_left_shift" => x.BitwiseLeftShift(Second<T>(step, args)),
            "bitwise_right_shift" => x.BitwiseRightShift(Second<T>(step, args)),
            _ when PromotedToFloat.Contains(op) => Floating(op, step, x.Cast<float>(), args), // torch: integer input -> float32 result
            _ => Numeric(op, step, x, args),
        };

    /// <summary>Unary ops that torch computes in the default float dtype for integer inputs (floor/ceil/round/trunc keep integers).</summary>
    private static readonly HashSet<string> PromotedToFloat =
    [
        "exp", "expm1", "log", "log1p", "log2", "log10", "sqrt", "rsqrt", "sin", "cos", "tan", "tanh", "sigmoid", "asin", "acos", "atan",
        "sinh", "cosh", "asinh", "reciprocal", "acosh", "atanh", "angle", "deg2rad", "rad2deg", "digamma", "erf", "erfc", "erfinv", "exp2",
        "i0", "lgamma", "logit", "sinc",
    ];

    private static object Floating<T>(string op, JsonElement step, MaskedTensor<T> x, List<object> args) where T : unmanaged, IFloatingPointIeee754<T>, IMinMaxValue<T>
    {
        MaskedTensor<T> B() => Second<T>(step, args);
        return op switch
        {
            "exp" => x.Exp(), "expm1" => x.Expm1(), "log" => x.Log(), "log1p" => x.Log1p(), "log2" => x.Log2(), "log10" => x.Log10(),
            "sqrt" => x.Sqrt(), "rsqrt" => x.Rsqrt(), "sin" => x.Sin(), "cos" => x.Cos(), "tan" => x.Tan(), "tanh" => x.Tanh(),
            "sigmoid" => x.Sigmoid(), "floor" => x.Floor(), "ceil" => x.Ceil(), "round" => x.Round(), "trunc" => x.Trunc(),
            "reciprocal" => x.Reciprocal(), "asin" => x.Asin(), "acos" => x.Acos(), "atan" => x.Atan(), "sinh" => x.Sinh(),
            "cosh" => x.Cosh(), "asinh" => x.Asinh(),
            "pow" => x.Pow(T.CreateChecked(Attr(step, "exponent"))),
            "atan2" => x.Atan2(B()), "fmod" => x.Fmod(B()), "remainder" => x.Remainder(B()), "logaddexp" => x.LogAddExp(B()),
            "mean" => x.Mean(Dims(step), KeepDim(step)),
            "var" => x.Var(Dims(step), KeepDim(step), Attr(step, "correction", 1)),
            "std" => x.Std(Dims(step), KeepDim(step), Attr(step, "correction", 1)),
            "norm" => x.Norm(Attr(step, "p", 2), Dims(step), KeepDim(step)),
            "logsumexp" => x.LogSumExp(Dims(step), KeepDim(step)),
            "quantile" => x.Quantile(Attr(step, "q"), Dim(step), KeepDim(step)),
            "softmax" => x.Softmax(IntAttr(step, "dim", -1)),
            "log_softmax" => x.LogSoftmax(IntAttr(step, "dim", -1)),
            "softmin" => x.Softmin(IntAttr(step, "dim", -1)),
            "acosh" => x.Acosh(), "atanh" => x.Atanh(), "angle" => x.Angle(), "deg2rad" => x.Deg2Rad(), "rad2deg" => x.Rad2Deg(),
            "digamma" => x.Digamma(), "erf" => x.Erf(), "erfc" => x.Erfc(), "erfinv" => x.Erfinv(), "exp2" => x.Exp2(), "frac" => x.Frac(),
            "i0" => x.I0(), "lgamma" => x.Lgamma(), "sinc" => x.Sinc(),
            "logit" => x.Logit(step.TryGetProperty("eps", out var eps) && eps.ValueKind != JsonValueKind.Null ? Num(eps) : null),
            "logaddexp2" => x.LogAddExp2(B()), "nextafter" => x.NextAfter(B()),
            "normalize" => x.Normalize(Attr(step, "p", 2), IntAttr(step, "dim", -1), Attr(step, "eps", 1e-12)),
            _ => Numeric(op, step, x, args),
        };
    }

    // ---------------------------------------------------------------- comparison

    private static string DType(object t) => t switch
    {
        MaskedTensor<float> => "float32",
        MaskedTensor<double> => "float64",
        MaskedTensor<int> => "int32",
        MaskedTensor<long> => "int64",
        MaskedTensor<bool> => "bool",
        _ => t.GetType().Name,
    };

    private static (int[] shape, bool[] mask, double[] data) Read(object t) => t switch
    {
        MaskedTensor<float> x => (x.Shape.ToArray(), x.MaskToBools(), x.ToArray().Select(v => (double)v).ToArray()),
        MaskedTensor<double> x => (x.Shape.ToArray(), x.MaskToBools(), x.ToArray()),
        MaskedTensor<int> x => (x.Shape.ToArray(), x.MaskToBools(), x.ToArray().Select(v => (double)v).ToArray()),
        MaskedTensor<long> x => (x.Shape.ToArray(), x.MaskToBools(), x.ToArray().Select(v => (double)v).ToArray()),
        MaskedTensor<bool> x => (x.Shape.ToArray(), x.MaskToBools(), x.ToArray().Select(v => v ? 1.0 : 0.0).ToArray()),
        _ => throw new NotSupportedException(t.GetType().Name),
    };

    public static void AssertTensor(JsonElement expected, object actual, double rtol, double atol, string what)
    {
        Assert.Equal(expected.GetProperty("dtype").GetString(), DType(actual));
        var (shape, mask, data) = Read(actual);
        Assert.Equal(Shape(expected), shape);
        var emask = Mask(expected) ?? Enumerable.Repeat(true, shape.Aggregate(1, (a, b) => a * b)).ToArray();
        Assert.True(emask.SequenceEqual(mask), $"{what}: mask differs.\n expected [{string.Join(", ", emask)}]\n actual   [{string.Join(", ", mask)}]");
        var edata = expected.GetProperty("data").EnumerateArray().ToArray();
        for (int i = 0; i < edata.Length; i++)
        {
            if (!emask[i]) continue;
            double e = Num(edata[i]), a = data[i];
            bool ok = double.IsNaN(e) ? double.IsNaN(a)
                : double.IsInfinity(e) ? a == e
                : Math.Abs(a - e) <= atol + rtol * Math.Abs(e);
            Assert.True(ok, $"{what}[{i}]: expected {e:R}, got {a:R} (rtol {rtol}, atol {atol})");
        }
    }
}
