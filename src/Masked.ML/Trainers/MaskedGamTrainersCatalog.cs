using Microsoft.ML;
using Masked.ML.Trainers;

namespace Masked.ML;

/// <summary>ML.NET catalog methods for the masked GAM trainers (nonlinear: per-feature shape functions, pairwise interactions).</summary>
public static class MaskedGamTrainersCatalog
{
    /// <summary>Masked GAM regression: a piecewise-linear shape function per feature plus pairwise interactions; a missing
    /// feature contributes a learned missing contribution (no imputation), a missing label (NaN) drops its row or target.</summary>
    /// <param name="catalog">The regression trainers catalog.</param>
    /// <param name="labelColumnName">Float/double label, scalar or a known-size vector of targets; NaN = missing.</param>
    /// <param name="featureColumnName">Float/double feature vector; NaN = missing.</param>
    public static MaskedGamRegressionTrainer MaskedGam(this RegressionCatalog.RegressionTrainers catalog, string labelColumnName = "Label", string featureColumnName = "Features")
        => catalog.MaskedGam(new MaskedGamRegressionTrainer.Options { LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName });

    /// <summary>Masked GAM regression with all options.</summary>
    /// <param name="catalog">The regression trainers catalog.</param>
    /// <param name="options">Trainer options.</param>
    public static MaskedGamRegressionTrainer MaskedGam(this RegressionCatalog.RegressionTrainers catalog, MaskedGamRegressionTrainer.Options options)
        => new(NativeLinearModels.EnvironmentOf(Check(catalog)), options);

    /// <summary>Masked GAM binary classifier (the logit is the additive model); a missing label (float NaN) drops the row.</summary>
    /// <param name="catalog">The binary classification trainers catalog.</param>
    /// <param name="labelColumnName">Bool label, or float 0/1 with NaN = missing.</param>
    /// <param name="featureColumnName">Float/double feature vector; NaN = missing.</param>
    public static MaskedGamBinaryTrainer MaskedGam(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, string labelColumnName = "Label", string featureColumnName = "Features")
        => catalog.MaskedGam(new MaskedGamBinaryTrainer.Options { LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName });

    /// <summary>Masked GAM binary classifier with all options.</summary>
    /// <param name="catalog">The binary classification trainers catalog.</param>
    /// <param name="options">Trainer options.</param>
    public static MaskedGamBinaryTrainer MaskedGam(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, MaskedGamBinaryTrainer.Options options)
        => new(NativeLinearModels.EnvironmentOf(Check(catalog)), options);

    /// <summary>Masked GAM multiclass classifier (one additive logit per class); a missing key label (0) drops the row.</summary>
    /// <param name="catalog">The multiclass classification trainers catalog.</param>
    /// <param name="labelColumnName">Key label; 0 (missing key) = missing.</param>
    /// <param name="featureColumnName">Float/double feature vector; NaN = missing.</param>
    public static MaskedGamMulticlassTrainer MaskedGam(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, string labelColumnName = "Label", string featureColumnName = "Features")
        => catalog.MaskedGam(new MaskedGamMulticlassTrainer.Options { LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName });

    /// <summary>Masked GAM multiclass classifier with all options.</summary>
    /// <param name="catalog">The multiclass classification trainers catalog.</param>
    /// <param name="options">Trainer options.</param>
    public static MaskedGamMulticlassTrainer MaskedGam(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, MaskedGamMulticlassTrainer.Options options)
        => new(NativeLinearModels.EnvironmentOf(Check(catalog)), options);

    private static T Check<T>(T catalog) where T : class => catalog ?? throw new ArgumentNullException(nameof(catalog));
}
