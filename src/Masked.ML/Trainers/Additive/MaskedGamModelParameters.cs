namespace Masked.ML.Trainers;

/// <summary>
/// The fitted masked GAM: for output t the score is
/// <c>Bias_t + Σ_j (x_j present ? Shape_tj(x_j) : MissingContribution_tj) + Σ_(a,b) Interaction_t,ab(x_a, x_b)</c>, where
/// each shape is piecewise linear in x_j with kinks at the feature's knots (linear beyond the outer knots), each
/// interaction is a weighted product of the two standardized features (a learned constant when either is missing), and
/// a missing feature contributes its learned missing contribution instead of an imputed value. Regression: one output
/// per target in label units; binary: the logit; multiclass: one logit per class (the score is their softmax).
/// </summary>
public sealed class MaskedGamModelParameters
{
    private const int Version = 1;
    private readonly AdditiveBasis _basis;
    private readonly double[] _mean, _scale;    // feature standardization
    private readonly float[] _w, _m, _b;        // per output over the standardized columns
    private readonly float[] _targetMean, _targetScale;

    internal MaskedGamModelParameters(AdditiveBasis basis, double[] mean, double[] scale, float[] w, float[] m, float[] b, float[] targetMean, float[] targetScale,
        int iterations, double l2, double l2Missing, bool crossValidated)
    {
        _basis = basis; _mean = mean; _scale = scale; _w = w; _m = m; _b = b; _targetMean = targetMean; _targetScale = targetScale;
        Iterations = iterations; L2Regularization = l2; MissingL2Regularization = l2Missing; PenaltiesCrossValidated = crossValidated;
    }

    /// <summary>Number of input features (slots of the feature column).</summary>
    public int FeatureCount => _mean.Length;

    /// <summary>Number of outputs: targets (regression), 1 (binary) or classes (multiclass).</summary>
    public int OutputCount => _b.Length;

    /// <summary>Number of columns of the model's basis (per feature: its value and one hinge per knot; then the pairs).</summary>
    public int BasisSize => _basis.Columns;

    /// <summary>The feature pairs with an interaction term (empty when interactions were off or there were too many features).</summary>
    public IReadOnlyList<(int first, int second)> Interactions => _basis.Pairs;

    /// <summary>Solver iterations of the final fit.</summary>
    public int Iterations { get; }

    /// <summary>The L2 penalty on the (standardized) basis weights.</summary>
    public double L2Regularization { get; }

    /// <summary>The L2 penalty on the missing contributions.</summary>
    public double MissingL2Regularization { get; }

    /// <summary>Whether both penalties were chosen by cross-validation.</summary>
    public bool PenaltiesCrossValidated { get; }

    /// <summary>The knots of feature <paramref name="feature"/>'s shape function, in raw feature units (ascending).</summary>
    public IReadOnlyList<float> GetKnots(int feature)
    {
        CheckFeature(feature);
        return _basis.Knots[feature].Select(t => (float)(t * _scale[feature] + _mean[feature])).ToArray();
    }

    /// <summary>The score of output <paramref name="output"/> when every feature is missing and no interaction applies
    /// (the intercept the shape functions and missing contributions are added to).</summary>
    public float GetBias(int output = 0)
    {
        CheckOutput(output);
        return (float)Unscale(output, _b[output]);
    }

    /// <summary>What feature <paramref name="feature"/> adds to output <paramref name="output"/> when its value is
    /// <paramref name="value"/> (its shape function; interactions not included).</summary>
    public double GetShape(int feature, float value, int output = 0)
    {
        CheckFeature(feature); CheckOutput(output);
        if (float.IsNaN(value)) return GetMissingContribution(feature, output);
        float z = _scale[feature] > 0 ? (float)((value - _mean[feature]) / _scale[feature]) : 0f;
        int start = _basis.BlockStart(feature), c = _basis.Columns;
        double s = 0;
        for (int k = 0; k <= _basis.Knots[feature].Length; k++)
        {
            float phi = k == 0 ? z : MathF.Max(0f, z - _basis.Knots[feature][k - 1]);
            int col = start + k;
            float v = _basis.ColumnScale[col] > 0 ? (float)((phi - _basis.ColumnMean[col]) / _basis.ColumnScale[col]) : 0f;
            s += (double)_w[output * c + col] * v;
        }
        return s * TargetScale(output);
    }

    /// <summary>What feature <paramref name="feature"/> adds to output <paramref name="output"/> when it is missing (its
    /// block's learned missing contributions; an interaction with a missing partner adds its own learned constant).</summary>
    public double GetMissingContribution(int feature, int output = 0)
    {
        CheckFeature(feature); CheckOutput(output);
        int start = _basis.BlockStart(feature), c = _basis.Columns;
        double s = 0;
        for (int k = 0; k <= _basis.Knots[feature].Length; k++) s += _m[output * c + start + k];
        return s * TargetScale(output);
    }

    /// <summary>The model's output <paramref name="output"/> for one row (raw units, NaN = missing feature), as the saved
    /// model computes it.</summary>
    public double Evaluate(ReadOnlySpan<float> features, int output = 0)
    {
        CheckOutput(output);
        if (features.Length != FeatureCount) throw new ArgumentException($"Row has {features.Length} features; the model has {FeatureCount}.", nameof(features));
        var y = new float[OutputCount];
        new AdditiveScorer(Pack()).Score(features, y);
        return Unscale(output, y[output]);
    }

    private double TargetScale(int output) => _targetScale.Length > output ? _targetScale[output] : 1;
    private double Unscale(int output, double f) => f * TargetScale(output) + (_targetMean.Length > output ? _targetMean[output] : 0);

    /// <summary>Target means and scales (regression; empty otherwise): the saved model's linear predictor applies them.</summary>
    internal IReadOnlyList<float> TargetMeans => _targetMean;
    internal IReadOnlyList<float> TargetScales => _targetScale;

    /// <summary>Everything the saved model's row mapping needs, as one vector: version, sizes, feature standardization,
    /// knots, pairs, column standardization, weights, missing contributions, biases (all in standardized units), then the
    /// fingerprint of all that.</summary>
    internal double[] Pack()
    {
        var p = new List<double> { Version, FeatureCount, OutputCount, _basis.Pairs.Length };
        p.AddRange(_mean); p.AddRange(_scale);
        foreach (var k in _basis.Knots) p.Add(k.Length);
        foreach (var k in _basis.Knots) p.AddRange(k.Select(v => (double)v));
        foreach (var (a, b) in _basis.Pairs) { p.Add(a); p.Add(b); }
        p.AddRange(_basis.ColumnMean); p.AddRange(_basis.ColumnScale);
        p.AddRange(_w.Select(v => (double)v)); p.AddRange(_m.Select(v => (double)v)); p.AddRange(_b.Select(v => (double)v));
        var (lo, hi) = Fingerprint(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(p));
        p.Add(lo); p.Add(hi);
        return p.ToArray();
    }

    /// <summary>A 64-bit FNV-1a hash of the packed values (as two 32-bit halves): stored at the end of the packed vector, so
    /// the row mapping recognizes the model it already unpacked by two numbers instead of comparing every value per row,
    /// and <see cref="Unpack"/> detects a damaged vector.</summary>
    internal static (double lo, double hi) Fingerprint(ReadOnlySpan<double> values)
    {
        ulong h = 14695981039346656037UL;
        foreach (double v in values)
        {
            ulong bits = (ulong)BitConverter.DoubleToInt64Bits(v);
            for (int k = 0; k < 8; k++) { h ^= (bits >> (8 * k)) & 0xFF; h *= 1099511628211UL; }
        }
        return ((uint)h, (uint)(h >> 32));
    }

    /// <summary>Reads what <see cref="Pack"/> wrote; a damaged vector is an <see cref="InvalidOperationException"/>.</summary>
    internal static (AdditiveBasis basis, double[] mean, double[] scale, float[] w, float[] m, float[] b) Unpack(ReadOnlySpan<double> p)
    {
        static InvalidOperationException Damaged(string what) => new($"The masked GAM's packed parameters are damaged ({what}).");
        if (p.Length < 6 || p[0] != Version) throw Damaged(p.Length < 1 ? "empty" : $"version {p[0]}, expected {Version}");
        var (lo, hi) = Fingerprint(p[..^2]);
        if (p[^2] != lo || p[^1] != hi) throw Damaged("fingerprint");
        p = p[..^2];
        int d = (int)p[1], outputs = (int)p[2], pairs = (int)p[3];
        if (d <= 0 || outputs <= 0 || pairs < 0 || p.Length < 4 + 3L * d) throw Damaged("sizes");
        int at = 4;
        float[] Floats(ReadOnlySpan<double> src, ref int i, int count)
        {
            if (count < 0 || i + count > src.Length) throw Damaged("length");
            var r = new float[count]; for (int k = 0; k < count; k++) r[k] = (float)src[i + k];
            i += count; return r;
        }
        var mean = p.Slice(at, d).ToArray(); at += d; var scale = p.Slice(at, d).ToArray(); at += d;
        var counts = Floats(p, ref at, d).Select(v => (int)v).ToArray();
        var knots = new float[d][];
        for (int j = 0; j < d; j++) knots[j] = Floats(p, ref at, counts[j]);
        var pf = Floats(p, ref at, 2 * pairs);
        var pairList = new (int, int)[pairs];
        for (int k = 0; k < pairs; k++)
        {
            int a = (int)pf[2 * k], b = (int)pf[2 * k + 1];
            if ((uint)a >= (uint)d || (uint)b >= (uint)d) throw Damaged("pair index");
            pairList[k] = (a, b);
        }
        int c = d + counts.Sum() + pairs;
        if (at + 2L * c + 2L * outputs * c + outputs != p.Length) throw Damaged("length");
        var cm = p.Slice(at, c).ToArray(); at += c;
        var cs = p.Slice(at, c).ToArray(); at += c;
        var w = Floats(p, ref at, outputs * c); var m = Floats(p, ref at, outputs * c); var bias = Floats(p, ref at, outputs);
        return (AdditiveBasis.From(knots, pairList, cm, cs), mean, scale, w, m, bias);
    }

    private void CheckFeature(int feature)
    {
        if ((uint)feature >= (uint)FeatureCount) throw new ArgumentOutOfRangeException(nameof(feature), $"Feature {feature} does not exist; the model has {FeatureCount}.");
    }

    private void CheckOutput(int output)
    {
        if ((uint)output >= (uint)OutputCount) throw new ArgumentOutOfRangeException(nameof(output), $"Output {output} does not exist; the model has {OutputCount}.");
    }
}
