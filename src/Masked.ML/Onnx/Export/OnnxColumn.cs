namespace Masked.ML.Onnx;

/// <summary>
/// One ML.NET column as the pipeline exporter tracks it: the ONNX value holding its data (shape [N, width], as ML.NET's
/// converter lays columns out; a scalar column has width 1), an optional explicit validity (bool, same shape; null = a
/// float value is valid when it is not NaN), or a constant that has no tensor yet (a masked component's saved parameters
/// and their lookup key), or the empty-mask marker of a component without a mask column.
/// </summary>
internal sealed class OnnxColumn
{
    /// <summary>The ONNX value name of the data (null for a constant not materialised yet).</summary>
    public string? Data { get; init; }

    /// <summary>Explicit validity (bool, same shape as the data); null when validity is "not NaN" (or the type has no missing value).</summary>
    public string? Mask { get; init; }

    /// <summary>ONNX element type (TensorProto.DataType) of the data.</summary>
    public int ElemType { get; init; }

    /// <summary>Slots per row (1 for a scalar column).</summary>
    public long Width { get; init; } = 1;

    /// <summary>A text constant (the parameter lookup key).</summary>
    public string? Text { get; init; }

    /// <summary>A numeric vector constant (a masked component's parameters).</summary>
    public double[]? Constant { get; init; }

    /// <summary>The component has no mask column: every mask entry is true.</summary>
    public bool EmptyMask { get; init; }

    /// <summary>Whether the data is a floating-point tensor (float or double): those carry masks.</summary>
    public bool IsFloating => ElemType is (int)OnnxType.Float or (int)OnnxType.Double;
}
