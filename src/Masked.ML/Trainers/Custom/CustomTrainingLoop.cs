using Masked;

namespace Masked.ML.Trainers;

/// <summary>
/// Minibatch training of a custom masked model: seeded shuffles, one optimizer step per minibatch (gradients from
/// Masked.Core's autograd through the forward function and the loss), the validation loss after every epoch, the learning
/// rate halved after patience/2 epochs without improvement, training stopped after patience epochs without improvement,
/// and the parameters of the best epoch kept.
/// </summary>
internal sealed class CustomTrainingLoop
{
    private readonly MaskedForward _forward;
    private readonly MaskedLoss _loss;
    private readonly MaskedCustomTrainerOptions _o;
    private readonly LinearDesign _design;

    public CustomTrainingLoop(MaskedForward forward, MaskedLoss loss, MaskedCustomTrainerOptions options, LinearDesign design)
    {
        _forward = forward; _loss = loss; _o = options; _design = design;
    }

    /// <summary>Trains <paramref name="parameters"/> in place (those that require gradients); returns the epochs run and the
    /// best loss. The parameters end at the best epoch's values.</summary>
    public (int epochs, double bestLoss) Run(IReadOnlyList<MaskedTensor<float>> parameters)
    {
        var trainable = parameters.Where(p => p.RequiresGrad).ToArray();
        MaskedOptimizer<float> optimizer = _o.Optimizer == MaskedOptimizerKind.Sgd
            ? new MaskedSgd<float>(trainable, _o.LearningRate, _o.Momentum, _o.L2Regularization)
            : new MaskedAdam<float>(trainable, _o.LearningRate, weightDecay: _o.L2Regularization);
        var rng = new Random(_o.Seed ?? 0);
        int n = _design.Rows, d = _design.Features;
        var order = Enumerable.Range(0, n).ToArray();
        var best = trainable.Select(p => p.ToArray()).ToArray();
        double bestLoss = double.PositiveInfinity;
        int sinceBest = 0, epoch = 0, halveEvery = Math.Max(1, _o.EarlyStoppingPatience / 2);
        while (epoch < _o.NumberOfEpochs)
        {
            epoch++;
            rng.Shuffle(order);
            for (int start = 0; start < n; start += _o.BatchSize)
            {
                var rows = order.AsSpan(start, Math.Min(_o.BatchSize, n - start));
                var (x, m) = CustomBatch.Features(_design.Z, d, rows);
                var y = CustomBatch.Labels(_design.Y, _design.Task, _design.Outputs, rows);
                optimizer.ZeroGrad();
                var loss = _loss(_forward(x, m, parameters), y);
                if (loss.Length != 1) throw new InvalidOperationException($"The loss returned {loss.Length} values; it must return one (a mean or a sum).");
                if (!loss.TryItem(out float lv)) continue;   // nothing valid in this batch: no step
                if (!float.IsFinite(lv))
                    throw new InvalidOperationException($"The training loss became {lv} in epoch {epoch}; lower the learning rate (now {LearningRate(optimizer)}).");
                loss.Backward();
                optimizer.Step();
            }
            double current = _design.ValidRows > 0 ? Loss(_design.ValidZ, _design.ValidY, _design.ValidRows, parameters) : Loss(_design.Z, _design.Y, n, parameters);
            if (double.IsPositiveInfinity(bestLoss) ? current < bestLoss : current < bestLoss - 1e-7 * Math.Max(1, Math.Abs(bestLoss)))
            {
                bestLoss = current; sinceBest = 0;
                for (int k = 0; k < trainable.Length; k++) best[k] = trainable[k].ToArray();
            }
            else if (++sinceBest >= _o.EarlyStoppingPatience) break;
            else if (sinceBest % halveEvery == 0) SetLearningRate(optimizer, LearningRate(optimizer) / 2);
        }
        for (int k = 0; k < trainable.Length; k++) best[k].AsSpan().CopyTo(Writable(trainable[k]));
        return (epoch, bestLoss);
    }

    /// <summary>The mean loss over all <paramref name="rows"/> rows of a table (chunks of 4096 rows, weighted by rows).</summary>
    private double Loss(float[] z, float[] y, int rows, IReadOnlyList<MaskedTensor<float>> parameters)
    {
        double total = 0; long counted = 0;
        using (Autograd.NoGrad())
        {
            for (int start = 0; start < rows; start += 4096)
            {
                int count = Math.Min(4096, rows - start);
                var idx = Enumerable.Range(start, count).ToArray();
                var (x, m) = CustomBatch.Features(z, _design.Features, idx);
                var loss = _loss(_forward(x, m, parameters), CustomBatch.Labels(y, _design.Task, _design.Outputs, idx));
                if (!loss.TryItem(out float v)) continue;
                total += (double)v * count; counted += count;
            }
        }
        return counted == 0 ? double.PositiveInfinity : total / counted;
    }

    private static Span<float> Writable(MaskedTensor<float> p) => p.Buffer.Span.Slice(p.ElementOffset, p.Length);

    private static double LearningRate(MaskedOptimizer<float> o) => o switch { MaskedAdam<float> a => a.LearningRate, MaskedSgd<float> s => s.LearningRate, _ => double.NaN };

    private static void SetLearningRate(MaskedOptimizer<float> o, double lr)
    {
        if (o is MaskedAdam<float> a) a.LearningRate = lr;
        else if (o is MaskedSgd<float> s) s.LearningRate = lr;
    }
}
