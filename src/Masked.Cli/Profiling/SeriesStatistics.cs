namespace Masked.Cli.Profiling;

/// <summary>
/// Statistics of one series (a column, or one slot of a vector column) over its valid entries, merged batch by batch:
/// count, mean and second moment (Chan et al.'s pairwise merge of each batch's Masked.Core mean and variance), min,
/// max, then an exact median by <see cref="RadixSelect"/> and a histogram in a second pass.
/// </summary>
public sealed class SeriesStatistics
{
    private double _m2;

    /// <summary>The series name (column, or <c>column[i]</c> for a slot).</summary>
    public SeriesStatistics(string name, int bins) { Name = name; Histogram = new long[bins]; }

    /// <summary>The series name.</summary>
    public string Name { get; }

    /// <summary>Entries seen, valid or not.</summary>
    public long Values { get; internal set; }

    /// <summary>Valid entries.</summary>
    public long Valid { get; private set; }

    /// <summary>Valid entries holding NaN (a value, not a null).</summary>
    public long NaNCount { get; internal set; }

    /// <summary>Mean of valid entries (NaN when none).</summary>
    public double Mean { get; private set; } = double.NaN;

    /// <summary>Smallest valid entry.</summary>
    public double Min { get; private set; } = double.PositiveInfinity;

    /// <summary>Largest valid entry.</summary>
    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>Sample standard deviation (n - 1) of valid entries; NaN with fewer than 2.</summary>
    public double Std => Valid > 1 ? Math.Sqrt(_m2 / (Valid - 1)) : double.NaN;

    /// <summary>Population variance (n) of valid entries; NaN when none.</summary>
    public double PopulationVariance => Valid > 0 ? _m2 / Valid : double.NaN;

    /// <summary>The exact selection of order statistics.</summary>
    public RadixSelect Select { get; } = new();

    /// <summary>Histogram counts over [Min, Max] in equal-width bins (filled in pass 2).</summary>
    public long[] Histogram { get; }

    /// <summary>Quantiles requested at <see cref="PlanQuantiles"/>, by linear interpolation between order statistics.</summary>
    public double[] Quantiles { get; private set; } = [];

    private double[] _q = [];

    /// <summary>Merges one batch's partial result (count, mean, population variance, min, max of its valid entries).</summary>
    public void Merge(long n, double mean, double variance, double min, double max)
    {
        if (n <= 0) return;
        if (Valid == 0) { Valid = n; Mean = mean; _m2 = variance * n; }
        else
        {
            long total = Valid + n;
            double delta = mean - Mean;
            Mean += delta * n / total;
            _m2 += variance * n + delta * delta * ((double)Valid * n / total);
            Valid = total;
        }
        if (min < Min) Min = min;
        if (max > Max) Max = max;
    }

    /// <summary>After pass 1: plans the order statistics for quantiles <paramref name="qs"/>; true when a pass is needed.</summary>
    public bool PlanQuantiles(params double[] qs)
    {
        _q = qs;
        long n = Select.Count;
        if (n == 0) { Quantiles = qs.Select(_ => double.NaN).ToArray(); return false; }
        var ranks = new List<long>();
        foreach (var q in qs)
        {
            double pos = q * (n - 1);
            ranks.Add((long)Math.Floor(pos));
            ranks.Add((long)Math.Ceiling(pos));
        }
        bool pass = Select.Plan(ranks);
        if (!pass) Finish();
        return pass;
    }

    /// <summary>Ends a pass; true when another is needed.</summary>
    public bool EndPass()
    {
        if (!Select.NeedsPass) return false;
        bool pass = Select.EndPass();
        if (!pass) Finish();
        return pass;
    }

    private void Finish()
    {
        long n = Select.Count;
        Quantiles = new double[_q.Length];
        for (int i = 0; i < _q.Length; i++)
        {
            if (NaNCount > 0) { Quantiles[i] = double.NaN; continue; }
            double pos = _q[i] * (n - 1);
            double a = Select.Result(2 * i), b = Select.Result(2 * i + 1);
            Quantiles[i] = a + (b - a) * (pos - Math.Floor(pos));
        }
    }

    /// <summary>Pass 1: one valid value.</summary>
    public void CountValue(double v)
    {
        if (double.IsNaN(v)) { NaNCount++; return; }
        Select.CountTop(OrderKey.From(v));
    }

    /// <summary>Later passes: one valid value (histogram on the first of them, selection on all).</summary>
    public void OfferValue(double v, bool histogram)
    {
        if (double.IsNaN(v)) return;
        if (histogram)
        {
            double range = Max - Min;
            int b = range > 0 && double.IsFinite(range) ? (int)((v - Min) / range * Histogram.Length) : 0;
            Histogram[Math.Clamp(b, 0, Histogram.Length - 1)]++;
        }
        if (Select.NeedsPass) Select.Offer(OrderKey.From(v));
    }
}
