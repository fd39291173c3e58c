using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;

namespace Masked.ML.Trainers;

/// <summary>
/// Base of the masked linear trainers: reads the data once (rows without any label dropped), standardizes the features
/// (and regression targets) internally, minimizes the masked loss with L-BFGS (gradients from <see cref="LinearObjective"/>),
/// then folds the standardization back into raw-unit weights and builds ML.NET's own linear prediction transformer over
/// [features with missing → 0, missing indicators].
/// </summary>
public abstract class MaskedLinearTrainerBase : ITrainerEstimator<MaskedLinearPredictionTransformer, MaskedLinearModelParameters>
{
    private const string Xf = "MaskedML.Xf", Xz = "MaskedML.Xz", Mi = "MaskedML.Mi", Mf = "MaskedML.Mf", Expanded = "MaskedML.Features", StandInLabel = "MaskedML.L";
    private readonly MLContext _ml;
    private readonly IHostEnvironment _env;
    private readonly MaskedLinearTrainerOptions _options;
    private readonly LinearTask _task;

    private protected MaskedLinearTrainerBase(IHostEnvironment? env, MaskedLinearTrainerOptions options, LinearTask task)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _ml = env as MLContext ?? new MLContext(options.Seed ?? 0);
        _env = env ?? _ml;
        _options = options;
        _task = task;
        Info = LinearTaskInfo.For(task, _ml);
    }

    /// <summary>What ML.NET knows about this trainer (an L-BFGS linear trainer's info).</summary>
    public TrainerInfo Info { get; }

    /// <summary>The label column.</summary>
    public string LabelColumnName => _options.LabelColumnName;

    /// <summary>The feature column.</summary>
    public string FeatureColumnName => _options.FeatureColumnName;

    /// <summary>Trains on <paramref name="input"/> and returns the prediction transformer.</summary>
    public MaskedLinearPredictionTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var o = _options;
        var design = LinearDesign.Read(input, o.FeatureColumnName, o.LabelColumnName, _task, o.ValidationFraction, o.Seed ?? 0);
        var (theta, iterations, l2, l2m, cv) = LinearFit.Run(_task, ref design, o);
        SelectedL2 = cv ? (l2, l2m) : null;
        var model = ToRawUnits(design, theta, iterations, l2, l2m, cv);
        var native = BuildNative(input.Schema, model);
        return new MaskedLinearPredictionTransformer(native, model, o.FeatureColumnName, input.Schema[o.FeatureColumnName].Type);
    }

    /// <summary>The L2 penalties cross-validation chooses from.</summary>
    internal static double[] L2Grid => LinearFit.L2Grid;

    /// <summary>The L2 penalty the last <c>Fit</c> chose by cross-validation (null when it did not cross-validate).</summary>
    internal (double weights, double missing)? SelectedL2 { get; private set; }

    /// <summary>Folds the standardization (and target scaling) into raw-unit weights, bias and missing contributions.</summary>
    private MaskedLinearModelParameters ToRawUnits(LinearDesign design, double[] theta, int iterations, double l2, double l2m, bool crossValidated)
    {
        int d = design.Features, outputs = design.Outputs, od = outputs * d;
        var weights = new float[outputs][]; var missing = new float[outputs][]; var bias = new float[outputs];
        for (int t = 0; t < outputs; t++)
        {
            double ts = _task == LinearTask.Regression ? design.TargetScale[t] : 1, tm = _task == LinearTask.Regression ? design.TargetMean[t] : 0;
            double b = theta[2 * od + t];
            var w = new double[d]; var m = new double[d];
            for (int j = 0; j < d; j++)
            {
                double s = design.Scale[j], wj = theta[t * d + j], mj = theta[od + t * d + j];
                double c = s > 0 ? -wj * design.Mean[j] / s : 0;
                w[j] = s > 0 ? wj / s : 0;
                m[j] = mj - c;
                b += c;
            }
            weights[t] = w.Select(v => (float)(v * ts)).ToArray();
            missing[t] = m.Select(v => (float)(v * ts)).ToArray();
            bias[t] = (float)(b * ts + tm);
        }
        return new MaskedLinearModelParameters(weights, missing, bias, iterations, l2, l2m, crossValidated);
    }

    /// <summary>The prefix that expands the features: [x with NaN → 0, missing indicator as 0/1] (all ML.NET transforms).</summary>
    private IEstimator<ITransformer> Prefix(bool isDouble)
    {
        var t = _ml.Transforms;
        string src = FeatureColumnName;
        IEstimator<ITransformer> est = new EstimatorChain<ITransformer>();
        if (isDouble) { est = est.Append(t.Conversion.ConvertType(Xf, src, DataKind.Single)); src = Xf; }
        return est
            .Append(t.ReplaceMissingValues(Xz, src, Microsoft.ML.Transforms.MissingValueReplacingEstimator.ReplacementMode.DefaultValue))
            .Append(t.IndicateMissingValues(Mi, src))
            .Append(t.Conversion.ConvertType(Mf, Mi, DataKind.Single))
            .Append(t.Concatenate(Expanded, Xz, Mf));
    }

    private static readonly string[] Temporaries = [Xf, Xz, Mi, Mf, Expanded, StandInLabel];

    /// <summary>
    /// One output (regression with one target, binary): a missing feature j adds m_j, which is exactly what w_j·r_j adds
    /// with r_j = m_j / w_j. So the model is ML.NET's <c>ReplaceMissingValues</c> (mode Mean, fitted on one synthetic row
    /// holding r, so the replacement values are exactly r) followed by the linear predictor over the d features — the
    /// same pieces, and speed, as a mean-imputation pipeline. Null when some w_j is 0 with m_j ≠ 0 (or r_j overflows), when
    /// the feature column is a scalar, or with several outputs; the indicator chain is used then.
    /// </summary>
    private ITransformer? BuildFilled(DataViewSchema inputSchema, MaskedLinearModelParameters model, bool isDouble)
    {
        if (model.OutputCount != 1 || _task == LinearTask.Multiclass || inputSchema[FeatureColumnName].Type is not VectorDataViewType { IsKnownSize: true } vec) return null;
        var w = model.GetWeights(0); var m = model.GetMissingContributions(0);
        var r = new float[w.Count];
        for (int j = 0; j < r.Length; j++)
        {
            r[j] = m[j] == 0 ? 0f : w[j] == 0 ? float.NaN : m[j] / w[j];
            if (!float.IsFinite(r[j])) return null;
        }
        var t = _ml.Transforms;
        var parts = new List<ITransformer>();
        IDataView current = new EmptyDataView(inputSchema);
        void Add(ITransformer tr) { parts.Add(tr); current = tr.Transform(current); }
        string src = FeatureColumnName;
        if (isDouble) { Add(t.Conversion.ConvertType(Xf, src, DataKind.Single).Fit(current)); src = Xf; }
        var synthetic = new SyntheticDataView((src, new Array[] { r }));
        Add(t.ReplaceMissingValues(Xz, src, Microsoft.ML.Transforms.MissingValueReplacingEstimator.ReplacementMode.Mean).Fit(synthetic));
        Add(_task == LinearTask.Regression
            ? NativeLinearModels.Regression(_env, w.ToArray(), model.Bias, current.Schema, Xz)
            : NativeLinearModels.Binary(_env, w.ToArray(), model.Bias, current.Schema, Xz));
        var present = Temporaries.Where(n => current.Schema.GetColumnOrNull(n) is not null).ToArray();
        if (present.Length > 0) Add(t.DropColumns(present).Fit(current));
        return new TransformerChain<ITransformer>(parts.ToArray());
    }

    private ITransformer BuildNative(DataViewSchema inputSchema, MaskedLinearModelParameters model)
    {
        bool isDouble = (inputSchema[FeatureColumnName].Type is VectorDataViewType v ? v.ItemType : inputSchema[FeatureColumnName].Type) == NumberDataViewType.Double;
        if (BuildFilled(inputSchema, model, isDouble) is { } filled) return filled;
        var empty = new EmptyDataView(inputSchema);
        var parts = new List<ITransformer>();
        IDataView current = empty;
        void Add(ITransformer tr) { parts.Add(tr); current = tr.Transform(current); }
        Add(Prefix(isDouble).Fit(current));
        float[] Expand(int t) => model.GetWeights(t).Concat(model.GetMissingContributions(t)).ToArray();
        switch (_task)
        {
            case LinearTask.Regression when model.OutputCount == 1:
                Add(NativeLinearModels.Regression(_env, Expand(0), model.Bias, current.Schema, Expanded));
                break;
            case LinearTask.Regression:
            {
                var names = new string[model.OutputCount];
                for (int t = 0; t < model.OutputCount; t++)
                {
                    Add(NativeLinearModels.Regression(_env, Expand(t), model.GetBias(t), current.Schema, Expanded));
                    names[t] = $"MaskedML.S{t}";
                    Add(_ml.Transforms.CopyColumns(names[t], "Score").Fit(current));
                }
                Add(_ml.Transforms.Concatenate("Score", names).Fit(current));
                Add(_ml.Transforms.DropColumns(names).Fit(current));
                break;
            }
            case LinearTask.Binary:
                Add(NativeLinearModels.Binary(_env, Expand(0), model.Bias, current.Schema, Expanded));
                break;
            default:
                Add(NativeLinearModels.Multiclass(_env, Enumerable.Range(0, model.OutputCount).Select(Expand).ToArray(),
                    Enumerable.Range(0, model.OutputCount).Select(model.GetBias).ToArray(), current.Schema, Expanded, LabelColumnName));
                break;
        }
        var present = Temporaries.Where(n => current.Schema.GetColumnOrNull(n) is not null).ToArray();
        if (present.Length > 0) Add(_ml.Transforms.DropColumns(present).Fit(current));
        return new TransformerChain<ITransformer>(parts.ToArray());
    }

    /// <summary>The output schema (Score; Probability and PredictedLabel for classifiers), checked without training.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var f = inputSchema.FirstOrDefault(c => c.Name == FeatureColumnName);
        if (f.Name is null)
            throw new ArgumentException($"Feature column '{FeatureColumnName}' not found.", nameof(inputSchema));
        if (f.ItemType is TextDataViewType)
            throw new ArgumentException($"Feature column '{FeatureColumnName}' holds text; featurize it first.", nameof(inputSchema));
        if (f.ItemType != NumberDataViewType.Single && f.ItemType != NumberDataViewType.Double)
            throw new ArgumentException($"Feature column '{FeatureColumnName}' must hold float or double values; it holds {f.ItemType}.", nameof(inputSchema));
        var l = inputSchema.FirstOrDefault(c => c.Name == LabelColumnName);
        if (l.Name is null)
            throw new ArgumentException($"Label column '{LabelColumnName}' not found.", nameof(inputSchema));
        var est = Prefix(f.ItemType == NumberDataViewType.Double);
        var tr = _ml.Transforms;
        switch (_task)
        {
            case LinearTask.Regression when l.Kind == SchemaShape.Column.VectorKind.Vector:
                est = est.Append(tr.Conversion.ConvertType("Score", LabelColumnName, DataKind.Single));
                break;
            case LinearTask.Regression:
                est = est.Append(tr.IndicateMissingValues(StandInLabel, LabelColumnName)).Append(tr.Conversion.ConvertType(StandInLabel, StandInLabel, DataKind.Single))
                    .Append(_ml.Regression.Trainers.Sdca(StandInLabel, Expanded));
                break;
            case LinearTask.Binary:
                est = l.ItemType == BooleanDataViewType.Instance
                    ? est.Append(_ml.BinaryClassification.Trainers.LbfgsLogisticRegression(LabelColumnName, Expanded))
                    : est.Append(tr.IndicateMissingValues(StandInLabel, LabelColumnName)).Append(_ml.BinaryClassification.Trainers.LbfgsLogisticRegression(StandInLabel, Expanded));
                break;
            default:
                if (!l.IsKey) throw new ArgumentException($"Label column '{LabelColumnName}' of a multiclass classifier must be a key type (use Conversion.MapValueToKey).", nameof(inputSchema));
                est = est.Append(_ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(LabelColumnName, Expanded));
                break;
        }
        var shape = est.GetOutputSchema(inputSchema);
        var present = Temporaries.Where(n => shape.Any(c => c.Name == n)).ToArray();
        return present.Length == 0 ? shape : tr.DropColumns(present).GetOutputSchema(shape);
    }
}
