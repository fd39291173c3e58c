using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace Masked.ML.Trainers;

/// <summary>
/// The saved form of a model scored by a row mapping over packed parameters (custom masked models, the masked GAM): the
/// features as one float vector, the packed parameters and a contract string from one-entry <c>MapValue</c> tables inside
/// the model zip, the sized <c>CustomMapping</c> that writes the raw outputs, then ML.NET's own linear predictor over them
/// (weight = target scale, bias = target mean for regression; a unit weight for the logit(s)) writing the task's columns.
/// </summary>
internal static class PackedModelChain
{
    private const string Xd = "MaskedML.CXd";
    private static readonly string[] Temporaries = [Xd, CustomModelNames.X, CustomModelNames.P, CustomModelNames.N, CustomModelNames.Key, CustomModelNames.Y];

    public static ITransformer Build(MLContext ml, IHostEnvironment env, LinearTask task, DataViewSchema inputSchema, string featureColumn, string labelColumn,
        double[] packed, string contract, int outputs, IReadOnlyList<float> targetMeans, IReadOnlyList<float> targetScales, IEstimator<ITransformer> mapping, int paddedSize)
    {
        var t = ml.Transforms;
        var col = inputSchema[featureColumn];
        bool isDouble = (col.Type is VectorDataViewType v ? v.ItemType : col.Type) == NumberDataViewType.Double;
        var parts = new List<ITransformer>();
        IDataView current = new EmptyDataView(inputSchema);
        void Add(IEstimator<ITransformer> e) => AddFitted(e.Fit(current));
        void AddFitted(ITransformer tr) { parts.Add(tr); current = tr.Transform(current); }
        string src = featureColumn;
        if (isDouble) { Add(t.Conversion.ConvertType(Xd, src, DataKind.Single)); src = Xd; }
        Add(t.Concatenate(CustomModelNames.X, src));
        Add(t.CustomMapping(new Mapping.KeyFactory().GetMapping(), Mapping.KeyFactory.ContractName));
        Add(t.Conversion.MapValue(CustomModelNames.P, new[] { new KeyValuePair<string, double[]>(Mapping.RowMappingNames.KeyValue, packed) }, CustomModelNames.Key));
        Add(t.Conversion.MapValue(CustomModelNames.N, new[] { new KeyValuePair<string, string>(Mapping.RowMappingNames.KeyValue, contract) }, CustomModelNames.Key));
        Add(mapping);
        float[] Unit(int k, float value) { var w = new float[paddedSize]; w[k] = value; return w; }
        switch (task)
        {
            case LinearTask.Regression when outputs == 1:
                AddFitted(NativeLinearModels.Regression(env, Unit(0, targetScales[0]), targetMeans[0], current.Schema, CustomModelNames.Y));
                break;
            case LinearTask.Regression:
            {
                var names = new string[outputs];
                for (int k = 0; k < outputs; k++)
                {
                    AddFitted(NativeLinearModels.Regression(env, Unit(k, targetScales[k]), targetMeans[k], current.Schema, CustomModelNames.Y));
                    names[k] = $"MaskedML.CS{k}";
                    Add(t.CopyColumns(names[k], "Score"));
                }
                Add(t.Concatenate("Score", names));
                Add(t.DropColumns(names));
                break;
            }
            case LinearTask.Binary:
                AddFitted(NativeLinearModels.Binary(env, Unit(0, 1f), 0f, current.Schema, CustomModelNames.Y));
                break;
            default:
                AddFitted(NativeLinearModels.Multiclass(env, Enumerable.Range(0, outputs).Select(k => Unit(k, 1f)).ToArray(),
                    new float[outputs], current.Schema, CustomModelNames.Y, labelColumn));
                break;
        }
        var present = Temporaries.Where(n => current.Schema.GetColumnOrNull(n) is not null).ToArray();
        if (present.Length > 0) Add(t.DropColumns(present));
        return new TransformerChain<ITransformer>(parts.ToArray());
    }
}
