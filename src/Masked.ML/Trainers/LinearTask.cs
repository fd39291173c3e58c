using Microsoft.ML;
using Microsoft.ML.Trainers;

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

/// <summary>What ML.NET is told about a masked trainer of each task.</summary>
internal static class LinearTaskInfo
{
    /// <summary>The trainer info of ML.NET's L-BFGS trainer for <paramref name="task"/> (the masked trainers' closest kin).</summary>
    public static TrainerInfo For(LinearTask task, MLContext ml) => task switch
    {
        LinearTask.Regression => ml.Regression.Trainers.LbfgsPoissonRegression().Info,
        LinearTask.Binary => ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Info,
        _ => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy().Info,
    };
}
