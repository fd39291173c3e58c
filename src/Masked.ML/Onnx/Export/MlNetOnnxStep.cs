using Masked.ML.Onnx.Proto;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Masked.ML.Onnx;

/// <summary>
/// One of ML.NET's own transformers converted by ML.NET's OnnxConverter (<c>ConvertToOnnx</c>, opset 12) over a row-less
/// source with the columns visible at that point of the pipeline, and stitched into the exported graph: the converted
/// model's inputs are renamed to the values the pipeline holds for those columns, everything else gets a per-step prefix,
/// and the default-domain nodes whose signature changed between opset 12 and 17 are rewritten (ReduceSum, Squeeze,
/// Unsqueeze and Split take their axes / split sizes as inputs since opset 13).
/// </summary>
internal static class MlNetOnnxStep
{
    /// <summary>The converted model of <paramref name="transformer"/> applied to a source with <paramref name="visible"/>'s columns.</summary>
    public static ModelProto Convert(MLContext ml, ITransformer transformer, DataViewSchema visible, string what)
    {
        using var stream = new MemoryStream();
        try
        {
            ml.Model.ConvertToOnnx(transformer, new EmptyDataView(visible), stream);
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArgumentException or NotImplementedException)
        {
            throw new NotSupportedException($"MaskedOnnx.Export: {what} cannot be exported to ONNX: neither Masked.ML nor ML.NET's OnnxConverter translates it ({e.Message})", e);
        }
        return ModelProto.Parser.ParseFrom(stream.ToArray());
    }

    /// <summary>Copies the converted graph into <paramref name="g"/>; returns, for each column the step adds or replaces (by column name),
    /// the value name of its converted output and its value info.</summary>
    public static Dictionary<string, (string value, ValueInfoProto info)> Stitch(OnnxGraph g, ModelProto model, string prefix, Func<string, string> inputValue, Dictionary<string, long> otherOpsets)
    {
        var rename = new Dictionary<string, string>();
        foreach (var i in model.Graph.Input) rename[i.Name] = inputValue(i.Name);
        string Name(string n) => n.Length == 0 ? n : rename.TryGetValue(n, out var r) ? r : rename[n] = prefix + n;
        foreach (var o in model.OpsetImport)
            if (o.Domain is not ("" or "ai.onnx"))
                otherOpsets[o.Domain] = Math.Max(otherOpsets.GetValueOrDefault(o.Domain), o.Version);
        foreach (var t in model.Graph.Initializer)
        {
            var c = t.Clone();
            c.Name = Name(t.Name);
            g.AddInitializer(c);
        }
        foreach (var n in model.Graph.Node)
        {
            var c = n.Clone();
            c.Name = prefix + n.Name;
            c.Input.Clear(); c.Input.AddRange(n.Input.Select(Name));
            c.Output.Clear(); c.Output.AddRange(n.Output.Select(Name));
            Upgrade(g, c);
            GuardNaN(g, c);
            g.AddNode(c);
        }
        // A column the step passes through unchanged reaches its output through Identity nodes from the input of the same name;
        // every other output is a column the step adds or replaces.
        var producer = new Dictionary<string, NodeProto>();
        foreach (var n in model.Graph.Node) foreach (var o in n.Output) producer[o] = n;
        var inputs = new HashSet<string>(model.Graph.Input.Select(i => i.Name));
        bool PassThrough(string value, string column)
        {
            for (int guard = 0; guard < 1000; guard++)
            {
                if (inputs.Contains(value)) return value == column;
                if (!producer.TryGetValue(value, out var n) || n.OpType != "Identity" || n.Input.Count != 1) return false;
                value = n.Input[0];
            }
            return false;
        }
        var outputs = new Dictionary<string, (string, ValueInfoProto)>();
        const string suffix = ".output";
        foreach (var o in model.Graph.Output)
            if (o.Name.EndsWith(suffix, StringComparison.Ordinal) && !PassThrough(o.Name, o.Name[..^suffix.Length]))
                outputs[o.Name[..^suffix.Length]] = (Name(o.Name), o);
        return outputs;
    }

    /// <summary>ONNX Runtime's <c>Binarizer</c> (ML.NET's converted binary PredictedLabel) fails on a NaN input, where ML.NET's scorer
    /// predicts false for a NaN score (a custom model's masked output): NaN reaches it as −∞, so the label is false there too.</summary>
    private static void GuardNaN(OnnxGraph g, NodeProto n)
    {
        if (n.OpType != "Binarizer" || n.Domain != "ai.onnx.ml" || n.Input.Count == 0 || n.Input[0].Length == 0) return;
        var x = n.Input[0];
        n.Input[0] = g.Op("Where", g.Op("IsNaN", x), g.Op("CastLike", g.Scalar(double.NegativeInfinity, OnnxType.Double), x), x);
    }

    /// <summary>Rewrites a default-domain node written for opset 12 to its opset-17 form (in place).</summary>
    private static void Upgrade(OnnxGraph g, NodeProto n)
    {
        if (n.Domain is not ("" or "ai.onnx")) return;
        string? moved = n.OpType switch
        {
            "ReduceSum" or "Squeeze" or "Unsqueeze" => "axes",
            "Split" => "split",
            _ => null,
        };
        if (moved is null) return;
        var a = n.Attribute.FirstOrDefault(x => x.Name == moved);
        if (a is null) return;
        n.Attribute.Remove(a);
        var values = a.Ints.ToArray();
        while (n.Input.Count < 1) n.Input.Add("");
        n.Input.Insert(1, g.Constant(values, values.Length));
    }
}
