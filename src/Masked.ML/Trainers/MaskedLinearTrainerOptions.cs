namespace Masked.ML.Trainers;

/// <summary>Options shared by the masked linear trainers. The defaults converge without tuning (features standardized and
/// targets centred and scaled internally; L-BFGS; early stopping on a validation split).</summary>
public class MaskedLinearTrainerOptions
{
    /// <summary>The label column (regression: float/double scalar or known-size vector of targets, NaN = missing;
    /// binary: bool, or float 0/1 with NaN = missing; multiclass: key type, 0 = missing).</summary>
    public string LabelColumnName { get; set; } = "Label";

    /// <summary>The feature column: float/double scalar or known-size vector; NaN marks a missing feature.</summary>
    public string FeatureColumnName { get; set; } = "Features";

    /// <summary>L2 penalty on the (standardized) weights and missing weights, relative to the mean loss (used when the penalty is
    /// not chosen by cross-validation, see <see cref="CrossValidationFolds"/>).</summary>
    public double L2Regularization { get; set; } = 1e-3;

    /// <summary>Maximum L-BFGS iterations.</summary>
    public int MaximumNumberOfIterations { get; set; } = 200;

    /// <summary>Stop when an iteration lowers the loss by less than this (relative).</summary>
    public double OptimizationTolerance { get; set; } = 1e-7;

    /// <summary>L-BFGS memory (pairs of past steps kept).</summary>
    public int HistorySize { get; set; } = 10;

    /// <summary>Fraction of the labelled rows held out for early stopping (0 disables it; ignored when fewer than 20 rows
    /// would be held out).</summary>
    public double ValidationFraction { get; set; } = 0.1;

    /// <summary>Iterations without a lower validation loss before training stops (the best iterate is kept).</summary>
    public int EarlyStoppingPatience { get; set; } = 10;

    /// <summary>On data of at most <see cref="CrossValidationMaxRows"/> labelled rows, the L2 penalty is chosen by this many-fold
    /// cross-validation from {1e-4, 1e-3, 1e-2, 3e-2, 0.1, 0.3} and the model is then fitted on all rows without early
    /// stopping (the loss is convex: the penalty, not an early stop on a few held-out rows, controls the fit). 0 or 1 disables
    /// it (then <see cref="L2Regularization"/> and the validation split are used).</summary>
    public int CrossValidationFolds { get; set; } = 5;

    /// <summary>Largest number of labelled rows on which <see cref="CrossValidationFolds"/> applies (above it one fit with
    /// <see cref="L2Regularization"/> and early stopping: the penalty matters little with many rows, and the fits would cost time).</summary>
    public int CrossValidationMaxRows { get; set; } = 10_000;

    /// <summary>Seed of the validation split; null uses 0 (training is deterministic either way).</summary>
    public int? Seed { get; set; }

    internal void Validate()
    {
        if (string.IsNullOrEmpty(LabelColumnName)) throw new ArgumentException("LabelColumnName must be set.", nameof(LabelColumnName));
        if (string.IsNullOrEmpty(FeatureColumnName)) throw new ArgumentException("FeatureColumnName must be set.", nameof(FeatureColumnName));
        if (!(L2Regularization >= 0) || double.IsInfinity(L2Regularization)) throw new ArgumentOutOfRangeException(nameof(L2Regularization), L2Regularization, "must be finite and ≥ 0");
        if (MaximumNumberOfIterations <= 0) throw new ArgumentOutOfRangeException(nameof(MaximumNumberOfIterations), MaximumNumberOfIterations, "must be > 0");
        if (!(OptimizationTolerance >= 0)) throw new ArgumentOutOfRangeException(nameof(OptimizationTolerance), OptimizationTolerance, "must be ≥ 0");
        if (HistorySize <= 0) throw new ArgumentOutOfRangeException(nameof(HistorySize), HistorySize, "must be > 0");
        if (!(ValidationFraction >= 0 && ValidationFraction < 1)) throw new ArgumentOutOfRangeException(nameof(ValidationFraction), ValidationFraction, "must be in [0, 1)");
        if (CrossValidationFolds < 0) throw new ArgumentOutOfRangeException(nameof(CrossValidationFolds), CrossValidationFolds, "must be ≥ 0");
        if (CrossValidationMaxRows < 0) throw new ArgumentOutOfRangeException(nameof(CrossValidationMaxRows), CrossValidationMaxRows, "must be ≥ 0");
        if (EarlyStoppingPatience <= 0) throw new ArgumentOutOfRangeException(nameof(EarlyStoppingPatience), EarlyStoppingPatience, "must be > 0");
    }
}
