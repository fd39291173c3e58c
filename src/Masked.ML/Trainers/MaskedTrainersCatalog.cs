using Microsoft.ML;
using Masked.ML.Trainers;

namespace Masked.ML;

/// <summary>ML.NET catalog methods for the masked linear trainers.</summary>
public static class MaskedTrainersCatalog
{
    /// <summary>Masked linear regression: missing features contribute a learned missing weight (no imputation), missing
    /// labels (NaN) drop their row or target.</summary>
    /// <param name="catalog">The regression trainers catalog.</param>
    /// <param name="labelColumnName">Float/double label, scalar or a known-size vector of targets; NaN = missing.</param>
    /// <param name="featureColumnName">Float/double feature vector; NaN = missing.</param>
    /// <param name="l2Regularization">L2 penalty on the standardized weights.</param>
    public static MaskedLinearRegressionTrainer MaskedLinear(this RegressionCatalog.RegressionTrainers catalog, string labelColumnName = "Label", string featureColumnName = "Features", double l2Regularization = 1e-3)
        => catalog.MaskedLinear(new MaskedLinearRegressionTrainer.Options { LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName, L2Regularization = l2Regularization });

    /// <summary>Masked linear regression with all options.</summary>
    /// <param name="catalog">The regression trainers catalog.</param>
    /// <param name="options">Trainer options.</param>
    public static MaskedLinearRegressionTrainer MaskedLinear(this RegressionCatalog.RegressionTrainers catalog, MaskedLinearRegressionTrainer.Options options)
        => new(NativeLinearModels.EnvironmentOf(Check(catalog)), options);

    /// <summary>Masked logistic regression: missing features contribute a learned missing weight, a missing label (float NaN) drops the row.</summary>
    /// <param name="catalog">The binary classification trainers catalog.</param>
    /// <param name="labelColumnName">Bool label, or float 0/1 with NaN = missing.</param>
    /// <param name="featureColumnName">Float/double feature vector; NaN = missing.</param>
    /// <param name="l2Regularization">L2 penalty on the standardized weights.</param>
    public static MaskedLogisticRegressionTrainer MaskedLogistic(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, string labelColumnName = "Label", string featureColumnName = "Features", double l2Regularization = 1e-3)
        => catalog.MaskedLogistic(new MaskedLogisticRegressionTrainer.Options { LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName, L2Regularization = l2Regularization });

    /// <summary>Masked logistic regression with all options.</summary>
    /// <param name="catalog">The binary classification trainers catalog.</param>
    /// <param name="options">Trainer options.</param>
    public static MaskedLogisticRegressionTrainer MaskedLogistic(this BinaryClassificationCatalog.BinaryClassificationTrainers catalog, MaskedLogisticRegressionTrainer.Options options)
        => new(NativeLinearModels.EnvironmentOf(Check(catalog)), options);

    /// <summary>Masked softmax (multinomial logistic) regression: missing features contribute a learned missing weight, a missing key label (0) drops the row.</summary>
    /// <param name="catalog">The multiclass classification trainers catalog.</param>
    /// <param name="labelColumnName">Key label; 0 (missing key) = missing.</param>
    /// <param name="featureColumnName">Float/double feature vector; NaN = missing.</param>
    /// <param name="l2Regularization">L2 penalty on the standardized weights.</param>
    public static MaskedSoftmaxRegressionTrainer MaskedSoftmaxRegression(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, string labelColumnName = "Label", string featureColumnName = "Features", double l2Regularization = 1e-3)
        => catalog.MaskedSoftmaxRegression(new MaskedSoftmaxRegressionTrainer.Options { LabelColumnName = labelColumnName, FeatureColumnName = featureColumnName, L2Regularization = l2Regularization });

    /// <summary>Masked softmax regression with all options.</summary>
    /// <param name="catalog">The multiclass classification trainers catalog.</param>
    /// <param name="options">Trainer options.</param>
    public static MaskedSoftmaxRegressionTrainer MaskedSoftmaxRegression(this MulticlassClassificationCatalog.MulticlassClassificationTrainers catalog, MaskedSoftmaxRegressionTrainer.Options options)
        => new(NativeLinearModels.EnvironmentOf(Check(catalog)), options);

    private static T Check<T>(T catalog) where T : class => catalog ?? throw new ArgumentNullException(nameof(catalog));
}
