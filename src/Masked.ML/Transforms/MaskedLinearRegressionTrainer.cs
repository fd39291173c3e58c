using Microsoft.ML;
using Microsoft.ML.Data;

namespace Masked.ML;

/// <summary>
/// A linear regression trained through masked gradients with Masked.Core's autograd and <see cref="MaskedAdam{T}"/>:
/// a missing feature (NaN or a false mask entry) contributes nothing to a row's prediction and receives no gradient
/// from that row; a missing label removes the row from the loss — never a NaN in the gradients. Produces a float
/// <c>Score</c> column; the fitted model saves and loads like any ML.NET model (see <see cref="MaskedML.RegisterComponents"/>).
/// </summary>
public sealed class MaskedLinearRegressionTrainer : MaskedEstimator
{
    internal MaskedLinearRegressionTrainer(string labelColumnName, string featureColumnName, string? maskColumnName, int epochs, double learningRate, double l2)
        : base("Score", featureColumnName, maskColumnName, null)
    {
        if (epochs <= 0) throw new ArgumentOutOfRangeException(nameof(epochs));
        if (!(learningRate > 0) || !double.IsFinite(learningRate)) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "learning rate must be positive and finite");
        if (!(l2 >= 0) || !double.IsFinite(l2)) throw new ArgumentOutOfRangeException(nameof(l2), l2, "the L2 penalty must be finite and non-negative");
        ArgumentException.ThrowIfNullOrEmpty(labelColumnName);
        LabelColumnName = labelColumnName;
        Epochs = epochs;
        LearningRate = learningRate;
        L2 = l2;
    }

    /// <summary>The float label column; NaN marks a missing label.</summary>
    public string LabelColumnName { get; }
    /// <summary>Full-batch Adam steps.</summary>
    public int Epochs { get; }
    /// <summary>Adam's step size.</summary>
    public double LearningRate { get; }
    /// <summary>L2 penalty on the weights.</summary>
    public double L2 { get; }

    /// <summary>The fitted weights and bias of the last <see cref="MaskedEstimator.Fit"/> (for inspection).</summary>
    public (double[] Weights, double Bias)? Model { get; private set; }

    private protected override bool ScalarOutput => true;

    private protected override byte[] BuildGraph(IDataView input, bool isDouble, int slots, string output, string? outputMask)
    {
        var weights = new double[slots];
        double bias = 0;
        if (input is not EmptyDataView) // the schema placeholder of GetOutputSchema has no rows and no label
        {
            if (input.Schema.GetColumnOrNull(LabelColumnName) is null)
                throw new ArgumentException($"Label column '{LabelColumnName}' not found (columns: {string.Join(", ", input.Schema.Select(c => c.Name))}).", "input");
            var (x, _) = ColumnReader.Read(input, InputColumnName, MaskColumnName);
            var (y, ySlots) = ColumnReader.Read(input, LabelColumnName, null);
            if (ySlots != 1) throw new ArgumentException($"Label column '{LabelColumnName}' must be a float/double scalar.");
            (weights, bias) = Train(x, y);
            Model = (weights, bias);
        }
        return MaskedGraphs.Linear(InputColumnName, MaskColumnName, output, isDouble, weights, bias);
    }

    private (double[] weights, double bias) Train(MaskedTensor<double> x, MaskedTensor<double> y)
    {
        int d = x.Shape[1];
        var w = MaskedTensor.FromArray(new double[d], d, 1).RequireGrad();
        var b = MaskedTensor.FromArray(new double[1], 1).RequireGrad();
        var opt = new MaskedAdam<double>([w, b], LearningRate, weightDecay: L2);
        for (int e = 0; e < Epochs; e++)
        {
            opt.ZeroGrad();
            var pred = x.MatMul(w) + b;                  // rows with no valid feature are masked
            var loss = (pred - y).Square().Mean();       // masked rows and missing labels drop out
            if (!loss.IsValid()) break;                  // nothing to learn from
            loss.Backward();
            opt.Step();
        }
        return (w.ToArray(), b.ToArray()[0]);
    }
}

/// <summary>ML.NET catalog methods for masked trainers.</summary>
public static class MaskedTrainersCatalog
{
    /// <summary>A linear regression trained through masked gradients (missing features and labels never produce NaN).</summary>
    /// <param name="catalog">The regression trainers catalog.</param>
    /// <param name="labelColumnName">Float label column; NaN is a missing label.</param>
    /// <param name="featureColumnName">Float/double feature vector column; NaN is a missing feature.</param>
    /// <param name="maskColumnName">Optional bool vector mask column for the features.</param>
    /// <param name="epochs">Full-batch Adam steps.</param>
    /// <param name="learningRate">Adam's step size.</param>
    /// <param name="l2">L2 penalty on the weights.</param>
    public static MaskedLinearRegressionTrainer MaskedLinear(this RegressionCatalog.RegressionTrainers catalog, string labelColumnName = "Label", string featureColumnName = "Features", string? maskColumnName = null, int epochs = 500, double learningRate = 0.05, double l2 = 0)
        => new(labelColumnName, featureColumnName, maskColumnName, epochs, learningRate, l2);
}
