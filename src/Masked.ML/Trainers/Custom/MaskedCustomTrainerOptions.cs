namespace Masked.ML.Trainers;

/// <summary>The optimizer a custom masked trainer steps with.</summary>
public enum MaskedOptimizerKind
{
    /// <summary><see cref="Masked.MaskedAdam{T}"/>.</summary>
    Adam,
    /// <summary><see cref="Masked.MaskedSgd{T}"/> with <see cref="MaskedCustomTrainerOptions.Momentum"/>.</summary>
    Sgd,
}

/// <summary>
/// Options of the custom masked trainers: minibatch training of user parameters through a user forward function. Features
/// are standardized internally (and regression targets centred and scaled), undone in the saved model.
/// </summary>
public class MaskedCustomTrainerOptions
{
    /// <summary>The label column (regression: float/double scalar or known-size vector, NaN = missing; binary: bool, or float
    /// 0/1 with NaN = missing; multiclass: key type, 0 = missing).</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>The feature column: float/double scalar or known-size vector; NaN marks a missing feature.</summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>The loss; null uses the task's built-in one (<see cref="MaskedLosses"/>: squared error, logistic, softmax
    /// cross-entropy).</summary>
    public MaskedLoss? Loss { get; set; }

    /// <summary>The optimizer.</summary>
    public MaskedOptimizerKind Optimizer { get; set; } = MaskedOptimizerKind.Adam;

    /// <summary>Initial learning rate (halved after every <see cref="EarlyStoppingPatience"/>/2 epochs without a lower
    /// validation loss).</summary>
    public double LearningRate { get; set; } = 0.01;

    /// <summary>Momentum of <see cref="MaskedOptimizerKind.Sgd"/>.</summary>
    public double Momentum { get; set; } = 0.9;

    /// <summary>L2 penalty (weight decay) on every valid parameter entry.</summary>
    public double L2Regularization { get; set; } = 1e-4;

    /// <summary>Rows per minibatch.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>Maximum passes over the training rows.</summary>
    public int NumberOfEpochs { get; set; } = 300;

    /// <summary>Fraction of the labelled rows held out for early stopping (0: the training loss decides; ignored when fewer
    /// than 20 rows would be held out).</summary>
    public double ValidationFraction { get; set; } = 0.1;

    /// <summary>Epochs without a lower validation loss before training stops (the best parameters are kept).</summary>
    public int EarlyStoppingPatience { get; set; } = 20;

    /// <summary>Seed of the validation split and of the minibatch order; null uses 0 (training is deterministic either way).</summary>
    public int? Seed { get; set; }

    internal void Validate()
    {
        if (string.IsNullOrEmpty(LabelColumnName)) throw new ArgumentException("LabelColumnName must be set.", nameof(LabelColumnName));
        if (string.IsNullOrEmpty(FeatureColumnName)) throw new ArgumentException("FeatureColumnName must be set.", nameof(FeatureColumnName));
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "must be finite and > 0");
        if (!(Momentum >= 0 && Momentum < 1)) throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "must be in [0, 1)");
        if (!(L2Regularization >= 0) || double.IsInfinity(L2Regularization)) throw new ArgumentOutOfRangeException(nameof(L2Regularization), L2Regularization, "must be finite and ≥ 0");
        if (BatchSize <= 0) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "must be > 0");
        if (NumberOfEpochs <= 0) throw new ArgumentOutOfRangeException(nameof(NumberOfEpochs), NumberOfEpochs, "must be > 0");
        if (!(ValidationFraction >= 0 && ValidationFraction < 1)) throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "must be in [0, 1)");
        if (EarlyStoppingPatience <= 0) throw new ArgumentOutOfRangeException(nameof(EarlyStoppingPatience), EarlyStoppingPatience, "must be > 0");
        if (!Enum.IsDefined(Optimizer)) throw new ArgumentOutOfRangeException(nameof(Optimizer), Optimizer, "unknown optimizer");
    }
}
