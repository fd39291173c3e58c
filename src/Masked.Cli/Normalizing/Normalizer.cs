using Apache.Arrow;
using Apache.Arrow.Types;
using Masked.Arrow;
using Masked.Cli.Input;
using Masked.Cli.Profiling;
using Masked.ML;
using Microsoft.ML;

namespace Masked.Cli.Normalizing;

/// <summary>
/// Normalizes numeric columns of a file: pass 1 (and, for robust, the exact radix-select passes) computes each slot's
/// statistics over valid entries batch by batch; the last pass transforms each batch with Masked.Core's elementwise
/// ops (nulls stay masked) and writes it to Parquet, one row group per batch. Other columns pass through unchanged.
/// </summary>
public sealed class Normalizer
{
    private readonly TabularFile _file;
    private readonly NormalizeMethod _method;
    private readonly int _batchSize;
    private readonly IReadOnlyList<ColumnPlan> _targets;

    /// <summary>Plans the normalization of <paramref name="columns"/> (null: every numeric scalar and fixed-size list column).</summary>
    /// <exception cref="CliException">A requested column is not numeric or is a fixed-shape tensor, or no column qualifies.</exception>
    public Normalizer(TabularFile file, NormalizeMethod method, IReadOnlyList<string>? columns, int batchSize)
    {
        _file = file; _method = method; _batchSize = batchSize;
        if (batchSize < 1) throw new CliException($"--batch-size must be positive, got {batchSize}.");
        var plans = ColumnPlan.Select(file.Schema, columns, file.Path);
        if (columns is not null)
            foreach (var p in plans.Where(p => !Supported(p)))
                throw new CliException($"column '{p.Name}' has type {p.TypeName}; normalize handles numeric columns and fixed-size lists of float32/float64.");
        _targets = plans.Where(Supported).ToList();
        if (_targets.Count == 0) throw new CliException($"'{file.Path}' has no numeric column to normalize.");
    }

    private static bool Supported(ColumnPlan p) =>
        p.IsNumeric && (!p.IsVector || (p.ItemShape.Length == 1 && p.Field.DataType is FixedSizeListType l && l.ValueDataType is FloatType or DoubleType && FixedShapeTensorType.TryFromField(p.Field) is null));

    /// <summary>The normalized columns.</summary>
    public IReadOnlyList<string> Columns => _targets.Select(t => t.Name).ToList();

    /// <summary>Per column, per slot: the offset and scale applied as (x - offset) * scale (NaN scale: slot with no valid entry).</summary>
    public IReadOnlyDictionary<string, (double[] offset, double[] scale)> Parameters { get; private set; } = new Dictionary<string, (double[], double[])>();

    /// <summary>Called after each batch with the rows done in this pass, the pass number and the file's row count when known.</summary>
    public Action<long, int, long?>? Progress { get; set; }

    private long? _rows;

    /// <summary>Passes over the data so far.</summary>
    public int Passes { get; private set; }

    /// <summary>Computes the statistics, then writes the normalized file to <paramref name="output"/> (Parquet).</summary>
    public void Run(string output)
    {
        var series = _targets.Select(p => Enumerable.Range(0, p.Width).Select(j => new SeriesStatistics($"{p.Name}[{j}]", 1)).ToArray()).ToArray();
        var names = _targets.Select(t => t.Name).ToList();
        Pass(names, (plan, c, t) => Statistics(t, series[c], add: true));
        bool more = false;
        foreach (var s in series.SelectMany(x => x)) more |= _method == NormalizeMethod.Robust && s.PlanQuantiles(0.25, 0.5, 0.75);
        while (more)
        {
            Pass(names, (plan, c, t) => Statistics(t, series[c], add: false));
            more = false;
            foreach (var s in series.SelectMany(x => x)) more |= s.EndPass();
        }
        var parameters = new Dictionary<string, (double[], double[])>();
        for (int c = 0; c < _targets.Count; c++) parameters[_targets[c].Name] = Fit(series[c]);
        Parameters = parameters;

        var all = _file.Schema.FieldsList.Select(f => f.Name).ToList();
        Passes++;
        ParquetTensors.Write(output, Transform(all));
    }

    private void Pass(IReadOnlyList<string> names, Action<ColumnPlan, int, object> onColumn)
    {
        Passes++;
        long done = 0;
        foreach (var batch in _file.ReadBatches(names, _batchSize))
            using (batch)
            {
                for (int c = 0; c < _targets.Count; c++)
                {
                    var tensor = _targets[c].ReadTensor(batch);
                    onColumn(_targets[c], c, tensor);
                    ColumnPlan.Release(tensor);
                }
                done += batch.Length;
                Progress?.Invoke(done, Passes, _file.RowCount ?? _rows);
            }
        _rows = done;
    }

    private static void Statistics(object tensor, SeriesStatistics[] series, bool add)
    {
        switch (tensor)
        {
            case MaskedTensor<float> f when add: BatchStatistics.Add(f, series); break;
            case MaskedTensor<double> d when add: BatchStatistics.Add(d, series); break;
            case MaskedTensor<float> f: BatchStatistics.Offer(f, series, histogram: false); break;
            case MaskedTensor<double> d: BatchStatistics.Offer(d, series, histogram: false); break;
        }
    }

    /// <summary>The same rules as Masked.ML's normalizers: no valid entry → NaN scale; zero or non-finite spread → scale 1.</summary>
    private (double[] offset, double[] scale) Fit(SeriesStatistics[] slots)
    {
        var offset = new double[slots.Length];
        var scale = new double[slots.Length];
        for (int j = 0; j < slots.Length; j++)
        {
            var s = slots[j];
            if (s.Valid == 0) { scale[j] = double.NaN; continue; }
            double center, spread;
            switch (_method)
            {
                case NormalizeMethod.MeanVariance: center = s.Mean; spread = Math.Sqrt(s.PopulationVariance); break;
                case NormalizeMethod.MinMax: center = s.Min; spread = s.Max - s.Min; break;
                default: center = s.Quantiles[1]; spread = s.Quantiles[2] - s.Quantiles[0]; break;
            }
            offset[j] = center;
            scale[j] = spread > 0 && double.IsFinite(spread) ? 1 / spread : 1;
        }
        return (offset, scale);
    }

    private IEnumerable<RecordBatch> Transform(IReadOnlyList<string> all)
    {
        long done = 0;
        foreach (var batch in _file.ReadBatches(all, _batchSize))
        {
            using (batch)
            {
                done += batch.Length;
                Progress?.Invoke(done, Passes, _file.RowCount ?? _rows);
                var fields = new List<Field>(batch.ColumnCount);
                var arrays = new List<IArrowArray>(batch.ColumnCount);
                for (int i = 0; i < batch.ColumnCount; i++)
                {
                    var field = batch.Schema.GetFieldByIndex(i);
                    var plan = _targets.FirstOrDefault(t => t.Name == field.Name);
                    if (plan is null) { fields.Add(field); arrays.Add(batch.Column(i)); continue; }
                    var (offset, scale) = Parameters[plan.Name];
                    var tensor = plan.ReadTensor(batch);
                    IArrowArray array = tensor switch
                    {
                        MaskedTensor<float> f => Apply(f, offset.Select(o => (float)o).ToArray(), scale.Select(s => (float)s).ToArray(), plan),
                        MaskedTensor<double> d => Apply(d, offset, scale, plan),
                        _ => throw new CliException($"column '{plan.Name}' is not supported."),
                    };
                    ColumnPlan.Release(tensor); // the output owns new memory; the input's Arrow buffers go now
                    fields.Add(new Field(field.Name, array.Data.DataType, true));
                    arrays.Add(array);
                }
                yield return new RecordBatch(new Schema(fields, null), arrays, batch.Length);
            }
        }
    }

    private static IArrowArray Apply<T>(MaskedTensor<T> x, T[] offset, T[] scale, ColumnPlan plan) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int rows = x.Shape[0], width = x.Shape[1];
        // A slot with no valid entry has scale NaN: every entry of it is already masked, so nothing reads it.
        var y = (x - MaskedTensor.FromArray(offset, width)) * MaskedTensor.FromArray(scale, width);
        return plan.IsVector ? y.ToFixedSizeListArray() : y.Reshape(rows).ToArrowArray();
    }

    /// <summary>
    /// Fits Masked.ML's normalizer for the same method on the input file (through Masked.ML's Arrow/Parquet data views)
    /// and saves it as an ML.NET model: each normalized column comes out under its own name as a vector (a scalar
    /// column as a one-slot vector, since ML.NET's normalizers work on vectors), missing stays missing (NaN).
    /// A column with no valid value anywhere in the file cannot be fitted (Masked.ML refuses, as it should): it is left
    /// out of the model, which then passes it through unchanged, and its name is returned.
    /// </summary>
    /// <returns>The normalized columns left out of the model because they have no valid value.</returns>
    public IReadOnlyList<string> SaveModel(string modelPath)
    {
        var fitted = _targets.Where(t => !Parameters.TryGetValue(t.Name, out var p) || p.scale.Any(s => !double.IsNaN(s))).ToList();
        var left = _targets.Except(fitted).Select(t => t.Name).ToList();
        if (fitted.Count == 0) throw new CliException($"no normalized column of '{_file.Path}' has a valid value: there is nothing to fit a model on.");
        var ml = new MLContext(seed: 0);
        IDataView data = _file.Format switch
        {
            TabularFormat.Parquet => ml.Data.LoadFromParquet(_file.Path),
            TabularFormat.ArrowFile => ml.Data.LoadFromArrowFile(_file.Path),
            _ => ml.Data.LoadFromArrow(ArrowIpc.ReadStreamMapped(_file.Path)),
        };
        IEstimator<ITransformer>? pipeline = null;
        foreach (var t in fitted)
        {
            string input = t.IsVector ? t.Name : $"{t.Name}.vector";
            var steps = new List<IEstimator<ITransformer>>();
            if (!t.IsVector) steps.Add(ml.Transforms.Concatenate(input, t.Name));
            steps.Add(_method switch
            {
                NormalizeMethod.MeanVariance => ml.Transforms.MaskedNormalizeMeanVariance(t.Name, input),
                NormalizeMethod.MinMax => ml.Transforms.MaskedNormalizeMinMax(t.Name, input),
                _ => ml.Transforms.MaskedNormalizeRobust(t.Name, input),
            });
            if (!t.IsVector) steps.Add(ml.Transforms.DropColumns(input));
            foreach (var s in steps) pipeline = pipeline is null ? s : pipeline.Append(s);
        }
        var model = pipeline!.Fit(data);
        ml.Model.Save(model, data.Schema, modelPath);
        return left;
    }
}
