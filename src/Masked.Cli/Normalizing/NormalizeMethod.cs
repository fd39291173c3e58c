namespace Masked.Cli.Normalizing;

/// <summary>The scalings of <c>masked normalize</c> (the same as Masked.ML's masked normalizers).</summary>
public enum NormalizeMethod
{
    /// <summary>(x - mean) / std, population std over valid entries.</summary>
    MeanVariance,
    /// <summary>(x - min) / (max - min) over valid entries.</summary>
    MinMax,
    /// <summary>(x - median) / IQR over valid entries (exact, interpolated quartiles).</summary>
    Robust,
}
