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
public sealed class MaskedLinearPredictionTransformer : MaskedPredictionTransformer<MaskedLinearModelParameters>
{
    internal MaskedLinearPredictionTransformer(ITransformer native, MaskedLinearModelParameters model, string featureColumn, DataViewType featureType)
        : base(native, model, featureColumn, featureType) { }
}
