using System.Diagnostics;
using Apache.Arrow;
using Apache.Arrow.Types;
using Masked.Arrow;
using Microsoft.ML;
using Microsoft.ML.Data;
using Xunit;

namespace Masked.ML.Tests;

/// <summary>Corrupt Arrow/Parquet input through the readers and the ML.NET data views: a clear exception, never a crash or wrong data.</summary>
public class UntrustedInputTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static RecordBatch TextBatch()
    {
        var name = new StringArray.Builder().Append("abc").Append("de").Build();
        var x = new FloatArray.Builder().Append(1).Append(2).Build();
        var schema = new Schema.Builder().Field(f => f.Name("x").DataType(FloatType.Default)).Field(f => f.Name("name").DataType(StringType.Default)).Build();
        return new RecordBatch(schema, [x, name], 2);
    }

    /// <summary>The stream bytes with the last utf8 offset (5) moved <paramref name="past"/> bytes beyond the values.</summary>
    private static byte[] StreamWithBadOffset(int past)
    {
        var ms = new MemoryStream();
        ArrowIpc.WriteStream(ms, [TextBatch()]);
        var bytes = ms.ToArray();
        var pattern = new byte[] { 0, 0, 0, 0, 3, 0, 0, 0, 5, 0, 0, 0 };
        int at = bytes.AsSpan().IndexOf(pattern);
        Assert.True(at >= 0, "utf8 offsets not found in the stream");
        BitConverter.TryWriteBytes(bytes.AsSpan(at + 8), 5 + past);
        return bytes;
    }

    [Theory]
    [InlineData(4096)]
    [InlineData(64 << 20)]
    public void Utf8OffsetPastTheValuesIsRejectedByEveryReader(int past)
    {
        var bytes = StreamWithBadOffset(past);
        var e = Assert.Throws<InvalidDataException>(() => ArrowIpc.ReadStream(bytes, "bad.arrows"));
        Assert.Contains("'name'", e.Message);
        Assert.Contains("batch 0", e.Message);
        Assert.Contains("bad.arrows", e.Message);
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, bytes);
            var m = Assert.Throws<InvalidDataException>(() => ArrowIpc.ReadStreamMapped(path));
            Assert.Contains("'name'", m.Message);
            Assert.Contains(path, m.Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void InMemoryBatchWithBadOffsetsFailsInTheDataViewNamingColumnAndBatch()
    {
        var good = TextBatch();
        var offsets = new ArrowBuffer(new byte[] { 0, 0, 0, 0, 3, 0, 0, 0, 0, 16, 0, 0 }); // last offset 4096
        var values = new ArrowBuffer("abcde"u8.ToArray());
        var bad = new StringArray(new ArrayData(StringType.Default, 2, 0, 0, [ArrowBuffer.Empty, offsets, values]));
        var badBatch = new RecordBatch(good.Schema, [good.Column(0), bad], 2);
        var view = new MLContext(seed: 1).Data.LoadFromArrow([good, badBatch]);
        var e = Assert.Throws<InvalidDataException>(() => view.GetColumn<ReadOnlyMemory<char>>("name").ToArray());
        Assert.Contains("'name'", e.Message);
        Assert.Contains("batch 1", e.Message);
        Assert.Contains("4096", e.Message);
    }

    [Fact]
    public void DecreasingOffsetsShortBitmapsAndShortChildrenAreRejected()
    {
        var decreasing = new StringArray(new ArrayData(StringType.Default, 2, 0, 0,
            [ArrowBuffer.Empty, new ArrowBuffer(new byte[] { 0, 0, 0, 0, 4, 0, 0, 0, 2, 0, 0, 0 }), new ArrowBuffer("abcd"u8.ToArray())]));
        Assert.Contains("decrease", Assert.Throws<InvalidDataException>(() => ArrowArrayValidator.Validate(decreasing, "s", 2, "f.arrow")).Message);

        var shortBitmap = new FloatArray(new ArrayData(FloatType.Default, 20, 3, 0, [new ArrowBuffer(new byte[1]), new ArrowBuffer(new byte[80])]));
        var b = Assert.Throws<InvalidDataException>(() => ArrowArrayValidator.Validate(shortBitmap, "x", 0));
        Assert.Contains("validity bitmap", b.Message);
        Assert.Contains("'x'", b.Message);

        var child = new FloatArray.Builder().Append(1).Append(2).Append(3).Build();
        var list = new FixedSizeListArray(new ArrayData(new FixedSizeListType(new Field("item", FloatType.Default, true), 2), 2, 0, 0, [ArrowBuffer.Empty], [child.Data]));
        Assert.Contains("need 4 items", Assert.Throws<InvalidDataException>(() => ArrowArrayValidator.Validate(list, "v")).Message);

        var badUtf8 = new StringArray(new ArrayData(StringType.Default, 1, 0, 0,
            [ArrowBuffer.Empty, new ArrowBuffer(new byte[] { 0, 0, 0, 0, 2, 0, 0, 0 }), new ArrowBuffer(new byte[] { 0xC3, 0x28 })]));
        Assert.Contains("UTF-8", Assert.Throws<InvalidDataException>(() => ArrowArrayValidator.Validate(badUtf8, "t")).Message);
    }

    [Fact]
    public void ConvertingCopyChecksBuffersBeforeAllocating()
    {
        // A 20-byte buffer claiming 300M int16 values: rejected before a 1.2 GB allocation.
        var bogus = new Int16Array(new ArrayData(Int16Type.Default, 300_000_000, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(new byte[20])]));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(() => bogus.ToMaskedTensor<int>());
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20, "allocated before checking");
        Assert.Contains("value buffer", e.Message);
    }

    [Fact]
    public void MixedSchemasInLoadFromArrowNameTheColumnAndBatch()
    {
        var a = TextBatch();
        var y = new DoubleArray.Builder().Append(1).Append(2).Build();
        var schema = new Schema.Builder().Field(f => f.Name("x").DataType(DoubleType.Default)).Field(f => f.Name("name").DataType(StringType.Default)).Build();
        var b = new RecordBatch(schema, [y, a.Column(1)], 2);
        var e = Assert.Throws<ArgumentException>(() => new MLContext(seed: 1).Data.LoadFromArrow([a, b]));
        Assert.Equal("batches", e.ParamName);
        Assert.Contains("Batch 1", e.Message);
        Assert.Contains("'x'", e.Message);
    }

    [Fact]
    public void ParquetErrorsNameTheFile()
    {
        var dir = Directory.CreateTempSubdirectory("masked-parquet-errors").FullName;
        try
        {
            var json = Path.Combine(dir, "data.parquet");
            File.WriteAllText(json, "{\"x\": [1, 2, 3]}");
            var e1 = Assert.Throws<InvalidDataException>(() => ParquetTensors.ReadMaskedColumns(json).ToList());
            Assert.Contains(json, e1.Message);
            var ml = new MLContext(seed: 1);
            var e2 = Assert.Throws<InvalidDataException>(() => ml.Data.LoadFromParquet(json));
            Assert.Contains(json, e2.Message);
            var e3 = Assert.Throws<ArgumentException>(() => ml.Data.LoadFromParquet(dir));
            Assert.Equal("path", e3.ParamName);
            Assert.Contains("directory", e3.Message);
            var e4 = Assert.Throws<ArgumentException>(() => ParquetTensors.ReadBatches(dir).ToList());
            Assert.Contains("directory", e4.Message);
            var missing = Path.Combine(dir, "missing.parquet");
            Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => ParquetTensors.ReadBatches(missing)).Message);
            var truncated = Path.Combine(dir, "t.parquet");
            ParquetTensors.Write(truncated, [("x", MaskedTensor.FromArray(new float[] { 1, 2, 3 }, 3))]);
            var full = File.ReadAllBytes(truncated);
            File.WriteAllBytes(truncated, full.AsSpan(0, full.Length / 2).ToArray());
            Assert.Contains(truncated, Assert.Throws<InvalidDataException>(() => ParquetTensors.ReadMaskedColumns(truncated).ToList()).Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void ListColumnsLargeUtf8DatesAndTextNullsReachMlNet()
    {
        var batch = Masked.Fuzz.FuzzInputs.Batch(30, 5, forParquet: true);
        var dir = Directory.CreateTempSubdirectory("masked-types").FullName;
        try
        {
            var path = Path.Combine(dir, "types.parquet");
            ParquetTensors.Write(path, [batch]);
            var ml = new MLContext(seed: 1);
            foreach (var view in new[] { ml.Data.LoadFromArrow([batch], includeMaskColumns: true), ml.Data.LoadFromParquet(path, batchSize: 7, includeMaskColumns: true) })
            {
                Assert.Empty(view.SkippedColumns);
                Assert.Equal(TextDataViewType.Instance, view.Schema["large_text"].Type);
                Assert.Equal(DateTimeOffsetDataViewType.Instance, view.Schema["time"].Type);
                Assert.Equal(DateTimeDataViewType.Instance, view.Schema["day"].Type);
                var listType = Assert.IsType<VectorDataViewType>(view.Schema["list"].Type);
                Assert.Equal(NumberDataViewType.Single, listType.ItemType);
                var textMask = view.GetColumn<bool>("text.Mask").ToArray();
                var text = view.GetColumn<ReadOnlyMemory<char>>("text").Select(m => m.ToString()).ToArray();
                var times = view.GetColumn<DateTimeOffset>("time").ToArray();
                var days = view.GetColumn<DateTime>("day").ToArray();
                var expectedText = (StringArray)batch.Column(6);
                var expectedTime = (TimestampArray)batch.Column(9);
                var expectedDay = (Date32Array)batch.Column(10);
                for (int r = 0; r < batch.Length; r++)
                {
                    Assert.Equal(expectedText.IsValid(r), textMask[r]);
                    Assert.Equal(expectedText.GetString(r) ?? "", text[r]);
                    if (expectedTime.IsValid(r)) Assert.Equal(expectedTime.GetTimestamp(r)!.Value, times[r]);
                    if (expectedDay.IsValid(r)) Assert.Equal(expectedDay.GetDateTime(r)!.Value, days[r]);
                }
                var lists = (ListArray)batch.Column(12);
                var items = (FloatArray)lists.Values;
                var listValues = view.GetColumn<float[]>("list").ToArray();
                var listMask = view.GetColumn<bool[]>("list.Mask").ToArray();
                for (int r = 0; r < batch.Length; r++)
                {
                    if (lists.IsNull(r)) { Assert.All(listMask[r], m => Assert.False(m)); continue; }
                    for (int k = 0; k < lists.GetValueLength(r); k++)
                    {
                        int ci = lists.ValueOffsets[r] + k;
                        Assert.Equal(items.IsValid(ci), listMask[r][k]);
                        if (items.IsValid(ci)) Assert.Equal(items.GetValue(ci)!.Value, listValues[r][k]);
                        else Assert.True(float.IsNaN(listValues[r][k]));
                    }
                }
            }
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void UnsupportedColumnsAreReportedNotDroppedSilently()
    {
        var dec = new Decimal128Array.Builder(new Decimal128Type(10, 2)).Append(1.5m).Build();
        var x = new FloatArray.Builder().Append(1).Build();
        var schema = new Schema.Builder().Field(f => f.Name("x").DataType(FloatType.Default)).Field(f => f.Name("price").DataType(dec.Data.DataType)).Build();
        var view = new MLContext(seed: 1).Data.LoadFromArrow([new RecordBatch(schema, [x, dec], 1)]);
        Assert.Single(view.SkippedColumns);
        Assert.Contains("price", view.SkippedColumns[0]);
        Assert.Null(view.Schema.GetColumnOrNull("price"));
    }

    [Fact]
    public void MaskedLinearWithAMisspelledLabelColumnThrows()
    {
        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 20).Select(i => new LinRow { Features = [i, 1], Label = 2 * i }).ToArray();
        var data = ml.Data.LoadFromEnumerable(rows);
        var e = Assert.Throws<ArgumentException>(() => ml.Regression.Trainers.MaskedLinear(labelColumnName: "Lable").Fit(data));
        Assert.Contains("'Lable'", e.Message);
        Assert.Equal("input", e.ParamName);
        Assert.Equal("l2", Assert.Throws<ArgumentOutOfRangeException>(() => ml.Regression.Trainers.MaskedLinear(l2: double.NaN)).ParamName);
    }

    [Fact]
    public void NaNAggregateCorrectionIsRejected()
    {
        var ml = new MLContext(seed: 1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ml.Transforms.MaskedAggregate("o", "i", MaskedAggregation.Variance, correction: double.NaN));
        Assert.Equal("correction", e.ParamName);
    }

    private sealed class LinRow
    {
        [VectorType(2)] public float[] Features { get; set; } = [];
        public float Label { get; set; }
    }

    // ---- child-process checks ----

    private static (int code, string stdout, string stderr) RunChild(TimeSpan timeout, params string[] args)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(host) || !File.Exists(host)) host = "dotnet";
        var psi = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout)) { p.Kill(entireProcessTree: true); Assert.Fail($"child '{string.Join(' ', args)}' did not finish within {timeout}"); }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void FuzzedIpcAndParquetInputsNeverCrashAndOnlyRaiseInvalidData()
    {
        var (code, stdout, stderr) = RunChild(TimeSpan.FromMinutes(3), "fuzz", "600", "12");
        Assert.True(code == 0, $"fuzz child exited with {code} (a crash is a non-zero exit):\n{stdout}\n{stderr}");
        var line = stdout.Split('\n').Single(l => l.StartsWith("fuzz ", StringComparison.Ordinal));
        output.WriteLine(line);
        var counts = line.Split(' ').Skip(1).Select(kv => kv.Split('=')).ToDictionary(kv => kv[0], kv => kv[1]);
        Assert.Equal("600", counts["inputs"]);
        Assert.Equal("0", counts["unexpected"]);
        Assert.True(int.Parse(counts["rejected"]) > 0, line);
        Assert.True(int.Parse(counts["ok"]) > 0, line);
        if (OperatingSystem.IsLinux()) Assert.Equal("on", counts["guard_pages"]);
    }

    [Fact]
    public void ParquetPeakMemoryIsBoundedByTheBatchNotTheFile()
    {
        var dir = Directory.CreateTempSubdirectory("masked-parquet-memory").FullName;
        try
        {
            long Peak(int rows)
            {
                var path = Path.Combine(dir, $"{rows}.parquet");
                var data = new float[rows];
                var wide = new double[rows];
                var valid = new bool[rows];
                for (int i = 0; i < rows; i++) { data[i] = i % 1000; wide[i] = i * 0.5; valid[i] = i % 10 != 0; }
                var x = MaskedTensor.Create(data, valid, rows);
                var y = MaskedTensor.Create(wide, valid, rows);
                var batch = RecordBatchExtensions.ToRecordBatch([("x", x)]);
                var batch2 = RecordBatchExtensions.ToRecordBatch([("y", y), ("z", y)]);
                var both = new RecordBatch(new Schema([batch.Schema.FieldsList[0], batch2.Schema.FieldsList[0], batch2.Schema.FieldsList[1]], null),
                    [batch.Column(0), batch2.Column(0), batch2.Column(1)], rows);
                ParquetTensors.Write(path, [both], rowGroupSize: 1 << 20); // 20 bytes a row: 100 MB of values at 5M rows
                var (code, stdout, stderr) = RunChild(TimeSpan.FromMinutes(2), "parquet-memory", path);
                Assert.True(code == 0, stdout + stderr);
                var kv = stdout.Trim().Split(' ').Select(s => s.Split('=')).ToDictionary(a => a[0], a => a[1]);
                output.WriteLine(stdout.Trim());
                Assert.Equal(rows.ToString(), kv["rows"]);
                return long.Parse(kv["peak_working_set"]);
            }
            long small = Peak(1_000_000), large = Peak(5_000_000);
            output.WriteLine($"parquet-memory peak_working_set 1M rows: {small / 1e6:F0} MB, 5M rows: {large / 1e6:F0} MB (ratio {(double)large / small:F2})");
            Assert.True(large <= small * 1.5, $"peak working set {large / 1e6:F0} MB for 5M rows vs {small / 1e6:F0} MB for 1M rows");
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void TruncatingAMappedFileUnderALiveTensorEndsTheProcessAsDocumented()
    {
        if (!OperatingSystem.IsLinux()) return;
        var path = Path.GetTempFileName();
        try
        {
            var n = 1 << 16; // several pages, so the tensor's pages lie beyond the new end of the file
            var ms = new MemoryStream();
            ArrowIpc.WriteStream(ms, [RecordBatchExtensions.ToRecordBatch([("x", MaskedTensor.FromArray(Enumerable.Repeat(1f, n).ToArray(), n))])]);
            File.WriteAllBytes(path, ms.ToArray());
            var (code, stdout, stderr) = RunChild(TimeSpan.FromMinutes(1), "mapped-truncate", path);
            Assert.Contains($"before={n}", stdout);
            Assert.DoesNotContain("after=", stdout);   // the read past the new end never returns data
            Assert.NotEqual(0, code);                   // SIGBUS ends the child (documented in the README)
        }
        finally { File.Delete(path); }
    }
}
