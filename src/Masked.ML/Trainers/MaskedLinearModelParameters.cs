namespace Masked.ML.Trainers;

/// <summary>
/// The fitted parameters of a masked linear trainer, in the units of the raw features: for output <c>t</c> the score is
/// <c>Bias[t] + Σ_j (x_j present ? Weights[t][j]·x_j : MissingContributions[t][j])</c> — a missing feature contributes its
/// learned missing contribution instead of an imputed value. Regression: one output per target; binary: one logit;
/// multiclass: one logit per class (the score is their softmax).
/// </summary>
public sealed class MaskedLinearModelParameters
{
    private readonly float[][] _weights;
    private readonly float[][] _missing;
    private readonly float[] _bias;

    internal MaskedLinearModelParameters(float[][] weights, float[][] missing, float[] bias, int iterations, double l2 = 0, double missingL2 = 0, bool crossValidated = false)
    {
        _weights = weights; _missing = missing; _bias = bias; Iterations = iterations;
        L2Regularization = l2; MissingL2Regularization = missingL2; PenaltiesCrossValidated = crossValidated;
    }

    /// <summary>The L2 penalty the fit used on the standardized weights.</summary>
    public double L2Regularization { get; }

    /// <summary>The L2 penalty the fit used on the missing contributions (in standardized units).</summary>
    public double MissingL2Regularization { get; }

    /// <summary>Whether both penalties were chosen by cross-validation (small data; see
    /// <see cref="MaskedLinearTrainerOptions.CrossValidationFolds"/>).</summary>
    public bool PenaltiesCrossValidated { get; }

    /// <summary>Number of input features (slots of the feature column).</summary>
    public int FeatureCount => _weights[0].Length;

    /// <summary>Number of outputs: targets (regression), 1 (binary) or classes (multiclass).</summary>
    public int OutputCount => _bias.Length;

    /// <summary>Solver iterations the fit took.</summary>
    public int Iterations { get; }

    /// <summary>Weights of output 0 (the only output of a single-target regression or binary classifier).</summary>
    public IReadOnlyList<float> Weights => _weights[0];

    /// <summary>Bias of output 0.</summary>
    public float Bias => _bias[0];

    /// <summary>What each feature contributes to output 0 when it is missing.</summary>
    public IReadOnlyList<float> MissingContributions => _missing[0];

    /// <summary>Weights of output <paramref name="output"/>.</summary>
    public IReadOnlyList<float> GetWeights(int output) => _weights[CheckOutput(output)];

    /// <summary>Bias of output <paramref name="output"/>.</summary>
    public float GetBias(int output) => _bias[CheckOutput(output)];

    /// <summary>What each feature contributes to output <paramref name="output"/> when it is missing.</summary>
    public IReadOnlyList<float> GetMissingContributions(int output) => _missing[CheckOutput(output)];

    /// <summary>The model's raw output <paramref name="output"/> for one row (NaN = missing feature), as the saved model computes it.</summary>
    public double Evaluate(ReadOnlySpan<float> features, int output = 0)
    {
        CheckOutput(output);
        if (features.Length != FeatureCount) throw new ArgumentException($"Row has {features.Length} features; the model has {FeatureCount}.", nameof(features));
        double s = _bias[output];
        for (int j = 0; j < features.Length; j++) s += float.IsNaN(features[j]) ? _missing[output][j] : (double)_weights[output][j] * features[j];
        return s;
    }

    private int CheckOutput(int output) => (uint)output < (uint)_bias.Length ? output
        : throw new ArgumentOutOfRangeException(nameof(output), $"Output {output} does not exist; the model has {_bias.Length}.");
}
