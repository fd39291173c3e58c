using Microsoft.ML;

namespace Masked.ML;

/// <summary>Statistics of one slot over the valid entries; null where nothing (or too little) is valid.</summary>
/// <param name="Slot">The slot index (0 for a scalar column).</param>
/// <param name="Count">Valid entries.</param>
/// <param name="Mean">Mean of valid entries.</param>
/// <param name="StandardDeviation">Sample standard deviation (correction 1) of valid entries.</param>
/// <param name="Min">Smallest valid entry.</param>
/// <param name="Max">Largest valid entry.</param>
/// <param name="NullFraction">Missing entries / rows.</param>
public sealed record SlotStatistics(int Slot, long Count, double? Mean, double? StandardDeviation, double? Min, double? Max, double NullFraction);

/// <summary>Column statistics over a whole IDataView, for users who only want to look (also reachable as <c>mlContext.Data.MaskedStatistics(...)</c>).</summary>
public static class MaskedStatistics
{
    /// <summary>Per-slot count, mean, std, min, max and null fraction of a float/double (vector) column; NaN and a false mask entry are missing. One streaming pass.</summary>
    public static IReadOnlyList<SlotStatistics> Compute(IDataView data, string columnName, string? maskColumnName = null)
        => Summarize(ComputeState(data, columnName, maskColumnName));

    /// <summary>The mergeable per-slot state of a float/double (vector) column (one streaming pass over ML.NET's parallel cursors).</summary>
    public static MaskedColumnStatistics ComputeState(IDataView data, string columnName, string? maskColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(columnName);
        return ColumnScanner.Scan(data, columnName, maskColumnName).Statistics;
    }

    /// <summary>The per-slot summary of a (possibly merged) state.</summary>
    public static IReadOnlyList<SlotStatistics> Summarize(MaskedColumnStatistics state)
    {
        ArgumentNullException.ThrowIfNull(state);
        long rows = state.Rows;
        return Enumerable.Range(0, state.Slots).Select(j =>
        {
            long c = state.Count[j];
            double? Valid(double v) => c > 0 ? v : null;
            double sd = state.StandardDeviation(j, 1);
            return new SlotStatistics(j, c, Valid(state.Mean[j]), c > 1 ? sd : null, Valid(state.Min[j]), Valid(state.Max[j]), rows == 0 ? 0 : 1 - (double)c / rows);
        }).ToArray();
    }
}
