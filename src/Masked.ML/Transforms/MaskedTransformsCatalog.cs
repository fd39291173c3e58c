using Microsoft.ML;

namespace Masked.ML;

/// <summary>ML.NET catalog methods for the masked components (they build everything through the given catalog's environment).</summary>
public static class MaskedTransformsCatalog
{
    private static MaskedNormalizingEstimator Normalizer(TransformsCatalog catalog, MaskedNormalization mode, MaskedNormalizingEstimator.ColumnOptions[] columns)
        => new(catalog, new MaskedNormalizingEstimator.Options { Mode = mode, Columns = columns });

    private static MaskedNormalizingEstimator.ColumnOptions[] Pairs(InputOutputColumnPair[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return columns.Select(c => new MaskedNormalizingEstimator.ColumnOptions(c.OutputColumnName, c.InputColumnName)).ToArray();
    }

    /// <summary>Per-slot (x - mean) / std over valid entries (population std, as ML.NET); missing stays missing.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Output column (same type and size as the input).</param>
    /// <param name="inputColumnName">Input float/double vector column (defaults to the output name); NaN is missing.</param>
    /// <param name="maskColumnName">Optional bool vector column of the same size: false is missing too.</param>
    /// <param name="outputMaskColumnName">Optional output bool vector column: true where the input entry was valid.</param>
    public static MaskedNormalizingEstimator MaskedNormalizeMeanVariance(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null, string? maskColumnName = null, string? outputMaskColumnName = null)
        => Normalizer(catalog, MaskedNormalization.MeanVariance, [new(outputColumnName, inputColumnName, maskColumnName, outputMaskColumnName)]);

    /// <summary>Per-slot (x - mean) / std over valid entries, for several columns.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="columns">Output/input column pairs.</param>
    public static MaskedNormalizingEstimator MaskedNormalizeMeanVariance(this TransformsCatalog catalog, InputOutputColumnPair[] columns)
        => Normalizer(catalog, MaskedNormalization.MeanVariance, Pairs(columns));

    /// <summary>Per-slot (x - min) / (max - min) over valid entries; missing stays missing.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Output column.</param>
    /// <param name="inputColumnName">Input float/double vector column; NaN is missing.</param>
    /// <param name="maskColumnName">Optional bool vector mask column.</param>
    /// <param name="outputMaskColumnName">Optional output bool vector column.</param>
    public static MaskedNormalizingEstimator MaskedNormalizeMinMax(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null, string? maskColumnName = null, string? outputMaskColumnName = null)
        => Normalizer(catalog, MaskedNormalization.MinMax, [new(outputColumnName, inputColumnName, maskColumnName, outputMaskColumnName)]);

    /// <summary>Per-slot (x - min) / (max - min) over valid entries, for several columns.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="columns">Output/input column pairs.</param>
    public static MaskedNormalizingEstimator MaskedNormalizeMinMax(this TransformsCatalog catalog, InputOutputColumnPair[] columns)
        => Normalizer(catalog, MaskedNormalization.MinMax, Pairs(columns));

    /// <summary>Per-slot (x - median) / IQR over valid entries, from mergeable quantile sketches; missing stays missing.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Output column.</param>
    /// <param name="inputColumnName">Input float/double vector column; NaN is missing.</param>
    /// <param name="maskColumnName">Optional bool vector mask column.</param>
    /// <param name="outputMaskColumnName">Optional output bool vector column.</param>
    public static MaskedNormalizingEstimator MaskedNormalizeRobust(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null, string? maskColumnName = null, string? outputMaskColumnName = null)
        => Normalizer(catalog, MaskedNormalization.Robust, [new(outputColumnName, inputColumnName, maskColumnName, outputMaskColumnName)]);

    /// <summary>Per-slot (x - median) / IQR over valid entries, for several columns.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="columns">Output/input column pairs.</param>
    public static MaskedNormalizingEstimator MaskedNormalizeRobust(this TransformsCatalog catalog, InputOutputColumnPair[] columns)
        => Normalizer(catalog, MaskedNormalization.Robust, Pairs(columns));

    /// <summary>A masked normalizer from an options object (mode, columns with mask and output mask columns, sketch capacity).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="options">The options.</param>
    public static MaskedNormalizingEstimator MaskedNormalize(this TransformsCatalog catalog, MaskedNormalizingEstimator.Options options)
        => new(catalog, options);

    /// <summary>Per-row softmax over the valid slots of a vector column.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Output column.</param>
    /// <param name="inputColumnName">Input float/double vector column; NaN is missing.</param>
    /// <param name="maskColumnName">Optional bool vector mask column.</param>
    /// <param name="fill">Value of masked output slots (NaN, ML.NET's missing marker, by default; 0 is common).</param>
    /// <param name="outputMaskColumnName">Optional output bool vector column.</param>
    public static MaskedSoftmaxEstimator MaskedSoftmax(this TransformsCatalog catalog, string outputColumnName, string? inputColumnName = null, string? maskColumnName = null, double fill = double.NaN, string? outputMaskColumnName = null)
        => new(catalog, outputColumnName, inputColumnName, maskColumnName, fill, outputMaskColumnName);

    /// <summary>A row-wise aggregate (sum, mean, min, max, var, std, count, argmax) over the valid slots, as a scalar column.</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">Output scalar column (float or double, as the input).</param>
    /// <param name="inputColumnName">Input float/double vector column; NaN is missing.</param>
    /// <param name="aggregation">The aggregate.</param>
    /// <param name="maskColumnName">Optional bool vector mask column.</param>
    /// <param name="correction">Variance/std correction (default 1, unbiased).</param>
    /// <param name="outputMaskColumnName">Optional output bool column: true where the aggregate is a valid value.</param>
    public static MaskedAggregateEstimator MaskedAggregate(this TransformsCatalog catalog, string outputColumnName, string inputColumnName, MaskedAggregation aggregation, string? maskColumnName = null, double correction = 1, string? outputMaskColumnName = null)
        => new(catalog, outputColumnName, inputColumnName, aggregation, maskColumnName, correction, outputMaskColumnName);
}
