namespace Masked.ML.Trainers;

/// <summary>
/// Fits the masked linear model of <see cref="LinearObjective"/> to a <see cref="LinearDesign"/>: the L2 penalties chosen by
/// seeded k-fold cross-validation on small data (then one fit on all rows without early stopping), else one fit with the
/// options' penalty and early stopping on the validation split; L-BFGS from the class-prior bias. Shared by the masked
/// linear trainers and the masked GAM (which fits the same model over its expanded basis).
/// </summary>
internal static class LinearFit
{
    /// <summary>The L2 penalties cross-validation chooses from.</summary>
    public static readonly double[] L2Grid = [1e-4, 1e-3, 1e-2, 3e-2, 0.1, 0.3];

    /// <summary>The fitted parameters (layout of <see cref="LinearObjective"/>), the iterations, the penalties and whether
    /// they were cross-validated; <paramref name="design"/> comes back without a validation split when it was.</summary>
    public static (double[] theta, int iterations, double l2, double l2Missing, bool crossValidated) Run(LinearTask task, ref LinearDesign design, MaskedLinearTrainerOptions o)
    {
        int d = design.Features, outputs = design.Outputs;
        double l2 = o.L2Regularization, l2m = o.L2Regularization;
        bool cv = o.CrossValidationFolds > 1 && design.Rows + design.ValidRows <= o.CrossValidationMaxRows && design.Rows + design.ValidRows >= 2 * o.CrossValidationFolds;
        if (cv)
        {
            design = design.WithoutValidation();
            (l2, l2m) = SelectL2(task, design, o);
        }
        var fitted = design;
        var objective = new LinearObjective(task, d, outputs, l2, l2Missing: l2m);
        var theta0 = new double[objective.Parameters];
        InitialBias(task, fitted, theta0.AsSpan(2 * outputs * d));
        Lbfgs.Objective train = (x, g) => objective.Evaluate(x, fitted.Z, fitted.Y, fitted.Rows, g);
        Lbfgs.Objective? valid = fitted.ValidRows > 0 ? (x, g) => objective.Evaluate(x, fitted.ValidZ, fitted.ValidY, fitted.ValidRows, g) : null;
        var (theta, iterations) = Lbfgs.Minimize(train, theta0, o.MaximumNumberOfIterations, o.OptimizationTolerance, o.HistorySize, valid, o.EarlyStoppingPatience);
        return (theta, iterations, l2, l2m, cv);
    }

    /// <summary>k-fold cross-validation (seeded folds) of the mean loss on held-out rows for each pair of penalties of
    /// <see cref="L2Grid"/>; the lowest wins (ties: the later, larger penalty).</summary>
    private static (double l2, double l2Missing) SelectL2(LinearTask task, LinearDesign design, MaskedLinearTrainerOptions o)
    {
        int n = design.Rows, k = o.CrossValidationFolds, d = design.Features, outputs = design.Outputs;
        var order = Enumerable.Range(0, n).ToArray();
        new Random(o.Seed ?? 0).Shuffle(order);
        var folds = new (float[] z, float[] y, int rows, float[] tz, float[] ty, int testRows)[k];
        for (int f = 0; f < k; f++)
        {
            var test = order.Where((_, i) => i % k == f).ToArray();
            var train = order.Where((_, i) => i % k != f).ToArray();
            var (z, y) = design.Take(train);
            var (tz, ty) = design.Take(test);
            folds[f] = (z, y, train.Length, tz, ty, test.Length);
        }
        var heldOut = new LinearObjective(task, d, outputs, 0);
        double bestError = double.PositiveInfinity;
        var best = (o.L2Regularization, o.L2Regularization);
        foreach (double l2 in L2Grid)
            foreach (double l2m in L2Grid)
            {
                var objective = new LinearObjective(task, d, outputs, l2, l2Missing: l2m);
                double error = 0;
                foreach (var fold in folds)
                {
                    var theta0 = new double[objective.Parameters];
                    InitialBias(task, design, theta0.AsSpan(2 * outputs * d));
                    var (theta, _) = Lbfgs.Minimize((x, g) => objective.Evaluate(x, fold.z, fold.y, fold.rows, g), theta0, o.MaximumNumberOfIterations, o.OptimizationTolerance, o.HistorySize, null, o.EarlyStoppingPatience);
                    error += heldOut.Evaluate(theta, fold.tz, fold.ty, fold.testRows, null) * fold.testRows;
                }
                if (error <= bestError * (1 + 1e-9)) { bestError = Math.Min(error, bestError); best = (l2, l2m); }
            }
        return best;
    }

    /// <summary>The starting bias: the label's log-odds (binary) or log class frequencies (multiclass); 0 for regression
    /// (targets are centred).</summary>
    private static void InitialBias(LinearTask task, LinearDesign design, Span<double> bias)
    {
        if (task == LinearTask.Binary)
        {
            double p = (design.LabelSums[0] + 0.5) / (design.Rows + 1.0);
            bias[0] = Math.Log(p / (1 - p));
        }
        else if (task == LinearTask.Multiclass)
        {
            for (int k = 0; k < bias.Length; k++) bias[k] = Math.Log((design.LabelSums[k] + 0.5) / (design.Rows + 0.5 * bias.Length));
        }
    }
}
