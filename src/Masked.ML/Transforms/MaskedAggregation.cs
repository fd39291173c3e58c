namespace Masked.ML;

/// <summary>Row-wise aggregates over the valid slots of a vector column.</summary>
public enum MaskedAggregation
{
    /// <summary>Sum of valid slots (missing when none).</summary>
    Sum,
    /// <summary>Mean of valid slots (missing when none).</summary>
    Mean,
    /// <summary>Smallest valid slot (missing when none).</summary>
    Min,
    /// <summary>Largest valid slot (missing when none).</summary>
    Max,
    /// <summary>Variance of valid slots with the given correction (missing with too few).</summary>
    Variance,
    /// <summary>Standard deviation of valid slots with the given correction (missing with too few).</summary>
    StandardDeviation,
    /// <summary>Number of valid slots (0 when none, never missing).</summary>
    Count,
    /// <summary>Index of the largest valid slot (first on ties; missing when none).</summary>
    ArgMax,
}
