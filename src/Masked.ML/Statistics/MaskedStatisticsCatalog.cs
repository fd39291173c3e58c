using Microsoft.ML;

namespace Masked.ML;

/// <summary>The masked statistics on ML.NET's data catalog.</summary>
public static class MaskedStatisticsCatalog
{
    /// <summary>Per-slot statistics of a column from the data catalog: <c>mlContext.Data.MaskedStatistics(data, "Features")</c>.</summary>
    /// <param name="catalog">The data operations catalog.</param>
    /// <param name="data">The data.</param>
    /// <param name="columnName">A float/double (vector) column; NaN is missing.</param>
    /// <param name="maskColumnName">Optional bool (vector) column of the same size: false is missing too.</param>
    public static IReadOnlyList<SlotStatistics> MaskedStatistics(this DataOperationsCatalog catalog, IDataView data, string columnName, string? maskColumnName = null)
        => Masked.ML.MaskedStatistics.Compute(data, columnName, maskColumnName);

    /// <summary>The mergeable per-slot state from the data catalog: <c>mlContext.Data.MaskedColumnStatistics(data, "Features")</c>.</summary>
    /// <param name="catalog">The data operations catalog.</param>
    /// <param name="data">The data.</param>
    /// <param name="columnName">A float/double (vector) column; NaN is missing.</param>
    /// <param name="maskColumnName">Optional bool (vector) column of the same size: false is missing too.</param>
    public static MaskedColumnStatistics MaskedColumnStatistics(this DataOperationsCatalog catalog, IDataView data, string columnName, string? maskColumnName = null)
        => Masked.ML.MaskedStatistics.ComputeState(data, columnName, maskColumnName);
}
