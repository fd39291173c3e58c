using Microsoft.ML;
using Microsoft.ML.Data;

namespace Masked.ML;

/// <summary>
/// What a masked normalizer fitted for one column: the statistics it streamed and the per-slot affine map it applies,
/// y = (x − <see cref="Offset"/>) · <see cref="Scale"/>.
/// </summary>
public sealed class MaskedNormalizerParameters
{
    private MaskedNormalizerParameters(MaskedNormalization mode, MaskedNormalizingEstimator.ColumnOptions column, MaskedColumnStatistics statistics, QuantileSketch[]? sketches, double[] center, double[] spread)
    {
        Mode = mode; Column = column; Statistics = statistics; Sketches = sketches; Center = center; Spread = spread;
        int n = center.Length;
        Offset = new double[n]; Scale = new double[n];
        for (int j = 0; j < n; j++)
        {
            bool informative = statistics.Count[j] > 0 && spread[j] > 0 && double.IsFinite(spread[j]) && double.IsFinite(center[j]);
            Offset[j] = informative ? center[j] : 0;
            Scale[j] = informative ? 1 / spread[j] : 0;
        }
    }

    /// <summary>The normalization.</summary>
    public MaskedNormalization Mode { get; }
    /// <summary>The column's names.</summary>
    public MaskedNormalizingEstimator.ColumnOptions Column { get; }
    /// <summary>The mergeable statistics streamed from the valid entries.</summary>
    public MaskedColumnStatistics Statistics { get; }
    /// <summary>The per-slot quantile sketches (robust scaler only).</summary>
    public IReadOnlyList<QuantileSketch>? Sketches { get; }
    /// <summary>Per-slot centre: mean, min or median (NaN where a slot has no valid entry).</summary>
    public double[] Center { get; }
    /// <summary>Per-slot spread: population std, max − min, or IQR (NaN where a slot has no valid entry).</summary>
    public double[] Spread { get; }
    /// <summary>Applied offset per slot (0 where the slot carries no information).</summary>
    public double[] Offset { get; }
    /// <summary>Applied scale per slot (0 where the slot carries no information: no valid entry or no spread).</summary>
    public double[] Scale { get; }

    /// <summary>The parameters a normalizer of <paramref name="mode"/> derives from merged statistics (and sketches, for
    /// <see cref="MaskedNormalization.Robust"/>): how a model is built from statistics computed elsewhere and merged.</summary>
    public static MaskedNormalizerParameters From(MaskedNormalization mode, MaskedNormalizingEstimator.ColumnOptions column, MaskedColumnStatistics statistics, IReadOnlyList<QuantileSketch>? sketches = null)
    {
        ArgumentNullException.ThrowIfNull(column); ArgumentNullException.ThrowIfNull(statistics);
        if (statistics.Rows == 0) throw new InvalidOperationException($"Cannot fit a masked normalizer on column '{column.InputColumnName}': the data has no rows.");
        var count = statistics.Count;
        if (count.All(c => c == 0)) throw new InvalidOperationException($"Cannot fit a masked normalizer on column '{column.InputColumnName}': none of its {statistics.Rows} rows has a valid value (every entry is NaN{(column.MaskColumnName is null ? "" : $" or masked by '{column.MaskColumnName}'")}).");
        int n = statistics.Slots;
        var center = new double[n];
        var spread = new double[n];
        if (mode == MaskedNormalization.Robust && (sketches is null || sketches.Count != n))
            throw new ArgumentException($"The robust scaler needs one quantile sketch per slot ({n}).", nameof(sketches));
        for (int j = 0; j < n; j++)
        {
            if (count[j] == 0) { center[j] = spread[j] = double.NaN; continue; }
            switch (mode)
            {
                case MaskedNormalization.MeanVariance:
                    center[j] = statistics.Mean[j]; spread[j] = statistics.StandardDeviation(j); break;
                case MaskedNormalization.MinMax:
                    center[j] = statistics.Min[j]; spread[j] = statistics.Max[j] - statistics.Min[j]; break;
                default:
                    var q = sketches![j].Quantiles(0.25, 0.5, 0.75);
                    center[j] = q[1]; spread[j] = q[2] - q[0]; break;
            }
        }
        return new MaskedNormalizerParameters(mode, column, statistics, sketches?.ToArray(), center, spread);
    }
}

/// <summary>
/// The fitted masked normalizer: typed, exposing what was fitted (<see cref="Columns"/>), and made of ML.NET's own savable
/// pieces (<see cref="Model"/>) to which it delegates <c>Transform</c> and <c>Save</c>. After <c>mlContext.Model.Load</c> the
/// model is that ML.NET chain; its <c>NormalizingTransformer</c> still exposes the affine parameters through
/// <c>GetNormalizerModelParameters</c>.
/// </summary>
public sealed class MaskedNormalizingTransformer : ITransformer
{
    private readonly CheckedTransformer _checked;

    internal MaskedNormalizingTransformer(TransformerChain<ITransformer> model, IReadOnlyList<MaskedNormalizerParameters> columns, IReadOnlyList<FittedInput> inputs)
    {
        Model = model; Columns = columns;
        _checked = new CheckedTransformer(model, inputs);
    }

    /// <summary>The savable ML.NET chain that does the work.</summary>
    public TransformerChain<ITransformer> Model { get; }
    /// <summary>What was fitted, per column.</summary>
    public IReadOnlyList<MaskedNormalizerParameters> Columns { get; }

    /// <inheritdoc />
    public bool IsRowToRowMapper => ((ITransformer)Model).IsRowToRowMapper;
    /// <inheritdoc />
    public DataViewSchema GetOutputSchema(DataViewSchema inputSchema) => _checked.GetOutputSchema(inputSchema);
    /// <inheritdoc />
    public IRowToRowMapper GetRowToRowMapper(DataViewSchema inputSchema) => _checked.GetRowToRowMapper(inputSchema);
    /// <inheritdoc />
    public IDataView Transform(IDataView input) => _checked.Transform(input);
    /// <summary>Saves the inner ML.NET chain (what Load gives back).</summary>
    void ICanSaveModel.Save(ModelSaveContext ctx) => ((ICanSaveModel)Model).Save(ctx);
}
