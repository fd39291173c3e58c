using System.Text.Json.Serialization;

namespace Masked.ML;

/// <summary>
/// Mergeable per-slot statistics of a float/double (vector) column over its valid entries: count, mean and M2
/// (sum of squared deviations from the mean, Welford/Chan), min and max, all in double. Built by streaming rows
/// (<see cref="Add(ReadOnlySpan{double}, ReadOnlySpan{bool})"/>) and combined with <see cref="Merge"/>: statistics
/// computed over any split of the rows and merged in any order equal the one-pass result up to rounding (Chan et al.'s
/// pairwise update). This is the piece a distributed engine combines: compute one per partition, serialize it
/// (System.Text.Json round-trips it), merge them, and build the model from the merged value.
/// </summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed class MaskedColumnStatistics
{
    // Per-partition block accumulators (sums of deviations from a per-slot shift), folded into the Welford state
    // every BlockRows rows: a vectorizable inner loop without a division per element, and no cancellation because the
    // shift is the slot's first value or its running mean.
    private const int BlockRows = 256;
    private double[]? _shift, _s1, _s2;
    private long[]? _bc;
    private int _pendingRows;

    /// <summary>An empty state for <paramref name="slots"/> slots.</summary>
    public MaskedColumnStatistics(int slots)
    {
        if (slots <= 0) throw new ArgumentOutOfRangeException(nameof(slots), slots, "A column has at least one slot.");
        _count = new long[slots];
        _mean = new double[slots];
        _m2 = new double[slots];
        _min = Enumerable.Repeat(double.PositiveInfinity, slots).ToArray();
        _max = Enumerable.Repeat(double.NegativeInfinity, slots).ToArray();
    }

    /// <summary>Restores a state (used by serializers); the arrays must all have the same length.</summary>
    [JsonConstructor]
    public MaskedColumnStatistics(long rows, long[] count, double[] mean, double[] m2, double[] min, double[] max)
    {
        ArgumentNullException.ThrowIfNull(count); ArgumentNullException.ThrowIfNull(mean); ArgumentNullException.ThrowIfNull(m2);
        ArgumentNullException.ThrowIfNull(min); ArgumentNullException.ThrowIfNull(max);
        int n = count.Length;
        if (n == 0 || mean.Length != n || m2.Length != n || min.Length != n || max.Length != n)
            throw new ArgumentException($"Statistics arrays must share one non-zero length (count {count.Length}, mean {mean.Length}, m2 {m2.Length}, min {min.Length}, max {max.Length}).");
        if (rows < 0) throw new ArgumentOutOfRangeException(nameof(rows));
        Rows = rows; _count = count; _mean = mean; _m2 = m2; _min = min; _max = max;
    }

    /// <summary>Rows seen (valid or not).</summary>
    public long Rows { get; private set; }
    /// <summary>Valid entries per slot.</summary>
    public long[] Count { get { Flush(); return _count; } }
    /// <summary>Mean of the valid entries per slot (0 where none).</summary>
    public double[] Mean { get { Flush(); return _mean; } }
    /// <summary>Sum of squared deviations from the mean per slot (Welford's M2).</summary>
    public double[] M2 { get { Flush(); return _m2; } }
    /// <summary>Smallest valid entry per slot (+∞ where none).</summary>
    public double[] Min => _min;
    /// <summary>Largest valid entry per slot (−∞ where none).</summary>
    public double[] Max => _max;

    private readonly long[] _count;
    private readonly double[] _mean, _m2, _min, _max;

    /// <summary>Number of slots.</summary>
    [JsonIgnore] public int Slots => _count.Length;

    /// <summary>Variance of slot <paramref name="slot"/> with the given correction (0 = population, as ML.NET); NaN when count ≤ correction.</summary>
    public double Variance(int slot, double correction = 0)
    {
        Flush();
        double dof = _count[slot] - correction;
        return dof > 0 ? _m2[slot] / dof : double.NaN;
    }

    /// <summary>Standard deviation of slot <paramref name="slot"/> with the given correction (0 = population).</summary>
    public double StandardDeviation(int slot, double correction = 0) => Math.Sqrt(Variance(slot, correction));

    /// <summary>Adds one row: <paramref name="values"/> has one entry per slot; an entry counts when it is not NaN and
    /// <paramref name="valid"/> (when not empty) is true at its index.</summary>
    public void Add(ReadOnlySpan<double> values, ReadOnlySpan<bool> valid = default)
    {
        int n = Slots;
        if (values.Length != n) throw new ArgumentException($"Row has {values.Length} values; the statistics have {n} slots.", nameof(values));
        if (!valid.IsEmpty && valid.Length != n) throw new ArgumentException($"Mask has {valid.Length} entries; the statistics have {n} slots.", nameof(valid));
        if (_s1 is null) { _shift = new double[n]; _s1 = new double[n]; _s2 = new double[n]; _bc = new long[n]; }
        var shift = _shift!; var s1 = _s1; var s2 = _s2!; var bc = _bc!;
        var min = _min; var max = _max; var count = _count;
        for (int j = 0; j < n; j++)
        {
            double x = values[j];
            if (double.IsNaN(x) || (!valid.IsEmpty && !valid[j])) continue;
            if (bc[j] == 0 && count[j] == 0) shift[j] = x;
            double d = x - shift[j];
            s1[j] += d; s2[j] += d * d; bc[j]++;
            if (x < min[j]) min[j] = x;
            if (x > max[j]) max[j] = x;
        }
        Rows++;
        if (++_pendingRows >= BlockRows) Flush();
    }

    /// <summary>Folds the pending block into count/mean/M2.</summary>
    private void Flush()
    {
        if (_pendingRows == 0 || _s1 is null) return;
        var shift = _shift!; var s1 = _s1; var s2 = _s2!; var bc = _bc!;
        for (int j = 0; j < Slots; j++)
        {
            long nb = bc[j];
            if (nb == 0) continue;
            double meanB = shift[j] + s1[j] / nb;
            double m2B = Math.Max(0, s2[j] - s1[j] * s1[j] / nb);
            Combine(j, nb, meanB, m2B);
            shift[j] = _mean[j];
            s1[j] = 0; s2[j] = 0; bc[j] = 0;
        }
        _pendingRows = 0;
    }

    private void Combine(int j, long nb, double meanB, double m2B)
    {
        long na = _count[j];
        if (na == 0) { _count[j] = nb; _mean[j] = meanB; _m2[j] = m2B; return; }
        long n = na + nb;
        double delta = meanB - _mean[j];
        _mean[j] += delta * nb / n;
        _m2[j] += m2B + delta * delta * ((double)na * nb / n);
        _count[j] = n;
    }

    /// <summary>Merges <paramref name="other"/> (statistics of other rows of the same column) into this one and returns this.</summary>
    public MaskedColumnStatistics Merge(MaskedColumnStatistics other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Slots != Slots) throw new ArgumentException($"Cannot merge statistics of {other.Slots} slots into statistics of {Slots} slots.", nameof(other));
        Flush(); other.Flush();
        for (int j = 0; j < Slots; j++)
        {
            if (other._count[j] > 0) Combine(j, other._count[j], other._mean[j], other._m2[j]);
            _min[j] = Math.Min(_min[j], other._min[j]);
            _max[j] = Math.Max(_max[j], other._max[j]);
        }
        Rows += other.Rows;
        return this;
    }

    /// <summary>Completes pending updates; call before reading <see cref="Count"/>, <see cref="Mean"/> or <see cref="M2"/> directly after <c>Add</c>.</summary>
    public MaskedColumnStatistics Complete() { Flush(); return this; }
}
