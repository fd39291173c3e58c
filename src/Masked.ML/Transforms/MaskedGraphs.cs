using Masked.ML.Onnx;

namespace Masked.ML;

/// <summary>The ONNX graphs behind the masked components (one row = one vector of <c>slots</c> values).</summary>
internal static class MaskedGraphs
{
    public const string MaskSuffix = "__mask";

    private static OnnxType Onnx(bool isDouble) => isDouble ? OnnxType.Double : OnnxType.Float;

    private static string CastConst(OnnxGraph g, double v, bool isDouble) => isDouble ? g.Constant([v]) : g.Scalar((float)v);

    /// <summary>Validity: not NaN, and the mask input when given.</summary>
    private static string Valid(OnnxGraph g, string x, string? mask)
    {
        var v = g.Op("Not", g.Op("IsNaN", x));
        return mask is null ? v : g.Op("And", v, mask);
    }

    private static (string x, string? mask) Inputs(OnnxGraph g, string input, string? mask, bool isDouble, int slots)
    {
        var x = g.Input(input, Onnx(isDouble), slots);
        string? m = mask is null ? null : g.Input(mask, OnnxType.Bool, slots);
        return (x, m);
    }

    /// <summary>y = valid ? (x - offset) * scale : NaN; a slot whose scale is NaN stays missing.</summary>
    public static byte[] Affine(string input, string? mask, string output, string? outputMask, bool isDouble, double[] offset, double[] scale)
    {
        int n = offset.Length;
        var g = new OnnxGraph("masked_affine");
        var (x, m) = Inputs(g, input, mask, isDouble, n);
        var off = Vec(g, offset, isDouble);
        var sc = Vec(g, scale, isDouble);
        var y = g.Op("Where", Valid(g, x, m), g.Op("Mul", g.Op("Sub", x, off), sc), CastConst(g, double.NaN, isDouble));
        g.Output(output, y, Onnx(isDouble), n);
        if (outputMask is not null) g.Output(outputMask, g.Op("Not", g.Op("IsNaN", y)), OnnxType.Bool, n);
        return g.ToBytes();
    }

    /// <summary>Softmax over the valid slots; masked slots get <paramref name="fill"/>; a row with no valid slot is all <paramref name="fill"/>.</summary>
    public static byte[] Softmax(string input, string? mask, string output, string? outputMask, bool isDouble, int n, double fill)
    {
        var g = new OnnxGraph("masked_softmax");
        var (x, m) = Inputs(g, input, mask, isDouble, n);
        var valid = Valid(g, x, m);
        var zero = CastConst(g, 0, isDouble);
        var xm = g.Op("Where", valid, x, CastConst(g, double.NegativeInfinity, isDouble));
        var max = g.Node("ReduceMax", [xm], null, ("axes", new long[] { 0 }), ("keepdims", 1L));
        var safeMax = g.Op("Where", g.Node("IsInf", [max], null, ("detect_positive", 0L)), zero, max);
        var e = g.Op("Where", valid, g.Op("Exp", g.Op("Sub", x, safeMax)), zero);
        var sum = g.Node("ReduceSum", [e, g.Constant(new long[] { 0 }, 1)], null, ("keepdims", 1L));
        var y = g.Op("Where", valid, g.Op("Div", e, sum), CastConst(g, fill, isDouble));
        g.Output(output, y, Onnx(isDouble), n);
        if (outputMask is not null) g.Output(outputMask, valid, OnnxType.Bool, n);
        return g.ToBytes();
    }

    /// <summary>A row-wise aggregate over the valid slots, as a one-element vector (NaN when nothing qualifies).</summary>
    public static byte[] Aggregate(string input, string? mask, string output, string? outputMask, bool isDouble, int n, MaskedAggregation kind, double correction)
    {
        var g = new OnnxGraph("masked_aggregate");
        var (x, m) = Inputs(g, input, mask, isDouble, n);
        var valid = Valid(g, x, m);
        var zero = CastConst(g, 0, isDouble);
        var nan = CastConst(g, double.NaN, isDouble);
        var axes = g.Constant(new long[] { 0 }, 1);
        string Sum(string v) => g.Node("ReduceSum", [v, axes], null, ("keepdims", 1L));
        var count = Sum(g.Node("Cast", [valid], null, ("to", (long)(isDouble ? 11 : 1))));
        var sum = Sum(g.Op("Where", valid, x, zero));
        var any = g.Op("Greater", count, zero);
        string result = kind switch
        {
            MaskedAggregation.Count => count,
            MaskedAggregation.Sum => g.Op("Where", any, sum, nan),
            MaskedAggregation.Mean => g.Op("Div", sum, count),
            MaskedAggregation.Min => g.Op("Where", any, g.Node("ReduceMin", [g.Op("Where", valid, x, CastConst(g, double.PositiveInfinity, isDouble))], null, ("axes", new long[] { 0 }), ("keepdims", 1L)), nan),
            MaskedAggregation.Max => g.Op("Where", any, g.Node("ReduceMax", [g.Op("Where", valid, x, CastConst(g, double.NegativeInfinity, isDouble))], null, ("axes", new long[] { 0 }), ("keepdims", 1L)), nan),
            MaskedAggregation.ArgMax => g.Op("Where", any, g.Node("Cast", [g.Node("ArgMax", [g.Op("Where", valid, x, CastConst(g, double.NegativeInfinity, isDouble))], null, ("axis", 0L), ("keepdims", 1L), ("select_last_index", 0L))], null, ("to", (long)(isDouble ? 11 : 1))), nan),
            MaskedAggregation.Variance or MaskedAggregation.StandardDeviation => VarianceNode(g, x, valid, sum, count, zero, nan, isDouble, correction, kind == MaskedAggregation.StandardDeviation),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        g.Output(output, result, Onnx(isDouble), 1);
        if (outputMask is not null) g.Output(outputMask, g.Op("Not", g.Op("IsNaN", result)), OnnxType.Bool, 1);
        return g.ToBytes();
    }

    /// <summary>score = bias + Σ over valid features w_j x_j (a missing feature contributes nothing), as a one-element vector.</summary>
    public static byte[] Linear(string input, string? mask, string output, bool isDouble, double[] weights, double bias)
    {
        int n = weights.Length;
        var g = new OnnxGraph("masked_linear");
        var (x, m) = Inputs(g, input, mask, isDouble, n);
        var valid = Valid(g, x, m);
        var terms = g.Op("Where", valid, g.Op("Mul", x, Vec(g, weights, isDouble)), CastConst(g, 0, isDouble));
        var sum = g.Node("ReduceSum", [terms, g.Constant(new long[] { 0 }, 1)], null, ("keepdims", 1L));
        g.Output(output, g.Op("Add", sum, CastConst(g, bias, isDouble)), Onnx(isDouble), 1);
        return g.ToBytes();
    }

    private static string VarianceNode(OnnxGraph g, string x, string valid, string sum, string count, string zero, string nan, bool isDouble, double correction, bool std)
    {
        var mean = g.Op("Div", sum, count);
        var d = g.Op("Where", valid, g.Op("Sub", x, mean), zero);
        var ss = g.Node("ReduceSum", [g.Op("Mul", d, d), g.Constant(new long[] { 0 }, 1)], null, ("keepdims", 1L));
        var dof = g.Op("Sub", count, CastConst(g, correction, isDouble));
        var v = g.Op("Where", g.Op("Greater", dof, zero), g.Op("Div", ss, dof), nan);
        return std ? g.Op("Sqrt", v) : v;
    }

    private static string Vec(OnnxGraph g, double[] values, bool isDouble)
        => isDouble ? g.Constant(values, values.Length) : g.Constant(values.Select(v => (float)v).ToArray(), values.Length);
}
