using System.Numerics;
using Apache.Arrow;
using Masked.Cli.Input;

namespace Masked.Cli.Profiling;

/// <summary>
/// Profiles a file batch by batch: pass 1 computes count, mean, variance, min and max with Masked.Core's reductions
/// on each batch (merged across batches), row nullity for the pictures and the top-16-bit radix counts of every
/// series; pass 2 fills histograms and narrows the exact median; further passes happen only when a median's bucket
/// still holds more than <see cref="RadixSelect.CollectLimit"/> values. Memory is bounded by one batch plus fixed
/// tables, whatever the file size.
/// </summary>
public sealed class Profiler
{
    private readonly TabularFile _file;
    private readonly ProfileOptions _options;
    private readonly IReadOnlyList<ColumnPlan> _plans;
    private readonly SeriesStatistics[][] _series;

    /// <summary>Plans a profile of <paramref name="file"/>.</summary>
    /// <exception cref="CliException">An explicitly requested column is not numeric, or has too many slots for <see cref="ProfileOptions.PerSlot"/>.</exception>
    public Profiler(TabularFile file, ProfileOptions options)
    {
        _file = file;
        _options = options;
        if (options.Bins < 1 || options.Bins > 1000) throw new CliException($"--bins must be between 1 and 1000, got {options.Bins}.");
        if (options.BatchSize < 1) throw new CliException($"--batch-size must be positive, got {options.BatchSize}.");
        _plans = ColumnPlan.Select(file.Schema, options.Columns, file.Path);
        if (options.Columns is not null)
            foreach (var p in _plans.Where(p => !p.IsNumeric))
                throw new CliException($"column '{p.Name}' has type {p.TypeName}; profile computes statistics of numeric columns (and fixed-size lists / tensors of numbers) only.");
        _series = _plans.Select(p =>
        {
            if (!p.IsNumeric) return [];
            if (!options.PerSlot || !p.IsVector) return new[] { new SeriesStatistics(p.Name, options.Bins) };
            if (p.Width > ProfileOptions.MaxSlots) throw new CliException($"column '{p.Name}' has {p.Width} slots; --per-slot profiles at most {ProfileOptions.MaxSlots} (profile it as a whole without --per-slot).");
            return Enumerable.Range(0, p.Width).Select(j => new SeriesStatistics($"{p.Name}[{SlotName(p.ItemShape, j)}]", options.Bins)).ToArray();
        }).ToArray();
        if (_plans.Count == 0) throw new CliException($"'{file.Path}' has no columns.");
    }

    /// <summary>Called after each batch with the rows done in this pass, the pass number and the file's row count when known.</summary>
    public Action<long, int, long?>? Progress { get; set; }

    private static string SlotName(int[] shape, int j)
    {
        var idx = new int[shape.Length];
        for (int d = shape.Length - 1; d >= 0; d--) { idx[d] = j % shape[d]; j /= shape[d]; }
        return string.Join(",", idx);
    }

    /// <summary>Runs every pass and returns the profile.</summary>
    public FileProfile Run()
    {
        var nullity = new NullityAccumulator(_plans.Count);
        long rows = 0;
        var names = _plans.Select(p => p.Name).ToList();
        foreach (var batch in _file.ReadBatches(names, _options.BatchSize))
        {
            using (batch)
            {
                var words = new ulong[_plans.Count][];
                for (int c = 0; c < _plans.Count; c++)
                {
                    var plan = _plans[c];
                    if (!plan.IsNumeric) { words[c] = RowNulls.Of(batch.Column(batch.Schema.GetFieldIndex(plan.Name))); continue; }
                    var tensor = plan.ReadTensor(batch);
                    switch (tensor)
                    {
                        case MaskedTensor<float> f: words[c] = RowNulls.Of(f); BatchStatistics.Add(f, _series[c]); break;
                        case MaskedTensor<double> d: words[c] = RowNulls.Of(d); BatchStatistics.Add(d, _series[c]); break;
                    }
                    ColumnPlan.Release(tensor);
                }
                nullity.Add(batch.Length, words);
                rows += batch.Length;
                Progress?.Invoke(rows, 1, _file.RowCount);
            }
        }

        foreach (var s in _series.SelectMany(x => x)) s.PlanQuantiles(0.5);
        int passes = 1;
        bool histogram = true;
        var numeric = _plans.Select((p, i) => (p, i)).Where(x => x.p.IsNumeric).ToList();
        while (numeric.Count > 0 && (histogram || _series.SelectMany(x => x).Any(s => s.Select.NeedsPass)))
        {
            passes++;
            long done = 0;
            foreach (var batch in _file.ReadBatches(numeric.Select(x => x.p.Name).ToList(), _options.BatchSize))
            {
                using (batch)
                {
                    foreach (var (plan, c) in numeric)
                    {
                        var tensor = plan.ReadTensor(batch);
                        switch (tensor)
                        {
                            case MaskedTensor<float> f: BatchStatistics.Offer(f, _series[c], histogram); break;
                            case MaskedTensor<double> d: BatchStatistics.Offer(d, _series[c], histogram); break;
                        }
                        ColumnPlan.Release(tensor);
                    }
                    done += batch.Length;
                    Progress?.Invoke(done, passes, _file.RowCount ?? rows);
                }
            }
            foreach (var s in _series.SelectMany(x => x)) s.EndPass();
            histogram = false;
        }

        var profiles = new List<ColumnProfile>();
        for (int c = 0; c < _plans.Count; c++)
        {
            var p = _plans[c];
            if (!p.IsNumeric)
            {
                long nulls = nullity.NullRows(c);
                profiles.Add(new ColumnProfile(p.Name, p.TypeName, rows, rows, rows - nulls, null, null, null, null, null, null));
                continue;
            }
            foreach (var s in _series[c])
            {
                bool any = s.Valid > 0;
                profiles.Add(new ColumnProfile(s.Name, p.TypeName, rows, s.Values, s.Valid,
                    any ? s.Mean : null, s.Valid > 1 ? s.Std : null, any ? s.Min : null, any ? s.Max : null,
                    any ? s.Quantiles[0] : null, any ? s.Histogram : null));
            }
        }
        return new FileProfile(_file.Path, _file.Format.ToString(), rows, profiles, names, nullity.ValidShareByBin(),
            nullity.BinSize, nullity.Correlation(), passes);
    }
}
