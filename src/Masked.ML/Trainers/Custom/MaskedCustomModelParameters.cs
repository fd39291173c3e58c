using Masked;

namespace Masked.ML.Trainers;

/// <summary>
/// What a custom masked trainer learned: the fitted parameters (detached copies, in the order given to the trainer), the
/// forward function's contract name, and the internal standardization (features; regression targets) that the saved model
/// applies around the forward function. All of it is stored inside the model zip.
/// </summary>
public sealed class MaskedCustomModelParameters
{
    private const double FormatVersion = 1;
    private readonly float[] _mean, _scale, _targetMean, _targetScale;

    internal MaskedCustomModelParameters(string contract, IReadOnlyList<MaskedTensor<float>> parameters, float[] mean, float[] scale,
        float[] targetMean, float[] targetScale, int outputCount, int epochs, double bestLoss)
    {
        Contract = contract; Parameters = parameters; _mean = mean; _scale = scale; _targetMean = targetMean; _targetScale = targetScale;
        OutputCount = outputCount; Epochs = epochs; BestLoss = bestLoss;
    }

    /// <summary>The forward function's contract name (from its <see cref="MaskedForwardAttribute"/>).</summary>
    public string ForwardName => Contract[..Contract.IndexOf('|')];

    internal string Contract { get; }

    /// <summary>The fitted parameters (copies that do not require gradients).</summary>
    public IReadOnlyList<MaskedTensor<float>> Parameters { get; }

    /// <summary>Number of features the model reads.</summary>
    public int FeatureCount => _mean.Length;

    /// <summary>Number of outputs (regression targets, 1 for binary, classes for multiclass).</summary>
    public int OutputCount { get; }

    /// <summary>Per-feature mean subtracted before the forward function (over the training rows' valid entries).</summary>
    public IReadOnlyList<float> FeatureMeans => _mean;

    /// <summary>Per-feature scale divided out before the forward function (0: the feature is constant or never present, it reads as 0).</summary>
    public IReadOnlyList<float> FeatureScales => _scale;

    /// <summary>Regression: per-target mean added back to the forward output (0 for classifiers).</summary>
    public IReadOnlyList<float> TargetMeans => _targetMean;

    /// <summary>Regression: per-target scale the forward output is multiplied by (1 for classifiers).</summary>
    public IReadOnlyList<float> TargetScales => _targetScale;

    /// <summary>Epochs run before early stopping (or the epoch limit) ended training.</summary>
    public int Epochs { get; }

    /// <summary>The lowest validation loss seen (the training loss when nothing was held out); the kept parameters are from that epoch.</summary>
    public double BestLoss { get; }

    /// <summary>The parameters, standardization and shapes as one vector (stored in the model zip).</summary>
    internal double[] Pack()
    {
        var p = new List<double> { FormatVersion, FeatureCount, OutputCount, Parameters.Count };
        foreach (var t in Parameters)
        {
            p.Add(t.Rank);
            foreach (var s in t.Shape) p.Add(s);
            var c = t.Clone();   // contiguous, element i at bit i of its own bitmap
            p.Add(c.HasMask ? 1 : 0);
            foreach (var v in c.ToArray()) p.Add(v);
            if (c.Validity is { } bits) for (int i = 0; i < c.Length; i++) p.Add(bits[i] ? 1 : 0);
        }
        foreach (var v in _mean) p.Add(v);
        foreach (var v in _scale) p.Add(v);
        return p.ToArray();
    }

    /// <summary>Reads what <see cref="Pack"/> wrote (the outputs' target scaling lives in the native predictor, not here).</summary>
    internal static (int features, int outputs, MaskedTensor<float>[] parameters, float[] mean, float[] scale) Unpack(ReadOnlySpan<double> p)
    {
        int at = 0;
        double Next(ReadOnlySpan<double> s) => at < s.Length ? s[at++] : throw new InvalidOperationException("Custom masked model parameters are truncated: the model is damaged.");
        if (p.Length == 0 || p[0] != FormatVersion) throw new InvalidOperationException($"Custom masked model parameters of format {(p.Length == 0 ? "none" : p[0].ToString())} cannot be read (this Masked.ML reads format {FormatVersion}).");
        at = 1;
        int d = (int)Next(p), outputs = (int)Next(p), count = (int)Next(p);
        var tensors = new MaskedTensor<float>[count];
        for (int k = 0; k < count; k++)
        {
            int rank = (int)Next(p);
            var shape = new int[rank];
            long n = 1;
            for (int r = 0; r < rank; r++) { shape[r] = (int)Next(p); n *= shape[r]; }
            bool hasMask = Next(p) != 0;
            var data = new float[n];
            for (int i = 0; i < n; i++) data[i] = (float)Next(p);
            ValidityBitmap? bitmap = null;
            if (hasMask)
            {
                var bytes = new byte[(n + 7) / 8];
                for (int i = 0; i < n; i++) if (Next(p) != 0) bytes[i >> 3] |= (byte)(1 << (i & 7));
                bitmap = new ValidityBitmap(bytes, 0, (int)n);
            }
            tensors[k] = MaskedTensor.AsMasked<float>(data, bitmap, shape);
        }
        var mean = new float[d]; var scale = new float[d];
        for (int j = 0; j < d; j++) mean[j] = (float)Next(p);
        for (int j = 0; j < d; j++) scale[j] = (float)Next(p);
        return (d, outputs, tensors, mean, scale);
    }
}
