using Masked.ML.Mapping;

namespace Masked.ML.Onnx;

/// <summary>
/// Writes the masked components' saved row mappings (the <c>CustomMapping</c>s Masked.ML saves by contract name) as ONNX
/// nodes with exactly the in-process semantics of <see cref="RowKernels"/>: an entry is valid when it is not NaN and its
/// mask entry (when the component has a mask column) is true; the vector operations pad their outputs to the mapping's
/// size as the saved mapping does (ML.NET's slot selection then trims them); the aggregates compute in double, as the
/// managed kernel does. Safe softmax stays safe (a row with nothing valid is all fill and masked, never NaN) and an
/// aggregate over nothing valid is missing and masked.
/// </summary>
internal sealed class RowMappingEmitter(OnnxGraph g)
{
    private const long Axis = 1;

    /// <summary>The validity of X under mask M, as the row kernels define it.</summary>
    public string Validity(OnnxColumn x, OnnxColumn m)
    {
        var valid = g.Op("Not", g.Op("IsNaN", x.Data!));
        if (m.EmptyMask) return valid;
        if (m.Data is null || m.ElemType != (int)OnnxType.Bool)
            throw new NotSupportedException("MaskedOnnx.Export: a masked component's mask column is not a bool tensor in the exported graph.");
        return g.Op("And", valid, m.Data);
    }

    /// <summary>The vector mapping (apply or safe softmax) padded to <paramref name="size"/> slots; with <paramref name="withValidity"/> the
    /// W column too (NaN where valid, 0 where not: ML.NET's IndicateMissingValues turns it into the bool validity).</summary>
    public (OnnxColumn y, OnnxColumn? w) Vector(OnnxColumn x, OnnxColumn m, double[] p, int size, bool isDouble, bool withValidity)
    {
        if (p.Length == 0) throw new NotSupportedException("MaskedOnnx.Export: a masked row mapping without parameters (damaged model).");
        return Vector(x, m, p[0], p.Length > 1 ? p[1] : double.NaN, size, isDouble, withValidity);
    }

    /// <summary>The vector operation <paramref name="op"/> (<see cref="RowMappingNames.OpApply"/> or <see cref="RowMappingNames.OpSoftmax"/>
    /// with <paramref name="fill"/>) padded to <paramref name="size"/> slots, as <see cref="Vector(OnnxColumn, OnnxColumn, double[], int, bool, bool)"/>.</summary>
    public (OnnxColumn y, OnnxColumn? w) Vector(OnnxColumn x, OnnxColumn m, double op, double fill, int size, bool isDouble, bool withValidity)
    {
        var type = isDouble ? OnnxType.Double : OnnxType.Float;
        if (x.ElemType != (int)type) throw new NotSupportedException($"MaskedOnnx.Export: a masked row mapping for {type} reads a column of ONNX type {x.ElemType}.");
        if (x.Width > size) throw new NotSupportedException($"MaskedOnnx.Export: a row of {x.Width} slots reaches a masked mapping fitted for at most {size}.");
        var valid = Validity(x, m);
        string y;
        if (op == RowMappingNames.OpApply) y = g.Op("Where", valid, x.Data!, g.Scalar(double.NaN, type));
        else if (op == RowMappingNames.OpSoftmax) y = Softmax(x.Data!, valid, type, fill);
        else throw new NotSupportedException($"MaskedOnnx.Export: unknown masked row operation {op} (saved by a newer Masked.ML).");
        string? w = withValidity ? g.Op("Where", valid, g.Scalar(double.NaN, type), g.Scalar(0, type)) : null;
        long pad = size - x.Width;
        if (pad > 0)
        {
            var pads = g.Constant([0L, 0L, 0L, pad], 4);
            y = g.Op("Pad", y, pads, g.Scalar(0, type));
            if (w is not null) w = g.Op("Pad", w, pads, g.Scalar(0, type));
        }
        var yc = new OnnxColumn { Data = y, ElemType = (int)type, Width = size, Mask = pad == 0 ? valid : g.Op("Pad", valid, g.Constant([0L, 0L, 0L, pad], 4), g.Constant([false])) };
        var wc = w is null ? null : new OnnxColumn { Data = w, ElemType = (int)type, Width = size };
        return (yc, wc);
    }

    /// <summary>Safe softmax along the slots: masked slots get <paramref name="fill"/>; a valid +∞ takes all the mass (shared among the +∞
    /// entries); a row whose valid entries are all −∞ gives NaN there (as the managed kernel); a row with nothing valid is all fill.</summary>
    private string Softmax(string x, string valid, OnnxType type, double fill)
    {
        string zero = g.Scalar(0, type);
        var xm = g.Op("Where", valid, x, g.Scalar(double.NegativeInfinity, type));
        var max = g.Node("ReduceMax", [xm], null, ("axes", new[] { Axis }), ("keepdims", 1L));
        var nonFinite = g.Op("IsInf", max);
        var safeMax = g.Op("Where", nonFinite, zero, max);
        var e = g.Op("Where", valid, g.Op("Exp", g.Op("Sub", x, safeMax)), zero);
        var sum = g.Node("ReduceSum", [e, g.Constant([Axis], 1)], null, ("keepdims", 1L));
        var finite = g.Op("Div", e, g.Op("Where", g.Op("Greater", sum, zero), sum, g.Scalar(1, type)));
        var posInf = g.Op("And", valid, g.Node("IsInf", [x], null, ("detect_negative", 0L)));
        var count = g.Node("ReduceSum", [g.Node("Cast", [posInf], null, ("to", (long)type)), g.Constant([Axis], 1)], null, ("keepdims", 1L));
        var share = g.Op("Where", posInf, g.Op("Div", g.Scalar(1, type), g.Op("Max", count, g.Scalar(1, type))), zero);
        var infinite = g.Op("Where", g.Op("Greater", count, zero), share, g.Scalar(double.NaN, type));
        var y = g.Op("Where", nonFinite, infinite, finite);
        return g.Op("Where", valid, y, g.Scalar(fill, type));
    }

    /// <summary>The row aggregate P = [kind, correction] as a scalar column Y ([N, 1], missing when nothing qualifies) and its bool validity V.</summary>
    public (OnnxColumn y, OnnxColumn v) Aggregate(OnnxColumn x, OnnxColumn m, double[] p, bool isDouble)
    {
        var type = isDouble ? OnnxType.Double : OnnxType.Float;
        if (x.ElemType != (int)type) throw new NotSupportedException($"MaskedOnnx.Export: a masked aggregate for {type} reads a column of ONNX type {x.ElemType}.");
        if (p.Length < 2) throw new NotSupportedException("MaskedOnnx.Export: a masked aggregate without parameters (damaged model).");
        var kind = (MaskedAggregation)(int)p[0];
        double correction = p[1];
        const OnnxType D = OnnxType.Double;
        var valid = Validity(x, m);
        var xd = isDouble ? x.Data! : g.Node("Cast", [x.Data!], null, ("to", (long)D));
        var axes = g.Constant([Axis], 1);
        string zero = g.Scalar(0, D), nan = g.Scalar(double.NaN, D);
        string ReduceSum(string t) => g.Node("ReduceSum", [t, axes], null, ("keepdims", 1L));
        string Reduce(string op, string t) => g.Node(op, [t], null, ("axes", new[] { Axis }), ("keepdims", 1L));
        var count = ReduceSum(g.Node("Cast", [valid], null, ("to", (long)D)));
        var sum = ReduceSum(g.Op("Where", valid, xd, zero));
        string r;
        switch (kind)
        {
            case MaskedAggregation.Count: r = count; break;
            case MaskedAggregation.Sum: r = sum; break;
            case MaskedAggregation.Mean: r = g.Op("Div", sum, g.Op("Max", count, g.Scalar(1, D))); break;
            case MaskedAggregation.Min: r = Reduce("ReduceMin", g.Op("Where", valid, xd, g.Scalar(double.PositiveInfinity, D))); break;
            case MaskedAggregation.Max: r = Reduce("ReduceMax", g.Op("Where", valid, xd, g.Scalar(double.NegativeInfinity, D))); break;
            case MaskedAggregation.Variance or MaskedAggregation.StandardDeviation:
            {
                var mean = g.Op("Div", sum, g.Op("Max", count, g.Scalar(1, D)));
                var d = g.Op("Where", valid, g.Op("Sub", xd, mean), zero);
                var ss = ReduceSum(g.Op("Mul", d, d));
                var dof = g.Op("Sub", count, g.Scalar(correction, D));
                var variance = g.Op("Where", g.Op("Greater", dof, zero), g.Op("Div", ss, g.Op("Where", g.Op("Greater", dof, zero), dof, g.Scalar(1, D))), nan);
                r = kind == MaskedAggregation.Variance ? variance : g.Op("Sqrt", variance);
                break;
            }
            case MaskedAggregation.ArgMax:
            {
                // First index of the largest valid entry; when every valid entry is −∞, the first valid index (as the managed kernel).
                var xm = g.Op("Where", valid, xd, g.Scalar(double.NegativeInfinity, D));
                var arg = g.Node("ArgMax", [xm], null, ("axis", Axis), ("keepdims", 1L), ("select_last_index", 0L));
                var firstValid = g.Node("ArgMax", [g.Node("Cast", [valid], null, ("to", (long)D))], null, ("axis", Axis), ("keepdims", 1L), ("select_last_index", 0L));
                var allNegInf = g.Node("IsInf", [Reduce("ReduceMax", xm)], null, ("detect_positive", 0L));
                r = g.Node("Cast", [g.Op("Where", allNegInf, firstValid, arg)], null, ("to", (long)D));
                break;
            }
            default: throw new NotSupportedException($"MaskedOnnx.Export: unknown aggregation {kind} (saved by a newer Masked.ML).");
        }
        if (kind != MaskedAggregation.Count) r = g.Op("Where", g.Op("Greater", count, zero), r, nan);
        var ok = g.Op("Not", g.Op("IsNaN", r));
        var y = isDouble ? r : g.Node("Cast", [r], null, ("to", (long)type));
        return (new OnnxColumn { Data = y, ElemType = (int)type, Width = 1, Mask = ok }, new OnnxColumn { Data = ok, ElemType = (int)OnnxType.Bool, Width = 1 });
    }
}
