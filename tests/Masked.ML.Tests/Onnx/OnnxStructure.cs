using Masked.ML.Onnx.Proto;
using Microsoft.ML.OnnxRuntime;
using Xunit;

namespace Masked.ML.Tests.Onnx;

/// <summary>Structural check of an exported model: opset ≥ 17, every node input defined before use, every graph output produced, loads in ONNX Runtime.</summary>
internal static class OnnxStructure
{
    public static ModelProto AssertWellFormed(byte[] bytes)
    {
        var model = ModelProto.Parser.ParseFrom(bytes);
        var opset = model.OpsetImport.Single(o => o.Domain == "" || o.Domain == "ai.onnx");
        Assert.True(opset.Version >= 17, $"default opset {opset.Version} < 17");
        var defined = new HashSet<string>(model.Graph.Input.Select(i => i.Name));
        defined.UnionWith(model.Graph.Initializer.Select(i => i.Name));
        foreach (var node in model.Graph.Node)
        {
            foreach (var i in node.Input)
                Assert.True(i.Length == 0 || defined.Contains(i), $"node {node.Name} ({node.OpType}) reads undefined value '{i}'");
            foreach (var o in node.Output)
                if (o.Length > 0) Assert.True(defined.Add(o), $"value '{o}' is produced twice");
        }
        foreach (var o in model.Graph.Output)
            Assert.True(defined.Contains(o.Name), $"graph output '{o.Name}' is never produced");
        using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
        using var session = new InferenceSession(bytes, options);
        Assert.Equal(model.Graph.Output.Count, session.OutputMetadata.Count);
        return model;
    }
}
