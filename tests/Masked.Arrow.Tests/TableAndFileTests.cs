using Apache.Arrow;
using Apache.Arrow.Types;
using Xunit;

namespace Masked.Arrow.Tests;

public class TableAndFileTests
{
    private static RecordBatch Batch()
    {
        var a = new FloatArray.Builder().Append(1).AppendNull().Append(3).Append(4).Build();
        var b = new DoubleArray.Builder().Append(10).Append(20).AppendNull().Append(40).Build();
        var c = new Int16Array.Builder().Append(5).Append(6).Append(7).AppendNull().Build();
        var schema = new Schema.Builder()
            .Field(f => f.Name("a").DataType(FloatType.Default))
            .Field(f => f.Name("b").DataType(DoubleType.Default))
            .Field(f => f.Name("c").DataType(Int16Type.Default)).Build();
        return new RecordBatch(schema, [a, b, c], 4);
    }

    [Fact]
    public void RecordBatchBecomesNamedColumns()
    {
        var cols = Batch().ToMaskedColumns();
        Assert.Equal(new[] { "a", "b", "c" }, cols.Select(c => c.Name));
        Assert.False(cols[0].IsCopy);
        Assert.True(cols[2].IsCopy);
        Assert.Equal(typeof(int), cols[2].ElementType);
        Assert.Equal(18, cols[2].As<int>().Sum().Item());
        Assert.Equal(70.0, cols[1].As<double>().Sum().Item());
        var ex = Assert.Throws<InvalidCastException>(() => cols[0].As<double>());
        Assert.Contains("'a'", ex.Message);
    }

    [Fact]
    public void StackingColumnsIsANamedCopy()
    {
        var m = Batch().StackColumnsCopy<double>("a", "b", "c");
        Assert.Equal(new[] { 4, 3 }, m.Shape);
        Assert.Equal(new[] { true, true, true, false, true, true, true, false, true, true, true, false }, m.MaskToBools());
        Assert.Equal(new double[] { 1, 10, 5 }, m[0].ToArray());
        var ex = Assert.Throws<ArgumentException>(() => Batch().StackColumnsCopy<double>("a", "zz"));
        Assert.Contains("zz", ex.Message);
    }

    [Fact]
    public void UnsupportedColumnTypeNamesTheColumn()
    {
        var schema = new Schema.Builder().Field(f => f.Name("name").DataType(StringType.Default)).Build();
        var batch = new RecordBatch(schema, [new StringArray.Builder().Append("x").Build()], 1);
        var ex = Assert.Throws<NotSupportedException>(() => batch.ToMaskedColumns());
        Assert.Contains("Column 'name'", ex.Message);
        var ex2 = Assert.Throws<ArgumentException>(() => batch.GetMaskedColumn<float>("nope"));
        Assert.Contains("nope", ex2.Message);
    }

    [Fact]
    public void ChunkedArrayGivesOneTensorPerChunkAndAnExplicitConcatenation()
    {
        var c1 = new FloatArray.Builder().Append(1).AppendNull().Build();
        var c2 = new FloatArray.Builder().Append(3).Append(4).Append(5).Build();
        var chunked = new ChunkedArray([c1, c2]);
        var parts = chunked.ToMaskedTensors<float>();
        Assert.Equal(2, parts.Count);
        Assert.Equal(3, parts[1].Length);
        var all = chunked.ConcatenateCopy<float>();
        Assert.Equal(new[] { true, false, true, true, true }, all.MaskToBools());
        Assert.Equal(13f, all.Sum().Item());
        var table = new Table(new Schema.Builder().Field(f => f.Name("v").DataType(FloatType.Default)).Build(), [new Column(new Field("v", FloatType.Default, true), [c1, c2])]);
        Assert.Equal(2, table.ToMaskedTensors<float>()["v"].Count);
    }

    [Fact]
    public void IpcStreamIsReadZeroCopyFromMemoryAndFromAMappedFile()
    {
        var ms = new MemoryStream();
        ArrowIpc.WriteStream(ms, [Batch()]);
        var bytes = ms.ToArray();
        var batch = ArrowIpc.ReadStream(bytes).Single();
        var a = batch.GetMaskedColumn<float>("a");
        unsafe
        {
            fixed (byte* start = bytes)
            fixed (float* p = a.Buffer.Span)
                Assert.InRange((nint)p, (nint)start, (nint)(start + bytes.Length));
        }
        Assert.Equal(8f, a.Sum().Item());
        var path = Path.Combine(Path.GetTempPath(), $"stream-{Guid.NewGuid():N}.arrows");
        File.WriteAllBytes(path, bytes);
        try
        {
            var mapped = ArrowIpc.ReadStreamMapped(path).Single();
            var t = mapped.GetMaskedColumn<double>("b");
            mapped.Dispose();
            GC.Collect(); GC.WaitForPendingFinalizers();
            Assert.Equal(70.0, t.Sum().Item());
        }
        finally
        {
            GC.Collect(); GC.WaitForPendingFinalizers();
            try { File.Delete(path); } catch (IOException) { }
        }
    }

    [Fact]
    public void FlightsFileFromAnotherImplementationReads()
    {
        var batches = ArrowIpc.ReadFile(ArrowTestData.DataPath("flights-200k.arrow"));
        var batch = Assert.Single(batches);
        Assert.Equal(200_000, batch.Length);
        var cols = batch.ToMaskedColumns();
        var time = cols.Single(c => c.Name == "time");
        Assert.False(time.IsCopy);
        var arr = (FloatArray)batch.Column("time");
        double expected = 0;
        for (int i = 0; i < arr.Length; i++) expected += arr.GetValue(i) ?? 0;
        Assert.Equal(expected, time.As<float>().Sum().Item(), Math.Abs(expected) * 1e-6);
        var delay = cols.Single(c => c.Name == "delay").As<int>();
        var d16 = (Int16Array)batch.Column("delay");
        Assert.Equal(Enumerable.Range(0, d16.Length).Max(i => (int)d16.GetValue(i)!.Value), delay.Amax().Item());
        Assert.Equal(200_000, delay.ValidCount);
    }

    [Fact]
    public void TruncatedOrCorruptIpcFilesRaiseInvalidData()
    {
        var bytes = File.ReadAllBytes(ArrowTestData.DataPath("flights-200k.arrow"));
        var path = Path.Combine(Path.GetTempPath(), $"trunc-{Guid.NewGuid():N}.arrow");
        try
        {
            File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
            var ex = Assert.Throws<InvalidDataException>(() => ArrowIpc.ReadFile(path));
            Assert.Contains(path, ex.Message);
            var junk = new byte[4096];
            new Random(3).NextBytes(junk);
            File.WriteAllBytes(path, junk);
            Assert.Throws<InvalidDataException>(() => ArrowIpc.ReadFile(path));
            Assert.Throws<InvalidDataException>(() => ArrowIpc.ReadStream(junk));
            var streamBytes = new MemoryStream();
            ArrowIpc.WriteStream(streamBytes, [Batch()]);
            Assert.Throws<InvalidDataException>(() => ArrowIpc.ReadStream(streamBytes.ToArray()[..100]));
        }
        finally { File.Delete(path); }
        Assert.Throws<FileNotFoundException>(() => ArrowIpc.ReadFile("/nonexistent/x.arrow"));
    }
}
