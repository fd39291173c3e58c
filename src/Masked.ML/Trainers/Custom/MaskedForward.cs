using Masked;

namespace Masked.ML.Trainers;

/// <summary>
/// The forward function of a custom masked model, written in Masked.Core ops. A saved model finds it again by the name
/// in its <see cref="MaskedForwardAttribute"/>, so it must be a static method carrying that attribute.
/// </summary>
/// <param name="features">A minibatch of standardized features, shape [rows, features]; a missing feature is a masked entry.</param>
/// <param name="missing">The missing indicator of the same shape: 1 where the feature is missing, 0 where present; no mask.</param>
/// <param name="parameters">The model's parameters, in the order given to the trainer.</param>
/// <returns>The raw outputs, shape [rows, outputs]: regression targets (in standardized target units), the logit of a binary
/// model, or the class logits of a multiclass model. A masked output entry means "no prediction" (no loss; NaN score).</returns>
public delegate MaskedTensor<float> MaskedForward(MaskedTensor<float> features, MaskedTensor<float> missing, IReadOnlyList<MaskedTensor<float>> parameters);

/// <summary>
/// Names a static <see cref="MaskedForward"/> method so that a saved custom masked model finds its forward code by name
/// when loaded (as <c>[CustomMappingFactoryAttribute]</c> names an ML.NET custom mapping). The name must be unique in its
/// assembly, and the assembly must be loadable (beside the app) when the model is loaded.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class MaskedForwardAttribute : Attribute
{
    /// <summary>Names the forward method.</summary>
    /// <param name="contractName">The name recorded in saved models.</param>
    public MaskedForwardAttribute(string contractName)
    {
        if (string.IsNullOrWhiteSpace(contractName)) throw new ArgumentException("A forward contract name must not be empty.", nameof(contractName));
        if (contractName.Contains('|')) throw new ArgumentException($"Forward contract name '{contractName}' must not contain '|'.", nameof(contractName));
        ContractName = contractName;
    }

    /// <summary>The name recorded in saved models.</summary>
    public string ContractName { get; }
}

/// <summary>
/// A loss of a custom masked model: a one-element tensor from the model's outputs and the labels. Entries masked in either
/// (missing labels, masked outputs) must not count. <see cref="MaskedLosses"/> holds the built-in ones.
/// </summary>
/// <param name="outputs">The forward function's outputs, [rows, outputs].</param>
/// <param name="labels">The labels: regression [rows, targets] (standardized, masked where missing); binary [rows, 1] of 0/1;
/// multiclass [rows, classes] one-hot.</param>
public delegate MaskedTensor<float> MaskedLoss(MaskedTensor<float> outputs, MaskedTensor<float> labels);
