using Apache.Arrow;
using Apache.Arrow.Types;
using Xunit;

namespace Masked.Arrow.Tests;

public class TensorColumnTests
{
    private static FixedSizeListArray List(int rows, int width, Func<int, int, float?> value, Func<int, bool> rowNull)
    {
        var child = new FloatArray.Builder();
        var validity = new ArrowBuffer.BitmapBuilder();
        for (int r = 0; r < rows; r++)
        {
            validity.Append(!rowNull(r));
            for (int k = 0; k < width; k++) { if (value(r, k) is float v) child.Append(v); else child.AppendNull(); }
        }
        var type = new FixedSizeListType(new Field("item", FloatType.Default, true), width);
        int nulls = Enumerable.Range(0, rows).Count(rowNull);
        return new FixedSizeListArray(new ArrayData(type, rows, nulls, 0, [nulls == 0 ? ArrowBuffer.Empty : validity.Build()], [child.Build().Data]));
    }

    [Fact]
    public void FixedSizeListIsARowsByWidthViewAndANullRowMasksItsRow()
    {
        var list = List(4, 3, (r, k) => r == 1 && k == 2 ? null : r * 10 + k, r => r == 2);
        var t = list.AsMaskedTensor<float>();
        Assert.Equal(new[] { 4, 3 }, t.Shape);
        var m = t.MaskToBools();
        for (int r = 0; r < 4; r++)
            for (int k = 0; k < 3; k++)
                Assert.Equal(r != 2 && !(r == 1 && k == 2), m[r * 3 + k]);
        Assert.Equal(30f + 31 + 32, t[3].Sum().Item());
        // Without null rows the child's bitmap is viewed, not copied, and a sliced list keeps its rows.
        var noNullRows = List(5, 2, (r, k) => k == 1 && r % 2 == 0 ? null : r * 10 + k, _ => false);
        var sliced = (FixedSizeListArray)noNullRows.Slice(1, 3);
        var s = sliced.AsMaskedTensor<float>();
        Assert.Equal(new float[] { 10, 11, 20, 0, 30, 31 }.Where((_, i) => i != 3), s.ToArray().Where((_, i) => i != 3));
        Assert.Equal(new[] { true, true, true, false, true, true }, s.MaskToBools());
    }

    [Fact]
    public void FixedShapeTensorFileWrittenByArrowJsReadsAs5x2x3()
    {
        var batch = ArrowIpc.ReadFile(ArrowTestData.DataPath("fixed_shape_tensor.arrow")).Single();
        var cols = batch.ToMaskedColumns();
        var t = cols.Single(c => c.Name == "tensor").As<float>();
        Assert.Equal(new[] { 5, 2, 3 }, t.Shape);
        var m = t.MaskToBools();
        var d = t.ToArray();
        for (int r = 0; r < 5; r++)
            for (int i = 0; i < 6; i++)
            {
                bool valid = r != 2 && !(r == 1 && i == 3);
                Assert.Equal(valid, m[r * 6 + i]);
                if (valid) Assert.Equal(r * 10 + i + 0.5f, d[r * 6 + i]);
            }
        var x = cols.Single(c => c.Name == "x").As<double>();
        Assert.Equal(new[] { true, false, true, false, true }, x.MaskToBools());
        Assert.Equal(1.5 + 3.25 + 5.0, x.Sum().Item());
        Assert.IsType<FixedShapeTensorArray>(batch.Column("tensor"));
    }

    [Fact]
    public void WritingATensorBackProducesAColumnThatReadsTheSame()
    {
        var original = ArrowIpc.ReadFile(ArrowTestData.DataPath("fixed_shape_tensor.arrow")).Single().GetMaskedColumn<float>("tensor");
        var batch = RecordBatchExtensions.ToRecordBatch([("tensor", original)]);
        Assert.IsType<FixedShapeTensorType>(batch.Schema.GetFieldByName("tensor").DataType);
        var path = Path.Combine(Path.GetTempPath(), $"fst-{Guid.NewGuid():N}.arrow");
        try
        {
            ArrowIpc.WriteFile(path, [batch]);
            var back = ArrowIpc.ReadFile(path).Single().GetMaskedColumn<float>("tensor");
            Assert.Equal(original.Shape, back.Shape);
            Assert.Equal(original.MaskToBools(), back.MaskToBools());
            var (a, b, m) = (original.ToArray(), back.ToArray(), original.MaskToBools());
            for (int i = 0; i < a.Length; i++) if (m[i]) Assert.Equal(a[i], b[i]);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void PermutationIsAppliedAsAView()
    {
        var t = MaskedTensor.Create(Enumerable.Range(0, 12).Select(i => (float)i).ToArray(), Enumerable.Repeat(true, 12).ToArray(), 2, 2, 3);
        var storage = t.Reshape(2, 6).ToFixedSizeListArray();
        var col = new FixedShapeTensorArray(new FixedShapeTensorType(FloatType.Default, [2, 3], permutation: [1, 0]), storage);
        var logical = col.ToMaskedTensor<float>();
        Assert.Equal(new[] { 2, 3, 2 }, logical.Shape);
        Assert.Equal(t.Transpose(1, 2).ToArray(), logical.ToArray());
        Assert.Throws<ArgumentException>(() => new FixedShapeTensorType(FloatType.Default, [2, 3], permutation: [0, 0]));
        Assert.Throws<ArgumentException>(() => FixedShapeTensorType.Parse(new FixedSizeListType(FloatType.Default, 5), "{\"shape\":[2,3]}"));
    }
}
