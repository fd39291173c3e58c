using Microsoft.ML;
using Microsoft.ML.Data;

namespace Masked.ML;

/// <summary>
/// Base of the masked ML.NET components. <c>Fit</c> computes what the component needs with Masked.Core and
/// returns a chain of ML.NET's own savable transformers (an ONNX graph applied with <c>ApplyOnnxModel</c>, whose
/// bytes live inside the model zip, plus column copies/drops), so <c>mlContext.Model.Save/Load</c> round-trip with
/// known vector sizes. Loading a model that uses <see cref="MaskedAggregation"/> needs
/// <see cref="MaskedML.RegisterComponents"/> on the loading context (ML.NET's rule for custom mappings).
/// </summary>
public abstract class MaskedEstimator : IEstimator<ITransformer>
{
    private protected MaskedEstimator(string outputColumnName, string inputColumnName, string? maskColumnName, string? outputMaskColumnName)
    {
        OutputColumnName = outputColumnName ?? throw new ArgumentNullException(nameof(outputColumnName));
        InputColumnName = inputColumnName ?? outputColumnName;
        MaskColumnName = maskColumnName;
        OutputMaskColumnName = outputMaskColumnName;
        if (maskColumnName is not null && maskColumnName == InputColumnName)
            throw new ArgumentException($"Mask column '{maskColumnName}' is the input column itself; the mask must be a separate bool column.", nameof(maskColumnName));
        if (outputMaskColumnName is not null && outputMaskColumnName == OutputColumnName)
            throw new ArgumentException($"The output mask column '{outputMaskColumnName}' is the output column itself; name it differently.", nameof(outputMaskColumnName));
    }

    /// <summary>The output column.</summary>
    public string OutputColumnName { get; }
    /// <summary>The input float/double (vector) column; NaN marks a missing value.</summary>
    public string InputColumnName { get; }
    /// <summary>Optional bool (vector) column of the same size: false marks a missing value.</summary>
    public string? MaskColumnName { get; }
    /// <summary>Optional output bool (vector) column: true where the output is a valid value.</summary>
    public string? OutputMaskColumnName { get; }

    /// <summary>Fits on <paramref name="input"/> and returns a savable transformer chain.</summary>
    public ITransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var col = input.Schema.GetColumnOrNull(InputColumnName)
            ?? throw new ArgumentException($"Input column '{InputColumnName}' not found (columns: {string.Join(", ", input.Schema.Select(c => c.Name))}).", nameof(input));
        var (item, slots) = ColumnReader.Describe(col.Type, InputColumnName);
        if (col.Type is not VectorDataViewType) throw new ArgumentException($"Column '{InputColumnName}' must be a vector column of known size; it is {col.Type}.", nameof(input));
        return TryFitNative(input, item == NumberDataViewType.Double, slots) ?? Chain(input, item == NumberDataViewType.Double, slots).Fit(input);
    }

    /// <summary>A transformer made of ML.NET's native components when they compute exactly the same thing (faster than ONNX per row); null otherwise.</summary>
    private protected virtual ITransformer? TryFitNative(IDataView input, bool isDouble, int slots) => null;

    /// <summary>The output schema, from the same chain of ML.NET estimators that <see cref="Fit"/> returns.</summary>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        var col = inputSchema.FirstOrDefault(c => c.Name == InputColumnName);
        if (col.Name is null) throw new ArgumentException($"Input column '{InputColumnName}' not found.", nameof(inputSchema));
        if (col.ItemType != NumberDataViewType.Single && col.ItemType != NumberDataViewType.Double)
            throw new ArgumentException($"Column '{InputColumnName}' must hold float or double values; it holds {col.ItemType}.", nameof(inputSchema));
        bool isDouble = col.ItemType == NumberDataViewType.Double;
        var b = new DataViewSchema.Builder();
        b.AddColumn(InputColumnName, new VectorDataViewType((PrimitiveDataViewType)col.ItemType, 1));
        if (MaskColumnName is not null) b.AddColumn(MaskColumnName, new VectorDataViewType(BooleanDataViewType.Instance, 1));
        var placeholder = new EmptyDataView(b.ToSchema());
        return Chain(placeholder, isDouble, 1).GetOutputSchema(inputSchema);
    }

    /// <summary>The ML.NET estimators that apply the fitted graph and name the outputs.</summary>
    private IEstimator<ITransformer> Chain(IDataView input, bool isDouble, int slots)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        string tmpOut = $"__masked_{id}_out", tmpMask = $"__masked_{id}_mask";
        byte[] graph = BuildGraph(input, isDouble, slots, tmpOut, OutputMaskColumnName is null ? null : tmpMask);
        var outputs = OutputMaskColumnName is null ? new[] { tmpOut } : new[] { tmpOut, tmpMask };
        var inputs = MaskColumnName is null ? new[] { InputColumnName } : new[] { InputColumnName, MaskColumnName };
        var ml = new MLContext(seed: 0);
        IEstimator<ITransformer> est = ml.Transforms.ApplyOnnxModel(outputs, inputs, new MemoryStream(graph));
        var drop = new List<string>(outputs);
        if (ScalarOutput)
        {
            est = est.Append(ml.Transforms.CopyColumns(UnwrapSingleFactory.In, tmpOut));
            est = isDouble
                ? est.Append(ml.Transforms.CustomMapping(new UnwrapDoubleFactory().GetMapping(), UnwrapDoubleFactory.ContractName))
                : est.Append(ml.Transforms.CustomMapping(new UnwrapSingleFactory().GetMapping(), UnwrapSingleFactory.ContractName));
            est = est.Append(ml.Transforms.CopyColumns(OutputColumnName, UnwrapSingleFactory.Out));
            drop.Add(UnwrapSingleFactory.In);
            drop.Add(UnwrapSingleFactory.Out);
        }
        else est = est.Append(ml.Transforms.CopyColumns(OutputColumnName, tmpOut));
        if (OutputMaskColumnName is not null && ScalarOutput)
        {
            est = est.Append(ml.Transforms.CopyColumns(UnwrapBoolFactory.In, tmpMask))
                .Append(ml.Transforms.CustomMapping(new UnwrapBoolFactory().GetMapping(), UnwrapBoolFactory.ContractName))
                .Append(ml.Transforms.CopyColumns(OutputMaskColumnName, UnwrapBoolFactory.Out));
            drop.Add(UnwrapBoolFactory.In);
            drop.Add(UnwrapBoolFactory.Out);
        }
        else if (OutputMaskColumnName is not null) est = est.Append(ml.Transforms.CopyColumns(OutputMaskColumnName, tmpMask));
        return est.Append(ml.Transforms.DropColumns(drop.ToArray()));
    }

    /// <summary>Whether the output is a scalar (aggregates) rather than a vector of the input's size.</summary>
    private protected virtual bool ScalarOutput => false;

    /// <summary>Computes the fitted state from <paramref name="input"/> and returns the ONNX graph that applies it.</summary>
    private protected abstract byte[] BuildGraph(IDataView input, bool isDouble, int slots, string output, string? outputMask);
}

/// <summary>Registers this library's savable mappings with an ML.NET context, as ML.NET requires before loading models that use them.</summary>
public static class MaskedML
{
    /// <summary>Call on the <see cref="MLContext"/> that loads a model containing masked aggregates.</summary>
    public static MLContext RegisterComponents(MLContext mlContext)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        mlContext.ComponentCatalog.RegisterAssembly(typeof(MaskedML).Assembly);
        return mlContext;
    }
}
