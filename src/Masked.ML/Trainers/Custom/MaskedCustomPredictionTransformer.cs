using Microsoft.ML;
using Microsoft.ML.Data;

namespace Masked.ML.Trainers;

/// <summary>
/// What a custom masked trainer's <c>Fit</c> returns: a savable chain of ML.NET pieces — the parameters in a one-entry
/// <c>MapValue</c> table, a <c>CustomMapping</c> that runs the forward function found by name, and ML.NET's own prediction
/// transformer over its outputs (regression <c>Score</c>; binary <c>Score</c>, <c>Probability</c>, <c>PredictedLabel</c>;
/// multiclass softmax <c>Score</c> and key <c>PredictedLabel</c>). Implements
/// <see cref="ISingleFeaturePredictionTransformer{TModel}"/> so permutation feature importance runs on the feature column.
/// </summary>
public sealed class MaskedCustomPredictionTransformer : ISingleFeaturePredictionTransformer<MaskedCustomModelParameters>
{
    private readonly ITransformer _native;

    internal MaskedCustomPredictionTransformer(ITransformer native, MaskedCustomModelParameters model, string featureColumn, DataViewType featureType)
    {
        _native = native; Model = model; FeatureColumnName = featureColumn; FeatureColumnType = featureType;
    }

    /// <summary>The fitted parameters and standardization.</summary>
    public MaskedCustomModelParameters Model { get; }

    /// <summary>The feature column the model reads.</summary>
    public string FeatureColumnName { get; }

    /// <summary>The feature column's type.</summary>
    public DataViewType FeatureColumnType { get; }

    /// <summary>The ML.NET chain that scores (and is what gets saved).</summary>
    public ITransformer NativeTransformer => _native;

    /// <inheritdoc />
    public bool IsRowToRowMapper => _native.IsRowToRowMapper;

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) { Check(inputSchema); return _native.GetOutputSchema(inputSchema); }

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) { Check(inputSchema); return _native.GetRowToRowMapper(inputSchema); }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Check(input.Schema);
        return _native.Transform(input);
    }

    private void Check(DataViewSchema schema)
    {
        int d = LinearDesign.CheckFeatures(schema, FeatureColumnName);
        if (d != Model.FeatureCount)
            throw new ArgumentException($"Feature column '{FeatureColumnName}' has {d} slots; the custom masked model was fitted on {Model.FeatureCount}.", nameof(schema));
    }

    /// <inheritdoc />
    void ICanSaveModel.Save(ModelSaveContext ctx) => _native.Save(ctx);
}
