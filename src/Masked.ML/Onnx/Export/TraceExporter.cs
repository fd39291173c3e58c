using System.Numerics;
using Masked;

namespace Masked.ML.Onnx;

/// <summary>
/// Writes a recorded <see cref="MaskedTrace"/> as an ONNX graph over (data, mask) pairs: every value is a data
/// tensor plus a bool validity tensor (true = valid); masked slots may hold anything, and every op reads them
/// only through <c>Where(mask, …)</c>, so results never depend on them.
/// </summary>
internal sealed class TraceExporter
{
    private readonly OnnxGraph _g;
    private readonly MaskedTrace _trace;
    private readonly Dictionary<object, (string d, string? m)> _values = new(ReferenceEqualityComparer.Instance);

    private readonly bool _dynamicBatch;

    public TraceExporter(OnnxGraph graph, MaskedTrace trace, bool dynamicBatch) { _g = graph; _trace = trace; _dynamicBatch = dynamicBatch; }

    /// <summary>Binds a graph input pair to a tensor the traced function received (a null mask: every entry valid).</summary>
    public void BindInput(object tensor, string data, string? mask) => _values[tensor] = (data, mask);

    /// <summary>The (data, mask) pair of <paramref name="tensor"/>, emitting its producing ops (or a constant) as needed.</summary>
    public (string d, string? m) Value(object tensor)
    {
        if (_values.TryGetValue(tensor, out var v)) return v;
        var producer = _trace.ProducerOf(tensor);
        v = producer is null ? EmitConstant(tensor) : Emit(producer);
        _values[tensor] = v;
        return v;
    }

    /// <summary>The mask of <paramref name="tensor"/> with the tensor's own shape (all true when it has none).</summary>
    public string FullMask(object tensor)
    {
        var (d, m) = Value(tensor);
        return m ?? _g.Op("Expand", _g.Constant([true]), _g.Op("Shape", d));
    }

    internal static int[] ShapeOf(object t) => t switch
    {
        MaskedTensor<float> f => [.. f.Shape],
        MaskedTensor<double> d => [.. d.Shape],
        MaskedTensor<int> i => [.. i.Shape],
        MaskedTensor<long> l => [.. l.Shape],
        MaskedTensor<bool> b => [.. b.Shape],
        _ => throw new NotSupportedException($"Not a masked tensor: {t.GetType().Name}."),
    };

    internal static OnnxType TypeOf(object t) => t switch
    {
        MaskedTensor<float> => OnnxType.Float,
        MaskedTensor<double> => OnnxType.Double,
        MaskedTensor<int> => OnnxType.Int32,
        MaskedTensor<long> => OnnxType.Int64,
        MaskedTensor<bool> => OnnxType.Bool,
        _ => throw new NotSupportedException($"Not a masked tensor: {t.GetType().Name}."),
    };

    private string ShapeConst(int[] shape) => _g.Constant(shape.Select(d => (long)d).ToArray(), shape.Length);

    private string Axes(IEnumerable<int> axes) { var a = axes.Select(x => (long)x).ToArray(); return _g.Constant(a, a.Length); }

    private (string d, string? m) EmitConstant(object t)
    {
        var shape = ShapeOf(t).Select(d => (long)d).ToArray();
        string d = t switch
        {
            MaskedTensor<float> f => _g.Constant(f.ToArray(), shape),
            MaskedTensor<double> x => _g.Constant(x.ToArray(), shape),
            MaskedTensor<int> i => _g.Constant(i.ToArray(), shape),
            MaskedTensor<long> l => _g.Constant(l.ToArray(), shape),
            MaskedTensor<bool> b => _g.Constant(b.ToArray(), shape),
            _ => throw new NotSupportedException($"Not a masked tensor: {t.GetType().Name}."),
        };
        string? m = t switch
        {
            MaskedTensor<float> f when f.HasMask && f.ValidCount < f.Length => _g.Constant(f.MaskToBools(), shape),
            MaskedTensor<double> x when x.HasMask && x.ValidCount < x.Length => _g.Constant(x.MaskToBools(), shape),
            MaskedTensor<int> i when i.HasMask && i.ValidCount < i.Length => _g.Constant(i.MaskToBools(), shape),
            MaskedTensor<long> l when l.HasMask && l.ValidCount < l.Length => _g.Constant(l.MaskToBools(), shape),
            MaskedTensor<bool> b when b.HasMask && b.ValidCount < b.Length => _g.Constant(b.MaskToBools(), shape),
            _ => null,
        };
        return (d, m);
    }

    private static readonly Dictionary<string, string> s_unary = new()
    {
        ["Neg"] = "Neg", ["Abs"] = "Abs", ["Sign"] = "Sign", ["Exp"] = "Exp", ["Log"] = "Log", ["Sqrt"] = "Sqrt",
        ["Sin"] = "Sin", ["Cos"] = "Cos", ["Tan"] = "Tan", ["Tanh"] = "Tanh", ["Sigmoid"] = "Sigmoid",
        ["Floor"] = "Floor", ["Ceil"] = "Ceil", ["Round"] = "Round", ["Reciprocal"] = "Reciprocal",
        ["Asin"] = "Asin", ["Acos"] = "Acos", ["Atan"] = "Atan", ["Sinh"] = "Sinh", ["Cosh"] = "Cosh", ["Asinh"] = "Asinh",
    };

    private static readonly Dictionary<string, string> s_binary = new()
    {
        ["Add"] = "Add", ["Sub"] = "Sub", ["Mul"] = "Mul", ["Div"] = "Div", ["Maximum"] = "Max", ["Minimum"] = "Min",
        ["Eq"] = "Equal", ["Lt"] = "Less", ["Le"] = "LessOrEqual", ["Gt"] = "Greater", ["Ge"] = "GreaterOrEqual",
    };

    private (string d, string? m) Emit(MaskedTraceEntry e)
    {
        var outShape = ShapeOf(e.Output);
        var type = TypeOf(e.Output);
        var ins = e.Inputs.Select(Value).ToArray();
        string? And(params string?[] ms)
        {
            string? r = null;
            foreach (var m in ms) if (m is not null) r = r is null ? m : _g.Op("And", r, m);
            return r;
        }
        string? Broadcast(string? m, string d) => m is null ? null : _g.Op("Expand", m, _g.Op("Shape", d));

        if (s_unary.TryGetValue(e.Op, out var u)) return (_g.Op(u, ins[0].d), ins[0].m);
        switch (e.Op)
        {
            case "Square": return (_g.Op("Mul", ins[0].d, ins[0].d), ins[0].m);
            case "Rsqrt": return (_g.Op("Reciprocal", _g.Op("Sqrt", ins[0].d)), ins[0].m);
            case "Expm1": return (_g.Op("Sub", _g.Op("Exp", ins[0].d), _g.Scalar(1, type)), ins[0].m);
            case "Contiguous": return ins[0];
        }
        if (s_binary.TryGetValue(e.Op, out var b)) { var d = _g.Op(b, ins[0].d, ins[1].d); return (d, Broadcast(And(ins[0].m, ins[1].m), d)); }
        if (e.Op == "Ne") { var d = _g.Op("Not", _g.Op("Equal", ins[0].d, ins[1].d)); return (d, Broadcast(And(ins[0].m, ins[1].m), d)); }

        switch (e.Op)
        {
            case "Where":
            {
                var (c, a, bb) = (ins[0], ins[1], ins[2]);
                // ONNX Runtime has no bool Where: pick the branch's validity with And/Or.
                string? picked = a.m is null && bb.m is null ? null
                    : _g.Op("Or", _g.Op("And", c.d, a.m ?? FullMask(e.Inputs[1])), _g.Op("And", _g.Op("Not", c.d), bb.m ?? FullMask(e.Inputs[2])));
                var d = _g.Op("Where", c.d, a.d, bb.d);
                return (d, Broadcast(And(c.m, picked), d));
            }
            case "Concatenate":
            {
                long axis = ConcatAxis(e, outShape);
                string[] datas = ins.Select(i => i.d).ToArray();
                string? mask = ins.All(i => i.m is null) ? null
                    : _g.Node("Concat", e.Inputs.Select((t, i) => ins[i].m ?? FullMask(t)).ToArray(), null, ("axis", axis));
                return (_g.Node("Concat", datas, null, ("axis", axis)), mask);
            }
            case "MatMul":
            {
                string zero = _g.Scalar(0, type);
                var a = ins[0].m is null ? ins[0].d : _g.Op("Where", ins[0].m!, ins[0].d, zero);
                var bm = ins[1].m is null ? ins[1].d : _g.Op("Where", ins[1].m!, ins[1].d, zero);
                var d = _g.Op("MatMul", a, bm);
                if (ins[0].m is null && ins[1].m is null) return (d, null);
                string Ind(int i) => _g.Node("Cast", [FullMask(e.Inputs[i])], null, ("to", (long)OnnxType.Float));
                var count = _g.Op("MatMul", Ind(0), Ind(1));
                return (d, _g.Op("Greater", count, _g.Scalar(0f)));
            }
            case "Sum" or "Mean" or "Amax" or "Amin":
                return Reduce(e, ins[0], type);
            case "Softmax" or "LogSoftmax":
                return Softmax(e, ins[0], type, e.Op == "LogSoftmax");
            case "Select":
            {
                var idxScalar = _g.Constant(new long[] { (int)e.Attributes["index"]! }); // shape []: Gather drops the axis
                long axis = (int)e.Attributes["dim"]!;
                return (_g.Node("Gather", [ins[0].d, idxScalar], null, ("axis", axis)),
                        ins[0].m is null ? null : _g.Node("Gather", [ins[0].m!, idxScalar], null, ("axis", axis)));
            }
            case "Slice":
            {
                long dim = (int)e.Attributes["dim"]!, start = (int)e.Attributes["start"]!, stop = (int)e.Attributes["stop"]!, step = (int)e.Attributes["step"]!;
                string[] args = [_g.Constant([start], 1), _g.Constant([stop], 1), _g.Constant([dim], 1), _g.Constant([step], 1)];
                return (_g.Op("Slice", [ins[0].d, .. args]), ins[0].m is null ? null : _g.Op("Slice", [ins[0].m!, .. args]));
            }
            case "Permute":
            {
                var perm = ((int[])e.Attributes["perm"]!).Select(x => (long)x).ToArray();
                return (_g.Node("Transpose", [ins[0].d], null, ("perm", perm)), ins[0].m is null ? null : _g.Node("Transpose", [ins[0].m!], null, ("perm", perm)));
            }
            case "Squeeze" or "Unsqueeze":
            {
                var axes = Axes([(int)e.Attributes["dim"]!]);
                return (_g.Op(e.Op, ins[0].d, axes), ins[0].m is null ? null : _g.Op(e.Op, ins[0].m!, axes));
            }
            case "Reshape":
            {
                var inShape = ShapeOf(e.Inputs[0]);
                var target = (int[])outShape.Clone();
                if (_dynamicBatch)
                {
                    if (target.Length == 0 || inShape.Length == 0 || target[0] != inShape[0])
                        throw new NotSupportedException("MaskedOnnx: the op 'Reshape' changes the batch dimension and cannot be exported with a dynamic batch.");
                    target[0] = 0; // ONNX Reshape: 0 copies the input's dimension
                }
                var shape = ShapeConst(target);
                return (_g.Op("Reshape", ins[0].d, shape), ins[0].m is null ? null : _g.Op("Reshape", ins[0].m!, shape));
            }
            case "BroadcastTo":
            {
                if (_dynamicBatch) throw new NotSupportedException("MaskedOnnx: the op 'BroadcastTo' bakes the batch size in and cannot be exported with a dynamic batch.");
                var shape = ShapeConst(outShape);
                return (_g.Op("Expand", ins[0].d, shape), ins[0].m is null ? null : _g.Op("Expand", ins[0].m!, shape));
            }
        }
        throw new NotSupportedException($"MaskedOnnx: the op '{e.Op}' cannot be exported to ONNX (no (data, mask) translation for it).");
    }

    /// <summary>The axis of a recorded Concat (Core records no attribute for it): the one dimension where the output is the
    /// inputs' sum and every other dimension agrees. Stack is recorded as Unsqueeze + Concat, so its axis is found the same way.</summary>
    private static long ConcatAxis(MaskedTraceEntry e, int[] outShape)
    {
        var shapes = e.Inputs.Select(ShapeOf).ToArray();
        var candidates = Enumerable.Range(0, outShape.Length).Where(d =>
            shapes.All(s => s.Length == outShape.Length) && shapes.Sum(s => s[d]) == outShape[d]
            && Enumerable.Range(0, outShape.Length).All(k => k == d || shapes.All(s => s[k] == outShape[k]))).ToArray();
        if (candidates.Length == 0)
            throw new NotSupportedException($"MaskedOnnx: the op 'Concatenate' joins shapes {string.Join(", ", shapes.Select(s => "[" + string.Join(",", s) + "]"))} into [{string.Join(",", outShape)}], which no single axis explains.");
        return candidates[0];
    }

    private (string d, string? m) Reduce(MaskedTraceEntry e, (string d, string? m) x, OnnxType type)
    {
        var inShape = ShapeOf(e.Inputs[0]);
        var dims = e.Attributes.TryGetValue("dims", out var dv) && dv is int[] ds ? ds.Select(d => d < 0 ? d + inShape.Length : d).ToArray() : Enumerable.Range(0, inShape.Length).ToArray();
        long keep = e.Attributes.TryGetValue("keepDim", out var kv) && kv is true ? 1 : 0;
        var axes = dims.Select(d => (long)d).ToArray();
        var axesConst = _g.Constant(axes, axes.Length);
        string zero = _g.Scalar(0, type);
        var valid = x.m ?? FullMask(e.Inputs[0]);
        var count = _g.Node("ReduceSum", [_g.Node("Cast", [valid], null, ("to", (long)type)), axesConst], null, ("keepdims", keep));
        var any = _g.Op("Greater", count, zero);
        switch (e.Op)
        {
            case "Sum":
            {
                var s = _g.Node("ReduceSum", [_g.Op("Where", valid, x.d, zero), axesConst], null, ("keepdims", keep));
                return (s, any);
            }
            case "Mean":
            {
                var s = _g.Node("ReduceSum", [_g.Op("Where", valid, x.d, zero), axesConst], null, ("keepdims", keep));
                return (_g.Op("Div", s, _g.Op("Max", count, _g.Scalar(1, type))), any);
            }
            default:
            {
                bool max = e.Op == "Amax";
                var fill = _g.Scalar(max ? double.NegativeInfinity : double.PositiveInfinity, type);
                var r = _g.Node(max ? "ReduceMax" : "ReduceMin", [_g.Op("Where", valid, x.d, fill)], null, ("axes", axes), ("keepdims", keep));
                return (_g.Op("Where", any, r, zero), any);
            }
        }
    }

    /// <summary>Safe softmax: masked slots get no weight; a slice with nothing valid stays masked (never NaN).</summary>
    private (string d, string? m) Softmax(MaskedTraceEntry e, (string d, string? m) x, OnnxType type, bool log)
    {
        var shape = ShapeOf(e.Inputs[0]);
        int dim = (int)e.Attributes["dim"]!;
        if (dim < 0) dim += shape.Length;
        var valid = x.m ?? FullMask(e.Inputs[0]);
        string zero = _g.Scalar(0, type);
        var xm = _g.Op("Where", valid, x.d, _g.Scalar(double.NegativeInfinity, type));
        var max = _g.Node("ReduceMax", [xm], null, ("axes", new long[] { dim }), ("keepdims", 1L));
        var safeMax = _g.Op("Where", _g.Node("IsInf", [max], null, ("detect_positive", 0L)), zero, max);
        var shifted = _g.Op("Where", valid, _g.Op("Sub", x.d, safeMax), zero);
        var ex = _g.Op("Where", valid, _g.Op("Exp", shifted), zero);
        var sum = _g.Node("ReduceSum", [ex, _g.Constant(new long[] { dim }, 1)], null, ("keepdims", 1L));
        var safeSum = _g.Op("Where", _g.Op("Greater", sum, zero), sum, _g.Scalar(1, type));
        var y = log ? _g.Op("Sub", shifted, _g.Op("Log", safeSum)) : _g.Op("Div", ex, safeSum);
        return (_g.Op("Where", valid, y, zero), x.m);
    }
}
