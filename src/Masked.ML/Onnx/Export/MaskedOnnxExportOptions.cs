namespace Masked.ML.Onnx;

/// <summary>Options of <see cref="MaskedOnnx.Export(Microsoft.ML.ITransformer, Microsoft.ML.DataViewSchema, Stream, MaskedOnnxExportOptions?)"/>.</summary>
public sealed class MaskedOnnxExportOptions
{
    /// <summary>
    /// Give every float/double input column <c>c</c> a bool input <c>c_mask</c> of the same shape (true = valid; a false entry
    /// reaches the pipeline as NaN, ML.NET's missing value). Default true. With false the model reads NaN as missing only.
    /// </summary>
    public bool MaskInputs { get; set; } = true;

    /// <summary>
    /// The columns to output (each float/double one with its <c>_mask</c> output). Default: every column the pipeline adds or
    /// replaces and keeps.
    /// </summary>
    public string[]? OutputColumns { get; set; }
}
