using System.ComponentModel;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Masked.ML.Mapping;

/// <summary>Column names and operation codes shared by the saved row mappings (part of the saved-model format: never rename).</summary>
internal static class RowMappingNames
{
    public const string X = "MaskedML.X";
    public const string M = "MaskedML.M";
    public const string P = "MaskedML.P";
    public const string Key = "MaskedML.Key";
    public const string Y = "MaskedML.Y";
    public const string V = "MaskedML.V";
    public const string W = "MaskedML.W";
    public const string KeyValue = "k";

    /// <summary>P[0] of a vector mapping: Y = valid ? X : NaN.</summary>
    public const double OpApply = 0;
    /// <summary>P[0] of a vector mapping: Y = softmax over the valid slots, P[1] = fill.</summary>
    public const double OpSoftmax = 1;

    /// <summary>Largest vector size the row mappings support.</summary>
    public const int MaxSlots = 1 << 16;
}

/// <summary>Row of a saved row mapping over a float vector (infrastructure of saved models; not for direct use).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleRowInput : IRowInput<float>
{
    /// <summary>The values (NaN = missing).</summary>
    [ColumnName(RowMappingNames.X), VectorType] public VBuffer<float> X;
    /// <summary>The mask (false = missing); empty when the component has no mask column.</summary>
    [ColumnName(RowMappingNames.M), VectorType] public VBuffer<bool> M;
    /// <summary>The operation and its parameters.</summary>
    [ColumnName(RowMappingNames.P), VectorType] public VBuffer<double> P;
    VBuffer<float> IRowInput<float>.X => X;
    VBuffer<bool> IRowInput<float>.M => M;
    VBuffer<double> IRowInput<float>.P => P;
}

/// <summary>Row of a saved row mapping over a double vector (infrastructure of saved models; not for direct use).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleRowInput : IRowInput<double>
{
    /// <summary>The values (NaN = missing).</summary>
    [ColumnName(RowMappingNames.X), VectorType] public VBuffer<double> X;
    /// <summary>The mask (false = missing); empty when the component has no mask column.</summary>
    [ColumnName(RowMappingNames.M), VectorType] public VBuffer<bool> M;
    /// <summary>The operation and its parameters.</summary>
    [ColumnName(RowMappingNames.P), VectorType] public VBuffer<double> P;
    VBuffer<double> IRowInput<double>.X => X;
    VBuffer<bool> IRowInput<double>.M => M;
    VBuffer<double> IRowInput<double>.P => P;
}

/// <summary>Input of a row mapping (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IRowInput<T>
{
    /// <summary>The values.</summary>
    VBuffer<T> X { get; }
    /// <summary>The mask (may be empty).</summary>
    VBuffer<bool> M { get; }
    /// <summary>Operation and parameters.</summary>
    VBuffer<double> P { get; }
}

/// <summary>Vector output of a row mapping (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IRowOutput<T>
{
    /// <summary>The values, padded to the mapping's size.</summary>
    ref VBuffer<T> Y { get; }
    /// <summary>The validity as NaN (valid) or 0 (missing), padded to the mapping's size.</summary>
    ref VBuffer<T> W { get; }
}

/// <summary>Vector output of a values-only row mapping (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IRowValues<T>
{
    /// <summary>The values, padded to the mapping's size.</summary>
    ref VBuffer<T> Y { get; }
}

/// <summary>Base of the sized values-only mappings (no validity output: one vector less to copy per row).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class RowValuesMappingFactory<TIn, TOut, T> : CustomMappingFactory<TIn, TOut>
    where TIn : class, IRowInput<T>, new()
    where TOut : class, IRowValues<T>, new()
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    /// <summary>The padded output size (a power of two).</summary>
    protected abstract int Size { get; }

    /// <inheritdoc />
    public override Action<TIn, TOut> GetMapping()
    {
        int size = Size;
        return (i, o) =>
        {
            var y = VBufferEditor.Create(ref o.Y, size);
            RowKernels.Map(RowKernels.Dense(i.X), RowKernels.Dense(i.M), RowKernels.Dense(i.P), y.Values, Span<T>.Empty);
            o.Y = y.Commit();
        };
    }
}

/// <summary>Scalar output of a float aggregate mapping (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleAggregateOutput : IAggregateOutput
{
    void IAggregateOutput.Set(double value) { Y = (float)value; V = !double.IsNaN(value); }
    /// <summary>The aggregate (NaN when nothing qualifies).</summary>
    [ColumnName(RowMappingNames.Y)] public float Y { get; set; }
    /// <summary>Whether the aggregate is a valid value.</summary>
    [ColumnName(RowMappingNames.V)] public bool V { get; set; }
}

/// <summary>Scalar output of a double aggregate mapping (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleAggregateOutput : IAggregateOutput
{
    void IAggregateOutput.Set(double value) { Y = value; V = !double.IsNaN(value); }
    /// <summary>The aggregate (NaN when nothing qualifies).</summary>
    [ColumnName(RowMappingNames.Y)] public double Y { get; set; }
    /// <summary>Whether the aggregate is a valid value.</summary>
    [ColumnName(RowMappingNames.V)] public bool V { get; set; }
}

/// <summary>Scalar output of an aggregate mapping (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IAggregateOutput
{
    /// <summary>Stores the aggregate (NaN = missing) and its validity.</summary>
    void Set(double value);
}

/// <summary>Row-wise aggregate over a float vector, saved by contract name (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class SingleAggregateFactory : CustomMappingFactory<SingleRowInput, SingleAggregateOutput>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Aggregate.Single";
    /// <inheritdoc />
    public override Action<SingleRowInput, SingleAggregateOutput> GetMapping() => static (i, o) =>
    {
        var p = RowKernels.Dense(i.P);
        double r = RowKernels.Aggregate<float>(RowKernels.Dense(i.X), RowKernels.Dense(i.M), (MaskedAggregation)(int)p[0], p[1]);
        o.Y = (float)r; o.V = !double.IsNaN(r);
    };
}

/// <summary>Row-wise aggregate over a double vector, saved by contract name (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class DoubleAggregateFactory : CustomMappingFactory<DoubleRowInput, DoubleAggregateOutput>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Aggregate.Double";
    /// <inheritdoc />
    public override Action<DoubleRowInput, DoubleAggregateOutput> GetMapping() => static (i, o) =>
    {
        var p = RowKernels.Dense(i.P);
        double r = RowKernels.Aggregate<double>(RowKernels.Dense(i.X), RowKernels.Dense(i.M), (MaskedAggregation)(int)p[0], p[1]);
        o.Y = r; o.V = !double.IsNaN(r);
    };
}

/// <summary>No input: the constant key mapping reads nothing.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class NoInput { }

/// <summary>The constant key column that the parameter lookup (MapValue) maps to the component's parameters.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class KeyOutput
{
    /// <summary>Always "k".</summary>
    [ColumnName(RowMappingNames.Key)] public string Key { get; set; } = RowMappingNames.KeyValue;
}

/// <summary>The constant key plus an empty mask column, for components without a mask column.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class KeyAndEmptyMaskOutput
{
    /// <summary>Always "k".</summary>
    [ColumnName(RowMappingNames.Key)] public string Key { get; set; } = RowMappingNames.KeyValue;
    /// <summary>Always empty (no mask).</summary>
    [ColumnName(RowMappingNames.M), VectorType] public bool[] M { get; set; } = [];
}

/// <summary>Writes the constant parameter key (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class KeyFactory : CustomMappingFactory<NoInput, KeyOutput>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.Key";
    /// <inheritdoc />
    public override Action<NoInput, KeyOutput> GetMapping() => static (_, o) => o.Key = RowMappingNames.KeyValue;
}

/// <summary>Writes the constant parameter key and an empty mask (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class KeyAndEmptyMaskFactory : CustomMappingFactory<NoInput, KeyAndEmptyMaskOutput>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.KeyAndEmptyMask";
    /// <inheritdoc />
    public override Action<NoInput, KeyAndEmptyMaskOutput> GetMapping() => static (_, o) => { o.Key = RowMappingNames.KeyValue; o.M = []; };
}

/// <summary>Base of the sized vector mappings: runs the row kernel selected by P[0] into outputs padded to <see cref="Size"/>.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class RowMappingFactory<TIn, TOut, T> : CustomMappingFactory<TIn, TOut>
    where TIn : class, IRowInput<T>, new()
    where TOut : class, IRowOutput<T>, new()
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    /// <summary>The padded output size (a power of two).</summary>
    protected abstract int Size { get; }

    /// <inheritdoc />
    public override Action<TIn, TOut> GetMapping()
    {
        int size = Size;
        return (i, o) =>
        {
            var y = VBufferEditor.Create(ref o.Y, size);
            var w = VBufferEditor.Create(ref o.W, size);
            RowKernels.Map(RowKernels.Dense(i.X), RowKernels.Dense(i.M), RowKernels.Dense(i.P), y.Values, w.Values);
            o.Y = y.Commit();
            o.W = w.Commit();
        };
    }
}
