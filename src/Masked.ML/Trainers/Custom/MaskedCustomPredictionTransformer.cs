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
public sealed class MaskedCustomPredictionTransformer : MaskedPredictionTransformer<MaskedCustomModelParameters>
{
    internal MaskedCustomPredictionTransformer(ITransformer native, MaskedCustomModelParameters model, string featureColumn, DataViewType featureType)
        : base(native, model, featureColumn, featureType) { }

    /// <summary>Checks the feature column and that it has the number of slots the model was fitted on.</summary>
    private protected override void CheckFeatures(DataViewSchema schema)
    {
        int d = LinearDesign.CheckFeatures(schema, FeatureColumnName);
        if (d != Model.FeatureCount)
            throw new ArgumentException($"Feature column '{FeatureColumnName}' has {d} slots; the custom masked model was fitted on {Model.FeatureCount}.", nameof(schema));
    }

    /// <summary>Output schemas and row mappers are checked as <c>Transform</c> is.</summary>
    private protected override void CheckMappedSchema(DataViewSchema schema) => CheckFeatures(schema);
}
