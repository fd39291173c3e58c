using System.Numerics;
using Masked;
using Microsoft.ML;

namespace Masked.ML.Onnx;

/// <summary>
/// Exports to ONNX (opset 17). <see cref="Export(ITransformer, DataViewSchema, Stream, MaskedOnnxExportOptions?)"/> writes a whole
/// fitted ML.NET pipeline (masked components, masked trainers and ML.NET's own transformers) as one model.
/// <see cref="ExportTrace{T}(Func{MaskedTensor{T}[], MaskedTensor{T}[]}, MaskedTensor{T}[], Stream, string[], string[], bool)"/>
/// records a function of Masked.Core ops run once on example inputs and writes it as a graph over (data, mask)
/// pairs: input <c>x</c> becomes the data input <c>x</c> plus the bool input <c>x_mask</c> (true = valid); output
/// <c>y</c> becomes <c>y</c> plus <c>y_mask</c>. Run the result with <see cref="MaskedOnnxSession"/>
/// (<see cref="MaskedOnnxFill.AsMaskInput(string)"/> and <see cref="MaskedOnnxOutputRule.FromMaskOutput"/>).
/// </summary>
public static class MaskedOnnx
{
    /// <summary>The suffix of the bool mask input/output paired with each data input/output.</summary>
    public const string MaskSuffix = "_mask";

    /// <summary>
    /// Writes a fitted ML.NET pipeline as one ONNX model (opset 17): Masked.ML's masked components (normalizers, safe softmax,
    /// aggregates) are translated by Masked.ML with their in-process semantics, custom masked models by tracing their forward
    /// function (found by its <c>[MaskedForward]</c> name, parameters read from the saved model), masked GAMs from their packed
    /// parameters (basis, standardizations, weights and missing contributions as constants); ML.NET's own transformers (the masked trainers
    /// score through them) are converted by ML.NET's OnnxConverter and stitched in. Inputs: the input columns the model reads,
    /// each float/double one with a bool <c>c_mask</c> input (see <see cref="MaskedOnnxExportOptions.MaskInputs"/>; NaN is
    /// missing too); every column has shape [N, slots] (a scalar column [N, 1]). Outputs: the columns the pipeline adds (one that
    /// replaces an input column of the same name is output as <c>name.output</c>, as ML.NET names it), each
    /// float/double one with a bool <c>c_mask</c> output (true = valid: not NaN, or, for a masked component's output, valid
    /// by the component's rule — a softmax row with nothing valid, an aggregate over nothing valid are masked).
    /// </summary>
    /// <param name="model">The fitted pipeline.</param>
    /// <param name="inputSchema">The schema of the data the pipeline was fitted on (the model's input).</param>
    /// <param name="stream">Where the model is written.</param>
    /// <param name="options">Mask inputs and output columns (defaults: mask inputs, every new column).</param>
    /// <exception cref="NotSupportedException">A step has no ONNX translation (the message names the step and the transformer).</exception>
    /// <exception cref="ArgumentException">The schema does not fit the model, or an output column is not produced.</exception>
    public static void Export(ITransformer model, DataViewSchema inputSchema, Stream stream, MaskedOnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Export(model, inputSchema, options));
    }

    /// <summary>As <see cref="Export(ITransformer, DataViewSchema, Stream, MaskedOnnxExportOptions?)"/>, returning the model's bytes.</summary>
    public static byte[] Export(ITransformer model, DataViewSchema inputSchema, MaskedOnnxExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        return PipelineExporter.Export(model, inputSchema, options ?? new MaskedOnnxExportOptions());
    }

    /// <summary>
    /// Runs <paramref name="function"/> once on <paramref name="examples"/> under a <see cref="MaskedTrace"/> and writes
    /// the recorded computation as an ONNX model to <paramref name="stream"/>. Shapes are those of the examples.
    /// Tensors the function uses that were not computed from its inputs (weights, scalars) become constants.
    /// </summary>
    /// <param name="function">The function to trace.</param>
    /// <param name="examples">Example inputs (their shapes become the model's).</param>
    /// <param name="stream">Where the model is written.</param>
    /// <param name="inputNames">Names of the data inputs (default <c>input0</c>, …).</param>
    /// <param name="outputNames">Names of the data outputs (default <c>output0</c>, …).</param>
    /// <param name="dynamicBatch">Declare dimension 0 of every input and output symbolic (<c>N</c>), so any batch size scores;
    /// ops that bake the batch size in (a Reshape that changes dimension 0, BroadcastTo) then cannot be exported.</param>
    /// <exception cref="NotSupportedException">The function used an op with no ONNX translation (the message names it).</exception>
    /// <exception cref="ArgumentException">Names do not match the inputs/outputs in number or are duplicated.</exception>
    public static void ExportTrace<T>(Func<MaskedTensor<T>[], MaskedTensor<T>[]> function, MaskedTensor<T>[] examples, Stream stream,
        string[]? inputNames = null, string[]? outputNames = null, bool dynamicBatch = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(stream);
        var bytes = ExportTrace(function, examples, inputNames, outputNames, dynamicBatch);
        stream.Write(bytes);
    }

    /// <summary>As <see cref="ExportTrace{T}(Func{MaskedTensor{T}[], MaskedTensor{T}[]}, MaskedTensor{T}[], Stream, string[], string[], bool)"/>, returning the model's bytes.</summary>
    public static byte[] ExportTrace<T>(Func<MaskedTensor<T>[], MaskedTensor<T>[]> function, MaskedTensor<T>[] examples,
        string[]? inputNames = null, string[]? outputNames = null, bool dynamicBatch = false) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(examples);
        inputNames ??= examples.Select((_, i) => $"input{i}").ToArray();
        if (inputNames.Length != examples.Length) throw new ArgumentException($"{inputNames.Length} input names for {examples.Length} example inputs.", nameof(inputNames));
        // Fresh leaf objects, so a function that returns an input or reuses it as a constant is still traced correctly.
        var inputs = examples.Select(e => e.Detach()).ToArray();
        MaskedTensor<T>[] outputs;
        using var trace = MaskedTrace.Start();
        outputs = function(inputs);
        trace.Dispose();
        outputNames ??= outputs.Select((_, i) => $"output{i}").ToArray();
        if (outputNames.Length != outputs.Length) throw new ArgumentException($"{outputNames.Length} output names for {outputs.Length} outputs.", nameof(outputNames));
        var all = inputNames.Concat(outputNames).ToList();
        if (all.Distinct().Count() != all.Count) throw new ArgumentException("Input and output names must be distinct.", nameof(outputNames));

        var g = new OnnxGraph("masked_trace");
        var exporter = new TraceExporter(g, trace, dynamicBatch);
        var type = TraceExporter.TypeOf(inputs.Length > 0 ? inputs[0] : outputs[0]);
        for (int i = 0; i < inputs.Length; i++)
        {
            var shape = inputs[i].Shape.Select((d, k) => dynamicBatch && k == 0 ? -1L : d).ToArray();
            g.Input(inputNames[i], type, shape);
            g.Input(inputNames[i] + MaskSuffix, OnnxType.Bool, shape);
            exporter.BindInput(inputs[i], inputNames[i], inputNames[i] + MaskSuffix);
        }
        for (int i = 0; i < outputs.Length; i++)
        {
            var shape = outputs[i].Shape.Select((d, k) => dynamicBatch && k == 0 ? -1L : d).ToArray();
            var (d, _) = exporter.Value(outputs[i]);
            g.Output(outputNames[i], d, type, shape);
            g.Output(outputNames[i] + MaskSuffix, exporter.FullMask(outputs[i]), OnnxType.Bool, shape);
        }
        return g.ToBytes();
    }
}
