using System.ComponentModel;
using System.Numerics;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Masked.ML.Mapping;

/// <summary>Input of a fused row mapping that reads the values only (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IValuesRow<T>
{
    /// <summary>The values (NaN = missing).</summary>
    VBuffer<T> X { get; }
}

/// <summary>Input of a fused row mapping that reads the values and a mask (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IMaskedValuesRow<T> : IValuesRow<T>
{
    /// <summary>The mask (false = missing).</summary>
    VBuffer<bool> M { get; }
}

/// <summary>Values-only row over a float vector (infrastructure of saved models; not for direct use).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleValuesRow : IValuesRow<float>
{
    /// <summary>The values (NaN = missing).</summary>
    [ColumnName(RowMappingNames.X), VectorType] public VBuffer<float> X;
    VBuffer<float> IValuesRow<float>.X => X;
}

/// <summary>Values-only row over a double vector (infrastructure of saved models; not for direct use).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleValuesRow : IValuesRow<double>
{
    /// <summary>The values (NaN = missing).</summary>
    [ColumnName(RowMappingNames.X), VectorType] public VBuffer<double> X;
    VBuffer<double> IValuesRow<double>.X => X;
}

/// <summary>Values and mask over a float vector (infrastructure of saved models; not for direct use).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SingleMaskedValuesRow : IMaskedValuesRow<float>
{
    /// <summary>The values (NaN = missing).</summary>
    [ColumnName(RowMappingNames.X), VectorType] public VBuffer<float> X;
    /// <summary>The mask (false = missing).</summary>
    [ColumnName(RowMappingNames.M), VectorType] public VBuffer<bool> M;
    VBuffer<float> IValuesRow<float>.X => X;
    VBuffer<bool> IMaskedValuesRow<float>.M => M;
}

/// <summary>Values and mask over a double vector (infrastructure of saved models; not for direct use).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DoubleMaskedValuesRow : IMaskedValuesRow<double>
{
    /// <summary>The values (NaN = missing).</summary>
    [ColumnName(RowMappingNames.X), VectorType] public VBuffer<double> X;
    /// <summary>The mask (false = missing).</summary>
    [ColumnName(RowMappingNames.M), VectorType] public VBuffer<bool> M;
    VBuffer<double> IValuesRow<double>.X => X;
    VBuffer<bool> IMaskedValuesRow<double>.M => M;
}

/// <summary>
/// Base of the fused row mappings: one output vector padded to <see cref="Size"/> with zeros, written by
/// <see cref="Map"/> from the row's spans; no parameters, no lookup (infrastructure of saved models).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class PaddedRowMappingFactory<TIn, TOut, T> : CustomMappingFactory<TIn, TOut>
    where TIn : class, IValuesRow<T>, new()
    where TOut : class, IRowValues<T>, new()
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The padded output size (a power of two).</summary>
    protected abstract int Size { get; }

    /// <summary>Writes the row's result into <paramref name="y"/> (<see cref="Size"/> slots).</summary>
    protected abstract void Map(TIn input, Span<T> y);

    /// <inheritdoc />
    public override Action<TIn, TOut> GetMapping()
    {
        int size = Size;
        return (i, o) =>
        {
            var y = VBufferEditor.Create(ref o.Y, size);
            Map(i, y.Values);
            o.Y = y.Commit();
        };
    }
}

/// <summary>
/// Base of the fused mask mappings: Y = M ? X : NaN on the row's spans, padded with zeros (infrastructure of saved models).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class MaskMappingFactory<TIn, TOut, T> : PaddedRowMappingFactory<TIn, TOut, T>
    where TIn : class, IMaskedValuesRow<T>, new()
    where TOut : class, IRowValues<T>, new()
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    protected sealed override void Map(TIn input, Span<T> y) => RowKernels.ApplyMask(RowKernels.Dense(input.X), RowKernels.Dense(input.M), y);
}

/// <summary>
/// Base of the fused softmax mappings over the values only: softmax over the non-NaN slots, NaN elsewhere, padded with
/// zeros (infrastructure of saved models).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class SoftmaxMappingFactory<TIn, TOut, T> : PaddedRowMappingFactory<TIn, TOut, T>
    where TIn : class, IValuesRow<T>, new()
    where TOut : class, IRowValues<T>, new()
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    protected sealed override void Map(TIn input, Span<T> y) => RowKernels.Softmax(RowKernels.Dense(input.X), ReadOnlySpan<bool>.Empty, y);
}

/// <summary>
/// Base of the fused softmax mappings with a mask: softmax over the slots that are not NaN and whose mask is true, NaN
/// elsewhere, padded with zeros (infrastructure of saved models).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class MaskedSoftmaxMappingFactory<TIn, TOut, T> : PaddedRowMappingFactory<TIn, TOut, T>
    where TIn : class, IMaskedValuesRow<T>, new()
    where TOut : class, IRowValues<T>, new()
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <inheritdoc />
    protected sealed override void Map(TIn input, Span<T> y) => RowKernels.Softmax(RowKernels.Dense(input.X), RowKernels.Dense(input.M), y);
}

/// <summary>
/// Base of the fused aggregate mappings: the aggregate and its correction are fixed by the factory (its contract name),
/// so nothing is looked up per row; the mask is read when the input row has one (infrastructure of saved models).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class AggregateMappingFactory<TIn, TOut, T> : CustomMappingFactory<TIn, TOut>
    where TIn : class, IValuesRow<T>, new()
    where TOut : class, IAggregateOutput, new()
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The aggregate.</summary>
    protected abstract MaskedAggregation Aggregation { get; }
    /// <summary>The variance correction (0 or 1).</summary>
    protected abstract double Correction { get; }

    /// <inheritdoc />
    public override Action<TIn, TOut> GetMapping()
    {
        var kind = Aggregation;
        double correction = Correction;
        if (typeof(IMaskedValuesRow<T>).IsAssignableFrom(typeof(TIn)))
            return (i, o) => o.Set(RowKernels.Aggregate(RowKernels.Dense(i.X), RowKernels.Dense(((IMaskedValuesRow<T>)i).M), kind, correction));
        return (i, o) => o.Set(RowKernels.Aggregate(RowKernels.Dense(i.X), ReadOnlySpan<bool>.Empty, kind, correction));
    }
}
