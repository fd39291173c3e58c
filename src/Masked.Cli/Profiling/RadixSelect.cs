namespace Masked.Cli.Profiling;

/// <summary>
/// Exact order statistics of a stream too large for memory, by multi-pass radix selection on order-preserving 64-bit
/// keys: pass 1 counts values per top 16 key bits (<see cref="CountTop"/>); each later pass looks only at values in the
/// buckets holding the wanted ranks and either collects them (when a bucket holds at most <see cref="CollectLimit"/>
/// values) or counts them by the next 16 bits. Memory: one 65536-entry count table per open bucket plus the collected
/// values; never the stream. The result is exact (no sketch, no rank error).
/// </summary>
public sealed class RadixSelect
{
    /// <summary>Most values collected from one bucket instead of refining it further (8 MB of keys).</summary>
    public const int CollectLimit = 1 << 20;

    private readonly long[] _top = new long[1 << 16];
    private List<Target> _targets = [];
    private long[]? _ranks;
    private ulong[]? _results;

    /// <summary>Values counted in pass 1.</summary>
    public long Count { get; private set; }

    /// <summary>Pass 1: counts one value.</summary>
    public void CountTop(ulong key)
    {
        _top[key >> 48]++;
        Count++;
    }

    /// <summary>After pass 1: the 0-based ranks (ascending order) to find. Returns true when another pass is needed.</summary>
    public bool Plan(IReadOnlyList<long> ranks)
    {
        _ranks = ranks.ToArray();
        _results = new ulong[_ranks.Length];
        foreach (long r in _ranks) if (r < 0 || r >= Count) throw new ArgumentOutOfRangeException(nameof(ranks), $"rank {r} is outside 0..{Count - 1}");
        _targets = Refine(_top, 0, 0, Enumerable.Range(0, _ranks.Length).Select(i => (i, _ranks[i])).ToList());
        return _targets.Count > 0;
    }

    /// <summary>True while a further pass over the values is needed.</summary>
    public bool NeedsPass => _targets.Count > 0;

    /// <summary>A later pass: offers one value.</summary>
    public void Offer(ulong key)
    {
        foreach (var t in _targets)
        {
            if (t.Bits > 0 && key >> (64 - t.Bits) != t.Prefix) continue;
            if (t.Values is not null) t.Values.Add(key);
            else t.Counts![(key >> (48 - t.Bits)) & 0xFFFF]++;
        }
    }

    /// <summary>Ends a later pass: resolves collected buckets and refines counted ones. Returns true when another pass is needed.</summary>
    public bool EndPass()
    {
        var next = new List<Target>();
        foreach (var t in _targets)
        {
            if (t.Values is not null)
            {
                t.Values.Sort();
                foreach (var (index, within) in t.Ranks) _results![index] = t.Values[(int)within];
            }
            else next.AddRange(Refine(t.Counts!, t.Prefix, t.Bits, t.Ranks));
        }
        _targets = next;
        return _targets.Count > 0;
    }

    /// <summary>The value at the i-th planned rank (valid once no pass is needed).</summary>
    public double Result(int i)
    {
        if (_results is null || NeedsPass) throw new InvalidOperationException("the selection has not finished");
        return OrderKey.ToDouble(_results[i]);
    }

    private List<Target> Refine(long[] counts, ulong prefix, int bits, List<(int index, long within)> ranks)
    {
        var targets = new Dictionary<int, Target>();
        foreach (var (index, within) in ranks)
        {
            long cum = 0;
            int b = 0;
            while (cum + counts[b] <= within) cum += counts[b++];
            ulong p = (prefix << 16) | (uint)b;
            int nb = bits + 16;
            if (nb == 64) { _results![index] = p; continue; } // every key in the bucket is this key
            if (!targets.TryGetValue(b, out var t))
            {
                bool collect = counts[b] <= CollectLimit;
                targets[b] = t = new Target(p, nb, collect ? new List<ulong>((int)counts[b]) : null, collect ? null : new long[1 << 16]);
            }
            t.Ranks.Add((index, within - cum));
        }
        return targets.Values.ToList();
    }

    private sealed class Target(ulong prefix, int bits, List<ulong>? values, long[]? counts)
    {
        public ulong Prefix { get; } = prefix;
        public int Bits { get; } = bits;
        public List<ulong>? Values { get; } = values;
        public long[]? Counts { get; } = counts;
        public List<(int index, long within)> Ranks { get; } = [];
    }
}
