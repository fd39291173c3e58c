using Apache.Arrow;
using Apache.Arrow.Types;
using Masked.Arrow;
using Xunit;

namespace Masked.Arrow.Tests;

/// <summary>Read-only mappings, writer schema checks and malformed metadata.</summary>
public class UntrustedArrowTests
{
    private static RecordBatch Batch(string name, IArrowArray array) =>
        new(new Schema.Builder().Field(f => f.Name(name).DataType(array.Data.DataType)).Build(), [array], array.Length);

    [Fact]
    public void MappedTensorsAreReadOnlyAndWritesNeverReachTheFile()
    {
        var path = Path.GetTempFileName();
        try
        {
            var x = new FloatArray.Builder().Append(1).AppendNull().Append(3).Build();
            var ms = new MemoryStream();
            ArrowIpc.WriteStream(ms, [Batch("x", x)]);
            File.WriteAllBytes(path, ms.ToArray());
            var original = File.ReadAllBytes(path);
            var t = ArrowIpc.ReadStreamMapped(path)[0].GetMaskedColumn<float>("x");
            Assert.True(t.IsReadOnly);
            var e = Assert.Throws<InvalidOperationException>(() => MaskedTensor.Exp(t, t));
            Assert.Contains("read-only", e.Message);
            var p = t.Detach();
            Assert.True(p.IsReadOnly);
            Assert.Throws<ArgumentException>(() => new MaskedSgd<float>([p.RequireGrad()], 0.1));
            t.Buffer.Span[0] = 42; // copy-on-write mapping: a private page changes, the file does not, nothing faults
            Assert.Equal(original, File.ReadAllBytes(path));
            var fresh = ArrowIpc.ReadStream(File.ReadAllBytes(path))[0].GetMaskedColumn<float>("x");
            Assert.False(fresh.IsReadOnly);
            Assert.Equal(1f, fresh.ToArray()[0]);
            var writable = t.Clone();
            MaskedTensor.Exp(writable, writable);
            Assert.False(writable.IsReadOnly);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void WritersRejectABatchWithAnotherSchema()
    {
        var a = Batch("x", new FloatArray.Builder().Append(1).Build());
        var b = Batch("x", new DoubleArray.Builder().Append(1).Build());
        var c = Batch("y", new FloatArray.Builder().Append(1).Build());
        var path = Path.GetTempFileName();
        try
        {
            var e = Assert.Throws<ArgumentException>(() => ArrowIpc.WriteFile(path, [a, b]));
            Assert.Equal("batches", e.ParamName);
            Assert.Contains("Batch 1", e.Message);
            Assert.Contains("'x'", e.Message);
            var s = Assert.Throws<ArgumentException>(() => ArrowIpc.WriteStream(new MemoryStream(), [a, c]));
            Assert.Equal("batches", s.ParamName);
            Assert.Contains("'y'", s.Message);
            ArrowIpc.WriteFile(path, [a, a]);
            Assert.Equal(2, ArrowIpc.ReadFile(path).Count);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("{\"shape\": [\"2\", 2]}")]
    [InlineData("{\"shape\": [2.5, 2]}")]
    [InlineData("{\"shape\": [2, 2], \"permutation\": [\"a\", 0]}")]
    [InlineData("{\"shape\": [2, 2], \"dim_names\": [1, 2]}")]
    [InlineData("[1, 2]")]
    public void FixedShapeTensorMetadataWithWrongJsonTypesNamesTheProblem(string metadata)
    {
        var storage = new FixedSizeListType(new Field("item", FloatType.Default, true), 4);
        var e = Assert.Throws<ArgumentException>(() => FixedShapeTensorType.Parse(storage, metadata));
        Assert.Contains("arrow.fixed_shape_tensor", e.Message);
        Assert.Contains(metadata, e.Message);
    }

    [Fact]
    public void FixedSizeListWithAShortRowBitmapIsRejected()
    {
        var child = new FloatArray.Builder().AppendRange(Enumerable.Range(0, 40).Select(i => (float)i)).Build();
        var list = new FixedSizeListArray(new ArrayData(new FixedSizeListType(new Field("item", FloatType.Default, true), 2), 20, 1, 0,
            [new ArrowBuffer(new byte[] { 0xFF })], [child.Data]));
        var e = Assert.Throws<ArgumentException>(() => list.AsMaskedTensor<float>());
        Assert.Contains("row bitmap", e.Message);
        Assert.Throws<InvalidDataException>(() => ArrowArrayValidator.Validate(list, "v"));
    }
}
