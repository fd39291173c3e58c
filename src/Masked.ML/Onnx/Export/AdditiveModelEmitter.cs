using Masked.ML.Trainers;

namespace Masked.ML.Onnx;

/// <summary>
/// Writes the saved row mapping of a masked GAM (<c>Masked.ML.GamModel.{size}</c>: features X, packed parameters P, format
/// N → padded outputs Y) as ONNX nodes with the in-process float steps of <see cref="AdditiveScorer"/>: the features are
/// standardized in double and rounded to float (a non-finite or masked feature is missing, a feature of scale 0 reads as 0);
/// the basis columns are gathered from them (values, hinges max(0, z − τ) in float, pair products in float), a column being
/// missing exactly when a feature it reads is missing; the columns are standardized in double and rounded to float; then
/// per output b + Σ (column valid ? w·column : m) is one double MatMul over [valid columns | missing indicators] against the
/// stacked [w; m], rounded to float and padded with 0 to the mapping's size. Every parameter is a constant of the graph.
/// </summary>
internal sealed class AdditiveModelEmitter(OnnxGraph g)
{
    /// <summary>The Y column of the mapping for the feature column <paramref name="x"/> (float, [N, features]).</summary>
    /// <param name="x">The features in raw units (non-finite or masked = missing).</param>
    /// <param name="packed">The packed parameters (the saved table's value).</param>
    /// <param name="format">The format name saved beside them.</param>
    /// <param name="size">The mapping's padded output size.</param>
    /// <param name="step">How messages name the step.</param>
    public OnnxColumn Emit(OnnxColumn x, double[] packed, string format, int size, string step)
    {
        if (format != AdditiveModelMappings.Format)
            throw new NotSupportedException($"MaskedOnnx.Export: {step} reads the masked GAM format '{format}'; this Masked.ML translates '{AdditiveModelMappings.Format}' (saved by a newer Masked.ML?).");
        AdditiveBasis basis;
        double[] mean, scale;
        float[] w, m, b;
        try { (basis, mean, scale, w, m, b) = MaskedGamModelParameters.Unpack(packed); }
        catch (InvalidOperationException e) { throw new NotSupportedException($"MaskedOnnx.Export: {step}: {e.Message}", e); }
        int d = mean.Length, c = basis.Columns, outputs = b.Length;
        if (x.Data is null || x.ElemType != (int)OnnxType.Float)
            throw new NotSupportedException($"MaskedOnnx.Export: {step} (masked GAM) reads a feature column that is not a float tensor (ONNX type {x.ElemType}).");
        if (x.Width != d)
            throw new NotSupportedException($"MaskedOnnx.Export: {step} (masked GAM) reads {x.Width} features; the model was fitted on {d}.");
        if (outputs > size)
            throw new NotSupportedException($"MaskedOnnx.Export: {step} (masked GAM) has {outputs} outputs; the mapping holds {size}: the model is damaged.");

        // Features: z = (float)((x − mean) / scale) in double; 0 where the scale is 0; missing where x is non-finite or masked.
        string zeroF = g.Scalar(0f);
        var finite = g.Op("Not", g.Op("Or", g.Op("IsNaN", x.Data), g.Op("IsInf", x.Data)));
        var valid = x.Mask is null ? finite : g.Op("And", finite, x.Mask);
        var xd = g.Node("Cast", [x.Data], null, ("to", (long)OnnxType.Double));
        var zd = g.Op("Div", g.Op("Sub", xd, g.Constant(mean, 1, d)), g.Constant(scale.Select(s => s > 0 ? s : 1.0).ToArray(), 1, d));
        var z = g.Node("Cast", [zd], null, ("to", (long)OnnxType.Float));
        z = g.Op("Where", g.Constant(scale.Select(s => s > 0).ToArray(), 1, d), z, zeroF);
        z = g.Op("Where", valid, z, zeroF);   // missing features hold 0 (finite), their columns are masked below

        // Per-feature blocks: column k reads feature j (its value, or max(0, z_j − τ) for a hinge), all in float.
        var feature = new List<long>(); var knot = new List<float>(); var hinge = new List<bool>();
        for (int j = 0; j < d; j++)
        {
            feature.Add(j); knot.Add(0f); hinge.Add(false);
            foreach (float t in basis.Knots[j]) { feature.Add(j); knot.Add(t); hinge.Add(true); }
        }
        int cb = feature.Count;
        var blockIndex = g.Constant(feature.ToArray(), cb);
        var gathered = g.Node("Gather", [z, blockIndex], null, ("axis", 1L));
        var hinges = g.Op("Relu", g.Op("Sub", gathered, g.Constant(knot.ToArray(), 1, cb)));
        string phi = g.Op("Where", g.Constant(hinge.ToArray(), 1, cb), hinges, gathered);
        string columnValid = g.Node("Gather", [valid, blockIndex], null, ("axis", 1L));

        // Pair products z_a·z_b (float), valid when both features are.
        if (basis.Pairs.Length > 0)
        {
            int np = basis.Pairs.Length;
            var ia = g.Constant(basis.Pairs.Select(p => (long)p.a).ToArray(), np);
            var ib = g.Constant(basis.Pairs.Select(p => (long)p.b).ToArray(), np);
            var products = g.Op("Mul", g.Node("Gather", [z, ia], null, ("axis", 1L)), g.Node("Gather", [z, ib], null, ("axis", 1L)));
            var pairValid = g.Op("And", g.Node("Gather", [valid, ia], null, ("axis", 1L)), g.Node("Gather", [valid, ib], null, ("axis", 1L)));
            phi = g.Node("Concat", [phi, products], null, ("axis", 1L));
            columnValid = g.Node("Concat", [columnValid, pairValid], null, ("axis", 1L));
        }

        // A product of an overflowed (infinite) feature with 0 is NaN: missing in process too.
        columnValid = g.Op("And", columnValid, g.Op("Not", g.Op("IsNaN", phi)));

        // Column standardization: (float)((φ − mean) / scale) in double; 0 where the column's scale is 0.
        var phid = g.Node("Cast", [phi], null, ("to", (long)OnnxType.Double));
        var sd = g.Op("Div", g.Op("Sub", phid, g.Constant(basis.ColumnMean.ToArray(), 1, c)), g.Constant(basis.ColumnScale.Select(s => s > 0 ? s : 1.0).ToArray(), 1, c));
        var standardized = g.Node("Cast", [g.Node("Cast", [sd], null, ("to", (long)OnnxType.Float))], null, ("to", (long)OnnxType.Double));
        string zeroD = g.Scalar(0.0, OnnxType.Double);
        standardized = g.Op("Where", g.Constant(basis.ColumnScale.Select(s => s > 0).ToArray(), 1, c), standardized, zeroD);

        // Scores: [valid ? φ : 0 | missing ? 1 : 0] · [wᵀ; mᵀ] + b, in double, then float.
        var design = g.Node("Concat", [g.Op("Where", columnValid, standardized, zeroD), g.Node("Cast", [g.Op("Not", columnValid)], null, ("to", (long)OnnxType.Double))], null, ("axis", 1L));
        var coefficients = new double[2 * c * outputs];
        for (int t = 0; t < outputs; t++)
            for (int k = 0; k < c; k++)
            {
                coefficients[k * outputs + t] = w[t * c + k];
                coefficients[(c + k) * outputs + t] = m[t * c + k];
            }
        var scores = g.Op("Add", g.Op("MatMul", design, g.Constant(coefficients, 2 * c, outputs)), g.Constant(b.Select(v => (double)v).ToArray(), 1, outputs));
        var y = g.Node("Cast", [scores], null, ("to", (long)OnnxType.Float));
        if (size > outputs) y = g.Op("Pad", y, g.Constant([0L, 0L, 0L, size - outputs], 4), zeroF);
        return new OnnxColumn { Data = y, ElemType = (int)OnnxType.Float, Width = size };
    }
}
