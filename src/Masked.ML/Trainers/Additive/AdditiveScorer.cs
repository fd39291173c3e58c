namespace Masked.ML.Trainers;

/// <summary>
/// Scores one row with a masked GAM from its packed parameters: standardize the features (non-finite → missing), expand
/// them into the basis, standardize the columns, then per output b + Σ (column valid ? w·column : m) — the model the
/// trainer fitted, in the same float steps. The saved model's row mapping keeps one scorer per thread, rebuilt only when
/// the packed parameters' fingerprint changes.
/// </summary>
internal sealed class AdditiveScorer
{
    [ThreadStatic] private static AdditiveScorer? t_last;

    private readonly double[] _packed;
    private readonly AdditiveBasis _basis;
    private readonly double[] _mean, _scale;
    private readonly float[] _w, _m, _b;
    private readonly float[] _z, _phi;

    public AdditiveScorer(double[] packed)
    {
        _packed = packed;
        (_basis, _mean, _scale, _w, _m, _b) = MaskedGamModelParameters.Unpack(packed);
        _z = new float[_mean.Length];
        _phi = new float[_basis.Columns];
    }

    /// <summary>The scorer of <paramref name="packed"/> on this thread.</summary>
    public static AdditiveScorer For(ReadOnlySpan<double> packed)
    {
        // The fingerprint (last two values) and the length identify the model: no per-row comparison of every parameter.
        var s = t_last;
        if (s is not null && packed.Length == s._packed.Length && packed.Length >= 2 && packed[^1] == s._packed[^1] && packed[^2] == s._packed[^2]) return s;
        return t_last = new AdditiveScorer(packed.ToArray());
    }

    /// <summary>Writes the raw outputs (standardized target units; logits) of the row <paramref name="x"/> into the first
    /// slots of <paramref name="y"/> and 0 into the padding.</summary>
    public void Score(ReadOnlySpan<float> x, Span<float> y)
    {
        int d = _z.Length, c = _phi.Length, outputs = _b.Length;
        if (x.Length != d) throw new InvalidOperationException($"The row has {x.Length} features; the masked GAM was fitted on {d}.");
        if (y.Length < outputs) throw new InvalidOperationException($"The masked GAM has {outputs} outputs; the mapping holds {y.Length}: the model is damaged.");
        for (int j = 0; j < d; j++)
        {
            float v = x[j];
            _z[j] = !float.IsFinite(v) ? float.NaN : _scale[j] > 0 ? (float)((v - _mean[j]) / _scale[j]) : 0f;
        }
        _basis.Expand(_z, _phi);
        _basis.Standardize(_phi);
        y.Clear();
        for (int t = 0; t < outputs; t++)
        {
            double s = _b[t];
            var w = _w.AsSpan(t * c, c); var m = _m.AsSpan(t * c, c);
            for (int k = 0; k < c; k++) s += float.IsNaN(_phi[k]) ? m[k] : (double)w[k] * _phi[k];
            y[t] = (float)s;
        }
    }
}
