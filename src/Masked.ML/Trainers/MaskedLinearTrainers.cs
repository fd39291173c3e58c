using Microsoft.ML.Runtime;

namespace Masked.ML.Trainers;

/// <summary>
/// Masked linear regression (one or several targets): half squared error over the valid (row, target) entries, a missing
/// feature contributing its learned missing weight. Writes a float <c>Score</c> (a float vector of the targets when the
/// label is a vector).
/// </summary>
public sealed class MaskedLinearRegressionTrainer : MaskedLinearTrainerBase
{
    /// <summary>Options of <see cref="MaskedLinearRegressionTrainer"/>.</summary>
    public sealed class Options : MaskedLinearTrainerOptions { }

    internal MaskedLinearRegressionTrainer(IHostEnvironment? env, Options options) : base(env, options, LinearTask.Regression) { }
}

/// <summary>
/// Masked logistic regression (binary): logistic loss on rows whose label is present; writes float <c>Score</c> (the logit),
/// <c>Probability</c> (its sigmoid) and bool <c>PredictedLabel</c> like ML.NET's calibrated linear classifiers.
/// </summary>
public sealed class MaskedLogisticRegressionTrainer : MaskedLinearTrainerBase
{
    /// <summary>Options of <see cref="MaskedLogisticRegressionTrainer"/>.</summary>
    public sealed class Options : MaskedLinearTrainerOptions { }

    internal MaskedLogisticRegressionTrainer(IHostEnvironment? env, Options options) : base(env, options, LinearTask.Binary) { }
}

/// <summary>
/// Masked softmax regression (multiclass): cross-entropy over rows whose key label is present; writes a float vector
/// <c>Score</c> (class probabilities) and a key <c>PredictedLabel</c> like ML.NET's maximum-entropy trainers.
/// </summary>
public sealed class MaskedSoftmaxRegressionTrainer : MaskedLinearTrainerBase
{
    /// <summary>Options of <see cref="MaskedSoftmaxRegressionTrainer"/>.</summary>
    public sealed class Options : MaskedLinearTrainerOptions { }

    internal MaskedSoftmaxRegressionTrainer(IHostEnvironment? env, Options options) : base(env, options, LinearTask.Multiclass) { }
}
