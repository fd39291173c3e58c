using Masked.ML.Onnx;
using Xunit;

namespace Masked.ML.Tests.Onnx;

public class TraceExportTests
{
    private static MaskedTensor<float> RandomMasked(Random rng, int rows, int cols, double pMasked, int fullyMaskedRow, int fullyMaskedSlot)
    {
        var data = new float[rows * cols];
        var mask = new bool[rows * cols];
        for (int i = 0; i < data.Length; i++)
        {
            int r = i / cols, c = i % cols;
            mask[i] = r != fullyMaskedRow && c != fullyMaskedSlot && rng.NextDouble() > pMasked;
            data[i] = mask[i] ? (float)(rng.NextDouble() * 2 - 1) : (rng.Next(3) == 0 ? float.NaN : 1e30f); // garbage
        }
        return MaskedTensor.Create(data, mask, rows, cols);
    }

    private static MaskedTensor<float> Dense(Random rng, params int[] shape)
        => MaskedTensor.FromArray(Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray(), shape);

    /// <summary>Runs the exported model in ONNX Runtime and checks every output against the in-process one: same mask, values within tol where valid.</summary>
    private static void AssertOrtMatches(byte[] model, Func<MaskedTensor<float>[], MaskedTensor<float>[]> f, MaskedTensor<float>[] inputs, string[] inNames, string[] outNames, double tol = 1e-5)
    {
        OnnxStructure.AssertWellFormed(model);
        var expected = f(inputs);
        using var session = new MaskedOnnxSession(model);
        foreach (var n in inNames) session.WithFill(n, MaskedOnnxFill.AsMaskInput(n + MaskedOnnx.MaskSuffix));
        foreach (var n in outNames) session.WithRule(n, MaskedOnnxOutputRule.FromMaskOutput(n + MaskedOnnx.MaskSuffix));
        var result = session.Run(inNames.Select((n, i) => MaskedOnnxInput.Of(n, inputs[i])).ToArray());
        for (int k = 0; k < outNames.Length; k++)
        {
            var got = result.Get<float>(outNames[k]);
            Assert.Equal(expected[k].Shape, got.Shape);
            var em = expected[k].MaskToBools(); var gm = got.MaskToBools();
            var ev = expected[k].ToArray(); var gv = got.ToArray();
            for (int i = 0; i < em.Length; i++)
            {
                Assert.True(em[i] == gm[i], $"{outNames[k]}[{i}]: in-process valid={em[i]}, ONNX valid={gm[i]}");
                if (em[i]) Assert.True(Math.Abs(ev[i] - gv[i]) <= tol, $"{outNames[k]}[{i}]: {ev[i]} vs {gv[i]}");
            }
        }
    }

    [Fact]
    public void TwoLayerMaskedNetworkTracesToOnnxAndMatchesInOnnxRuntime()
    {
        var rng = new Random(7);
        var w1 = Dense(rng, 5, 6); var b1 = Dense(rng, 6);
        var w2 = Dense(rng, 6, 3); var b2 = Dense(rng, 3);
        MaskedTensor<float>[] Net(MaskedTensor<float>[] x)
        {
            var h = x[0].MatMul(w1).Add(b1).Maximum(MaskedTensor.Scalar(0f)); // relu
            var logits = h.MatMul(w2).Add(b2);
            return [logits.Softmax(1)];
        }
        var x = RandomMasked(rng, 9, 5, 0.25, fullyMaskedRow: 2, fullyMaskedSlot: 4);
        var model = MaskedOnnx.ExportTrace(Net, [x], ["x"], ["probs"]);
        var expected = Net([x])[0];
        Assert.False(expected.IsValid(2, 0)); // the fully masked row stays masked through both layers and softmax
        AssertOrtMatches(model, Net, [x], ["x"], ["probs"]);
        // the same graph on other data of the same shape
        AssertOrtMatches(model, Net, [RandomMasked(new Random(8), 9, 5, 0.5, 0, 1)], ["x"], ["probs"]);
        // dynamic batch: one model scores any number of rows
        var dynamic = MaskedOnnx.ExportTrace(Net, [x], ["x"], ["probs"], dynamicBatch: true);
        AssertOrtMatches(dynamic, Net, [RandomMasked(new Random(9), 23, 5, 0.4, 5, 0)], ["x"], ["probs"]);
        AssertOrtMatches(dynamic, Net, [RandomMasked(new Random(10), 1, 5, 0.4, -1, -1)], ["x"], ["probs"]);
    }

    /// <summary>The custom-trainer sample's network (samples/Masked.Samples/PenguinNetwork.cs): [features, missing indicators] → tanh layer →
    /// logits, here followed by softmax; traced and scored on penguin-like rows with holes (one row with every measurement missing).</summary>
    [Fact]
    public void PenguinNetworkOfTheCustomTrainerSampleTracesAndMatches()
    {
        var rng = new Random(11);
        var w1 = Dense(rng, 8, 8); var b1 = Dense(rng, 8); var w2 = Dense(rng, 8, 3); var b2 = Dense(rng, 3);
        MaskedTensor<float>[] Net(MaskedTensor<float>[] x)
        {
            var hidden = (MaskedTensor.Concat([x[0], x[1]], 1).MatMul(w1) + b1).Tanh();
            return [(hidden.MatMul(w2) + b2).Softmax(1)];
        }
        var features = RandomMasked(rng, 12, 4, 0.2, fullyMaskedRow: 5, fullyMaskedSlot: -1);
        var valid = features.MaskToBools();
        var missing = MaskedTensor.FromArray(valid.Select(v => v ? 0f : 1f).ToArray(), 12, 4);
        var model = MaskedOnnx.ExportTrace(Net, [features, missing], ["features", "missing"], ["probs"], dynamicBatch: true);
        Assert.Contains(Masked.ML.Onnx.Proto.ModelProto.Parser.ParseFrom(model).Graph.Node, n => n.OpType == "Concat");
        AssertOrtMatches(model, Net, [features, missing], ["features", "missing"], ["probs"]);
    }

    [Fact]
    public void ConcatAndStackExportAlongTheirAxis()
    {
        var rng = new Random(12);
        MaskedTensor<float>[] F(MaskedTensor<float>[] x) => [MaskedTensor.Concat([x[0], x[1]], 0), MaskedTensor.Concat([x[0], x[1], x[0]], 1), MaskedTensor.Stack([x[0], x[1]], 1)];
        var a = RandomMasked(rng, 3, 4, 0.3, 1, -1); var b = Dense(rng, 3, 4);
        var model = MaskedOnnx.ExportTrace(F, [a, b], ["a", "b"], ["rows", "cols", "stacked"]);
        AssertOrtMatches(model, F, [a, b], ["a", "b"], ["rows", "cols", "stacked"]);
    }

    [Fact]
    public void ReductionsSoftmaxWhereAndViewsExport()
    {
        var rng = new Random(3);
        MaskedTensor<float>[] F(MaskedTensor<float>[] x)
        {
            var a = x[0];
            var sm = a.Softmax(1);
            var lsm = a.LogSoftmax(0);
            var sum = a.Sum(1, keepDim: true);
            var mean = a.Mean(0);
            var amax = a.Amax(1);
            var amin = a.Amin([0, 1]);
            var w = MaskedTensor.Where(a.Gt(0f), a.Exp(), a.Neg().Sqrt());
            var views = a.Transpose(0, 1).Slice(0, 1, 4, 2).Reshape(2, 3, 2).Select(1, 2).Unsqueeze(0).Squeeze(0);
            var scaled = a.Mul(x[1]).Sub(x[1].Tanh()).Div(MaskedTensor.Scalar(2f));
            return [sm, lsm, sum, mean, amax, amin, w, views, scaled];
        }
        var x0 = RandomMasked(rng, 6, 5, 0.3, fullyMaskedRow: 1, fullyMaskedSlot: 3);
        var x1 = RandomMasked(rng, 6, 5, 0.2, fullyMaskedRow: 4, fullyMaskedSlot: 0);
        string[] outs = ["sm", "lsm", "sum", "mean", "amax", "amin", "w", "views", "scaled"];
        var model = MaskedOnnx.ExportTrace(F, [x0, x1], ["a", "b"], outs);
        var expected = F([x0, x1]);
        Assert.False(expected[2].IsValid(1, 0));   // sum over a fully masked row: masked, not 0
        Assert.False(expected[3].IsValid(3));      // mean over a fully masked slot: masked, not NaN
        AssertOrtMatches(model, F, [x0, x1], ["a", "b"], outs);
    }

    [Fact]
    public void AnOpWithoutOnnxTranslationIsNamed()
    {
        var x = MaskedTensor.FromArray(new float[] { 1, 2, 3, 4 }, 2, 2);
        var e = Assert.Throws<NotSupportedException>(() => MaskedOnnx.ExportTrace(v => [v[0].Atan2(v[0])], [x]));
        Assert.Contains("'Atan2'", e.Message);
    }

    [Fact]
    public void TracingLeavesNoRecordBehind()
    {
        var x = MaskedTensor.FromArray(new float[] { 1, 2 }, 2);
        using (var trace = MaskedTrace.Start())
        {
            var y = x.Exp().Add(x);
            Assert.Equal(["Exp", "Add"], trace.Entries.Select(e => e.Op).ToArray());
            Assert.Same(y, trace.Entries[^1].Output);
        }
        using var outer = MaskedTrace.Start();
        outer.Dispose();
        x.Exp(); // no scope open: nothing recorded, nothing thrown
        Assert.Empty(outer.Entries);
    }
}
