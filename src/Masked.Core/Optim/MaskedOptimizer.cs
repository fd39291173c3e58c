using System.Numerics;

namespace Masked;

/// <summary>
/// Base of the masked optimizers: they update only the parameter entries that are valid and whose
/// gradient entry is valid. A masked gradient entry means "no gradient": the entry is left exactly as it
/// is (no decay, no momentum step), unlike a gradient of 0. Parameters are updated in place.
/// </summary>
public abstract class MaskedOptimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates an optimizer over <paramref name="parameters"/> (leaf tensors that require gradients and are contiguous).</summary>
    protected MaskedOptimizer(IEnumerable<MaskedTensor<T>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.ToArray();
        if (Parameters.Count == 0) ThrowHelper.ThrowArgument("An optimizer needs at least one parameter.", nameof(parameters));
        for (int i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            if (!p.RequiresGrad || !p.IsLeaf) ThrowHelper.ThrowArgument($"Parameter {i} must be a leaf tensor that requires gradients.", nameof(parameters));
            if (!p.IsContiguous) ThrowHelper.ThrowArgument($"Parameter {i} must be contiguous (call Contiguous() before RequireGrad()).", nameof(parameters));
            if (p.IsReadOnly) ThrowHelper.ThrowArgument($"Parameter {i} views read-only memory (for example a memory-mapped file) and cannot be updated; optimize a Clone() of it.", nameof(parameters));
            for (int j = 0; j < i; j++)
                if (ReferenceEquals(Parameters[j], p) || (p.Buffer.Length > 0 && SameMemory(Parameters[j], p)))
                    ThrowHelper.ThrowArgument($"Parameters {j} and {i} are the same tensor (or share memory); each parameter may be passed once, or it would be stepped twice.", nameof(parameters));
        }
    }

    private static bool SameMemory(MaskedTensor<T> a, MaskedTensor<T> b)
    {
        var sa = a.Buffer.Span.Slice(a.ElementOffset, a.Length);
        var sb = b.Buffer.Span.Slice(b.ElementOffset, b.Length);
        return sa.Overlaps(sb);
    }

    /// <summary>The parameters, in the order given.</summary>
    public IReadOnlyList<MaskedTensor<T>> Parameters { get; }

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters) p.ZeroGrad();
    }

    /// <summary>Applies one update from the accumulated gradients. Parameters without a gradient are skipped.</summary>
    public void Step()
    {
        for (int k = 0; k < Parameters.Count; k++)
        {
            var p = Parameters[k];
            if (p.Grad is null) continue;
            var g = p.Grad.Contiguous();
            var data = p.ContiguousSpan;
            var gd = g.ContiguousSpan;
            var pv = p.Validity; var gv = g.Validity;
            long pb = p.MaskBitStart, gb = g.MaskBitStart;
            for (int i = 0; i < data.Length; i++)
            {
                if (pv is not null && !BitmapWords.Get(pv.Bytes.Span, pb + i)) continue;
                if (gv is not null && !BitmapWords.Get(gv.Bytes.Span, gb + i)) continue;
                data[i] = Update(k, i, data[i], gd[i]);
            }
            EndStep(k);
        }
    }

    /// <summary>The new value of entry <paramref name="index"/> of parameter <paramref name="parameter"/> given its valid gradient.</summary>
    protected abstract T Update(int parameter, int index, T value, T gradient);

    /// <summary>Called after each parameter's entries were updated.</summary>
    protected virtual void EndStep(int parameter) { }
}

/// <summary>Masked stochastic gradient descent with optional momentum and weight decay (PyTorch's update rule, per valid entry).</summary>
public sealed class MaskedSgd<T> : MaskedOptimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[][] _velocity;
    private readonly bool[][] _started;

    /// <summary>Creates the optimizer.</summary>
    public MaskedSgd(IEnumerable<MaskedTensor<T>> parameters, double learningRate, double momentum = 0, double weightDecay = 0) : base(parameters)
    {
        if (!(learningRate > 0) || !double.IsFinite(learningRate)) ThrowHelper.ThrowOutOfRange(nameof(learningRate), learningRate, "learning rate must be positive and finite");
        if (!(momentum >= 0) || !double.IsFinite(momentum)) ThrowHelper.ThrowOutOfRange(nameof(momentum), momentum, "momentum must be finite and >= 0");
        if (!double.IsFinite(weightDecay)) ThrowHelper.ThrowOutOfRange(nameof(weightDecay), weightDecay, "weight decay must be finite");
        LearningRate = learningRate; Momentum = momentum; WeightDecay = weightDecay;
        _velocity = Parameters.Select(p => new T[p.Length]).ToArray();
        _started = Parameters.Select(p => new bool[p.Length]).ToArray();
    }

    /// <summary>Step size.</summary>
    public double LearningRate { get; set; }
    /// <summary>Momentum factor (0 = none).</summary>
    public double Momentum { get; }
    /// <summary>L2 penalty added to valid gradients.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc />
    protected override T Update(int parameter, int index, T value, T gradient)
    {
        T g = gradient + T.CreateChecked(WeightDecay) * value;
        if (Momentum != 0)
        {
            ref T v = ref _velocity[parameter][index];
            v = _started[parameter][index] ? T.CreateChecked(Momentum) * v + g : g;
            _started[parameter][index] = true;
            g = v;
        }
        return value - T.CreateChecked(LearningRate) * g;
    }
}

/// <summary>
/// Masked Adam: PyTorch's Adam update per valid entry. Bias correction counts the steps in which each entry
/// actually received a valid gradient, so entries whose gradient is often masked are not over-corrected.
/// </summary>
public sealed class MaskedAdam<T> : MaskedOptimizer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly double[][] _m, _v;
    private readonly int[][] _steps;

    /// <summary>Creates the optimizer.</summary>
    public MaskedAdam(IEnumerable<MaskedTensor<T>> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, double weightDecay = 0)
        : base(parameters)
    {
        if (!(learningRate > 0) || !double.IsFinite(learningRate)) ThrowHelper.ThrowOutOfRange(nameof(learningRate), learningRate, "learning rate must be positive and finite");
        if (!(beta1 >= 0 && beta1 < 1)) ThrowHelper.ThrowOutOfRange(nameof(beta1), beta1, "beta1 must be in [0, 1)");
        if (!(beta2 >= 0 && beta2 < 1)) ThrowHelper.ThrowOutOfRange(nameof(beta2), beta2, "beta2 must be in [0, 1)");
        if (!(epsilon >= 0) || !double.IsFinite(epsilon)) ThrowHelper.ThrowOutOfRange(nameof(epsilon), epsilon, "epsilon must be finite and >= 0");
        if (!double.IsFinite(weightDecay)) ThrowHelper.ThrowOutOfRange(nameof(weightDecay), weightDecay, "weight decay must be finite");
        LearningRate = learningRate; Beta1 = beta1; Beta2 = beta2; Epsilon = epsilon; WeightDecay = weightDecay;
        _m = Parameters.Select(p => new double[p.Length]).ToArray();
        _v = Parameters.Select(p => new double[p.Length]).ToArray();
        _steps = Parameters.Select(p => new int[p.Length]).ToArray();
    }

    /// <summary>Step size.</summary>
    public double LearningRate { get; set; }
    /// <summary>Decay of the first moment.</summary>
    public double Beta1 { get; }
    /// <summary>Decay of the second moment.</summary>
    public double Beta2 { get; }
    /// <summary>Added to the denominator.</summary>
    public double Epsilon { get; }
    /// <summary>L2 penalty added to valid gradients.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc />
    protected override T Update(int parameter, int index, T value, T gradient)
    {
        double x = double.CreateTruncating(value);
        double g = double.CreateTruncating(gradient) + WeightDecay * x;
        ref double m = ref _m[parameter][index];
        ref double v = ref _v[parameter][index];
        int t = ++_steps[parameter][index];
        m = Beta1 * m + (1 - Beta1) * g;
        v = Beta2 * v + (1 - Beta2) * g * g;
        double mh = m / (1 - Math.Pow(Beta1, t)), vh = v / (1 - Math.Pow(Beta2, t));
        return T.CreateTruncating(x - LearningRate * mh / (Math.Sqrt(vh) + Epsilon));
    }
}
