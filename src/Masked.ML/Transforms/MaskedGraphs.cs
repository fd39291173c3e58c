using Masked.ML.Onnx;

namespace Masked.ML;

/// <summary>The ONNX graph behind the masked linear scorer (one row = one vector of <c>slots</c> values).</summary>
internal static class MaskedGraphs
{
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

    private static string Vec(OnnxGraph g, double[] values, bool isDouble)
        => isDouble ? g.Constant(values, values.Length) : g.Constant(values.Select(v => (float)v).ToArray(), values.Length);
}
