using Masked;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;

namespace Masked.ML.Trainers;

/// <summary>
/// Base of the custom masked trainers: the user gives parameters (<see cref="MaskedTensor{T}"/> of float; those with
/// <c>RequireGrad()</c> are trained, the others stay fixed), a static forward function in Masked.Core ops named by
/// <see cref="MaskedForwardAttribute"/>, and optionally a loss; the trainer reads the features and labels from the
/// <see cref="IDataView"/> once (a float copy; rows without any label dropped), standardizes the features (and regression
/// targets) internally, trains on seeded minibatches with <see cref="MaskedAdam{T}"/> or <see cref="MaskedSgd{T}"/>, stops
/// early on a validation split, and returns a savable prediction transformer. The given parameter tensors are not modified:
/// <c>Fit</c> trains copies, so fitting twice gives the same model.
/// </summary>
public abstract class MaskedCustomTrainerBase : ITrainerEstimator<MaskedCustomPredictionTransformer, MaskedCustomModelParameters>
{
    private readonly MLContext _ml;
    private readonly IHostEnvironment _env;
    private readonly MaskedCustomTrainerOptions _options;
    private readonly LinearTask _task;
    private readonly MaskedForward _forward;
    private readonly string _contract;
    private readonly MaskedTensor<float>[] _parameters;

    private protected MaskedCustomTrainerBase(IHostEnvironment? env, MaskedCustomTrainerOptions options, LinearTask task, MaskedForward forward, IReadOnlyList<MaskedTensor<float>> parameters)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(parameters);
        options.Validate();
        _contract = MaskedForwardRegistry.ContractOf(forward);
        if (parameters.Count == 0) throw new ArgumentException("A custom masked model needs at least one parameter tensor.", nameof(parameters));
        for (int i = 0; i < parameters.Count; i++)
        {
            if (parameters[i] is null) throw new ArgumentNullException(nameof(parameters), $"Parameter {i} is null.");
            if (!parameters[i].IsLeaf) throw new ArgumentException($"Parameter {i} was computed from other tensors; parameters must be leaf tensors (create them, then RequireGrad()).", nameof(parameters));
        }
        if (!parameters.Any(p => p.RequiresGrad)) throw new ArgumentException("No parameter requires gradients: call RequireGrad() on the tensors to train.", nameof(parameters));
        _ml = env as MLContext ?? new MLContext(options.Seed ?? 0);
        _env = env ?? _ml;
        _options = options;
        _task = task;
        _forward = forward;
        _parameters = parameters.ToArray();
        Info = LinearTaskInfo.For(task, _ml);
    }

    /// <summary>What ML.NET knows about this trainer.</summary>
    public TrainerInfo Info { get; }

    /// <summary>The label column.</summary>
    public string LabelColumnName => _options.LabelColumnName;

    /// <summary>The feature column.</summary>
    public string FeatureColumnName => _options.FeatureColumnName;

    /// <summary>Trains copies of the parameters on <paramref name="input"/> and returns the prediction transformer.</summary>
    public MaskedCustomPredictionTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var o = _options;
        var design = LinearDesign.Read(input, o.FeatureColumnName, o.LabelColumnName, _task, o.ValidationFraction, o.Seed ?? 0);
        int outputs = design.Outputs;
        if (outputs > CustomModelNames.MaxOutputs)
            throw new ArgumentException($"Label column '{o.LabelColumnName}' gives {outputs} outputs; custom masked models support at most {CustomModelNames.MaxOutputs}.", nameof(input));
        MaskedTensor<float>[] trained;
        using (Autograd.NoGrad()) trained = _parameters.Select(p => p.Clone()).ToArray();
        for (int k = 0; k < trained.Length; k++) if (_parameters[k].RequiresGrad) trained[k].RequireGrad();
        CheckForward(design, trained);
        var loss = o.Loss ?? _task switch
        {
            LinearTask.Regression => MaskedLosses.SquaredError<float>,
            LinearTask.Binary => MaskedLosses.Logistic<float>,
            _ => (MaskedLoss)MaskedLosses.SoftmaxCrossEntropy<float>,
        };
        var (epochs, best) = new CustomTrainingLoop(_forward, loss, o, design).Run(trained);
        MaskedTensor<float>[] fitted;
        using (Autograd.NoGrad()) fitted = trained.Select(p => p.Detach().Clone()).ToArray();
        bool regression = _task == LinearTask.Regression;
        var model = new MaskedCustomModelParameters(_contract, fitted,
            design.Mean.Select(v => (float)v).ToArray(), design.Scale.Select(v => (float)v).ToArray(),
            Enumerable.Range(0, outputs).Select(t => regression ? (float)design.TargetMean[t] : 0f).ToArray(),
            Enumerable.Range(0, outputs).Select(t => regression ? (float)design.TargetScale[t] : 1f).ToArray(),
            outputs, epochs, best);
        var native = BuildNative(input.Schema, model);
        return new MaskedCustomPredictionTransformer(native, model, o.FeatureColumnName, input.Schema[o.FeatureColumnName].Type);
    }

    /// <summary>Runs the forward function once on two training rows: it must return [rows, outputs].</summary>
    private void CheckForward(LinearDesign design, MaskedTensor<float>[] parameters)
    {
        var rows = Enumerable.Range(0, Math.Min(2, design.Rows)).ToArray();
        var (x, m) = CustomBatch.Features(design.Z, design.Features, rows);
        MaskedTensor<float> y;
        string name = _contract[.._contract.IndexOf('|')];
        try
        {
            using (Autograd.NoGrad()) y = _forward(x, m, parameters);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IndexOutOfRangeException or ArgumentOutOfRangeException or NullReferenceException)
        {
            throw new ArgumentException($"Forward function '{name}' failed on {rows.Length} rows of {design.Features} features and {parameters.Length} parameters " +
                $"(shapes {string.Join(", ", parameters.Select(p => "[" + string.Join(", ", p.Shape) + "]"))}): {e.Message}", "forward", e);
        }
        if (y is null || y.Rank != 2 || y.Shape[0] != rows.Length || y.Shape[1] != design.Outputs)
            throw new ArgumentException($"Forward function '{name}' returned shape [{(y is null ? "null" : string.Join(", ", y.Shape))}] for {rows.Length} rows of {design.Features} features; " +
                $"label column '{LabelColumnName}' needs [rows, {design.Outputs}] ({(_task == LinearTask.Regression ? "targets" : _task == LinearTask.Binary ? "one logit" : "one logit per class")}).", "forward");
    }

    private ITransformer BuildNative(DataViewSchema inputSchema, MaskedCustomModelParameters model)
        => PackedModelChain.Build(_ml, _env, _task, inputSchema, FeatureColumnName, LabelColumnName, model.Pack(), model.Contract, model.OutputCount,
            model.TargetMeans, model.TargetScales, CustomModelMappings.Create(_ml.Transforms, model.OutputCount), CustomModelMappings.PaddedSize(model.OutputCount));

    /// <summary>The output schema (Score; Probability and PredictedLabel for classifiers), checked without training: the same
    /// columns as the masked linear trainer of the task.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        MaskedLinearTrainerBase same = _task switch
        {
            LinearTask.Regression => new MaskedLinearRegressionTrainer(_env, new MaskedLinearRegressionTrainer.Options { LabelColumnName = LabelColumnName, FeatureColumnName = FeatureColumnName }),
            LinearTask.Binary => new MaskedLogisticRegressionTrainer(_env, new MaskedLogisticRegressionTrainer.Options { LabelColumnName = LabelColumnName, FeatureColumnName = FeatureColumnName }),
            _ => new MaskedSoftmaxRegressionTrainer(_env, new MaskedSoftmaxRegressionTrainer.Options { LabelColumnName = LabelColumnName, FeatureColumnName = FeatureColumnName }),
        };
        return same.GetOutputSchema(inputSchema);
    }
}

/// <summary>Custom masked regression: the forward function returns [rows, targets]; half squared error by default. Writes a
/// float <c>Score</c> (a float vector when the label is a vector of targets).</summary>
public sealed class MaskedCustomRegressionTrainer : MaskedCustomTrainerBase
{
    /// <summary>Options of <see cref="MaskedCustomRegressionTrainer"/>.</summary>
    public sealed class Options : MaskedCustomTrainerOptions { }

    internal MaskedCustomRegressionTrainer(IHostEnvironment? env, Options options, MaskedForward forward, IReadOnlyList<MaskedTensor<float>> parameters)
        : base(env, options, LinearTask.Regression, forward, parameters) { }
}

/// <summary>Custom masked binary classifier: the forward function returns one logit per row, [rows, 1]; logistic loss by
/// default. Writes float <c>Score</c> (the logit), <c>Probability</c> (its sigmoid) and bool <c>PredictedLabel</c>.</summary>
public sealed class MaskedCustomBinaryTrainer : MaskedCustomTrainerBase
{
    /// <summary>Options of <see cref="MaskedCustomBinaryTrainer"/>.</summary>
    public sealed class Options : MaskedCustomTrainerOptions { }

    internal MaskedCustomBinaryTrainer(IHostEnvironment? env, Options options, MaskedForward forward, IReadOnlyList<MaskedTensor<float>> parameters)
        : base(env, options, LinearTask.Binary, forward, parameters) { }
}

/// <summary>Custom masked multiclass classifier: the forward function returns class logits, [rows, classes]; softmax
/// cross-entropy by default. Writes a float vector <c>Score</c> (class probabilities) and a key <c>PredictedLabel</c>.</summary>
public sealed class MaskedCustomMulticlassTrainer : MaskedCustomTrainerBase
{
    /// <summary>Options of <see cref="MaskedCustomMulticlassTrainer"/>.</summary>
    public sealed class Options : MaskedCustomTrainerOptions { }

    internal MaskedCustomMulticlassTrainer(IHostEnvironment? env, Options options, MaskedForward forward, IReadOnlyList<MaskedTensor<float>> parameters)
        : base(env, options, LinearTask.Multiclass, forward, parameters) { }
}
