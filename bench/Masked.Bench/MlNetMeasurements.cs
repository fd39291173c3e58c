using System.Diagnostics;
using System.Globalization;
using Masked.ML;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Masked.Bench;

/// <summary>
/// `-- mlnet`: each masked component against ML.NET's NormalizeMeanVariance(fixZero: false) on the same data in the same
/// process (N rows × a 32-slot float vector, 10% missing at random, every 1000th row fully missing; the "missing_slot"
/// variants add a fully missing slot). Fit time, transform + read of every row, the same after Save → Load in a fresh
/// process (a child process loads both saved models, ours and ML.NET's, and times them side by side on the same data; the
/// line reports the child's ratio), and the bytes Fit allocates (all threads). Best of a few repetitions; one line per
/// component and row count.
/// </summary>
public static class MlNetMeasurements
{
    private const int Slots = 32;

    public static void Run(int[] rowCounts)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"masked-mlnet-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        try
        {
            foreach (int rows in rowCounts) Run(rows, dir);
        }
        finally { Directory.Delete(dir, true); }
    }

    private static void Run(int rows, string dir)
    {
        var table = new Table(rows, seed: 1);
        var ml = new MLContext(seed: 0);
        int reps = rows <= 1_000_000 ? 3 : 2;
        var plain = new TableView(table, missingSlot: false);
        var missing = new TableView(table, missingSlot: true);
        var t = ml.Transforms;
        var baseline = new Dictionary<TableView, (double fit, double transform, string model)>();
        (double fit, double transform, string model) Baseline(TableView data)
        {
            if (!baseline.TryGetValue(data, out var b))
            {
                var (times, _, model) = Measure(ml, data, () => t.NormalizeMeanVariance("Out", "Features", fixZero: false), reps);
                string path = Path.Combine(dir, $"baseline-{(data.MissingSlot ? "missing" : "plain")}.zip");
                ml.Model.Save(model, data.Schema, path);
                baseline[data] = b = (times.fit, times.transform, path);
            }
            return b;
        }
        var components = new (string name, TableView data, Func<IEstimator<ITransformer>> make)[]
        {
            ("MaskedNormalizeMeanVariance", plain, () => t.MaskedNormalizeMeanVariance("Out", "Features")),
            ("MaskedNormalizeMeanVariance+missing_slot", missing, () => t.MaskedNormalizeMeanVariance("Out", "Features")),
            ("MaskedNormalizeMeanVariance+mask+output_mask", plain, () => t.MaskedNormalizeMeanVariance("Out", "Features", "Mask", "OutMask")),
            ("MaskedNormalizeMinMax+missing_slot", missing, () => t.MaskedNormalizeMinMax("Out", "Features")),
            ("MaskedNormalizeRobust", plain, () => t.MaskedNormalizeRobust("Out", "Features")),
            ("mlnet.NormalizeRobustScaling", plain, () => t.NormalizeRobustScaling("Out", "Features")),
            ("MaskedSoftmax", plain, () => t.MaskedSoftmax("Out", "Features")),
            ("MaskedSoftmax+mask+output_mask", plain, () => t.MaskedSoftmax("Out", "Features", "Mask", outputMaskColumnName: "OutMask")),
            ("MaskedAggregate.Mean", plain, () => t.MaskedAggregate("Out", "Features", MaskedAggregation.Mean)),
            ("MaskedAggregate.StandardDeviation+mask+output_mask", plain, () => t.MaskedAggregate("Out", "Features", MaskedAggregation.StandardDeviation, "Mask", outputMaskColumnName: "OutMask")),
        };
        foreach (var (name, data, make) in components)
        {
            var b = Baseline(data);
            var (times, allocated, model) = Measure(ml, data, make, reps);
            string path = Path.Combine(dir, "component.zip");
            ml.Model.Save(model, data.Schema, path);
            double loaded = LoadedRatioInChild(path, b.model, rows, data.MissingSlot, reps);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"mlnet component={name} fit_ratio={times.fit / b.fit:F2} transform_ratio={times.transform / b.transform:F2} loaded_transform_ratio={loaded:F2} fit_allocated_bytes={allocated} rows={rows}"));
        }
    }

    private static ((double fit, double transform) times, long allocated, ITransformer model) Measure(MLContext ml, IDataView data, Func<IEstimator<ITransformer>> make, int reps)
    {
        double fit = double.MaxValue, transform = double.MaxValue;
        long allocated = long.MaxValue;
        ITransformer? model = null;
        for (int r = 0; r < reps; r++)
        {
            var est = make();
            GC.Collect(); GC.WaitForPendingFinalizers();
            long before = GC.GetTotalAllocatedBytes(precise: true);
            var sw = Stopwatch.StartNew();
            model = est.Fit(data);
            sw.Stop();
            allocated = Math.Min(allocated, GC.GetTotalAllocatedBytes(precise: true) - before);
            fit = Math.Min(fit, sw.Elapsed.TotalSeconds);
            var m = model;
            transform = Math.Min(transform, Time(() => Consume(m.Transform(data))));
        }
        return ((fit, transform), allocated, model!);
    }

    /// <summary>Starts a child process (this assembly, mode <c>mlnet-child</c>) that loads both saved models and times them
    /// side by side on the same generated table; returns its ratio (NaN when our model does not load back).</summary>
    private static double LoadedRatioInChild(string ours, string baseline, int rows, bool missingSlot, int reps)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") psi.ArgumentList.Add(typeof(MlNetMeasurements).Assembly.Location);
        foreach (var a in new[] { "mlnet-child", ours, baseline, rows.ToString(CultureInfo.InvariantCulture), missingSlot ? "1" : "0", reps.ToString(CultureInfo.InvariantCulture) })
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var line = stdout.Split('\n').FirstOrDefault(l => l.StartsWith("loaded_ratio=", StringComparison.Ordinal));
        if (p.ExitCode != 0 || line is null) throw new InvalidOperationException($"mlnet child failed ({p.ExitCode}): {stderr.Result}");
        return double.Parse(line["loaded_ratio=".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>The child: regenerates the table, loads our model and ML.NET's into a fresh MLContext and times transform +
    /// read of every row for both after one untimed pass each, alternating, best of <c>reps</c> + 1; prints <c>loaded_ratio=x</c> (NaN when ours does not load).</summary>
    public static int RunChild(string ours, string baseline, int rows, bool missingSlot, int reps)
    {
        var data = new TableView(new Table(rows, seed: 1), missingSlot);
        var ml = new MLContext(seed: 1);
        var theirs = ml.Model.Load(baseline, out _);
        ITransformer mine;
        try { mine = ml.Model.Load(ours, out _); }
        catch (InvalidOperationException) { Console.WriteLine("loaded_ratio=NaN"); return 0; } // ML.NET 5.0.1's NormalizeRobustScaling model does not load back (FormatException)
        // One untimed pass each first: a fresh process starts with unjitted code (tiered compilation), and ours runs more
        // generic ML.NET machinery (custom mapping, typed cursor) than the baseline, which would otherwise be timed cold.
        Consume(theirs.Transform(data)); Consume(mine.Transform(data));
        double a = double.MaxValue, b = double.MaxValue;
        for (int r = 0; r < reps + 1; r++)
        {
            b = Math.Min(b, Time(() => Consume(theirs.Transform(data))));
            a = Math.Min(a, Time(() => Consume(mine.Transform(data))));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loaded_ratio={a / b:R}"));
        return 0;
    }

    /// <summary>`-- mlnet-profile`: where the time of the mask-column routes goes after Save → Load. Each piece is fitted,
    /// saved, loaded back (one process) and timed side by side with the others (transform + read of every row of "Out",
    /// best of 8, interleaved): reading the input alone, ML.NET's normalizer, the same behind a column copy and a drop (the
    /// cost of a chain layer), the fused mask mapping alone (copies of the input and mask, the CustomMapping, copy out), and
    /// the full masked routes. One line per piece: <c>mlnet-profile piece=... seconds=... ratio=...</c> (ratio to ML.NET's
    /// normalizer).</summary>
    public static void Profile(int rows)
    {
        var data = new TableView(new Table(rows, seed: 1), missingSlot: false);
        var ml = new MLContext(seed: 0);
        var t = ml.Transforms;
        const string X = "MaskedML.X", M = "MaskedML.M", Y = "MaskedML.Y";
        var pieces = new (string name, IEstimator<ITransformer> est)[]
        {
            ("mlnet.NormalizeMeanVariance", t.NormalizeMeanVariance("Out", "Features", fixZero: false)),
            ("read_input_only", t.CopyColumns("Out", "Features")),
            ("copy+mlnet.NormalizeMeanVariance+drop", t.CopyColumns(X, "Features").Append(t.NormalizeMeanVariance("Out", X, fixZero: false)).Append(t.DropColumns(X))),
            ("fused_mask_mapping_only", t.CopyColumns(X, "Features").Append(t.CopyColumns(M, "Mask"))
                .Append(t.CustomMapping(new Masked.ML.Mapping.SingleMaskMapping32().GetMapping(), Masked.ML.Mapping.SingleMaskMapping32.ContractName))
                .Append(t.CopyColumns("Out", Y)).Append(t.DropColumns(X, M, Y))),
            ("MaskedNormalizeMeanVariance+mask", t.MaskedNormalizeMeanVariance("Out", "Features", "Mask")),
            ("MaskedSoftmax", t.MaskedSoftmax("Out", "Features")),
            ("MaskedSoftmax+mask", t.MaskedSoftmax("Out", "Features", "Mask")),
        };
        var dir = Path.Combine(Path.GetTempPath(), $"masked-mlnet-profile-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        try
        {
            var loaded = new List<(string name, ITransformer model)>();
            foreach (var (name, est) in pieces)
            {
                string path = Path.Combine(dir, $"{loaded.Count}.zip");
                ml.Model.Save(est.Fit(data), data.Schema, path);
                loaded.Add((name, new MLContext(seed: 1).Model.Load(path, out _)));
            }
            var best = new double[loaded.Count];
            Array.Fill(best, double.MaxValue);
            for (int r = 0; r < 9; r++)
                for (int i = 0; i < loaded.Count; i++)
                {
                    double s = Time(() => Consume(loaded[i].model.Transform(data)));
                    if (r > 0) best[i] = Math.Min(best[i], s); // the first round warms up (tiered JIT)
                }
            for (int i = 0; i < loaded.Count; i++)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mlnet-profile piece={loaded[i].name} seconds={best[i]:F3} ratio={best[i] / best[0]:F2} rows={rows}"));
        }
        finally { Directory.Delete(dir, true); }
    }

    private static double Time(Action a) { GC.Collect(); var sw = Stopwatch.StartNew(); a(); return sw.Elapsed.TotalSeconds; }

    /// <summary>Reads every row of the output column (vector or scalar), as a consumer would.</summary>
    private static double Consume(IDataView v)
    {
        var col = v.Schema["Out"];
        using var cursor = v.GetRowCursor([col]);
        double s = 0;
        if (col.Type is VectorDataViewType)
        {
            var get = cursor.GetGetter<VBuffer<float>>(col);
            VBuffer<float> buf = default;
            while (cursor.MoveNext()) { get(ref buf); s += buf.GetValues()[0]; }
        }
        else
        {
            var get = cursor.GetGetter<float>(col);
            float x = 0;
            while (cursor.MoveNext()) { get(ref x); s += x; }
        }
        return s;
    }

    /// <summary>The generated table: values and masks row-major in two flat arrays.</summary>
    private sealed class Table
    {
        public readonly float[] Values;
        public readonly bool[] Mask;
        public readonly int Rows;

        public Table(int rows, int seed)
        {
            Rows = rows;
            Values = new float[(long)rows * Slots];
            Mask = new bool[(long)rows * Slots];
            var rng = new Random(seed);
            for (long i = 0; i < rows; i++)
                for (int j = 0; j < Slots; j++)
                {
                    long k = i * Slots + j;
                    Values[k] = i % 1000 == 3 || rng.NextDouble() < 0.1 ? float.NaN : (float)(rng.NextDouble() * (j + 1) + j);
                    Mask[k] = rng.NextDouble() >= 0.05;
                }
        }
    }

    /// <summary>An IDataView over the table (Features, Mask), with parallel cursors over row ranges; optionally slot 31 is missing everywhere.</summary>
    private sealed class TableView(Table table, bool missingSlot) : IDataView
    {
        public Table Data => table;
        public bool MissingSlot => missingSlot;
        public bool CanShuffle => false;
        public DataViewSchema Schema { get; } = MakeSchema();
        public long? GetRowCount() => table.Rows;

        private static DataViewSchema MakeSchema()
        {
            var b = new DataViewSchema.Builder();
            b.AddColumn("Features", new VectorDataViewType(NumberDataViewType.Single, Slots));
            b.AddColumn("Mask", new VectorDataViewType(BooleanDataViewType.Instance, Slots));
            return b.ToSchema();
        }

        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this, 0, table.Rows);

        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
        {
            n = Math.Max(1, Math.Min(n, Environment.ProcessorCount));
            return Enumerable.Range(0, n).Select(i => (DataViewRowCursor)new Cursor(this, (long)table.Rows * i / n, (long)table.Rows * (i + 1) / n)).ToArray();
        }

        private sealed class Cursor(TableView view, long start, long end) : DataViewRowCursor
        {
            private long _row = start - 1, _position = -1;
            public override DataViewSchema Schema => view.Schema;
            public override long Position => _position;
            public override long Batch => start;
            public override bool MoveNext() { _row++; _position++; return _row < end; }
            public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)_row, 0);
            public override bool IsColumnActive(DataViewSchema.Column column) => true;
            public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
            {
                if (column.Index == 0)
                {
                    ValueGetter<VBuffer<float>> g = (ref VBuffer<float> dst) =>
                    {
                        var e = VBufferEditor.Create(ref dst, Slots);
                        view.Data.Values.AsSpan((int)(_row * Slots), Slots).CopyTo(e.Values);
                        if (view.MissingSlot) e.Values[Slots - 1] = float.NaN;
                        dst = e.Commit();
                    };
                    return (ValueGetter<TValue>)(Delegate)g;
                }
                ValueGetter<VBuffer<bool>> m = (ref VBuffer<bool> dst) =>
                {
                    var e = VBufferEditor.Create(ref dst, Slots);
                    view.Data.Mask.AsSpan((int)(_row * Slots), Slots).CopyTo(e.Values);
                    dst = e.Commit();
                };
                return (ValueGetter<TValue>)(Delegate)m;
            }
        }
    }
}
