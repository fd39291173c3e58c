// One factory per padded output size (the saved-model format needs a compile-time [VectorType(n)] per size; the output
// classes are the row mappings' SingleRowValues{n}).
using System.ComponentModel;
using Masked.ML.Mapping;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Masked.ML.Trainers;

/// <summary>Names of the custom model mapping's columns (part of the saved-model format: never rename).</summary>
internal static class CustomModelNames
{
    public const string X = "MaskedML.CX";
    public const string P = "MaskedML.CP";
    public const string N = "MaskedML.CN";
    public const string Key = RowMappingNames.Key;
    public const string Y = RowMappingNames.Y;
    public const int MaxOutputs = 256;
}

/// <summary>Row of a saved custom masked model (infrastructure of saved models; not for direct use).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CustomModelInput
{
    /// <summary>The features in raw units (NaN = missing).</summary>
    [ColumnName(CustomModelNames.X), VectorType] public VBuffer<float> X;
    /// <summary>The packed parameters and standardization.</summary>
    [ColumnName(CustomModelNames.P), VectorType] public VBuffer<double> P;
    /// <summary>The forward function's contract (<c>name|assembly</c>).</summary>
    [ColumnName(CustomModelNames.N)] public string N = "";
}

/// <summary>Base of the sized custom model mappings: runs the forward function found by name on the row (infrastructure of
/// saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class CustomModelMappingFactory<TOut> : CustomMappingFactory<CustomModelInput, TOut> where TOut : class, IRowValues<float>, new()
{
    /// <summary>The padded output size.</summary>
    protected abstract int Size { get; }

    /// <inheritdoc />
    public override Action<CustomModelInput, TOut> GetMapping()
    {
        int size = Size;
        return (i, o) =>
        {
            var scorer = CustomModelScorer.For(i.N, RowKernels.Dense(i.P));
            var y = VBufferEditor.Create(ref o.Y, size);
            scorer.Score(RowKernels.Dense(i.X), y.Values);
            o.Y = y.Commit();
        };
    }
}

/// <summary>Creates the custom model mapping of a padded size.</summary>
internal static class CustomModelMappings
{
    public static int PaddedSize(int outputs) => (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)outputs);

    public static Microsoft.ML.IEstimator<Microsoft.ML.ITransformer> Create(Microsoft.ML.TransformsCatalog catalog, int outputs) => PaddedSize(outputs) switch
    {
        1 => catalog.CustomMapping(new CustomModelMapping1().GetMapping(), CustomModelMapping1.ContractName),
        2 => catalog.CustomMapping(new CustomModelMapping2().GetMapping(), CustomModelMapping2.ContractName),
        4 => catalog.CustomMapping(new CustomModelMapping4().GetMapping(), CustomModelMapping4.ContractName),
        8 => catalog.CustomMapping(new CustomModelMapping8().GetMapping(), CustomModelMapping8.ContractName),
        16 => catalog.CustomMapping(new CustomModelMapping16().GetMapping(), CustomModelMapping16.ContractName),
        32 => catalog.CustomMapping(new CustomModelMapping32().GetMapping(), CustomModelMapping32.ContractName),
        64 => catalog.CustomMapping(new CustomModelMapping64().GetMapping(), CustomModelMapping64.ContractName),
        128 => catalog.CustomMapping(new CustomModelMapping128().GetMapping(), CustomModelMapping128.ContractName),
        256 => catalog.CustomMapping(new CustomModelMapping256().GetMapping(), CustomModelMapping256.ContractName),
        _ => throw new ArgumentOutOfRangeException(nameof(outputs), outputs, $"custom masked models support at most {CustomModelNames.MaxOutputs} outputs"),
    };
}

/// <summary>The custom model mapping padded to 1 outputs (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class CustomModelMapping1 : CustomModelMappingFactory<SingleRowValues1>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.CustomModel.1";
    /// <inheritdoc />
    protected override int Size => 1;
}

/// <summary>The custom model mapping padded to 2 outputs (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class CustomModelMapping2 : CustomModelMappingFactory<SingleRowValues2>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.CustomModel.2";
    /// <inheritdoc />
    protected override int Size => 2;
}

/// <summary>The custom model mapping padded to 4 outputs (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class CustomModelMapping4 : CustomModelMappingFactory<SingleRowValues4>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.CustomModel.4";
    /// <inheritdoc />
    protected override int Size => 4;
}

/// <summary>The custom model mapping padded to 8 outputs (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class CustomModelMapping8 : CustomModelMappingFactory<SingleRowValues8>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.CustomModel.8";
    /// <inheritdoc />
    protected override int Size => 8;
}

/// <summary>The custom model mapping padded to 16 outputs (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class CustomModelMapping16 : CustomModelMappingFactory<SingleRowValues16>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.CustomModel.16";
    /// <inheritdoc />
    protected override int Size => 16;
}

/// <summary>The custom model mapping padded to 32 outputs (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class CustomModelMapping32 : CustomModelMappingFactory<SingleRowValues32>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.CustomModel.32";
    /// <inheritdoc />
    protected override int Size => 32;
}

/// <summary>The custom model mapping padded to 64 outputs (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class CustomModelMapping64 : CustomModelMappingFactory<SingleRowValues64>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.CustomModel.64";
    /// <inheritdoc />
    protected override int Size => 64;
}

/// <summary>The custom model mapping padded to 128 outputs (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class CustomModelMapping128 : CustomModelMappingFactory<SingleRowValues128>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.CustomModel.128";
    /// <inheritdoc />
    protected override int Size => 128;
}

/// <summary>The custom model mapping padded to 256 outputs (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class CustomModelMapping256 : CustomModelMappingFactory<SingleRowValues256>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.CustomModel.256";
    /// <inheritdoc />
    protected override int Size => 256;
}
