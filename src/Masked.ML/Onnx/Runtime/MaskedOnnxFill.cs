namespace Masked.ML.Onnx;

/// <summary>
/// How the masked slots of one <see cref="MaskedOnnxSession"/> input reach the model: replaced by a value
/// (the tensor is copied only when it has masked slots), or passed as stored while the mask goes to a
/// separate bool model input (the data is bound without copying).
/// </summary>
public sealed class MaskedOnnxFill
{
    private MaskedOnnxFill(double? value, string? maskInput) { Value = value; MaskInputName = maskInput; }

    /// <summary>The value written into masked slots before the model sees them; null = the stored (garbage) values are passed.</summary>
    public double? Value { get; }

    /// <summary>The bool model input (true = valid, same shape as the data) that receives the mask; null = none.</summary>
    public string? MaskInputName { get; }

    /// <summary>Masked slots are replaced by <paramref name="value"/> (converted to the input's element type).</summary>
    public static MaskedOnnxFill With(double value) => new(value, null);

    /// <summary>
    /// The mask is fed to the model input <paramref name="maskInputName"/>; the data is bound as stored (no copy), so
    /// the model itself must ignore masked slots (the graphs <c>MaskedOnnx</c> writes do).
    /// </summary>
    public static MaskedOnnxFill AsMaskInput(string maskInputName)
    {
        ArgumentException.ThrowIfNullOrEmpty(maskInputName);
        return new(null, maskInputName);
    }

    /// <summary>The mask is fed to <paramref name="maskInputName"/> and masked slots are also replaced by <paramref name="value"/>.</summary>
    public static MaskedOnnxFill AsMaskInput(string maskInputName, double value)
    {
        ArgumentException.ThrowIfNullOrEmpty(maskInputName);
        return new(value, maskInputName);
    }

    /// <inheritdoc/>
    public override string ToString() => MaskInputName is null ? $"fill {Value}" : Value is null ? $"mask → {MaskInputName}" : $"mask → {MaskInputName}, fill {Value}";
}
