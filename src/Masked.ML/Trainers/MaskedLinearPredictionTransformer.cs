using Microsoft.ML;
using Microsoft.ML.Data;

namespace Masked.ML.Trainers;

/// <summary>
/// What a masked linear trainer's <c>Fit</c> returns: scores through ML.NET's own linear prediction transformer over the
/// expanded features [x with missing → 0, missing indicators], which is exactly the masked model (a missing feature adds its
/// learned missing contribution). Saves as that native chain (after Load it is an ML.NET <c>TransformerChain</c> scoring at
/// ML.NET's native linear speed, with no Masked.ML code involved). Implements
/// <see cref="ISingleFeaturePredictionTransformer{TModel}"/> so permutation feature importance runs on the user's feature column.
/// </summary>
public sealed class MaskedLinearPredictionTransformer : ISingleFeaturePredictionTransformer<MaskedLinearModelParameters>
{
    private readonly ITransformer _native;

    internal MaskedLinearPredictionTransformer(ITransformer native, MaskedLinearModelParameters model, string featureColumn, DataViewType featureType)
    {
        _native = native; Model = model; FeatureColumnName = featureColumn; FeatureColumnType = featureType;
    }

    /// <summary>The fitted parameters (weights, bias, missing contributions) in raw feature units.</summary>
    public MaskedLinearModelParameters Model { get; }

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
