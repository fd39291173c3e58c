namespace Masked.ML.Trainers;

/// <summary>Options of the masked GAM trainers: those of the masked linear trainers (penalties chosen by cross-validation
/// on small data, L-BFGS, early stopping on large data, seed) plus the shape of the basis.</summary>
public class MaskedGamTrainerOptions : MaskedLinearTrainerOptions
{
    /// <summary>Knots per feature: its shape function is piecewise linear with kinks at up to this many quantiles of its
    /// training values (fewer when values repeat; none for a two-valued feature). 0 makes the main effects linear.</summary>
    public int NumberOfKnots { get; set; } = 4;

    /// <summary>Pairwise interactions (a learned weight on the product of every two standardized features, GA²M style) are
    /// added when the feature column has at most this many slots (the pairs grow as d²/2). 0 turns them off.</summary>
    public int MaximumInteractionFeatures { get; set; } = 16;

    internal new void Validate()
    {
        base.Validate();
        if (NumberOfKnots < 0 || NumberOfKnots > 64) throw new ArgumentOutOfRangeException(nameof(NumberOfKnots), NumberOfKnots, "must be in [0, 64]");
        if (MaximumInteractionFeatures < 0) throw new ArgumentOutOfRangeException(nameof(MaximumInteractionFeatures), MaximumInteractionFeatures, "must be ≥ 0");
    }
}
