using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;
using Microsoft.ML.Trainers;

namespace Masked.ML.Trainers;

/// <summary>
/// Builds ML.NET's own linear prediction transformers (LinearRegressionModelParameters, Platt-calibrated
/// LinearBinaryModelParameters, MaximumEntropyModelParameters) around weights fitted elsewhere, so a masked trainer's
/// model saves, loads and scores exactly as ML.NET's linear trainers do. ML.NET 5 keeps these constructors internal; they
/// are reached by reflection (Microsoft.ML is pinned to 5.0.1 and the tests exercise every path), and a changed
/// signature fails loudly here, never with a wrong score.
/// </summary>
internal static class NativeLinearModels
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>The environment behind an ML.NET catalog (the MLContext), or null when it cannot be found.</summary>
    public static IHostEnvironment? EnvironmentOf(object catalog)
        => catalog.GetType().GetProperty("Environment", Instance)?.GetValue(catalog) as IHostEnvironment;

    public static ITransformer Regression(IHostEnvironment env, float[] weights, float bias, DataViewSchema schema, string featureColumn)
    {
        var w = new VBuffer<float>(weights.Length, weights);
        var model = Create(typeof(LinearRegressionModelParameters), env, w, bias);
        return (ITransformer)Create(typeof(RegressionPredictionTransformer<LinearRegressionModelParameters>), env, model, schema, featureColumn);
    }

    public static ITransformer Binary(IHostEnvironment env, float[] weights, float bias, DataViewSchema schema, string featureColumn)
    {
        var w = new VBuffer<float>(weights.Length, weights);
        var linear = Create(typeof(LinearBinaryModelParameters), env, w, bias, null);
        var platt = Create(typeof(PlattCalibrator), env, -1.0, 0.0);   // P = 1 / (1 + exp(-score)): the logistic model's own probability
        var mixing = typeof(CalibratedModelParametersBase<,>).Assembly.GetType("Microsoft.ML.Calibrators.ParameterMixingCalibratedModelParameters`2")
            ?? throw new InvalidOperationException("ML.NET's ParameterMixingCalibratedModelParameters was not found: this Microsoft.ML version is not supported (5.0.1 is).");
        var calibrated = Create(mixing.MakeGenericType(typeof(LinearBinaryModelParameters), typeof(PlattCalibrator)), env, linear, platt);
        return (ITransformer)Create(typeof(BinaryPredictionTransformer<CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator>>), env, calibrated, schema, featureColumn, 0f, "Score");
    }

    public static ITransformer Multiclass(IHostEnvironment env, float[][] weights, float[] bias, DataViewSchema schema, string featureColumn, string labelColumn)
    {
        var w = weights.Select(x => new VBuffer<float>(x.Length, x)).ToArray();
        var model = Create(typeof(MaximumEntropyModelParameters), env, w, bias, bias.Length, weights[0].Length, null, null);
        return (ITransformer)Create(typeof(MulticlassPredictionTransformer<MaximumEntropyModelParameters>), env, model, schema, featureColumn, labelColumn, "Score", "PredictedLabel");
    }

    private static object Create(Type type, params object?[] args)
    {
        foreach (var ctor in type.GetConstructors(Instance))
        {
            var ps = ctor.GetParameters();
            if (ps.Length != args.Length) continue;
            bool ok = true;
            for (int i = 0; i < ps.Length && ok; i++)
            {
                var pt = ps[i].ParameterType.IsByRef ? ps[i].ParameterType.GetElementType()! : ps[i].ParameterType;
                ok = args[i] is null ? !pt.IsValueType : pt.IsInstanceOfType(args[i]);
            }
            if (ok) return ctor.Invoke(args);
        }
        throw new InvalidOperationException($"ML.NET's {type.Name} has no constructor taking ({string.Join(", ", args.Select(a => a?.GetType().Name ?? "null"))}): this Microsoft.ML version is not supported (5.0.1 is).");
    }
}
