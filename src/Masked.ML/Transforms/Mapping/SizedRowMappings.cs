// Generated: one output class and one factory per padded size and item type (the saved-model format needs a
// compile-time [VectorType(n)] per size). Regenerate rather than edit by hand.
using System.ComponentModel;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Masked.ML.Mapping;

/// <summary>Output of the single row mapping padded to 1 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowOutput1 : IRowOutput<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(1)] public VBuffer<float> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(1)] public VBuffer<float> W;
    ref VBuffer<float> IRowOutput<float>.Y => ref Y;
    ref VBuffer<float> IRowOutput<float>.W => ref W;

}

/// <summary>The single row mapping padded to 1 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowMapping1 : RowMappingFactory<SingleRowInput, SingleRowOutput1, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Single.1";
    /// <inheritdoc />
    protected override int Size => 1;
}

/// <summary>Output of the double row mapping padded to 1 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowOutput1 : IRowOutput<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(1)] public VBuffer<double> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(1)] public VBuffer<double> W;
    ref VBuffer<double> IRowOutput<double>.Y => ref Y;
    ref VBuffer<double> IRowOutput<double>.W => ref W;

}

/// <summary>The double row mapping padded to 1 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowMapping1 : RowMappingFactory<DoubleRowInput, DoubleRowOutput1, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Double.1";
    /// <inheritdoc />
    protected override int Size => 1;
}

/// <summary>Output of the single row mapping padded to 2 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowOutput2 : IRowOutput<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(2)] public VBuffer<float> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(2)] public VBuffer<float> W;
    ref VBuffer<float> IRowOutput<float>.Y => ref Y;
    ref VBuffer<float> IRowOutput<float>.W => ref W;

}

/// <summary>The single row mapping padded to 2 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowMapping2 : RowMappingFactory<SingleRowInput, SingleRowOutput2, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Single.2";
    /// <inheritdoc />
    protected override int Size => 2;
}

/// <summary>Output of the double row mapping padded to 2 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowOutput2 : IRowOutput<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(2)] public VBuffer<double> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(2)] public VBuffer<double> W;
    ref VBuffer<double> IRowOutput<double>.Y => ref Y;
    ref VBuffer<double> IRowOutput<double>.W => ref W;

}

/// <summary>The double row mapping padded to 2 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowMapping2 : RowMappingFactory<DoubleRowInput, DoubleRowOutput2, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Double.2";
    /// <inheritdoc />
    protected override int Size => 2;
}

/// <summary>Output of the single row mapping padded to 4 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowOutput4 : IRowOutput<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(4)] public VBuffer<float> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(4)] public VBuffer<float> W;
    ref VBuffer<float> IRowOutput<float>.Y => ref Y;
    ref VBuffer<float> IRowOutput<float>.W => ref W;

}

/// <summary>The single row mapping padded to 4 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowMapping4 : RowMappingFactory<SingleRowInput, SingleRowOutput4, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Single.4";
    /// <inheritdoc />
    protected override int Size => 4;
}

/// <summary>Output of the double row mapping padded to 4 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowOutput4 : IRowOutput<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(4)] public VBuffer<double> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(4)] public VBuffer<double> W;
    ref VBuffer<double> IRowOutput<double>.Y => ref Y;
    ref VBuffer<double> IRowOutput<double>.W => ref W;

}

/// <summary>The double row mapping padded to 4 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowMapping4 : RowMappingFactory<DoubleRowInput, DoubleRowOutput4, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Double.4";
    /// <inheritdoc />
    protected override int Size => 4;
}

/// <summary>Output of the single row mapping padded to 8 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowOutput8 : IRowOutput<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(8)] public VBuffer<float> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(8)] public VBuffer<float> W;
    ref VBuffer<float> IRowOutput<float>.Y => ref Y;
    ref VBuffer<float> IRowOutput<float>.W => ref W;

}

/// <summary>The single row mapping padded to 8 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowMapping8 : RowMappingFactory<SingleRowInput, SingleRowOutput8, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Single.8";
    /// <inheritdoc />
    protected override int Size => 8;
}

/// <summary>Output of the double row mapping padded to 8 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowOutput8 : IRowOutput<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(8)] public VBuffer<double> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(8)] public VBuffer<double> W;
    ref VBuffer<double> IRowOutput<double>.Y => ref Y;
    ref VBuffer<double> IRowOutput<double>.W => ref W;

}

/// <summary>The double row mapping padded to 8 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowMapping8 : RowMappingFactory<DoubleRowInput, DoubleRowOutput8, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Double.8";
    /// <inheritdoc />
    protected override int Size => 8;
}

/// <summary>Output of the single row mapping padded to 16 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowOutput16 : IRowOutput<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(16)] public VBuffer<float> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(16)] public VBuffer<float> W;
    ref VBuffer<float> IRowOutput<float>.Y => ref Y;
    ref VBuffer<float> IRowOutput<float>.W => ref W;

}

/// <summary>The single row mapping padded to 16 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowMapping16 : RowMappingFactory<SingleRowInput, SingleRowOutput16, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Single.16";
    /// <inheritdoc />
    protected override int Size => 16;
}

/// <summary>Output of the double row mapping padded to 16 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowOutput16 : IRowOutput<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(16)] public VBuffer<double> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(16)] public VBuffer<double> W;
    ref VBuffer<double> IRowOutput<double>.Y => ref Y;
    ref VBuffer<double> IRowOutput<double>.W => ref W;

}

/// <summary>The double row mapping padded to 16 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowMapping16 : RowMappingFactory<DoubleRowInput, DoubleRowOutput16, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Double.16";
    /// <inheritdoc />
    protected override int Size => 16;
}

/// <summary>Output of the single row mapping padded to 32 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowOutput32 : IRowOutput<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(32)] public VBuffer<float> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(32)] public VBuffer<float> W;
    ref VBuffer<float> IRowOutput<float>.Y => ref Y;
    ref VBuffer<float> IRowOutput<float>.W => ref W;

}

/// <summary>The single row mapping padded to 32 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowMapping32 : RowMappingFactory<SingleRowInput, SingleRowOutput32, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Single.32";
    /// <inheritdoc />
    protected override int Size => 32;
}

/// <summary>Output of the double row mapping padded to 32 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowOutput32 : IRowOutput<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(32)] public VBuffer<double> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(32)] public VBuffer<double> W;
    ref VBuffer<double> IRowOutput<double>.Y => ref Y;
    ref VBuffer<double> IRowOutput<double>.W => ref W;

}

/// <summary>The double row mapping padded to 32 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowMapping32 : RowMappingFactory<DoubleRowInput, DoubleRowOutput32, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Double.32";
    /// <inheritdoc />
    protected override int Size => 32;
}

/// <summary>Output of the single row mapping padded to 64 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowOutput64 : IRowOutput<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(64)] public VBuffer<float> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(64)] public VBuffer<float> W;
    ref VBuffer<float> IRowOutput<float>.Y => ref Y;
    ref VBuffer<float> IRowOutput<float>.W => ref W;

}

/// <summary>The single row mapping padded to 64 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowMapping64 : RowMappingFactory<SingleRowInput, SingleRowOutput64, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Single.64";
    /// <inheritdoc />
    protected override int Size => 64;
}

/// <summary>Output of the double row mapping padded to 64 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowOutput64 : IRowOutput<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(64)] public VBuffer<double> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(64)] public VBuffer<double> W;
    ref VBuffer<double> IRowOutput<double>.Y => ref Y;
    ref VBuffer<double> IRowOutput<double>.W => ref W;

}

/// <summary>The double row mapping padded to 64 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowMapping64 : RowMappingFactory<DoubleRowInput, DoubleRowOutput64, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Double.64";
    /// <inheritdoc />
    protected override int Size => 64;
}

/// <summary>Output of the single row mapping padded to 128 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowOutput128 : IRowOutput<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(128)] public VBuffer<float> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(128)] public VBuffer<float> W;
    ref VBuffer<float> IRowOutput<float>.Y => ref Y;
    ref VBuffer<float> IRowOutput<float>.W => ref W;

}

/// <summary>The single row mapping padded to 128 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowMapping128 : RowMappingFactory<SingleRowInput, SingleRowOutput128, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Single.128";
    /// <inheritdoc />
    protected override int Size => 128;
}

/// <summary>Output of the double row mapping padded to 128 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowOutput128 : IRowOutput<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(128)] public VBuffer<double> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(128)] public VBuffer<double> W;
    ref VBuffer<double> IRowOutput<double>.Y => ref Y;
    ref VBuffer<double> IRowOutput<double>.W => ref W;

}

/// <summary>The double row mapping padded to 128 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowMapping128 : RowMappingFactory<DoubleRowInput, DoubleRowOutput128, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Double.128";
    /// <inheritdoc />
    protected override int Size => 128;
}

/// <summary>Output of the single row mapping padded to 256 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowOutput256 : IRowOutput<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(256)] public VBuffer<float> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(256)] public VBuffer<float> W;
    ref VBuffer<float> IRowOutput<float>.Y => ref Y;
    ref VBuffer<float> IRowOutput<float>.W => ref W;

}

/// <summary>The single row mapping padded to 256 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowMapping256 : RowMappingFactory<SingleRowInput, SingleRowOutput256, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Single.256";
    /// <inheritdoc />
    protected override int Size => 256;
}

/// <summary>Output of the double row mapping padded to 256 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowOutput256 : IRowOutput<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(256)] public VBuffer<double> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(256)] public VBuffer<double> W;
    ref VBuffer<double> IRowOutput<double>.Y => ref Y;
    ref VBuffer<double> IRowOutput<double>.W => ref W;

}

/// <summary>The double row mapping padded to 256 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowMapping256 : RowMappingFactory<DoubleRowInput, DoubleRowOutput256, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Double.256";
    /// <inheritdoc />
    protected override int Size => 256;
}

/// <summary>Output of the single row mapping padded to 512 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowOutput512 : IRowOutput<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(512)] public VBuffer<float> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(512)] public VBuffer<float> W;
    ref VBuffer<float> IRowOutput<float>.Y => ref Y;
    ref VBuffer<float> IRowOutput<float>.W => ref W;

}

/// <summary>The single row mapping padded to 512 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowMapping512 : RowMappingFactory<SingleRowInput, SingleRowOutput512, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Single.512";
    /// <inheritdoc />
    protected override int Size => 512;
}

/// <summary>Output of the double row mapping padded to 512 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowOutput512 : IRowOutput<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(512)] public VBuffer<double> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(512)] public VBuffer<double> W;
    ref VBuffer<double> IRowOutput<double>.Y => ref Y;
    ref VBuffer<double> IRowOutput<double>.W => ref W;

}

/// <summary>The double row mapping padded to 512 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowMapping512 : RowMappingFactory<DoubleRowInput, DoubleRowOutput512, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Double.512";
    /// <inheritdoc />
    protected override int Size => 512;
}

/// <summary>Output of the single row mapping padded to 1024 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowOutput1024 : IRowOutput<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(1024)] public VBuffer<float> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(1024)] public VBuffer<float> W;
    ref VBuffer<float> IRowOutput<float>.Y => ref Y;
    ref VBuffer<float> IRowOutput<float>.W => ref W;

}

/// <summary>The single row mapping padded to 1024 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowMapping1024 : RowMappingFactory<SingleRowInput, SingleRowOutput1024, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Single.1024";
    /// <inheritdoc />
    protected override int Size => 1024;
}

/// <summary>Output of the double row mapping padded to 1024 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowOutput1024 : IRowOutput<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(1024)] public VBuffer<double> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(1024)] public VBuffer<double> W;
    ref VBuffer<double> IRowOutput<double>.Y => ref Y;
    ref VBuffer<double> IRowOutput<double>.W => ref W;

}

/// <summary>The double row mapping padded to 1024 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowMapping1024 : RowMappingFactory<DoubleRowInput, DoubleRowOutput1024, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Double.1024";
    /// <inheritdoc />
    protected override int Size => 1024;
}

/// <summary>Output of the single row mapping padded to 2048 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowOutput2048 : IRowOutput<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(2048)] public VBuffer<float> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(2048)] public VBuffer<float> W;
    ref VBuffer<float> IRowOutput<float>.Y => ref Y;
    ref VBuffer<float> IRowOutput<float>.W => ref W;

}

/// <summary>The single row mapping padded to 2048 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowMapping2048 : RowMappingFactory<SingleRowInput, SingleRowOutput2048, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Single.2048";
    /// <inheritdoc />
    protected override int Size => 2048;
}

/// <summary>Output of the double row mapping padded to 2048 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowOutput2048 : IRowOutput<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(2048)] public VBuffer<double> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(2048)] public VBuffer<double> W;
    ref VBuffer<double> IRowOutput<double>.Y => ref Y;
    ref VBuffer<double> IRowOutput<double>.W => ref W;

}

/// <summary>The double row mapping padded to 2048 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowMapping2048 : RowMappingFactory<DoubleRowInput, DoubleRowOutput2048, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Double.2048";
    /// <inheritdoc />
    protected override int Size => 2048;
}

/// <summary>Output of the single row mapping padded to 4096 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowOutput4096 : IRowOutput<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(4096)] public VBuffer<float> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(4096)] public VBuffer<float> W;
    ref VBuffer<float> IRowOutput<float>.Y => ref Y;
    ref VBuffer<float> IRowOutput<float>.W => ref W;

}

/// <summary>The single row mapping padded to 4096 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowMapping4096 : RowMappingFactory<SingleRowInput, SingleRowOutput4096, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Single.4096";
    /// <inheritdoc />
    protected override int Size => 4096;
}

/// <summary>Output of the double row mapping padded to 4096 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowOutput4096 : IRowOutput<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(4096)] public VBuffer<double> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(4096)] public VBuffer<double> W;
    ref VBuffer<double> IRowOutput<double>.Y => ref Y;
    ref VBuffer<double> IRowOutput<double>.W => ref W;

}

/// <summary>The double row mapping padded to 4096 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowMapping4096 : RowMappingFactory<DoubleRowInput, DoubleRowOutput4096, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Double.4096";
    /// <inheritdoc />
    protected override int Size => 4096;
}

/// <summary>Output of the single row mapping padded to 8192 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowOutput8192 : IRowOutput<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(8192)] public VBuffer<float> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(8192)] public VBuffer<float> W;
    ref VBuffer<float> IRowOutput<float>.Y => ref Y;
    ref VBuffer<float> IRowOutput<float>.W => ref W;

}

/// <summary>The single row mapping padded to 8192 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowMapping8192 : RowMappingFactory<SingleRowInput, SingleRowOutput8192, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Single.8192";
    /// <inheritdoc />
    protected override int Size => 8192;
}

/// <summary>Output of the double row mapping padded to 8192 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowOutput8192 : IRowOutput<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(8192)] public VBuffer<double> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(8192)] public VBuffer<double> W;
    ref VBuffer<double> IRowOutput<double>.Y => ref Y;
    ref VBuffer<double> IRowOutput<double>.W => ref W;

}

/// <summary>The double row mapping padded to 8192 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowMapping8192 : RowMappingFactory<DoubleRowInput, DoubleRowOutput8192, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Double.8192";
    /// <inheritdoc />
    protected override int Size => 8192;
}

/// <summary>Output of the single row mapping padded to 16384 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowOutput16384 : IRowOutput<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(16384)] public VBuffer<float> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(16384)] public VBuffer<float> W;
    ref VBuffer<float> IRowOutput<float>.Y => ref Y;
    ref VBuffer<float> IRowOutput<float>.W => ref W;

}

/// <summary>The single row mapping padded to 16384 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowMapping16384 : RowMappingFactory<SingleRowInput, SingleRowOutput16384, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Single.16384";
    /// <inheritdoc />
    protected override int Size => 16384;
}

/// <summary>Output of the double row mapping padded to 16384 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowOutput16384 : IRowOutput<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(16384)] public VBuffer<double> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(16384)] public VBuffer<double> W;
    ref VBuffer<double> IRowOutput<double>.Y => ref Y;
    ref VBuffer<double> IRowOutput<double>.W => ref W;

}

/// <summary>The double row mapping padded to 16384 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowMapping16384 : RowMappingFactory<DoubleRowInput, DoubleRowOutput16384, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Double.16384";
    /// <inheritdoc />
    protected override int Size => 16384;
}

/// <summary>Output of the single row mapping padded to 32768 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowOutput32768 : IRowOutput<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(32768)] public VBuffer<float> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(32768)] public VBuffer<float> W;
    ref VBuffer<float> IRowOutput<float>.Y => ref Y;
    ref VBuffer<float> IRowOutput<float>.W => ref W;

}

/// <summary>The single row mapping padded to 32768 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowMapping32768 : RowMappingFactory<SingleRowInput, SingleRowOutput32768, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Single.32768";
    /// <inheritdoc />
    protected override int Size => 32768;
}

/// <summary>Output of the double row mapping padded to 32768 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowOutput32768 : IRowOutput<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(32768)] public VBuffer<double> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(32768)] public VBuffer<double> W;
    ref VBuffer<double> IRowOutput<double>.Y => ref Y;
    ref VBuffer<double> IRowOutput<double>.W => ref W;

}

/// <summary>The double row mapping padded to 32768 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowMapping32768 : RowMappingFactory<DoubleRowInput, DoubleRowOutput32768, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Double.32768";
    /// <inheritdoc />
    protected override int Size => 32768;
}

/// <summary>Output of the single row mapping padded to 65536 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowOutput65536 : IRowOutput<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(65536)] public VBuffer<float> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(65536)] public VBuffer<float> W;
    ref VBuffer<float> IRowOutput<float>.Y => ref Y;
    ref VBuffer<float> IRowOutput<float>.W => ref W;

}

/// <summary>The single row mapping padded to 65536 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowMapping65536 : RowMappingFactory<SingleRowInput, SingleRowOutput65536, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Single.65536";
    /// <inheritdoc />
    protected override int Size => 65536;
}

/// <summary>Output of the double row mapping padded to 65536 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowOutput65536 : IRowOutput<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(65536)] public VBuffer<double> Y;
    /// <summary>Validity as NaN (valid) / 0 (missing): trimmed like Y, then turned into a bool vector by IndicateMissingValues.</summary>
    [ColumnName(RowMappingNames.W), VectorType(65536)] public VBuffer<double> W;
    ref VBuffer<double> IRowOutput<double>.Y => ref Y;
    ref VBuffer<double> IRowOutput<double>.W => ref W;

}

/// <summary>The double row mapping padded to 65536 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowMapping65536 : RowMappingFactory<DoubleRowInput, DoubleRowOutput65536, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Row.Double.65536";
    /// <inheritdoc />
    protected override int Size => 65536;
}

/// <summary>Values-only output of the single row mapping padded to 1 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowValues1 : IRowValues<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(1)] public VBuffer<float> Y;
    ref VBuffer<float> IRowValues<float>.Y => ref Y;
}

/// <summary>The values-only single row mapping padded to 1 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowValuesMapping1 : RowValuesMappingFactory<SingleRowInput, SingleRowValues1, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Single.1";
    /// <inheritdoc />
    protected override int Size => 1;
}

/// <summary>Values-only output of the double row mapping padded to 1 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowValues1 : IRowValues<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(1)] public VBuffer<double> Y;
    ref VBuffer<double> IRowValues<double>.Y => ref Y;
}

/// <summary>The values-only double row mapping padded to 1 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowValuesMapping1 : RowValuesMappingFactory<DoubleRowInput, DoubleRowValues1, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Double.1";
    /// <inheritdoc />
    protected override int Size => 1;
}

/// <summary>Values-only output of the single row mapping padded to 2 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowValues2 : IRowValues<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(2)] public VBuffer<float> Y;
    ref VBuffer<float> IRowValues<float>.Y => ref Y;
}

/// <summary>The values-only single row mapping padded to 2 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowValuesMapping2 : RowValuesMappingFactory<SingleRowInput, SingleRowValues2, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Single.2";
    /// <inheritdoc />
    protected override int Size => 2;
}

/// <summary>Values-only output of the double row mapping padded to 2 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowValues2 : IRowValues<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(2)] public VBuffer<double> Y;
    ref VBuffer<double> IRowValues<double>.Y => ref Y;
}

/// <summary>The values-only double row mapping padded to 2 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowValuesMapping2 : RowValuesMappingFactory<DoubleRowInput, DoubleRowValues2, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Double.2";
    /// <inheritdoc />
    protected override int Size => 2;
}

/// <summary>Values-only output of the single row mapping padded to 4 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowValues4 : IRowValues<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(4)] public VBuffer<float> Y;
    ref VBuffer<float> IRowValues<float>.Y => ref Y;
}

/// <summary>The values-only single row mapping padded to 4 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowValuesMapping4 : RowValuesMappingFactory<SingleRowInput, SingleRowValues4, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Single.4";
    /// <inheritdoc />
    protected override int Size => 4;
}

/// <summary>Values-only output of the double row mapping padded to 4 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowValues4 : IRowValues<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(4)] public VBuffer<double> Y;
    ref VBuffer<double> IRowValues<double>.Y => ref Y;
}

/// <summary>The values-only double row mapping padded to 4 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowValuesMapping4 : RowValuesMappingFactory<DoubleRowInput, DoubleRowValues4, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Double.4";
    /// <inheritdoc />
    protected override int Size => 4;
}

/// <summary>Values-only output of the single row mapping padded to 8 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowValues8 : IRowValues<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(8)] public VBuffer<float> Y;
    ref VBuffer<float> IRowValues<float>.Y => ref Y;
}

/// <summary>The values-only single row mapping padded to 8 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowValuesMapping8 : RowValuesMappingFactory<SingleRowInput, SingleRowValues8, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Single.8";
    /// <inheritdoc />
    protected override int Size => 8;
}

/// <summary>Values-only output of the double row mapping padded to 8 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowValues8 : IRowValues<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(8)] public VBuffer<double> Y;
    ref VBuffer<double> IRowValues<double>.Y => ref Y;
}

/// <summary>The values-only double row mapping padded to 8 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowValuesMapping8 : RowValuesMappingFactory<DoubleRowInput, DoubleRowValues8, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Double.8";
    /// <inheritdoc />
    protected override int Size => 8;
}

/// <summary>Values-only output of the single row mapping padded to 16 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowValues16 : IRowValues<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(16)] public VBuffer<float> Y;
    ref VBuffer<float> IRowValues<float>.Y => ref Y;
}

/// <summary>The values-only single row mapping padded to 16 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowValuesMapping16 : RowValuesMappingFactory<SingleRowInput, SingleRowValues16, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Single.16";
    /// <inheritdoc />
    protected override int Size => 16;
}

/// <summary>Values-only output of the double row mapping padded to 16 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowValues16 : IRowValues<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(16)] public VBuffer<double> Y;
    ref VBuffer<double> IRowValues<double>.Y => ref Y;
}

/// <summary>The values-only double row mapping padded to 16 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowValuesMapping16 : RowValuesMappingFactory<DoubleRowInput, DoubleRowValues16, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Double.16";
    /// <inheritdoc />
    protected override int Size => 16;
}

/// <summary>Values-only output of the single row mapping padded to 32 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowValues32 : IRowValues<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(32)] public VBuffer<float> Y;
    ref VBuffer<float> IRowValues<float>.Y => ref Y;
}

/// <summary>The values-only single row mapping padded to 32 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowValuesMapping32 : RowValuesMappingFactory<SingleRowInput, SingleRowValues32, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Single.32";
    /// <inheritdoc />
    protected override int Size => 32;
}

/// <summary>Values-only output of the double row mapping padded to 32 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowValues32 : IRowValues<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(32)] public VBuffer<double> Y;
    ref VBuffer<double> IRowValues<double>.Y => ref Y;
}

/// <summary>The values-only double row mapping padded to 32 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowValuesMapping32 : RowValuesMappingFactory<DoubleRowInput, DoubleRowValues32, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Double.32";
    /// <inheritdoc />
    protected override int Size => 32;
}

/// <summary>Values-only output of the single row mapping padded to 64 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowValues64 : IRowValues<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(64)] public VBuffer<float> Y;
    ref VBuffer<float> IRowValues<float>.Y => ref Y;
}

/// <summary>The values-only single row mapping padded to 64 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowValuesMapping64 : RowValuesMappingFactory<SingleRowInput, SingleRowValues64, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Single.64";
    /// <inheritdoc />
    protected override int Size => 64;
}

/// <summary>Values-only output of the double row mapping padded to 64 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowValues64 : IRowValues<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(64)] public VBuffer<double> Y;
    ref VBuffer<double> IRowValues<double>.Y => ref Y;
}

/// <summary>The values-only double row mapping padded to 64 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowValuesMapping64 : RowValuesMappingFactory<DoubleRowInput, DoubleRowValues64, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Double.64";
    /// <inheritdoc />
    protected override int Size => 64;
}

/// <summary>Values-only output of the single row mapping padded to 128 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowValues128 : IRowValues<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(128)] public VBuffer<float> Y;
    ref VBuffer<float> IRowValues<float>.Y => ref Y;
}

/// <summary>The values-only single row mapping padded to 128 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowValuesMapping128 : RowValuesMappingFactory<SingleRowInput, SingleRowValues128, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Single.128";
    /// <inheritdoc />
    protected override int Size => 128;
}

/// <summary>Values-only output of the double row mapping padded to 128 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowValues128 : IRowValues<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(128)] public VBuffer<double> Y;
    ref VBuffer<double> IRowValues<double>.Y => ref Y;
}

/// <summary>The values-only double row mapping padded to 128 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowValuesMapping128 : RowValuesMappingFactory<DoubleRowInput, DoubleRowValues128, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Double.128";
    /// <inheritdoc />
    protected override int Size => 128;
}

/// <summary>Values-only output of the single row mapping padded to 256 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowValues256 : IRowValues<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(256)] public VBuffer<float> Y;
    ref VBuffer<float> IRowValues<float>.Y => ref Y;
}

/// <summary>The values-only single row mapping padded to 256 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowValuesMapping256 : RowValuesMappingFactory<SingleRowInput, SingleRowValues256, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Single.256";
    /// <inheritdoc />
    protected override int Size => 256;
}

/// <summary>Values-only output of the double row mapping padded to 256 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowValues256 : IRowValues<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(256)] public VBuffer<double> Y;
    ref VBuffer<double> IRowValues<double>.Y => ref Y;
}

/// <summary>The values-only double row mapping padded to 256 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowValuesMapping256 : RowValuesMappingFactory<DoubleRowInput, DoubleRowValues256, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Double.256";
    /// <inheritdoc />
    protected override int Size => 256;
}

/// <summary>Values-only output of the single row mapping padded to 512 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowValues512 : IRowValues<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(512)] public VBuffer<float> Y;
    ref VBuffer<float> IRowValues<float>.Y => ref Y;
}

/// <summary>The values-only single row mapping padded to 512 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowValuesMapping512 : RowValuesMappingFactory<SingleRowInput, SingleRowValues512, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Single.512";
    /// <inheritdoc />
    protected override int Size => 512;
}

/// <summary>Values-only output of the double row mapping padded to 512 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowValues512 : IRowValues<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(512)] public VBuffer<double> Y;
    ref VBuffer<double> IRowValues<double>.Y => ref Y;
}

/// <summary>The values-only double row mapping padded to 512 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowValuesMapping512 : RowValuesMappingFactory<DoubleRowInput, DoubleRowValues512, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Double.512";
    /// <inheritdoc />
    protected override int Size => 512;
}

/// <summary>Values-only output of the single row mapping padded to 1024 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowValues1024 : IRowValues<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(1024)] public VBuffer<float> Y;
    ref VBuffer<float> IRowValues<float>.Y => ref Y;
}

/// <summary>The values-only single row mapping padded to 1024 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowValuesMapping1024 : RowValuesMappingFactory<SingleRowInput, SingleRowValues1024, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Single.1024";
    /// <inheritdoc />
    protected override int Size => 1024;
}

/// <summary>Values-only output of the double row mapping padded to 1024 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowValues1024 : IRowValues<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(1024)] public VBuffer<double> Y;
    ref VBuffer<double> IRowValues<double>.Y => ref Y;
}

/// <summary>The values-only double row mapping padded to 1024 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowValuesMapping1024 : RowValuesMappingFactory<DoubleRowInput, DoubleRowValues1024, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Double.1024";
    /// <inheritdoc />
    protected override int Size => 1024;
}

/// <summary>Values-only output of the single row mapping padded to 2048 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowValues2048 : IRowValues<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(2048)] public VBuffer<float> Y;
    ref VBuffer<float> IRowValues<float>.Y => ref Y;
}

/// <summary>The values-only single row mapping padded to 2048 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowValuesMapping2048 : RowValuesMappingFactory<SingleRowInput, SingleRowValues2048, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Single.2048";
    /// <inheritdoc />
    protected override int Size => 2048;
}

/// <summary>Values-only output of the double row mapping padded to 2048 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowValues2048 : IRowValues<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(2048)] public VBuffer<double> Y;
    ref VBuffer<double> IRowValues<double>.Y => ref Y;
}

/// <summary>The values-only double row mapping padded to 2048 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowValuesMapping2048 : RowValuesMappingFactory<DoubleRowInput, DoubleRowValues2048, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Double.2048";
    /// <inheritdoc />
    protected override int Size => 2048;
}

/// <summary>Values-only output of the single row mapping padded to 4096 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowValues4096 : IRowValues<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(4096)] public VBuffer<float> Y;
    ref VBuffer<float> IRowValues<float>.Y => ref Y;
}

/// <summary>The values-only single row mapping padded to 4096 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowValuesMapping4096 : RowValuesMappingFactory<SingleRowInput, SingleRowValues4096, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Single.4096";
    /// <inheritdoc />
    protected override int Size => 4096;
}

/// <summary>Values-only output of the double row mapping padded to 4096 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowValues4096 : IRowValues<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(4096)] public VBuffer<double> Y;
    ref VBuffer<double> IRowValues<double>.Y => ref Y;
}

/// <summary>The values-only double row mapping padded to 4096 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowValuesMapping4096 : RowValuesMappingFactory<DoubleRowInput, DoubleRowValues4096, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Double.4096";
    /// <inheritdoc />
    protected override int Size => 4096;
}

/// <summary>Values-only output of the single row mapping padded to 8192 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowValues8192 : IRowValues<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(8192)] public VBuffer<float> Y;
    ref VBuffer<float> IRowValues<float>.Y => ref Y;
}

/// <summary>The values-only single row mapping padded to 8192 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowValuesMapping8192 : RowValuesMappingFactory<SingleRowInput, SingleRowValues8192, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Single.8192";
    /// <inheritdoc />
    protected override int Size => 8192;
}

/// <summary>Values-only output of the double row mapping padded to 8192 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowValues8192 : IRowValues<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(8192)] public VBuffer<double> Y;
    ref VBuffer<double> IRowValues<double>.Y => ref Y;
}

/// <summary>The values-only double row mapping padded to 8192 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowValuesMapping8192 : RowValuesMappingFactory<DoubleRowInput, DoubleRowValues8192, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Double.8192";
    /// <inheritdoc />
    protected override int Size => 8192;
}

/// <summary>Values-only output of the single row mapping padded to 16384 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowValues16384 : IRowValues<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(16384)] public VBuffer<float> Y;
    ref VBuffer<float> IRowValues<float>.Y => ref Y;
}

/// <summary>The values-only single row mapping padded to 16384 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowValuesMapping16384 : RowValuesMappingFactory<SingleRowInput, SingleRowValues16384, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Single.16384";
    /// <inheritdoc />
    protected override int Size => 16384;
}

/// <summary>Values-only output of the double row mapping padded to 16384 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowValues16384 : IRowValues<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(16384)] public VBuffer<double> Y;
    ref VBuffer<double> IRowValues<double>.Y => ref Y;
}

/// <summary>The values-only double row mapping padded to 16384 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowValuesMapping16384 : RowValuesMappingFactory<DoubleRowInput, DoubleRowValues16384, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Double.16384";
    /// <inheritdoc />
    protected override int Size => 16384;
}

/// <summary>Values-only output of the single row mapping padded to 32768 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowValues32768 : IRowValues<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(32768)] public VBuffer<float> Y;
    ref VBuffer<float> IRowValues<float>.Y => ref Y;
}

/// <summary>The values-only single row mapping padded to 32768 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowValuesMapping32768 : RowValuesMappingFactory<SingleRowInput, SingleRowValues32768, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Single.32768";
    /// <inheritdoc />
    protected override int Size => 32768;
}

/// <summary>Values-only output of the double row mapping padded to 32768 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowValues32768 : IRowValues<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(32768)] public VBuffer<double> Y;
    ref VBuffer<double> IRowValues<double>.Y => ref Y;
}

/// <summary>The values-only double row mapping padded to 32768 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowValuesMapping32768 : RowValuesMappingFactory<DoubleRowInput, DoubleRowValues32768, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Double.32768";
    /// <inheritdoc />
    protected override int Size => 32768;
}

/// <summary>Values-only output of the single row mapping padded to 65536 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowValues65536 : IRowValues<float>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(65536)] public VBuffer<float> Y;
    ref VBuffer<float> IRowValues<float>.Y => ref Y;
}

/// <summary>The values-only single row mapping padded to 65536 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleRowValuesMapping65536 : RowValuesMappingFactory<SingleRowInput, SingleRowValues65536, float>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Single.65536";
    /// <inheritdoc />
    protected override int Size => 65536;
}

/// <summary>Values-only output of the double row mapping padded to 65536 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowValues65536 : IRowValues<double>
{
    /// <summary>Values.</summary>
    [ColumnName(RowMappingNames.Y), VectorType(65536)] public VBuffer<double> Y;
    ref VBuffer<double> IRowValues<double>.Y => ref Y;
}

/// <summary>The values-only double row mapping padded to 65536 slots (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleRowValuesMapping65536 : RowValuesMappingFactory<DoubleRowInput, DoubleRowValues65536, double>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.RowValues.Double.65536";
    /// <inheritdoc />
    protected override int Size => 65536;
}

/// <summary>Creates the sized row mapping estimators.</summary>
internal static class SizedRowMappings
{
    /// <summary>The padded size for <paramref name="slots"/> slots.</summary>
    public static int PaddedSize(int slots) => (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)slots);

    public static Microsoft.ML.IEstimator<Microsoft.ML.ITransformer> Create(Microsoft.ML.TransformsCatalog catalog, bool isDouble, int slots, bool validity)
        => validity ? WithValidity(catalog, isDouble, slots) : ValuesOnly(catalog, isDouble, slots);

    private static Microsoft.ML.IEstimator<Microsoft.ML.ITransformer> ValuesOnly(Microsoft.ML.TransformsCatalog catalog, bool isDouble, int slots) => (isDouble, PaddedSize(slots)) switch
    {
        (false, 1) => catalog.CustomMapping(new SingleRowValuesMapping1().GetMapping(), SingleRowValuesMapping1.ContractName),
        (true, 1) => catalog.CustomMapping(new DoubleRowValuesMapping1().GetMapping(), DoubleRowValuesMapping1.ContractName),
        (false, 2) => catalog.CustomMapping(new SingleRowValuesMapping2().GetMapping(), SingleRowValuesMapping2.ContractName),
        (true, 2) => catalog.CustomMapping(new DoubleRowValuesMapping2().GetMapping(), DoubleRowValuesMapping2.ContractName),
        (false, 4) => catalog.CustomMapping(new SingleRowValuesMapping4().GetMapping(), SingleRowValuesMapping4.ContractName),
        (true, 4) => catalog.CustomMapping(new DoubleRowValuesMapping4().GetMapping(), DoubleRowValuesMapping4.ContractName),
        (false, 8) => catalog.CustomMapping(new SingleRowValuesMapping8().GetMapping(), SingleRowValuesMapping8.ContractName),
        (true, 8) => catalog.CustomMapping(new DoubleRowValuesMapping8().GetMapping(), DoubleRowValuesMapping8.ContractName),
        (false, 16) => catalog.CustomMapping(new SingleRowValuesMapping16().GetMapping(), SingleRowValuesMapping16.ContractName),
        (true, 16) => catalog.CustomMapping(new DoubleRowValuesMapping16().GetMapping(), DoubleRowValuesMapping16.ContractName),
        (false, 32) => catalog.CustomMapping(new SingleRowValuesMapping32().GetMapping(), SingleRowValuesMapping32.ContractName),
        (true, 32) => catalog.CustomMapping(new DoubleRowValuesMapping32().GetMapping(), DoubleRowValuesMapping32.ContractName),
        (false, 64) => catalog.CustomMapping(new SingleRowValuesMapping64().GetMapping(), SingleRowValuesMapping64.ContractName),
        (true, 64) => catalog.CustomMapping(new DoubleRowValuesMapping64().GetMapping(), DoubleRowValuesMapping64.ContractName),
        (false, 128) => catalog.CustomMapping(new SingleRowValuesMapping128().GetMapping(), SingleRowValuesMapping128.ContractName),
        (true, 128) => catalog.CustomMapping(new DoubleRowValuesMapping128().GetMapping(), DoubleRowValuesMapping128.ContractName),
        (false, 256) => catalog.CustomMapping(new SingleRowValuesMapping256().GetMapping(), SingleRowValuesMapping256.ContractName),
        (true, 256) => catalog.CustomMapping(new DoubleRowValuesMapping256().GetMapping(), DoubleRowValuesMapping256.ContractName),
        (false, 512) => catalog.CustomMapping(new SingleRowValuesMapping512().GetMapping(), SingleRowValuesMapping512.ContractName),
        (true, 512) => catalog.CustomMapping(new DoubleRowValuesMapping512().GetMapping(), DoubleRowValuesMapping512.ContractName),
        (false, 1024) => catalog.CustomMapping(new SingleRowValuesMapping1024().GetMapping(), SingleRowValuesMapping1024.ContractName),
        (true, 1024) => catalog.CustomMapping(new DoubleRowValuesMapping1024().GetMapping(), DoubleRowValuesMapping1024.ContractName),
        (false, 2048) => catalog.CustomMapping(new SingleRowValuesMapping2048().GetMapping(), SingleRowValuesMapping2048.ContractName),
        (true, 2048) => catalog.CustomMapping(new DoubleRowValuesMapping2048().GetMapping(), DoubleRowValuesMapping2048.ContractName),
        (false, 4096) => catalog.CustomMapping(new SingleRowValuesMapping4096().GetMapping(), SingleRowValuesMapping4096.ContractName),
        (true, 4096) => catalog.CustomMapping(new DoubleRowValuesMapping4096().GetMapping(), DoubleRowValuesMapping4096.ContractName),
        (false, 8192) => catalog.CustomMapping(new SingleRowValuesMapping8192().GetMapping(), SingleRowValuesMapping8192.ContractName),
        (true, 8192) => catalog.CustomMapping(new DoubleRowValuesMapping8192().GetMapping(), DoubleRowValuesMapping8192.ContractName),
        (false, 16384) => catalog.CustomMapping(new SingleRowValuesMapping16384().GetMapping(), SingleRowValuesMapping16384.ContractName),
        (true, 16384) => catalog.CustomMapping(new DoubleRowValuesMapping16384().GetMapping(), DoubleRowValuesMapping16384.ContractName),
        (false, 32768) => catalog.CustomMapping(new SingleRowValuesMapping32768().GetMapping(), SingleRowValuesMapping32768.ContractName),
        (true, 32768) => catalog.CustomMapping(new DoubleRowValuesMapping32768().GetMapping(), DoubleRowValuesMapping32768.ContractName),
        (false, 65536) => catalog.CustomMapping(new SingleRowValuesMapping65536().GetMapping(), SingleRowValuesMapping65536.ContractName),
        (true, 65536) => catalog.CustomMapping(new DoubleRowValuesMapping65536().GetMapping(), DoubleRowValuesMapping65536.ContractName),
        _ => throw new ArgumentException($"Masked row components support vectors of up to {RowMappingNames.MaxSlots} slots; this one has {slots}."),
    };

    private static Microsoft.ML.IEstimator<Microsoft.ML.ITransformer> WithValidity(Microsoft.ML.TransformsCatalog catalog, bool isDouble, int slots) => (isDouble, PaddedSize(slots)) switch
    {
        (false, 1) => catalog.CustomMapping(new SingleRowMapping1().GetMapping(), SingleRowMapping1.ContractName),
        (true, 1) => catalog.CustomMapping(new DoubleRowMapping1().GetMapping(), DoubleRowMapping1.ContractName),
        (false, 2) => catalog.CustomMapping(new SingleRowMapping2().GetMapping(), SingleRowMapping2.ContractName),
        (true, 2) => catalog.CustomMapping(new DoubleRowMapping2().GetMapping(), DoubleRowMapping2.ContractName),
        (false, 4) => catalog.CustomMapping(new SingleRowMapping4().GetMapping(), SingleRowMapping4.ContractName),
        (true, 4) => catalog.CustomMapping(new DoubleRowMapping4().GetMapping(), DoubleRowMapping4.ContractName),
        (false, 8) => catalog.CustomMapping(new SingleRowMapping8().GetMapping(), SingleRowMapping8.ContractName),
        (true, 8) => catalog.CustomMapping(new DoubleRowMapping8().GetMapping(), DoubleRowMapping8.ContractName),
        (false, 16) => catalog.CustomMapping(new SingleRowMapping16().GetMapping(), SingleRowMapping16.ContractName),
        (true, 16) => catalog.CustomMapping(new DoubleRowMapping16().GetMapping(), DoubleRowMapping16.ContractName),
        (false, 32) => catalog.CustomMapping(new SingleRowMapping32().GetMapping(), SingleRowMapping32.ContractName),
        (true, 32) => catalog.CustomMapping(new DoubleRowMapping32().GetMapping(), DoubleRowMapping32.ContractName),
        (false, 64) => catalog.CustomMapping(new SingleRowMapping64().GetMapping(), SingleRowMapping64.ContractName),
        (true, 64) => catalog.CustomMapping(new DoubleRowMapping64().GetMapping(), DoubleRowMapping64.ContractName),
        (false, 128) => catalog.CustomMapping(new SingleRowMapping128().GetMapping(), SingleRowMapping128.ContractName),
        (true, 128) => catalog.CustomMapping(new DoubleRowMapping128().GetMapping(), DoubleRowMapping128.ContractName),
        (false, 256) => catalog.CustomMapping(new SingleRowMapping256().GetMapping(), SingleRowMapping256.ContractName),
        (true, 256) => catalog.CustomMapping(new DoubleRowMapping256().GetMapping(), DoubleRowMapping256.ContractName),
        (false, 512) => catalog.CustomMapping(new SingleRowMapping512().GetMapping(), SingleRowMapping512.ContractName),
        (true, 512) => catalog.CustomMapping(new DoubleRowMapping512().GetMapping(), DoubleRowMapping512.ContractName),
        (false, 1024) => catalog.CustomMapping(new SingleRowMapping1024().GetMapping(), SingleRowMapping1024.ContractName),
        (true, 1024) => catalog.CustomMapping(new DoubleRowMapping1024().GetMapping(), DoubleRowMapping1024.ContractName),
        (false, 2048) => catalog.CustomMapping(new SingleRowMapping2048().GetMapping(), SingleRowMapping2048.ContractName),
        (true, 2048) => catalog.CustomMapping(new DoubleRowMapping2048().GetMapping(), DoubleRowMapping2048.ContractName),
        (false, 4096) => catalog.CustomMapping(new SingleRowMapping4096().GetMapping(), SingleRowMapping4096.ContractName),
        (true, 4096) => catalog.CustomMapping(new DoubleRowMapping4096().GetMapping(), DoubleRowMapping4096.ContractName),
        (false, 8192) => catalog.CustomMapping(new SingleRowMapping8192().GetMapping(), SingleRowMapping8192.ContractName),
        (true, 8192) => catalog.CustomMapping(new DoubleRowMapping8192().GetMapping(), DoubleRowMapping8192.ContractName),
        (false, 16384) => catalog.CustomMapping(new SingleRowMapping16384().GetMapping(), SingleRowMapping16384.ContractName),
        (true, 16384) => catalog.CustomMapping(new DoubleRowMapping16384().GetMapping(), DoubleRowMapping16384.ContractName),
        (false, 32768) => catalog.CustomMapping(new SingleRowMapping32768().GetMapping(), SingleRowMapping32768.ContractName),
        (true, 32768) => catalog.CustomMapping(new DoubleRowMapping32768().GetMapping(), DoubleRowMapping32768.ContractName),
        (false, 65536) => catalog.CustomMapping(new SingleRowMapping65536().GetMapping(), SingleRowMapping65536.ContractName),
        (true, 65536) => catalog.CustomMapping(new DoubleRowMapping65536().GetMapping(), DoubleRowMapping65536.ContractName),
        _ => throw new ArgumentException($"Masked row components support vectors of up to {RowMappingNames.MaxSlots} slots; this one has {slots}."),
    };
}
