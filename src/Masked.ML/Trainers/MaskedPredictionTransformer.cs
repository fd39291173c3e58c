using Microsoft.ML;
using Microsoft.ML.Data;

namespace Masked.ML.Trainers;

/// <summary>
/// The shared shape of what the masked trainers' <c>Fit</c> returns: a savable ML.NET chain that does the scoring
/// (<see cref="NativeTransformer"/>), the fitted model beside it, and the feature column it reads. Implements
/// <see cref="ISingleFeaturePredictionTransformer{TModel}"/> so permutation feature importance runs on the user's
/// feature column. Saving writes the chain only: after Load it is an ML.NET <c>TransformerChain</c>.
/// </summary>
/// <typeparam name="TModel">The fitted model's parameters.</typeparam>
public abstract class MaskedPredictionTransformer<TModel> : ISingleFeaturePredictionTransformer<TModel> where TModel : class
{
    private protected MaskedPredictionTransformer(ITransformer native, TModel model, string featureColumn, DataViewType featureType)
    {
        NativeTransformer = native; Model = model; FeatureColumnName = featureColumn; FeatureColumnType = featureType;
    }

    /// <summary>The fitted model.</summary>
    public TModel Model { get; }

    /// <summary>The feature column the model reads.</summary>
    public string FeatureColumnName { get; }

    /// <summary>The feature column's type.</summary>
    public DataViewType FeatureColumnType { get; }

    /// <summary>The ML.NET chain that scores (and is what gets saved).</summary>
    public ITransformer NativeTransformer { get; }

    /// <inheritdoc />
    public bool IsRowToRowMapper => NativeTransformer.IsRowToRowMapper;

    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) { CheckMappedSchema(inputSchema); return NativeTransformer.GetOutputSchema(inputSchema); }

    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) { CheckMappedSchema(inputSchema); return NativeTransformer.GetRowToRowMapper(inputSchema); }

    /// <inheritdoc />
    public IDataView Transform(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckFeatures(input.Schema);
        return NativeTransformer.Transform(input);
    }

    /// <summary>Checks that <paramref name="schema"/> has the feature column in a form the model reads; throws naming it.</summary>
    private protected virtual void CheckFeatures(DataViewSchema schema) => LinearDesign.CheckFeatures(schema, FeatureColumnName);

    /// <summary>Checks a schema handed to <see cref="GetOutputSchema"/> or <see cref="GetRowToRowMapper"/> (by default ML.NET's chain does).</summary>
    private protected virtual void CheckMappedSchema(DataViewSchema schema) { }

    /// <inheritdoc />
    void ICanSaveModel.Save(ModelSaveContext ctx) => NativeTransformer.Save(ctx);
}
