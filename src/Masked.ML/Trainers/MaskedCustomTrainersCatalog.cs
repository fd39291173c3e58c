using Masked;
using Masked.ML.Trainers;
using Microsoft.ML;

namespace Masked.ML;

/// <summary>ML.NET catalog methods for the custom masked trainers: your parameters and forward function, the library's
/// minibatches, optimizer, early stopping and ML.NET wrapping.</summary>
public static class MaskedCustomTrainersCatalog
{
    /// <summary>Custom masked regression.</summary>
    /// <param name="catalog">The regression trainers catalog.</param>
    /// <param name="forward">A static method carrying <see cref="MaskedForwardAttribute"/> that returns [rows, targets].</param>
    /// <param name="parameters">The initial parameters (those with <c>RequireGrad()</c> are trained; copies are trained).</param>
    /// <param name="labelColumnName">Float/double label, scalar or known-size vector; NaN = missing.</param>
    /// <param name="featureColumnName">Float/double feature vector; NaN = missing.</param>
    public static MaskedCustomRegressionTrainer MaskedCustom(this RegressionCatalog.RegressionTrainers catalog, MaskedForward forward, IReadOnlyList<MaskedTensor<float>> parameters,
        string labelColumnName = "Label", string featureColumnName = "Features")
        => catalog.MaskedCustom(forward, parameters, new MaskedCustomRegressionTrainer.Options { LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName });

    /// <summary>Custom masked regression with all options.</summary>
    /// <param name="catalog">The regression trainers catalog.</param>
    /// <param name="forward">A static method carrying <see cref="MaskedForwardAttribute"/> that returns [rows, targets].</param>
    /// <param name="parameters">The initial parameters.</param>
    /// <param name="options">Trainer options.</param>
    public static MaskedCustomRegressionTrainer MaskedCustom(this RegressionCatalog.RegressionTrainers catalog, MaskedForward forward, IReadOnlyList<MaskedTensor<float>> parameters, MaskedCustomRegressionTrainer.Options options)
        => new(NativeLinearModels.EnvironmentOf(Check(catalog)), options, forward, parameters);

    /// <summary>Custom masked binary classifier.</summary>
    /// <param name="catalog">The binary classification trainers catalog.</param>
    /// <param name="forward">A static method carrying <see cref="MaskedForwardAttribute"/> that returns one logit per row, [rows, 1].</param>
    /// <param name="parameters">The initial parameters (those with <c>RequireGrad()</c> are trained; copies are trained).</param>
    /// <param name="labelColumnName">Bool label, or float 0/1 with NaN = missing.</param>
    /// <param name="featureColumnName">Float/double feature vector; NaN = missing.</param>
    public static MaskedCustomBinaryTrainer MaskedCustom(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, MaskedForward forward, IReadOnlyList<MaskedTensor<float>> parameters,
        string labelColumnName = "Label", string featureColumnName = "Features")
        => catalog.MaskedCustom(forward, parameters, new MaskedCustomBinaryTrainer.Options { LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName });

    /// <summary>Custom masked binary classifier with all options.</summary>
    /// <param name="catalog">The binary classification trainers catalog.</param>
    /// <param name="forward">A static method carrying <see cref="MaskedForwardAttribute"/> that returns [rows, 1].</param>
    /// <param name="parameters">The initial parameters.</param>
    /// <param name="options">Trainer options.</param>
    public static MaskedCustomBinaryTrainer MaskedCustom(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, MaskedForward forward, IReadOnlyList<MaskedTensor<float>> parameters, MaskedCustomBinaryTrainer.Options options)
        => new(NativeLinearModels.EnvironmentOf(Check(catalog)), options, forward, parameters);

    /// <summary>Custom masked multiclass classifier.</summary>
    /// <param name="catalog">The multiclass classification trainers catalog.</param>
    /// <param name="forward">A static method carrying <see cref="MaskedForwardAttribute"/> that returns class logits, [rows, classes].</param>
    /// <param name="parameters">The initial parameters (those with <c>RequireGrad()</c> are trained; copies are trained).</param>
    /// <param name="labelColumnName">Key label; 0 (missing key) = missing.</param>
    /// <param name="featureColumnName">Float/double feature vector; NaN = missing.</param>
    public static MaskedCustomMulticlassTrainer MaskedCustom(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, MaskedForward forward, IReadOnlyList<MaskedTensor<float>> parameters,
        string labelColumnName = "Label", string featureColumnName = "Features")
        => catalog.MaskedCustom(forward, parameters, new MaskedCustomMulticlassTrainer.Options { LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName });

    /// <summary>Custom masked multiclass classifier with all options.</summary>
    /// <param name="catalog">The multiclass classification trainers catalog.</param>
    /// <param name="forward">A static method carrying <see cref="MaskedForwardAttribute"/> that returns [rows, classes].</param>
    /// <param name="parameters">The initial parameters.</param>
    /// <param name="options">Trainer options.</param>
    public static MaskedCustomMulticlassTrainer MaskedCustom(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, MaskedForward forward, IReadOnlyList<MaskedTensor<float>> parameters, MaskedCustomMulticlassTrainer.Options options)
        => new(NativeLinearModels.EnvironmentOf(Check(catalog)), options, forward, parameters);

    private static T Check<T>(T catalog) where T : class => catalog ?? throw new ArgumentNullException(nameof(catalog));
}
