using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;

namespace Masked.ML.Trainers;

/// <summary>
/// Base of the masked GAM trainers: reads the data once (rows without any label dropped; features and regression targets
/// standardized internally), expands the features into the <see cref="AdditiveBasis"/> (value + hinges at quantile knots
/// per feature, pairwise products), and fits the masked linear model over it with the masked linear trainers' solver
/// (<see cref="LinearFit"/>: convex loss, L-BFGS, penalties cross-validated on small data). A missing feature makes its
/// columns missing: they contribute learned missing contributions and get no gradient from the absent value. Saved as a
/// packed-parameter row mapping followed by ML.NET's linear predictor (see <see cref="PackedModelChain"/>).
/// </summary>
public abstract class MaskedGamTrainerBase : ITrainerEstimator<MaskedGamPredictionTransformer, MaskedGamModelParameters>
{
    private readonly MLContext _ml;
    private readonly IHostEnvironment _env;
    private readonly MaskedGamTrainerOptions _options;
    private readonly LinearTask _task;
    private readonly MaskedLinearTrainerBase _sameColumns;

    private protected MaskedGamTrainerBase(IHostEnvironment? env, MaskedGamTrainerOptions options, LinearTask task)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _ml = env as MLContext ?? new MLContext(options.Seed ?? 0);
        _env = env ?? _ml;
        _options = options;
        _task = task;
        _sameColumns = task switch
        {
            LinearTask.Regression => new MaskedLinearRegressionTrainer(_env, new MaskedLinearRegressionTrainer.Options { LabelColumnName = options.LabelColumnName, FeatureColumnName = options.FeatureColumnName }),
            LinearTask.Binary => new MaskedLogisticRegressionTrainer(_env, new MaskedLogisticRegressionTrainer.Options { LabelColumnName = options.LabelColumnName, FeatureColumnName = options.FeatureColumnName }),
            _ => new MaskedSoftmaxRegressionTrainer(_env, new MaskedSoftmaxRegressionTrainer.Options { LabelColumnName = options.LabelColumnName, FeatureColumnName = options.FeatureColumnName }),
        };
        Info = _sameColumns.Info;
    }

    /// <summary>What ML.NET knows about this trainer (an L-BFGS trainer's info).</summary>
    public TrainerInfo Info { get; }

    /// <summary>The label column.</summary>
    public string LabelColumnName => _options.LabelColumnName;

    /// <summary>The feature column.</summary>
    public string FeatureColumnName => _options.FeatureColumnName;

    /// <summary>Trains on <paramref name="input"/> and returns the prediction transformer.</summary>
    public MaskedGamPredictionTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var o = _options;
        var raw = LinearDesign.Read(input, o.FeatureColumnName, o.LabelColumnName, _task, o.ValidationFraction, o.Seed ?? 0);
        if (raw.Outputs > CustomModelNames.MaxOutputs)
            throw new ArgumentException($"Label column '{o.LabelColumnName}' gives {raw.Outputs} outputs; the masked GAM supports at most {CustomModelNames.MaxOutputs}.", nameof(input));
        var basis = AdditiveBasis.Fit(raw, o.NumberOfKnots, o.MaximumInteractionFeatures);
        var design = basis.Apply(raw);
        var (theta, iterations, l2, l2m, cv) = LinearFit.Run(_task, ref design, o);
        int c = basis.Columns, outputs = raw.Outputs, oc = outputs * c;
        bool regression = _task == LinearTask.Regression;
        var model = new MaskedGamModelParameters(basis, raw.Mean, raw.Scale,
            theta.AsSpan(0, oc).ToArray().Select(v => (float)v).ToArray(),
            theta.AsSpan(oc, oc).ToArray().Select(v => (float)v).ToArray(),
            theta.AsSpan(2 * oc, outputs).ToArray().Select(v => (float)v).ToArray(),
            regression ? raw.TargetMean.Select(v => (float)v).ToArray() : [],
            regression ? raw.TargetScale.Select(v => (float)v).ToArray() : [],
            iterations, l2, l2m, cv);
        var native = PackedModelChain.Build(_ml, _env, _task, input.Schema, o.FeatureColumnName, o.LabelColumnName, model.Pack(), AdditiveModelMappings.Format, outputs,
            regression ? model.TargetMeans : new float[outputs], regression ? model.TargetScales : Enumerable.Repeat(1f, outputs).ToArray(),
            AdditiveModelMappings.Create(_ml.Transforms, outputs), CustomModelMappings.PaddedSize(outputs));
        return new MaskedGamPredictionTransformer(native, model, o.FeatureColumnName, input.Schema[o.FeatureColumnName].Type);
    }

    /// <summary>The output schema (Score; Probability and PredictedLabel for classifiers), checked without training: the
    /// same columns as the masked linear trainer of the task.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema) => _sameColumns.GetOutputSchema(inputSchema);
}

/// <summary>
/// Masked GAM regression (one or several targets): per feature a piecewise-linear shape function plus a learned missing
/// contribution, pairwise interactions on few features; half squared error over the valid (row, target) entries. Writes a
/// float <c>Score</c> (a float vector of the targets when the label is a vector).
/// </summary>
public sealed class MaskedGamRegressionTrainer : MaskedGamTrainerBase
{
    /// <summary>Options of <see cref="MaskedGamRegressionTrainer"/>.</summary>
    public sealed class Options : MaskedGamTrainerOptions { }

    internal MaskedGamRegressionTrainer(IHostEnvironment? env, Options options) : base(env, options, LinearTask.Regression) { }
}

/// <summary>Masked GAM binary classifier: the logit is the additive model; logistic loss on rows whose label is present.
/// Writes float <c>Score</c> (the logit), <c>Probability</c> (its sigmoid) and bool <c>PredictedLabel</c>.</summary>
public sealed class MaskedGamBinaryTrainer : MaskedGamTrainerBase
{
    /// <summary>Options of <see cref="MaskedGamBinaryTrainer"/>.</summary>
    public sealed class Options : MaskedGamTrainerOptions { }

    internal MaskedGamBinaryTrainer(IHostEnvironment? env, Options options) : base(env, options, LinearTask.Binary) { }
}

/// <summary>Masked GAM multiclass classifier: one additive model per class logit; softmax cross-entropy over rows whose
/// key label is present. Writes a float vector <c>Score</c> (class probabilities) and a key <c>PredictedLabel</c>.</summary>
public sealed class MaskedGamMulticlassTrainer : MaskedGamTrainerBase
{
    /// <summary>Options of <see cref="MaskedGamMulticlassTrainer"/>.</summary>
    public sealed class Options : MaskedGamTrainerOptions { }

    internal MaskedGamMulticlassTrainer(IHostEnvironment? env, Options options) : base(env, options, LinearTask.Multiclass) { }
}
