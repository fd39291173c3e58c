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

    /// <summary>L2 penalty on the (standardized) weights and missing weights, relative to the mean loss.</summary>
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
        if (EarlyStoppingPatience <= 0) throw new ArgumentOutOfRangeException(nameof(EarlyStoppingPatience), EarlyStoppingPatience, "must be > 0");
    }
}
