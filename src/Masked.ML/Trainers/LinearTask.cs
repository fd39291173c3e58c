namespace Masked.ML.Trainers;

/// <summary>The loss a masked linear trainer minimizes.</summary>
internal enum LinearTask
{
    /// <summary>Half squared error per valid (row, target) entry; targets centred and scaled.</summary>
    Regression,
    /// <summary>Logistic loss on one logit.</summary>
    Binary,
    /// <summary>Softmax cross-entropy over the classes.</summary>
    Multiclass,
}
