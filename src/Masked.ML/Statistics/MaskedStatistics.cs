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

/// <summary>Column statistics over a whole IDataView, for users who only want to look.</summary>
public static class MaskedStatistics
{
    /// <summary>Per-slot count, mean, std, min, max and null fraction of a float/double (vector) column; NaN and a false mask entry are missing.</summary>
    public static IReadOnlyList<SlotStatistics> Compute(IDataView data, string columnName, string? maskColumnName = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var (v, slots) = ColumnReader.Read(data, columnName, maskColumnName);
        long rows = v.Shape[0];
        var count = v.Count(0).ToArray();
        double?[] Get(MaskedTensor<double> t) { var d = t.ToArray(); var m = t.MaskToBools(); return d.Select((x, i) => m[i] ? x : (double?)null).ToArray(); }
        var mean = Get(v.Mean(0)); var std = Get(v.Std(0)); var min = Get(v.Amin(0)); var max = Get(v.Amax(0));
        return Enumerable.Range(0, slots).Select(j => new SlotStatistics(j, count[j], mean[j], std[j], min[j], max[j], rows == 0 ? 0 : 1 - (double)count[j] / rows)).ToArray();
    }
}
