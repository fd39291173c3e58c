using System.Runtime.InteropServices;
using Google.Protobuf;
using Masked.ML.Onnx.Proto;

namespace Masked.ML.Onnx;

/// <summary>ONNX element types used by this library (values of <c>TensorProto.DataType</c>).</summary>
internal enum OnnxType
{
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    Int32 = 6,
    Int64 = 7,
    Bool = 9,
    Double = 11,
}

/// <summary>
/// Builds an ONNX model (opset 17, IR 8) over the classes generated from <c>onnx.proto</c>: typed inputs and
/// outputs (a dimension of -1 is symbolic, named <c>N</c>), constant initializers and nodes.
/// </summary>
internal sealed class OnnxGraph
{
    /// <summary>The default-domain opset every graph is written for.</summary>
    public const long Opset = 17;

    private readonly GraphProto _graph;
    private readonly HashSet<string> _names = [];
    private int _next;

    /// <summary>Creates an empty graph.</summary>
    public OnnxGraph(string name) => _graph = new GraphProto { Name = name };

    /// <summary>The graph name.</summary>
    public string Name => _graph.Name;

    /// <summary>The underlying graph message.</summary>
    public GraphProto Graph => _graph;

    /// <summary>A fresh value name with the given prefix.</summary>
    public string Fresh(string prefix = "v")
    {
        string n;
        do n = $"{prefix}{_next++}"; while (!_names.Add(n));
        return n;
    }

    /// <summary>Declares a graph input.</summary>
    public string Input(string name, OnnxType type, params long[] shape)
    {
        _names.Add(name);
        _graph.Input.Add(ValueInfo(name, type, shape));
        return name;
    }

    /// <summary>Declares a graph output (an existing value, renamed through Identity).</summary>
    public void Output(string name, string value, OnnxType type, params long[] shape)
    {
        Node("Identity", [value], name);
        _graph.Output.Add(ValueInfo(name, type, shape));
    }

    /// <summary>Declares a graph input of a raw ONNX element type (shape as in <see cref="ValueInfo(string, OnnxType, long[])"/>).</summary>
    public string Input(string name, int elemType, long[] shape)
    {
        _names.Add(name);
        _graph.Input.Add(ValueInfo(name, (OnnxType)elemType, shape));
        return name;
    }

    /// <summary>Declares a graph output of a raw ONNX element type (an existing value, renamed through Identity).</summary>
    public void Output(string name, string value, int elemType, long[] shape) => Output(name, value, (OnnxType)elemType, shape);

    /// <summary>Adds a node built elsewhere (its names must already be unique in this graph).</summary>
    public void AddNode(NodeProto node)
    {
        foreach (var o in node.Output) _names.Add(o);
        _graph.Node.Add(node);
    }

    /// <summary>Adds an initializer built elsewhere (its name must already be unique in this graph).</summary>
    public void AddInitializer(TensorProto tensor)
    {
        _names.Add(tensor.Name);
        _graph.Initializer.Add(tensor);
    }

    /// <summary>Reserves a name so that <see cref="Fresh"/> never returns it.</summary>
    public void Reserve(string name) => _names.Add(name);

    /// <summary>A float constant tensor.</summary>
    public string Constant(float[] values, params long[] shape) => AddInitializer(OnnxType.Float, MemoryMarshal.AsBytes(values.AsSpan()), shape);

    /// <summary>A double constant tensor.</summary>
    public string Constant(double[] values, params long[] shape) => AddInitializer(OnnxType.Double, MemoryMarshal.AsBytes(values.AsSpan()), shape);

    /// <summary>An int64 constant tensor.</summary>
    public string Constant(long[] values, params long[] shape) => AddInitializer(OnnxType.Int64, MemoryMarshal.AsBytes(values.AsSpan()), shape);

    /// <summary>An int32 constant tensor.</summary>
    public string Constant(int[] values, params long[] shape) => AddInitializer(OnnxType.Int32, MemoryMarshal.AsBytes(values.AsSpan()), shape);

    /// <summary>A bool constant tensor.</summary>
    public string Constant(bool[] values, params long[] shape)
        => AddInitializer(OnnxType.Bool, values.Select(v => v ? (byte)1 : (byte)0).ToArray(), shape);

    /// <summary>A float scalar constant.</summary>
    public string Scalar(float value) => Constant([value]);

    /// <summary>A scalar constant of the given floating type.</summary>
    public string Scalar(double value, OnnxType type) => type switch
    {
        OnnxType.Float => Constant([(float)value]),
        OnnxType.Double => Constant([value]),
        OnnxType.Int32 => Constant([(int)value]),
        OnnxType.Int64 => Constant([(long)value]),
        OnnxType.Bool => Constant([value != 0]),
        _ => throw new ArgumentException($"No scalar constant of ONNX type {type}."),
    };

    private string AddInitializer(OnnxType type, ReadOnlySpan<byte> raw, long[] shape)
    {
        string name = Fresh("c");
        var t = new TensorProto { DataType = (int)type, Name = name, RawData = ByteString.CopyFrom(raw) };
        t.Dims.AddRange(shape);
        _graph.Initializer.Add(t);
        return name;
    }

    /// <summary>Adds a node with one output; returns the output's name. Attributes: int/long, float, string, long[], float[] values.</summary>
    public string Node(string op, string[] inputs, string? output = null, params (string name, object value)[] attributes)
        => NodeMulti(op, inputs, [output ?? Fresh()], attributes)[0];

    /// <summary>Adds a node with several outputs (an empty name = an unused optional output).</summary>
    public string[] NodeMulti(string op, string[] inputs, string[] outputs, params (string name, object value)[] attributes)
    {
        var n = new NodeProto { OpType = op, Name = Fresh("n") };
        n.Input.AddRange(inputs);
        foreach (var o in outputs) _names.Add(o);
        n.Output.AddRange(outputs);
        foreach (var (name, value) in attributes)
        {
            var a = new AttributeProto { Name = name };
            switch (value)
            {
                case int i: a.I = i; a.Type = AttributeProto.Types.AttributeType.Int; break;
                case long l: a.I = l; a.Type = AttributeProto.Types.AttributeType.Int; break;
                case float f: a.F = f; a.Type = AttributeProto.Types.AttributeType.Float; break;
                case string s: a.S = ByteString.CopyFromUtf8(s); a.Type = AttributeProto.Types.AttributeType.String; break;
                case long[] ls: a.Ints.AddRange(ls); a.Type = AttributeProto.Types.AttributeType.Ints; break;
                case float[] fs: a.Floats.AddRange(fs); a.Type = AttributeProto.Types.AttributeType.Floats; break;
                default: throw new ArgumentException($"Unsupported ONNX attribute value {value.GetType().Name} for attribute '{name}' of {op}.");
            }
            n.Attribute.Add(a);
        }
        _graph.Node.Add(n);
        return outputs;
    }

    /// <summary>Shorthand for a node with one output.</summary>
    public string Op(string op, params string[] inputs) => Node(op, inputs);

    /// <summary>A value-info message; a dimension of -1 is the symbolic batch dimension <c>N</c>.</summary>
    public static ValueInfoProto ValueInfo(string name, OnnxType type, long[] shape)
    {
        var tensor = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = new TensorShapeProto() };
        foreach (var d in shape)
            tensor.Shape.Dim.Add(d < 0 ? new TensorShapeProto.Types.Dimension { DimParam = "N" } : new TensorShapeProto.Types.Dimension { DimValue = d });
        return new ValueInfoProto { Name = name, Type = new TypeProto { TensorType = tensor } };
    }

    /// <summary>The model message (IR version 8, default opset 17, plus any other domains' opsets given).</summary>
    public ModelProto ToModel(IEnumerable<(string domain, long version)>? otherOpsets = null)
    {
        var model = new ModelProto { IrVersion = 8, ProducerName = "Masked.ML", ProducerVersion = "1.0", Graph = _graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        foreach (var (domain, version) in otherOpsets ?? [])
            model.OpsetImport.Add(new OperatorSetIdProto { Domain = domain, Version = version });
        return model;
    }

    /// <summary>The serialized ModelProto.</summary>
    public byte[] ToBytes() => ToModel().ToByteArray();
}
