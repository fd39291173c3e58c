namespace Masked.ML.Onnx;

/// <summary>How a <see cref="MaskedOnnxSession"/> output is re-masked after the model ran.</summary>
public sealed class MaskedOnnxOutputRule
{
    internal enum RuleKind { AllValid, MaskOutput, RowHasValidInput, NaNIsMasked }

    private MaskedOnnxOutputRule(RuleKind kind, string? name) { Kind = kind; Name = name; }

    internal RuleKind Kind { get; }

    /// <summary>The model output (for <see cref="FromMaskOutput"/>) or session input (for <see cref="RowHasValidInput"/>) the rule reads.</summary>
    public string? Name { get; }

    /// <summary>Every entry of the output is valid (the default).</summary>
    public static MaskedOnnxOutputRule AllValid { get; } = new(RuleKind.AllValid, null);

    /// <summary>NaN entries of a floating-point output are masked.</summary>
    public static MaskedOnnxOutputRule NaNIsMasked { get; } = new(RuleKind.NaNIsMasked, null);

    /// <summary>The model's bool output <paramref name="maskOutputName"/> (same shape, true = valid) is the mask.</summary>
    public static MaskedOnnxOutputRule FromMaskOutput(string maskOutputName)
    {
        ArgumentException.ThrowIfNullOrEmpty(maskOutputName);
        return new(RuleKind.MaskOutput, maskOutputName);
    }

    /// <summary>
    /// Output row i (index i of dimension 0) is masked when row i of the session input <paramref name="inputName"/>
    /// has no valid entry — e.g. a score computed from nothing.
    /// </summary>
    public static MaskedOnnxOutputRule RowHasValidInput(string inputName)
    {
        ArgumentException.ThrowIfNullOrEmpty(inputName);
        return new(RuleKind.RowHasValidInput, inputName);
    }

    /// <inheritdoc/>
    public override string ToString() => Name is null ? Kind.ToString() : $"{Kind}({Name})";
}
