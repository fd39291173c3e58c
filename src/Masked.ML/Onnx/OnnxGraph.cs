using System.Runtime.InteropServices;

namespace Masked.ML.Onnx;

/// <summary>ONNX element types used by this library.</summary>
public enum OnnxType
{
    /// <summary>float32.</summary>
    Float = 1,
    /// <summary>int32.</summary>
    Int32 = 6,
    /// <summary>int64.</summary>
    Int64 = 7,
    /// <summary>bool.</summary>
    Bool = 9,
    /// <summary>float64.</summary>
    Double = 11,
}

/// <summary>
/// Builds a small ONNX model (opset 17) in memory: typed inputs and outputs with fixed shapes, constant
/// initializers and nodes. The bytes load in ONNX Runtime and in ML.NET's <c>ApplyOnnxModel</c>.
/// </summary>
public sealed class OnnxGraph
{
    private readonly List<ProtoWriter> _nodes = [];
    private readonly List<ProtoWriter> _initializers = [];
    private readonly List<ProtoWriter> _inputs = [];
    private readonly List<ProtoWriter> _outputs = [];
    private int _next;

    /// <summary>Creates an empty graph.</summary>
    public OnnxGraph(string name) => Name = name;

    /// <summary>The graph name.</summary>
    public string Name { get; }

    /// <summary>Declares a graph input.</summary>
    public string Input(string name, OnnxType type, params long[] shape) { _inputs.Add(ValueInfo(name, type, shape)); return name; }

    /// <summary>Declares a graph output (an existing value, renamed through Identity).</summary>
    public void Output(string name, string value, OnnxType type, params long[] shape)
    {
        Node("Identity", [value], name);
        _outputs.Add(ValueInfo(name, type, shape));
    }

    /// <summary>A float constant tensor.</summary>
    public string Constant(float[] values, params long[] shape)
        => AddInitializer(OnnxType.Float, MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), shape);

    /// <summary>A double constant tensor.</summary>
    public string Constant(double[] values, params long[] shape)
        => AddInitializer(OnnxType.Double, MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), shape);

    /// <summary>An int64 constant tensor.</summary>
    public string Constant(long[] values, params long[] shape)
        => AddInitializer(OnnxType.Int64, MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), shape);

    /// <summary>A bool constant tensor.</summary>
    public string Constant(bool[] values, params long[] shape)
        => AddInitializer(OnnxType.Bool, values.Select(v => v ? (byte)1 : (byte)0).ToArray(), shape);

    /// <summary>A float scalar constant.</summary>
    public string Scalar(float value) => Constant([value]);

    private string AddInitializer(OnnxType type, byte[] raw, long[] shape)
    {
        string name = $"c{_next++}";
        var t = new ProtoWriter();
        t.PackedInts(1, shape);
        t.Int(2, (int)type);
        t.String(8, name);
        t.Bytes(9, raw);
        _initializers.Add(t);
        return name;
    }

    /// <summary>Adds a node with one output; returns the output's name. Attributes: int/long, float, long[] values.</summary>
    public string Node(string op, string[] inputs, string? output = null, params (string name, object value)[] attributes)
    {
        output ??= $"v{_next++}";
        var n = new ProtoWriter();
        foreach (var i in inputs) n.String(1, i);
        n.String(2, output);
        n.String(3, $"n{_next++}");
        n.String(4, op);
        foreach (var (name, value) in attributes)
        {
            var a = new ProtoWriter().String(1, name);
            switch (value)
            {
                case int i: a.Int(3, i).Int(20, 2); break;
                case long l: a.Int(3, l).Int(20, 2); break;
                case float f: a.Float(2, f).Int(20, 1); break;
                case long[] ls: a.PackedInts(8, ls).Int(20, 7); break;
                default: throw new ArgumentException($"Unsupported ONNX attribute value {value.GetType().Name}.");
            }
            n.Message(5, a);
        }
        _nodes.Add(n);
        return output;
    }

    /// <summary>Shorthand for a node with one output.</summary>
    public string Op(string op, params string[] inputs) => Node(op, inputs);

    private static ProtoWriter ValueInfo(string name, OnnxType type, long[] shape)
    {
        var shapeProto = new ProtoWriter();
        foreach (var d in shape) shapeProto.Message(1, new ProtoWriter().Int(1, d));
        var tensor = new ProtoWriter().Int(1, (int)type).Message(2, shapeProto);
        var typeProto = new ProtoWriter().Message(1, tensor);
        return new ProtoWriter().String(1, name).Message(2, typeProto);
    }

    /// <summary>The serialized ModelProto (IR version 8, default opset 17).</summary>
    public byte[] ToBytes()
    {
        var g = new ProtoWriter();
        foreach (var n in _nodes) g.Message(1, n);
        g.String(2, Name);
        foreach (var i in _initializers) g.Message(5, i);
        foreach (var i in _inputs) g.Message(11, i);
        foreach (var o in _outputs) g.Message(12, o);
        var model = new ProtoWriter();
        model.Int(1, 8);
        model.String(2, "Masked.ML");
        model.String(3, "1.0");
        model.Message(7, g);
        model.Message(8, new ProtoWriter().String(1, "").Int(2, 17));
        return model.ToArray();
    }
}
