using Microsoft.ML;
using Microsoft.ML.Data;

namespace Masked.ML.Mapping;

/// <summary>
/// Assembles what the masked row components return from ML.NET's own savable pieces, all created through the caller's
/// catalog: column copies to the mappings' input names; the fused row mappings (<see cref="FusedRowMappings"/>: one
/// CustomMapping per component running <see cref="RowKernels"/> on the row's span, nothing to look up) with a slot
/// selection fitted to drop the power-of-two padding; ML.NET's expression transform for validity and fills; for
/// aggregates a constant key (CustomMapping) looked up in a one-entry MapValue table that stores the parameters inside
/// the model zip; and a final drop of the temporary columns.
/// </summary>
internal sealed class RowMappingChain
{
    private readonly TransformsCatalog _catalog;
    private readonly List<ITransformer> _parts = new();
    private IDataView _current;

    public RowMappingChain(TransformsCatalog catalog, IDataView input) { _catalog = catalog; _current = input; }

    /// <summary>The data as transformed so far (lazy).</summary>
    public IDataView Current => _current;

    public void Add(IEstimator<ITransformer> estimator) => Add(estimator.Fit(_current));

    public void Add(ITransformer transformer) { _parts.Add(transformer); _current = transformer.Transform(_current); }

    public TransformerChain<ITransformer> ToTransformer() => new(_parts.ToArray());

    /// <summary>Steps up to the row mapping: copies of the inputs to the mapping's names, the key, the parameters.</summary>
    public static IEstimator<ITransformer> Prefix(TransformsCatalog c, string input, string? mask, double[] parameters)
    {
        IEstimator<ITransformer> est = c.CopyColumns(RowMappingNames.X, input);
        if (mask is not null)
            est = est.Append(c.CopyColumns(RowMappingNames.M, mask)).Append(c.CustomMapping(new KeyFactory().GetMapping(), KeyFactory.ContractName));
        else est = est.Append(c.CustomMapping(new KeyAndEmptyMaskFactory().GetMapping(), KeyAndEmptyMaskFactory.ContractName));
        return est.Append(c.Conversion.MapValue(RowMappingNames.P, new[] { new KeyValuePair<string, double[]>(RowMappingNames.KeyValue, parameters) }, RowMappingNames.Key));
    }

    public static readonly string[] Temporaries = [RowMappingNames.X, RowMappingNames.M, RowMappingNames.Key, RowMappingNames.P, RowMappingNames.Y, RowMappingNames.W, RowMappingNames.V];

    /// <summary>Copies the input (and mask) to the fused mappings' input names.</summary>
    public static IEstimator<ITransformer> Copies(TransformsCatalog c, string input, string? mask)
    {
        IEstimator<ITransformer> est = c.CopyColumns(RowMappingNames.X, input);
        return mask is null ? est : est.Append(c.CopyColumns(RowMappingNames.M, mask));
    }

    /// <summary>Expression (ML.NET's ExpressionTransformer, savable, slot names of its input kept) giving true where a
    /// value is not NaN: the validity of a column whose missing entries are NaN.</summary>
    public static IEstimator<ITransformer> NotNaN(TransformsCatalog c, string output, string input) => c.Expression(output, "x => !isna(x)", input);

    /// <summary>Adds a fused row mapping whose output <c>MaskedML.Y</c> has exactly <paramref name="slots"/> slots
    /// (the power-of-two padding trimmed by a fitted slot selection when needed).</summary>
    public void AddFused(IEstimator<ITransformer> mapping, bool isDouble, int slots)
    {
        foreach (var step in Fused(_catalog, mapping, isDouble, slots)) Add(step);
    }

    /// <summary>The steps of a fused row mapping: the mapping, then (when the size is not a power of two) the slot selection.</summary>
    public static IEnumerable<IEstimator<ITransformer>> Fused(TransformsCatalog c, IEstimator<ITransformer> mapping, bool isDouble, int slots)
    {
        yield return mapping;
        int padded = SizedRowMappings.PaddedSize(slots);
        if (padded != slots) yield return new FittedStep(Trim(c, isDouble, slots, padded, validity: false));
    }

    /// <summary>The expression that writes <paramref name="fill"/> where a softmax output is NaN (masked slots).</summary>
    public static string FillExpression(double fill, bool isDouble)
    {
        string literal = double.IsPositiveInfinity(fill) ? "(1/0)" : double.IsNegativeInfinity(fill) ? "(-1/0)"
            : isDouble ? fill.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : ((float)fill).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        literal = literal.Replace('E', 'e');
        if (!literal.Contains('.') && !literal.Contains('e') && !literal.Contains('/')) literal += ".0";
        string suffix = isDouble ? "d" : "f";
        if (literal.Contains('/')) literal = literal.Replace("1/0", $"1{suffix}/0{suffix}");
        else literal += suffix;
        return $"y => isna(y) ? {literal} : y";
    }

    /// <summary>A slot selection that keeps the first <paramref name="slots"/> of Y (and W): ML.NET's count-based feature
    /// selection fitted on two synthetic rows whose padding slots hold only default values.</summary>
    private static ITransformer Trim(TransformsCatalog c, bool isDouble, int slots, int padded, bool validity)
    {
        Array Values() => isDouble
            ? Enumerable.Range(0, padded).Select(j => j < slots ? 1.0 : 0.0).ToArray()
            : Enumerable.Range(0, padded).Select(j => j < slots ? 1f : 0f).ToArray();
        var columns = validity ? new[] { RowMappingNames.Y, RowMappingNames.W } : new[] { RowMappingNames.Y };
        var synthetic = new SyntheticDataView(columns.Select(c => (c, new[] { Values(), Values() })).ToArray());
        return c.FeatureSelection.SelectFeaturesBasedOnCount(columns.Select(c => new InputOutputColumnPair(c)).ToArray(), count: 1).Fit(synthetic);
    }

    public static IEstimator<ITransformer> AggregateMapping(TransformsCatalog c, bool isDouble) => isDouble
        ? c.CustomMapping(new DoubleAggregateFactory().GetMapping(), DoubleAggregateFactory.ContractName)
        : c.CustomMapping(new SingleAggregateFactory().GetMapping(), SingleAggregateFactory.ContractName);

    /// <summary>Copies Y (and V) to the user's names and drops the temporaries.</summary>
    public void AddOutputs(string? output, string? outputValid)
    {
        if (output is not null) Add(_catalog.CopyColumns(output, RowMappingNames.Y));
        if (outputValid is not null) Add(_catalog.CopyColumns(outputValid, RowMappingNames.V));
        DropTemporaries();
    }

    public void DropTemporaries()
    {
        var present = Temporaries.Where(n => _current.Schema.GetColumnOrNull(n) is not null).ToArray();
        if (present.Length > 0) Add(_catalog.DropColumns(present));
    }

    /// <summary>The estimator-side equivalent of an aggregate's chain, for schema propagation without fitting.</summary>
    public static SchemaShape AggregateShape(TransformsCatalog c, SchemaShape inputSchema, IEstimator<ITransformer> mapping, string? output, string? outputValid)
    {
        var est = mapping;
        if (output is not null) est = est.Append(c.CopyColumns(output, RowMappingNames.Y));
        if (outputValid is not null) est = est.Append(c.CopyColumns(outputValid, RowMappingNames.V));
        return DropTemporaries(c, est.GetOutputSchema(inputSchema));
    }

    /// <summary>Drops the mapping's temporary columns from a schema shape.</summary>
    public static SchemaShape DropTemporaries(TransformsCatalog c, SchemaShape shape)
    {
        var present = Temporaries.Where(n => shape.Any(col => col.Name == n)).ToArray();
        return present.Length == 0 ? shape : c.DropColumns(present).GetOutputSchema(shape);
    }

    /// <summary>An already fitted piece (the padding trim) as a step of a chain: <c>Fit</c> returns it; it keeps column
    /// names and types (only a vector's size, which a SchemaShape does not carry, changes).</summary>
    private sealed class FittedStep(ITransformer transformer) : IEstimator<ITransformer>
    {
        public ITransformer Fit(IDataView input) => transformer;
        public SchemaShape GetOutputSchema(SchemaShape inputSchema) => inputSchema;
    }
}
