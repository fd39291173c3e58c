// One factory per padded output size (the saved-model format needs a compile-time [VectorType(n)] per size; the output
// classes are the row mappings' SingleRowValues{n}).
using System.ComponentModel;
using Masked.ML.Mapping;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Masked.ML.Trainers;

/// <summary>Base of the sized masked GAM mappings: scores the row with the packed parameters (infrastructure of saved
/// models; the input row is the custom model's: features, packed parameters, format name).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class AdditiveModelMappingFactory<TOut> : CustomMappingFactory<CustomModelInput, TOut> where TOut : class, IRowValues<float>, new()
{
    /// <summary>The padded output size.</summary>
    protected abstract int Size { get; }

    /// <inheritdoc />
    public override Action<CustomModelInput, TOut> GetMapping()
    {
        int size = Size;
        return (i, o) =>
        {
            if (i.N != AdditiveModelMappings.Format)
                throw new InvalidOperationException($"The masked GAM mapping reads format '{AdditiveModelMappings.Format}'; the model holds '{i.N}': it is damaged or from another version.");
            var scorer = AdditiveScorer.For(RowKernels.Dense(i.P));
            var y = VBufferEditor.Create(ref o.Y, size);
            scorer.Score(RowKernels.Dense(i.X), y.Values);
            o.Y = y.Commit();
        };
    }
}

/// <summary>Creates the masked GAM mapping of a padded size.</summary>
internal static class AdditiveModelMappings
{
    /// <summary>The format name stored beside the packed parameters.</summary>
    public const string Format = "Masked.ML.Gam.v1";

    public static IEstimator<ITransformer> Create(TransformsCatalog catalog, int outputs) => CustomModelMappings.PaddedSize(outputs) switch
    {
        1 => catalog.CustomMapping(new AdditiveModelMapping1().GetMapping(), AdditiveModelMapping1.ContractName),
        2 => catalog.CustomMapping(new AdditiveModelMapping2().GetMapping(), AdditiveModelMapping2.ContractName),
        4 => catalog.CustomMapping(new AdditiveModelMapping4().GetMapping(), AdditiveModelMapping4.ContractName),
        8 => catalog.CustomMapping(new AdditiveModelMapping8().GetMapping(), AdditiveModelMapping8.ContractName),
        16 => catalog.CustomMapping(new AdditiveModelMapping16().GetMapping(), AdditiveModelMapping16.ContractName),
        32 => catalog.CustomMapping(new AdditiveModelMapping32().GetMapping(), AdditiveModelMapping32.ContractName),
        64 => catalog.CustomMapping(new AdditiveModelMapping64().GetMapping(), AdditiveModelMapping64.ContractName),
        128 => catalog.CustomMapping(new AdditiveModelMapping128().GetMapping(), AdditiveModelMapping128.ContractName),
        256 => catalog.CustomMapping(new AdditiveModelMapping256().GetMapping(), AdditiveModelMapping256.ContractName),
        _ => throw new ArgumentOutOfRangeException(nameof(outputs), outputs, $"the masked GAM supports at most {CustomModelNames.MaxOutputs} outputs"),
    };
}

/// <summary>The masked GAM mapping padded to 1 outputs (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class AdditiveModelMapping1 : AdditiveModelMappingFactory<SingleRowValues1>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.GamModel.1";
    /// <inheritdoc />
    protected override int Size => 1;
}

/// <summary>The masked GAM mapping padded to 2 outputs (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class AdditiveModelMapping2 : AdditiveModelMappingFactory<SingleRowValues2>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.GamModel.2";
    /// <inheritdoc />
    protected override int Size => 2;
}

/// <summary>The masked GAM mapping padded to 4 outputs (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class AdditiveModelMapping4 : AdditiveModelMappingFactory<SingleRowValues4>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.GamModel.4";
    /// <inheritdoc />
    protected override int Size => 4;
}

/// <summary>The masked GAM mapping padded to 8 outputs (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class AdditiveModelMapping8 : AdditiveModelMappingFactory<SingleRowValues8>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.GamModel.8";
    /// <inheritdoc />
    protected override int Size => 8;
}

/// <summary>The masked GAM mapping padded to 16 outputs (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class AdditiveModelMapping16 : AdditiveModelMappingFactory<SingleRowValues16>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.GamModel.16";
    /// <inheritdoc />
    protected override int Size => 16;
}

/// <summary>The masked GAM mapping padded to 32 outputs (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class AdditiveModelMapping32 : AdditiveModelMappingFactory<SingleRowValues32>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.GamModel.32";
    /// <inheritdoc />
    protected override int Size => 32;
}

/// <summary>The masked GAM mapping padded to 64 outputs (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class AdditiveModelMapping64 : AdditiveModelMappingFactory<SingleRowValues64>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.GamModel.64";
    /// <inheritdoc />
    protected override int Size => 64;
}

/// <summary>The masked GAM mapping padded to 128 outputs (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class AdditiveModelMapping128 : AdditiveModelMappingFactory<SingleRowValues128>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.GamModel.128";
    /// <inheritdoc />
    protected override int Size => 128;
}

/// <summary>The masked GAM mapping padded to 256 outputs (infrastructure of saved models).</summary>
[EditorBrowsable(EditorBrowsableState.Never), CustomMappingFactoryAttribute(ContractName)]
public sealed class AdditiveModelMapping256 : AdditiveModelMappingFactory<SingleRowValues256>
{
    /// <summary>The contract name recorded in saved models.</summary>
    public const string ContractName = "Masked.ML.GamModel.256";
    /// <inheritdoc />
    protected override int Size => 256;
}
