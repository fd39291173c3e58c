using System.Numerics;
using Masked;

namespace Masked.ML.Trainers;

/// <summary>
/// The built-in losses of the custom masked trainers, written in Masked.Core ops (so their gradients come from its
/// autograd). Each is a mean over the entries valid in both the outputs and the labels: a missing label or a masked
/// output adds nothing and receives no gradient. A batch with no valid entry gives a masked (empty) loss.
/// </summary>
public static class MaskedLosses
{
    /// <summary>Half the mean squared error over the valid (row, target) entries (regression).</summary>
    /// <param name="outputs">Predictions, [rows, targets].</param>
    /// <param name="labels">Targets of the same shape; masked where missing.</param>
    public static MaskedTensor<T> SquaredError<T>(MaskedTensor<T> outputs, MaskedTensor<T> labels) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(outputs, labels);
        return (outputs - labels).Square().Mean() * T.CreateChecked(0.5);
    }

    /// <summary>The mean logistic loss <c>log(1 + e^z) − y·z</c> (binary; <paramref name="labels"/> 0 or 1).</summary>
    /// <param name="outputs">Logits, [rows, 1].</param>
    /// <param name="labels">0/1 labels of the same shape; masked where missing.</param>
    public static MaskedTensor<T> Logistic<T>(MaskedTensor<T> outputs, MaskedTensor<T> labels) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(outputs, labels);
        return (outputs.LogAddExp(MaskedTensor.Scalar(T.Zero)) - labels * outputs).Mean();
    }

    /// <summary>The mean softmax cross-entropy <c>−Σ_k y_k log softmax(z)_k</c> over rows (multiclass; one-hot labels).</summary>
    /// <param name="outputs">Class logits, [rows, classes]; masked logits are left out of the softmax.</param>
    /// <param name="labels">One-hot labels of the same shape; a row masked where the label is missing.</param>
    public static MaskedTensor<T> SoftmaxCrossEntropy<T>(MaskedTensor<T> outputs, MaskedTensor<T> labels) where T : unmanaged, IFloatingPointIeee754<T>
    {
        Check(outputs, labels);
        if (outputs.Rank != 2) throw new ArgumentException($"Softmax cross-entropy needs [rows, classes] outputs; got rank {outputs.Rank}.", nameof(outputs));
        return -(outputs.LogSoftmax(1) * labels).Sum(1).Mean();
    }

    private static void Check<T>(MaskedTensor<T> outputs, MaskedTensor<T> labels) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(labels);
        if (!outputs.Shape.SequenceEqual(labels.Shape))
            throw new ArgumentException($"Loss: outputs of shape [{string.Join(", ", outputs.Shape)}] and labels of shape [{string.Join(", ", labels.Shape)}] differ; the forward function must return [rows, {(labels.Rank == 2 ? labels.Shape[1] : 1)}].", nameof(outputs));
    }
}
