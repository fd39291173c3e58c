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
public sealed class MaskedGamPredictionTransformer : MaskedPredictionTransformer<MaskedGamModelParameters>
{
    internal MaskedGamPredictionTransformer(ITransformer native, MaskedGamModelParameters model, string featureColumn, DataViewType featureType)
        : base(native, model, featureColumn, featureType) { }
}
