using Masked;

namespace Masked.ML.Trainers;

/// <summary>
/// Scores one row with a custom masked model: standardize the features, build a one-row batch, run the forward function
/// without recording gradients. The saved model's row mapping keeps one scorer per thread, rebuilt only when the model
/// (forward contract and parameter vector) changes.
/// </summary>
internal sealed class CustomModelScorer
{
    [ThreadStatic] private static CustomModelScorer? t_last;

    private readonly string _contract;
    private readonly double[] _packed;
    private readonly MaskedForward _forward;
    private readonly MaskedTensor<float>[] _parameters;
    private readonly float[] _mean, _scale;
    private readonly float[] _z;
    private readonly int _outputs;

    private CustomModelScorer(string contract, double[] packed)
    {
        _contract = contract; _packed = packed;
        _forward = MaskedForwardRegistry.Resolve(contract);
        int d;
        (d, _outputs, _parameters, _mean, _scale) = MaskedCustomModelParameters.Unpack(packed);
        _z = new float[d];
    }

    /// <summary>The scorer of the model given by <paramref name="contract"/> and <paramref name="packed"/> on this thread.</summary>
    public static CustomModelScorer For(string contract, ReadOnlySpan<double> packed)
    {
        var s = t_last;
        if (s is not null && s._contract == contract && packed.SequenceEqual(s._packed)) return s;
        return t_last = new CustomModelScorer(contract, packed.ToArray());
    }

    /// <summary>Writes the forward outputs of the row <paramref name="x"/> (raw feature units, NaN = missing) into the first
    /// slots of <paramref name="y"/> (masked output → NaN) and 0 into the padding.</summary>
    public void Score(ReadOnlySpan<float> x, Span<float> y)
    {
        int d = _z.Length;
        if (x.Length != d) throw new InvalidOperationException($"The row has {x.Length} features; the custom masked model was fitted on {d}.");
        if (y.Length < _outputs) throw new InvalidOperationException($"The custom masked model has {_outputs} outputs; the mapping holds {y.Length}: the model is damaged.");
        for (int j = 0; j < d; j++)
        {
            float v = x[j];
            _z[j] = !float.IsFinite(v) ? float.NaN : _scale[j] > 0 ? (v - _mean[j]) / _scale[j] : 0f;
        }
        var (features, missing) = CustomBatch.Features(_z, d, [0]);
        MaskedTensor<float> o;
        using (Autograd.NoGrad()) o = _forward(features, missing, _parameters);
        if (o.Rank != 2 || o.Shape[0] != 1 || o.Shape[1] != _outputs)
            throw new InvalidOperationException($"Forward function '{_contract[.._contract.IndexOf('|')]}' returned shape [{string.Join(", ", o.Shape)}] for one row; the model expects [1, {_outputs}].");
        y.Clear();
        for (int t = 0; t < _outputs; t++) y[t] = o.IsValid(0, t) ? o.GetRawValue(0, t) : float.NaN;
    }
}
