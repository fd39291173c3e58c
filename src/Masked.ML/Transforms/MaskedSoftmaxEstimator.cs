using Masked.ML.Mapping;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Masked.ML;

/// <summary>
/// Per-row softmax over the valid slots; masked slots get the fill (NaN by default); a row with no valid slot is all fill —
/// never NaN from 0/0. Nothing is fitted: <c>Fit</c> returns a savable chain of ML.NET pieces — column copies, one fused
/// <c>CustomMapping</c> (factory resolved by contract name from Masked.ML's assembly when the model is loaded) running the
/// softmax on the row's span with nothing to look up, and ML.NET's expression transform for an output mask or a fill
/// other than NaN.
/// </summary>
public sealed class MaskedSoftmaxEstimator : IEstimator<ITransformer>
{
    private readonly TransformsCatalog _catalog;

    internal MaskedSoftmaxEstimator(TransformsCatalog catalog, string outputColumnName, string? inputColumnName, string? maskColumnName, double fill, string? outputMaskColumnName)
    {
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        OutputColumnName = outputColumnName ?? throw new ArgumentNullException(nameof(outputColumnName));
        InputColumnName = inputColumnName ?? outputColumnName;
        MaskColumnName = maskColumnName;
        FittedInput.CheckMaskColumn(InputColumnName, maskColumnName);
        OutputMaskColumnName = outputMaskColumnName;
        Fill = fill;
    }

    /// <summary>The output column.</summary>
    public string OutputColumnName { get; }
    /// <summary>The input float/double vector column; NaN marks a missing value.</summary>
    public string InputColumnName { get; }
    /// <summary>Optional bool vector column of the same size: false marks a missing value.</summary>
    public string? MaskColumnName { get; }
    /// <summary>Optional output bool vector column: true where the output is a valid probability.</summary>
    public string? OutputMaskColumnName { get; }
    /// <summary>The value written into masked slots.</summary>
    public double Fill { get; }

    /// <summary>Checks the columns and returns the savable transformer (nothing to learn).</summary>
    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (slots, isDouble) = ColumnScanner.Check(input.Schema, InputColumnName, MaskColumnName);
        RequireVector(input.Schema[InputColumnName].Type, InputColumnName);
        var chain = new RowMappingChain(_catalog, input);
        foreach (var step in Steps(isDouble, slots)) chain.Add(step);
        chain.DropTemporaries();
        return new CheckedTransformer(chain.ToTransformer(), [new FittedInput(InputColumnName, isDouble, slots)]);
    }

    /// <summary>The pieces, in order: copies to the mapping's names; for an output mask the validity (an expression on the
    /// input, or on the masked values when a mask column is given); the fused softmax mapping (with the slot selection that
    /// drops the padding when the size is not a power of two); the fill (an expression) or a copy to the output name.</summary>
    private IEnumerable<IEstimator<ITransformer>> Steps(bool isDouble, int slots)
    {
        yield return RowMappingChain.Copies(_catalog, InputColumnName, MaskColumnName);
        if (OutputMaskColumnName is not null)
        {
            if (MaskColumnName is null) yield return RowMappingChain.NotNaN(_catalog, OutputMaskColumnName, RowMappingNames.X);
            else
            {
                foreach (var s in RowMappingChain.Fused(_catalog, FusedRowMappings.Mask(_catalog, isDouble, slots), isDouble, slots)) yield return s;
                yield return RowMappingChain.NotNaN(_catalog, OutputMaskColumnName, RowMappingNames.Y);
            }
        }
        var softmax = MaskColumnName is null ? FusedRowMappings.Softmax(_catalog, isDouble, slots) : FusedRowMappings.MaskedSoftmax(_catalog, isDouble, slots);
        foreach (var s in RowMappingChain.Fused(_catalog, softmax, isDouble, slots)) yield return s;
        yield return double.IsNaN(Fill)
            ? _catalog.CopyColumns(OutputColumnName, RowMappingNames.Y)
            : _catalog.Expression(OutputColumnName, RowMappingChain.FillExpression(Fill, isDouble), RowMappingNames.Y);
    }

    internal static void RequireVector(DataViewType type, string column)
    {
        if (type is not VectorDataViewType) throw new ArgumentException($"Column '{column}' must be a vector column of known size; it is {type}.");
    }

    /// <summary>The output schema, without fitting anything.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        bool isDouble = ItemIsDouble(inputSchema, InputColumnName);
        var shape = inputSchema;
        // Sizes are not part of a SchemaShape: the unpadded size-1 mappings stand for every size.
        foreach (var step in Steps(isDouble, 1)) shape = step.GetOutputSchema(shape);
        return RowMappingChain.DropTemporaries(_catalog, shape);
    }

    internal static bool ItemIsDouble(SchemaShape schema, string column)
    {
        var c = schema.FirstOrDefault(x => x.Name == column);
        if (c.Name is null) throw new ArgumentException($"Input column '{column}' not found.", nameof(schema));
        if (c.ItemType != NumberDataViewType.Single && c.ItemType != NumberDataViewType.Double)
            throw new ArgumentException($"Column '{column}' must hold float or double values; it holds {c.ItemType}.", nameof(schema));
        return c.ItemType == NumberDataViewType.Double;
    }
}

/// <summary>
/// A row-wise aggregate over the valid slots of a vector column, as a scalar column (missing when nothing valid; count 0).
/// What <c>Fit</c> returns is a chain of ML.NET's own savable pieces: column copies and one fused <c>CustomMapping</c>
/// (factory resolved by contract name from Masked.ML's assembly when the model is loaded; the contract fixes the aggregate
/// and the correction) that runs the aggregate on the row's span in managed code. A variance or standard deviation with a
/// correction other than 0 or 1 keeps its parameters in a one-entry <c>MapValue</c> table inside the model zip instead.
/// </summary>
public sealed class MaskedAggregateEstimator : IEstimator<ITransformer>
{
    private readonly TransformsCatalog _catalog;

    internal MaskedAggregateEstimator(TransformsCatalog catalog, string outputColumnName, string inputColumnName, MaskedAggregation aggregation, string? maskColumnName, double correction, string? outputMaskColumnName)
    {
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        if (!(correction >= 0) || !double.IsFinite(correction)) throw new ArgumentOutOfRangeException(nameof(correction), correction, "correction must be finite and non-negative");
        if (!Enum.IsDefined(aggregation)) throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "Unknown aggregation.");
        OutputColumnName = outputColumnName ?? throw new ArgumentNullException(nameof(outputColumnName));
        InputColumnName = inputColumnName ?? throw new ArgumentNullException(nameof(inputColumnName));
        MaskColumnName = maskColumnName;
        FittedInput.CheckMaskColumn(InputColumnName, maskColumnName);
        OutputMaskColumnName = outputMaskColumnName;
        Aggregation = aggregation;
        Correction = correction;
    }

    /// <summary>The output scalar column.</summary>
    public string OutputColumnName { get; }
    /// <summary>The input float/double vector column; NaN marks a missing value.</summary>
    public string InputColumnName { get; }
    /// <summary>Optional bool vector column of the same size: false marks a missing value.</summary>
    public string? MaskColumnName { get; }
    /// <summary>Optional output bool column: true where the aggregate is a valid value.</summary>
    public string? OutputMaskColumnName { get; }
    /// <summary>The aggregate.</summary>
    public MaskedAggregation Aggregation { get; }
    /// <summary>Variance/std correction (1 = unbiased).</summary>
    public double Correction { get; }

    private double[] Parameters => [(double)(int)Aggregation, Correction];

    /// <summary>Copies plus the fused aggregate mapping (aggregate and correction fixed by its contract name: nothing looked
    /// up per row); for a variance correction other than 0 or 1, the key + MapValue parameter lookup and the generic
    /// aggregate mapping.</summary>
    private IEstimator<ITransformer> Mapping(bool isDouble)
    {
        var fused = FusedRowMappings.Aggregate(_catalog, isDouble, MaskColumnName is not null, Aggregation, Correction);
        return fused is not null
            ? RowMappingChain.Copies(_catalog, InputColumnName, MaskColumnName).Append(fused)
            : RowMappingChain.Prefix(_catalog, InputColumnName, MaskColumnName, Parameters).Append(RowMappingChain.AggregateMapping(_catalog, isDouble));
    }

    /// <summary>Checks the columns and returns the savable transformer (nothing to learn).</summary>
    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (slots, isDouble) = ColumnScanner.Check(input.Schema, InputColumnName, MaskColumnName);
        MaskedSoftmaxEstimator.RequireVector(input.Schema[InputColumnName].Type, InputColumnName);
        var chain = new RowMappingChain(_catalog, input);
        chain.Add(Mapping(isDouble));
        chain.AddOutputs(OutputColumnName, OutputMaskColumnName);
        return new CheckedTransformer(chain.ToTransformer(), [new FittedInput(InputColumnName, isDouble, slots)]);
    }

    /// <summary>The output schema, without fitting anything.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
        => RowMappingChain.AggregateShape(_catalog, inputSchema, Mapping(MaskedSoftmaxEstimator.ItemIsDouble(inputSchema, InputColumnName)), OutputColumnName, OutputMaskColumnName);
}
