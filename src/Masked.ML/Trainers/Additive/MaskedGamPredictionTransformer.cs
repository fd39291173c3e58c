using Microsoft.ML;
using Microsoft.ML.Data;

namespace Masked.ML.Trainers;

/// <summary>
/// What a masked GAM trainer's <c>Fit</c> returns: scores through the saved chain (the masked GAM's row mapping over packed
/// parameters, then ML.NET's linear predictor writing the task's columns). After Load it is an ML.NET
/// <c>TransformerChain</c>; the mapping's factory is found by its contract name in Masked.ML (register the assembly as for
/// the other masked components). Implements <see cref="ISingleFeaturePredictionTransformer{TModel}"/> so permutation
/// feature importance runs on the user's feature column.
/// </summary>
public sealed class MaskedGamPredictionTransformer : ISingleFeaturePredictionTransformer<MaskedGamModelParameters>
{
    private readonly ITransformer _native;

    internal MaskedGamPredictionTransformer(ITransformer native, MaskedGamModelParameters model, string featureColumn, DataViewType featureType)
    {
        _native = native; Model = model; FeatureColumnName = featureColumn; FeatureColumnType = featureType;
    }

    /// <summary>The fitted model (knots, shape functions, missing contributions, interactions).</summary>
    public MaskedGamModelParameters Model { get; }

    /// <summary>The feature column the model reads.</summary>
    public string FeatureColumnName { get; }

    /// <summary>The feature column's type.</summary>
    public DataViewType FeatureColumnType { get; }

    /// <summary>The ML.NET chain that scores (and is what gets saved).</summary>
    public ITransformer NativeTransformer => _native;

    /// <inheritdoc />
    public bool IsRowToRowMapper => _native.IsRowToRowMapper;

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _native.GetOutputSchema(inputSchema);

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => _native.GetRowToRowMapper(inputSchema);

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        LinearDesign.CheckFeatures(input.Schema, FeatureColumnName);
        return _native.Transform(input);
    }

    /// <inheritdoc />
    void ICanSaveModel.Save(ModelSaveContext ctx) => _native.Save(ctx);
}
