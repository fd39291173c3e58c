using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Masked.ML;

// Kept so that models saved by the first release (ONNX-scored aggregates) still load; nothing new uses them.
/// <summary>Input of the one-element-vector → scalar mapping (float).</summary>
public sealed class UnwrapSingleInput
{
    /// <summary>The one-element vector.</summary>
    [VectorType(1), ColumnName(UnwrapSingleFactory.In)] public float[] Value { get; set; } = [];
}

/// <summary>Output of the one-element-vector → scalar mapping (float).</summary>
public sealed class UnwrapSingleOutput
{
    /// <summary>The scalar.</summary>
    [ColumnName(UnwrapSingleFactory.Out)] public float Value { get; set; }
}

/// <summary>Savable mapping from a one-element float vector to a float scalar (ONNX Runtime outputs at least 1-D here).</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class UnwrapSingleFactory : CustomMappingFactory<UnwrapSingleInput, UnwrapSingleOutput>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.UnwrapSingle";
    internal const string In = "MaskedML.Unwrap.In";
    internal const string Out = "MaskedML.Unwrap.Out";

    /// <inheritdoc />
    public override Action<UnwrapSingleInput, UnwrapSingleOutput> GetMapping() => (i, o) => o.Value = i.Value.Length > 0 ? i.Value[0] : float.NaN;
}

/// <summary>Input of the one-element-vector → scalar mapping (double).</summary>
public sealed class UnwrapDoubleInput
{
    /// <summary>The one-element vector.</summary>
    [VectorType(1), ColumnName(UnwrapSingleFactory.In)] public double[] Value { get; set; } = [];
}

/// <summary>Output of the one-element-vector → scalar mapping (double).</summary>
public sealed class UnwrapDoubleOutput
{
    /// <summary>The scalar.</summary>
    [ColumnName(UnwrapSingleFactory.Out)] public double Value { get; set; }
}

/// <summary>Savable mapping from a one-element double vector to a double scalar.</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class UnwrapDoubleFactory : CustomMappingFactory<UnwrapDoubleInput, UnwrapDoubleOutput>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.UnwrapDouble";

    /// <inheritdoc />
    public override Action<UnwrapDoubleInput, UnwrapDoubleOutput> GetMapping() => (i, o) => o.Value = i.Value.Length > 0 ? i.Value[0] : double.NaN;
}

/// <summary>Input of the one-element-vector → scalar mapping (bool).</summary>
public sealed class UnwrapBoolInput
{
    /// <summary>The one-element vector.</summary>
    [VectorType(1), ColumnName(UnwrapBoolFactory.In)] public bool[] Value { get; set; } = [];
}

/// <summary>Output of the one-element-vector → scalar mapping (bool).</summary>
public sealed class UnwrapBoolOutput
{
    /// <summary>The scalar.</summary>
    [ColumnName(UnwrapBoolFactory.Out)] public bool Value { get; set; }
}

/// <summary>Savable mapping from a one-element bool vector to a bool scalar (aggregate validity).</summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class UnwrapBoolFactory : CustomMappingFactory<UnwrapBoolInput, UnwrapBoolOutput>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.UnwrapBool";
    internal const string In = "MaskedML.UnwrapBool.In";
    internal const string Out = "MaskedML.UnwrapBool.Out";

    /// <inheritdoc />
    public override Action<UnwrapBoolInput, UnwrapBoolOutput> GetMapping() => (i, o) => o.Value = i.Value.Length > 0 && i.Value[0];
}
