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
    /// <summary>(x - median) / IQR over valid entries (interpolated quartiles).</summary>
    Robust,
}

/// <summary>
/// Per-slot normalization fitted over valid entries only: NaN (or a false mask entry) never enters a slot's
/// statistics, a slot with no valid entry stays missing, and missing inputs stay missing (NaN) in the output.
/// A slot whose spread is 0 maps its valid entries to 0.
/// </summary>
public sealed class MaskedNormalizingEstimator : MaskedEstimator
{
    internal MaskedNormalizingEstimator(MaskedNormalization mode, string outputColumnName, string? inputColumnName, string? maskColumnName, string? outputMaskColumnName)
        : base(outputColumnName, inputColumnName ?? outputColumnName, maskColumnName, outputMaskColumnName) => Mode = mode;

    /// <summary>The normalization.</summary>
    public MaskedNormalization Mode { get; }

    private protected override byte[] BuildGraph(IDataView input, bool isDouble, int slots, string output, string? outputMask)
    {
        var (offset, scale) = Fit(ColumnReader.Read(input, InputColumnName, MaskColumnName).values, Mode);
        return MaskedGraphs.Affine(InputColumnName, MaskColumnName, output, outputMask, isDouble, offset, scale);
    }

    /// <summary>
    /// Fast path: when there is no mask column, no output mask, and every slot has a valid entry, the fitted affine map
    /// is handed to ML.NET's own NormalizeMeanVariance (fixZero off) by fitting it on two synthetic rows
    /// offset ± 1/scale per slot — its mean is the offset and its population std 1/scale, so it applies exactly
    /// (x - offset) * scale, keeps NaN as NaN, and runs at ML.NET's native speed. Otherwise the ONNX graph is used.
    /// </summary>
    private protected override ITransformer? TryFitNative(IDataView input, bool isDouble, int slots)
    {
        if (MaskColumnName is not null || OutputMaskColumnName is not null) return null;
        var fitted = Fit(ColumnReader.Read(input, InputColumnName, MaskColumnName).values, Mode);
        if (fitted.scale.Any(double.IsNaN)) return null;
        var ml = new MLContext(seed: 0);
        var (offset, scale) = fitted;
        IDataView synthetic;
        var type = new VectorDataViewType(isDouble ? NumberDataViewType.Double : NumberDataViewType.Single, slots);
        if (isDouble)
        {
            var rows = new[] { -1.0, 1.0 }.Select(sign => new SyntheticDouble { Values = offset.Select((o, j) => o + sign / scale[j]).ToArray() });
            var def = Microsoft.ML.Data.SchemaDefinition.Create(typeof(SyntheticDouble));
            def[0].ColumnName = InputColumnName; def[0].ColumnType = type;
            synthetic = ml.Data.LoadFromEnumerable(rows, def);
        }
        else
        {
            var rows = new[] { -1.0, 1.0 }.Select(sign => new SyntheticSingle { Values = offset.Select((o, j) => (float)(o + sign / scale[j])).ToArray() });
            var def = Microsoft.ML.Data.SchemaDefinition.Create(typeof(SyntheticSingle));
            def[0].ColumnName = InputColumnName; def[0].ColumnType = type;
            synthetic = ml.Data.LoadFromEnumerable(rows, def);
        }
        return ml.Transforms.NormalizeMeanVariance(OutputColumnName, InputColumnName, fixZero: false).Fit(synthetic);
    }

    private sealed class SyntheticSingle { public float[] Values { get; set; } = []; }
    private sealed class SyntheticDouble { public double[] Values { get; set; } = []; }

    /// <summary>Per-slot offset and scale (NaN scale for a slot with no valid entry).</summary>
    internal static (double[] offset, double[] scale) Fit(MaskedTensor<double> values, MaskedNormalization mode)
    {
        int slots = values.Shape[1];
        MaskedTensor<double> center, spread;
        switch (mode)
        {
            case MaskedNormalization.MeanVariance:
                center = values.Mean(0);
                spread = values.Std(0, correction: 0);
                break;
            case MaskedNormalization.MinMax:
                center = values.Amin(0);
                spread = values.Amax(0) - center;
                break;
            default:
                center = values.Quantile(0.5, 0);
                spread = values.Quantile(0.75, 0) - values.Quantile(0.25, 0);
                break;
        }
        var offset = new double[slots];
        var scale = new double[slots];
        var c = center.ToArray(); var cv = center.MaskToBools();
        var s = spread.ToArray(); var sv = spread.MaskToBools();
        for (int j = 0; j < slots; j++)
        {
            if (!cv[j]) { offset[j] = 0; scale[j] = double.NaN; continue; }
            offset[j] = c[j];
            scale[j] = sv[j] && s[j] > 0 && double.IsFinite(s[j]) ? 1 / s[j] : 1; // one valid entry or no spread: valid entries map to 0
        }
        return (offset, scale);
    }
}

/// <summary>Per-row softmax over the valid slots; masked slots get the fill (NaN by default); a row with no valid slot is all fill — never NaN from 0/0.</summary>
public sealed class MaskedSoftmaxEstimator : MaskedEstimator
{
    internal MaskedSoftmaxEstimator(string outputColumnName, string? inputColumnName, string? maskColumnName, double fill, string? outputMaskColumnName)
        : base(outputColumnName, inputColumnName ?? outputColumnName, maskColumnName, outputMaskColumnName) => Fill = fill;

    /// <summary>The value written into masked slots.</summary>
    public double Fill { get; }

    private protected override byte[] BuildGraph(IDataView input, bool isDouble, int slots, string output, string? outputMask)
        => MaskedGraphs.Softmax(InputColumnName, MaskColumnName, output, outputMask, isDouble, slots, Fill);
}

/// <summary>A row-wise aggregate over the valid slots of a vector column, as a scalar column (missing when nothing valid; count 0).</summary>
public sealed class MaskedAggregateEstimator : MaskedEstimator
{
    internal MaskedAggregateEstimator(string outputColumnName, string inputColumnName, MaskedAggregation aggregation, string? maskColumnName, double correction, string? outputMaskColumnName)
        : base(outputColumnName, inputColumnName, maskColumnName, outputMaskColumnName)
    {
        if (!(correction >= 0) || !double.IsFinite(correction)) throw new ArgumentOutOfRangeException(nameof(correction), correction, "correction must be finite and non-negative");
        Aggregation = aggregation;
        Correction = correction;
    }

    /// <summary>The aggregate.</summary>
    public MaskedAggregation Aggregation { get; }

    /// <summary>Variance/std correction (1 = unbiased).</summary>
    public double Correction { get; }

    private protected override bool ScalarOutput => true;

    private protected override byte[] BuildGraph(IDataView input, bool isDouble, int slots, string output, string? outputMask)
        => MaskedGraphs.Aggregate(InputColumnName, MaskColumnName, output, outputMask, isDouble, slots, Aggregation, Correction);
}

/// <summary>ML.NET catalog methods for the masked components.</summary>
public static class MaskedTransformsCatalog
{
    /// <summary>Per-slot (x - mean) / std over valid entries; missing stays missing.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Output column (same type and size as the input).</param>
    /// <param name="inputColumnName">Input float/double vector column (defaults to the output name); NaN is missing.</param>
    /// <param name="maskColumnName">Optional bool vector column of the same size: false is missing too.</param>
    /// <param name="outputMaskColumnName">Optional output bool vector column: true where the output is valid.</param>
    public static MaskedNormalizingEstimator MaskedNormalizeMeanVariance(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null, string? maskColumnName = null, string? outputMaskColumnName = null)
        => new(MaskedNormalization.MeanVariance, outputColumnName, inputColumnName, maskColumnName, outputMaskColumnName);

    /// <summary>Per-slot (x - min) / (max - min) over valid entries; missing stays missing.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Output column.</param>
    /// <param name="inputColumnName">Input float/double vector column; NaN is missing.</param>
    /// <param name="maskColumnName">Optional bool vector mask column.</param>
    /// <param name="outputMaskColumnName">Optional output bool vector column.</param>
    public static MaskedNormalizingEstimator MaskedNormalizeMinMax(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null, string? maskColumnName = null, string? outputMaskColumnName = null)
        => new(MaskedNormalization.MinMax, outputColumnName, inputColumnName, maskColumnName, outputMaskColumnName);

    /// <summary>Per-slot (x - median) / IQR over valid entries (ML.NET has no robust scaler); missing stays missing.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Output column.</param>
    /// <param name="inputColumnName">Input float/double vector column; NaN is missing.</param>
    /// <param name="maskColumnName">Optional bool vector mask column.</param>
    /// <param name="outputMaskColumnName">Optional output bool vector column.</param>
    public static MaskedNormalizingEstimator MaskedNormalizeRobust(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null, string? maskColumnName = null, string? outputMaskColumnName = null)
        => new(MaskedNormalization.Robust, outputColumnName, inputColumnName, maskColumnName, outputMaskColumnName);

    /// <summary>Per-row softmax over the valid slots of a vector column.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Output column.</param>
    /// <param name="inputColumnName">Input float/double vector column; NaN is missing.</param>
    /// <param name="maskColumnName">Optional bool vector mask column.</param>
    /// <param name="fill">Value of masked output slots (NaN, ML.NET's missing marker, by default; 0 is common).</param>
    /// <param name="outputMaskColumnName">Optional output bool vector column.</param>
    public static MaskedSoftmaxEstimator MaskedSoftmax(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null, string? maskColumnName = null, double fill = double.NaN, string? outputMaskColumnName = null)
        => new(outputColumnName, inputColumnName, maskColumnName, fill, outputMaskColumnName);

    /// <summary>A row-wise aggregate (sum, mean, min, max, var, std, count, argmax) over the valid slots, as a scalar column.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Output scalar column (float or double, as the input).</param>
    /// <param name="inputColumnName">Input float/double vector column; NaN is missing.</param>
    /// <param name="aggregation">The aggregate.</param>
    /// <param name="maskColumnName">Optional bool vector mask column.</param>
    /// <param name="correction">Variance/std correction (default 1, unbiased).</param>
    /// <param name="outputMaskColumnName">Optional output bool column: true where the aggregate is a valid value.</param>
    public static MaskedAggregateEstimator MaskedAggregate(this TransformsCatalog catalog, string outputColumnName, string inputColumnName, MaskedAggregation aggregation, string? maskColumnName = null, double correction = 1, string? outputMaskColumnName = null)
        => new(outputColumnName, inputColumnName, aggregation, maskColumnName, correction, outputMaskColumnName);
}
