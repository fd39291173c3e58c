namespace Masked.Cli.Profiling;

/// <summary>The profile of one column (or one slot of a vector column).</summary>
public sealed record ColumnProfile(
    string Name,
    string Type,
    long Rows,
    long Values,
    long Valid,
    double? Mean,
    double? Std,
    double? Min,
    double? Max,
    double? Median,
    long[]? Histogram)
{
    /// <summary>Share of entries that are null (0 when there are none).</summary>
    public double NullShare => Values == 0 ? 0 : (Values - Valid) / (double)Values;
}

/// <summary>The profile of a file.</summary>
public sealed record FileProfile(
    string Path,
    string Format,
    long Rows,
    IReadOnlyList<ColumnProfile> Columns,
    IReadOnlyList<string> NullityColumns,
    double[,] ValidShareByBin,
    long RowsPerBin,
    double[,] NullityCorrelation,
    int Passes)
{
    /// <summary>How the median is computed (printed with the results).</summary>
    public const string MedianMethod = "exact (multi-pass radix select over valid entries; linear interpolation between the middle order statistics, as pandas/torch.quantile)";
}
