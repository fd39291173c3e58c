using Masked.ML.Mapping;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Masked.ML;

/// <summary>How a masked normalizer scales each slot.</summary>
public enum MaskedNormalization
{
    /// <summary>(x - mean) / std, population std over valid entries (as ML.NET's normalizers).</summary>
    MeanVariance,
    /// <summary>(x - min) / (max - min) over valid entries.</summary>
    MinMax,
    /// <summary>(x - median) / IQR over valid entries (interpolated quartiles, from a <see cref="QuantileSketch"/>).</summary>
    Robust,
}

/// <summary>
/// Per-slot normalization fitted over valid entries only: NaN (or a false mask entry) never enters a slot's statistics,
/// and missing inputs stay missing (NaN) in the output. <c>Fit</c> streams the data once (ML.NET's parallel cursors when
/// offered), keeping per-slot <see cref="MaskedColumnStatistics"/> (and, for <see cref="MaskedNormalization.Robust"/>, one
/// <see cref="QuantileSketch"/> per slot) — never the column — and returns a <see cref="MaskedNormalizingTransformer"/> made
/// of ML.NET's own <c>NormalizingTransformer</c> (plus a saved row mapping when a mask column is given, and ML.NET's
/// expression transform for an output mask column), so saved models score at ML.NET's native speed. A slot whose spread is 0, or that has no valid entry at
/// all, gets ML.NET's convention for slots without information: offset 0 and scale 0 (its valid values map to 0, NaN stays NaN).
/// </summary>
public sealed class MaskedNormalizingEstimator : IEstimator<MaskedNormalizingTransformer>
{
    private readonly TransformsCatalog _catalog;

    /// <summary>One column to normalize.</summary>
    public sealed class ColumnOptions
    {
        /// <summary>A column to normalize.</summary>
        /// <param name="outputColumnName">Output column (same type and size as the input).</param>
        /// <param name="inputColumnName">Input float/double known-size vector column (defaults to the output name); NaN is missing.</param>
        /// <param name="maskColumnName">Optional bool vector column of the same size: false is missing too.</param>
        /// <param name="outputMaskColumnName">Optional output bool vector column: true where the input was valid.</param>
        public ColumnOptions(string outputColumnName, string? inputColumnName = null, string? maskColumnName = null, string? outputMaskColumnName = null)
        {
            OutputColumnName = outputColumnName ?? throw new ArgumentNullException(nameof(outputColumnName));
            InputColumnName = inputColumnName ?? outputColumnName;
            MaskColumnName = maskColumnName;
            FittedInput.CheckMaskColumn(InputColumnName, maskColumnName);
            OutputMaskColumnName = outputMaskColumnName;
        }

        /// <summary>The output column.</summary>
        public string OutputColumnName { get; }
        /// <summary>The input float/double vector column; NaN marks a missing value.</summary>
        public string InputColumnName { get; }
        /// <summary>Optional bool vector column of the same size: false marks a missing value.</summary>
        public string? MaskColumnName { get; }
        /// <summary>Optional output bool vector column: true where the input entry was valid.</summary>
        public string? OutputMaskColumnName { get; }
    }

    /// <summary>Options of a masked normalizer, as ML.NET's normalizers take them.</summary>
    public sealed class Options
    {
        /// <summary>The normalization.</summary>
        public MaskedNormalization Mode { get; set; } = MaskedNormalization.MeanVariance;
        /// <summary>The columns.</summary>
        public ColumnOptions[] Columns { get; set; } = [];
        /// <summary>Level capacity of the robust scaler's <see cref="QuantileSketch"/> (its rank error is about log2(rows/capacity)/capacity of the rows; exact up to this many valid entries per slot).</summary>
        public int SketchCapacity { get; set; } = QuantileSketch.DefaultCapacity;
    }

    internal MaskedNormalizingEstimator(TransformsCatalog catalog, Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        if (options.Columns is null || options.Columns.Length == 0) throw new ArgumentException("A masked normalizer needs at least one column.", nameof(options));
        if (options.SketchCapacity < 8 || options.SketchCapacity % 2 != 0) throw new ArgumentOutOfRangeException(nameof(options), options.SketchCapacity, "SketchCapacity must be an even number of at least 8.");
        Mode = options.Mode;
        Columns = options.Columns.ToArray();
        SketchCapacity = options.SketchCapacity;
    }

    /// <summary>The normalization.</summary>
    public MaskedNormalization Mode { get; }
    /// <summary>The columns this estimator normalizes.</summary>
    public IReadOnlyList<ColumnOptions> Columns { get; }
    /// <summary>Level capacity of the robust scaler's quantile sketches.</summary>
    public int SketchCapacity { get; }
    /// <summary>The (first) output column.</summary>
    public string OutputColumnName => Columns[0].OutputColumnName;
    /// <summary>The (first) input column.</summary>
    public string InputColumnName => Columns[0].InputColumnName;
    /// <summary>The (first) mask column.</summary>
    public string? MaskColumnName => Columns[0].MaskColumnName;
    /// <summary>The (first) output mask column.</summary>
    public string? OutputMaskColumnName => Columns[0].OutputMaskColumnName;

    /// <summary>Fits every column (one streaming pass per column) and returns the savable, typed transformer.</summary>
    public MaskedNormalizingTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var chain = new RowMappingChain(_catalog, input);
        var fitted = new List<MaskedNormalizerParameters>();
        var inputs = new List<FittedInput>();
        foreach (var col in Columns)
        {
            var data = chain.Current;
            var type = data.Schema.GetColumnOrNull(col.InputColumnName)?.Type;
            if (type is not null and not VectorDataViewType)
                throw new ArgumentException($"Column '{col.InputColumnName}' must be a vector column of known size; it is {type}. (Concatenate a scalar into a one-slot vector.)", nameof(input));
            var scan = ColumnScanner.Scan(data, col.InputColumnName, col.MaskColumnName, Mode == MaskedNormalization.Robust ? SketchCapacity : 0);
            var p = MaskedNormalizerParameters.From(Mode, col, scan.Statistics, scan.Sketches);
            if (input.Schema.GetColumnOrNull(col.InputColumnName) is not null) inputs.Add(new FittedInput(col.InputColumnName, scan.IsDouble, scan.Slots));
            fitted.Add(p);
            string normInput = col.InputColumnName;
            if (col.MaskColumnName is not null)
            {
                chain.Add(RowMappingChain.Copies(_catalog, col.InputColumnName, col.MaskColumnName));
                chain.AddFused(FusedRowMappings.Mask(_catalog, scan.IsDouble, scan.Slots), scan.IsDouble, scan.Slots);
                normInput = RowMappingNames.Y;
            }
            if (col.OutputMaskColumnName is not null) chain.Add(RowMappingChain.NotNaN(_catalog, col.OutputMaskColumnName, normInput));
            chain.Add(NormalizerSynthesis.Fit(_catalog, col.OutputColumnName, normInput, scan.IsDouble, p.Offset, p.Scale));
            chain.DropTemporaries();
        }
        return new MaskedNormalizingTransformer(chain.ToTransformer(), fitted, inputs);
    }

    /// <summary>The output schema, propagated through the same ML.NET pieces that <see cref="Fit"/> returns, without fitting anything.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var shape = inputSchema;
        foreach (var col in Columns)
        {
            var c = shape.FirstOrDefault(x => x.Name == col.InputColumnName);
            if (c.Name is null) throw new ArgumentException($"Input column '{col.InputColumnName}' not found.", nameof(inputSchema));
            if (c.ItemType != NumberDataViewType.Single && c.ItemType != NumberDataViewType.Double)
                throw new ArgumentException($"Column '{col.InputColumnName}' must hold float or double values; it holds {c.ItemType}.", nameof(inputSchema));
            if (c.Kind != SchemaShape.Column.VectorKind.Vector)
                throw new ArgumentException($"Column '{col.InputColumnName}' must be a vector column of known size.", nameof(inputSchema));
            bool isDouble = c.ItemType == NumberDataViewType.Double;
            IEstimator<ITransformer> est = new EstimatorChain<ITransformer>();
            string normInput = col.InputColumnName;
            if (col.MaskColumnName is not null)
            {
                est = est.Append(RowMappingChain.Copies(_catalog, col.InputColumnName, col.MaskColumnName)).Append(FusedRowMappings.Mask(_catalog, isDouble, 1));
                normInput = RowMappingNames.Y;
            }
            if (col.OutputMaskColumnName is not null) est = est.Append(RowMappingChain.NotNaN(_catalog, col.OutputMaskColumnName, normInput));
            est = est.Append(_catalog.NormalizeMeanVariance(col.OutputColumnName, normInput, fixZero: false));
            shape = RowMappingChain.DropTemporaries(_catalog, est.GetOutputSchema(shape));
        }
        return shape;
    }
}
