using System.Text.Json.Serialization;

namespace Masked.ML;

/// <summary>
/// A mergeable quantile sketch over doubles (a compactor hierarchy in the style of KLL / Manku–Rajagopalan–Lindsay with
/// equal level capacities). Level <c>h</c> holds items of weight <c>2^h</c>; when a level holds <see cref="Capacity"/>
/// items it is sorted and every other item (alternating the starting offset per level) moves up one level with twice
/// the weight.
/// <para>
/// Error bound (deterministic, not probabilistic): one compaction of a level of weight <c>w</c> changes the estimated
/// rank of any value by at most <c>w</c>; the sketch adds <c>w</c> to <see cref="RankErrorBound"/> at every compaction,
/// so for every value <c>x</c>, |estimated rank(x) − true rank(x)| ≤ <see cref="RankErrorBound"/>, which stays below
/// <c>2 · Count · L / Capacity</c> for a sketch with L levels; merging adds the bounds. Until <see cref="Capacity"/> items have
/// been added the sketch is exact. Memory: at most <see cref="Capacity"/> doubles per level, ⌈log2(Count / Capacity)⌉ + 1
/// levels (about 32 KB × levels at the default capacity 4096) — independent of the row count but for the log factor.
/// </para>
/// </summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed class QuantileSketch
{
    /// <summary>The default level capacity.</summary>
    public const int DefaultCapacity = 4096;

    private readonly List<double[]> _levels = new();
    private readonly List<int> _sizes = new();
    private readonly List<bool> _offsets = new();

    /// <summary>An empty sketch whose levels hold <paramref name="capacity"/> items (even, at least 8).</summary>
    public QuantileSketch(int capacity = DefaultCapacity)
    {
        if (capacity < 8 || capacity % 2 != 0) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "Capacity must be an even number of at least 8.");
        Capacity = capacity;
    }

    /// <summary>Restores a serialized sketch: <paramref name="levels"/>[h] holds the items of weight 2^h.</summary>
    [JsonConstructor]
    public QuantileSketch(int capacity, long count, long rankErrorBound, double min, double max, double[][] levels)
        : this(capacity)
    {
        ArgumentNullException.ThrowIfNull(levels);
        long weight = 0;
        for (int h = 0; h < levels.Length; h++)
        {
            if (levels[h].Length > capacity) throw new ArgumentException($"Level {h} holds {levels[h].Length} items; the capacity is {capacity}.", nameof(levels));
            var buf = new double[capacity];
            levels[h].CopyTo(buf, 0);
            _levels.Add(buf); _sizes.Add(levels[h].Length); _offsets.Add(false);
            weight += (long)levels[h].Length << h;
        }
        if (weight != count) throw new ArgumentException($"The levels hold a total weight of {weight}, not the count {count}.", nameof(levels));
        Count = count; RankErrorBound = rankErrorBound; Min = min; Max = max;
    }

    /// <summary>Items per level before it compacts.</summary>
    public int Capacity { get; }
    /// <summary>Values added (over all merged sketches).</summary>
    public long Count { get; private set; }
    /// <summary>Worst-case absolute rank error of <see cref="Rank"/> and of the ranks behind <see cref="Quantile"/>.</summary>
    public long RankErrorBound { get; private set; }
    /// <summary>Smallest value added (+∞ when empty).</summary>
    public double Min { get; private set; } = double.PositiveInfinity;
    /// <summary>Largest value added (−∞ when empty).</summary>
    public double Max { get; private set; } = double.NegativeInfinity;
    /// <summary>The retained items per level (level h has weight 2^h), for serialization.</summary>
    public double[][] Levels => _levels.Select((l, h) => l.AsSpan(0, _sizes[h]).ToArray()).ToArray();

    /// <summary>Adds a value (NaN is rejected: filter missing values before).</summary>
    public void Add(double value)
    {
        if (double.IsNaN(value)) throw new ArgumentException("A quantile sketch takes no NaN; missing values must be filtered out first.", nameof(value));
        if (_levels.Count == 0) AddLevel();
        var l0 = _levels[0];
        l0[_sizes[0]++] = value;
        Count++;
        if (value < Min) Min = value;
        if (value > Max) Max = value;
        if (_sizes[0] == Capacity) Compact(0);
    }

    private void AddLevel() { _levels.Add(new double[Capacity]); _sizes.Add(0); _offsets.Add(false); }

    /// <summary>Sorts level h and moves every other item up one level (making room there first); an odd item out stays.</summary>
    private void Compact(int h)
    {
        if (h + 1 == _levels.Count) AddLevel();
        int size = _sizes[h];
        int pairs = size / 2;
        if (_sizes[h + 1] + pairs > Capacity) Compact(h + 1);
        var buf = _levels[h];
        var span = buf.AsSpan(0, size);
        span.Sort();
        var up = _levels[h + 1];
        int upSize = _sizes[h + 1];
        int start = _offsets[h] ? 1 : 0;
        _offsets[h] = !_offsets[h];
        for (int i = 0; i < pairs; i++) up[upSize + i] = span[2 * i + start];
        _sizes[h + 1] = upSize + pairs;
        if (size % 2 == 1) { buf[0] = span[size - 1]; _sizes[h] = 1; } else _sizes[h] = 0;
        RankErrorBound += 1L << h;
    }

    /// <summary>Merges <paramref name="other"/> (a sketch of other values) into this sketch and returns this.</summary>
    public QuantileSketch Merge(QuantileSketch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Capacity != Capacity) throw new ArgumentException($"Cannot merge a sketch of capacity {other.Capacity} into one of capacity {Capacity}.", nameof(other));
        for (int h = 0; h < other._levels.Count; h++)
        {
            while (_levels.Count <= h) AddLevel();
            var src = other._levels[h].AsSpan(0, other._sizes[h]);
            int i = 0;
            while (i < src.Length)
            {
                int room = Capacity - _sizes[h];
                int take = Math.Min(room, src.Length - i);
                src.Slice(i, take).CopyTo(_levels[h].AsSpan(_sizes[h]));
                _sizes[h] += take; i += take;
                if (_sizes[h] == Capacity) Compact(h);
            }
        }
        Count += other.Count;
        RankErrorBound += other.RankErrorBound;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
        return this;
    }

    /// <summary>Estimated number of values ≤ <paramref name="value"/> (within <see cref="RankErrorBound"/> of the truth).</summary>
    public long Rank(double value)
    {
        long r = 0;
        for (int h = 0; h < _levels.Count; h++)
            foreach (var v in _levels[h].AsSpan(0, _sizes[h])) if (v <= value) r += 1L << h;
        return r;
    }

    /// <summary>
    /// The q-quantile with linear interpolation between order statistics (position q·(Count − 1), as NumPy's default and
    /// the masked tensors' <c>Quantile</c>): exact while no compaction happened, otherwise the order statistics come from
    /// the weighted items, each within <see cref="RankErrorBound"/> ranks. NaN when empty.
    /// </summary>
    public double Quantile(double q)
    {
        if (!(q >= 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "Quantile must be in [0, 1].");
        if (Count == 0) return double.NaN;
        var (values, weights) = Sorted();
        double pos = q * (Count - 1);
        long lo = (long)Math.Floor(pos), hi = (long)Math.Ceiling(pos);
        double a = OrderStatistic(values, weights, lo), b = OrderStatistic(values, weights, hi);
        return a + (b - a) * (pos - lo);
    }

    /// <summary>Several quantiles from one sort.</summary>
    public double[] Quantiles(params double[] qs)
    {
        ArgumentNullException.ThrowIfNull(qs);
        if (Count == 0) return qs.Select(_ => double.NaN).ToArray();
        var (values, weights) = Sorted();
        return qs.Select(q =>
        {
            if (!(q >= 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(qs), q, "Quantile must be in [0, 1].");
            double pos = q * (Count - 1);
            long lo = (long)Math.Floor(pos), hi = (long)Math.Ceiling(pos);
            double a = OrderStatistic(values, weights, lo), b = OrderStatistic(values, weights, hi);
            return a + (b - a) * (pos - lo);
        }).ToArray();
    }

    private (double[] values, long[] cumulative) Sorted()
    {
        int total = _sizes.Sum();
        var items = new (double v, long w)[total];
        int k = 0;
        for (int h = 0; h < _levels.Count; h++)
            foreach (var v in _levels[h].AsSpan(0, _sizes[h])) items[k++] = (v, 1L << h);
        Array.Sort(items, (x, y) => x.v.CompareTo(y.v));
        var values = new double[total];
        var cum = new long[total];
        long c = 0;
        for (int i = 0; i < total; i++) { values[i] = items[i].v; c += items[i].w; cum[i] = c; }
        return (values, cum);
    }

    /// <summary>The value at 0-based rank <paramref name="rank"/>: the first item whose cumulative weight exceeds it.</summary>
    private static double OrderStatistic(double[] values, long[] cumulative, long rank)
    {
        int i = Array.BinarySearch(cumulative, rank + 1);
        if (i < 0) i = ~i;
        return values[Math.Min(i, values.Length - 1)];
    }
}
