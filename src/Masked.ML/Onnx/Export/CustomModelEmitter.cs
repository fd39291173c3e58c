using Masked;
using Masked.ML.Trainers;

namespace Masked.ML.Onnx;

/// <summary>
/// Writes the saved row mapping of a custom masked model (<c>Masked.ML.CustomModel.{size}</c>: features X, packed parameters P,
/// forward contract N → padded outputs Y) as ONNX nodes with the in-process semantics of the model's scorer: the forward
/// function is found by its contract name exactly as the mapping finds it when a model loads, the fitted parameters are
/// read from the packed table, the internal standardization is emitted as nodes, and the forward is traced once on example
/// rows and written over (data, mask) pairs with a dynamic batch. A masked forward output is NaN in Y; Y is padded with 0.
/// </summary>
internal sealed class CustomModelEmitter(OnnxGraph g)
{
    /// <summary>The Y column of the mapping for the feature column <paramref name="x"/> (float, [N, features]).</summary>
    /// <param name="x">The features in raw units (non-finite or masked = missing).</param>
    /// <param name="packed">The packed parameters and standardization (the saved table's value).</param>
    /// <param name="contract">The forward function's contract (<c>name|assembly</c>).</param>
    /// <param name="size">The mapping's padded output size.</param>
    /// <param name="step">How messages name the step.</param>
    public OnnxColumn Emit(OnnxColumn x, double[] packed, string contract, int size, string step)
    {
        MaskedForward forward;
        try { forward = MaskedForwardRegistry.Resolve(contract); }
        catch (InvalidOperationException e) { throw new NotSupportedException($"MaskedOnnx.Export: {step}: {e.Message}", e); }
        int d, outputs;
        MaskedTensor<float>[] parameters;
        float[] mean, scale;
        try { (d, outputs, parameters, mean, scale) = MaskedCustomModelParameters.Unpack(packed); }
        catch (InvalidOperationException e) { throw new NotSupportedException($"MaskedOnnx.Export: {step}: {e.Message}", e); }
        string name = contract[..contract.IndexOf('|')];
        if (x.Data is null || x.ElemType != (int)OnnxType.Float)
            throw new NotSupportedException($"MaskedOnnx.Export: {step} (forward '{name}') reads a feature column that is not a float tensor (ONNX type {x.ElemType}).");
        if (x.Width != d)
            throw new NotSupportedException($"MaskedOnnx.Export: {step} (forward '{name}') reads {x.Width} features; the model was fitted on {d}.");
        if (outputs > size)
            throw new NotSupportedException($"MaskedOnnx.Export: {step} (forward '{name}') has {outputs} outputs; the mapping holds {size}: the model is damaged.");

        // Standardization, as the scorer: a non-finite (or masked) feature is missing; a feature of scale 0 reads as 0.
        var finite = g.Op("Not", g.Op("Or", g.Op("IsNaN", x.Data), g.Op("IsInf", x.Data)));
        var valid = x.Mask is null ? finite : g.Op("And", finite, x.Mask);
        var safeScale = scale.Select(s => s > 0 ? s : 1f).ToArray();
        var positive = scale.Select(s => s > 0).ToArray();
        var standardized = g.Op("Div", g.Op("Sub", x.Data, g.Constant(mean, 1, d)), g.Constant(safeScale, 1, d));
        string zero = g.Scalar(0f);
        var z = g.Op("Where", g.Constant(positive, 1, d), standardized, zero);
        var features = g.Op("Where", valid, z, zero);                                                  // masked slots hold 0, as CustomBatch
        var missing = g.Node("Cast", [g.Op("Not", valid)], null, ("to", (long)OnnxType.Float));       // 1 = missing, no mask

        // Trace the forward once on two example rows (one with a missing feature, so the features carry a mask as in scoring).
        var example = new float[2 * d];
        for (int j = 0; j < example.Length; j++) example[j] = j == 0 ? float.NaN : 0.25f * ((j % 5) - 2);
        var (exFeatures, exMissing) = CustomBatch.Features(example, d, [0, 1]);
        MaskedTensor<float> output;
        var trace = MaskedTrace.Start();
        try { output = forward(exFeatures, exMissing, parameters); }
        finally { trace.Dispose(); }
        if (output is null || output.Rank != 2 || output.Shape[0] != 2 || output.Shape[1] != outputs)
            throw new NotSupportedException($"MaskedOnnx.Export: {step}: forward '{name}' returned shape [{(output is null ? "null" : string.Join(", ", output.Shape))}] for 2 rows; the model expects [2, {outputs}].");
        var exporter = new TraceExporter(g, trace, dynamicBatch: true);
        exporter.BindInput(exFeatures, features, valid);
        exporter.BindInput(exMissing, missing, null);
        string y, outMask;
        try
        {
            y = exporter.Value(output).d;
            outMask = exporter.FullMask(output);
        }
        catch (NotSupportedException e)
        {
            throw new NotSupportedException($"MaskedOnnx.Export: {step}: the forward function '{name}' cannot be exported: {e.Message}", e);
        }
        y = g.Op("Where", outMask, y, g.Scalar(float.NaN));
        if (size > outputs) y = g.Op("Pad", y, g.Constant([0L, 0L, 0L, size - outputs], 4), zero);
        return new OnnxColumn { Data = y, ElemType = (int)OnnxType.Float, Width = size };
    }
}
