using System.Numerics;

namespace Masked.Cli.Profiling;

/// <summary>One batch of a column (shaped rows × width) into its series' statistics.</summary>
public static class BatchStatistics
{
    /// <summary>
    /// Pass 1: count, mean, population variance, min and max of the valid entries with Masked.Core's reductions (over
    /// the whole batch for one series, along dim 0 for one series per slot), merged into the series; then the radix
    /// counts of every valid value.
    /// </summary>
    public static void Add<T>(MaskedTensor<T> t, SeriesStatistics[] series) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = t.Shape[1];
        if (series.Length == 1)
        {
            var flat = t.Reshape(-1);
            series[0].Values += flat.Length;
            int n = flat.ValidCount;
            if (n > 0)
                series[0].Merge(n, D(flat.Mean()), D(flat.Var(correction: 0)), D(flat.Amin()), D(flat.Amax()));
        }
        else
        {
            if (series.Length != width) throw new ArgumentException($"{series.Length} series for {width} slots.", nameof(series));
            var count = t.Count(0).ToArray();
            var mean = t.Mean(0); var variance = t.Var(0, correction: 0); var min = t.Amin(0); var max = t.Amax(0);
            for (int j = 0; j < width; j++)
            {
                series[j].Values += t.Shape[0];
                if (count[j] > 0)
                    series[j].Merge(count[j], D(mean[j]), D(variance[j]), D(min[j]), D(max[j]));
            }
        }
        var visitor = new CountVisitor(series, width);
        ValidScan.Run(t, ref visitor);
    }

    /// <summary>Later passes: offers every valid value to its series (histogram on the first of them, selection while needed).</summary>
    public static void Offer<T>(MaskedTensor<T> t, SeriesStatistics[] series, bool histogram) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var visitor = new OfferVisitor(series, t.Shape[1], histogram);
        ValidScan.Run(t, ref visitor);
    }

    private static double D<T>(MaskedTensor<T> scalar) where T : unmanaged, INumberBase<T> => double.CreateTruncating(scalar.Item());

    private readonly struct CountVisitor(SeriesStatistics[] series, int width) : IValidVisitor
    {
        public void Visit(int index, double value) => series[series.Length == 1 ? 0 : index % width].CountValue(value);
    }

    private readonly struct OfferVisitor(SeriesStatistics[] series, int width, bool histogram) : IValidVisitor
    {
        public void Visit(int index, double value) => series[series.Length == 1 ? 0 : index % width].OfferValue(value, histogram);
    }
}
